/** The methods note at the end of the report: how each figure is computed, the tests, and the limitations. */
import { MINIMUM_MONTHS_FOR_TREND, MINIMUM_SESSIONS_PER_TREND_MONTH } from '../eval/views/study-trend.js';
import { headingHtml, headingOf } from './headings.js';
import { escapeHtml } from './html.js';
import { FORM_KEY } from './sections-study.js';

/** One paragraph per topic; plain text, escaped when rendered. */
export const METHODS_NOTE: readonly { title: string; text: string }[] = [
  {
    title: 'Sessions and findings',
    text: "Each session is run through wink's deterministic detectors (from logs) or read from the store of live runs. A session counts for a category when it has at least one finding of it. Developer-pushback findings are signals, not misbehaviors: they are counted apart and used as the user interventions of the A/B table.",
  },
  {
    title: 'How often each problem happens, overall and per model (Tables 1 and 2)',
    text: 'Share of sessions with at least one finding, with a 95% Wilson score interval. Models are compared pairwise, per category, with a two-sided two-proportion z-test (pooled standard error) and a Newcombe hybrid score interval of the difference. Only the five models with the most sessions are compared. Model ids are normalised first (case, a leading @, a provider prefix such as google/ or openai/), so one model spelled two ways is one row. A rate whose denominator is zero (0 of 0) is shown as —, not as 0%.',
  },
  {
    title: 'Does guidance make problems rarer? Check points (RQ2 and its invocations)',
    text: 'The paper counts invocations of its asynchronous detector, run every k = 5 steps. wink reconstructs them as check points: a session of n steps has ceil(n / k) invocations, the i-th covering steps i·k to (i+1)·k − 1, and an invocation is flagged when a misbehavior finding was made within it. Sessions in shadow mode and the A/B control arm form the shadow side; intervene mode and the treatment arm the intervene side. The two rates are compared with the two-proportion z-test (the paper\'s figures, 18.61% of 3,864 vs 15.14% of 4,168, give p = 3.27e-5).',
  },
  {
    title: 'Did the agent recover after guidance? (Tables 3 and 4)',
    text: "Recovery rate = recovered / decided, per delivered intervention, split by sessions with exactly one delivered intervention and sessions with several. An 'insufficient' outcome counts as not recovered, as conservative as the paper's judge; interventions whose recovery window is still open are left out and counted apart.",
  },
  {
    title: 'Sessions with guidance vs without (A/B test, Table 5)',
    text: 'Δ% = (treatment − control) / control. Tool-call failure rate: failed tool results over all tool calls of each arm, two-proportion z-test, interval of the difference divided by the control rate. Tokens and execution time per session are skewed: Mann–Whitney U (normal approximation with tie and continuity corrections) for p and a seeded percentile bootstrap (2,000 resamples, each arm resampled on its own) for the interval of Δ%. User interventions per session: Welch t-test, bootstrap interval. ** p < 0.01, * p < 0.05.',
  },
  {
    title: 'The misalignment study: forms, IDE vs CLI, persistence, trend',
    text: `Forms: findings carrying a study form (${FORM_KEY}), one finding = one episode. IDE vs CLI: Pearson chi-square test of independence (no continuity correction) of environment × has a misbehavior, and of environment × form. Persistence: sessions of the same repository (or working directory) ordered by start time, each paired with the next; P(next has a misbehavior | this has) vs otherwise, and per form the self-lift P(F now ∧ F next) / (P(F now) · P(F next)) over pairs where both have a misbehavior. Trend: sessions grouped by the UTC month they started in; least-squares slope per month with its standard error and t-test, over the months with at least ${MINIMUM_SESSIONS_PER_TREND_MONTH} sessions only, and only when there are ${MINIMUM_MONTHS_FOR_TREND} such months (a month of a few sessions has a share of 0%, 50% or 100%, which is noise); otherwise the report says why no trend is shown. The share of sessions and the findings per user turn have different units and are drawn on separate charts.`,
  },
  {
    title: 'Limitations',
    text: "Findings come from deterministic detectors unless the store holds asynchronous (LLM) ones, so prevalence is a lower bound for what an LLM classifier would flag, and categories wink cannot see in a log are missing. The study's episodes are misalignments the developer pushed back on; wink's findings need no pushback, so form shares are comparable in shape only. Tool calls within a session are not independent: the z-test on pooled calls overstates precision. Sessions without a model, environment, repository or times drop out of the views that need them; each figure states the sessions and steps behind it. Recorded logs have no modes, arms or interventions: RQ2, recovery and A/B need the store of live runs.",
  },
];

/** The methods note as HTML. */
export function methodsSection(): string {
  const body = METHODS_NOTE.map((entry) => `<h3>${escapeHtml(entry.title)}</h3><p>${escapeHtml(entry.text)}</p>`).join('');
  return `<section id="methods"><h2>${headingHtml(headingOf('methods'))}</h2>${body}</section>`;
}
