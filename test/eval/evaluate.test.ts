import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSweBenchLabels } from '../../src/eval/labels/swe-bench-labels.js';
import { readTrailLabels } from '../../src/eval/labels/trail-labels.js';
import { evaluate } from '../../src/eval/scoring/evaluate.js';
import { classifierPredictor } from '../../src/eval/scoring/llm-predictor.js';
import { loadLearnedModel } from '../../src/learned/model.js';
import { trainingExamples } from '../../src/learned/training-data.js';
import { DEFAULT_TRAINING_SETTINGS, trainLearnedTier } from '../../src/learned/train.js';
import { createLanguageModel } from '../../src/llm/providers.js';
import { resolveLlmSettings } from '../../src/llm/settings.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../../src/testing/fake-openai-server.js';
import { hasSharedData, realTrajectory } from '../support/shared-data.js';
import { cleanMiniSweAgentLog, loopingMiniSweAgentLog } from '../support/looping-trajectory.js';
import { temporaryFolder } from '../support/temporary-folders.js';

function writeLogs(): string[] {
  const folder = temporaryFolder('wink-eval-');
  const looping = join(folder, 'loop.traj.json');
  const clean = join(folder, 'clean.traj.json');
  writeFileSync(looping, loopingMiniSweAgentLog(5));
  writeFileSync(clean, cleanMiniSweAgentLog());
  return [looping, clean];
}

const LABELS = {
  name: 'hand-made',
  problems: [],
  labels: [
    { source: 'example__loop-1', category: 'infinite-loop' as const, label: true },
    { source: 'example__clean-1', category: 'infinite-loop' as const, label: false },
    { source: 'example__clean-1', category: 'tool-call-failure' as const, label: true },
  ],
};

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('evaluate', () => {
  it('scores the deterministic detectors on hand-made labels', async () => {
    const evaluation = await evaluate({ files: writeLogs(), labels: LABELS, jobs: 1 });
    expect(evaluation.trajectories).toBe(2);
    const [detectors] = evaluation.predictors;
    expect(detectors.predictor).toBe('detectors');
    expect(detectors.categories.find((entry) => entry.category === 'infinite-loop')).toMatchObject({ truePositives: 1, falsePositives: 0, trueNegatives: 1, precision: 1, recall: 1 });
    expect(detectors.categories.find((entry) => entry.category === 'tool-call-failure')).toMatchObject({ falseNegatives: 1, recall: 0, precision: null });
  });

  it('scores the LLM classifiers and the ensemble with --model against a fake server', async () => {
    // The classifier says every category is present in every session, with high confidence.
    server = await startFakeOpenAiServer({
      script: (request) => {
        const category = /category \\"([a-z-]+)\\"/.exec(request.rawBody)?.[1] ?? 'infinite-loop';
        return { json: { category, reasoning: 'Scripted.', evidenceSteps: [], misbehaving: true, confidence: 0.95, guidance: 'DO stop.' } };
      },
    });
    const settings = resolveLlmSettings({ model: 'openai:classifier', baseUrl: server.url, environment: { OPENAI_API_KEY: 'test-key' }, overrides: { maxRetries: 0, timeoutMs: 5_000 } });
    const llm = classifierPredictor(await createLanguageModel(settings));
    const evaluation = await evaluate({ files: writeLogs(), labels: LABELS, llm });
    expect(evaluation.predictors.map((entry) => entry.predictor)).toEqual(['detectors', 'llm', 'ensemble']);
    const language = evaluation.predictors[1];
    // Always yes: the loop is a TP, the clean session an FP for loops and a TP for tool-call failure.
    expect(language.overall).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 0, trueNegatives: 0 });
    const ensemble = evaluation.predictors[2];
    expect(ensemble.overall.truePositives).toBe(2);
  });
});

describe.skipIf(!hasSharedData)('evaluate on the shared real data', () => {
  it('TRAIL GAIA: every annotated trace with a file is scored', async () => {
    const labels = await readTrailLabels(realTrajectory('trail-gaia/annotations'));
    expect(labels.unknown).toEqual({});
    const evaluation = await evaluate({ files: labels.trajectoryFiles ?? [], labels, jobs: 2 });
    const [detectors] = evaluation.predictors;
    expect(detectors.trajectories).toBe(labels.trajectoryFiles?.length);
    expect(detectors.categories.map((entry) => entry.category)).toEqual(['did-not-follow-instructions', 'infinite-loop', 'tool-call-failure']);
    // Recorded in docs/evaluation.md; loose bounds so detector tuning does not break the test.
    const loop = detectors.categories.find((entry) => entry.category === 'infinite-loop');
    expect(loop?.precision ?? 0).toBeGreaterThanOrEqual(0.5);
    // Code actions that never call the tool they announce, and refused code, are found (recall 0.19 before).
    const toolCalls = detectors.categories.find((entry) => entry.category === 'tool-call-failure');
    expect(toolCalls?.recall ?? 0).toBeGreaterThanOrEqual(0.35);
    expect(toolCalls?.precision ?? 0).toBeGreaterThanOrEqual(0.85);
    // The answer rules of the GAIA task wrapper (issue 13's target: recall ≥ 0.3 at precision ≥ 0.85).
    const instructions = detectors.categories.find((entry) => entry.category === 'did-not-follow-instructions');
    expect(instructions?.precision ?? 0).toBeGreaterThanOrEqual(0.85);
    expect(instructions?.recall ?? 0).toBeGreaterThanOrEqual(0.3);
  }, 60_000);

  it('TRAIL GAIA with the learned tier: every trace scored, all of them in-sample', async () => {
    const labels = await readTrailLabels(realTrajectory('trail-gaia/annotations'));
    const evaluation = await evaluate({ files: labels.trajectoryFiles ?? [], labels, learned: loadLearnedModel() });
    expect(evaluation.predictors.map((entry) => entry.predictor)).toEqual(['detectors', 'learned']);
    expect(evaluation.predictors[1]?.unavailable).toBe(0);
    expect(evaluation.learnedInSample).toBe(labels.trajectoryFiles?.length);
  }, 60_000);

  it('the shipped learned model is what `npm run train:learned` gives on the shared data today', async () => {
    const labels = await readTrailLabels(realTrajectory('trail-gaia/annotations'));
    const { examples } = await trainingExamples(labels, labels.trajectoryFiles ?? []);
    const shipped = loadLearnedModel();
    const categories = shipped.categories.map((category) => category.category);
    const trained = trainLearnedTier(examples, { ...DEFAULT_TRAINING_SETTINGS, categories, trainedOn: shipped.trainedOn });
    // Detectors' findings are features: a change to what they find needs the model trained again.
    expect(trained.trainingSessions).toEqual(shipped.trainingSessions);
    for (const [index, category] of trained.categories.entries()) {
      const expected = shipped.categories[index];
      expect(category.threshold).toBe(expected?.threshold);
      expect(category.crossValidated).toEqual(expected?.crossValidated);
      const shippedWeights = new Map(expected?.weights);
      expect(category.weights.map(([bucket]) => bucket)).toEqual(expected?.weights.map(([bucket]) => bucket));
      for (const [bucket, weight] of category.weights) expect(Math.abs(weight - (shippedWeights.get(bucket) ?? 0))).toBeLessThan(0.001);
    }
  }, 180_000);

  it('mini-swe-agent: labels from submissions and reports', async () => {
    const labels = await readSweBenchLabels(realTrajectory('mini-swe-agent-gemini3'));
    expect(labels.trajectoryFiles).toHaveLength(100);
    const positives = labels.labels.filter((label) => label.label && label.category === 'did-not-follow-instructions');
    // 25 submissions touch a test or configuration file; in 9 the only such file is pyproject.toml with the
    // environment's setuptools pin, which no command of the agent names.
    expect(positives).toHaveLength(16);
    const evaluation = await evaluate({ files: labels.trajectoryFiles ?? [], labels, jobs: 2 });
    const instructions = evaluation.predictors[0].categories.find((entry) => entry.category === 'did-not-follow-instructions');
    expect(instructions?.precision ?? 0).toBeGreaterThanOrEqual(0.9);
    expect(instructions?.recall ?? 0).toBeGreaterThanOrEqual(0.9);
  }, 60_000);
});
