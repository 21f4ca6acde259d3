/** `wink analyze --learned` and `wink eval --learned`: the learned tier, off by default, scored end to end through the built CLI. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FEATURE_VERSION } from '../../src/learned/features.js';
import { LEARNED_MODEL_VERSION, type LearnedModel } from '../../src/learned/model.js';
import { repositoryPath } from '../support/shared-data.js';
import { removeTemporaryFolder, temporaryFolder } from '../support/temporary-folders.js';

const CLI = repositoryPath('dist/cli/main.js');
const SMOLAGENTS = repositoryPath('test/fixtures/otel/smolagents-code-agent.json');
const MINI_SWE_AGENT = repositoryPath('test/fixtures/mini-swe-agent/slugify.traj.json');

function wink(argumentsList: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...argumentsList], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, cwd: tmpdir() });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) removeTemporaryFolder(folder);
});

/** A model that flags every category it has on every smolagents trajectory (a bias far above the threshold). */
function writeFlagEverythingModel(): string {
  const folder = temporaryFolder('wink-learned-cli-');
  folders.push(folder);
  const figures = { folds: 5, repeats: 1, truePositives: 1, falsePositives: 0, falseNegatives: 0, trueNegatives: 1, precision: 1, recall: 1 };
  const model: LearnedModel = {
    version: LEARNED_MODEL_VERSION,
    featureVersion: FEATURE_VERSION,
    hashBits: 8,
    trainedOn: 'a test model',
    trainingSessions: [],
    agents: ['smolagents'],
    categories: [{ category: 'tool-call-failure', weights: [], bias: 10, threshold: 0.5, positives: 1, negatives: 1, crossValidated: figures }],
  };
  const file = join(folder, 'model.json');
  writeFileSync(file, JSON.stringify(model));
  return file;
}

describe('wink analyze --learned', () => {
  it('is off by default: no learned scores without the flag', () => {
    const result = wink(['analyze', SMOLAGENTS, '--json']);
    expect(result.status, result.stderr).toBe(0);
    const document = JSON.parse(result.stdout) as { trajectories: { learned?: unknown }[] };
    expect(document.trajectories[0]?.learned).toBeUndefined();
    expect(result.stderr).not.toContain('learned tier');
  });

  it('scores the agents the shipped model knows and leaves the others unscored, saying so', () => {
    const result = wink(['analyze', SMOLAGENTS, MINI_SWE_AGENT, '--learned', '--json']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('learned tier: 1 trajectories scored');
    expect(result.stderr).toContain('1 not scored (agents it was not trained on; it knows smolagents)');
    const document = JSON.parse(result.stdout) as { trajectories: { format: string; learned?: { category: string; probability: number; flagged: boolean }[] }[] };
    const smolagents = document.trajectories.find((trajectory) => trajectory.format === 'otel');
    const miniSweAgent = document.trajectories.find((trajectory) => trajectory.format === 'mini-swe-agent');
    expect(smolagents?.learned?.map((score) => score.category)).toEqual(['did-not-follow-instructions', 'infinite-loop', 'tool-call-failure']);
    for (const score of smolagents?.learned ?? []) expect(score.probability).toBeGreaterThanOrEqual(0);
    expect(miniSweAgent?.learned).toBeUndefined();
  });

  it('prints a flagged category under its trajectory, as a score and not a finding', () => {
    const result = wink(['analyze', SMOLAGENTS, '--learned', writeFlagEverythingModel()]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/learned: tool-call-failure\s+probability 1\.00 \(trajectory-level; not a finding\)/);
  });

  it('names a broken model file and exits 2', () => {
    const folder = temporaryFolder('wink-learned-cli-');
    folders.push(folder);
    const file = join(folder, 'broken.json');
    writeFileSync(file, '{"version": 1');
    const result = wink(['analyze', SMOLAGENTS, '--learned', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${file}: not valid JSON`);
  });
});

describe('wink eval --learned', () => {
  it('adds the learned predictor and says which of its scores are in-sample', () => {
    const folder = temporaryFolder('wink-learned-cli-');
    folders.push(folder);
    const labels = join(folder, 'labels.jsonl');
    writeFileSync(labels, `${JSON.stringify({ source: SMOLAGENTS, category: 'tool-call-failure', label: true })}\n`);
    const result = wink(['eval', '--labels', labels, SMOLAGENTS, '--learned', writeFlagEverythingModel(), '--json']);
    expect(result.status, result.stderr).toBe(0);
    const evaluation = JSON.parse(result.stdout) as { predictors: { predictor: string; overall: { truePositives: number } }[]; learnedInSample: number };
    expect(evaluation.predictors.map((predictor) => predictor.predictor)).toEqual(['detectors', 'learned']);
    expect(evaluation.predictors[1]?.overall.truePositives).toBe(1);
    expect(evaluation.learnedInSample).toBe(0);
  });
});
