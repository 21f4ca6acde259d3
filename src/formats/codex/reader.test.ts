import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeReaderContract } from '../../../test/support/reader-contract.js';
import { fixture } from '../../../test/support/shared-data.js';
import { temporaryFolder } from '../../../test/support/temporary-folders.js';
import { chooseReader, sampleFile } from '../detect.js';
import { readFileTrajectories } from '../read.js';
import { allReaders } from '../registry.js';
import type { Step, ToolCallStep, ToolResultStep } from '../../trajectory/step.js';
import reader from './reader.js';
import { parseToolOutput } from './tool-output.js';

const CURRENT = fixture('codex/rollout-2025-11-03T09-14-22-019a48fe-ff84-7c21-9d3e-5a7b1c2d3e4f.jsonl');
const NEWER = fixture('codex/rollout-2026-02-17T14-02-51-019c6be9-35b6-7a1e-8b94-2d6c0e3f7a15.jsonl');
const LEGACY = fixture('codex/rollout-2025-07-21T16-40-05-6f1d3a2b-8c4e-4f5a-9b6d-0e1f2a3b4c5d.jsonl');

describeReaderContract({
  reader,
  corruption: 'line',
  fixtures: [
    { file: CURRENT, summary: { userMessages: 3, assistantMessages: 6, toolCalls: 8, toolResults: 8, toolErrors: 3 } },
    { file: NEWER, diagnostics: 1, summary: { userMessages: 1, assistantMessages: 3, toolCalls: 7, toolResults: 6, toolErrors: 3 } },
    { file: LEGACY, summary: { userMessages: 1, assistantMessages: 2, toolCalls: 2, toolResults: 2, toolErrors: 1 } },
  ],
});

async function steps(file: string): Promise<Step[]> {
  const { trajectories } = await readFileTrajectories(file, { format: 'codex' });
  return trajectories[0].steps;
}

function resultFor(all: Step[], callId: string): ToolResultStep {
  return all.find((step): step is ToolResultStep => step.kind === 'tool-result' && step.callId === callId) as ToolResultStep;
}

function callFor(all: Step[], callId: string): ToolCallStep {
  return all.find((step): step is ToolCallStep => step.kind === 'tool-call' && step.callId === callId) as ToolCallStep;
}

async function writeRollout(lines: unknown[]): Promise<string> {
  const directory = temporaryFolder('wink-codex-');
  const file = join(directory, 'rollout-2026-03-01T10-00-00-019ca8b1-0c00-7000-8000-000000000001.jsonl');
  await writeFile(file, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  return file;
}

describe('codex reader: session metadata', () => {
  it('reads session_meta and turn_context', async () => {
    const { trajectories } = await readFileTrajectories(CURRENT);
    expect(trajectories[0].session).toMatchObject({
      id: '019a48fe-ff84-7c21-9d3e-5a7b1c2d3e4f',
      agent: 'codex',
      environment: 'cli',
      agentVersion: '0.53.0',
      workingDirectory: '/home/dev/projects/slugkit',
      gitBranch: 'main',
      repository: 'git@github.com:example/slugkit.git',
      model: 'gpt-5-codex',
      extra: { originator: 'codex_cli_rs', approvalPolicy: 'on-request', sandboxPolicy: 'workspace-write' },
    });
  });

  it('reads the bare header of the older format', async () => {
    const { trajectories } = await readFileTrajectories(LEGACY);
    expect(trajectories[0].session).toMatchObject({ id: '6f1d3a2b-8c4e-4f5a-9b6d-0e1f2a3b4c5d', gitBranch: 'fix/tz-offset', startedAt: '2025-07-21T16:40:05.118Z' });
  });
});

describe('codex reader: messages', () => {
  it.each([
    ['AGENTS.md contents', CURRENT, 0, 'injected', 'rule-file'],
    ['environment context', CURRENT, 1, 'injected', 'harness'],
    ['the typed prompt', CURRENT, 2, 'prompt', undefined],
    ['a developer message', NEWER, 0, 'injected', 'harness'],
    ['the older environment context', LEGACY, 0, 'injected', 'harness'],
  ])('classifies %s', async (_name, file, index, origin, contextKind) => {
    const all = await steps(file as string);
    expect(all[index as number]).toMatchObject({ kind: 'user', origin });
    expect((all[index as number] as { context?: { kind: string } }).context?.kind).toBe(contextKind);
  });

  it('names the AGENTS.md file its heading points at', async () => {
    const all = await steps(CURRENT);
    expect(all[0]).toMatchObject({ context: { kind: 'rule-file', source: expect.stringMatching(/\/AGENTS\.md$/) } });
  });

  it('emits each prompt and answer once although both a response_item and an event_msg carry it', async () => {
    for (const file of [CURRENT, NEWER]) {
      const all = await steps(file);
      const texts = all.filter((step) => step.kind === 'user' || step.kind === 'assistant').map((step) => (step as { text: string }).text).filter((text) => text.length > 0);
      expect(new Set(texts).size).toBe(texts.length);
    }
  });

  it('keeps an event_msg copy that has no response_item twin', async () => {
    const file = await writeRollout([
      { timestamp: '2026-03-01T10:00:00.000Z', type: 'session_meta', payload: { id: '019ca8b1-0c00-7000-8000-000000000001', cwd: '/tmp/x', cli_version: '0.99.0' } },
      { timestamp: '2026-03-01T10:00:01.000Z', type: 'event_msg', payload: { type: 'user_message', message: 'hello there' } },
      { timestamp: '2026-03-01T10:00:02.000Z', type: 'event_msg', payload: { type: 'agent_message', message: 'Hi! What should I do?' } },
    ]);
    const all = await steps(file);
    expect(all.map((step) => step.kind)).toEqual(['user', 'assistant']);
  });

  it('puts reasoning summaries and the response usage on assistant steps', async () => {
    const all = await steps(CURRENT);
    expect(all[3]).toMatchObject({ kind: 'assistant', text: '', reasoning: expect.stringContaining('Locating slugify'), usage: { inputTokens: 3266, cachedInputTokens: 2944, outputTokens: 98, reasoningTokens: 64 } });
    const final = all.find((step) => step.kind === 'assistant' && step.text.startsWith('slugify() now keeps digits'));
    expect(final).toMatchObject({ model: 'gpt-5-codex', usage: { inputTokens: 251, cachedInputTokens: 8320, outputTokens: 88 } });
  });
});

describe('codex reader: tool calls and results', () => {
  it.each([
    ['a successful shell call (Exit code header)', CURRENT, 'call_Xq3LZp8vT2mRk9WbN4sYc1Ud', { isError: false, exitCode: 0 }],
    ['a failed test run', CURRENT, 'call_Lk8JhG5fD2sA0pO7iU4yT1rE', { isError: true, exitCode: 1 }],
    ['a successful apply_patch (JSON output)', CURRENT, 'call_Bn5VcX8zLk2JhG4fD7sA9qWe', { isError: false, exitCode: 0, output: 'Success. Updated the following files:\nM src/slugkit/text.py\n' }],
    ['a failed apply_patch verification', CURRENT, 'call_Pq1WeR4tYu7IoP0aSd3FgH6j', { isError: true, exitCode: 1 }],
    ['an interrupted call', CURRENT, 'call_Vb3NmQ6wE9rT2yU5iO8pA1sD', { isError: true, interrupted: true }],
    ['unified exec (Process exited with code)', NEWER, 'call_Qm8TnB3vXc6ZaS1dF4gH7jKw', { isError: false, exitCode: 0 }],
    ['a local_shell_call that failed', NEWER, 'call_Hy4UjI7kO0lP3zX6cV9bN2mQ', { isError: true, exitCode: 1 }],
    ['a patch that patch_apply_end reports failed', NEWER, 'call_Gb6NhM9jK2lL5pO8iU1yT4rE', { isError: true }],
    ['unparsable arguments', NEWER, 'call_Wd2EfR5tG8hY1uJ4iK7oL0pA', { isError: true }],
    ['an older JSON output with metadata.exit_code', LEGACY, 'call_pY4eN9lR3wO7cS2uZ0xF5vK8', { isError: true, exitCode: 1 }],
  ])('maps %s', async (_name, file, callId, expected) => {
    const all = await steps(file as string);
    expect(resultFor(all, callId as string)).toMatchObject(expected as object);
  });

  it('derives effects from shell, apply_patch and local_shell calls', async () => {
    const current = await steps(CURRENT);
    expect(callFor(current, 'call_7hGf2KsQ9pLm3NvB6xTy0ReW').effects).toMatchObject({ action: 'shell', commands: ["sed -n '1,40p' src/slugkit/text.py"], filesRead: ['src/slugkit/text.py'] });
    expect(callFor(current, 'call_Bn5VcX8zLk2JhG4fD7sA9qWe').effects).toMatchObject({ action: 'edit', filesEdited: ['src/slugkit/text.py'] });
    expect(callFor(current, 'call_Zx9CvB2nM5lK8jH1gF4dS7aQ').effects.filesWritten).toEqual(['tests/test_digits.py']);
    const newer = await steps(NEWER);
    expect(callFor(newer, 'call_Hy4UjI7kO0lP3zX6cV9bN2mQ')).toMatchObject({ tool: 'local_shell', input: { command: ['python', '-m', 'ledger.importer', 'tests/data/empty.csv'] }, effects: { action: 'shell' } });
    expect(callFor(newer, 'call_Qm8TnB3vXc6ZaS1dF4gH7jKw').effects.commands).toEqual(['ls src/ledger tests/data']);
    expect(newer.find((step) => step.kind === 'tool-call' && step.tool === 'web_search')).toMatchObject({ input: { query: 'python csv reader empty file StopIteration next(reader)' }, effects: { action: 'web' } });
  });

  it('keeps malformed arguments as text and reports them', async () => {
    const result = await readFileTrajectories(NEWER);
    expect(result.diagnostics).toEqual([expect.objectContaining({ line: 17, message: expect.stringContaining('not JSON') })]);
    expect(typeof callFor(result.trajectories[0].steps, 'call_Wd2EfR5tG8hY1uJ4iK7oL0pA').input).toBe('string');
  });
});

describe('codex reader: events', () => {
  it('records task_complete, turn_aborted with an interrupt, errors and one compaction', async () => {
    const current = await steps(CURRENT);
    expect(current.find((step) => step.kind === 'event' && step.event === 'task-complete')).toMatchObject({ text: expect.stringContaining('slugify() now keeps digits') });
    expect(current.slice(-2)).toMatchObject([{ kind: 'event', event: 'turn-aborted', data: { reason: 'interrupted' } }, { kind: 'user', origin: 'interrupt' }]);
    const newer = await steps(NEWER);
    const events = newer.filter((step) => step.kind === 'event').map((step) => (step.kind === 'event' ? step.event : ''));
    expect(events).toEqual(['error', 'compaction', 'task-complete']);
  });
});

describe('codex reader: detection', () => {
  it('claims rollouts but not other JSONL logs', async () => {
    const claudeCodeLine = JSON.stringify({ type: 'user', uuid: 'a1', sessionId: 's1', message: { role: 'user', content: 'hi' } });
    expect(reader.sniff({ path: 'x.jsonl', head: claudeCodeLine, firstLines: [claudeCodeLine] })).toBe(0);
    const geminiLine = JSON.stringify({ sessionId: 's', projectHash: 'p', startTime: 't', lastUpdated: 't', kind: 'main' });
    expect(reader.sniff({ path: 'x.jsonl', head: geminiLine, firstLines: [geminiLine] })).toBe(0);
    expect(chooseReader(await sampleFile(LEGACY), allReaders).id).toBe('codex');
  });
});

describe('codex tool output parsing', () => {
  it.each([
    ['Exit code: 2\nWall time: 0.1 seconds\nOutput:\nboom', { exitCode: 2, failed: false }],
    ['Chunk ID: 1\nWall time: 0 seconds\nProcess exited with code 127\nOutput:\nnot found', { exitCode: 127 }],
    ['Output:\nExit code: 3 printed by the program', { exitCode: undefined }],
    [[{ type: 'input_text', text: 'from an MCP tool' }], { text: 'from an MCP tool', exitCode: undefined }],
    [{ content: 'err: timeout', success: false }, { failed: true }],
    ['exec command rejected by user', { rejected: true, failed: true }],
  ])('parses %j', (output, expected) => {
    expect(parseToolOutput(output)).toMatchObject(expected);
  });
});
