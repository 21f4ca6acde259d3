/**
 * The shared hook runtime: one hook invocation from a parsed payload to the answer. It translates the payload
 * (through the agent's integration), takes exclusive access to the session in the store, hands finished
 * asynchronous jobs to the observer, runs the observation (`hook-observation.ts`: catching up with the
 * transcript, the detectors, the decisions) under the watchdog (`hook-watchdog.ts`), records steps, findings,
 * interventions, recoveries and at most one job, saves the state, starts at most one worker, and answers in the
 * agent's contract. Fail-open: every error, a run past the time budget and a run the watchdog stops end in
 * exit 0 with nothing on stdout and a line in `$WINK_HOME/wink.log` (see `hook-process.ts`).
 */
import { existsSync } from 'node:fs';
import { loadConfig } from '../config/load.js';
import { emptyConfig, type WinkConfig } from '../config/schema.js';
import { initialTranscriptState } from '../formats/claude-code/incremental.js';
import type { ObserverSettings } from '../observer/types.js';
import { openStore } from '../store/open.js';
import type { SessionAccess, SessionRecord, WinkStore } from '../store/types.js';
import { asyncCheckerSetting, type AsyncCheckerSetting, type HookObserverOptions } from './async-checker-setting.js';
import { logHookError } from './hook-log.js';
import { observeHookEvent, type HookObservation, type HookSessionState } from './hook-observation.js';
import type { AgentIntegration, HookRequest } from './hook-types.js';
import { HookPreemptedError, runWithWatchdog } from './hook-watchdog.js';
import { stepRecord } from './records.js';

/** Default hard time budget of one hook invocation (milliseconds). */
export const DEFAULT_HOOK_BUDGET_MS = 1500;
/** Environment variable overriding the budget. */
export const HOOK_BUDGET_VARIABLE = 'WINK_HOOK_BUDGET_MS';
/** Time kept back from the budget for answering after the store work (milliseconds). */
const ANSWER_RESERVE_MS = 50;
/**
 * Time kept back from the budget after the observation, for writing what it produced and answering: the
 * watchdog stops the observation this long before the deadline (milliseconds).
 */
export const WATCHDOG_RESERVE_MS = 250;
/**
 * Share of the time left that catching up with a long transcript may use in one hook; the rest of the backlog is
 * read by the next hooks. Reading, observing and storing 5,000 steps takes well under this on the bench.
 */
export const CATCH_UP_SLICE_SHARE = 0.4;
/**
 * After this many watchdog stops in a row in one session, wink stops observing that session: each stop cost the
 * agent a whole budget, and a hostile step in the transcript would stop every later hook the same way. A hook
 * that completes resets the count (a stop caused by a passing load spike is forgotten).
 */
export const MAXIMUM_PREEMPTIONS = 2;
/**
 * Least time the observation must have before the watchdog's deadline; with less (a start-up slowed by a loaded
 * machine) the hook answers nothing and the stop is not counted against the session (milliseconds).
 */
export const MINIMUM_OBSERVATION_MS = 250;

/** Thrown when the budget runs out inside the session's transaction (everything is rolled back). */
export class HookBudgetExceededError extends Error {
  constructor(budgetMs: number) {
    super(`the hook's ${budgetMs} ms budget ran out`);
    this.name = 'HookBudgetExceededError';
  }
}

/** Options of one run. */
export interface HookRunOptions {
  /** Absolute time (ms since epoch) after which the hook must answer nothing. */
  deadline: number;
  budgetMs: number;
  /** Script that starts `worker` (the entry this process runs). */
  entryScript: string;
}

/** The budget from the environment. */
export function hookBudgetMs(environment: NodeJS.ProcessEnv = process.env): number {
  const value = Number(environment[HOOK_BUDGET_VARIABLE]);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_HOOK_BUDGET_MS;
}

async function configFor(request: HookRequest): Promise<WinkConfig> {
  try {
    return (await loadConfig({ workingDirectory: workingDirectoryOf(request) })).config;
  } catch (error) {
    logHookError(`${request.eventName} config`, error);
    return emptyConfig();
  }
}

function workingDirectoryOf(request: HookRequest): string {
  return request.cwd && existsSync(request.cwd) ? request.cwd : process.cwd();
}

/** The session's saved reader state, or a fresh one. */
function sessionState(record: SessionRecord | undefined): HookSessionState {
  return (record?.integrationState as HookSessionState | undefined) ?? initialTranscriptState();
}

/** What the session's transaction produced, for after the commit. */
type SessionOutcome = Pick<HookObservation, 'decision' | 'job'>;

/** Runs one hook invocation for a parsed payload; returns the output JSON or undefined. Throws on any error. */
export async function handleHook(integration: AgentIntegration, payload: unknown, options: HookRunOptions): Promise<object | undefined> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new Error('stdin is not a JSON object');
  const request = integration.translate(payload as Record<string, unknown>);
  if (!request) throw new Error('stdin is not a hook payload (session_id and hook_event_name are required)');
  const config = await configFor(request);
  const { asyncChecker, asyncChecks, ...observerSettings } = config.observer as HookObserverOptions & Record<string, unknown>;
  const checker = asyncCheckerSetting({ asyncChecker, asyncChecks }, config, workingDirectoryOf(request));
  const store = await openStore({ busyTimeoutMs: Math.max(1, options.deadline - Date.now() - ANSWER_RESERVE_MS) });
  let outcome: SessionOutcome;
  try {
    outcome = await store.withSession(request.sessionId, (access) => runInSession(integration, request, access, config, observerSettings as Partial<ObserverSettings>, checker, options));
  } catch (error) {
    if (error instanceof HookPreemptedError) await notePreemption(store, integration, request);
    throw error;
  } finally {
    await store.close();
  }
  if (outcome.job && checker) {
    // Loaded only when there is a job: child_process costs a hook's start-up a few milliseconds.
    const { spawnWorker } = await import('./async-jobs.js');
    spawnWorker(options.entryScript, outcome.job.id, checker.module);
  }
  return integration.answer(request, outcome.decision);
}

async function runInSession(
  integration: AgentIntegration,
  request: HookRequest,
  access: SessionAccess,
  config: WinkConfig,
  settings: Partial<ObserverSettings>,
  checker: AsyncCheckerSetting | undefined,
  options: HookRunOptions,
): Promise<SessionOutcome> {
  const record = access.session;
  const state = sessionState(record);
  // Stopped by the watchdog too often: this session is left alone (see MAXIMUM_PREEMPTIONS).
  if ((state.preemptions ?? 0) >= MAXIMUM_PREEMPTIONS) return { decision: {} };
  const finishedJobs = await access.finishedJobs();
  const observationEnd = options.deadline - WATCHDOG_RESERVE_MS;
  if (observationEnd - Date.now() < MINIMUM_OBSERVATION_MS) throw new HookBudgetExceededError(options.budgetMs);
  const sliceDeadline = Date.now() + Math.max(0, observationEnd - Date.now()) * CATCH_UP_SLICE_SHARE;
  const observation = runWithWatchdog(
    () => observeHookEvent({ integration, request, record, state, config, settings, schedulesChecks: checker !== undefined, finishedJobs, sliceDeadline }),
    observationEnd - Date.now(),
  );
  // Completed: earlier watchdog stops of this session were not in a row with a next one.
  delete (observation.session.integrationState as HookSessionState).preemptions;
  if (finishedJobs.length > 0) await access.markJobsConsumed(finishedJobs.map((job) => job.id));
  await access.addSteps(observation.steps.map((step) => stepRecord(request.sessionId, step)));
  await access.addFindings(observation.findings);
  await access.addInterventions(observation.interventions);
  await access.updateRecoveries(observation.recoveries);
  if (observation.job) await access.enqueueJob({ id: observation.job.id, sessionId: observation.job.sessionId, upToStep: observation.job.upToStep });
  await access.saveSession(observation.session);
  // Past the budget: roll everything back, so the next invocation redoes it and nothing is half-delivered. A
  // catch-up slice delivers nothing, so it is kept even late: redoing it would never get further.
  if (observation.caughtUp && Date.now() > options.deadline - ANSWER_RESERVE_MS) throw new HookBudgetExceededError(options.budgetMs);
  return { decision: observation.decision, job: observation.job };
}

/**
 * Counts a watchdog stop in the session's state (in its own short transaction: the stopped one was rolled
 * back). At {@link MAXIMUM_PREEMPTIONS} the session is left alone from then on. Never throws.
 */
async function notePreemption(store: WinkStore, integration: AgentIntegration, request: HookRequest): Promise<void> {
  try {
    await store.withSession(request.sessionId, async (access) => {
      const record = access.session;
      const state = sessionState(record);
      state.preemptions = (state.preemptions ?? 0) + 1;
      if (state.preemptions >= MAXIMUM_PREEMPTIONS) logHookError(`${integration.agent}:${request.eventName}`, new Error(`the watchdog stopped ${state.preemptions} hooks in a row of session ${request.sessionId}: wink no longer observes it`));
      await access.saveSession({
        id: request.sessionId,
        agent: record?.agent ?? integration.agent,
        model: record?.model ?? request.model,
        environment: record?.environment ?? 'cli',
        sourceFile: record?.sourceFile ?? request.transcriptPath,
        workingDirectory: record?.workingDirectory ?? request.cwd,
        mode: record?.mode ?? 'intervene',
        arm: record?.arm,
        startedAt: record?.startedAt ?? new Date().toISOString(),
        endedAt: record?.endedAt,
        stepCount: record?.stepCount ?? state.stepCount,
        transcriptOffset: record?.transcriptOffset ?? state.offset,
        observerState: record?.observerState,
        integrationState: state,
      });
    });
  } catch (error) {
    logHookError(`${integration.agent}:${request.eventName} watchdog`, error);
  }
}
