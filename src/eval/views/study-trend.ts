/**
 * The monthly trend: sessions grouped by the calendar month (UTC) they started in; per month the share of
 * sessions with a misbehavior and the findings per user turn (the study's "episodes per user turn"), and
 * the least-squares slope of each per month with its standard error and p-value. Months without sessions
 * inside the range are kept as gaps in x (the month index), not as zeros.
 *
 * A month's share from one to three sessions is noise (0%, 50% or 100%), and a line through such points is a
 * line through noise: only months with at least {@link MINIMUM_SESSIONS_PER_TREND_MONTH} sessions enter a
 * slope, and a slope needs {@link MINIMUM_MONTHS_FOR_TREND} such months. Otherwise the slope is not
 * computed (its fields are NaN) and the report says why.
 */
import { leastSquaresSlope, type LinearFit } from '../statistics/regression.js';
import { basisOf, hasMisbehavior, misbehaviorsOf, type EvaluationBasis, type EvaluationSession } from '../records.js';
import { groupBy, timeOf } from './shared.js';

/** Sessions a month needs before its share or per-turn rate enters a trend slope. */
export const MINIMUM_SESSIONS_PER_TREND_MONTH = 10;
/** Months (each with enough sessions) a slope needs: three, so that it has a standard error. */
export const MINIMUM_MONTHS_FOR_TREND = 3;

export interface MonthRow {
  /** `YYYY-MM`. */
  month: string;
  /** Months since the first month. */
  index: number;
  basis: EvaluationBasis;
  withMisbehavior: number;
  share: number;
  findings: number;
  userMessages: number;
  /** undefined when the month's sessions have no known user messages. */
  findingsPerUserTurn?: number;
  /** True when the month has at least {@link MINIMUM_SESSIONS_PER_TREND_MONTH} sessions and enters the slopes. */
  enoughForTrend: boolean;
}

export interface TrendView {
  /** Sessions with a start time. */
  basis: EvaluationBasis;
  months: MonthRow[];
  /** Sessions a month needs to enter a slope ({@link MINIMUM_SESSIONS_PER_TREND_MONTH}). */
  minimumSessionsPerMonth: number;
  /** Slope of `share` per month over the months with enough sessions (NaN fields below {@link MINIMUM_MONTHS_FOR_TREND} of them). */
  shareSlope: LinearFit;
  /** Slope of `findingsPerUserTurn` per month, over the months with enough sessions where it is known (NaN likewise). */
  perTurnSlope: LinearFit;
}

const NO_FIT: Omit<LinearFit, 'points'> = { slope: Number.NaN, intercept: Number.NaN, standardError: Number.NaN, pValue: Number.NaN, rSquared: Number.NaN };

/** The least-squares slope, or no slope (NaN fields) with fewer than {@link MINIMUM_MONTHS_FOR_TREND} points. */
function trendSlope(months: readonly number[], values: readonly number[]): LinearFit {
  return months.length < MINIMUM_MONTHS_FOR_TREND ? { ...NO_FIT, points: months.length } : leastSquaresSlope(months, values);
}

function monthOf(time: number): string {
  return new Date(time).toISOString().slice(0, 7);
}

function monthIndex(month: string): number {
  const [year, number] = month.split('-').map(Number);
  return year * 12 + (number - 1);
}

/** Computes the monthly trend. */
export function trendView(sessions: readonly EvaluationSession[]): TrendView {
  const dated = sessions.filter((session) => timeOf(session.startedAt) !== undefined);
  const groups = groupBy(dated, (session) => monthOf(timeOf(session.startedAt) as number));
  const ordered = [...groups.keys()].sort();
  const first = ordered.length > 0 ? monthIndex(ordered[0]) : 0;
  const months = ordered.map((month): MonthRow => {
    const group = groups.get(month) as EvaluationSession[];
    const withMisbehavior = group.filter(hasMisbehavior).length;
    const withTurns = group.filter((session) => session.userMessages !== undefined);
    const userMessages = withTurns.reduce((sum, session) => sum + (session.userMessages ?? 0), 0);
    const findingsWithTurns = withTurns.reduce((sum, session) => sum + misbehaviorsOf(session).length, 0);
    return {
      month,
      index: monthIndex(month) - first,
      basis: basisOf(group),
      withMisbehavior,
      share: withMisbehavior / group.length,
      findings: group.reduce((sum, session) => sum + misbehaviorsOf(session).length, 0),
      userMessages,
      findingsPerUserTurn: userMessages === 0 ? undefined : findingsWithTurns / userMessages,
      enoughForTrend: group.length >= MINIMUM_SESSIONS_PER_TREND_MONTH,
    };
  });
  const fitted = months.filter((month) => month.enoughForTrend);
  const perTurn = fitted.filter((month) => month.findingsPerUserTurn !== undefined);
  return {
    basis: basisOf(dated),
    months,
    minimumSessionsPerMonth: MINIMUM_SESSIONS_PER_TREND_MONTH,
    shareSlope: trendSlope(fitted.map((month) => month.index), fitted.map((month) => month.share)),
    perTurnSlope: trendSlope(perTurn.map((month) => month.index), perTurn.map((month) => month.findingsPerUserTurn as number)),
  };
}
