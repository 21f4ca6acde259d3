/** The ensemble rule and its measurement; the observer's asynchronous slot; the `wink analyze --llm` pass. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/detectors/define.js';
import { analyzeFiles } from '../../src/engine/analyze-files.js';
import { addLlmFindings } from '../../src/llm/analyze-with-llm.js';
import { trajectory } from '../../src/testing/trajectory-builder.js';
import { createLlmAsyncCheckStarter, runAsyncCheckJob, type LlmAsyncCheckResult } from '../../src/llm/async-check.js';
import type { ClassifierCheck } from '../../src/llm/classifiers/classify.js';
import { decideCategory, measureEnsemble, type LabelledPrediction } from '../../src/llm/ensemble.js';
import { emptyAccount } from '../../src/llm/usage.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../../src/testing/fake-openai-server.js';
import { fakeModel, fakeSettings, loopSession, verdictJson } from './support.js';
import { temporaryFolder } from '../support/temporary-folders.js';

function finding(confidence: number): Finding {
  return { detector: 'repeated-tool-call', category: 'infinite-loop', messageId: 'repeated', message: '', data: {}, steps: [3], confidence, signature: 'x' };
}
function check(misbehaving: boolean | undefined, confidence = 0.9): ClassifierCheck {
  const base = { category: 'infinite-loop' as const, usage: emptyAccount(), attempts: 1, model: 'openai:test', render: { estimatedTokens: 0, omittedCharacters: 0, omittedSteps: [], redactions: [], firstStep: 0, lastStep: 5 } };
  if (misbehaving === undefined) return { ...base, status: 'unavailable', reason: 'timeout' };
  const verdict = { category: 'infinite-loop' as const, reasoning: 'r', evidenceSteps: misbehaving ? [3] : [], misbehaving, confidence, guidance: '' };
  return { ...base, status: 'ok', verdict };
}

describe('ensemble rule', () => {
  it.each([
    { name: 'strong deterministic stands against an LLM no', findings: [finding(0.95)], llm: check(false), expected: true, reason: 'deterministic-high-confidence' },
    { name: 'confident LLM yes stands alone', findings: [], llm: check(true, 0.8), expected: true, reason: 'llm-positive' },
    { name: 'unsure LLM yes is not enough', findings: [], llm: check(true, 0.5), expected: false, reason: 'none' },
    { name: 'confident LLM no vetoes a weak deterministic finding', findings: [finding(0.6)], llm: check(false, 0.9), expected: false, reason: 'deterministic-vetoed' },
    { name: 'unsure LLM no keeps a weak deterministic finding', findings: [finding(0.6)], llm: check(false, 0.6), expected: true, reason: 'deterministic-kept' },
    { name: 'no LLM answer: deterministic decides', findings: [finding(0.6)], llm: check(undefined), expected: true, reason: 'deterministic-only' },
  ])('$name', ({ findings, llm, expected, reason }) => {
    const decision = decideCategory('infinite-loop', findings, llm);
    expect(decision.misbehaving).toBe(expected);
    expect(decision.reason).toBe(reason);
  });

  it('measures precision and recall of each source and the ensemble per category', () => {
    const rows: LabelledPrediction[] = [
      { source: 'a', category: 'infinite-loop', label: true, deterministic: true, llm: true, ensemble: true },
      { source: 'b', category: 'infinite-loop', label: false, deterministic: true, llm: false, ensemble: false },
      { source: 'c', category: 'infinite-loop', label: true, deterministic: false, llm: true, ensemble: true },
      { source: 'd', category: 'infinite-loop', label: false, deterministic: false, llm: undefined, ensemble: false },
    ];
    const scores = measureEnsemble(rows)['infinite-loop'];
    expect(scores?.deterministic).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 1, precision: 0.5, recall: 0.5 });
    expect(scores?.llm).toMatchObject({ truePositives: 2, unanswered: 1, precision: 1, recall: 1 });
    expect(scores?.ensemble).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });
});

describe('asynchronous checks', () => {
  let server: FakeOpenAiServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('runs a job, returns findings with the token account, then checks only new steps with earlier verdicts', async () => {
    server = await startFakeOpenAiServer({ script: (request) => ({ json: verdictJson('infinite-loop', String(request.body?.messages?.[1]?.content).includes('earlier-verdicts'), [5]), usage: { promptTokens: 500, completionTokens: 40, cachedTokens: 300 } }) });
    const model = await fakeModel(server.url);
    const steps = loopSession().steps;
    const first = await runAsyncCheckJob({ id: 's#check-1', sessionId: 's', upToStep: 3 }, steps, { model, categories: ['infinite-loop'] });
    expect(first).toMatchObject({ status: 'ok', findings: [], usage: { inputTokens: 500, outputTokens: 40, cachedInputTokens: 300 }, state: { lastCheckedStep: 3 } });
    const second = await runAsyncCheckJob({ id: 's#check-2', sessionId: 's', upToStep: 7 }, steps, { model, categories: ['infinite-loop'], previous: first.state });
    expect(second.findings.map((entry) => entry.detector)).toEqual(['llm:infinite-loop']);
    expect(String(server.chatRequests()[1].body?.messages?.[1]?.content)).toContain('up to step 3: not misbehaving');
  });

  it('asks again only the categories whose question has new material', async () => {
    server = await startFakeOpenAiServer({ script: (request) => ({ json: verdictJson(String(request.body?.messages?.[1]?.content).includes('unrequested') ? 'unrequested-changes' : 'infinite-loop', false) }) });
    const model = await fakeModel(server.url);
    const steps = trajectory().user('Tidy the README.').read('README.md', 'old').edit('README.md', 'old', 'new').read('docs/guide.md', 'guide').build().steps;
    const categories = ['infinite-loop', 'unrequested-changes'] as const;
    const first = await runAsyncCheckJob({ id: 's#check-1', sessionId: 's', upToStep: 4 }, steps, { model, categories });
    expect(server.chatRequests()).toHaveLength(2);
    const second = await runAsyncCheckJob({ id: 's#check-2', sessionId: 's', upToStep: steps.length - 1 }, steps, { model, categories, previous: first.state });
    expect(second).toMatchObject({ status: 'ok', checks: [], skipped: ['infinite-loop', 'unrequested-changes'], state: { lastCheckedStep: steps.length - 1 } });
    expect(server.chatRequests()).toHaveLength(2);
    await runAsyncCheckJob({ id: 's#check-3', sessionId: 's', upToStep: steps.length - 1 }, steps, { model, categories, previous: first.state, skipUnchanged: false });
    expect(server.chatRequests()).toHaveLength(4);
  });

  it('the starter never blocks, skips overlapping jobs of a session, and reports a missing key as an error result', async () => {
    server = await startFakeOpenAiServer({ script: () => ({ delayMs: 100, json: verdictJson('infinite-loop', false) }) });
    const results: LlmAsyncCheckResult[] = [];
    const start = createLlmAsyncCheckStarter({ model: fakeSettings(server.url), categories: ['infinite-loop'], stepsFor: () => loopSession().steps, onResult: (result) => results.push(result) });
    const started = Date.now();
    const pending = start({ id: 's#1', sessionId: 's', upToStep: 5 });
    const overlapping = start({ id: 's#2', sessionId: 's', upToStep: 6 });
    expect(Date.now() - started).toBeLessThan(50);
    expect((await overlapping)?.error).toMatch(/skipped/);
    expect((await pending)?.error).toBeUndefined();
    expect(results).toHaveLength(1);
    const noKey = createLlmAsyncCheckStarter({ model: { ...fakeSettings(server.url), apiKey: undefined }, stepsFor: () => [] });
    expect((await noKey({ id: 't#1', sessionId: 't', upToStep: 0 }))?.error).toMatch(/MissingApiKeyError/);
  });
});

describe('wink analyze --llm', () => {
  it('adds LLM findings tagged llm:<category> and recomputes the prevalence', async () => {
    const server = await startFakeOpenAiServer({ script: (request) => {
      const asked = /category "([a-z-]+)"/.exec(String(request.body?.messages?.[1]?.content))?.[1] ?? 'infinite-loop';
      return { json: verdictJson(asked, asked === 'infinite-loop', [1]) };
    } });
    try {
      const directory = temporaryFolder('wink-llm-');
      const file = join(directory, 'session.json');
      writeFileSync(file, JSON.stringify([
        { role: 'user', content: 'Fix the build.' },
        { role: 'assistant', content: 'Running the build again.' },
      ]));
      const report = await analyzeFiles([file], { jobs: 1 });
      expect(report.trajectories).toHaveLength(1);
      const summary = await addLlmFindings(report, { settings: fakeSettings(server.url) });
      expect(summary.checks).toBe(5 * report.trajectories.length);
      expect(report.trajectories[0].findings.some((entry) => entry.detector === 'llm:infinite-loop')).toBe(true);
      expect(report.prevalence.find((row) => row.category === 'infinite-loop')).toBeDefined();
    } finally {
      await server.close();
    }
  });
});
