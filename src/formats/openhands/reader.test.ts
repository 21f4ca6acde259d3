import { describe, expect, it } from 'vitest';
import { describeReaderContract } from '../../../test/support/reader-contract.js';
import { fixture, hasSharedData, realTrajectory } from '../../../test/support/shared-data.js';
import { readFileTrajectories } from '../read.js';
import type { Step, ToolCallStep, ToolResultStep } from '../../trajectory/step.js';
import reader from './reader.js';

/** Every real OpenHands file in the shared data, with what we know of it. */
const realFiles = [
  { path: 'openhands/tests/runtime/trajs/basic.json', corruption: 'document' as const },
  { path: 'openhands/tests/runtime/trajs/basic_gui_mode.json', corruption: 'document' as const },
  { path: 'openhands/tests/runtime/trajs/basic_interactions.json', corruption: 'document' as const },
  { path: 'openhands/tests/runtime/trajs/wrong_initial_state.json', corruption: 'document' as const },
  { path: 'openhands/evaluation/benchmarks/multi_swe_bench/examples/output.jsonl', corruption: 'line' as const, trajectories: 3 },
  { path: 'openhands/tests/unit/resolver/mock_output/output.jsonl', corruption: 'line' as const, trajectories: 2 },
];

describeReaderContract({
  reader,
  corruption: 'document',
  fixtures: [
    { file: fixture('openhands/slugify-events.json'), recordList: '', summary: { userMessages: 1, assistantMessages: 5, toolCalls: 3, toolResults: 3, toolErrors: 1 } },
    ...(hasSharedData ? realFiles.filter((real) => real.corruption === 'document').map((real) => ({ file: realTrajectory(real.path) })) : []),
  ],
});

describeReaderContract({
  reader,
  corruption: 'line',
  fixtures: [
    { file: fixture('openhands/evaluation-output.jsonl'), trajectories: 2, summary: { userMessages: 1, assistantMessages: 4, toolCalls: 3, toolResults: 3, toolErrors: 1 } },
    { file: fixture('openhands/resolver-output.jsonl'), summary: { userMessages: 1, assistantMessages: 4, toolCalls: 3, toolResults: 3, toolErrors: 1 } },
    { file: fixture('openhands/sdk-events.jsonl'), summary: { userMessages: 1, assistantMessages: 2, toolCalls: 3, toolResults: 3, toolErrors: 1 } },
    ...(hasSharedData ? realFiles.filter((real) => real.corruption === 'line').map((real) => ({ file: realTrajectory(real.path), trajectories: real.trajectories })) : []),
  ],
});

function ofKind<K extends Step['kind']>(steps: Step[], kind: K): Extract<Step, { kind: K }>[] {
  return steps.filter((step): step is Extract<Step, { kind: K }> => step.kind === kind);
}

describe('openhands reader: V0 event list', () => {
  it('maps messages, thoughts, tool calls, results, state changes and finish', async () => {
    const { trajectories } = await readFileTrajectories(fixture('openhands/slugify-events.json'));
    const [trajectory] = trajectories;
    expect(trajectory.session).toMatchObject({ agent: 'openhands', environment: 'sdk', agentVersion: '0.35.0', model: 'claude-3-5-sonnet-20241022', exitStatus: 'finished' });
    expect(trajectory.steps.map((step) => step.kind).slice(0, 7)).toEqual(['event', 'user', 'event', 'event', 'assistant', 'tool-call', 'tool-result']);
    expect(trajectory.steps[0]).toMatchObject({ event: 'other', data: { role: 'system' } });
    expect(trajectory.steps[2]).toMatchObject({ event: 'agent-state', text: 'running' });
    expect(trajectory.steps[3]).toMatchObject({ event: 'other', text: 'Added workspace context', data: { observation: 'recall' } });
    const calls = ofKind(trajectory.steps, 'tool-call');
    expect(calls.map((call) => call.tool)).toEqual(['execute_bash', 'str_replace_editor', 'execute_bash']);
    expect(calls[0].input).toEqual({ command: "grep -n 'def slugify' -r src" });
    expect(calls[1].effects.filesEdited).toEqual(['/workspace/src/text.py']);
    expect(calls[1].effects.edits[0]).toMatchObject({ oldText: "re.sub(r'[^a-z]+', '-', value)" });
    const assistant = ofKind(trajectory.steps, 'assistant')[0];
    expect(assistant).toMatchObject({ text: "I'll look at the slugify helper first.", messageId: 'chatcmpl-0001', usage: { inputTokens: 5120, outputTokens: 60 } });
  });

  it('links results by cause and marks non-zero exit codes and error observations', async () => {
    const { trajectories } = await readFileTrajectories(fixture('openhands/slugify-events.json'));
    const steps = trajectories[0].steps;
    const results = ofKind(steps, 'tool-result');
    expect(results.map((result) => [result.callId, result.isError, result.exitCode])).toEqual([
      ['toolu_01', false, 0],
      ['toolu_02', false, undefined],
      ['toolu_03', true, 1],
    ]);
    // The error observation with no cause: a malformed call OpenHands refused before running it.
    expect(steps.find((step) => step.kind === 'event' && step.event === 'error')).toMatchObject({ text: expect.stringContaining("Parameter 'command'") });
    // think is the agent's own text; its "Your thought has been logged." observation is dropped.
    expect(steps.some((step) => step.kind === 'tool-result' && step.output === 'Your thought has been logged.')).toBe(false);
    const finish = steps.findIndex((step) => step.kind === 'event' && step.event === 'task-complete');
    expect(steps[finish - 1]).toMatchObject({ kind: 'assistant', text: 'Fixed slugify to keep digits; tests pass.' });
    expect(steps[finish]).toMatchObject({ data: { taskCompleted: 'true' } });
    expect(steps[steps.length - 1]).toMatchObject({ kind: 'event', event: 'agent-state', text: 'finished' });
  });
});

describe('openhands reader: evaluation records', () => {
  it('reads one trajectory per record with task, model, submission and exit status', async () => {
    const { trajectories, diagnostics } = await readFileTrajectories(fixture('openhands/evaluation-output.jsonl'));
    expect(diagnostics).toEqual([]);
    expect(trajectories.map((trajectory) => trajectory.session)).toMatchObject([
      { id: 'example__slugify-1', taskId: 'example__slugify-1', environment: 'benchmark', model: 'openai/example-model-1', repository: 'example/slugify', exitStatus: 'finished', submission: expect.stringContaining('diff --git a/src/text.py') },
      { id: 'example__slugify-2', exitStatus: 'max-iterations', extra: { error: expect.stringContaining('maximum iteration'), maxIterations: 4 } },
    ]);
    expect(trajectories[1].session.submission).toBeUndefined();
    const results = ofKind(trajectories[1].steps, 'tool-result');
    expect(results.map((result) => result.exitCode)).toEqual([4, 4, 4, 4]);
    expect(trajectories[1].steps[5].source?.line).toBe(2);
  });

  it('pairs the resolver\'s id-less observations with the action before them', async () => {
    const { trajectories } = await readFileTrajectories(fixture('openhands/resolver-output.jsonl'));
    const [trajectory] = trajectories;
    expect(trajectory.session).toMatchObject({ id: 'example/readme#7', repository: 'example/readme', exitStatus: 'finished', submission: expect.stringContaining('README.md') });
    expect(trajectory.steps[0]).toMatchObject({ kind: 'user', origin: 'prompt', text: expect.stringContaining('licence section') });
    const calls = ofKind(trajectory.steps, 'tool-call');
    expect(calls.map((call) => call.tool)).toEqual(['run', 'run_ipython', 'run']);
    expect(calls[0].effects.filesRead).toEqual(['README.md']);
    const results = ofKind(trajectory.steps, 'tool-result');
    expect(results.map((result) => result.callId)).toEqual(calls.map((call) => call.callId));
    expect(results[2]).toMatchObject({ isError: true, exitCode: 127 });
  });

  it.skipIf(!hasSharedData)('finds the real run that hit the iteration cap, and its error observations', async () => {
    const { trajectories } = await readFileTrajectories(realTrajectory('openhands/evaluation/benchmarks/multi_swe_bench/examples/output.jsonl'));
    expect(trajectories.map((trajectory) => [trajectory.session.taskId, trajectory.session.exitStatus])).toEqual([
      ['ponylang__ponyc-4595', 'finished'],
      ['ponylang__ponyc-4593', 'finished'],
      ['ponylang__ponyc-4588', 'max-iterations'],
    ]);
    for (const trajectory of trajectories) {
      expect(trajectory.session).toMatchObject({ model: 'openai/openrouter-llama-4-maverick', agentVersion: '0.35.0', repository: 'ponylang/ponyc', submission: expect.stringContaining('diff --git') });
    }
    const capped = trajectories[2];
    expect(capped.steps.some((step) => step.kind === 'event' && step.event === 'task-complete')).toBe(false);
    expect(capped.steps.filter((step) => step.kind === 'event' && step.event === 'error')).toHaveLength(1);
    const failedCommand = ofKind(capped.steps, 'tool-result').find((result) => result.exitCode === 100);
    expect(failedCommand).toMatchObject({ isError: true });
    // The file editor's refusals carry no flag, only their text: each is a failed result.
    const editorRefusals = trajectories.flatMap((trajectory) => ofKind(trajectory.steps, 'tool-result') as ToolResultStep[]).filter((result) => result.output.startsWith('ERROR:'));
    expect(editorRefusals.length).toBeGreaterThan(3);
    expect(editorRefusals.every((result) => result.isError)).toBe(true);
  });

  it.skipIf(!hasSharedData)('reads the runtime GUI trajectory: agent states and a command that timed out', async () => {
    const { trajectories } = await readFileTrajectories(realTrajectory('openhands/tests/runtime/trajs/basic_gui_mode.json'));
    const steps = trajectories[0].steps;
    expect(steps.filter((step) => step.kind === 'event' && step.event === 'agent-state').map((step) => (step.kind === 'event' ? step.text : ''))).toEqual(['loading', 'init', 'running', 'awaiting_user_input']);
    const calls = ofKind(steps, 'tool-call') as ToolCallStep[];
    expect(calls[1].effects.filesWritten).toEqual(['/workspace/todo-app/index.html']);
    const results = ofKind(steps, 'tool-result') as ToolResultStep[];
    expect(results[3]).toMatchObject({ exitCode: -1, isError: true });
  });
});

describe('openhands reader: V1 SDK events', () => {
  it('maps actions, observations, agent errors and finish by tool_call_id', async () => {
    const { trajectories } = await readFileTrajectories(fixture('openhands/sdk-events.jsonl'));
    const [trajectory] = trajectories;
    expect(trajectory.session).toMatchObject({ agent: 'openhands', environment: 'sdk', exitStatus: 'finished' });
    const calls = ofKind(trajectory.steps, 'tool-call');
    expect(calls.map((call) => [call.tool, call.callId])).toEqual([
      ['execute_bash', 'call_Qm1'],
      ['str_replace_editor', 'call_Qm2'],
      ['finish', 'call_Qm3'],
    ]);
    expect(calls[1].effects.filesRead).toEqual(['/workspace/missing.py']);
    const results = ofKind(trajectory.steps, 'tool-result');
    expect(results.map((result) => [result.callId, result.isError])).toEqual([
      ['call_Qm1', false],
      ['call_Qm2', true],
      ['call_Qm3', false],
    ]);
    expect(results[0]).toMatchObject({ output: '42', exitCode: 0 });
    expect(trajectory.steps.some((step) => step.kind === 'event' && step.event === 'task-complete')).toBe(true);
  });
});

describe('openhands sniffer', () => {
  it('leaves other formats alone', () => {
    const sample = (path: string, head: string) => ({ path, head, firstLines: head.split('\n').filter((line) => line.trim().length > 0).slice(0, 5) });
    expect(reader.sniff(sample('a.json', '[{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]'))).toBe(0);
    expect(reader.sniff(sample('a.traj.json', '{"info": {}, "messages": [{"role": "user", "content": "x"}], "trajectory_format": "mini-swe-agent-1"}'))).toBe(0);
    expect(reader.sniff(sample('a.json', '{"trace_id": "1", "spans": [{"span_id": "2", "span_attributes": {"action": "run"}}]}'))).toBe(0);
    expect(reader.sniff(sample('a.json', '{"schema_version": "ATIF-v1.4", "steps": [{"source": "agent", "message": "x"}]}'))).toBe(0);
    expect(reader.sniff(sample('a.traj', '{"trajectory": [{"action": "run"}], "history": [{"role": "system"}]}'))).toBe(0);
  });
});
