/**
 * One hook round trip as the agent makes it: the settings' command run through the shell from the project root,
 * with the agent's variables set, a synthetic SessionStart event on stdin. It runs with its own `WINK_HOME` in a
 * temporary folder (removed afterwards), so the check writes nothing into the user's store; the hook's log there
 * tells a failure the hook swallowed (hooks always exit 0) from a real answer.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Longest a round trip may run before it is stopped (the agents' own timeout is 30 s; wink's budget 1.5 s). */
export const ROUND_TRIP_TIMEOUT_MILLISECONDS = 30_000;
/** Most characters of stdout kept to check the answer. */
const MAXIMUM_ANSWER_CHARACTERS = 64 * 1024;

/** What one round trip showed. */
export interface RoundTrip {
  ok: boolean;
  milliseconds: number;
  /** Why it is not ok, in plain words. */
  problem?: string;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.slice(0, 300) ?? '';
}

/** Runs `command` once as an agent would and judges its answer. */
export async function hookRoundTrip(command: string, projectRoot: string, variables: Readonly<Record<string, string>>, environment: NodeJS.ProcessEnv = process.env): Promise<RoundTrip> {
  const folder = mkdtempSync(join(tmpdir(), 'wink-doctor-'));
  try {
    const transcript = join(folder, 'session.jsonl');
    writeFileSync(transcript, '');
    const winkHome = join(folder, 'home');
    const event = { session_id: `wink-doctor-${process.pid}`, transcript_path: transcript, cwd: projectRoot, hook_event_name: 'SessionStart', source: 'startup', timestamp: new Date().toISOString() };
    const started = performance.now();
    const outcome = await new Promise<{ code: number | null; stdout: string; error?: Error; timedOut: boolean }>((resolve) => {
      let stdout = '';
      let timedOut = false;
      const child = spawn('sh', ['-c', command], { cwd: projectRoot, env: { ...environment, ...variables, WINK_HOME: winkHome }, stdio: ['pipe', 'pipe', 'ignore'] });
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, ROUND_TRIP_TIMEOUT_MILLISECONDS);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        if (stdout.length < MAXIMUM_ANSWER_CHARACTERS) stdout += chunk;
      });
      child.stdin.on('error', () => undefined);
      child.on('error', (error) => {
        clearTimeout(timer);
        resolve({ code: null, stdout, error, timedOut });
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, timedOut });
      });
      child.stdin.end(JSON.stringify(event) + '\n');
    });
    const milliseconds = Math.round(performance.now() - started);
    if (outcome.error) return { ok: false, milliseconds, problem: `the shell could not start it (${outcome.error.message})` };
    if (outcome.timedOut) return { ok: false, milliseconds, problem: `no answer within ${ROUND_TRIP_TIMEOUT_MILLISECONDS / 1000} s` };
    if (outcome.code !== 0) return { ok: false, milliseconds, problem: `it exited with code ${outcome.code} (the agent treats that as a hook error)` };
    const answer = outcome.stdout.trim();
    if (answer.length > 0) {
      try {
        JSON.parse(answer);
      } catch {
        return { ok: false, milliseconds, problem: `its answer is not JSON: ${firstLine(answer)}` };
      }
    }
    let logged = '';
    try {
      logged = readFileSync(join(winkHome, 'wink.log'), 'utf8');
    } catch {
      // No log: nothing went wrong.
    }
    if (logged.trim().length > 0) return { ok: false, milliseconds, problem: `the hook ran but failed open: ${firstLine(logged)}` };
    return { ok: true, milliseconds };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
