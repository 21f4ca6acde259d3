import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeReaderContract } from '../../../test/support/reader-contract.js';
import { fixture, hasSharedData, realTrajectory } from '../../../test/support/shared-data.js';
import { readFileTrajectories } from '../read.js';
import type { Step } from '../../trajectory/step.js';
import { commandToolCall, isErrorObservation } from './commands.js';
import reader from './reader.js';

/** Every real SWE-agent `.traj` in the shared data (test data and demonstrations). */
const realFiles = [
  'tests/test_data/trajectories/gpt4__swe-agent__test-repo__default_from_url__t-0.00__p-0.95__c-3.00__install-1/swe-agent__test-repo-i1.traj',
  'tests/test_data/trajectories/gpt4__swe-agent-test-repo__default_from_url__t-0.00__p-0.95__c-3.00__install-1/6e44b9__sweagenttestrepo-1c2844.traj',
  'tests/test_data/trajectories/gpt4__swe-bench-dev-easy_first_only__default__t-0.00__p-0.95__c-3.00__install-1/pydicom__pydicom-1458.traj',
  'trajectories/demonstrations/function_calling_simple.traj',
  'trajectories/demonstrations/human_thought__swe-bench-HumanEvalFix-python__lcb__t-0.00__p-0.95__c-4.00__install-0/humanevalfix-python-0.traj',
  ...['default__t-0.20__p-0.95__c-2.00__install-1___install_from_source', 'default_sys-env_cursors_window100__t-0.20__p-0.95__c-2.00__install-1', 'default_sys-env_window100__t-0.20__p-0.95__c-2.00__install-1', 'function_calling__install-1', 'function_calling_replace__install-1', 'function_calling_replace_from_source', 'xml_sys-env_cursors_window100__t-0.20__p-0.95__c-2.00__install-1', 'xml_sys-env_window100__t-0.20__p-0.95__c-2.00__install-1'].map(
    (variant) => `trajectories/demonstrations/replay__marshmallow-code__marshmallow-1867__${variant}/marshmallow-code__marshmallow-1867.traj`,
  ),
  ...['web/i_got_id_demo', 'rev/rock', 'crypto/BabyEncryption', 'crypto/katy', 'crypto/eps', 'crypto/BabyTimeCapsule', 'misc/networking_1', 'pwn/warmup', 'forensics/flash'].map((name) => `trajectories/demonstrations/ctf/${name}.traj`),
].map((path) => realTrajectory(`swe-agent/SWE-agent/${path}`));

describeReaderContract({
  reader,
  corruption: 'document',
  fixtures: [
    { file: fixture('swe-agent/example__slugify-1.traj'), recordList: 'history', summary: { userMessages: 1, assistantMessages: 8, toolCalls: 8, toolResults: 7, toolErrors: 3 } },
    { file: fixture('swe-agent/example__slugify-2.traj'), summary: { userMessages: 0, assistantMessages: 5, toolCalls: 5, toolResults: 5, toolErrors: 2 } },
    ...(hasSharedData ? realFiles.map((file) => ({ file })) : []),
  ],
});

function ofKind<K extends Step['kind']>(steps: Step[], kind: K): Extract<Step, { kind: K }>[] {
  return steps.filter((step): step is Extract<Step, { kind: K }> => step.kind === kind);
}

describe('swe-agent reader: history', () => {
  it('keeps the system prompt as an event, skips the demonstration and reads the task as the prompt', async () => {
    const { trajectories } = await readFileTrajectories(fixture('swe-agent/example__slugify-1.traj'));
    const [trajectory] = trajectories;
    expect(trajectory.session).toMatchObject({ agent: 'swe-agent', environment: 'benchmark', id: 'example__slugify-1', taskId: 'example__slugify-1', exitStatus: 'submitted', submission: expect.stringContaining('diff --git a/src/text.py') });
    expect(trajectory.session.extra).toMatchObject({ modelStats: { api_calls: 8 } });
    expect(trajectory.steps.slice(0, 3).map((step) => step.kind)).toEqual(['event', 'user', 'assistant']);
    expect(trajectory.steps[0]).toMatchObject({ event: 'other', data: { role: 'system' } });
    expect(trajectory.steps[1]).toMatchObject({ origin: 'prompt', text: expect.stringContaining('slugify drops digits') });
    expect(trajectory.steps.some((step) => step.kind === 'user' && step.text.includes('DEMONSTRATION'))).toBe(false);
    const lines = readFileSync(fixture('swe-agent/example__slugify-1.traj'), 'utf8').split('\n');
    expect(lines[(trajectory.steps[1].source?.line ?? 0) - 1].trim()).toBe('{');
  });

  it('names SWE-agent commands, derives their effects from the open file, and falls back to bash', async () => {
    const { trajectories } = await readFileTrajectories(fixture('swe-agent/example__slugify-1.traj'));
    const calls = ofKind(trajectories[0].steps, 'tool-call');
    expect(calls.map((call) => call.tool)).toEqual(['find_file', 'open', 'edit', 'edit', 'bash', 'bash', 'bash', 'submit']);
    expect(calls[0].effects.action).toBe('search');
    expect(calls[1]).toMatchObject({ input: { command: 'open src/text.py', path: 'src/text.py' }, effects: { filesRead: ['src/text.py'] } });
    expect(calls[2].input).toMatchObject({ path: '/example__slugify/src/text.py', start_line: 5, end_line: 5 });
    expect(calls[2].effects.filesEdited).toEqual(['/example__slugify/src/text.py']);
    expect(calls[4]).toMatchObject({ input: { command: 'pytest tests/test_text.py -q' }, effects: { action: 'shell' } });
  });

  it('detects failed observations from their text and completes the task on submit', async () => {
    const { trajectories } = await readFileTrajectories(fixture('swe-agent/example__slugify-1.traj'));
    const steps = trajectories[0].steps;
    const results = ofKind(steps, 'tool-result');
    expect(results.map((result) => result.isError)).toEqual([false, false, true, false, true, true, false]);
    expect(results.every((result) => result.exitCode === undefined)).toBe(true);
    expect(steps[steps.length - 1]).toMatchObject({ kind: 'event', event: 'task-complete' });
    expect(steps[steps.length - 2]).toMatchObject({ kind: 'tool-call', tool: 'submit' });
  });
});

describe('swe-agent reader: trajectory without history', () => {
  it('reads thought, action and observation of each entry', async () => {
    const { trajectories } = await readFileTrajectories(fixture('swe-agent/example__slugify-2.traj'));
    const [trajectory] = trajectories;
    expect(trajectory.session).toMatchObject({ exitStatus: 'exit_cost', taskId: 'example__slugify-2' });
    expect(trajectory.session.submission).toBeUndefined();
    expect(trajectory.steps.slice(0, 3).map((step) => step.kind)).toEqual(['assistant', 'tool-call', 'tool-result']);
    const calls = ofKind(trajectory.steps, 'tool-call');
    // The open file comes from each entry's state once the first entry is read.
    expect(calls[2].effects.filesEdited).toEqual(['/example__slugify/src/text.py']);
    expect(ofKind(trajectory.steps, 'tool-result').map((result) => result.isError)).toEqual([false, false, true, false, true]);
  });
});

describe('swe-agent reader: real trajectories', () => {
  it.skipIf(!hasSharedData)('reads function calls by tool_call_ids, including replays that reuse call ids', async () => {
    const file = realFiles.find((path) => path.includes('function_calling__install-1'));
    const { trajectories, diagnostics } = await readFileTrajectories(file ?? '');
    expect(diagnostics).toEqual([]);
    const [trajectory] = trajectories;
    expect(trajectory.session).toMatchObject({ model: 'gpt-4o', exitStatus: 'submitted', taskId: 'marshmallow-code__marshmallow-1867' });
    const calls = ofKind(trajectory.steps, 'tool-call');
    expect(calls[0]).toMatchObject({ tool: 'create', input: { filename: 'reproduce.py' }, effects: { filesWritten: ['reproduce.py'] } });
    expect(calls[1]).toMatchObject({ tool: 'edit', effects: { filesEdited: ['/testbed/reproduce.py'] } });
    expect(new Set(calls.map((call) => call.callId)).size).toBe(calls.length);
    expect(ofKind(trajectory.steps, 'tool-result')).toHaveLength(calls.length);
    expect(trajectory.steps[trajectory.steps.length - 1]).toMatchObject({ kind: 'event', event: 'task-complete' });
  });

  it.skipIf(!hasSharedData)('marks the syntax-error edits and the failing Python run of the pydicom run', async () => {
    const file = realFiles.find((path) => path.includes('pydicom'));
    const { trajectories } = await readFileTrajectories(file ?? '');
    const results = ofKind(trajectories[0].steps, 'tool-result');
    expect(results.filter((result) => result.isError && result.output.startsWith('Your proposed edit has introduced new syntax error(s)'))).toHaveLength(3);
    expect(results.filter((result) => result.isError && result.output.startsWith('Traceback'))).toHaveLength(1);
  });
});

describe('swe-agent commands', () => {
  it('parses command strings', () => {
    expect(commandToolCall('open "src/a b.py" 30\n', undefined)).toEqual({ tool: 'open', input: { command: 'open "src/a b.py" 30', path: 'src/a b.py', line_number: 30 } });
    expect(commandToolCall('scroll_down', '/repo/a.py')).toEqual({ tool: 'scroll_down', input: { command: 'scroll_down', path: '/repo/a.py' } });
    expect(commandToolCall('goto 120', undefined)).toEqual({ tool: 'goto', input: { command: 'goto 120', line_number: 120 } });
    expect(commandToolCall('str_replace_editor view /repo/a.py --view_range 1 20', undefined)).toEqual({ tool: 'str_replace_editor', input: { command: 'view', path: '/repo/a.py', view_range: [1, 20], action: 'str_replace_editor view /repo/a.py --view_range 1 20' } });
    expect(commandToolCall('ls -la && cat setup.py', '/repo/a.py')).toEqual({ tool: 'bash', input: { command: 'ls -la && cat setup.py' } });
  });

  it('tells errors from ordinary output', () => {
    expect(isErrorObservation('bash: foo: command not found', 'foo')).toBe(true);
    expect(isErrorObservation('cat: x.py: No such file or directory', 'cat x.py')).toBe(true);
    expect(isErrorObservation('Usage: open "<file>" [<line_number>]', 'open')).toBe(true);
    expect(isErrorObservation('Traceback (most recent call last):\n  File "a.py"', 'python3 a.py')).toBe(true);
    expect(isErrorObservation('Traceback (most recent call last):\n  File "a.py"', 'cat log.txt')).toBe(false);
    expect(isErrorObservation('[File: /repo/a.py (10 lines total)]\n1:import os', 'open a.py')).toBe(false);
  });

  it('leaves other formats alone', () => {
    const sample = (path: string, head: string) => ({ path, head, firstLines: head.split('\n').slice(0, 5) });
    expect(reader.sniff(sample('x.traj.json', '{"info": {"exit_status": "Submitted"}, "messages": [{"role": "system", "content": "x"}], "trajectory_format": "mini-swe-agent-1"}'))).toBe(0);
    expect(reader.sniff(sample('x.json', '[{"id": 0, "source": "user", "action": "message", "args": {}}]'))).toBe(0);
    expect(reader.sniff(sample('x.json', '[{"role": "user", "content": "hi"}]'))).toBe(0);
    expect(reader.sniff(sample('x.json', '{"schema_version": "ATIF-v1.4", "steps": []}'))).toBe(0);
    expect(reader.sniff(sample('x.json', '{"trace_id": "1", "spans": []}'))).toBe(0);
  });
});
