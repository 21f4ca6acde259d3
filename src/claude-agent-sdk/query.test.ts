import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTemporaryFolder, temporaryFolder } from '../../test/support/temporary-folders.js';
import { ClaudeAgentSdkMissingError, CLAUDE_AGENT_SDK_PACKAGE, CLAUDE_AGENT_SDK_RANGE, loadClaudeAgentSdk, mergeHooks, winkQuery } from './query.js';
import { createWinkSession } from '../session/session.js';
import type { WinkSession } from '../session/types.js';
import { WINK_HOOK_EVENTS } from './hooks.js';

const folders: string[] = [];
const startDirectory = process.cwd();
afterEach(async () => {
  process.chdir(startDirectory);
  for (const folder of folders.splice(0)) await removeTemporaryFolder(folder);
});

/** A project folder with a stand-in SDK package in its node_modules (its module body given). */
function projectWithSdk(moduleBody: string): string {
  const project = temporaryFolder('wink-claude-agent-sdk-');
  folders.push(project);
  const packageFolder = join(project, 'node_modules', ...CLAUDE_AGENT_SDK_PACKAGE.split('/'));
  mkdirSync(packageFolder, { recursive: true });
  writeFileSync(join(packageFolder, 'package.json'), JSON.stringify({ name: CLAUDE_AGENT_SDK_PACKAGE, version: '0.3.329', type: 'module', exports: { '.': { default: './sdk.mjs' } } }));
  writeFileSync(join(packageFolder, 'sdk.mjs'), moduleBody);
  return project;
}

/** A stand-in `query()` that returns what it was called with. */
const RECORDING_SDK = 'export function query(parameters) { return { parameters }; }\n';

describe('loading the Claude Agent SDK', () => {
  it('is absent from this checkout: a ClaudeAgentSdkMissingError naming the package and the install command', async () => {
    const empty = temporaryFolder('wink-claude-agent-sdk-');
    folders.push(empty);
    const attempt = loadClaudeAgentSdk(empty);
    await expect(attempt).rejects.toBeInstanceOf(ClaudeAgentSdkMissingError);
    await expect(attempt).rejects.toThrow(`npm install ${CLAUDE_AGENT_SDK_PACKAGE}@"${CLAUDE_AGENT_SDK_RANGE}"`);
  });

  it('winkQuery rejects the same way when the SDK is absent', async () => {
    const empty = temporaryFolder('wink-claude-agent-sdk-');
    folders.push(empty);
    process.chdir(empty);
    await expect(winkQuery({ prompt: 'hello' })).rejects.toBeInstanceOf(ClaudeAgentSdkMissingError);
  });

  it.each([
    { name: 'a module without query()', body: 'export const version = 1;\n', error: ClaudeAgentSdkMissingError, message: "was found but has no query() export" },
    { name: 'a module that fails to load', body: "throw new Error('broken install');\n", error: Error, message: 'broken install' },
  ])('is found in the project of the working directory but is $name: the error says so', async ({ body, error, message }) => {
    const attempt = loadClaudeAgentSdk(projectWithSdk(body));
    await expect(attempt).rejects.toBeInstanceOf(error);
    await expect(attempt).rejects.toThrow(message);
  });

  it("winkQuery calls the project's query() with wink's hooks after the caller's, every other option untouched", async () => {
    process.chdir(projectWithSdk(RECORDING_SDK));
    const callerHook = { matcher: 'Bash', hooks: [() => Promise.resolve({})] };
    const result = await winkQuery<{ parameters: { prompt: string; options: Record<string, unknown> & { hooks: Record<string, unknown[]> } } }>({
      prompt: 'fix the build',
      options: { cwd: '/tmp/project', settingSources: [], hooks: { PostToolUse: [callerHook], Notification: [callerHook] } },
    });
    const { prompt, options } = result.parameters;
    expect(prompt).toBe('fix the build');
    expect(options.cwd).toBe('/tmp/project');
    expect(options.settingSources).toEqual([]);
    expect(Object.keys(options.hooks).sort()).toEqual([...new Set([...WINK_HOOK_EVENTS, 'Notification'])].sort());
    expect(options.hooks.PostToolUse).toEqual([callerHook, { hooks: [expect.any(Function)] }]);
    expect(options.hooks.Notification).toEqual([callerHook]);
    expect(options.hooks.PreToolUse).toEqual([{ hooks: [expect.any(Function)] }]);
  });
});

/** A stand-in `query()` returning an async generator of two messages with a control method, as the SDK's Query. */
const STREAMING_SDK = `export function query() {
  const messages = (async function* () { yield { type: 'assistant' }; yield { type: 'result', subtype: 'success' }; })();
  messages.interrupt = async function () { return 'interrupted'; };
  return messages;
}
`;

describe('winkQuery: the session ends with the query', () => {
  it('closes the session once the messages end, and passes the query methods through', async () => {
    process.chdir(projectWithSdk(STREAMING_SDK));
    const session = createWinkSession();
    const closed: string[] = [];
    const watched: WinkSession = {
      id: session.id, delivers: session.delivers, observe: (input) => session.observe(input), guidance: () => session.guidance(), beforeToolCall: (call, options) => session.beforeToolCall(call, options),
      beforeStop: (message, options) => session.beforeStop(message, options), summary: () => session.summary(), close: () => (closed.push('close'), session.close()),
    };
    const query = await winkQuery<AsyncGenerator<{ type: string }> & { interrupt(): Promise<string> }>({ prompt: 'hello' }, { session: watched });
    await expect(query.interrupt()).resolves.toBe('interrupted');
    const types: string[] = [];
    for await (const message of query) {
      types.push(message.type);
      expect(closed).toEqual([]);
    }
    expect(types).toEqual(['assistant', 'result']);
    expect(closed).toEqual(['close']);
  });
});

describe('mergeHooks', () => {
  const wink = { hooks: [() => Promise.resolve({})] };
  const caller = { matcher: 'Edit', hooks: [() => Promise.resolve({})] };
  it.each([
    { name: 'no caller hooks', callerHooks: undefined, expected: { Stop: [wink] } },
    { name: 'the caller hooks the same event', callerHooks: { Stop: [caller] }, expected: { Stop: [caller, wink] } },
    { name: 'the caller hooks another event', callerHooks: { PreCompact: [caller] }, expected: { PreCompact: [caller], Stop: [wink] } },
  ])('$name', ({ callerHooks, expected }) => {
    expect(mergeHooks(callerHooks, { Stop: [wink] })).toEqual(expected);
  });
});
