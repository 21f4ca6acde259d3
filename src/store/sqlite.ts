/**
 * The embedded SQLite driver of the store (better-sqlite3): one file (`$WINK_HOME/wink.db` by default), WAL
 * mode so readers never wait for the writer, a busy timeout so concurrent hook processes queue instead of
 * failing, and `BEGIN IMMEDIATE … COMMIT` around each `withSession` so one process at a time does its
 * read-modify-write of a session. better-sqlite3 is synchronous; the async methods only wrap it.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { loadDatabase } from './sqlite-driver.js';
import { SQLITE_MIGRATIONS } from './sqlite-schema.js';
import { sessionWhere, summarizeSqlite } from './sqlite-summary.js';
import {
  DEFAULT_PAGE_SIZE,
  MAXIMUM_PAGE_SIZE,
  MAXIMUM_STEP_SUMMARY,
  type FindingRecord,
  type InterventionRecord,
  type JobRecord,
  type LlmCheckRecord,
  type LlmUsageTotals,
  type NewJob,
  type Page,
  type PageRequest,
  type RecoveryUpdate,
  type SessionAccess,
  type SessionFilter,
  type SessionQuery,
  type SessionRecord,
  type StepRecord,
  type StoreSummary,
  type WinkStore,
} from './types.js';

/** Default time a writer waits for another one before giving up (milliseconds). */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;
/** Pause between attempts to open a database another process is initialising. */
const OPEN_RETRY_PAUSE_MS = 10;

export interface SqliteStoreOptions {
  /** Database file, or `:memory:`. */
  file: string;
  /** How long a writer waits for the lock (milliseconds). */
  busyTimeoutMs?: number;
}

type Row = Record<string, unknown>;

function sleepSync(milliseconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function parsed(text: unknown): unknown {
  return typeof text === 'string' ? JSON.parse(text) : undefined;
}

function optional<T>(value: unknown): T | undefined {
  return value === null || value === undefined ? undefined : (value as T);
}

function pageOf(page: PageRequest | undefined): { limit: number; offset: number } {
  const limit = Math.min(MAXIMUM_PAGE_SIZE, Math.max(1, Math.floor(page?.limit ?? DEFAULT_PAGE_SIZE)));
  return { limit, offset: Math.max(0, Math.floor(page?.offset ?? 0)) };
}

function sessionFromRow(row: Row): SessionRecord {
  return {
    id: row.id as string,
    agent: row.agent as string,
    model: optional(row.model),
    environment: optional(row.environment),
    sourceFile: optional(row.source_file),
    workingDirectory: optional(row.working_directory),
    mode: row.mode as string,
    arm: optional(row.arm),
    startedAt: optional(row.started_at),
    endedAt: optional(row.ended_at),
    stepCount: row.step_count as number,
    transcriptOffset: row.transcript_offset as number,
    diagnosticCount: row.diagnostic_count as number,
    observerState: parsed(row.observer_state),
    integrationState: parsed(row.integration_state),
    updatedAt: row.updated_at as string,
  };
}

function stepFromRow(row: Row): StepRecord {
  return {
    sessionId: row.session_id as string,
    index: row.step_index as number,
    stepId: row.step_id as string,
    kind: row.kind as string,
    tool: optional(row.tool),
    isError: row.is_error === null ? undefined : row.is_error === 1,
    timestamp: optional(row.timestamp),
    summary: row.summary as string,
    sourceLine: optional(row.source_line),
  };
}

function findingFromRow(row: Row): FindingRecord {
  return {
    sessionId: row.session_id as string,
    step: row.step_index as number,
    detector: row.detector as string,
    category: row.category as string,
    form: optional(row.form),
    messageId: row.message_id as string,
    signature: row.signature as string,
    confidence: row.confidence as number,
    data: parsed(row.data) as Record<string, unknown>,
    evidenceSteps: parsed(row.evidence_steps) as number[],
    source: row.source as string,
    arm: optional(row.arm),
    delivered: row.delivered === 1,
    createdAt: row.created_at as string,
  };
}

function interventionFromRow(row: Row): InterventionRecord {
  return {
    id: row.id as string,
    sessionId: row.session_id as string,
    step: row.step_index as number,
    signature: row.signature as string,
    category: row.category as string,
    messageId: row.message_id as string,
    level: row.level as number,
    guidance: row.guidance as string,
    arm: optional(row.arm),
    delivered: row.delivered === 1,
    channel: row.channel as InterventionRecord['channel'],
    source: row.source as string,
    recoveryOutcome: optional(row.recovery_outcome),
    recoveryStep: optional(row.recovery_step),
    recoveryReason: optional(row.recovery_reason),
    createdAt: row.created_at as string,
  };
}

function jobFromRow(row: Row): JobRecord {
  return {
    id: row.id as string,
    sessionId: row.session_id as string,
    upToStep: row.up_to_step as number,
    status: row.status as JobRecord['status'],
    attempts: row.attempts as number,
    result: parsed(row.result),
    error: optional(row.error),
    consumed: row.consumed === 1,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
  };
}

function llmCheckFromRow(row: Row): LlmCheckRecord {
  return {
    sessionId: row.session_id as string,
    jobId: row.job_id as string,
    attempt: row.attempt as number,
    category: row.category === '' ? undefined : (row.category as string),
    status: row.status as LlmCheckRecord['status'],
    model: optional(row.model),
    misbehaving: row.misbehaving === null ? undefined : row.misbehaving === 1,
    reason: optional(row.reason),
    calls: row.calls as number,
    inputTokens: row.input_tokens as number,
    outputTokens: row.output_tokens as number,
    cachedInputTokens: row.cached_input_tokens as number,
    cacheWriteInputTokens: row.cache_write_input_tokens as number,
    costUsd: row.cost_usd as number,
    createdAt: row.created_at as string,
  };
}

/** The SQLite store. */
export class SqliteStore implements WinkStore {
  private readonly database: Database.Database;
  /** In-process queue: one `withSession` at a time per connection (a transaction is per connection). */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly statements = new Map<string, Database.Statement>();

  constructor(options: SqliteStoreOptions) {
    const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    const DatabaseConstructor = loadDatabase();
    this.database = new DatabaseConstructor(options.file, { timeout: busyTimeoutMs });
    this.prepareDatabase(options.file !== ':memory:', Date.now() + busyTimeoutMs);
  }

  /** WAL mode and migrations; retried while another process holds the lock, up to the deadline. */
  private prepareDatabase(useWal: boolean, deadline: number): void {
    for (;;) {
      try {
        if (useWal && this.database.pragma('journal_mode', { simple: true }) !== 'wal') this.database.pragma('journal_mode = WAL');
        this.database.pragma('synchronous = NORMAL');
        this.migrate();
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw error;
        sleepSync(OPEN_RETRY_PAUSE_MS);
      }
    }
  }

  private migrate(): void {
    if ((this.database.pragma('user_version', { simple: true }) as number) >= SQLITE_MIGRATIONS.length) return;
    this.database.exec('BEGIN IMMEDIATE');
    try {
      const version = this.database.pragma('user_version', { simple: true }) as number;
      for (let index = version; index < SQLITE_MIGRATIONS.length; index++) this.database.exec(SQLITE_MIGRATIONS[index]);
      this.database.pragma(`user_version = ${SQLITE_MIGRATIONS.length}`);
      this.database.exec('COMMIT');
    } catch (error) {
      this.database.exec('ROLLBACK');
      throw error;
    }
  }

  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.database.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  withSession<T>(sessionId: string, work: (access: SessionAccess) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.database.exec('BEGIN IMMEDIATE');
      try {
        const row = this.statement('SELECT * FROM sessions WHERE id = ?').get(sessionId) as Row | undefined;
        const result = await work(this.sessionAccess(sessionId, row ? sessionFromRow(row) : undefined));
        this.database.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.database.inTransaction) this.database.exec('ROLLBACK');
        throw error;
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private sessionAccess(sessionId: string, session: SessionRecord | undefined): SessionAccess {
    return {
      session,
      saveSession: async (record) => this.saveSession({ ...record, id: sessionId }),
      addSteps: async (steps) => this.addSteps(steps),
      addFindings: async (findings) => this.addFindings(findings),
      addInterventions: async (interventions) => this.addInterventions(interventions),
      updateRecoveries: async (updates) => this.updateRecoveries(updates),
      finishedJobs: async () =>
        (this.statement("SELECT * FROM jobs WHERE session_id = ? AND status = 'done' AND consumed = 0 ORDER BY created_at, id").all(sessionId) as Row[]).map(jobFromRow),
      markJobsConsumed: async (jobIds) => {
        const mark = this.statement('UPDATE jobs SET consumed = 1, updated_at = ? WHERE id = ?');
        const now = new Date().toISOString();
        for (const jobId of jobIds) mark.run(now, jobId);
      },
      enqueueJob: async (job) => this.insertJob(job),
    };
  }

  private saveSession(record: SessionRecord): void {
    this.statement(
      `INSERT INTO sessions (id, agent, model, environment, source_file, working_directory, mode, arm, started_at, ended_at, step_count, transcript_offset, diagnostic_count, observer_state, integration_state, updated_at)
       VALUES (@id, @agent, @model, @environment, @sourceFile, @workingDirectory, @mode, @arm, @startedAt, @endedAt, @stepCount, @transcriptOffset, COALESCE(@diagnosticCount, 0), @observerState, @integrationState, @updatedAt)
       ON CONFLICT (id) DO UPDATE SET agent = excluded.agent, model = excluded.model, environment = excluded.environment, source_file = excluded.source_file,
         working_directory = excluded.working_directory, mode = excluded.mode, arm = excluded.arm, started_at = excluded.started_at, ended_at = excluded.ended_at,
         step_count = excluded.step_count, transcript_offset = excluded.transcript_offset, diagnostic_count = COALESCE(@diagnosticCount, sessions.diagnostic_count),
         observer_state = excluded.observer_state, integration_state = excluded.integration_state, updated_at = excluded.updated_at`,
    ).run({
      id: record.id,
      agent: record.agent,
      model: record.model ?? null,
      environment: record.environment ?? null,
      sourceFile: record.sourceFile ?? null,
      workingDirectory: record.workingDirectory ?? null,
      mode: record.mode,
      arm: record.arm ?? null,
      startedAt: record.startedAt ?? null,
      endedAt: record.endedAt ?? null,
      stepCount: record.stepCount,
      transcriptOffset: record.transcriptOffset,
      diagnosticCount: record.diagnosticCount ?? null,
      observerState: json(record.observerState),
      integrationState: json(record.integrationState),
      updatedAt: new Date().toISOString(),
    });
  }

  private addSteps(steps: StepRecord[]): number {
    const insert = this.statement(
      `INSERT OR IGNORE INTO steps (session_id, step_index, step_id, kind, tool, is_error, timestamp, summary, source_line)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let added = 0;
    for (const step of steps) {
      const isError = step.isError === undefined ? null : step.isError ? 1 : 0;
      added += insert.run(step.sessionId, step.index, step.stepId, step.kind, step.tool ?? null, isError, step.timestamp ?? null, step.summary.slice(0, MAXIMUM_STEP_SUMMARY), step.sourceLine ?? null).changes;
    }
    return added;
  }

  private addFindings(findings: FindingRecord[]): void {
    const insert = this.statement(
      `INSERT INTO findings (session_id, step_index, detector, category, form, message_id, signature, confidence, data, evidence_steps, source, arm, delivered, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const now = new Date().toISOString();
    for (const finding of findings) {
      insert.run(
        finding.sessionId, finding.step, finding.detector, finding.category, finding.form ?? null, finding.messageId, finding.signature, finding.confidence,
        JSON.stringify(finding.data), JSON.stringify(finding.evidenceSteps), finding.source, finding.arm ?? null, finding.delivered ? 1 : 0, finding.createdAt ?? now,
      );
    }
  }

  private addInterventions(interventions: InterventionRecord[]): number {
    const insert = this.statement(
      `INSERT OR IGNORE INTO interventions (id, session_id, step_index, signature, category, message_id, level, guidance, arm, delivered, channel, source, recovery_outcome, recovery_step, recovery_reason, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const now = new Date().toISOString();
    let added = 0;
    for (const item of interventions) {
      added += insert.run(
        item.id, item.sessionId, item.step, item.signature, item.category, item.messageId, item.level, item.guidance, item.arm ?? null, item.delivered ? 1 : 0,
        item.channel, item.source, item.recoveryOutcome ?? null, item.recoveryStep ?? null, item.recoveryReason ?? null, item.createdAt ?? now,
      ).changes;
    }
    return added;
  }

  private updateRecoveries(updates: RecoveryUpdate[]): void {
    const update = this.statement('UPDATE interventions SET recovery_outcome = ?, recovery_step = ?, recovery_reason = ? WHERE id = ?');
    for (const item of updates) update.run(item.outcome, item.step, item.reason, item.interventionId);
  }

  private insertJob(job: NewJob): boolean {
    const now = new Date().toISOString();
    return (
      this.statement("INSERT OR IGNORE INTO jobs (id, session_id, up_to_step, status, attempts, created_at, updated_at) VALUES (?, ?, ?, 'queued', 0, ?, ?)").run(job.id, job.sessionId, job.upToStep, now, now)
        .changes === 1
    );
  }

  async getSession(sessionId: string): Promise<SessionRecord | undefined> {
    const row = this.statement('SELECT * FROM sessions WHERE id = ?').get(sessionId) as Row | undefined;
    return row ? sessionFromRow(row) : undefined;
  }

  async listSessions(query: SessionQuery = {}): Promise<Page<SessionRecord>> {
    const { sql: where, values } = sessionWhere(query);
    const { limit, offset } = pageOf(query);
    const rows = this.statement(`SELECT * FROM sessions s ${where} ORDER BY s.updated_at DESC, s.id LIMIT ? OFFSET ?`).all(...values, limit, offset) as Row[];
    const total = (this.statement(`SELECT COUNT(*) AS total FROM sessions s ${where}`).get(...values) as { total: number }).total;
    return { items: rows.map(sessionFromRow), total };
  }

  async summarize(filter: SessionFilter = {}, ignoredDetectors: readonly string[] = []): Promise<StoreSummary> {
    return summarizeSqlite(this.database, filter, ignoredDetectors);
  }

  private pagedBySession<T>(table: string, order: string, sessionId: string, page: PageRequest | undefined, map: (row: Row) => T): Page<T> {
    const { limit, offset } = pageOf(page);
    const rows = this.statement(`SELECT * FROM ${table} WHERE session_id = ? ORDER BY ${order} LIMIT ? OFFSET ?`).all(sessionId, limit, offset) as Row[];
    const total = (this.statement(`SELECT COUNT(*) AS total FROM ${table} WHERE session_id = ?`).get(sessionId) as { total: number }).total;
    return { items: rows.map(map), total };
  }

  async listSteps(sessionId: string, page?: PageRequest): Promise<Page<StepRecord>> {
    return this.pagedBySession('steps', 'step_index', sessionId, page, stepFromRow);
  }

  async listFindings(sessionId: string, page?: PageRequest): Promise<Page<FindingRecord>> {
    return this.pagedBySession('findings', 'step_index, sequence', sessionId, page, findingFromRow);
  }

  async listInterventions(sessionId: string, page?: PageRequest): Promise<Page<InterventionRecord>> {
    return this.pagedBySession('interventions', 'step_index, created_at, id', sessionId, page, interventionFromRow);
  }

  async enqueueJob(job: NewJob): Promise<boolean> {
    return this.insertJob(job);
  }

  async getJob(jobId: string): Promise<JobRecord | undefined> {
    const row = this.statement('SELECT * FROM jobs WHERE id = ?').get(jobId) as Row | undefined;
    return row ? jobFromRow(row) : undefined;
  }

  async claimJob(jobId: string): Promise<JobRecord | undefined> {
    const now = new Date().toISOString();
    const changed = this.statement("UPDATE jobs SET status = 'running', attempts = attempts + 1, updated_at = ? WHERE id = ? AND status IN ('queued', 'failed') AND consumed = 0").run(now, jobId).changes;
    return changed === 1 ? this.getJob(jobId) : undefined;
  }

  async finishJob(jobId: string, outcome: { result: unknown } | { error: string }): Promise<void> {
    const now = new Date().toISOString();
    if ('result' in outcome) this.statement("UPDATE jobs SET status = 'done', result = ?, error = NULL, updated_at = ? WHERE id = ?").run(JSON.stringify(outcome.result), now, jobId);
    else this.statement("UPDATE jobs SET status = 'failed', error = ?, updated_at = ? WHERE id = ?").run(outcome.error, now, jobId);
  }

  async listJobs(sessionId: string, page?: PageRequest): Promise<Page<JobRecord>> {
    return this.pagedBySession('jobs', 'up_to_step DESC, created_at DESC, id DESC', sessionId, page, jobFromRow);
  }

  async addLlmChecks(checks: LlmCheckRecord[]): Promise<number> {
    const insert = this.statement(
      `INSERT OR IGNORE INTO llm_checks (session_id, job_id, attempt, category, status, model, misbehaving, reason, calls, input_tokens, output_tokens, cached_input_tokens, cache_write_input_tokens, cost_usd, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const now = new Date().toISOString();
    let added = 0;
    const run = this.database.transaction(() => {
      for (const check of checks) {
        const misbehaving = check.misbehaving === undefined ? null : check.misbehaving ? 1 : 0;
        added += insert.run(
          check.sessionId, check.jobId, check.attempt, check.category ?? '', check.status, check.model ?? null, misbehaving, check.reason ?? null, check.calls,
          check.inputTokens, check.outputTokens, check.cachedInputTokens, check.cacheWriteInputTokens, check.costUsd, check.createdAt ?? now,
        ).changes;
      }
    });
    // A savepoint inside `withSession`, its own immediate transaction otherwise.
    run.immediate();
    return added;
  }

  async listLlmChecks(sessionId: string, page?: PageRequest): Promise<Page<LlmCheckRecord>> {
    return this.pagedBySession('llm_checks', 'sequence', sessionId, page, llmCheckFromRow);
  }

  async llmUsage(sessionId?: string): Promise<LlmUsageTotals> {
    const where = sessionId === undefined ? '' : 'WHERE session_id = ?';
    const row = this.statement(
      `SELECT COUNT(*) AS checks, COALESCE(SUM(calls), 0) AS calls, COALESCE(SUM(input_tokens), 0) AS input_tokens, COALESCE(SUM(output_tokens), 0) AS output_tokens,
         COALESCE(SUM(cached_input_tokens), 0) AS cached_input_tokens, COALESCE(SUM(cache_write_input_tokens), 0) AS cache_write_input_tokens, COALESCE(SUM(cost_usd), 0) AS cost_usd
       FROM llm_checks ${where}`,
    ).get(...(sessionId === undefined ? [] : [sessionId])) as Row;
    return {
      checks: row.checks as number,
      calls: row.calls as number,
      inputTokens: row.input_tokens as number,
      outputTokens: row.output_tokens as number,
      cachedInputTokens: row.cached_input_tokens as number,
      cacheWriteInputTokens: row.cache_write_input_tokens as number,
      costUsd: row.cost_usd as number,
    };
  }

  async close(): Promise<void> {
    if (this.database.open) this.database.close();
  }
}
