import { describe, expect, it } from 'vitest';
import { failureLines } from './analyze-output.js';

describe('failureLines (detector errors are printed, never dropped)', () => {
  const cases: Array<{ name: string; failures: Array<{ detector: string; step: number; message: string }>; failureCount?: number; lines: string[] }> = [
    { name: 'no failures, no lines', failures: [], lines: [] },
    {
      name: 'one line per detector, with its steps and first message',
      failures: [
        { detector: 'a', step: 3, message: 'boom' },
        { detector: 'b', step: 4, message: 'bad' },
        { detector: 'a', step: 7, message: 'boom again' },
      ],
      lines: ['detector error: a threw at step 3, 7 (boom); its findings here may be missing', 'detector error: b threw at step 4 (bad); its findings here may be missing'],
    },
    {
      name: 'failures beyond the kept ones are counted',
      failures: [1, 2, 3, 4, 5, 6, 7].map((step) => ({ detector: 'a', step, message: 'boom' })),
      failureCount: 90,
      lines: ['detector error: a threw at step 1, 2, 3, 4, 5, 6, … (boom); its findings here may be missing', 'detector error: 83 more not listed'],
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      expect(failureLines({ failures: testCase.failures, failureCount: testCase.failureCount })).toEqual(testCase.lines);
    });
  }
});
