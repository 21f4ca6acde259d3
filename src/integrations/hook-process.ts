/**
 * The hook and worker processes around the runtime: the budget timer, stdin, stdout and the exit code. A hook
 * always exits 0 and prints nothing but the hook JSON; errors go to `$WINK_HOME/wink.log`. Two guards bound a
 * hook's time: the watchdog stops the synchronous observation before the deadline (`hook-watchdog.ts`), and the
 * budget timer ends the process at the deadline when it is waiting on anything else (stdin, a locked store).
 */
import { read } from 'node:fs';
import { openStore } from '../store/open.js';
import type { WinkStore } from '../store/types.js';
import { logHookError } from './hook-log.js';
import { HookBudgetExceededError, handleHook, hookBudgetMs } from './hook-runtime.js';
import type { AgentIntegration } from './hook-types.js';

/** Bytes read from stdin at a time. */
const STANDARD_INPUT_CHUNK = 64 * 1024;

/** Reads stdin to the end through the `process.stdin` stream (the fallback of {@link readStandardInput}). */
async function readStandardInputStream(chunks: Buffer[]): Promise<string> {
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads stdin to the end as text. Reads file descriptor 0 directly (off the main thread, so the budget timer
 * still fires): creating `process.stdin` for a pipe loads the net and stream modules, a few milliseconds of a
 * hook's start-up. Falls back to the stream when the descriptor cannot be read that way (non-blocking, EAGAIN).
 */
export function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  return new Promise((resolvePromise, reject) => {
    const next = (): void => {
      read(0, Buffer.allocUnsafe(STANDARD_INPUT_CHUNK), 0, STANDARD_INPUT_CHUNK, null, (error, bytesRead, buffer) => {
        if (error) {
          if (error.code === 'EOF') resolvePromise(Buffer.concat(chunks).toString('utf8'));
          else readStandardInputStream(chunks).then(resolvePromise, reject);
        } else if (bytesRead === 0) {
          resolvePromise(Buffer.concat(chunks).toString('utf8'));
        } else {
          chunks.push(buffer.subarray(0, bytesRead));
          next();
        }
      });
    };
    next();
  });
}

/**
 * The whole hook process: budget timer, stdin, run, stdout. Always exits 0; prints nothing but the hook
 * JSON; errors go to the log. Resolves with the event's name when stdin named one.
 */
export async function runHookProcess(integration: AgentIntegration, entryScript: string): Promise<string | undefined> {
  const started = Date.now();
  const budgetMs = hookBudgetMs();
  const deadline = started + budgetMs;
  const timer = setTimeout(() => {
    logHookError(`${integration.agent} budget`, new HookBudgetExceededError(budgetMs));
    process.exit(0);
  }, budgetMs);
  timer.unref();
  let eventName = 'unknown';
  try {
    const text = await readStandardInput();
    if (text.trim().length === 0) throw new Error('empty stdin');
    const payload = JSON.parse(text) as unknown;
    if (payload && typeof payload === 'object' && typeof (payload as { hook_event_name?: unknown }).hook_event_name === 'string') eventName = (payload as { hook_event_name: string }).hook_event_name;
    const output = await handleHook(integration, payload, { deadline, budgetMs, entryScript });
    if (Date.now() > deadline) throw new HookBudgetExceededError(budgetMs);
    if (output) process.stdout.write(JSON.stringify(output) + '\n');
  } catch (error) {
    logHookError(`${integration.agent}:${eventName}`, error);
  } finally {
    clearTimeout(timer);
    process.exitCode = 0;
  }
  return eventName === 'unknown' ? undefined : eventName;
}

/** Runs `wink worker --job <id>`: opens the store, runs the job, logs failures, exits 0. */
export async function runWorkerProcess(jobId: string, checkerModule: string | undefined): Promise<void> {
  let store: WinkStore | undefined;
  try {
    store = await openStore();
    const { runJob } = await import('./async-jobs.js');
    await runJob(store, jobId, checkerModule);
  } catch (error) {
    logHookError(`worker ${jobId}`, error);
  } finally {
    await store?.close();
    process.exitCode = 0;
  }
}
