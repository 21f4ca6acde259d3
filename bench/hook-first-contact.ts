/**
 * First contact: wink installed into a session that is already 5,000 steps long (a mid-session install,
 * `claude --resume`). The transcript exists whole before the first hook; each hook call appends one new call and
 * result first, as the agent goes on. Per-call wall time of the first calls, with the default configuration
 * (no checker: no jobs) and the default budget, next to bare `node -e 0` timed right after each call.
 */
import { appendFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite.js';
import { GENERATED_SESSION_ID, generatedCall, generatedSession } from '../src/testing/claude-code-session.js';
import { timeBareNode, timeProcess } from './process-timing.js';
import type { BenchmarkTable } from './table.js';

/** Steps of the session met for the first time. */
export const FIRST_CONTACT_STEPS = 5000;
/** Hook calls timed from the first one. */
const FIRST_CONTACT_CALLS = 8;
/** The default budget of a hook (src/integrations/hook-runtime.ts), which every call must answer within. */
const BUDGET_MS = 1500;

/** How far a session's hooks have read, and how many jobs they enqueued. */
async function progress(home: string, transcript: string): Promise<{ caughtUp: boolean; jobs: number }> {
  const file = join(home, 'wink.db');
  if (!existsSync(file)) return { caughtUp: false, jobs: 0 };
  const store = new SqliteStore({ file });
  try {
    const session = await store.getSession(GENERATED_SESSION_ID);
    let jobs = 0;
    while (await store.getJob(`${GENERATED_SESSION_ID}#check-${jobs + 1}`)) jobs++;
    return { caughtUp: session?.transcriptOffset === statSync(transcript).size, jobs };
  } finally {
    await store.close();
  }
}

/** One row per call: the entry's wall time, bare node right after it, whether it has caught up, jobs so far. */
export async function firstContactRows(name: string, entry: string[]): Promise<{ rows: (string | number)[][]; callsToCatchUp: number | undefined; worst: number }> {
  const directory = mkdtempSync(join(tmpdir(), 'wink-first-contact-'));
  try {
    const transcript = join(directory, 'session.jsonl');
    const home = join(directory, 'home');
    const { text, calls } = generatedSession(FIRST_CONTACT_STEPS);
    writeFileSync(transcript, text);
    const environment = { ...process.env, WINK_HOME: home, WINK_HOOK_BUDGET_MS: String(BUDGET_MS), WINK_LLM_MODEL: '', WINK_ASYNC_CHECKER: '' };
    const rows: (string | number)[][] = [];
    let callsToCatchUp: number | undefined;
    let worst = 0;
    for (let call = 0; call < FIRST_CONTACT_CALLS; call++) {
      const next = generatedCall(calls + call);
      appendFileSync(transcript, next.text);
      const milliseconds = await timeProcess(entry, JSON.stringify({ session_id: GENERATED_SESSION_ID, transcript_path: transcript, cwd: directory, ...next.payload }), environment);
      const bare = await timeBareNode();
      const state = await progress(home, transcript);
      if (state.caughtUp && callsToCatchUp === undefined) callsToCatchUp = call + 1;
      worst = Math.max(worst, milliseconds);
      rows.push([name, call + 1, milliseconds, bare, Number((milliseconds / bare).toFixed(2)), state.caughtUp ? 'yes' : 'no', state.jobs]);
    }
    return { rows, callsToCatchUp, worst };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The first-contact table for one or more entries (the installed hook, and optionally an earlier build to compare). */
export async function firstContactTable(entries: Array<[string, string[]]>): Promise<BenchmarkTable> {
  const rows: (string | number)[][] = [];
  const verdicts: string[] = [];
  for (const [name, entry] of entries) {
    const result = await firstContactRows(name, entry);
    rows.push(...result.rows);
    verdicts.push(`${name}: slowest call ${result.worst.toFixed(0)} ms (${result.worst <= BUDGET_MS ? 'within' : 'OVER'} the ${BUDGET_MS} ms budget), caught up ${result.callsToCatchUp === undefined ? `not within ${FIRST_CONTACT_CALLS} calls` : `after ${result.callsToCatchUp} call(s)`}`);
  }
  return {
    title: `First contact: hook calls on a ${FIRST_CONTACT_STEPS}-step transcript wink has never seen (milliseconds; default configuration and budget)`,
    columns: ['entry', 'call', 'wall time', 'bare node (right after)', 'ratio', 'caught up', 'jobs so far'],
    rows,
    notes: [
      'Each call appends one new call and result first. Until a hook reaches the end of the transcript it only observes (no guidance, refusal or Stop block), in slices bounded by a share of its budget.',
      ...verdicts,
    ],
  };
}
