/**
 * Helpers of the hook end-to-end tests: spawn the real built `node dist/cli/main.js hook <agent>` with a
 * payload on stdin and WINK_HOME in a temporary directory, and replay a Claude Code transcript line by line
 * with the payloads the real client sends.
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '../../src/store/sqlite.js';
import { temporaryFolder } from '../support/temporary-folders.js';

/** Repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built CLI. */
export const MAIN_SCRIPT = join(ROOT, 'dist', 'cli', 'main.js');

export interface HookRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Parsed stdout, or undefined when empty. */
  output?: Record<string, unknown>;
}

/** Runs one hook process and resolves when it exits. */
export function runHook(agent: string, stdin: string | object, environment: Record<string, string>, script = MAIN_SCRIPT, parameters = ['hook', agent]): Promise<HookRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, ...parameters], { env: { ...process.env, ...environment }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const trimmed = stdout.trim();
      let output: Record<string, unknown> | undefined;
      if (trimmed.length > 0) output = JSON.parse(trimmed) as Record<string, unknown>;
      resolvePromise({ code, stdout, stderr, output });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(typeof stdin === 'string' ? stdin : JSON.stringify(stdin));
  });
}

/** A temporary WINK_HOME (and a working directory beside it), removed when the test finishes (call it inside a test). */
export function temporaryHome(): { home: string; workingDirectory: string; environment: Record<string, string> } {
  const base = temporaryFolder('wink-hook-');
  const home = join(base, 'home');
  return { home, workingDirectory: base, environment: { WINK_HOME: home, WINK_HOOK_BUDGET_MS: '20000' } };
}

/** The additionalContext of a hook answer, if any. */
export function contextOf(run: HookRun): string | undefined {
  const specific = run.output?.hookSpecificOutput as { additionalContext?: string } | undefined;
  return specific?.additionalContext;
}

/** Opens the store of a wink home (`wink.db`), runs `read` on it and closes it. */
export async function readStore<T>(home: string, read: (store: SqliteStore) => Promise<T>): Promise<T> {
  const store = new SqliteStore({ file: join(home, 'wink.db') });
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}
