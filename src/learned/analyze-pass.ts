/**
 * The `--learned` part of `wink analyze`: each analysed trajectory read again and scored by the learned tier.
 * The model was trained on the default detector set's findings, so those are what it is given here, whatever
 * the configuration switched off. A file that cannot be read again keeps no scores (its analysis says why).
 */
import { allDetectors } from '../detectors/index.js';
import { analyzeTrajectory } from '../engine/engine.js';
import type { AnalysisReport } from '../engine/analyze-files.js';
import { readFileTrajectories } from '../formats/read.js';
import type { FormatId } from '../formats/reader.js';
import { createLearnedScorer, type LearnedModel } from './model.js';

/** What the pass did. */
export interface LearnedPassSummary {
  scored: number;
  flagged: number;
  /** Trajectories of agents the model was not trained on: not scored. */
  outsideDomain: number;
}

/** Adds `learned` scores to every trajectory of the report it can read again and the model knows the agent of. */
export async function addLearnedScores(report: AnalysisReport, model: LearnedModel, options: { format?: FormatId } = {}): Promise<LearnedPassSummary> {
  const score = createLearnedScorer(model);
  const bySourceAndSession = new Map(report.trajectories.map((trajectory) => [`${trajectory.source}\u0000${trajectory.session}`, trajectory]));
  const files = [...new Set(report.trajectories.map((trajectory) => trajectory.source))];
  let scored = 0;
  let flagged = 0;
  let outsideDomain = 0;
  for (const file of files) {
    const read = await readFileTrajectories(file, { format: options.format }).catch(() => undefined);
    for (const trajectory of read?.trajectories ?? []) {
      const analysis = bySourceAndSession.get(`${file}\u0000${trajectory.session.id}`);
      if (!analysis) continue;
      const { findings } = analyzeTrajectory(trajectory, { detectors: allDetectors });
      const scores = score(trajectory, findings);
      if (!scores) {
        outsideDomain++;
        continue;
      }
      analysis.learned = scores;
      scored++;
      if (scores.some((entry) => entry.flagged)) flagged++;
    }
  }
  return { scored, flagged, outsideDomain };
}
