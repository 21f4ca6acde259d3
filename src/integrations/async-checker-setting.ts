/**
 * Whether a hook schedules asynchronous checks at all. A job only makes sense when something will check it:
 * a checker module (`observer.asyncChecker` / `WINK_ASYNC_CHECKER`) or an LLM model for the built-in checker
 * (`llm.model` / `WINK_LLM_MODEL`). Without either, a hook schedules nothing and starts no worker process.
 */
import { isAbsolute, resolve } from 'node:path';
import type { WinkConfig } from '../config/schema.js';
import { MODEL_VARIABLE } from '../llm/settings.js';

/** Environment variable naming an asynchronous checker module (overrides `observer.asyncChecker`). */
export const ASYNC_CHECKER_VARIABLE = 'WINK_ASYNC_CHECKER';

/** The hook-only keys of the `observer` config section (the rest are observer settings). */
export interface HookObserverOptions {
  /** Module path of the asynchronous checker (relative to the session's working directory). */
  asyncChecker?: string;
  /** False turns asynchronous checks off. */
  asyncChecks?: boolean;
}

/** What checks a session's jobs: a checker module, or the built-in LLM checker (`module` undefined). */
export interface AsyncCheckerSetting {
  module?: string;
}

/**
 * The checker that will run the session's jobs, or undefined when none is configured (then no job is scheduled).
 * `workingDirectory` resolves a relative module path.
 */
export function asyncCheckerSetting(options: HookObserverOptions, config: WinkConfig, workingDirectory: string, environment: NodeJS.ProcessEnv = process.env): AsyncCheckerSetting | undefined {
  if (options.asyncChecks === false) return undefined;
  const configured = environment[ASYNC_CHECKER_VARIABLE] || options.asyncChecker;
  if (configured) return { module: isAbsolute(configured) ? configured : resolve(workingDirectory, configured) };
  const model = environment[MODEL_VARIABLE] || config.llm?.model;
  return typeof model === 'string' && model.length > 0 ? {} : undefined;
}
