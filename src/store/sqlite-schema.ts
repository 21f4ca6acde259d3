/**
 * The SQLite schema, as numbered migrations. The database's `user_version` is the number of migrations
 * applied; opening a database applies the missing ones in one transaction.
 */

/** Migration statements, in order; never edit a released one — add a new one. */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     agent TEXT NOT NULL,
     model TEXT,
     environment TEXT,
     source_file TEXT,
     working_directory TEXT,
     mode TEXT NOT NULL,
     arm TEXT,
     started_at TEXT,
     ended_at TEXT,
     step_count INTEGER NOT NULL DEFAULT 0,
     transcript_offset INTEGER NOT NULL DEFAULT 0,
     observer_state TEXT,
     integration_state TEXT,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX sessions_by_agent ON sessions (agent, updated_at);
   CREATE INDEX sessions_by_model ON sessions (model, updated_at);
   CREATE INDEX sessions_by_update ON sessions (updated_at);
   CREATE TABLE steps (
     session_id TEXT NOT NULL,
     step_index INTEGER NOT NULL,
     step_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     tool TEXT,
     is_error INTEGER,
     timestamp TEXT,
     summary TEXT NOT NULL,
     source_line INTEGER,
     PRIMARY KEY (session_id, step_index),
     UNIQUE (session_id, step_id)
   );
   CREATE TABLE findings (
     sequence INTEGER PRIMARY KEY AUTOINCREMENT,
     session_id TEXT NOT NULL,
     step_index INTEGER NOT NULL,
     detector TEXT NOT NULL,
     category TEXT NOT NULL,
     form TEXT,
     message_id TEXT NOT NULL,
     signature TEXT NOT NULL,
     confidence REAL NOT NULL,
     data TEXT NOT NULL,
     evidence_steps TEXT NOT NULL,
     source TEXT NOT NULL,
     arm TEXT,
     delivered INTEGER NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX findings_by_session ON findings (session_id, step_index);
   CREATE TABLE interventions (
     id TEXT PRIMARY KEY,
     session_id TEXT NOT NULL,
     step_index INTEGER NOT NULL,
     signature TEXT NOT NULL,
     category TEXT NOT NULL,
     message_id TEXT NOT NULL,
     level INTEGER NOT NULL,
     guidance TEXT NOT NULL,
     arm TEXT,
     delivered INTEGER NOT NULL,
     channel TEXT NOT NULL,
     source TEXT NOT NULL,
     recovery_outcome TEXT,
     recovery_step INTEGER,
     recovery_reason TEXT,
     created_at TEXT NOT NULL
   );
   CREATE INDEX interventions_by_session ON interventions (session_id, step_index);
   CREATE TABLE jobs (
     id TEXT PRIMARY KEY,
     session_id TEXT NOT NULL,
     up_to_step INTEGER NOT NULL,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     result TEXT,
     error TEXT,
     consumed INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX jobs_by_session ON jobs (session_id, status, consumed);`,
  // 2: dashboard filters and summaries (category filter, start-date range and trend, recovery counts).
  `CREATE INDEX findings_by_category ON findings (category, session_id);
   CREATE INDEX interventions_by_category ON interventions (category, recovery_outcome);
   CREATE INDEX sessions_by_start ON sessions (started_at);`,
  // 3: LLM checks per job with their token accounts (per-session budgets sum them across processes).
  `CREATE TABLE llm_checks (
     sequence INTEGER PRIMARY KEY AUTOINCREMENT,
     session_id TEXT NOT NULL,
     job_id TEXT NOT NULL,
     attempt INTEGER NOT NULL,
     category TEXT NOT NULL DEFAULT '',
     status TEXT NOT NULL,
     model TEXT,
     misbehaving INTEGER,
     reason TEXT,
     calls INTEGER NOT NULL,
     input_tokens INTEGER NOT NULL,
     output_tokens INTEGER NOT NULL,
     cached_input_tokens INTEGER NOT NULL,
     cache_write_input_tokens INTEGER NOT NULL,
     cost_usd REAL NOT NULL,
     created_at TEXT NOT NULL,
     UNIQUE (job_id, attempt, category)
   );
   CREATE INDEX llm_checks_by_session ON llm_checks (session_id, sequence);`,
  // 4: reader diagnostics per session (records of the log that could not be used), for the dashboard.
  `ALTER TABLE sessions ADD COLUMN diagnostic_count INTEGER NOT NULL DEFAULT 0;`,
];
