import { describe, expect, it } from 'vitest';
import { defineDetector, type Detector } from '../detectors/define.js';
import { trajectory } from '../testing/trajectory-builder.js';
import { analyzeTrajectory, detectorMode, MAXIMUM_KEPT_FAILURES } from './engine.js';

/** Reports every tool call; its default mode is set per case. */
function everyCall(defaultMode?: 'on' | 'shadow' | 'off'): Detector<object> {
  return defineDetector({
    id: 'every-call',
    meta: { category: 'infinite-loop', requiresLlm: false, description: 'test', messages: { call: '{{tool}}' }, defaultOptions: {}, defaultMode },
    create: (context) => ({ 'tool-call': (step) => context.report({ messageId: 'call', steps: [step.index], data: { tool: step.tool } }) }),
  }) as Detector<object>;
}

const session = trajectory().user('go').run('ls', 'a').build();

describe('detector modes (the precision gate)', () => {
  const cases: Array<{ name: string; defaultMode?: 'on' | 'shadow' | 'off'; setting?: Record<string, unknown> | false; findings: number; shadow: boolean }> = [
    { name: 'on by default', findings: 1, shadow: false },
    { name: 'off by default: not run', defaultMode: 'off', findings: 0, shadow: false },
    { name: 'off by default, turned on by the configuration', defaultMode: 'off', setting: { mode: 'on' }, findings: 1, shadow: false },
    { name: 'off by default, run in shadow mode', defaultMode: 'off', setting: { mode: 'shadow' }, findings: 1, shadow: true },
    { name: 'shadow by default', defaultMode: 'shadow', findings: 1, shadow: true },
    { name: 'turned off', setting: false, findings: 0, shadow: false },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      const detector = everyCall(testCase.defaultMode);
      const { findings } = analyzeTrajectory(session, { detectors: [detector], settings: testCase.setting === undefined ? undefined : { 'every-call': testCase.setting } });
      expect(findings).toHaveLength(testCase.findings);
      for (const finding of findings) expect(finding.shadow === true).toBe(testCase.shadow);
    });
  }

  it('the mode key is not passed to the detector as an option', () => {
    const seen: object[] = [];
    const detector = defineDetector({
      id: 'options-probe',
      meta: { category: 'infinite-loop', requiresLlm: false, description: 'test', messages: {}, defaultOptions: { threshold: 3 } },
      create: (_context, options) => {
        seen.push(options);
        return {};
      },
    }) as Detector<object>;
    analyzeTrajectory(session, { detectors: [detector], settings: { 'options-probe': { mode: 'shadow', threshold: 5 } } });
    expect(seen).toEqual([{ threshold: 5 }]);
    expect(detectorMode(detector, { mode: 'shadow' })).toBe('shadow');
  });
});

describe('a detector that throws', () => {
  const throwing = defineDetector({
    id: 'throws-on-calls',
    meta: { category: 'infinite-loop', requiresLlm: false, description: 'test', messages: {}, defaultOptions: {} },
    create: () => ({
      'tool-call': () => {
        throw new Error('broken detector');
      },
    }),
  }) as Detector<object>;

  it('is recorded with its step, and the other detectors still report', () => {
    const { findings, failures, failureCount } = analyzeTrajectory(session, { detectors: [throwing, everyCall()] });
    expect(findings).toHaveLength(1);
    expect(failures).toEqual([{ detector: 'throws-on-calls', step: 1, message: 'broken detector' }]);
    expect(failureCount).toBe(1);
  });

  it('throwing at every step keeps the first failures and counts them all', () => {
    let long = trajectory().user('go');
    for (let index = 0; index < MAXIMUM_KEPT_FAILURES + 30; index++) long = long.run(`ls ${index}`, 'a');
    const { failures, failureCount } = analyzeTrajectory(long.build(), { detectors: [throwing] });
    expect(failures).toHaveLength(MAXIMUM_KEPT_FAILURES);
    expect(failureCount).toBe(MAXIMUM_KEPT_FAILURES + 30);
  });
});
