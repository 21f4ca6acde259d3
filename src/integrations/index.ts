/** Agent integrations: hook translations for Claude Code, Codex and Gemini CLI, and the shared hook runtime. */
export { MAXIMUM_JOB_ATTEMPTS, runJob, spawnWorker, type AsyncChecker } from './async-jobs.js';
export { logHookError } from './hook-log.js';
export { ASYNC_CHECKER_VARIABLE, asyncCheckerSetting, type AsyncCheckerSetting, type HookObserverOptions } from './async-checker-setting.js';
export { observeHookEvent, REMINDER_TAG_NOTE, type HookObservation, type HookObservationInput, type HookSessionState } from './hook-observation.js';
export { readStandardInput, runHookProcess, runWorkerProcess } from './hook-process.js';
export { CATCH_UP_SLICE_SHARE, DEFAULT_HOOK_BUDGET_MS, handleHook, HOOK_BUDGET_VARIABLE, HookBudgetExceededError, hookBudgetMs, MAXIMUM_PREEMPTIONS, MINIMUM_OBSERVATION_MS, WATCHDOG_RESERVE_MS, type HookRunOptions } from './hook-runtime.js';
export { HookPreemptedError, runWithWatchdog } from './hook-watchdog.js';
export type { AgentIntegration, HookDecision, HookEvent, HookRequest } from './hook-types.js';
export { HOOK_AGENTS, loadIntegration } from './registry.js';
