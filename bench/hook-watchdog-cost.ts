/**
 * The cost of the hook watchdog (src/integrations/hook-watchdog.ts): one `vm` timeout per hook, which starts a
 * watchdog thread around the synchronous observation. Timed in process around empty work, the first call (which
 * compiles the tiny calling script, as a hook's only call does) and the following ones, next to bare `node -e 0`.
 */
import { runWithWatchdog } from '../src/integrations/hook-watchdog.js';
import { summarize, timeBareNode, type Timing } from './process-timing.js';
import type { BenchmarkTable } from './table.js';

/** Calls timed after the first. */
const WATCHDOG_RUNS = 500;
/** The timeout handed to the watchdog (long: the work is empty). */
const WATCHDOG_TIMEOUT_MS = 1000;
/** Bare node runs timed for the comparison. */
const BARE_RUNS = 15;

function timeOnce(): number {
  const started = process.hrtime.bigint();
  runWithWatchdog(() => undefined, WATCHDOG_TIMEOUT_MS);
  return Number(process.hrtime.bigint() - started) / 1e3;
}

/** The watchdog's cost per hook (microseconds) and bare node's start-up (milliseconds). */
export async function watchdogCost(): Promise<{ first: number; steady: Timing; bare: Timing }> {
  const first = timeOnce();
  const samples = Array.from({ length: WATCHDOG_RUNS }, timeOnce);
  const bare: number[] = [];
  for (let run = 0; run < BARE_RUNS; run++) bare.push(await timeBareNode());
  return { first, steady: summarize(samples), bare: summarize(bare) };
}

export async function watchdogCostTable(): Promise<BenchmarkTable> {
  const { first, steady, bare } = await watchdogCost();
  const share = (microseconds: number) => Number(((microseconds / 1000 / bare.p50) * 100).toFixed(2));
  return {
    title: 'Hook watchdog cost per hook (microseconds; in process, around empty work)',
    columns: ['measure', 'microseconds', '% of bare node p50'],
    rows: [
      ['first call (compiles the calling script, as a hook does)', first, share(first)],
      [`later calls p50 (${WATCHDOG_RUNS} runs)`, steady.p50, share(steady.p50)],
      ['later calls p95', steady.p95, share(steady.p95)],
      ['bare node -e 0 p50 (for comparison)', bare.p50 * 1000, 100],
    ],
    notes: ['A hook makes one watchdog call. Its cost is inside the round trips of the table above.'],
  };
}
