import { describe, expect, it } from 'vitest';
import { seededRandom } from '../eval/statistics/means.js';
import { chooseThreshold, countAt, crossValidate, stratifiedFolds } from './cross-validation.js';
import type { FeatureVector } from './features.js';

const LOGISTIC = { dimensions: 8, l2: 0.1, iterations: 300, learningRate: 0.5 };
const CROSS_VALIDATION = { folds: 5, repeats: 2, seed: 3, targetPrecision: 0.85 };

describe('stratifiedFolds', () => {
  it.each([
    [10, 0.5, 5],
    [23, 0.3, 5],
    [7, 0.15, 3],
  ])('%i samples, %f positive, %i folds: disjoint, complete, positives spread evenly', (count, share, folds) => {
    const targets = Array.from({ length: count }, (_, index) => (index < Math.round(count * share) ? 1 : 0));
    const result = stratifiedFolds(targets, folds, seededRandom(1));
    const all = result.flat().sort((left, right) => left - right);
    expect(all).toEqual(targets.map((_, index) => index));
    const positivesPerFold = result.map((fold) => fold.filter((index) => targets[index] === 1).length);
    expect(Math.max(...positivesPerFold) - Math.min(...positivesPerFold)).toBeLessThanOrEqual(1);
  });

  it('shuffles differently with another seed, the same with the same seed', () => {
    const targets = Array.from({ length: 30 }, (_, index) => index % 2);
    expect(stratifiedFolds(targets, 5, seededRandom(1))).toEqual(stratifiedFolds(targets, 5, seededRandom(1)));
    expect(stratifiedFolds(targets, 5, seededRandom(1))).not.toEqual(stratifiedFolds(targets, 5, seededRandom(2)));
  });
});

describe('chooseThreshold', () => {
  it.each([
    ['the lowest threshold that reaches the precision', [0.9, 0.8, 0.6, 0.55], [1, 1, 0, 1], 0.65],
    ['0.5 when everything above it is right', [0.9, 0.6, 0.2], [1, 1, 0], 0.5],
    ['the most precise one when none reaches the target', [0.96, 0.96, 0.6, 0.55], [1, 0, 1, 0], 0.6],
  ])('%s', (_, probabilities, targets, expected) => {
    expect(chooseThreshold(probabilities, targets, 0.85)).toBe(expected);
  });

  it('counts at a threshold', () => {
    expect(countAt([0.9, 0.4, 0.7, 0.1], [1, 1, 0, 0], 0.5)).toEqual({ truePositives: 1, falsePositives: 1, falseNegatives: 1, trueNegatives: 1 });
  });
});

describe('crossValidate', () => {
  function samplesWhere(signal: (index: number) => boolean, count: number): { samples: FeatureVector[]; targets: number[] } {
    const samples = Array.from({ length: count }, (_, index) => ({ indices: [0, signal(index) ? 1 : 2], values: [1, 1] }));
    const targets = Array.from({ length: count }, (_, index) => (index % 3 === 0 ? 1 : 0));
    return { samples, targets };
  }

  it('is perfect when a feature gives the label away', () => {
    const { samples, targets } = samplesWhere((index) => index % 3 === 0, 60);
    const result = crossValidate(samples, targets, LOGISTIC, CROSS_VALIDATION);
    expect(result).toMatchObject({ precision: 1, recall: 1, repeats: 2 });
    expect(result.truePositives + result.falseNegatives).toBe(2 * 20);
    expect(result.thresholds).toHaveLength(10);
  });

  it('finds nothing reliable when the features carry no information about the label', () => {
    const random = seededRandom(9);
    const { samples, targets } = samplesWhere(() => random() < 0.5, 60);
    const result = crossValidate(samples, targets, LOGISTIC, CROSS_VALIDATION);
    expect(result.precision).toBeLessThan(0.85);
  });
});
