/**
 * The in-process use documented in docs/llm.md ("In-process library use"): an Observer whose asynchronous slot
 * runs the LLM classifiers through `createLlmAsyncCheckStarter`, against the fake OpenAI server. The observer
 * never waits: the result arrives later and its guidance goes out at the next step.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { allDetectors } from '../../src/detectors/index.js';
import { createLlmAsyncCheckStarter, type LlmAsyncCheckResult } from '../../src/llm/async-check.js';
import { Observer } from '../../src/observer/observer.js';
import type { AsyncCheckJob } from '../../src/observer/types.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../../src/testing/fake-openai-server.js';
import { trajectory } from '../../src/testing/trajectory-builder.js';
import { fakeSettings, verdictJson } from './support.js';

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('Observer with createLlmAsyncCheckStarter', () => {
  it('checks every k steps in the background and injects the model guidance at a later step', async () => {
    server = await startFakeOpenAiServer({
      script: (request) => {
        const category = /category "([a-z-]+)"/.exec(String(request.body?.messages?.at(-1)?.content))?.[1] ?? 'unknown';
        return { delayMs: 100, json: verdictJson(category, category === 'unrequested-changes', [3]) };
      },
    });
    const session = trajectory({ id: 'library-session' })
      .user('Fix the typo in README.md, nothing else.')
      .read('README.md', 'Instalation: npm i wink')
      .read('package.json', '{"name":"wink"}')
      .read('src/index.ts', 'export {};')
      .build();
    const results: LlmAsyncCheckResult[] = [];
    // As in docs/llm.md.
    const steps = session.steps;
    const observer = new Observer({
      session: session.session,
      detectors: allDetectors,
      settings: { checkInterval: 4 },
      startAsyncCheck: createLlmAsyncCheckStarter({
        model: fakeSettings(server.url),
        stepsFor: (job: AsyncCheckJob) => steps.filter((step) => step.index <= job.upToStep),
        onResult: (result) => results.push(result),
      }),
    });
    const outcomes = steps.slice(0, 4).map((step) => observer.observe(step));
    // Observing never waits for the check: its result can only arrive after this synchronous code returns.
    expect(results).toHaveLength(0);
    expect(outcomes[3].jobsStarted.map((job) => job.id)).toEqual(['library-session#check-1']);
    await expect.poll(() => results.length, { timeout: 5_000 }).toBe(1);
    // Only reads so far: no failure, loop, agent claim or edit to judge, so only the two instruction questions are asked.
    expect(results[0]).toMatchObject({ status: 'ok', usage: { calls: 2 }, skipped: ['infinite-loop', 'tool-call-failure', 'inaccurate-self-report'], state: { lastCheckedStep: 3 } });
    const next = observer.observe(steps[4]);
    expect(next.findings.map((finding) => finding.detector)).toContain('llm:unrequested-changes');
    expect(next.guidance).toContain("DO read the error and fix the missing export.");
  });
});
