/**
 * The LLM tier inside `createWinkSession` (`llm` option), against the fake OpenAI server: the classifiers run every
 * k steps in the background on the session's own steps, observing never waits, and a verdict that arrives is
 * delivered through `guidance()` at a later step.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LlmAsyncCheckResult } from '../../src/llm/async-check.js';
import { createWinkSession } from '../../src/session/index.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../../src/testing/fake-openai-server.js';
import { fakeSettings, verdictJson } from './support.js';

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('createWinkSession with the LLM tier', () => {
  it('checks every k steps in the background and delivers the verdict at a later step', async () => {
    server = await startFakeOpenAiServer({
      script: (request) => {
        const prompt = String(request.body?.messages?.at(-1)?.content);
        const category = /category "([a-z-]+)"/.exec(prompt)?.[1] ?? 'unknown';
        return { delayMs: 50, json: verdictJson(category, category === 'unrequested-changes' && prompt.includes('package.json'), [2]) };
      },
    });
    const results: LlmAsyncCheckResult[] = [];
    const session = createWinkSession({
      sessionId: 'llm-session',
      task: 'Fix the typo in README.md, nothing else.',
      config: { observer: { checkInterval: 4 } },
      llm: fakeSettings(server.url),
      onLlmResult: (result) => results.push(result),
      onError: (error) => expect.fail(error.message),
    });
    session.observe([
      { kind: 'tool-call', tool: 'Read', input: { file_path: 'README.md' }, callId: 'r1' },
      { kind: 'tool-result', callId: 'r1', output: 'Instalation: npm i wink' },
      { kind: 'tool-call', tool: 'Read', input: { file_path: 'package.json' }, callId: 'r2' },
    ]);
    expect(results).toHaveLength(0);
    await expect.poll(() => results.length, { timeout: 5_000 }).toBe(1);
    expect(results[0].status).toBe('ok');
    expect(session.guidance()).toBeUndefined();
    session.observe({ kind: 'tool-result', callId: 'r2', output: '{"name":"wink"}' });
    expect(session.guidance()).toContain('DO read the error and fix the missing export.');
    expect(session.summary().findings.map((finding) => finding.detector)).toContain('llm:unrequested-changes');
    await session.close();
  });
});
