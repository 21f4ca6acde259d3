/**
 * `winkQuery`: the Claude Agent SDK's `query()` with wink's hooks added. The SDK is an optional peer dependency,
 * loaded when first needed: from wherever this package resolves it, else from the project in `process.cwd()`.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WinkError } from '../errors.js';
import type { WinkSession } from '../session/types.js';
import { createWinkClaudeAgent, type WinkClaudeAgentOptions } from './hooks.js';
import type { ClaudeAgentHookMatcher, ClaudeAgentHooks } from './types.js';

/** The SDK's npm package. */
export const CLAUDE_AGENT_SDK_PACKAGE = '@anthropic-ai/claude-agent-sdk';

/** The SDK versions these hooks were checked against (the optional peer dependency's range). */
export const CLAUDE_AGENT_SDK_RANGE = '>=0.3.0 <0.4.0';

/** The SDK is not installed where wink or the project can load it (or what is installed has no `query()`). */
export class ClaudeAgentSdkMissingError extends WinkError {
  constructor(options?: { cause?: unknown; found?: boolean }) {
    const problem = options?.found ? 'was found but has no query() export' : 'is not installed';
    super(`${CLAUDE_AGENT_SDK_PACKAGE} ${problem}: install it with \`npm install ${CLAUDE_AGENT_SDK_PACKAGE}@"${CLAUDE_AGENT_SDK_RANGE}"\` to use winkQuery (winkHooks works without it)`, options);
    this.name = 'ClaudeAgentSdkMissingError';
  }
}

/** The `hooks` option as the SDK takes it: any event, the caller's matchers (of the SDK's own types) and wink's. */
export type ClaudeAgentHooksOption = Partial<Record<string, ReadonlyArray<ClaudeAgentHookMatcher | object>>>;

/** What `query()` takes (`{ prompt, options? }`); options other than `hooks` are passed on untouched. */
export interface ClaudeAgentQueryParameters {
  prompt: string | AsyncIterable<unknown>;
  options?: { hooks?: ClaudeAgentHooksOption; [option: string]: unknown };
}

/** The SDK module, as far as wink uses it. */
export interface ClaudeAgentSdkModule<Query = AsyncGenerator<unknown, void>> {
  query(parameters: ClaudeAgentQueryParameters): Query;
}

/** Imports a module by name (a variable, so no bundler or compiler resolves the optional SDK ahead of time). */
function importByName(specifier: string): Promise<unknown> {
  return import(specifier) as Promise<unknown>;
}

/**
 * Loads the SDK: `import()` from here, else resolved from `directory` (default `process.cwd()`). Throws
 * {@link ClaudeAgentSdkMissingError} when neither finds it (with the first error as its cause); an error of the
 * SDK found in `directory` while it loads is passed on.
 */
export async function loadClaudeAgentSdk<Query = AsyncGenerator<unknown, void>>(directory: string = process.cwd()): Promise<ClaudeAgentSdkModule<Query>> {
  let loaded: unknown;
  try {
    loaded = await importByName(CLAUDE_AGENT_SDK_PACKAGE);
  } catch (error) {
    // Not found from here (or a bundler stubbed the optional peer out): look in the project being run.
    let resolved: string;
    try {
      resolved = createRequire(join(directory, 'package.json')).resolve(CLAUDE_AGENT_SDK_PACKAGE);
    } catch {
      throw new ClaudeAgentSdkMissingError({ cause: error });
    }
    loaded = await importByName(pathToFileURL(resolved).href);
  }
  const module = loaded as Partial<ClaudeAgentSdkModule<Query>> | undefined;
  if (typeof module?.query !== 'function') throw new ClaudeAgentSdkMissingError({ found: true });
  return module as ClaudeAgentSdkModule<Query>;
}

/** The caller's hooks with wink's added after them, event by event (the caller's own matchers are kept first). */
export function mergeHooks(callerHooks: ClaudeAgentHooksOption | undefined, winkHooks: ClaudeAgentHooks): ClaudeAgentHooksOption {
  const merged: ClaudeAgentHooksOption = { ...callerHooks };
  for (const [event, matchers] of Object.entries(winkHooks)) merged[event] = [...(merged[event] ?? []), ...(matchers ?? [])];
  return merged;
}

/**
 * The query, with the session closed once the query's messages end (the SDK 0.3.329 does not call a SessionEnd hook
 * at the end of a `query()`). Everything else of the query (its control methods) is passed through.
 */
function closingWhenDone<Query>(query: Query, session: WinkSession): Query {
  if (typeof query !== 'object' || query === null || typeof (query as { next?: unknown }).next !== 'function') return query;
  const iterator = query as unknown as AsyncIterator<unknown>;
  const close = (): void => void session.close();
  const proxy: Query = new Proxy(query, {
    get(target, property) {
      if (property === Symbol.asyncIterator) return () => proxy;
      if (property === 'next' || property === 'return' || property === 'throw') {
        return async (...values: unknown[]) => {
          const method = iterator[property] as (...values: unknown[]) => Promise<IteratorResult<unknown>>;
          try {
            const result = await method.apply(target, values);
            if (result.done) close();
            return result;
          } catch (error) {
            close();
            throw error;
          }
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...values: unknown[]) => unknown).bind(target) : value;
    },
  });
  return proxy;
}

/**
 * Runs `query(parameters)` with wink's hooks merged into `parameters.options.hooks`. Pass `options.session` to
 * keep the session (for `summary()`); the session is closed when the query's messages end. Rejects with
 * {@link ClaudeAgentSdkMissingError} when the SDK is not installed.
 */
export async function winkQuery<Query = AsyncGenerator<unknown, void>>(parameters: ClaudeAgentQueryParameters, options: WinkClaudeAgentOptions = {}): Promise<Query> {
  const sdk = await loadClaudeAgentSdk<Query>();
  const { hooks, session } = createWinkClaudeAgent(options);
  const given = parameters.options ?? {};
  return closingWhenDone(sdk.query({ ...parameters, options: { ...given, hooks: mergeHooks(given.hooks, hooks) } }), session);
}
