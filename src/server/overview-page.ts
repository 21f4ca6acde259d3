/**
 * The overview page: headline figures and the four charts (prevalence, per model, recovery, trend), drawn
 * with the HTML report's chart module so the dashboard and the report show the same charts.
 */
import { barChart, groupedBarChart, lineChart } from '../report/charts/index.js';
import { filterForm } from './filter-form.js';
import { queryString, type FilterValues } from './filters.js';
import { html, trusted, type SafeHtml } from './html.js';
import { page } from './layout.js';
import type { Overview } from './overview.js';

/** Most trend periods drawn (the latest ones). */
export const MAXIMUM_TREND_PERIODS = 60;

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function counts(successes: number, trials: number): string {
  return `${percent(trials === 0 ? 0 : successes / trials)} (${successes}/${trials})`;
}

function section(id: string, title: string, caption: string, chart: string): SafeHtml {
  return html`<section class="chart-card" id="${id}"><h2>${title}</h2><p class="caption">${caption}</p>${trusted(chart)}</section>`;
}

/** The overview page of the sessions the filters select. */
export function overviewPage(overview: Overview, values: FilterValues): SafeHtml {
  const prevalence = barChart(
    overview.prevalence.map((row) => ({ label: row.name, value: row.rate, lower: row.interval.lower, upper: row.interval.upper })),
    { title: 'Share of sessions with at least one finding, per category (95% Wilson interval)' },
  );
  const models = overview.models.models.map((model) => model.model);
  const perModel =
    models.length === 0
      ? '<p>No session records its model.</p>'
      : groupedBarChart(
          [
            { label: 'Any', values: overview.models.models.map((model) => model.total.rate) },
            ...overview.models.rows.map((row) => ({ label: row.shortName, values: row.rates.map((rate) => rate.rate) })),
          ],
          { title: 'Prevalence per category and model', series: models },
        );
  const recovery =
    overview.recovery.length === 0
      ? '<p>No intervention yet.</p>'
      : barChart(
          overview.recovery.map((row) => ({ label: row.name, value: row.rate.rate, lower: row.rate.interval.lower, upper: row.rate.interval.upper })),
          { title: 'Recovery rate per category after delivered interventions (95% Wilson interval)' },
        );
  const periods = overview.trend.slice(-MAXIMUM_TREND_PERIODS);
  const trend =
    periods.length === 0
      ? '<p>No session records its start time.</p>'
      : lineChart([{ name: 'sessions with a misbehavior', values: periods.map((row) => row.share) }], {
          title: `Share of sessions with a misbehavior per ${overview.trendGranularity}`,
          labels: periods.map((row) => row.period),
        });
  const modelRows = overview.models.rows.filter((row) => row.rates.some((rate) => rate.successes > 0));
  const comparisonTable = html`<table class="compact"><thead><tr><th>Category</th>${overview.models.models.map((model) => html`<th>${model.model}</th>`)}<th>first pair p</th></tr></thead>
<tbody>${modelRows.map(
    (row) => html`<tr><td>${row.name}</td>${row.rates.map((rate) => html`<td>${counts(rate.successes, rate.trials)}</td>`)}<td>${row.comparisons[0] ? `${row.comparisons[0].pValue.toPrecision(2)} ${row.comparisons[0].stars}` : '–'}</td></tr>`,
  )}</tbody></table>`;
  const body = html`<h1>Overview</h1>
${filterForm('/', values, overview.filterModels)}
<p class="headline"><strong>${overview.basis.sessions}</strong> sessions · <strong>${overview.basis.steps}</strong> steps · <strong>${percent(overview.total.rate)}</strong> with a misbehavior
 · <a href="/sessions${queryString(values)}">list these sessions</a></p>
<div class="charts">
${section('prevalence', 'Prevalence per category', 'Share of sessions with at least one finding of each category (signals left out).', prevalence)}
${section('per-model', 'Per model', 'Share of sessions with a misbehavior, for the models with the most sessions.', perModel)}
${section('recovery', 'Recovery', 'Delivered interventions after which the agent recovered; insufficient counts as not recovered.', recovery)}
${section('trend', `Trend per ${overview.trendGranularity}`, 'Share of sessions started in each period that had a misbehavior.', trend)}
</div>
<section class="chart-card"><h2>Per model and category</h2>${modelRows.length > 0 ? comparisonTable : html`<p>No findings yet.</p>`}</section>`;
  return page({ title: 'Overview', section: 'overview', body });
}
