/**
 * The classifiers in the observer's asynchronous slot. Two entry points:
 *
 * - {@link createLlmAsyncCheckStarter}: an `AsyncCheckStarter` for an in-process observer. It returns a
 *   promise at once (never blocks the step), skips a job while the previous one of the same session is still
 *   running, and keeps each session's incremental state in memory.
 * - {@link runAsyncCheckJob}: the pure job runner a background worker calls with the job, the session's steps
 *   and the previous {@link SessionCheckState} (persist `result.state` with the job result to chain checks).
 *
 * Incremental rule (docs/decisions/llm-incremental-checks.md): after a first full check, a session's next check
 * renders only the steps after the last one checked, plus an overlap ({@link incrementalFromStep}: 6 steps for
 * the loop question, 2 for the others, whose earlier evidence the per-question rendering shows again),
 * every developer message, and a summary of the earlier verdicts of the same category; a category whose question
 * has nothing new since the last check ({@link hasNewMaterial}) is not asked again. Chat-completions and
 * Messages APIs keep no conversation state, so "only what is new" is achieved by what wink sends; the stable
 * prefix is served from the provider's prompt cache (Anthropic markers, OpenAI automatic prefix caching).
 */
import type { AsyncCheckJob, AsyncCheckResult, AsyncCheckStarter } from '../observer/types.js';
import type { Step } from '../trajectory/step.js';
import { LlmBudget } from './budget.js';
import { classify, type ClassifierCheck } from './classifiers/classify.js';
import type { EarlierVerdict } from './classifiers/prompt.js';
import { CLASSIFIED_CATEGORIES, type ClassifiedCategory } from './classifiers/schema.js';
import type { CheckStatus } from './model.js';
import { hasNewMaterial, sessionFacts } from './step-relevance.js';
import { createLanguageModel, type LoadedModel } from './providers.js';
import type { LlmSettings } from './settings.js';
import { addAccounts, emptyAccount, type TokenAccount } from './usage.js';

/** Steps before the first new one that an incremental loop check shows again, so a loop spanning the boundary is seen. */
export const INCREMENTAL_OVERLAP_STEPS = 6;
/**
 * The overlap of the other questions: enough to keep a call with its result across the boundary. Their earlier
 * evidence (the last failures, test runs, edits before the boundary) is shown again by the per-question
 * rendering, so the steps in between need not be.
 */
export const SHORT_OVERLAP_STEPS = 2;

/** The first step an incremental check of a category renders in full, after a check that covered `lastCheckedStep`. */
export function incrementalFromStep(category: ClassifiedCategory, lastCheckedStep: number): number {
  const overlap = category === 'infinite-loop' ? INCREMENTAL_OVERLAP_STEPS : SHORT_OVERLAP_STEPS;
  return Math.max(0, lastCheckedStep + 1 - overlap);
}
/** Earlier verdicts kept per category in the summary. */
export const MAXIMUM_EARLIER_VERDICTS = 4;

/** What one session's checks remember between jobs (plain JSON). */
export interface SessionCheckState {
  /** The last step a check covered, or -1. */
  lastCheckedStep: number;
  /** The latest verdicts per category, oldest first. */
  verdicts: Partial<Record<ClassifiedCategory, EarlierVerdict[]>>;
}

/** The empty state of a session never checked. */
export function initialSessionCheckState(): SessionCheckState {
  return { lastCheckedStep: -1, verdicts: {} };
}

/** A job's result: the observer's `AsyncCheckResult` plus what the store keeps about each check. */
export interface LlmAsyncCheckResult extends AsyncCheckResult {
  /** One record per classifier run (status, verdict, tokens, render figures). */
  checks: ClassifierCheck[];
  /** Tokens in, out and cached, and cost, of the whole job. */
  usage: TokenAccount;
  /** `ok` when at least one classifier answered; `budget-exceeded` when the budget stopped every check; else `unavailable`. */
  status: CheckStatus;
  /** The session's state after this job. */
  state: SessionCheckState;
  /** Categories not asked because the steps (since the last check) hold nothing for their question. */
  skipped?: ClassifiedCategory[];
}

/** Settings of a job. */
export interface AsyncCheckSettings {
  /** A model, or the settings to create one. */
  model: LoadedModel | LlmSettings;
  /** The run's budget (shared across jobs of one process). */
  budget?: LlmBudget;
  /** Categories to check (default: all five classifiers). */
  categories?: readonly ClassifiedCategory[];
  /** Incremental checks after the first (default true). */
  incremental?: boolean;
  /** Ask only the categories whose question has material since the last check, or at all in a first check (default true). */
  skipUnchanged?: boolean;
  /** The session's state from the previous job. */
  previous?: SessionCheckState;
  signal?: AbortSignal;
}

function isLoadedModel(model: LoadedModel | LlmSettings): model is LoadedModel {
  return 'model' in model && 'settings' in model;
}

function jobStatus(checks: readonly ClassifierCheck[]): CheckStatus {
  if (checks.some((check) => check.status === 'ok')) return 'ok';
  if (checks.length > 0 && checks.every((check) => check.status === 'budget-exceeded')) return 'budget-exceeded';
  return 'unavailable';
}

/** Runs the classifiers for one job; never throws (a failure is the result's `error`). */
export async function runAsyncCheckJob(job: AsyncCheckJob, trajectorySteps: readonly Step[], settings: AsyncCheckSettings): Promise<LlmAsyncCheckResult> {
  const previous = settings.previous ?? initialSessionCheckState();
  const steps = trajectorySteps.filter((step) => step.index <= job.upToStep);
  const empty = { jobId: job.id, findings: [], checks: [], usage: emptyAccount(), state: previous };
  let model: LoadedModel;
  try {
    model = isLoadedModel(settings.model) ? settings.model : await createLanguageModel(settings.model);
  } catch (error) {
    return { ...empty, status: 'unavailable', error: `${(error as Error).name}: ${(error as Error).message}` };
  }
  const incremental = (settings.incremental ?? true) && previous.lastCheckedStep >= 0;
  const checks: ClassifierCheck[] = [];
  const verdicts: SessionCheckState['verdicts'] = { ...previous.verdicts };
  const categories = settings.categories ?? CLASSIFIED_CATEGORIES;
  const facts = sessionFacts(steps);
  const asked = (settings.skipUnchanged ?? true) ? categories.filter((category) => hasNewMaterial(category, steps, incremental ? previous.lastCheckedStep : -1, undefined, facts)) : categories;
  const skipped = categories.filter((category) => !asked.includes(category));
  for (const category of asked) {
    const check = await classify(category, steps, {
      model,
      sessionId: job.sessionId,
      budget: settings.budget,
      signal: settings.signal,
      fromStep: incremental ? incrementalFromStep(category, previous.lastCheckedStep) : 0,
      facts,
      earlierVerdicts: incremental ? (previous.verdicts[category] ?? []) : [],
    });
    checks.push(check);
    if (check.verdict) {
      const summary: EarlierVerdict = { upToStep: job.upToStep, misbehaving: check.verdict.misbehaving, confidence: check.verdict.confidence, evidenceSteps: check.verdict.evidenceSteps, reasoning: check.verdict.reasoning };
      verdicts[category] = [...(verdicts[category] ?? []), summary].slice(-MAXIMUM_EARLIER_VERDICTS);
    }
  }
  const status = asked.length === 0 ? 'ok' : jobStatus(checks);
  const usage = checks.reduce((total, check) => addAccounts(total, check.usage), emptyAccount());
  const findings = checks.flatMap((check) => (check.finding ? [check.finding] : []));
  const answered = status === 'ok';
  const state: SessionCheckState = answered ? { lastCheckedStep: job.upToStep, verdicts } : previous;
  const error = answered ? undefined : checks.map((check) => `${check.category}: ${check.reason ?? 'unknown'}`).join('; ') || 'no classifier ran';
  return { jobId: job.id, findings, checks, usage, status, state, ...(skipped.length > 0 ? { skipped } : {}), ...(error ? { error } : {}) };
}

/** Options of the in-process starter. */
export interface LlmAsyncCheckStarterOptions extends Omit<AsyncCheckSettings, 'previous' | 'signal'> {
  /** The session's steps up to the job's step (from the observer host's transcript or store). */
  stepsFor(job: AsyncCheckJob): readonly Step[] | Promise<readonly Step[]>;
  /** Called with every result (to store checks and token accounts). */
  onResult?(result: LlmAsyncCheckResult): void;
}

/**
 * An `AsyncCheckStarter` running the classifiers in this process. The budget defaults to one built from the
 * model settings' limits, shared by every job the starter runs.
 */
export function createLlmAsyncCheckStarter(options: LlmAsyncCheckStarterOptions): AsyncCheckStarter {
  const states = new Map<string, SessionCheckState>();
  const running = new Set<string>();
  const budget = options.budget ?? new LlmBudget(isLoadedModel(options.model) ? options.model.settings.budget : options.model.budget);
  let model: Promise<LoadedModel> | undefined;
  const loadModel = (): Promise<LoadedModel> => (model ??= isLoadedModel(options.model) ? Promise.resolve(options.model) : createLanguageModel(options.model));
  return (job) => {
    if (running.has(job.sessionId)) return Promise.resolve({ jobId: job.id, findings: [], error: 'skipped: the previous check of this session is still running' });
    running.add(job.sessionId);
    const work = async (): Promise<LlmAsyncCheckResult> => {
      try {
        const [steps, loaded] = await Promise.all([options.stepsFor(job), loadModel().catch((error: unknown) => error as Error)]);
        if (loaded instanceof Error) return { jobId: job.id, findings: [], checks: [], usage: emptyAccount(), status: 'unavailable', state: states.get(job.sessionId) ?? initialSessionCheckState(), error: `${loaded.name}: ${loaded.message}` };
        const result = await runAsyncCheckJob(job, steps, { ...options, model: loaded, budget, previous: states.get(job.sessionId) });
        states.set(job.sessionId, result.state);
        options.onResult?.(result);
        return result;
      } finally {
        running.delete(job.sessionId);
      }
    };
    return work();
  };
}
