/**
 * The dashboard's overview: the store's SQL summary shaped into the evaluation views' own types
 * (`PrevalenceView` rows, `ModelComparisonView`, recovery rows with Wilson intervals, a trend), using the
 * views' helpers for rates, intervals and pairwise z-tests. Counting happens in SQL
 * ({@link WinkStore.summarize}); this file only reshapes a few dozen grouped rows.
 */
import { allDetectors } from '../detectors/index.js';
import { normalizeModelId } from '../eval/model-id.js';
import { MAXIMUM_MODELS_COMPARED, type ModelComparisonView, type ModelPairComparison } from '../eval/views/per-model.js';
import type { PrevalenceRow } from '../eval/views/prevalence.js';
import { compareProportions, rateFigure, type RateFigure } from '../eval/views/shared.js';
import type { SessionFilter, StoreSummary, WinkStore } from '../store/types.js';
import { CATEGORIES } from '../taxonomy/categories.js';

/** Detectors whose findings are signals (developer pushback), not misbehaviors: left out of the counts. */
export const SIGNAL_DETECTORS: readonly string[] = allDetectors.filter((detector) => detector.meta.signal === true).map((detector) => detector.id);

/** Recovery of delivered interventions in one category (`insufficient` counts as not recovered). */
export interface OverviewRecoveryRow {
  category: string;
  name: string;
  recovered: number;
  notRecovered: number;
  insufficient: number;
  /** Interventions whose recovery window is still open. */
  pending: number;
  rate: RateFigure;
}

/** One period of the trend. */
export interface OverviewTrendRow {
  period: string;
  sessions: number;
  withMisbehavior: number;
  share: number;
}

/** Everything the overview page and `/api/overview` show. */
export interface Overview {
  basis: { sessions: number; steps: number };
  /** Sessions with any misbehavior. */
  total: RateFigure;
  prevalence: PrevalenceRow[];
  models: ModelComparisonView;
  /** The model ids as stored (every spelling) of the compared models: what the model filter matches. */
  filterModels: string[];
  recovery: OverviewRecoveryRow[];
  trendGranularity: 'day' | 'month';
  trend: OverviewTrendRow[];
}

const CATEGORY_NAMES = new Map<string, { name: string; shortName: string }>(CATEGORIES.map((category) => [category.id, category]));

function nameOf(category: string): { name: string; shortName: string } {
  const known = CATEGORY_NAMES.get(category);
  return { name: known?.name ?? category, shortName: known?.shortName ?? category };
}

/** Sessions with a finding of each category, summed over models. */
function sessionsPerCategory(summary: StoreSummary): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of summary.categories) counts.set(row.category, (counts.get(row.category) ?? 0) + row.sessions);
  return counts;
}

function prevalenceRows(summary: StoreSummary): PrevalenceRow[] {
  const counts = sessionsPerCategory(summary);
  const known = CATEGORIES.map((category) => category.id as string);
  const extra = [...counts.keys()].filter((category) => !known.includes(category)).sort();
  return [...known, ...extra].map((category) => ({ category, ...nameOf(category), ...rateFigure({ successes: counts.get(category) ?? 0, trials: summary.sessions }) }));
}

/** The store's per-model rows merged by normalised model id (one model spelled two ways is one row), most sessions first. */
function modelsMerged(summary: StoreSummary): Array<StoreSummary['models'][number] & { spellings: string[]; storedIds: string[] }> {
  const merged = new Map<string, StoreSummary['models'][number] & { spellings: string[]; storedIds: string[] }>();
  for (const row of summary.models) {
    const model = normalizeModelId(row.model) ?? row.model;
    const entry = merged.get(model) ?? { model, sessions: 0, steps: 0, sessionsWithFinding: 0, spellings: [], storedIds: [] };
    entry.storedIds.push(row.model);
    entry.sessions += row.sessions;
    entry.steps += row.steps;
    entry.sessionsWithFinding += row.sessionsWithFinding;
    if (row.model !== model && !entry.spellings.includes(row.model)) entry.spellings.push(row.model);
    merged.set(model, entry);
  }
  return [...merged.values()].sort((left, right) => right.sessions - left.sessions || left.model.localeCompare(right.model));
}

/** Sessions with a finding of a category for a normalised model id, summed over its spellings. */
function categorySessions(summary: StoreSummary, model: string, category: string): number {
  return summary.categories.filter((row) => row.category === category && (normalizeModelId(row.model) ?? row.model) === model).reduce((sum, row) => sum + row.sessions, 0);
}

function modelComparison(summary: StoreSummary): ModelComparisonView {
  const compared = modelsMerged(summary).slice(0, MAXIMUM_MODELS_COMPARED);
  const models = compared.map((row) => ({ model: row.model, spellings: [...row.spellings].sort(), basis: { sessions: row.sessions, steps: row.steps }, total: rateFigure({ successes: row.sessionsWithFinding, trials: row.sessions }) }));
  const rows = CATEGORIES.map((category) => {
    const counts = compared.map((model) => ({
      successes: categorySessions(summary, model.model, category.id),
      trials: model.sessions,
    }));
    const comparisons: ModelPairComparison[] = [];
    for (let first = 0; first < compared.length; first++) {
      for (let second = first + 1; second < compared.length; second++) {
        comparisons.push({ first: compared[first].model, second: compared[second].model, ...compareProportions(counts[first], counts[second]) });
      }
    }
    return { category: category.id, name: category.name, shortName: category.shortName, rates: counts.map(rateFigure), comparisons };
  });
  const comparedSessions = compared.reduce((sum, row) => sum + row.sessions, 0);
  const comparedSteps = compared.reduce((sum, row) => sum + row.steps, 0);
  return { basis: { sessions: comparedSessions, steps: comparedSteps }, models, rows, sessionsLeftOut: summary.sessions - comparedSessions };
}

function recoveryRows(summary: StoreSummary): OverviewRecoveryRow[] {
  const byCategory = new Map<string, Map<string, number>>();
  for (const row of summary.recoveries) {
    const outcomes = byCategory.get(row.category) ?? new Map<string, number>();
    outcomes.set(row.outcome, (outcomes.get(row.outcome) ?? 0) + row.interventions);
    byCategory.set(row.category, outcomes);
  }
  return [...byCategory.entries()].map(([category, outcomes]) => {
    const recovered = outcomes.get('recovered') ?? 0;
    const notRecovered = outcomes.get('not-recovered') ?? 0;
    const insufficient = outcomes.get('insufficient') ?? 0;
    return {
      category,
      name: nameOf(category).name,
      recovered,
      notRecovered,
      insufficient,
      pending: outcomes.get('pending') ?? 0,
      rate: rateFigure({ successes: recovered, trials: recovered + notRecovered + insufficient }),
    };
  });
}

/** The overview of the sessions a filter selects. */
export async function computeOverview(store: Pick<WinkStore, 'summarize'>, filter: SessionFilter = {}): Promise<Overview> {
  const summary = await store.summarize(filter, SIGNAL_DETECTORS);
  return {
    basis: { sessions: summary.sessions, steps: summary.steps },
    total: rateFigure({ successes: summary.sessionsWithFinding, trials: summary.sessions }),
    prevalence: prevalenceRows(summary),
    models: modelComparison(summary),
    filterModels: modelsMerged(summary)
      .slice(0, MAXIMUM_MODELS_COMPARED)
      .flatMap((row) => row.storedIds),
    recovery: recoveryRows(summary),
    trendGranularity: summary.trendGranularity,
    trend: summary.trend.map((row) => ({ period: row.period, sessions: row.sessions, withMisbehavior: row.sessionsWithFinding, share: row.sessions === 0 ? 0 : row.sessionsWithFinding / row.sessions })),
  };
}
