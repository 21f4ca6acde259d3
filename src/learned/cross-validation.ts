/**
 * Honest figures for the learned tier: stratified k-fold cross-validation, repeated with seeded shuffles, with the
 * decision threshold chosen inside each training split (nested) so that no fold's threshold has seen the fold.
 * The threshold rule: the lowest threshold of {@link THRESHOLD_GRID} whose precision on the training split's own
 * out-of-fold probabilities reaches the target; when none does, the one with the highest precision.
 */
import { seededRandom } from '../eval/statistics/means.js';
import type { FeatureVector } from './features.js';
import { predictProbability, trainLogistic, type LogisticSettings } from './logistic.js';

/** Thresholds tried, in increasing order. */
export const THRESHOLD_GRID: readonly number[] = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

/** Splits sample indices into `folds` folds, each with the same share of positives as far as it goes. */
export function stratifiedFolds(targets: readonly number[], folds: number, random: () => number): number[][] {
  const result: number[][] = Array.from({ length: folds }, () => []);
  for (const wanted of [1, 0]) {
    const members = targets.flatMap((target, index) => (target === wanted ? [index] : []));
    for (let index = members.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [members[index], members[other]] = [members[other] as number, members[index] as number];
    }
    members.forEach((member, position) => (result[position % folds] as number[]).push(member));
  }
  return result;
}

export interface Counts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

/** Counts at one threshold. */
export function countAt(probabilities: readonly number[], targets: readonly number[], threshold: number): Counts {
  const counts: Counts = { truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0 };
  probabilities.forEach((probability, index) => {
    const predicted = probability >= threshold;
    const actual = targets[index] === 1;
    if (predicted && actual) counts.truePositives++;
    else if (predicted) counts.falsePositives++;
    else if (actual) counts.falseNegatives++;
    else counts.trueNegatives++;
  });
  return counts;
}

/** Precision of counts; 0 when nothing was predicted. */
export function precisionOf(counts: Counts): number {
  const predicted = counts.truePositives + counts.falsePositives;
  return predicted === 0 ? 0 : counts.truePositives / predicted;
}

/** Recall of counts; 0 when nothing was positive. */
export function recallOf(counts: Counts): number {
  const positives = counts.truePositives + counts.falseNegatives;
  return positives === 0 ? 0 : counts.truePositives / positives;
}

/** The threshold rule (see the file's comment). */
export function chooseThreshold(probabilities: readonly number[], targets: readonly number[], targetPrecision: number): number {
  let best = THRESHOLD_GRID[THRESHOLD_GRID.length - 1] as number;
  let bestPrecision = -1;
  for (const threshold of THRESHOLD_GRID) {
    const counts = countAt(probabilities, targets, threshold);
    const precision = precisionOf(counts);
    if (counts.truePositives > 0 && precision >= targetPrecision) return threshold;
    if (precision > bestPrecision) {
      bestPrecision = precision;
      best = threshold;
    }
  }
  return best;
}

/** Out-of-fold probabilities: each sample scored by a model trained on the other folds. */
export function outOfFoldProbabilities(samples: readonly FeatureVector[], targets: readonly number[], folds: readonly (readonly number[])[], settings: LogisticSettings): number[] {
  const probabilities = new Array<number>(samples.length).fill(0);
  for (const fold of folds) {
    const held = new Set(fold);
    const trainIndices = samples.map((_, index) => index).filter((index) => !held.has(index));
    const model = trainLogistic(
      trainIndices.map((index) => samples[index] as FeatureVector),
      trainIndices.map((index) => targets[index] as number),
      settings,
    );
    for (const index of fold) probabilities[index] = predictProbability(samples[index] as FeatureVector, model);
  }
  return probabilities;
}

export interface CrossValidationSettings {
  folds: number;
  repeats: number;
  seed: number;
  targetPrecision: number;
}

export interface CrossValidationResult extends Counts {
  /** Summed over the repeats, so each sample counts `repeats` times. */
  repeats: number;
  precision: number;
  recall: number;
  /** The thresholds the training splits chose, one per outer fold and repeat. */
  thresholds: number[];
}

/** Nested, repeated, stratified cross-validation of one category. */
export function crossValidate(samples: readonly FeatureVector[], targets: readonly number[], logistic: LogisticSettings, settings: CrossValidationSettings): CrossValidationResult {
  const random = seededRandom(settings.seed);
  const total: Counts = { truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0 };
  const thresholds: number[] = [];
  for (let repeat = 0; repeat < settings.repeats; repeat++) {
    for (const fold of stratifiedFolds(targets, settings.folds, random)) {
      const held = new Set(fold);
      const trainIndices = samples.map((_, index) => index).filter((index) => !held.has(index));
      const trainSamples = trainIndices.map((index) => samples[index] as FeatureVector);
      const trainTargets = trainIndices.map((index) => targets[index] as number);
      const inner = outOfFoldProbabilities(trainSamples, trainTargets, stratifiedFolds(trainTargets, settings.folds - 1, random), logistic);
      const threshold = chooseThreshold(inner, trainTargets, settings.targetPrecision);
      thresholds.push(threshold);
      const model = trainLogistic(trainSamples, trainTargets, logistic);
      const heldProbabilities = fold.map((index) => predictProbability(samples[index] as FeatureVector, model));
      const counts = countAt(heldProbabilities, fold.map((index) => targets[index] as number), threshold);
      total.truePositives += counts.truePositives;
      total.falsePositives += counts.falsePositives;
      total.falseNegatives += counts.falseNegatives;
      total.trueNegatives += counts.trueNegatives;
    }
  }
  return { ...total, repeats: settings.repeats, precision: precisionOf(total), recall: recallOf(total), thresholds };
}
