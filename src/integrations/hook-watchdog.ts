/**
 * The hook's watchdog: runs the synchronous part of a hook (reading the transcript, the detectors, the
 * decisions) so that it can be stopped at a deadline even when it never yields. A timer in the same thread
 * cannot do that: a catastrophic regular expression on hostile input, or a detector stuck in a loop, blocks the
 * event loop and the timer never fires. Node's `vm` timeout runs a watchdog thread that terminates the V8
 * execution of this thread at the deadline (regular expression matching included) and turns it into an
 * exception, after which the process goes on normally: the session's transaction is rolled back and the hook
 * exits 0 with nothing on stdout, like any other failure.
 *
 * Its cost is one thread start per hook (measured by `npm run bench hooks`). Native code that never checks for
 * termination (a single huge `JSON.parse`, a blocked file read) is not preempted; the hook bounds the input it
 * hands to such code instead (see `MAXIMUM_CHUNK_BYTES`, `MAXIMUM_LINE_BYTES`).
 */
import * as vm from 'node:vm';

/** The global slot through which the compiled call reaches the work to run (set only during a run). */
const WORK_SLOT = Symbol.for('wink.hook-watchdog.work');
/** Node's error code for a `vm` run stopped by its timeout. */
const TIMEOUT_CODE = 'ERR_SCRIPT_EXECUTION_TIMEOUT';
/** Shortest timeout handed to `vm` (it needs a positive whole number of milliseconds). */
const MINIMUM_TIMEOUT_MS = 1;

/** Thrown when the watchdog stopped the work at its deadline. */
export class HookPreemptedError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the hook's work was stopped by its watchdog after ${timeoutMs} ms`);
    this.name = 'HookPreemptedError';
  }
}

let caller: vm.Script | undefined;

/**
 * Runs `work` synchronously and returns its result, or throws {@link HookPreemptedError} when it is still running
 * after `timeoutMs`. Errors thrown by `work` pass through. `work` must be synchronous: what it leaves for later
 * (promises, timers) runs outside the watchdog.
 */
export function runWithWatchdog<Result>(work: () => Result, timeoutMs: number): Result {
  const timeout = Math.max(MINIMUM_TIMEOUT_MS, Math.floor(timeoutMs));
  caller ??= new vm.Script(`globalThis[Symbol.for(${JSON.stringify(WORK_SLOT.description)})]()`, { filename: 'wink-hook-watchdog' });
  const slots = globalThis as Record<symbol, unknown>;
  slots[WORK_SLOT] = work;
  try {
    return caller.runInThisContext({ timeout, breakOnSigint: false }) as Result;
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === TIMEOUT_CODE) throw new HookPreemptedError(timeout);
    throw error;
  } finally {
    delete slots[WORK_SLOT];
  }
}
