/**
 * Training examples from a label set: each labelled trajectory read with wink's readers and analysed with the
 * deterministic detectors (their findings are features). Files that cannot be read are returned as problems.
 */
import { allDetectors } from '../detectors/index.js';
import { analyzeTrajectory } from '../engine/engine.js';
import type { LabelSet } from '../eval/labels/label.js';
import { labelsBySource } from '../eval/labels/label.js';
import { readFileTrajectories } from '../formats/read.js';
import { resolve } from 'node:path';
import type { CategoryId } from '../taxonomy/categories.js';
import type { TrainingExample } from './train.js';

/** Reads the files a label set names (or the ones given) into labelled examples; unlabelled trajectories are left out. */
export async function trainingExamples(labels: LabelSet, files: readonly string[]): Promise<{ examples: TrainingExample[]; problems: string[] }> {
  const bySource = labelsBySource(labels.labels);
  const examples: TrainingExample[] = [];
  const problems: string[] = [];
  for (const file of files) {
    let read;
    try {
      read = await readFileTrajectories(file);
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
      continue;
    }
    for (const trajectory of read.trajectories) {
      const found = bySource.get(file) ?? bySource.get(resolve(file)) ?? bySource.get(trajectory.session.id);
      if (!found) continue;
      const { findings } = analyzeTrajectory(trajectory, { detectors: allDetectors });
      const exampleLabels: Partial<Record<CategoryId, boolean>> = {};
      for (const [category, label] of found) exampleLabels[category] = label;
      examples.push({ sessionId: trajectory.session.id, agent: trajectory.session.agent, steps: trajectory.steps, findings, labels: exampleLabels });
    }
  }
  return { examples, problems };
}
