/**
 * The learned tier's model file (`models/learned-tier.json`, shipped in the package): per category, sparse
 * logistic weights over hashed trajectory features, the decision threshold, and the cross-validated figures it
 * was shipped with. Loading checks the shape and names the file on any problem; scoring never throws on a
 * trajectory.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../detectors/define.js';
import { InputError } from '../errors.js';
import { isCategoryId, type CategoryId } from '../taxonomy/categories.js';
import type { Step } from '../trajectory/step.js';
import { FEATURE_VERSION, trajectoryFeatures } from './features.js';
import { predictProbability, type LogisticWeights } from './logistic.js';

/** Version of the file format. */
export const LEARNED_MODEL_VERSION = 1;
/** Where the shipped model is, from this module (`src/learned` or `dist/learned`). */
export const SHIPPED_MODEL_PATH = fileURLToPath(new URL('../../models/learned-tier.json', import.meta.url));

/** Cross-validated figures of one category, as the training script measured them. */
export interface CategoryFigures {
  folds: number;
  repeats: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
}

export interface CategoryModel {
  category: CategoryId;
  /** Non-zero weights as `[bucket, weight]` pairs. */
  weights: [number, number][];
  bias: number;
  /** A trajectory is flagged when its probability is at least this. */
  threshold: number;
  /** Positives and negatives it was trained on. */
  positives: number;
  negatives: number;
  crossValidated: CategoryFigures;
}

export interface LearnedModel {
  version: number;
  /** The feature set it was trained on (`FEATURE_VERSION` in features.ts). */
  featureVersion: number;
  hashBits: number;
  /** What it was trained on, in words (shown by `wink eval --learned`). */
  trainedOn: string;
  /** Session ids of the training trajectories, so an evaluation can say which of its scores are in-sample. */
  trainingSessions: string[];
  /**
   * The agents (session `agent`) it was trained on: the only ones it scores. A model fitted to one scaffold's
   * trajectories says nothing true about another's (trained on smolagents, it flagged all 100 mini-swe-agent runs).
   */
  agents: string[];
  categories: CategoryModel[];
}

/** The learned tier's verdict on one category of one trajectory. */
export interface LearnedScore {
  category: CategoryId;
  probability: number;
  flagged: boolean;
}

function problem(file: string, message: string): InputError {
  return new InputError(file, message);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Checks a parsed model; throws naming the file and the field on a problem. */
export function validateLearnedModel(value: unknown, file: string): LearnedModel {
  const model = value as Partial<LearnedModel> | null;
  if (typeof model !== 'object' || model === null) throw problem(file, 'not a JSON object');
  if (model.version !== LEARNED_MODEL_VERSION) throw problem(file, `version ${String(model.version)}, expected ${LEARNED_MODEL_VERSION}`);
  if (model.featureVersion !== FEATURE_VERSION) throw problem(file, `trained on features version ${String(model.featureVersion)}, but this wink computes version ${FEATURE_VERSION}: retrain it (npm run train:learned)`);
  if (!Number.isInteger(model.hashBits) || (model.hashBits as number) < 1 || (model.hashBits as number) > 24) throw problem(file, 'hashBits must be an integer from 1 to 24');
  if (!Array.isArray(model.categories)) throw problem(file, 'categories must be a list');
  if (!Array.isArray(model.trainingSessions)) throw problem(file, 'trainingSessions must be a list');
  if (!Array.isArray(model.agents) || model.agents.length === 0 || !model.agents.every((agent) => typeof agent === 'string')) throw problem(file, 'agents must be a non-empty list of agent names');
  const dimensions = 1 << (model.hashBits as number);
  for (const [position, category] of model.categories.entries()) {
    const where = `categories[${position}]`;
    if (!isCategoryId(category?.category)) throw problem(file, `${where}.category is not a known category`);
    if (!isFiniteNumber(category.bias) || !isFiniteNumber(category.threshold)) throw problem(file, `${where} needs a numeric bias and threshold`);
    if (!Array.isArray(category.weights)) throw problem(file, `${where}.weights must be a list`);
    for (const pair of category.weights) {
      if (!Array.isArray(pair) || !Number.isInteger(pair[0]) || pair[0] < 0 || pair[0] >= dimensions || !isFiniteNumber(pair[1])) throw problem(file, `${where}.weights holds an entry that is not [bucket < ${dimensions}, weight]`);
    }
  }
  return model as LearnedModel;
}

/** Reads and checks a model file (the shipped one by default). */
export function loadLearnedModel(file: string = SHIPPED_MODEL_PATH): LearnedModel {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw problem(file, `cannot read the learned model (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw problem(file, `not valid JSON (${(error as Error).message})`);
  }
  return validateLearnedModel(parsed, file);
}

/** Dense weights of one category, for scoring. */
function denseWeights(category: CategoryModel, hashBits: number): LogisticWeights {
  const weights = new Float64Array(1 << hashBits);
  for (const [bucket, weight] of category.weights) weights[bucket] = weight;
  return { weights, bias: category.bias };
}

/** What the scorer needs of a trajectory. */
export interface ScoredTrajectory {
  session: { agent: string };
  steps: readonly Step[];
}

/**
 * Scores trajectories with a model: build once, score many. A trajectory of an agent the model was not trained
 * on gets no score (`undefined`).
 */
export function createLearnedScorer(model: LearnedModel): (trajectory: ScoredTrajectory, findings: readonly Finding[]) => LearnedScore[] | undefined {
  const dense = model.categories.map((category) => ({ category, weights: denseWeights(category, model.hashBits) }));
  const agents = new Set(model.agents);
  return ({ session, steps }, findings) => {
    if (!agents.has(session.agent)) return undefined;
    const features = trajectoryFeatures(steps, findings, model.hashBits);
    return dense.map(({ category, weights }) => {
      const probability = predictProbability(features, weights);
      return { category: category.category, probability, flagged: probability >= category.threshold };
    });
  };
}
