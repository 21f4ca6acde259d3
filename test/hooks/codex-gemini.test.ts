/**
 * End-to-end: `wink hook codex` and `wink hook gemini-cli` with payloads shaped like the real clients'
 * (Codex: Claude-style fields plus turn_id and model, PostToolUse for failures too; Gemini CLI: AfterTool
 * without a call id, BeforeTool, BeforeAgent, AfterAgent, plain-text context). Also the asynchronous-check
 * worker: enqueued by a hook, run detached, its result taken up by a later hook.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextOf, readStore, runHook, temporaryHome } from './hook-process.js';

const FAILING_BUILD = 'src/app.ts(3,7): error TS2304: Cannot find name \'x\'.\nProcess exited with code 2';

describe('wink hook codex', () => {
  it('turns a failing command loop into additionalContext, denies a fourth identical run, blocks a false claim once', async () => {
    const { home, workingDirectory, environment } = temporaryHome();
    const base = { session_id: 'codex-session', turn_id: 'turn-1', model: 'gpt-5.5-codex', cwd: workingDirectory, transcript_path: null };
    expect((await runHook('codex', { ...base, hook_event_name: 'UserPromptSubmit', prompt: 'Make `npm run build` pass.' }, environment)).stdout).toBe('');
    const contexts: Array<string | undefined> = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const run = await runHook('codex', { ...base, hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'npm run build' }, tool_use_id: `call_${attempt}`, tool_response: FAILING_BUILD }, environment);
      expect(run.code).toBe(0);
      contexts.push(contextOf(run));
    }
    expect(contexts.slice(0, 2)).toEqual([undefined, undefined]);
    expect(contexts[2]).toMatch(/^wink \(course correction\):[\s\S]*npm run build/);
    const steps = await readStore(home, async (store) => (await store.listSteps('codex-session')).items);
    expect(steps.map((step) => step.kind)).toEqual(['user', 'tool-call', 'tool-result', 'tool-call', 'tool-result', 'tool-call', 'tool-result']);
    expect(steps.filter((step) => step.kind === 'tool-result').every((step) => step.isError)).toBe(true);

    const denied = await runHook('codex', { ...base, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'npm run build' }, tool_use_id: 'call_3' }, environment);
    expect(denied.output).toEqual({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: expect.stringContaining('already failed 3 times') } });

    const stop = { ...base, hook_event_name: 'Stop', stop_hook_active: false, last_assistant_message: 'Done — the build passes now and all tests pass.' };
    const blocked = await runHook('codex', stop, environment);
    expect(blocked.output).toEqual({ decision: 'block', reason: expect.stringContaining('wink') });
    expect((await runHook('codex', { ...stop, stop_hook_active: true }, environment)).stdout).toBe('');
  });
});

describe('wink hook gemini-cli', () => {
  const base = (workingDirectory: string) => ({ session_id: 'gemini-session', transcript_path: join(workingDirectory, 'chats', 'session.jsonl'), cwd: workingDirectory });

  it('derives stable call ids for AfterTool and answers in plain text, without angle brackets', async () => {
    const { home, workingDirectory, environment } = temporaryHome();
    await runHook('gemini-cli', { ...base(workingDirectory), hook_event_name: 'BeforeAgent', timestamp: '2026-11-21T10:00:00Z', prompt: 'Fix the build.' }, environment);
    const contexts: Array<string | undefined> = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const payload = {
        ...base(workingDirectory), hook_event_name: 'AfterTool', timestamp: `2026-11-21T10:00:0${attempt + 1}Z`, tool_name: 'run_shell_command', tool_input: { command: 'npm run build' },
        tool_response: { llmContent: 'Command: npm run build\nStdout: error TS2304\nExit Code: 2', returnDisplay: 'error TS2304', error: { message: 'Command failed with exit code 2' } },
      };
      const run = await runHook('gemini-cli', payload, environment);
      contexts.push(contextOf(run));
      // The same payload again (a retried hook) is the same call: not a new step.
      if (attempt === 0) await runHook('gemini-cli', payload, environment);
    }
    expect(contexts[2]).toMatch(/^wink \(course correction\):/);
    expect(contexts[2]).not.toMatch(/[<>]/);
    const steps = await readStore(home, async (store) => (await store.listSteps('gemini-session')).items);
    expect(steps.filter((step) => step.kind === 'tool-result')).toHaveLength(3);
    expect(steps[1].stepId).toMatch(/^hook-call:gemini-[0-9a-f]{16}$/);
  });

  it('denies with {decision: "deny"} at BeforeTool and blocks at AfterAgent only while stop_hook_active is false', async () => {
    const { workingDirectory, environment } = temporaryHome();
    const beforeTool = { ...base(workingDirectory), hook_event_name: 'BeforeTool', timestamp: '2026-11-21T10:02:00Z', tool_name: 'run_shell_command', tool_input: { command: 'npm test' } };
    const fail = (attempt: number) => runHook('gemini-cli', { ...base(workingDirectory), hook_event_name: 'AfterTool', timestamp: `2026-11-21T10:01:0${attempt}Z`, tool_name: 'run_shell_command', tool_input: { command: 'npm test' }, tool_response: { llmContent: 'Exit Code: 1', error: { message: 'exit code 1' } } }, environment);
    await fail(0);
    await fail(1);
    // Two failures in a row: a warning (the call goes ahead); three: refused.
    const warned = await runHook('gemini-cli', beforeTool, environment);
    expect(warned.output).toEqual({ hookSpecificOutput: { hookEventName: 'BeforeTool', additionalContext: expect.stringMatching(/^wink warning about this call \(a warning only: the call was not stopped\): this exact run_shell_command call already failed 2 times/) } });
    await fail(2);
    const denied = await runHook('gemini-cli', beforeTool, environment);
    expect(denied.output).toEqual({ decision: 'deny', reason: expect.stringMatching(/^wink refused this call before it ran: this exact run_shell_command call already failed 3 times/) });
    const afterAgent = { ...base(workingDirectory), hook_event_name: 'AfterAgent', timestamp: '2026-11-21T10:03:00Z', prompt: 'Fix the tests', prompt_response: 'All tests pass now.', stop_hook_active: false };
    expect((await runHook('gemini-cli', afterAgent, environment)).output).toEqual({ decision: 'block', reason: expect.stringContaining('wink') });
    expect((await runHook('gemini-cli', { ...afterAgent, stop_hook_active: true }, environment)).stdout).toBe('');
  });
});

describe('wink hook gemini-cli at AfterAgent', () => {
  // Gemini CLI 0.61 joins all the turn's model text into prompt_response; the chat log has each response apart.
  const EARLIER_TEXT = 'Let me check the build.';
  const FINAL_CLAIM = 'I fixed the build. All tests pass.';
  it.each([
    { name: 'the chat log shows the final response: only it is judged, and the false claim is sent back', chatLog: true, blocked: true },
    { name: 'no chat log: the whole prompt_response is judged (the fallback: it never blocks more than before)', chatLog: false, blocked: false },
  ])('$name', async ({ chatLog, blocked }) => {
    const { workingDirectory, environment } = temporaryHome();
    const log = join(workingDirectory, 'chats', 'session.jsonl');
    const base = { session_id: 'after-agent-session', transcript_path: log, cwd: workingDirectory };
    await runHook('gemini-cli', { ...base, hook_event_name: 'BeforeAgent', timestamp: '2026-11-21T10:00:00Z', prompt: 'Make the build pass.' }, environment);
    await runHook('gemini-cli', { ...base, hook_event_name: 'AfterTool', timestamp: '2026-11-21T10:00:01Z', tool_name: 'run_shell_command', tool_input: { command: 'npm run build' }, tool_response: { llmContent: 'error TS2304\nExit Code: 1', error: { message: 'exit code 1' } } }, environment);
    if (chatLog) {
      mkdirSync(join(workingDirectory, 'chats'), { recursive: true });
      const records = [
        { sessionId: 'after-agent-session', projectHash: 'p', startTime: '2026-11-21T10:00:00Z', lastUpdated: '2026-11-21T10:00:00Z', kind: 'main' },
        { id: 'u1', timestamp: '2026-11-21T10:00:00Z', type: 'user', content: [{ text: 'Make the build pass.' }] },
        { id: 'g1', timestamp: '2026-11-21T10:00:01Z', type: 'gemini', content: EARLIER_TEXT, toolCalls: [{ id: 'c1', name: 'run_shell_command', args: { command: 'npm run build' }, status: 'error' }] },
        { id: 'g2', timestamp: '2026-11-21T10:00:02Z', type: 'gemini', content: FINAL_CLAIM },
      ];
      writeFileSync(log, records.map((record) => JSON.stringify(record)).join('\n') + '\n');
    }
    const afterAgent = await runHook('gemini-cli', { ...base, hook_event_name: 'AfterAgent', timestamp: '2026-11-21T10:00:03Z', prompt: 'Make the build pass.', prompt_response: `${EARLIER_TEXT}\n${FINAL_CLAIM}`, stop_hook_active: false }, environment);
    expect(afterAgent.code).toBe(0);
    if (blocked) expect(afterAgent.output).toEqual({ decision: 'block', reason: expect.stringContaining('failed (error TS2304') });
    else expect(afterAgent.stdout).toBe('');
  });
});

describe('asynchronous checks from hooks', () => {
  it('enqueues a job every k steps, runs it in a detached worker, and takes the result up at a later hook', { timeout: 60_000 }, async () => {
    const { home, workingDirectory, environment } = temporaryHome();
    const checker = join(workingDirectory, 'checker.mjs');
    writeFileSync(checker, 'export default async (job) => ({ jobId: job.id, findings: [] });\n');
    writeFileSync(join(workingDirectory, 'wink.config.json'), JSON.stringify({ observer: { checkInterval: 2, asyncChecker: './checker.mjs' } }));
    const post = (index: number) => ({ session_id: 'async-session', cwd: workingDirectory, hook_event_name: 'PostToolUse', tool_name: 'Read', tool_input: { file_path: `src/file${index}.ts` }, tool_use_id: `call_${index}`, tool_response: `contents of file ${index}` });
    await runHook('codex', post(0), environment);
    const jobId = 'async-session#check-1';
    const deadline = Date.now() + 30_000;
    let job = await readStore(home, (store) => store.getJob(jobId));
    expect(job).toBeDefined();
    while (job?.status !== 'done' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = await readStore(home, (store) => store.getJob(jobId));
    }
    expect(job).toMatchObject({ status: 'done', attempts: 1, consumed: false, result: { jobId, findings: [] } });
    await runHook('codex', post(1), environment);
    expect(await readStore(home, (store) => store.getJob(jobId))).toMatchObject({ consumed: true });
  });
});
