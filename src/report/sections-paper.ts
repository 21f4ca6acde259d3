/** The report sections that reproduce the Wink paper: Tables 1–5 (prevalence, models, RQ2, recovery, A/B). */
import type { AbArmValue, AbTestView } from '../eval/views/ab-test.js';
import type { MisbehaviorRateView } from '../eval/views/misbehavior-rate.js';
import type { ModelComparisonView } from '../eval/views/per-model.js';
import type { PrevalenceView } from '../eval/views/prevalence.js';
import type { RecoveryGroup, RecoveryView } from '../eval/views/recovery.js';
import { barChart } from './charts/bar-chart.js';
import { groupedBarChart } from './charts/grouped-bar-chart.js';
import { section } from './headings.js';
import { basisLine, formatCount, formatNumber, formatPercent, formatPValue, formatRate, formatRateInterval, formatSignedPercent, NO_VALUE, numeric, paragraph, table } from './html.js';

/** The note shown instead of an empty chart. */
export function noData(reason: string): string {
  return paragraph(`No data: ${reason}`, 'no-data');
}

function intervalText(interval: { lower: number; upper: number } | undefined, format: (value: number) => string = (value) => formatPercent(value)): string {
  return interval === undefined || !Number.isFinite(interval.lower) ? NO_VALUE : `${format(interval.lower)} to ${format(interval.upper)}`;
}

/** Table 1. */
export function prevalenceSection(view: PrevalenceView): string {
  if (view.basis.sessions === 0) return section('prevalence', noData('no session was analysed.'));
  const rows = view.rows.map((row) => [row.name, row.shortName, numeric(formatCount(row.successes)), numeric(formatRate(row)), numeric(formatRateInterval(row))]);
  rows.push(['Any misbehavior', '', numeric(formatCount(view.total.successes)), numeric(formatRate(view.total)), numeric(formatRateInterval(view.total))]);
  for (const signal of view.signals) rows.push([`Signal (not a misbehavior): ${signal.detector}`, '', numeric(formatCount(signal.successes)), numeric(formatRate(signal)), numeric(formatRateInterval(signal))]);
  const chart = barChart(
    view.rows.map((row) => ({ label: row.name, value: row.rate, lower: row.interval.lower, upper: row.interval.upper })),
    { title: 'Share of sessions with at least one finding, per category (95% Wilson interval)' },
  );
  return section('prevalence', basisLine(view.basis) + chart + table(['Problem', 'Short', 'Sessions with it', 'Share of sessions', '95% CI'], rows));
}

/** Table 2. */
export function modelsSection(view: ModelComparisonView): string {
  if (view.models.length < 2) return section('models', noData(view.models.length === 0 ? 'no session records its model.' : `only one model (${view.models[0].model}) is recorded; a comparison needs two.`));
  const names = view.models.map((model) => model.model);
  const chart = groupedBarChart(
    view.rows.map((row) => ({ label: row.shortName, values: row.rates.map((rate) => rate.rate) })),
    { title: 'Share of sessions with each problem, per model (%)', series: names },
  );
  const rows = view.rows.map((row) => [row.name, ...row.rates.map((rate) => numeric(`${formatRate(rate)} (${formatCount(rate.successes)}/${formatCount(rate.trials)})`))]);
  const comparisons = view.rows.flatMap((row) =>
    row.comparisons
      .filter((comparison) => row.rates.some((rate) => rate.successes > 0) && comparison.pValue < 1)
      .map((comparison) => [row.name, `${comparison.first} vs ${comparison.second}`, numeric(formatSignedPercent(comparison.difference, 2)), numeric(intervalText(comparison.interval, (value) => formatSignedPercent(value, 2))), numeric(formatPValue(comparison.pValue)), comparison.stars]),
  );
  const leftOut = view.sessionsLeftOut > 0 ? `${formatCount(view.sessionsLeftOut)} sessions without a model or of a less frequent model are left out` : '';
  const merged = view.models.filter((model) => model.spellings.length > 0).map((model) => `${model.model} (${model.spellings.join(', ')})`);
  const spellings = merged.length > 0 ? paragraph(`Model ids spelled differently in the logs are counted as one model: ${merged.join('; ')}.`, 'basis') : '';
  return section(
    'models',
    basisLine(view.basis, leftOut) +
      spellings +
      chart +
      table(['Problem', ...names.map((name) => `${name} (n=${view.models.find((model) => model.model === name)?.basis.sessions ?? 0})`)], rows) +
      '<h3>Is the difference between two models more than chance? <span class="paper-label">pairwise two-proportion z-tests</span></h3>' +
      paragraph('Pairs with the same rate (p = 1) are left out; with few sessions per model the normal approximation is rough.', 'basis') +
      table(['Problem', 'Models', 'Difference (points)', '95% CI', 'p', ''], comparisons),
  );
}

/** RQ2. */
export function misbehaviorRateSection(view: MisbehaviorRateView): string {
  if (!view.comparison) return section('misbehavior-rate', noData('this needs sessions recorded in shadow mode (or the A/B control arm) and in intervene mode (or the treatment arm); recorded logs have neither.'));
  const rows = [
    ['Without guidance (shadow: detect only)', numeric(formatCount(view.shadow.basis.sessions)), numeric(formatCount(view.shadow.rate.trials)), numeric(formatCount(view.shadow.rate.successes)), numeric(formatRate(view.shadow.rate)), numeric(formatRateInterval(view.shadow.rate))],
    ['With guidance (intervene: detect and guide)', numeric(formatCount(view.intervene.basis.sessions)), numeric(formatCount(view.intervene.rate.trials)), numeric(formatCount(view.intervene.rate.successes)), numeric(formatRate(view.intervene.rate)), numeric(formatRateInterval(view.intervene.rate))],
  ];
  const chart = barChart(
    [
      { label: 'Without guidance', value: view.shadow.rate.rate, lower: view.shadow.rate.interval.lower, upper: view.shadow.rate.interval.upper },
      { label: 'With guidance', value: view.intervene.rate.rate, lower: view.intervene.rate.interval.lower, upper: view.intervene.rate.interval.upper },
    ],
    { title: 'Share of check points with a problem (%)' },
  );
  const comparison = view.comparison;
  return section(
    'misbehavior-rate',
    basisLine({ sessions: view.shadow.basis.sessions + view.intervene.basis.sessions, steps: view.shadow.basis.steps + view.intervene.basis.steps }, `a check point (the paper's invocation) every ${view.checkInterval} steps`) +
      chart +
      table(['Mode', 'Sessions', 'Check points', 'With a problem', 'Share with a problem', '95% CI'], rows) +
      paragraph(`Without − with guidance: ${formatSignedPercent(comparison.difference, 2)} points (95% CI ${intervalText(comparison.interval)}), two-proportion z = ${formatNumber(comparison.z)}, p = ${formatPValue(comparison.pValue)} ${comparison.stars}`.trim()),
  );
}

function recoveryTable(group: RecoveryGroup): string {
  const rows = [...group.rows, group.overall].map((row) => [
    row.name,
    numeric(formatCount(row.sample)),
    numeric(formatCount(row.recovered)),
    numeric(`${formatCount(row.notRecovered)}${row.insufficient > 0 ? ` (${formatCount(row.insufficient)} insufficient)` : ''}`),
    numeric(formatRate(row.rate)),
    numeric(formatRateInterval(row.rate)),
  ]);
  return table(['Problem', 'Interventions judged', 'Recovered', 'Not recovered', 'Recovery rate', '95% CI'], rows);
}

/** Tables 3 and 4. */
export function recoverySection(view: RecoveryView): string {
  if (view.single.overall.sample === 0 && view.multiple.overall.sample === 0) {
    return section('recovery', noData('no delivered intervention with a decided recovery outcome (recorded logs have no interventions; use --store).'));
  }
  const categories = [...new Set([...view.single.rows, ...view.multiple.rows].map((row) => row.name))];
  const rateIn = (group: RecoveryGroup, name: string) => {
    const row = group.rows.find((entry) => entry.name === name);
    return row === undefined || row.sample === 0 ? undefined : row.rate.rate;
  };
  const overallOf = (group: RecoveryGroup) => (group.overall.sample === 0 ? undefined : group.overall.rate.rate);
  const chart = groupedBarChart(
    [...categories.map((name) => ({ label: name, values: [rateIn(view.single, name), rateIn(view.multiple, name)] })), { label: 'Overall', values: [overallOf(view.single), overallOf(view.multiple)] }],
    { title: 'Share of interventions the agent recovered from, single vs multiple interventions (%)', series: ['Single intervention', 'Multiple interventions'] },
  );
  const pending = view.single.pending + view.multiple.pending;
  const comparison = view.comparison
    ? paragraph(`Single − multiple: ${formatSignedPercent(view.comparison.difference, 2)} points (95% CI ${intervalText(view.comparison.interval)}), p = ${formatPValue(view.comparison.pValue)} ${view.comparison.stars}`.trim())
    : '';
  return section(
    'recovery',
    chart +
      '<h3>Sessions with a single intervention <span class="paper-label">Table 3</span></h3>' +
      basisLine(view.single.basis) +
      recoveryTable(view.single) +
      '<h3>Sessions with multiple interventions <span class="paper-label">Table 4</span></h3>' +
      basisLine(view.multiple.basis) +
      recoveryTable(view.multiple) +
      comparison +
      (pending > 0 ? paragraph(`${formatCount(pending)} delivered interventions still have no outcome (recovery window open) and are left out.`, 'basis') : ''),
  );
}

function abValue(unit: string, value: AbArmValue): string {
  if (value.observations === 0) return NO_VALUE;
  if (unit === 'rate') return formatPercent(value.value);
  if (unit === 'seconds') return `${formatNumber(value.value, 1)} s`;
  return formatNumber(value.value, unit === 'tokens' ? 0 : 2);
}

/** Table 5. */
export function abTestSection(view: AbTestView): string {
  if (view.metrics.length === 0) return section('ab-test', noData('this needs sessions in both A/B arms (observer mode "ab"); recorded logs have no arms.'));
  const rows = view.metrics.map((metric) => [
    metric.label,
    numeric(abValue(metric.unit, metric.control)),
    numeric(abValue(metric.unit, metric.treatment)),
    numeric(`${formatSignedPercent(metric.relativeChange)}${metric.stars}`),
    numeric(intervalText(metric.interval, (value) => formatSignedPercent(value))),
    numeric(formatPValue(metric.pValue)),
    metric.test,
    numeric(`${formatCount(metric.control.observations)} / ${formatCount(metric.treatment.observations)}`),
  ]);
  return section(
    'ab-test',
    paragraph(`Without guidance (control arm): ${formatCount(view.control.sessions)} sessions, ${formatCount(view.control.steps)} steps · with guidance (treatment arm): ${formatCount(view.treatment.sessions)} sessions, ${formatCount(view.treatment.steps)} steps.`, 'basis') +
      table(['Metric', 'Without guidance', 'With guidance', 'Change (Δ%)', '95% CI of Δ%', 'p', 'Test', 'Observations (control / treatment)'], rows) +
      paragraph('** p < 0.01, * p < 0.05. Observations are tool calls for the failure rate and sessions where the metric is known otherwise.', 'basis'),
  );
}
