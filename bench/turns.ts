/** Shared by the reader benchmarks: a garbage collector to call between runs, and methods timed taking turns. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A garbage collector to call between measurements (exposed at run time, so no node flag is needed). */
export function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** The best wall time of one task, and the count its last run returned. */
export interface Measurement {
  seconds: number;
  count: number;
}

/**
 * Best wall time of each task over `repetitions`. The tasks take turns within each repetition, so a burst of load
 * from other processes on the machine disturbs them alike; `collect` runs before each task.
 */
export async function measureInTurns(collect: () => void, tasks: (() => Promise<number>)[], repetitions: number): Promise<Measurement[]> {
  const results = tasks.map(() => ({ seconds: Infinity, count: 0 }));
  for (let repetition = 0; repetition < repetitions; repetition++) {
    for (const [index, task] of tasks.entries()) {
      collect();
      const start = process.hrtime.bigint();
      results[index].count = await task();
      results[index].seconds = Math.min(results[index].seconds, Number(process.hrtime.bigint() - start) / 1e9);
    }
  }
  return results;
}
