import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTemporaryFolder, temporaryFolder } from '../../test/support/temporary-folders.js';
import { trajectory } from '../testing/trajectory-builder.js';
import { FEATURE_VERSION } from './features.js';
import { createLearnedScorer, LEARNED_MODEL_VERSION, loadLearnedModel, validateLearnedModel, type LearnedModel } from './model.js';
import { DEFAULT_TRAINING_SETTINGS, trainLearnedTier, type TrainingExample } from './train.js';

const VALID: LearnedModel = {
  version: LEARNED_MODEL_VERSION,
  featureVersion: FEATURE_VERSION,
  hashBits: 4,
  trainedOn: 'test',
  trainingSessions: [],
  agents: ['smolagents'],
  categories: [
    { category: 'infinite-loop', weights: [[1, 0.5]], bias: 0, threshold: 0.5, positives: 1, negatives: 1, crossValidated: { folds: 5, repeats: 1, truePositives: 1, falsePositives: 0, falseNegatives: 0, trueNegatives: 1, precision: 1, recall: 1 } },
  ],
};

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) removeTemporaryFolder(folder);
});

describe('validateLearnedModel', () => {
  it.each([
    ['not an object', null, 'not a JSON object'],
    ['another file version', { ...VALID, version: 99 }, 'version 99, expected 1'],
    ['other features', { ...VALID, featureVersion: 0 }, 'trained on features version 0'],
    ['no agents', { ...VALID, agents: [] }, 'agents must be a non-empty list'],
    ['bad hash bits', { ...VALID, hashBits: 40 }, 'hashBits must be an integer from 1 to 24'],
    ['an unknown category', { ...VALID, categories: [{ ...VALID.categories[0], category: 'sloth' }] }, 'categories[0].category is not a known category'],
    ['a bucket out of range', { ...VALID, categories: [{ ...VALID.categories[0], weights: [[16, 1]] }] }, 'categories[0].weights holds an entry'],
    ['a weight that is not a number', { ...VALID, categories: [{ ...VALID.categories[0], weights: [[1, 'x']] }] }, 'categories[0].weights holds an entry'],
    ['no threshold', { ...VALID, categories: [{ ...VALID.categories[0], threshold: undefined }] }, 'categories[0] needs a numeric bias and threshold'],
  ])('refuses %s, naming the file', (_, value, message) => {
    expect(() => validateLearnedModel(value, 'model.json')).toThrow(`model.json: ${message}`);
  });

  it('accepts a well-formed model', () => {
    expect(validateLearnedModel(VALID, 'model.json')).toBe(VALID);
  });
});

describe('loadLearnedModel', () => {
  it('loads the shipped model: trained on the current features, with cross-validated figures per category', () => {
    const model = loadLearnedModel();
    expect(model.featureVersion).toBe(FEATURE_VERSION);
    expect(model.agents).toEqual(['smolagents']);
    expect(model.categories.map((category) => category.category)).toEqual(['did-not-follow-instructions', 'infinite-loop', 'tool-call-failure']);
    for (const category of model.categories) {
      expect(category.crossValidated.repeats).toBeGreaterThan(0);
      expect(category.crossValidated.truePositives + category.crossValidated.falseNegatives).toBe(category.positives * category.crossValidated.repeats);
    }
  });

  it.each([
    ['a missing file', undefined, 'cannot read the learned model'],
    ['broken JSON', '{"version": 1,', 'not valid JSON'],
  ])('names the file on %s', (_, content, message) => {
    const folder = temporaryFolder('wink-learned-');
    folders.push(folder);
    const file = join(folder, 'model.json');
    if (content !== undefined) writeFileSync(file, content);
    expect(() => loadLearnedModel(file)).toThrow(`${file}: ${message}`);
  });
});

describe('createLearnedScorer', () => {
  const looping = () => {
    const builder = trajectory({ agent: 'smolagents' }).user('Find it.');
    for (let index = 0; index < 4; index++) builder.tool('web_search', { query: 'same' }, 'No results found', { error: true });
    return builder.build();
  };
  const clean = () => trajectory({ agent: 'smolagents' }).user('Find it.').tool('web_search', { query: 'x' }, 'Found 10 results').assistant('Done.').build();

  it('scores only the agents it was trained on', () => {
    const score = createLearnedScorer(VALID);
    expect(score(trajectory({ agent: 'claude-code' }).user('hi').build(), [])).toBeUndefined();
    expect(score(clean(), [])).toHaveLength(1);
  });

  it('round trip: a model trained on labelled trajectories flags the kind it was shown', () => {
    const examples: TrainingExample[] = [];
    for (let index = 0; index < 20; index++) {
      const positive = index % 2 === 0;
      const built = positive ? looping() : clean();
      examples.push({ sessionId: `session-${index}`, agent: 'smolagents', steps: built.steps, findings: [], labels: { 'infinite-loop': positive } });
    }
    const model = trainLearnedTier(examples, { ...DEFAULT_TRAINING_SETTINGS, crossValidation: { ...DEFAULT_TRAINING_SETTINGS.crossValidation, repeats: 1 }, categories: ['infinite-loop', 'tool-call-failure'], trainedOn: 'test' });
    // No tool-call-failure labels: that category is left out rather than trained on nothing.
    expect(model.categories.map((category) => category.category)).toEqual(['infinite-loop']);
    expect(model.categories[0]?.crossValidated).toMatchObject({ precision: 1, recall: 1 });
    const reloaded = validateLearnedModel(JSON.parse(JSON.stringify(model)), 'round-trip.json');
    const score = createLearnedScorer(reloaded);
    expect(score(looping(), [])?.[0]).toMatchObject({ category: 'infinite-loop', flagged: true });
    expect(score(clean(), [])?.[0]).toMatchObject({ category: 'infinite-loop', flagged: false });
    expect(model.trainingSessions).toHaveLength(20);
  });
});
