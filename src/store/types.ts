/**
 * The storage interface: sessions, steps seen, findings, interventions, asynchronous jobs and the LLM checks
 * they made (with their token accounts). Every method
 * is asynchronous so that a networked driver (PostgreSQL, for fleet mode) can implement the same contract
 * as the embedded SQLite driver. Every driver passes `test/support/store-contract.ts`.
 */

/** Where an intervention reached (or would have reached) the agent. */
export type InterventionChannel = 'additional-context' | 'pre-tool-use-deny' | 'stop-block';

/** Life cycle of an asynchronous job. */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** One session as the store keeps it. */
export interface SessionRecord {
  /** The agent's own session id. */
  id: string;
  /** `claude-code`, `codex`, `gemini-cli`, … */
  agent: string;
  model?: string;
  /** `cli`, `ide`, `sdk`, `benchmark`. */
  environment?: string;
  /** The transcript or rollout file the steps come from. */
  sourceFile?: string;
  workingDirectory?: string;
  /** Observer mode in force: `intervene`, `shadow` or `ab`. */
  mode: string;
  /** A/B arm (`treatment` or `control`). */
  arm?: string;
  /** ISO-8601 times. */
  startedAt?: string;
  endedAt?: string;
  /** Steps observed so far. */
  stepCount: number;
  /** Byte offset up to which the source file has been read. */
  transcriptOffset: number;
  /**
   * Reader diagnostics of the session's log so far: records that could not be used (a malformed or
   * truncated line) while the rest was read. Saving a record without it keeps the stored count (0 for a new
   * session), so a writer that does not read logs never resets it.
   */
  diagnosticCount?: number;
  /** The observer's JSON state (`ObserverState`). */
  observerState?: unknown;
  /** The integration's own JSON state (incremental reader state, synthesized call ids, …). */
  integrationState?: unknown;
  /** ISO-8601 time of the last change (set by the store). */
  updatedAt?: string;
}

/** One step the observer has seen. */
export interface StepRecord {
  sessionId: string;
  /** Step index in the session (0-based, dense). */
  index: number;
  /** Step id (unique within the session). */
  stepId: string;
  /** `user`, `assistant`, `tool-call`, `tool-result`, `event`. */
  kind: string;
  tool?: string;
  isError?: boolean;
  timestamp?: string;
  /** At most {@link MAXIMUM_STEP_SUMMARY} characters. */
  summary: string;
  /** 1-based line of the source file, when read from one. */
  sourceLine?: number;
}

/** Longest step summary kept. */
export const MAXIMUM_STEP_SUMMARY = 200;

/** One finding, as recorded. */
export interface FindingRecord {
  sessionId: string;
  /** Step at which it was found. */
  step: number;
  detector: string;
  category: string;
  form?: string;
  messageId: string;
  signature: string;
  confidence: number;
  /** The finding's evidence data. */
  data: Record<string, unknown>;
  /** Steps the evidence points at. */
  evidenceSteps: number[];
  /** `deterministic` or `asynchronous`. */
  source: string;
  arm?: string;
  /** True when guidance for it was delivered to the agent. */
  delivered: boolean;
  /** ISO-8601 time (set by the store when absent). */
  createdAt?: string;
}

/** One intervention, as recorded. */
export interface InterventionRecord {
  /** The observer's intervention id (unique). */
  id: string;
  sessionId: string;
  step: number;
  signature: string;
  category: string;
  messageId: string;
  level: number;
  guidance: string;
  arm?: string;
  delivered: boolean;
  channel: InterventionChannel;
  source: string;
  recoveryOutcome?: string;
  recoveryStep?: number;
  recoveryReason?: string;
  createdAt?: string;
}

/** A recovery outcome decided after an intervention. */
export interface RecoveryUpdate {
  interventionId: string;
  outcome: string;
  step: number;
  reason: string;
}

/** A job to enqueue. */
export interface NewJob {
  /** Stable id: enqueueing the same id twice is a no-op. */
  id: string;
  sessionId: string;
  upToStep: number;
}

/** A job as stored. */
export interface JobRecord extends NewJob {
  status: JobStatus;
  attempts: number;
  /** The result JSON (an `AsyncCheckResult`) once done. */
  result?: unknown;
  error?: string;
  /** True once a hook invocation has handed the result to the observer. */
  consumed: boolean;
  createdAt: string;
  updatedAt: string;
}

/** How one LLM check ended (`error`: wink could not run it — settings, missing steps, an unexpected failure). */
export type LlmCheckStatus = 'ok' | 'unavailable' | 'budget-exceeded' | 'error';

/** One LLM check of an asynchronous job (one classifier run, or the job itself when no classifier ran), with its token account. */
export interface LlmCheckRecord {
  sessionId: string;
  jobId: string;
  /** The job's attempt that made the check (1 for the first run); with `jobId` and `category`, the record's key. */
  attempt: number;
  /** The classifier's category; undefined for a job-level record. */
  category?: string;
  status: LlmCheckStatus;
  /** `<provider>:<model-id>`, when known. */
  model?: string;
  /** The verdict, when the model answered. */
  misbehaving?: boolean;
  /** Why there is no verdict. */
  reason?: string;
  /** Model calls made (HTTP attempts that got an answer). */
  calls: number;
  /** Prompt tokens, cached ones included. */
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens read from the provider's cache. */
  cachedInputTokens: number;
  /** Prompt tokens written to the provider's cache. */
  cacheWriteInputTokens: number;
  /** US dollars (0 when prices are unknown). */
  costUsd: number;
  /** ISO-8601 time (set by the store when absent). */
  createdAt?: string;
}

/** What the LLM checks of one session (or of the whole store) spent. */
export interface LlmUsageTotals {
  /** Check records counted. */
  checks: number;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteInputTokens: number;
  costUsd: number;
}

/** Limit and offset of a paged query. */
export interface PageRequest {
  limit?: number;
  offset?: number;
}

/** One page of results and the total count. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** Filters of the session list and of the summary (dashboards). */
export interface SessionFilter {
  agent?: string;
  model?: string;
  /** Sessions updated at or after this ISO time. */
  since?: string;
  /** Sessions updated before this ISO time. */
  until?: string;
  /** Sessions started at or after this ISO time (or date). */
  startedFrom?: string;
  /** Sessions started before this ISO time (or date). */
  startedBefore?: string;
  /** Sessions with at least one finding of this category. */
  category?: string;
}

/** Filters and page of the session list (dashboards). */
export interface SessionQuery extends PageRequest, SessionFilter {}

/** Counts behind a dashboard overview, grouped by the store (never a whole-table load). */
export interface StoreSummary {
  sessions: number;
  steps: number;
  /** Sessions with at least one finding. */
  sessionsWithFinding: number;
  /** Per model (`unknown` when not recorded). */
  models: Array<{ model: string; sessions: number; steps: number; sessionsWithFinding: number }>;
  /** Per model and category: sessions with at least one finding of the category, and the findings. */
  categories: Array<{ model: string; category: string; sessions: number; findings: number }>;
  /** Interventions per category and recovery outcome (`pending` while undecided). */
  recoveries: Array<{ category: string; outcome: string; interventions: number; sessions: number }>;
  /** Whether {@link trend} periods are days (`YYYY-MM-DD`) or months (`YYYY-MM`). */
  trendGranularity: 'day' | 'month';
  /** Sessions started per period, and those with at least one finding. */
  trend: Array<{ period: string; sessions: number; sessionsWithFinding: number }>;
}

/** Default and largest page size. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAXIMUM_PAGE_SIZE = 1000;

/** Read-modify-write access to one session, held exclusively inside {@link WinkStore.withSession}. */
export interface SessionAccess {
  /** The session as it was when exclusive access began (undefined for a new session). */
  readonly session: SessionRecord | undefined;
  /** Creates or replaces the session record. */
  saveSession(record: SessionRecord): Promise<void>;
  /** Adds steps; a step whose index or id is already stored is skipped. Returns how many were added. */
  addSteps(steps: StepRecord[]): Promise<number>;
  addFindings(findings: FindingRecord[]): Promise<void>;
  /** Adds interventions; an id already stored is skipped. Returns how many were added. */
  addInterventions(interventions: InterventionRecord[]): Promise<number>;
  updateRecoveries(updates: RecoveryUpdate[]): Promise<void>;
  /** Jobs of this session that are done (a failed job may still be retried) and were not yet handed to the observer. */
  finishedJobs(): Promise<JobRecord[]>;
  markJobsConsumed(jobIds: string[]): Promise<void>;
  /** Same as {@link WinkStore.enqueueJob}, inside the session's transaction. */
  enqueueJob(job: NewJob): Promise<boolean>;
}

/** The store. */
export interface WinkStore {
  /**
   * Runs `work` with exclusive read-modify-write access to one session: concurrent callers (threads,
   * processes, service instances) wait their turn. Everything `work` writes is committed together when it
   * resolves and discarded when it throws.
   */
  withSession<T>(sessionId: string, work: (access: SessionAccess) => Promise<T>): Promise<T>;
  getSession(sessionId: string): Promise<SessionRecord | undefined>;
  listSessions(query?: SessionQuery): Promise<Page<SessionRecord>>;
  /**
   * Counts grouped by model, category, recovery outcome and period, for the sessions the filter selects;
   * findings of `ignoredDetectors` (signals, not misbehaviors) are not counted.
   */
  summarize(filter?: SessionFilter, ignoredDetectors?: readonly string[]): Promise<StoreSummary>;
  listSteps(sessionId: string, page?: PageRequest): Promise<Page<StepRecord>>;
  listFindings(sessionId: string, page?: PageRequest): Promise<Page<FindingRecord>>;
  listInterventions(sessionId: string, page?: PageRequest): Promise<Page<InterventionRecord>>;
  /** Enqueues a job; returns false when a job with that id already exists (idempotent). */
  enqueueJob(job: NewJob): Promise<boolean>;
  getJob(jobId: string): Promise<JobRecord | undefined>;
  /** Takes a queued (or failed, for a retry) job to run: status running, attempts + 1. Undefined when not claimable. */
  claimJob(jobId: string): Promise<JobRecord | undefined>;
  /** Records a job's outcome: done with a result, or failed with an error. */
  finishJob(jobId: string, outcome: { result: unknown } | { error: string }): Promise<void>;
  /** Jobs of one session, the latest first (highest `upToStep`, then newest). */
  listJobs(sessionId: string, page?: PageRequest): Promise<Page<JobRecord>>;
  /** Adds LLM check records; a record whose job, attempt and category are already stored is skipped. Returns how many were added. */
  addLlmChecks(checks: LlmCheckRecord[]): Promise<number>;
  /** LLM check records of one session, oldest first. */
  listLlmChecks(sessionId: string, page?: PageRequest): Promise<Page<LlmCheckRecord>>;
  /** What the LLM checks of a session (of every session when `sessionId` is undefined) spent: budgets read it. */
  llmUsage(sessionId?: string): Promise<LlmUsageTotals>;
  close(): Promise<void>;
}
