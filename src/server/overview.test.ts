import { describe, expect, it } from 'vitest';
import type { StoreSummary } from '../store/types.js';
import { computeOverview } from './overview.js';

/** A store summary with one model stored under two spellings (as the shared data's Gemini 3 Pro runs). */
const SUMMARY: StoreSummary = {
  sessions: 213,
  steps: 2130,
  sessionsWithFinding: 60,
  models: [
    { model: 'o3-mini', sessions: 113, steps: 1130, sessionsWithFinding: 42 },
    { model: 'google/gemini-3-pro-preview', sessions: 94, steps: 940, sessionsWithFinding: 16 },
    { model: '@google/gemini-3-pro-preview', sessions: 6, steps: 60, sessionsWithFinding: 2 },
  ],
  categories: [
    { model: 'o3-mini', category: 'infinite-loop', sessions: 16, findings: 20 },
    { model: 'google/gemini-3-pro-preview', category: 'infinite-loop', sessions: 10, findings: 10 },
    { model: '@google/gemini-3-pro-preview', category: 'infinite-loop', sessions: 2, findings: 2 },
  ],
  recoveries: [],
  trendGranularity: 'month',
  trend: [],
};

describe('dashboard overview per model', () => {
  it('counts one model stored under two spellings as one, and filters by every stored spelling', async () => {
    const overview = await computeOverview({ summarize: async () => SUMMARY });
    expect(overview.models.models.map((model) => [model.model, model.basis.sessions, model.total.successes, model.spellings])).toEqual([
      ['o3-mini', 113, 42, []],
      ['gemini-3-pro-preview', 100, 18, ['@google/gemini-3-pro-preview', 'google/gemini-3-pro-preview']],
    ]);
    expect(overview.models.rows.find((row) => row.category === 'infinite-loop')?.rates.map((rate) => [rate.successes, rate.trials])).toEqual([
      [16, 113],
      [12, 100],
    ]);
    expect(overview.models.sessionsLeftOut).toBe(0);
    expect(overview.filterModels).toEqual(['o3-mini', 'google/gemini-3-pro-preview', '@google/gemini-3-pro-preview']);
  });
});
