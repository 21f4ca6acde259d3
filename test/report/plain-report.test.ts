/**
 * The report reads without the papers: plain headings first with the papers' names as secondary labels,
 * one row per model however the logs spell it, "—" where a rate has no denominator, one unit per chart axis,
 * and a trend slope only from months with enough sessions (otherwise the reason is printed).
 */
import { describe, expect, it } from 'vitest';
import type { EvaluationSession } from '../../src/eval/records.js';
import { abTestView } from '../../src/eval/views/ab-test.js';
import { computeEvaluationViews } from '../../src/eval/views/index.js';
import { modelComparisonView } from '../../src/eval/views/per-model.js';
import { persistenceView } from '../../src/eval/views/study-persistence.js';
import { recoveryView } from '../../src/eval/views/recovery.js';
import { MINIMUM_SESSIONS_PER_TREND_MONTH, trendView } from '../../src/eval/views/study-trend.js';
import { buildReportHtml } from '../../src/report/build-report.js';
import { SECTION_HEADINGS } from '../../src/report/headings.js';
import { formatRate, formatRateInterval, NO_VALUE } from '../../src/report/html.js';
import { abTestSection, modelsSection, recoverySection } from '../../src/report/sections-paper.js';
import { formsSection, persistenceSection, trendSection } from '../../src/report/sections-study.js';
import { FORMS } from '../../src/taxonomy/study-axes.js';
import { finding, intervention, session, sessions } from './records.js';

/** Text of the cells of an HTML fragment. */
function cells(html: string): string[] {
  return [...html.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((match) => match[1]);
}

/** Sessions over four months, ten a month, with models, environments, repositories, modes and interventions. */
function fullRecords(): EvaluationSession[] {
  return Array.from({ length: 40 }, (_, index) =>
    session({
      mode: 'ab',
      arm: index % 2 === 0 ? 'treatment' : 'control',
      model: index % 3 === 0 ? 'model-a' : 'model-b',
      environment: index % 2 === 0 ? 'ide' : 'cli',
      repository: `repository-${index % 5}`,
      startedAt: `2026-0${1 + (index % 4)}-1${index % 10}T10:00:00Z`,
      steps: 20,
      userMessages: 3,
      toolCalls: 8,
      toolErrors: 1 + (index % 2),
      findings: index % 3 === 0 ? [finding('infinite-loop', 4, 'S6')] : [finding('tool-call-failure', 7, 'S5')],
      interventions: index % 2 === 0 ? [intervention('tool-call-failure', 'recovered')] : [],
    }),
  );
}

describe('headings: plain words first, the papers\' names as a secondary label', () => {
  const html = buildReportHtml(computeEvaluationViews(fullRecords(), { source: 'store' }));
  it.each([
    ['prevalence', 'How often each problem happens', 'Table 1'],
    ['models', 'How often each problem happens, per model', 'Table 2'],
    ['misbehavior-rate', 'Does guidance make problems rarer?', 'RQ2'],
    ['recovery', 'Did the agent recover after guidance?', 'Tables 3 and 4'],
    ['ab-test', 'Sessions with guidance vs without', 'Table 5'],
    ['forms', 'What kind of mistake it was', 'forms S1–S7'],
    ['environments', 'In the IDE vs on the command line', 'IDE vs CLI'],
    ['persistence', 'Does a problem carry over to the next session?', 'persistence'],
    ['trend', 'Is it getting better or worse over time?', 'trend over time'],
    ['methods', 'How the numbers are computed', 'Methods'],
  ])('%s: "%s", then "%s" in the secondary label', (id, plain, paperName) => {
    const heading = html.match(new RegExp(`<section id="${id}"><h2>([^<]*)<span class="paper-label">([^<]*)</span></h2>`));
    expect(heading?.[1]).toContain(plain);
    expect(heading?.[2]).toContain(paperName);
    // The papers' names never lead a heading.
    expect(heading?.[1]).not.toMatch(/Table|RQ\d|S1–S7/);
  });

  it('the table of contents shows the plain words with the paper label beside them', () => {
    const navigation = html.slice(html.indexOf('<nav>'), html.indexOf('</nav>'));
    for (const heading of SECTION_HEADINGS) expect(navigation).toContain(`<a href="#${heading.id}">${heading.plain} <span class="paper-label">`);
  });

  it.each(FORMS.map((form) => [form.id, form.name]))('form code %s is explained by its name (%s) where the codes are shown', (code, name) => {
    const forms = formsSection(computeEvaluationViews(fullRecords(), { source: 'store' }).forms);
    expect(forms).toContain(`${code} ${name}`);
    expect(html).toContain(`${code} ${name}`);
  });
});

describe('model ids: one model is one row, whatever the logs spell it', () => {
  it('the two spellings of Gemini 3 Pro in the shared data are one row, with the sessions of both', () => {
    const records = [
      ...sessions(94, { model: 'google/gemini-3-pro-preview', findings: [finding('infinite-loop')] }),
      ...sessions(6, { model: '@google/gemini-3-pro-preview' }),
      ...sessions(113, { model: 'o3-mini' }),
    ];
    const view = modelComparisonView(records);
    expect(view.models.map((model) => [model.model, model.basis.sessions, model.spellings])).toEqual([
      ['o3-mini', 113, []],
      ['gemini-3-pro-preview', 100, ['@google/gemini-3-pro-preview', 'google/gemini-3-pro-preview']],
    ]);
    expect(view.rows.find((row) => row.category === 'infinite-loop')?.rates[1]).toMatchObject({ successes: 94, trials: 100 });
    const html = modelsSection(view);
    expect(html).toContain('counted as one model: gemini-3-pro-preview (@google/gemini-3-pro-preview, google/gemini-3-pro-preview)');
    expect(cells(html)).toContain('gemini-3-pro-preview (n=100)');
    expect(cells(html).some((cell) => cell.startsWith('@google'))).toBe(false);
  });
});

describe('a rate with no denominator prints "—", never 0.0% or 0.0% to 100.0%', () => {
  it.each([
    ['0 of 0', { successes: 0, trials: 0, rate: 0, interval: { lower: 0, upper: 1 } }, NO_VALUE, NO_VALUE],
    ['0 of 4', { successes: 0, trials: 4, rate: 0, interval: { lower: 0, upper: 0.49 } }, '0.00%', '0.00% to 49.00%'],
    ['3 of 4', { successes: 3, trials: 4, rate: 0.75, interval: { lower: 0.3, upper: 0.95 } }, '75.00%', '30.00% to 95.00%'],
  ])('%s: rate %s', (_, figure, rate, interval) => {
    expect(formatRate(figure)).toBe(rate);
    expect(formatRateInterval(figure)).toBe(interval);
  });

  it('recovery: the group without outcomes shows "—" for its overall rate and draws no bar', () => {
    const records = [session({ interventions: [intervention('infinite-loop', 'recovered'), intervention('infinite-loop', 'not-recovered')] })];
    const html = recoverySection(recoveryView(records));
    const singleTable = html.slice(html.indexOf('Table 3'), html.indexOf('Table 4'));
    const overall = cells(singleTable).slice(cells(singleTable).indexOf('Overall'));
    expect(overall).toEqual(['Overall', '0', '0', '0', NO_VALUE, NO_VALUE]);
    expect(html).not.toContain('0.00% to 100.00%');
    expect(html).toContain('class="no-value"');
  });

  it('persistence: no pair after a clean session gives "—" and the reason, not "ratio undefined"', () => {
    const at = (day: number) => `2026-02-0${day}T10:00:00Z`;
    const records = [1, 2, 3].map((day) => session({ repository: 'a', startedAt: at(day), findings: [finding('infinite-loop')] }));
    const html = persistenceSection(persistenceView(records));
    expect(cells(html).slice(cells(html).indexOf('This session has none'), cells(html).indexOf('This session has none') + 4)).toEqual(['This session has none', '0', NO_VALUE, NO_VALUE]);
    expect(html).toContain(`Ratio ${NO_VALUE}: no pair starts with a session without a misbehavior`);
    expect(html).not.toContain('undefined');
    expect(html).not.toContain('0.0% to 100.0%');
  });

  it('A/B: an arm without tool calls shows "—" for its failure rate', () => {
    const records = [session({ arm: 'control', toolCalls: 0, toolErrors: 0 }), session({ arm: 'treatment', toolCalls: 4, toolErrors: 1 })];
    const html = abTestSection(abTestView(records));
    const row = cells(html).slice(cells(html).indexOf('Tool call failures'));
    expect(row.slice(0, 3)).toEqual(['Tool call failures', NO_VALUE, '25.00%']);
  });
});

/** The axis tick labels of each chart in an HTML fragment. */
function axisLabelsPerChart(html: string): string[][] {
  return [...html.matchAll(/<svg\b.*?<\/svg>/gs)].map((chart) => [...chart[0].matchAll(/<text[^>]*class="tick"[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]));
}

describe('one unit per chart axis', () => {
  const html = buildReportHtml(computeEvaluationViews(fullRecords(), { source: 'store' }));

  it('every chart\'s axis is all percentages or all plain numbers, never both', () => {
    const charts = axisLabelsPerChart(html);
    expect(charts.length).toBeGreaterThanOrEqual(6);
    for (const labels of charts) {
      const percentages = labels.filter((label) => label.endsWith('%')).length;
      expect([0, labels.length]).toContain(percentages);
    }
  });

  it('the trend draws the share (%) and findings per user turn (count) on separate charts', () => {
    const trend = html.slice(html.indexOf('<section id="trend">'), html.indexOf('</section>', html.indexOf('<section id="trend">')));
    const charts = axisLabelsPerChart(trend);
    expect(charts).toHaveLength(2);
    expect(charts[0].every((label) => label.endsWith('%'))).toBe(true);
    expect(charts[1].some((label) => label.endsWith('%'))).toBe(false);
    expect(trend).toContain('aria-label="Share of sessions with a misbehavior, per month (%)"');
    expect(trend).toContain('aria-label="Findings per user turn, per month (count per turn)"');
  });
});

describe(`trend slopes only from months with at least ${MINIMUM_SESSIONS_PER_TREND_MONTH} sessions`, () => {
  /** Sessions per month (January onwards); half of each month's sessions have a misbehavior, more later. */
  function monthly(counts: readonly number[]): EvaluationSession[] {
    return counts.flatMap((count, month) =>
      Array.from({ length: count }, (_, index) => session({ startedAt: `2026-${String(month + 1).padStart(2, '0')}-10T00:00:00Z`, userMessages: 2, findings: index < (count * (month + 1)) / 8 ? [finding('infinite-loop')] : [] })),
    );
  }

  it.each([
    ['months of 1–3 sessions (the shared data)', [3, 1, 2, 3], false, 0, 'no month has at least 10 sessions'],
    ['one month big enough', [3, 113, 3, 1], false, 1, 'only 1 month has at least 10 sessions'],
    ['two months big enough', [10, 12, 3], false, 2, 'only 2 months have at least 10 sessions'],
    ['three months big enough, thin ones left out', [10, 2, 12, 10], true, 3, 'over the 3 months with at least 10 sessions'],
    ['every month big enough', [10, 10, 10, 10], true, 4, 'over the 4 months with at least 10 sessions'],
  ])('%s: %j sessions → slope shown: %s', (_, counts, shown, points, text) => {
    const view = trendView(monthly(counts));
    expect(Number.isFinite(view.shareSlope.slope)).toBe(shown);
    expect(view.shareSlope.points).toBe(points);
    expect(view.months.filter((month) => month.enoughForTrend).length).toBe(points);
    const html = trendSection(view);
    expect(html).toContain(text);
    if (!shown) {
      expect(html).toContain('Share slope: no trend shown, because');
      expect(html).not.toContain('class="fit"');
    } else {
      expect(html).toContain('class="fit"');
    }
  });
});
