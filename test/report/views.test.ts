/** Each view on small hand-made record sets with answers worked out by hand. */
import { describe, expect, it } from 'vitest';
import { abTestView } from '../../src/eval/views/ab-test.js';
import { invocationsOf, misbehaviorRateView } from '../../src/eval/views/misbehavior-rate.js';
import { modelComparisonView } from '../../src/eval/views/per-model.js';
import { prevalenceView } from '../../src/eval/views/prevalence.js';
import { recoveryView } from '../../src/eval/views/recovery.js';
import { environmentSplitView } from '../../src/eval/views/study-environments.js';
import { formDistributionView } from '../../src/eval/views/study-forms.js';
import { persistenceView } from '../../src/eval/views/study-persistence.js';
import { trendView } from '../../src/eval/views/study-trend.js';
import { twoProportionZTest } from '../../src/eval/statistics/proportions.js';
import { finding, intervention, pushback, session, sessions } from './records.js';

describe('prevalence (Table 1)', () => {
  it('counts sessions, not findings, per category; signals apart', () => {
    const records = [
      session({ steps: 4, findings: [finding('infinite-loop'), finding('infinite-loop'), finding('tool-call-failure')] }),
      session({ steps: 6, findings: [finding('tool-call-failure')] }),
      session({ steps: 5, findings: [pushback()] }),
      session({ steps: 5 }),
    ];
    const view = prevalenceView(records);
    expect(view.basis).toEqual({ sessions: 4, steps: 20 });
    const row = (category: string) => view.rows.find((entry) => entry.category === category);
    expect(row('infinite-loop')?.successes).toBe(1);
    expect(row('tool-call-failure')?.rate).toBe(0.5);
    expect(view.total.successes).toBe(2);
    expect(view.signals).toMatchObject([{ detector: 'developer-pushback', successes: 1, rate: 0.25 }]);
    expect(row('tool-call-failure')?.interval.lower).toBeLessThan(0.5);
  });
});

describe('per model (Table 2)', () => {
  it('compares the models pairwise with the two-proportion test', () => {
    const records = [
      ...sessions(30, { model: 'sonnet', findings: [finding('did-not-follow-instructions')] }),
      ...sessions(70, { model: 'sonnet' }),
      ...sessions(10, { model: 'opus', findings: [finding('did-not-follow-instructions')] }),
      ...sessions(90, { model: 'opus' }),
      session(),
    ];
    const view = modelComparisonView(records);
    expect(view.models.map((model) => model.model)).toEqual(['opus', 'sonnet']);
    expect(view.sessionsLeftOut).toBe(1);
    const row = view.rows.find((entry) => entry.category === 'did-not-follow-instructions');
    expect(row?.rates.map((rate) => rate.rate)).toEqual([0.1, 0.3]);
    const expected = twoProportionZTest({ successes: 10, trials: 100 }, { successes: 30, trials: 100 });
    expect(row?.comparisons[0].pValue).toBeCloseTo(expected.pValue, 12);
    expect(row?.comparisons[0].stars).toBe('**');
  });
});

describe('misbehavior rate (RQ2)', () => {
  it('counts check points of k steps and flags those with a finding', () => {
    // 12 steps, k = 5: windows [0,5) [5,10) [10,12) → 3 invocations; findings at 1, 3 and 11 flag two.
    expect(invocationsOf(session({ steps: 12, findings: [finding('infinite-loop', 1), finding('infinite-loop', 3), finding('tool-call-failure', 11), pushback(6)] }), 5)).toEqual({ invocations: 3, flagged: 2 });
  });

  it('compares shadow (and the control arm) with intervene (and the treatment arm)', () => {
    const records = [
      session({ mode: 'shadow', steps: 10, findings: [finding('infinite-loop', 2), finding('infinite-loop', 7)] }),
      session({ mode: 'ab', arm: 'control', steps: 10 }),
      session({ mode: 'intervene', steps: 20, findings: [finding('infinite-loop', 2)] }),
      session({ steps: 100, findings: [finding('infinite-loop', 2)] }),
    ];
    const view = misbehaviorRateView(records, 5);
    expect(view.shadow.rate).toMatchObject({ successes: 2, trials: 4, rate: 0.5 });
    expect(view.intervene.rate).toMatchObject({ successes: 1, trials: 4, rate: 0.25 });
    expect(view.shadow.basis).toEqual({ sessions: 2, steps: 20 });
    expect(view.comparison?.difference).toBeCloseTo(0.25, 12);
    expect(misbehaviorRateView([session()]).comparison).toBeUndefined();
  });
});

describe('recovery (Tables 3 and 4)', () => {
  it('splits by single vs multiple delivered interventions; insufficient is not recovered; pending apart', () => {
    const records = [
      session({ interventions: [intervention('infinite-loop', 'recovered')] }),
      session({ interventions: [intervention('infinite-loop', 'insufficient')] }),
      session({ interventions: [intervention('tool-call-failure', 'recovered'), intervention('shadowed', 'not-recovered', false)] }),
      session({ interventions: [intervention('infinite-loop', 'recovered'), intervention('infinite-loop', 'not-recovered'), intervention('tool-call-failure')] }),
    ];
    const view = recoveryView(records);
    expect(view.single.overall).toMatchObject({ sample: 3, recovered: 2, notRecovered: 1, insufficient: 1 });
    expect(view.single.overall.rate.rate).toBeCloseTo(2 / 3, 12);
    expect(view.single.rows.find((row) => row.category === 'infinite-loop')).toMatchObject({ sample: 2, recovered: 1 });
    expect(view.multiple.overall).toMatchObject({ sample: 2, recovered: 1 });
    expect(view.multiple.pending).toBe(1);
    expect(view.single.basis.sessions).toBe(3);
    expect(view.comparison?.difference).toBeCloseTo(2 / 3 - 1 / 2, 12);
  });
});

describe('A/B session metrics (Table 5)', () => {
  const start = '2026-01-01T00:00:00.000Z';
  const endAfter = (seconds: number) => new Date(Date.parse(start) + seconds * 1000).toISOString();
  const control = Array.from({ length: 20 }, (_, index) =>
    session({ arm: 'control', mode: 'ab', toolCalls: 100, toolErrors: 10, tokens: 1000 + index * 10, startedAt: start, endedAt: endAfter(100 + index), findings: index % 2 === 0 ? [pushback(), pushback()] : [] }),
  );
  const treatment = Array.from({ length: 20 }, (_, index) =>
    session({ arm: 'treatment', mode: 'ab', toolCalls: 100, toolErrors: 5, tokens: 800 + index * 10, startedAt: start, endedAt: endAfter(100 + index), findings: [] }),
  );
  const view = abTestView([...control, ...treatment]);
  const metric = (id: string) => view.metrics.find((row) => row.metric === id);

  it('tool-call failures: pooled calls, relative change, z-test', () => {
    const row = metric('tool-call-failures');
    expect(row?.control.value).toBeCloseTo(0.1, 12);
    expect(row?.treatment.value).toBeCloseTo(0.05, 12);
    expect(row?.relativeChange).toBeCloseTo(-0.5, 12);
    expect(row?.pValue).toBeCloseTo(twoProportionZTest({ successes: 100, trials: 2000 }, { successes: 200, trials: 2000 }).pValue, 12);
    expect(row?.stars).toBe('**');
    expect(row?.interval?.upper).toBeLessThan(0);
  });

  it('tokens: relative change of means, bootstrap interval, Mann–Whitney p', () => {
    const row = metric('tokens-per-session');
    // Means 1095 (control) and 895 (treatment): −18.26%.
    expect(row?.relativeChange).toBeCloseTo((895 - 1095) / 1095, 12);
    expect(row?.test).toBe('Mann–Whitney U');
    expect(row?.pValue).toBeLessThan(0.01);
    expect(row?.interval?.lower).toBeLessThan(row?.relativeChange as number);
    expect(row?.interval?.upper).toBeGreaterThan(row?.relativeChange as number);
  });

  it('user interventions use Welch; equal execution times give no effect', () => {
    const pushbacks = metric('user-interventions-per-session');
    expect(pushbacks?.control.value).toBe(1);
    expect(pushbacks?.treatment.value).toBe(0);
    expect(pushbacks?.relativeChange).toBe(-1);
    expect(pushbacks?.test).toBe('Welch t-test');
    const time = metric('execution-time-per-session');
    expect(time?.relativeChange).toBe(0);
    expect(time?.pValue).toBeCloseTo(1, 6);
    expect(time?.stars).toBe('');
  });

  it('is empty without both arms', () => {
    expect(abTestView(control).metrics).toEqual([]);
  });
});

describe('study views', () => {
  it('form distribution: shares of form-labelled findings beside the study share', () => {
    const view = formDistributionView([session({ findings: [finding('did-not-follow-instructions', 0, 'S3'), finding('did-not-follow-instructions', 1, 'S3'), finding('unrequested-changes', 2, 'S4'), finding('infinite-loop')] })]);
    expect(view.episodes).toBe(3);
    expect(view.rows.find((row) => row.form === 'S3')).toMatchObject({ episodes: 2, sessions: 1 });
    expect(view.rows.find((row) => row.form === 'S3')?.share).toBeCloseTo(2 / 3, 12);
    expect(view.rows.find((row) => row.form === 'S3')?.studyShare).toBeCloseTo(0.3833, 4);
  });

  it('IDE vs CLI: chi-square of environment × has a misbehavior', () => {
    const records = [
      ...sessions(10, { environment: 'ide', findings: [finding('infinite-loop', 0, 'S5')] }),
      ...sessions(20, { environment: 'ide' }),
      ...sessions(20, { environment: 'cli', findings: [finding('did-not-follow-instructions', 0, 'S3')] }),
      ...sessions(30, { environment: 'cli' }),
      session({ environment: 'benchmark' }),
    ];
    const view = environmentSplitView(records);
    expect(view.rows.map((row) => row.environment)).toEqual(['ide', 'cli', 'benchmark']);
    // [[10, 20], [20, 30]]: expected [[11.25, 18.75], [18.75, 31.25]], χ² = 0.3556 (scipy: 0.35555…, p = 0.5510).
    expect(view.sessionTest?.statistic).toBeCloseTo(0.35555555555555557, 10);
    expect(view.sessionTest?.pValue).toBeCloseTo(0.5509849, 6);
    expect(view.formTest?.degreesOfFreedom).toBe(1);
  });

  it('persistence: adjacent pairs within a repository by start time; self-lift per form', () => {
    const at = (day: number) => `2026-02-${String(day).padStart(2, '0')}T10:00:00Z`;
    const loop = () => [finding('did-not-follow-instructions', 0, 'S3')];
    const records = [
      // Repository a, in time order: M M C M C (given shuffled).
      session({ repository: 'a', startedAt: at(3), findings: [] }),
      session({ repository: 'a', startedAt: at(1), findings: loop() }),
      session({ repository: 'a', startedAt: at(5), findings: [] }),
      session({ repository: 'a', startedAt: at(2), findings: loop() }),
      session({ repository: 'a', startedAt: at(4), findings: loop() }),
      // Repository b: C C.
      session({ repository: 'b', startedAt: at(1) }),
      session({ repository: 'b', startedAt: at(2) }),
      // No repository: left out.
      session({ startedAt: at(1), findings: loop() }),
    ];
    const view = persistenceView(records);
    // Pairs: a: (M,M) (M,C) (C,M) (M,C); b: (C,C). After M: 1 of 3; after C: 1 of 2.
    expect(view.pairs).toBe(5);
    expect(view.repositories).toBe(2);
    expect(view.basis.sessions).toBe(7);
    expect(view.afterMisbehavior).toMatchObject({ successes: 1, trials: 3 });
    expect(view.afterClean).toMatchObject({ successes: 1, trials: 2 });
    expect(view.ratio).toBeCloseTo(2 / 3, 12);
    expect(view.bothPairs).toBe(1);
    expect(view.forms.find((row) => row.form === 'S3')?.lift).toBe(1);
  });

  it('trend: monthly share and its slope over months with enough sessions', () => {
    const records = [
      ...sessions(5, { startedAt: '2026-01-10T00:00:00Z', findings: [finding('infinite-loop')], userMessages: 2 }),
      ...sessions(5, { startedAt: '2026-01-20T00:00:00Z', userMessages: 2 }),
      ...sessions(3, { startedAt: '2026-02-10T00:00:00Z', findings: [finding('infinite-loop')], userMessages: 4 }),
      ...sessions(9, { startedAt: '2026-02-10T00:00:00Z', userMessages: 4 }),
      ...sessions(10, { startedAt: '2026-04-10T00:00:00Z', userMessages: 1 }),
      session(),
    ];
    const view = trendView(records);
    expect(view.months.map((month) => [month.month, month.index, month.share, month.enoughForTrend])).toEqual([
      ['2026-01', 0, 0.5, true],
      ['2026-02', 1, 0.25, true],
      ['2026-04', 3, 0, true],
    ]);
    expect(view.basis.sessions).toBe(32);
    expect(view.months[0].findingsPerUserTurn).toBeCloseTo(5 / 20, 12);
    // linregress([0, 1, 3], [0.5, 0.25, 0]): slope −0.160714…
    expect(view.shareSlope.slope).toBeCloseTo(-0.16071428571428573, 12);
    expect(view.shareSlope.points).toBe(3);
  });
});
