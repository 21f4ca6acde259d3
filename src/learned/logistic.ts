/**
 * L2-regularised logistic regression over sparse feature vectors, fitted by full-batch gradient descent with a
 * fixed number of iterations: deterministic (same data, same weights) and small enough for a few hundred
 * trajectories. Used by the learned tier; not a general-purpose library.
 */
import type { FeatureVector } from './features.js';

export interface LogisticSettings {
  /** Feature buckets (the weight vector's length). */
  dimensions: number;
  /** L2 penalty on the weights (not the bias), scaled by the number of samples. */
  l2: number;
  /** Gradient-descent iterations. */
  iterations: number;
  /** Step size. */
  learningRate: number;
}

export interface LogisticWeights {
  weights: Float64Array;
  bias: number;
}

function sigmoid(value: number): number {
  if (value >= 0) return 1 / (1 + Math.exp(-value));
  const exponential = Math.exp(value);
  return exponential / (1 + exponential);
}

/** The linear score of one sample. */
function score(sample: FeatureVector, model: LogisticWeights): number {
  let total = model.bias;
  for (let index = 0; index < sample.indices.length; index++) total += (model.weights[sample.indices[index] as number] ?? 0) * (sample.values[index] as number);
  return total;
}

/** The model's probability that the sample is positive. */
export function predictProbability(sample: FeatureVector, model: LogisticWeights): number {
  return sigmoid(score(sample, model));
}

/** Fits weights to samples with 0/1 targets. */
export function trainLogistic(samples: readonly FeatureVector[], targets: readonly number[], settings: LogisticSettings): LogisticWeights {
  if (samples.length !== targets.length) throw new Error(`${samples.length} samples but ${targets.length} targets`);
  const model: LogisticWeights = { weights: new Float64Array(settings.dimensions), bias: 0 };
  if (samples.length === 0) return model;
  const count = samples.length;
  const gradient = new Float64Array(settings.dimensions);
  for (let iteration = 0; iteration < settings.iterations; iteration++) {
    gradient.fill(0);
    let biasGradient = 0;
    for (let sampleIndex = 0; sampleIndex < count; sampleIndex++) {
      const sample = samples[sampleIndex] as FeatureVector;
      const error = sigmoid(score(sample, model)) - (targets[sampleIndex] as number);
      biasGradient += error;
      for (let index = 0; index < sample.indices.length; index++) gradient[sample.indices[index] as number] += error * (sample.values[index] as number);
    }
    for (let dimension = 0; dimension < settings.dimensions; dimension++) {
      const weight = model.weights[dimension] as number;
      model.weights[dimension] = weight - settings.learningRate * (((gradient[dimension] as number) + settings.l2 * weight) / count);
    }
    model.bias -= settings.learningRate * (biasGradient / count);
  }
  return model;
}
