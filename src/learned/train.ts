/**
 * Training the learned tier from labelled trajectories: features, one logistic model per category, its threshold
 * (chosen on out-of-fold probabilities of all the data by the rule in `cross-validation.ts`), and nested
 * cross-validated figures. Library code: no printing, no files (the script in `scripts/` does those).
 */
import type { Finding } from '../detectors/define.js';
import type { CategoryId } from '../taxonomy/categories.js';
import type { Step } from '../trajectory/step.js';
import { seededRandom } from '../eval/statistics/means.js';
import { chooseThreshold, crossValidate, outOfFoldProbabilities, stratifiedFolds, type CrossValidationSettings } from './cross-validation.js';
import { FEATURE_VERSION, trajectoryFeatures } from './features.js';
import { trainLogistic, type LogisticSettings } from './logistic.js';
import { LEARNED_MODEL_VERSION, type CategoryModel, type LearnedModel } from './model.js';

/** One labelled trajectory. */
export interface TrainingExample {
  sessionId: string;
  /** The session's agent (`Session.agent`): the model scores only the agents it was trained on. */
  agent: string;
  steps: readonly Step[];
  findings: readonly Finding[];
  /** Its labels; a category it has no label for is left out of that category's training. */
  labels: Partial<Record<CategoryId, boolean>>;
}

export interface TrainingSettings {
  hashBits: number;
  categories: readonly CategoryId[];
  crossValidation: CrossValidationSettings;
  logistic: Omit<LogisticSettings, 'dimensions'>;
  trainedOn: string;
  /** Weights smaller than this in magnitude are not written (they change no decision at 4 decimals). */
  weightFloor: number;
}

export const DEFAULT_TRAINING_SETTINGS: Omit<TrainingSettings, 'categories' | 'trainedOn'> = {
  hashBits: 12,
  crossValidation: { folds: 5, repeats: 5, seed: 13, targetPrecision: 0.85 },
  logistic: { l2: 0.1, iterations: 1500, learningRate: 0.1 },
  weightFloor: 0.0001,
};

function rounded(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Trains the model and measures it. */
export function trainLearnedTier(examples: readonly TrainingExample[], settings: TrainingSettings): LearnedModel {
  const features = examples.map((example) => trajectoryFeatures(example.steps, example.findings, settings.hashBits));
  const logistic: LogisticSettings = { ...settings.logistic, dimensions: 1 << settings.hashBits };
  const categories: CategoryModel[] = [];
  for (const category of settings.categories) {
    const labelled = examples.flatMap((example, index) => (example.labels[category] === undefined ? [] : [index]));
    const samples = labelled.map((index) => features[index]!);
    const targets = labelled.map((index) => (examples[index]!.labels[category] ? 1 : 0));
    const positives = targets.filter((target) => target === 1).length;
    if (positives === 0 || positives === targets.length) continue;
    const figures = crossValidate(samples, targets, logistic, settings.crossValidation);
    const random = seededRandom(settings.crossValidation.seed);
    const allOutOfFold = outOfFoldProbabilities(samples, targets, stratifiedFolds(targets, settings.crossValidation.folds, random), logistic);
    const threshold = chooseThreshold(allOutOfFold, targets, settings.crossValidation.targetPrecision);
    const fitted = trainLogistic(samples, targets, logistic);
    const weights: [number, number][] = [];
    fitted.weights.forEach((weight, bucket) => {
      if (Math.abs(weight) >= settings.weightFloor) weights.push([bucket, rounded(weight)]);
    });
    categories.push({
      category,
      weights,
      bias: rounded(fitted.bias),
      threshold,
      positives,
      negatives: targets.length - positives,
      crossValidated: {
        folds: settings.crossValidation.folds,
        repeats: figures.repeats,
        truePositives: figures.truePositives,
        falsePositives: figures.falsePositives,
        falseNegatives: figures.falseNegatives,
        trueNegatives: figures.trueNegatives,
        precision: rounded(figures.precision),
        recall: rounded(figures.recall),
      },
    });
  }
  return {
    version: LEARNED_MODEL_VERSION,
    featureVersion: FEATURE_VERSION,
    hashBits: settings.hashBits,
    trainedOn: settings.trainedOn,
    trainingSessions: examples.map((example) => example.sessionId),
    agents: [...new Set(examples.map((example) => example.agent))].sort(),
    categories,
  };
}
