import { describe, expect, it } from 'vitest';
import { HookPreemptedError, runWithWatchdog } from './hook-watchdog.js';

/** A regular expression that backtracks exponentially on a long run of "a" that does not end the way it wants. */
// eslint-disable-next-line regexp/no-super-linear-backtracking, regexp/no-unused-capturing-group, regexp/no-misleading-capturing-group -- the test needs a pattern that blocks the thread
const CATASTROPHIC = /^(a+)+$/;

describe('runWithWatchdog', () => {
  it.each([
    { name: 'a loop that never yields', work: () => { for (;;) { /* spin */ } } },
    { name: 'a catastrophic regular expression', work: () => CATASTROPHIC.test(`${'a'.repeat(48)}!`) },
  ])('stops $name at the deadline with HookPreemptedError', ({ work }) => {
    expect(() => runWithWatchdog(work, 50)).toThrow(HookPreemptedError);
    expect(runWithWatchdog(() => 'still usable', 50), 'the thread goes on normally afterwards').toBe('still usable');
  });

  it('returns the result of work that finishes in time, and passes its errors through', () => {
    expect(runWithWatchdog(() => 6 * 7, 1000)).toBe(42);
    expect(() => runWithWatchdog(() => { throw new RangeError('from the work'); }, 1000)).toThrow(RangeError);
  });
});
