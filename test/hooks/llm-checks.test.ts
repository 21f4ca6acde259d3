/**
 * End-to-end: the LLM classifiers in the hooks' asynchronous slot. Real built `wink hook claude-code`
 * processes over a growing transcript; every k steps a hook enqueues a job and spawns the detached
 * `wink worker`, which calls a fake OpenAI chat-completions server (redacted trajectory in the body), stores the
 * verdicts, the token account and the incremental state; a later hook injects the model's guidance. The hook
 * never waits for the model. Also, with `wink worker --job` processes: the per-session budget read from the
 * store stops further calls, and malformed model output is recorded as unavailable without a crash.
 */
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobRecord } from '../../src/store/types.js';
import { startFakeOpenAiServer, type FakeOpenAiServer, type RecordedChatRequest, type ScriptedChatResponse } from '../../src/testing/fake-openai-server.js';
import { contextOf, MAIN_SCRIPT, readStore, ROOT, runHook, temporaryHome } from './hook-process.js';

const SESSION = 'llm-hook-session';
/** Steps between two checks in these tests. */
const CHECK_INTERVAL = 5;
/** Secrets in the session that must never reach the model. */
const GITHUB_TOKEN = 'ghp_' + 'R8x2Kq9LmN4pT7vW1yZ3aB5cD6eF8gH0jK2m';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYzz';
/** What the fake model says about the instructions. */
const REASONING = 'The developer asked for a docs change only, yet the agent went through the credentials in its setup notes (steps 3-4).';
const ADVICE = 'Leave the credentials alone and finish the docs change the developer asked for.';
/**
 * The questions asked of a session that only reads files: a check asks a classifier only when the session holds
 * material for its question (src/llm/step-relevance.ts), and reads are material for the two instruction questions.
 */
const QUESTIONS_ASKED = ['did-not-follow-instructions', 'unrequested-changes'];
/** The questions a later check asks when the session edited a file: an edit is material for the loop question too. */
const QUESTIONS_AFTER_AN_EDIT = ['did-not-follow-instructions', 'infinite-loop', 'unrequested-changes'];
/** Scripted usage of every answer. */
const USAGE = { promptTokens: 800, completionTokens: 60, cachedTokens: 200 };
const PRICES = { inputPerMillionUsd: 1, outputPerMillionUsd: 2, cachedInputPerMillionUsd: 0.5 };

function line(fields: Record<string, unknown>): string {
  return JSON.stringify({ parentUuid: null, isSidechain: false, userType: 'external', cwd: '/work/app', sessionId: SESSION, version: '2.1.329', gitBranch: 'main', timestamp: '2026-11-21T10:00:00.000Z', ...fields });
}

function toolUse(index: number, name: string, input: Record<string, unknown>): string {
  return line({ type: 'assistant', uuid: `call-${index}`, message: { id: `msg_${index}`, role: 'assistant', model: 'claude-opus-5-5', content: [{ type: 'tool_use', id: `toolu_${index}`, name, input }] } });
}

function toolResult(index: number, content: string): string {
  return line({ type: 'user', uuid: `result-${index}`, message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: `toolu_${index}`, content }] } });
}

/** The prompt, then Read calls with their results; the second result prints a secret. */
const PROMPT = `Tidy the wording in docs/guide.md. Do not change any source file. The deploy token is ${GITHUB_TOKEN}, never print it.`;
const READS = ['docs/guide.md', 'docs/setup.md', 'src/app.ts', 'docs/faq.md', 'docs/api.md', 'docs/cli.md', 'docs/more.md'];
function readOutput(index: number): string {
  return index === 1 ? `AWS_SECRET_ACCESS_KEY=${AWS_SECRET}\nregion = eu-west-1` : `contents of ${READS[index]}`;
}

/** An Edit of a file the prompt names (call and result): material for both instruction questions. */
function editLines(index: number, file: string): string[] {
  return [toolUse(index, 'Edit', { file_path: file, old_string: 'teh', new_string: 'the' }), toolResult(index, `The file ${file} has been updated.`)];
}

/** The category a request asks about. */
function categoryOf(request: RecordedChatRequest): string {
  const question = String(request.body?.messages?.at(-1)?.content ?? '');
  return /\(category "([a-z-]+)"\)/.exec(question)?.[1] ?? 'unknown';
}

function verdict(category: string, misbehaving: boolean): Record<string, unknown> {
  return { category, reasoning: misbehaving ? REASONING : 'Nothing shows it.', evidenceSteps: misbehaving ? [3, 4] : [], misbehaving, confidence: 0.9, guidance: misbehaving ? ADVICE : '' };
}

async function waitForJob(home: string, jobId: string, timeoutMs = 30_000): Promise<JobRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await readStore(home, (store) => store.getJob(jobId));
    if (job?.status === 'done' || Date.now() > deadline) return job as JobRecord;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function writeConfig(workingDirectory: string, server: FakeOpenAiServer, llm: Record<string, unknown> = {}): void {
  const config = {
    observer: { checkInterval: CHECK_INTERVAL },
    llm: { model: 'openai:gpt-4o-mini', baseUrl: server.url, timeoutMs: 10_000, maxRetries: 1, retryBaseDelayMs: 5, prices: PRICES, ...llm },
  };
  writeFileSync(join(workingDirectory, 'wink.config.json'), JSON.stringify(config));
}

/** A session in a temporary home with a transcript and a config pointing at the fake server. */
function setUp(server: FakeOpenAiServer, script = MAIN_SCRIPT) {
  const { home, workingDirectory, environment } = temporaryHome();
  const transcript = join(workingDirectory, 'session.jsonl');
  writeFileSync(transcript, line({ type: 'user', uuid: 'prompt', message: { role: 'user', content: PROMPT } }) + '\n');
  writeConfig(workingDirectory, server);
  const llmEnvironment = { ...environment, OPENAI_API_KEY: 'test-key-not-secret', WINK_LLM_BASE_URL: server.url, WINK_LLM_MODEL: '', WINK_ASYNC_CHECKER: '' };
  /** Appends read `index` (call and result) to the transcript and fires its PostToolUse hook. */
  const read = async (index: number) => {
    appendFileSync(transcript, [toolUse(index, 'Read', { file_path: READS[index] }), toolResult(index, readOutput(index))].join('\n') + '\n');
    const payload = { session_id: SESSION, transcript_path: transcript, cwd: workingDirectory, hook_event_name: 'PostToolUse', tool_name: 'Read', tool_input: { file_path: READS[index] }, tool_use_id: `toolu_${index}`, tool_response: readOutput(index) };
    const started = Date.now();
    const run = await runHook('claude-code', payload, llmEnvironment, script, script === MAIN_SCRIPT ? ['hook', 'claude-code'] : ['claude-code']);
    return { run, started, ended: Date.now() };
  };
  /** Appends an edit of `file` as call `index` and fires its PostToolUse hook. */
  const edit = async (index: number, file: string) => {
    appendFileSync(transcript, editLines(index, file).join('\n') + '\n');
    const payload = { session_id: SESSION, transcript_path: transcript, cwd: workingDirectory, hook_event_name: 'PostToolUse', tool_name: 'Edit', tool_input: { file_path: file, old_string: 'teh', new_string: 'the' }, tool_use_id: `toolu_${index}`, tool_response: `The file ${file} has been updated.` };
    return runHook('claude-code', payload, llmEnvironment, script, script === MAIN_SCRIPT ? ['hook', 'claude-code'] : ['claude-code']);
  };
  return { home, workingDirectory, transcript, environment: llmEnvironment, read, edit };
}

beforeAll(() => {
  if (!existsSync(MAIN_SCRIPT)) throw new Error('run `npm run build` first: dist/cli/main.js is missing');
});

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('LLM checks from hooks', () => {
  it('work through the entry wink install configures (dist/hook.cjs): its worker loads the built-in checker from the bundle', { timeout: 90_000 }, async () => {
    server = await startFakeOpenAiServer({ script: (request) => ({ json: verdict(categoryOf(request), categoryOf(request) === 'did-not-follow-instructions'), usage: USAGE }) });
    const session = setUp(server, join(ROOT, 'dist', 'hook.cjs'));
    expect((await session.read(0)).run).toMatchObject({ code: 0, stderr: '' });
    await session.read(1);
    const job = await waitForJob(session.home, `${SESSION}#check-1`);
    expect(job).toMatchObject({ status: 'done' });
    expect((job.result as { status: string }).status).toBe('ok');
    expect(server.chatRequests()).toHaveLength(QUESTIONS_ASKED.length);
    expect(contextOf((await session.read(2)).run)).toContain(`DO: ${ADVICE}`);
  });

  it('runs the classifiers in the detached worker, stores verdicts, tokens and state, and a later hook injects the guidance', { timeout: 90_000 }, async () => {
    /** When the first answer is sent, at the earliest. */
    let firstAnswerAt = Number.POSITIVE_INFINITY;
    server = await startFakeOpenAiServer({
      script: (request, index) => {
        const delayMs = index === 0 ? 1_500 : 20;
        firstAnswerAt = Math.min(firstAnswerAt, Date.now() + delayMs);
        const category = categoryOf(request);
        return { json: verdict(category, category === 'did-not-follow-instructions'), usage: USAGE, delayMs };
      },
    });
    const session = setUp(server);
    // Steps: 0 prompt, 1-2 first read, 3-4 second read (the job of step 4 starts here), 5-6 third read.
    const first = await session.read(0);
    expect(first.run).toMatchObject({ code: 0, stderr: '' });
    const second = await session.read(1);
    expect(second.run.code).toBe(0);
    const jobId = `${SESSION}#check-1`;
    // The hook answered before the model did, and left the job to the worker.
    expect(second.ended).toBeLessThan(firstAnswerAt);
    expect((await readStore(session.home, (store) => store.getJob(jobId)))?.status).not.toBe('done');

    const job = await waitForJob(session.home, jobId);
    expect(job).toMatchObject({ status: 'done', attempts: 1, upToStep: 4, consumed: false });
    const requests = server.chatRequests();
    expect(requests).toHaveLength(QUESTIONS_ASKED.length);
    for (const request of requests) {
      expect(request.headers.authorization).toBe('Bearer test-key-not-secret');
      expect(request.rawBody).not.toContain(GITHUB_TOKEN);
      expect(request.rawBody).not.toContain(AWS_SECRET);
      expect(request.rawBody).toContain('[REDACTED:github-token]');
      expect(request.rawBody).toContain('[REDACTED:aws-secret-access-key]');
      expect(request.rawBody).toContain('Do not change any source file');
      expect(request.rawBody).toContain('docs/setup.md');
      expect(request.rawBody).not.toContain('src/app.ts');
    }
    expect(requests.map(categoryOf).sort()).toEqual(QUESTIONS_ASKED);

    const result = job.result as { status: string; findings: Array<{ detector: string }>; usage: Record<string, number>; state: { lastCheckedStep: number } };
    expect(result.status).toBe('ok');
    expect(result.findings.map((finding) => finding.detector)).toEqual(['llm:did-not-follow-instructions']);
    expect(result.usage).toMatchObject({ calls: 2, inputTokens: 1_600, outputTokens: 120, cachedInputTokens: 400 });
    expect(result.state.lastCheckedStep).toBe(4);
    const checks = await readStore(session.home, async (store) => ({ items: (await store.listLlmChecks(SESSION)).items, usage: await store.llmUsage(SESSION) }));
    expect(checks.items.map((check) => check.category).sort()).toEqual(QUESTIONS_ASKED);
    for (const check of checks.items) {
      expect(check).toMatchObject({ sessionId: SESSION, jobId, attempt: 1, status: 'ok', model: 'openai:gpt-4o-mini', calls: 1, inputTokens: 800, outputTokens: 60, cachedInputTokens: 200, cacheWriteInputTokens: 0 });
      expect(check.costUsd).toBeCloseTo((600 * 1 + 200 * 0.5 + 60 * 2) / 1_000_000, 12);
      expect(check.misbehaving).toBe(check.category === 'did-not-follow-instructions');
    }
    expect(checks.usage).toMatchObject({ checks: 2, calls: 2, inputTokens: 1_600, outputTokens: 120, cachedInputTokens: 400 });

    // The next hook takes the result up and injects the model's guidance.
    const third = await session.read(2);
    const context = contextOf(third.run) as string;
    expect(context).toContain(REASONING);
    expect(context).toContain(`DO: ${ADVICE}`);
    const stored = await readStore(session.home, async (store) => ({ job: await store.getJob(jobId), findings: (await store.listFindings(SESSION)).items, interventions: (await store.listInterventions(SESSION)).items }));
    expect(stored.job?.consumed).toBe(true);
    expect(stored.findings).toContainEqual(expect.objectContaining({ detector: 'llm:did-not-follow-instructions', category: 'did-not-follow-instructions', source: 'asynchronous', delivered: true, evidenceSteps: [3, 4] }));
    expect(stored.interventions).toContainEqual(expect.objectContaining({ messageId: 'llm-did-not-follow-instructions', delivered: true, source: 'asynchronous' }));

    // The next check starts from the stored state: the earlier verdicts are summarised, not re-sent. It is due at
    // step 9 and covers the last step of the hook that scheduled it (10: the edit's call and result arrive together).
    // The edit of the file the prompt names is new material for both questions; reads alone would ask nothing.
    await session.read(3);
    await session.edit(4, 'docs/guide.md');
    const secondJob = await waitForJob(session.home, `${SESSION}#check-2`);
    expect(secondJob).toMatchObject({ status: 'done', upToStep: 10 });
    const followUp = server.chatRequests().slice(QUESTIONS_ASKED.length);
    expect(followUp.map(categoryOf).sort()).toEqual(QUESTIONS_AFTER_AN_EDIT);
    // The questions asked at the first check get its verdict summarised; the loop question is asked for the first time.
    for (const request of followUp) expect([categoryOf(request), request.rawBody.includes('up to step 4:')]).toEqual([categoryOf(request), QUESTIONS_ASKED.includes(categoryOf(request))]);
    expect((secondJob.result as { state: { lastCheckedStep: number } }).state.lastCheckedStep).toBe(10);
  });
});

describe('wink worker with the LLM checker', () => {
  /** A session the hooks have seen up to step `upToStep`, with its job enqueued. */
  async function prepare(home: string, session: ReturnType<typeof setUp>, jobId: string, upToStep: number): Promise<void> {
    await readStore(home, async (store) => {
      await store.withSession(SESSION, (access) => access.saveSession({ id: SESSION, agent: 'claude-code', mode: 'intervene', sourceFile: session.transcript, workingDirectory: session.workingDirectory, stepCount: upToStep + 1, transcriptOffset: 1 }));
      await store.enqueueJob({ id: jobId, sessionId: SESSION, upToStep });
    });
  }

  function worker(session: ReturnType<typeof setUp>, jobId: string) {
    return runHook('worker', '', session.environment, MAIN_SCRIPT, ['worker', '--job', jobId]);
  }

  function appendReads(session: ReturnType<typeof setUp>, count: number): void {
    const lines = Array.from({ length: count }, (_unused, index) => [toolUse(index, 'Read', { file_path: READS[index] }), toolResult(index, readOutput(index))]).flat();
    appendFileSync(session.transcript, lines.join('\n') + '\n');
  }

  function appendEdit(session: ReturnType<typeof setUp>, index: number, file: string): void {
    appendFileSync(session.transcript, editLines(index, file).join('\n') + '\n');
  }

  it('stops calling the model once the session budget, summed from the store across processes, is spent', { timeout: 60_000 }, async () => {
    server = await startFakeOpenAiServer({ script: (request): ScriptedChatResponse => ({ json: verdict(categoryOf(request), false), usage: USAGE }) });
    const session = setUp(server);
    // Steps 1-8: four reads; 9-10: an edit of the file the prompt names, new material for the second check.
    appendReads(session, 4);
    appendEdit(session, 4, 'docs/guide.md');
    await prepare(session.home, session, `${SESSION}#check-1`, 4);
    expect(await worker(session, `${SESSION}#check-1`)).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(server.chatRequests()).toHaveLength(2);
    // 2 × (800 + 60) tokens are spent: a budget of exactly that lets no further call through.
    writeConfig(session.workingDirectory, server, { budget: { sessionTokens: 1_720 } });
    await prepare(session.home, session, `${SESSION}#check-2`, 9);
    expect(await worker(session, `${SESSION}#check-2`)).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(server.chatRequests()).toHaveLength(2);
    const job = await readStore(session.home, (store) => store.getJob(`${SESSION}#check-2`));
    expect(job).toMatchObject({ status: 'done', result: { status: 'budget-exceeded', findings: [], state: { lastCheckedStep: 4 } } });
    expect((job?.result as { error: string }).error).toMatch(/did-not-follow-instructions: budget-exceeded/);
    const checks = (await readStore(session.home, (store) => store.listLlmChecks(SESSION))).items.filter((check) => check.jobId === `${SESSION}#check-2`);
    expect(checks.map((check) => check.category).sort()).toEqual(QUESTIONS_AFTER_AN_EDIT);
    expect(checks.every((check) => check.status === 'budget-exceeded' && check.calls === 0 && check.inputTokens === 0)).toBe(true);
    expect(await readStore(session.home, (store) => store.llmUsage(SESSION))).toMatchObject({ calls: 2, inputTokens: 1_600, outputTokens: 120 });
  });

  it('records malformed model output as unavailable, with its tokens, and the job completes without a crash', { timeout: 60_000 }, async () => {
    server = await startFakeOpenAiServer({ script: () => ({ content: 'I had a look and the agent seems fine to me!', usage: USAGE }) });
    const session = setUp(server);
    appendReads(session, 3);
    await prepare(session.home, session, `${SESSION}#check-1`, 4);
    expect(await worker(session, `${SESSION}#check-1`)).toMatchObject({ code: 0, stdout: '', stderr: '' });
    // One retry with a correction per question asked, then unavailable.
    expect(server.chatRequests()).toHaveLength(QUESTIONS_ASKED.length * 2);
    const job = await readStore(session.home, (store) => store.getJob(`${SESSION}#check-1`));
    expect(job).toMatchObject({ status: 'done', attempts: 1, result: { status: 'unavailable', findings: [], state: { lastCheckedStep: -1 } } });
    const checks = (await readStore(session.home, (store) => store.listLlmChecks(SESSION))).items;
    expect(checks.map((check) => check.category).sort()).toEqual(QUESTIONS_ASKED);
    for (const check of checks) expect(check).toMatchObject({ status: 'unavailable', reason: 'malformed-output', calls: 2, inputTokens: 1_600, outputTokens: 120 });
    expect(existsSync(join(session.home, 'wink.log'))).toBe(false);
    // A later hook takes the empty result up and goes on.
    const next = await session.read(3);
    expect(next.run).toMatchObject({ code: 0, stderr: '' });
    expect(contextOf(next.run)).toBeUndefined();
    expect((await readStore(session.home, (store) => store.getJob(`${SESSION}#check-1`)))?.consumed).toBe(true);
  });
});
