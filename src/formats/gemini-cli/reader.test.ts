import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeReaderContract } from '../../../test/support/reader-contract.js';
import { fixture } from '../../../test/support/shared-data.js';
import { temporaryFolder } from '../../../test/support/temporary-folders.js';
import { readFileTrajectories } from '../read.js';
import type { Step, ToolResultStep } from '../../trajectory/step.js';
import reader from './reader.js';
import { toolCallOutcome } from './tool-result.js';

const LOG = fixture('gemini-cli/session-2026-01-14T10-22-8c1f4e2a.jsonl');
const LEGACY = fixture('gemini-cli/session-2025-09-02T08-15-3b7e9d10.json');

describeReaderContract({
  reader,
  corruption: 'line',
  fixtures: [{ file: LOG, summary: { userMessages: 3, assistantMessages: 5, toolCalls: 6, toolResults: 6, toolErrors: 3 } }],
});

describeReaderContract({
  reader,
  corruption: 'document',
  fixtures: [{ file: LEGACY, recordList: 'messages', summary: { userMessages: 1, assistantMessages: 2, toolCalls: 2, toolResults: 2, toolErrors: 0 } }],
});

async function steps(file: string): Promise<Step[]> {
  const { trajectories } = await readFileTrajectories(file, { format: 'gemini-cli' });
  return trajectories[0].steps;
}

function resultFor(all: Step[], callId: string): ToolResultStep {
  return all.find((step): step is ToolResultStep => step.kind === 'tool-result' && step.callId === callId) as ToolResultStep;
}

async function writeLog(records: unknown[]): Promise<string> {
  const directory = temporaryFolder('wink-gemini-');
  const file = join(directory, 'session-2026-03-01T10-00-aaaabbbb.jsonl');
  await writeFile(file, records.map((record) => JSON.stringify(record)).join('\n') + '\n');
  return file;
}

describe('gemini-cli reader: session and messages', () => {
  it('reads the header and later $set updates', async () => {
    const { trajectories } = await readFileTrajectories(LOG);
    expect(trajectories[0].session).toMatchObject({
      id: '8c1f4e2a-6b3d-4f7e-9a21-5d0c8e7b3f64',
      agent: 'gemini-cli',
      environment: 'cli',
      model: 'gemini-2.5-pro',
      startedAt: '2026-01-14T10:22:07.311Z',
      extra: { kind: 'main', summary: 'Fix /health 500 by awaiting the pool query' },
    });
  });

  it('emits a message appended several times once, in its final form', async () => {
    const all = await steps(LOG);
    const first = all.filter((step) => step.id === '3d9a7e21-5c4b-4f10-8e62-9b1a0c7d5e33');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ kind: 'assistant', reasoning: 'Reading the handler: I will open the health handler to see what it does.', usage: { inputTokens: 8123, cachedInputTokens: 0, outputTokens: 45, reasoningTokens: 120 } });
    expect(all.filter((step) => step.kind === 'tool-call' && step.tool === 'read_file')).toHaveLength(1);
  });

  it('maps info and error messages to events', async () => {
    const all = await steps(LOG);
    expect(all.find((step) => step.id === '5b8e2c71-4a9d-4e06-a3f2-0c6d1b7e9a48')).toMatchObject({ kind: 'event', event: 'other', data: { type: 'info' } });
    expect(all[all.length - 1]).toMatchObject({ kind: 'event', event: 'error', text: expect.stringContaining('API Error') });
  });

  it('keeps rewound messages and records the rewind', async () => {
    const all = await steps(LOG);
    const rewind = all.findIndex((step) => step.kind === 'event' && step.data?.type === 'rewind');
    expect(all[rewind]).toMatchObject({ data: { rewindTo: '7d0f3b86-1e4c-4a2d-9b57-8f2a6c1e0d93', droppedMessages: 2 }, source: { line: 24 } });
    expect(all[rewind - 3]).toMatchObject({ kind: 'user', text: 'now deploy it to staging' });
    expect(all[rewind + 1]).toMatchObject({ kind: 'user', text: 'never mind, just summarize the change in one sentence' });
  });

  it('gives every step of a legacy document the line its message starts on', async () => {
    const all = await steps(LEGACY);
    expect(all.map((step) => step.source?.line)).toEqual([7, 13, 13, 13, 61, 61, 104]);
  });
});

describe('gemini-cli reader: tool results', () => {
  it.each([
    ['a read (functionResponse output)', 'read_file-1768386130542-6a1f3b9c2d4e8', { isError: false, output: expect.stringContaining('export async function health') }],
    ['a shell command exiting 1', 'run_shell_command-1768386134871-0c7d2e5f1a9b3', { isError: true, exitCode: 1 }],
    ['a shell command exiting 0', 'run_shell_command-1768386152318-7f0a3d9e5b2c6', { isError: false, exitCode: 0 }],
    ['an edit', 'replace-1768386141207-9e4a6c1b8d2f5', { isError: false }],
    ['a call with status error', 'write_file-1768386146930-2b8d5f0e7c1a4', { isError: true, output: expect.stringContaining('workspace directories') }],
    ['a call the developer refused', 'run_shell_command-1768386181764-3c9e1a7b5d0f2', { isError: true, rejected: true }],
  ])('maps %s', async (_name, callId, expected) => {
    expect(resultFor(await steps(LOG), callId as string)).toMatchObject(expected as object);
  });

  it('derives effects from Gemini tool names', async () => {
    const calls = (await steps(LOG)).filter((step) => step.kind === 'tool-call');
    expect(calls.map((call) => call.effects.action)).toEqual(['read', 'shell', 'edit', 'write', 'shell', 'shell']);
    expect(calls[2].effects.edits[0]).toMatchObject({ file: '/home/dev/api/src/health.ts', newText: '  const db = await getPool().query("select 1");' });
  });

  it('falls back to resultDisplay and marks interrupted cancellations', () => {
    expect(toolCallOutcome({ status: 'success', result: null, resultDisplay: { fileDiff: '--- a\n+++ b\n', fileName: 'a' } })).toMatchObject({ output: '--- a\n+++ b\n', isError: false });
    expect(toolCallOutcome({ status: 'cancelled', result: [{ functionResponse: { id: 'x', name: 'run_shell_command', response: { error: '[Operation Cancelled] Reason: User cancelled the operation.' } } }] })).toMatchObject({ isError: true, interrupted: true, rejected: false });
  });

  it('emits a call that finishes only in a later copy of an earlier message', async () => {
    const call = { id: 'run_shell_command-1', name: 'run_shell_command', args: { command: 'sleep 1' }, status: 'executing', timestamp: '2026-03-01T10:00:02.000Z' };
    const file = await writeLog([
      { sessionId: 'aaaabbbb-0000-4000-8000-000000000000', projectHash: 'f'.repeat(64), startTime: '2026-03-01T10:00:00.000Z', lastUpdated: '2026-03-01T10:00:00.000Z', kind: 'main' },
      { id: 'm1', timestamp: '2026-03-01T10:00:01.000Z', type: 'user', content: [{ text: 'wait a second' }] },
      { id: 'm2', timestamp: '2026-03-01T10:00:02.000Z', type: 'gemini', content: '', toolCalls: [call] },
      { id: 'm3', timestamp: '2026-03-01T10:00:03.000Z', type: 'info', content: 'still running' },
      { id: 'm2', timestamp: '2026-03-01T10:00:02.000Z', type: 'gemini', content: '', toolCalls: [{ ...call, status: 'success', result: [{ functionResponse: { id: call.id, name: call.name, response: { output: 'Exit Code: 0' } } }] }] },
    ]);
    const all = await steps(file);
    expect(all.map((step) => step.kind)).toEqual(['user', 'tool-call', 'event', 'tool-result']);
  });
});

describe('gemini-cli reader: detection', () => {
  it('does not claim Claude Code or Codex lines', () => {
    const claudeCodeLine = JSON.stringify({ type: 'user', uuid: 'a1', sessionId: 's1', timestamp: '2026-01-01T00:00:00Z', message: { role: 'user', content: 'hi' } });
    expect(reader.sniff({ path: 'x.jsonl', head: claudeCodeLine, firstLines: [claudeCodeLine] })).toBe(0);
    const codexLine = JSON.stringify({ timestamp: '2026-01-01T00:00:00Z', type: 'session_meta', payload: { id: 'x' } });
    expect(reader.sniff({ path: 'x.jsonl', head: codexLine, firstLines: [codexLine] })).toBe(0);
  });
});
