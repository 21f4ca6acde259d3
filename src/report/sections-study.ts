/** The report sections that reproduce the misalignment study: forms, IDE vs CLI, persistence, trend. */
import type { EnvironmentSplitView } from '../eval/views/study-environments.js';
import type { FormDistributionView } from '../eval/views/study-forms.js';
import type { PersistenceView } from '../eval/views/study-persistence.js';
import { MINIMUM_MONTHS_FOR_TREND, type TrendView } from '../eval/views/study-trend.js';
import { FORMS } from '../taxonomy/study-axes.js';
import { barChart } from './charts/bar-chart.js';
import { groupedBarChart } from './charts/grouped-bar-chart.js';
import { lineChart } from './charts/line-chart.js';
import { section } from './headings.js';
import { basisLine, formatCount, formatNumber, formatPercent, formatPValue, formatRate, formatRateInterval, formatSignedPercent, NO_VALUE, numeric, paragraph, table } from './html.js';
import { noData } from './sections-paper.js';

/** "S1 Wrong project diagnosis · S2 …": what the study's form codes mean, shown wherever the codes are. */
export const FORM_KEY = FORMS.map((form) => `${form.id} ${form.name}`).join(' · ');

/** A form code with its name (`S3 Developer constraint violation`). */
function formLabel(form: string, name: string): string {
  return `${form} ${name}`;
}

/** Form distribution. */
export function formsSection(view: FormDistributionView): string {
  if (view.episodes === 0) return section('forms', noData('no finding carries a study form.'));
  const chart = groupedBarChart(
    view.rows.map((row) => ({ label: row.form, values: [row.share, row.studyShare] })),
    { title: 'Share of form-labelled findings, this data vs the study (%)', series: ['This data', 'Study (16,118 episodes)'] },
  );
  const rows = view.rows.map((row) => [formLabel(row.form, row.name), numeric(formatCount(row.episodes)), numeric(formatPercent(row.share)), numeric(formatCount(row.sessions)), numeric(formatPercent(row.studyShare))]);
  return section(
    'forms',
    basisLine(view.basis, `${formatCount(view.episodes)} form-labelled findings`) +
      chart +
      paragraph(`Form codes: ${FORM_KEY}.`, 'basis form-key') +
      table(['Form', 'Findings', 'Share', 'Sessions', 'Study share'], rows),
  );
}

/** IDE vs CLI. */
export function environmentsSection(view: EnvironmentSplitView): string {
  if (view.rows.length === 0) return section('environments', noData('no session was analysed.'));
  const rows = view.rows.map((row) => [
    row.environment,
    numeric(formatCount(row.basis.sessions)),
    numeric(formatCount(row.basis.steps)),
    numeric(formatRate(row.withMisbehavior)),
    numeric(row.basis.sessions === 0 ? NO_VALUE : formatNumber(row.findingsPerSession)),
    numeric(formatNumber(row.findingsPerUserTurn, 3)),
  ]);
  const chart = barChart(
    view.rows.map((row) => ({ label: row.environment, value: row.withMisbehavior.rate, lower: row.withMisbehavior.interval.lower, upper: row.withMisbehavior.interval.upper })),
    { title: 'Share of sessions with at least one misbehavior, per environment (%)' },
  );
  const tests = view.sessionTest
    ? paragraph(
        `IDE vs CLI × has a misbehavior: χ² = ${formatNumber(view.sessionTest.statistic)} (df ${view.sessionTest.degreesOfFreedom}), p = ${formatPValue(view.sessionTest.pValue)} ${view.sessionTest.stars}` +
          (view.formTest ? ` · IDE vs CLI × form (S1–S7): χ² = ${formatNumber(view.formTest.statistic)} (df ${view.formTest.degreesOfFreedom}), p = ${formatPValue(view.formTest.pValue)} ${view.formTest.stars}` : ''),
      )
    : noData(
        view.rows.some((row) => row.environment === 'ide') && view.rows.some((row) => row.environment === 'cli')
          ? 'no chi-square test: in both IDE and CLI sessions, all or none have a misbehavior.'
          : 'the chi-square test needs both IDE and CLI sessions.',
      );
  return section('environments', basisLine(view.basis) + chart + table(['Environment', 'Sessions', 'Steps', 'With a misbehavior', 'Findings per session', 'Findings per user turn'], rows) + tests);
}

/** The ratio sentence: the ratio, or why there is none. */
function ratioText(view: PersistenceView): string {
  if (Number.isFinite(view.ratio)) return `Ratio ${formatNumber(view.ratio)} (${formatSignedPercent(view.ratio - 1, 0)}; the study: 0.519 vs 0.336, +54%)`;
  if (view.afterMisbehavior.trials === 0) return `Ratio ${NO_VALUE}: no pair starts with a session that has a misbehavior`;
  if (view.afterClean.trials === 0) return `Ratio ${NO_VALUE}: no pair starts with a session without a misbehavior`;
  return `Ratio ${NO_VALUE}: no session after a session without a misbehavior has one, so the ratio would divide by zero`;
}

/** Persistence across adjacent sessions. */
export function persistenceSection(view: PersistenceView): string {
  if (view.pairs === 0) return section('persistence', noData('no two sessions of the same repository with start times (the study pairs each session with the next one of its repository).'));
  const rows = [
    ['This session has a misbehavior', numeric(formatCount(view.afterMisbehavior.trials)), numeric(formatRate(view.afterMisbehavior, 1)), numeric(formatRateInterval(view.afterMisbehavior, 1))],
    ['This session has none', numeric(formatCount(view.afterClean.trials)), numeric(formatRate(view.afterClean, 1)), numeric(formatRateInterval(view.afterClean, 1))],
  ];
  const test = view.comparison ? `, difference p = ${formatPValue(view.comparison.pValue)} ${view.comparison.stars}` : '';
  const forms = view.forms.map((row) => [formLabel(row.form, row.name), numeric(formatCount(row.thisHas)), numeric(formatCount(row.nextHas)), numeric(formatCount(row.both)), numeric(formatNumber(row.lift))]);
  return section(
    'persistence',
    basisLine(view.basis, `${formatCount(view.pairs)} adjacent pairs in ${formatCount(view.repositories)} repositories`) +
      table(['Pairs where…', 'Pairs', 'P(next has a misbehavior)', '95% CI'], rows) +
      paragraph(`${ratioText(view)}${test}.`) +
      `<h3>Does the same kind of mistake come back? <span class="paper-label">self-lift per form, ${formatCount(view.bothPairs)} pairs where both sessions have a misbehavior</span></h3>` +
      table(['Form', 'This has', 'Next has', 'Both', 'Lift'], forms),
  );
}

/** The slope, or why no trend is shown. `qualifying` says what a month needs besides enough sessions. */
function slopeText(name: string, fit: TrendView['shareSlope'], scale: number, unit: string, minimumSessions: number, qualifying = ''): string {
  if (Number.isFinite(fit.slope)) {
    return `${name}: ${formatNumber(fit.slope * scale, 3)}${unit} per month (SE ${formatNumber(fit.standardError * scale, 3)}, p = ${formatPValue(fit.pValue)}, over the ${fit.points} months with at least ${minimumSessions} sessions${qualifying})`;
  }
  const months = fit.points === 0 ? 'no month has' : fit.points === 1 ? 'only 1 month has' : `only ${fit.points} months have`;
  return `${name}: no trend shown, because ${months} at least ${minimumSessions} sessions${qualifying} and a slope needs ${MINIMUM_MONTHS_FOR_TREND} such months (a month of a few sessions gives a figure that is noise)`;
}

/** Monthly trend: the share and the per-turn rate on separate charts, each with its own unit. */
export function trendSection(view: TrendView): string {
  if (view.months.length === 0) return section('trend', noData('no session records its start time.'));
  const labels = view.months.map((month) => month.month);
  const positions = view.months.map((month) => month.index);
  const shareChart = lineChart([{ name: 'Share of sessions with a misbehavior (%)', values: view.months.map((month) => month.share) }], {
    title: 'Share of sessions with a misbehavior, per month (%)',
    labels,
    positions,
    fit: view.shareSlope,
  });
  const perTurnChart = lineChart([{ name: 'Findings per user turn (count)', values: view.months.map((month) => month.findingsPerUserTurn) }], {
    title: 'Findings per user turn, per month (count per turn)',
    labels,
    positions,
    fit: view.perTurnSlope,
    format: (value) => formatNumber(value, 2),
  });
  const rows = view.months.map((month) => [
    `${month.month}${month.enoughForTrend ? '' : ' (too few sessions for the trend)'}`,
    numeric(formatCount(month.basis.sessions)),
    numeric(formatCount(month.basis.steps)),
    numeric(formatPercent(month.share, 1)),
    numeric(formatCount(month.findings)),
    numeric(formatNumber(month.findingsPerUserTurn, 3)),
  ]);
  const minimum = view.minimumSessionsPerMonth;
  return section(
    'trend',
    basisLine(view.basis) +
      shareChart +
      perTurnChart +
      table(['Month', 'Sessions', 'Steps', 'With a misbehavior', 'Findings', 'Findings per user turn'], rows) +
      paragraph(`${slopeText('Share slope', view.shareSlope, 100, ' points', minimum)}.`) +
      paragraph(`${slopeText('Findings per user turn slope', view.perTurnSlope, 1, '', minimum, ' and known user turns')}. The study: episodes per user turn fall by about 0.008 per month.`),
  );
}
