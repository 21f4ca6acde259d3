import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionMetadata } from '../../trajectory/session.js';
import type { Step } from '../../trajectory/step.js';
import { initialTranscriptState, MAXIMUM_LINE_BYTES, noteRefusedCall, readTranscriptChunk, synthesizeToolSteps, type IncrementalTranscriptState } from './incremental.js';

const SESSION: SessionMetadata = { id: 's', agent: 'claude-code', environment: 'cli', format: 'claude-code' };

function line(fields: Record<string, unknown>): string {
  return JSON.stringify({ parentUuid: null, isSidechain: false, userType: 'external', cwd: '/work/app', sessionId: 's', version: '2.1.329', timestamp: '2026-11-21T10:00:00.000Z', ...fields }) + '\n';
}
const prompt = line({ type: 'user', uuid: 'prompt', message: { role: 'user', content: 'Tidy the docs.' } });
const call = (id: string, input: unknown, tool = 'Read') => line({ type: 'assistant', uuid: `use-${id}`, message: { id: `msg_${id}`, role: 'assistant', content: [{ type: 'tool_use', id, name: tool, input }] } });
const result = (id: string, content: string, isError = false) => line({ type: 'user', uuid: `result-${id}`, message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content, is_error: isError }] } });
const readInput = (file: string) => ({ file_path: file });

let folder: string | undefined;
afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

function transcript(text: string): string {
  folder = mkdtempSync(join(tmpdir(), 'wink-incremental-'));
  const file = join(folder, 'session.jsonl');
  writeFileSync(file, text);
  return file;
}

/** Everything the reader returns, with a payload step built in between when `payload` says so. */
function readAll(file: string, state: IncrementalTranscriptState): Step[] {
  const steps: Step[] = [];
  for (;;) {
    const chunk = readTranscriptChunk(file, { ...SESSION }, state);
    steps.push(...chunk.steps);
    if (chunk.caughtUp) return steps;
  }
}

/** What each case does: lines written before the hook, the hook's payload, lines written after. */
interface LagCase {
  name: string;
  before: string;
  /** The hooks' payloads between `before` and `after`, in order. */
  payloads: Array<{ callId: string | undefined; file: string }>;
  after: string;
  /** Kinds of the steps, in order, over the whole exchange. */
  kinds: string[];
}

const LAG_CASES: LagCase[] = [
  { name: 'the transcript shows nothing of the call yet (with its id)', before: prompt, payloads: [{ callId: 'toolu_a', file: 'a.md' }], after: call('toolu_a', readInput('a.md')) + result('toolu_a', 'A'), kinds: ['user', 'tool-call', 'tool-result'] },
  { name: 'the transcript shows nothing of the call yet (no id)', before: prompt, payloads: [{ callId: undefined, file: 'a.md' }], after: call('toolu_a', readInput('a.md')) + result('toolu_a', 'A'), kinds: ['user', 'tool-call', 'tool-result'] },
  { name: 'the transcript shows the call, not its result (no id)', before: prompt + call('toolu_a', readInput('a.md')), payloads: [{ callId: undefined, file: 'a.md' }], after: result('toolu_a', 'A'), kinds: ['user', 'tool-call', 'tool-result'] },
  { name: 'the transcript shows call and result already (no id)', before: prompt + call('toolu_a', readInput('a.md')) + result('toolu_a', 'A'), payloads: [{ callId: undefined, file: 'a.md' }], after: '', kinds: ['user', 'tool-call', 'tool-result'] },
  {
    name: 'two identical calls, the second one lagging (no id): each payload stands for one',
    before: prompt + call('toolu_a', readInput('a.md')) + result('toolu_a', 'A'),
    payloads: [{ callId: undefined, file: 'a.md' }, { callId: undefined, file: 'a.md' }],
    after: call('toolu_b', readInput('a.md')) + result('toolu_b', 'A'),
    kinds: ['user', 'tool-call', 'tool-result', 'tool-call', 'tool-result'],
  },
];

describe('payload steps reconciled with the transcript', () => {
  it.each(LAG_CASES)('$name: every step once', ({ before, payloads, after, kinds }) => {
    const file = transcript(before);
    const state = initialTranscriptState();
    const steps = readAll(file, state);
    for (const payload of payloads) steps.push(...synthesizeToolSteps(state, { callId: payload.callId, tool: 'Read', input: readInput(payload.file), output: 'A', isError: false }));
    appendFileSync(file, after);
    steps.push(...readAll(file, state));
    expect(steps.map((step) => step.kind)).toEqual(kinds);
    expect(steps.map((step) => step.index)).toEqual(kinds.map((_kind, index) => index));
    expect(new Set(steps.map((step) => step.id)).size).toBe(steps.length);
  });
});

describe('calls a hook refused', () => {
  it.each([
    { name: 'refused before the transcript showed the call (the race)', refuseFirst: true },
    { name: 'refused after the transcript showed the call', refuseFirst: false },
  ])('$name: the call has no effects once noted, and its result is a refusal, not a failure', ({ refuseFirst }) => {
    const edit = { file_path: 'test/a.test.ts', old_string: 'x', new_string: 'y' };
    const file = transcript(prompt);
    const state = initialTranscriptState();
    readAll(file, state);
    if (refuseFirst) noteRefusedCall(state, 'toolu_edit');
    appendFileSync(file, call('toolu_edit', edit, 'Edit'));
    const [callStep] = readAll(file, state);
    if (!refuseFirst) noteRefusedCall(state, 'toolu_edit');
    appendFileSync(file, result('toolu_edit', 'PreToolUse:Edit hook error: wink refused this call before it ran', true));
    const [resultStep] = readAll(file, state);
    if (refuseFirst) expect(callStep).toMatchObject({ kind: 'tool-call', refusedByHook: true, effects: { action: 'edit', filesEdited: [] } });
    expect(resultStep).toMatchObject({ kind: 'tool-result', refusedByHook: true, isError: false });
  });
});

describe('reading in chunks', () => {
  it('reports whether it has caught up, and skips a line too long to read instead of stalling', () => {
    const file = transcript(prompt);
    const state = initialTranscriptState();
    expect(readTranscriptChunk(file, { ...SESSION }, state)).toMatchObject({ caughtUp: true });
    const huge = result('toolu_big', 'x'.repeat(MAXIMUM_LINE_BYTES + 10));
    appendFileSync(file, call('toolu_big', readInput('big.bin')) + huge + call('toolu_next', readInput('next.md')) + result('toolu_next', 'N'));
    const steps = readAll(file, state);
    expect(steps.map((step) => (step.kind === 'tool-call' ? `call ${step.callId}` : step.kind === 'tool-result' ? `result ${step.callId}` : step.kind))).toEqual(['call toolu_big', 'call toolu_next', 'result toolu_next']);
    expect(readTranscriptChunk(file, { ...SESSION }, state)).toMatchObject({ steps: [], caughtUp: true });
  });

  it('reads a line longer than one chunk whole', () => {
    const file = transcript(prompt + call('toolu_long', readInput('long.md')) + result('toolu_long', 'y'.repeat(2 * 1024 * 1024)));
    const state = initialTranscriptState();
    const steps = readAll(file, state);
    expect(steps.map((step) => step.kind)).toEqual(['user', 'tool-call', 'tool-result']);
    expect(steps[2].kind === 'tool-result' && steps[2].output.length).toBe(2 * 1024 * 1024);
  });
});
