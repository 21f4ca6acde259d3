/**
 * Table 2: prevalence per category for each model, and pairwise two-proportion z-tests between models
 * (as the paper compares Sonnet 4.5 with Opus 4.5). Only the models with the most sessions are compared.
 * Sessions are grouped by the normalised model id, so one model spelled two ways is one row.
 */
import { CATEGORIES } from '../../taxonomy/categories.js';
import { normalizeModelId } from '../model-id.js';
import { basisOf, type EvaluationBasis, type EvaluationSession } from '../records.js';
import { compareProportions, groupBy, rateFigure, type ProportionComparison, type RateFigure } from './shared.js';

/** Most models compared (those with the most sessions); pairs grow quadratically. */
export const MAXIMUM_MODELS_COMPARED = 5;

export interface ModelSummary {
  /** The normalised model id ({@link normalizeModelId}). */
  model: string;
  /** The ids the logs spell this model with, when they differ from `model` (sorted). */
  spellings: string[];
  basis: EvaluationBasis;
  /** Sessions with any misbehavior. */
  total: RateFigure;
}

export interface ModelPairComparison extends ProportionComparison {
  first: string;
  second: string;
}

export interface ModelCategoryRow {
  category: string;
  name: string;
  shortName: string;
  /** One rate per compared model, in `models` order. */
  rates: RateFigure[];
  comparisons: ModelPairComparison[];
}

export interface ModelComparisonView {
  basis: EvaluationBasis;
  models: ModelSummary[];
  rows: ModelCategoryRow[];
  /** Sessions left out: no model recorded, or a model beyond the compared ones. */
  sessionsLeftOut: number;
}

function hasCategory(session: EvaluationSession, category: string): boolean {
  return session.findings.some((finding) => !finding.signal && finding.category === category);
}

/** Computes Table 2. */
export function modelComparisonView(sessions: readonly EvaluationSession[]): ModelComparisonView {
  const groups = [...groupBy(sessions, (session) => normalizeModelId(session.model)).entries()]
    .sort(([leftModel, left], [rightModel, right]) => right.length - left.length || leftModel.localeCompare(rightModel))
    .slice(0, MAXIMUM_MODELS_COMPARED);
  const compared = groups.flatMap(([, group]) => group);
  const models = groups.map(([model, group]) => ({
    model,
    spellings: [...new Set(group.map((session) => (session.model ?? '').trim()))].filter((spelling) => spelling !== model).sort(),
    basis: basisOf(group),
    total: rateFigure({ successes: group.filter((session) => session.findings.some((finding) => !finding.signal)).length, trials: group.length }),
  }));
  const rows = CATEGORIES.map((category) => {
    const counts = groups.map(([, group]) => ({ successes: group.filter((session) => hasCategory(session, category.id)).length, trials: group.length }));
    const comparisons: ModelPairComparison[] = [];
    for (let first = 0; first < groups.length; first++) {
      for (let second = first + 1; second < groups.length; second++) {
        comparisons.push({ first: groups[first][0], second: groups[second][0], ...compareProportions(counts[first], counts[second]) });
      }
    }
    return { category: category.id, name: category.name, shortName: category.shortName, rates: counts.map(rateFigure), comparisons };
  });
  return { basis: basisOf(compared), models, rows, sessionsLeftOut: sessions.length - compared.length };
}
