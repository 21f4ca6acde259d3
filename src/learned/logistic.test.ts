import { describe, expect, it } from 'vitest';
import type { FeatureVector } from './features.js';
import { predictProbability, trainLogistic } from './logistic.js';

const SETTINGS = { dimensions: 4, l2: 0.1, iterations: 500, learningRate: 0.5 };

/** Positives carry feature 1, negatives feature 2; feature 0 is on everywhere. */
function separable(): { samples: FeatureVector[]; targets: number[] } {
  const samples: FeatureVector[] = [];
  const targets: number[] = [];
  for (let index = 0; index < 20; index++) {
    const positive = index % 2 === 0;
    samples.push({ indices: [0, positive ? 1 : 2], values: [1, 1] });
    targets.push(positive ? 1 : 0);
  }
  return { samples, targets };
}

describe('trainLogistic', () => {
  it('learns a separable problem', () => {
    const { samples, targets } = separable();
    const model = trainLogistic(samples, targets, SETTINGS);
    expect(predictProbability({ indices: [0, 1], values: [1, 1] }, model)).toBeGreaterThan(0.9);
    expect(predictProbability({ indices: [0, 2], values: [1, 1] }, model)).toBeLessThan(0.1);
    expect(model.weights[1]).toBeGreaterThan(0);
    expect(model.weights[2]).toBeLessThan(0);
  });

  it('gives the same weights for the same data', () => {
    const { samples, targets } = separable();
    expect([...trainLogistic(samples, targets, SETTINGS).weights]).toEqual([...trainLogistic(samples, targets, SETTINGS).weights]);
  });

  it('shrinks weights as the penalty grows', () => {
    const { samples, targets } = separable();
    const loose = trainLogistic(samples, targets, { ...SETTINGS, l2: 0.01 });
    const tight = trainLogistic(samples, targets, { ...SETTINGS, l2: 10 });
    expect(Math.abs(tight.weights[1] as number)).toBeLessThan(Math.abs(loose.weights[1] as number));
  });

  it('learns the base rate when the features say nothing', () => {
    const samples = Array.from({ length: 40 }, () => ({ indices: [], values: [] }));
    const targets = samples.map((_, index) => (index < 30 ? 1 : 0));
    expect(predictProbability({ indices: [], values: [] }, trainLogistic(samples, targets, { ...SETTINGS, iterations: 2_000 }))).toBeCloseTo(0.75, 2);
  });

  it('refuses samples and targets of different lengths, and trains nothing on no data', () => {
    expect(() => trainLogistic([{ indices: [], values: [] }], [], SETTINGS)).toThrow('1 samples but 0 targets');
    expect(trainLogistic([], [], SETTINGS).bias).toBe(0);
  });

  it('does not overflow on extreme scores', () => {
    const model = { weights: new Float64Array([1_000]), bias: 0 };
    expect(predictProbability({ indices: [0], values: [1] }, model)).toBe(1);
    expect(predictProbability({ indices: [0], values: [-1] }, model)).toBe(0);
  });
});
