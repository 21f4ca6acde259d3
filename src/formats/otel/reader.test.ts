import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeReaderContract } from '../../../test/support/reader-contract.js';
import { fixture, hasSharedData, realTrajectory } from '../../../test/support/shared-data.js';
import { readFileTrajectories } from '../read.js';
import type { Step } from '../../trajectory/step.js';
import reader, { CODE_TOOL, spanIdOfStep } from './reader.js';

const codeAgent = fixture('otel/smolagents-code-agent.json');
const genAi = fixture('otel/genai-otlp.json');
const trailDirectory = realTrajectory('trail-gaia/traces');
const trailFiles = hasSharedData ? readdirSync(trailDirectory).map((name) => `${trailDirectory}/${name}`) : [];

describeReaderContract({
  reader,
  corruption: 'document',
  fixtures: [
    { file: codeAgent, summary: { userMessages: 1, assistantMessages: 8, toolCalls: 7, toolResults: 7, toolErrors: 2 } },
    { file: genAi, summary: { userMessages: 1, assistantMessages: 3, toolCalls: 2, toolResults: 2, toolErrors: 1 } },
    ...trailFiles.map((file) => ({ file })),
  ],
});

function describeStep(step: Step): string {
  switch (step.kind) {
    case 'tool-call':
      return `${step.id} call ${step.tool}`;
    case 'tool-result':
      return `${step.id} result ${step.isError ? 'error' : 'ok'}`;
    case 'event':
      return `${step.id} event ${step.event}`;
    default:
      return `${step.id} ${step.kind}${step.sidechain ? ` in ${step.sidechain}` : ''}`;
  }
}

describe('otel reader', () => {
  it('maps a smolagents CodeAgent trace: task, plans, code actions, sub-agent, errors', async () => {
    const { trajectories } = await readFileTrajectories(codeAgent);
    const [trajectory] = trajectories;
    expect(trajectory.session).toMatchObject({ id: '5b8c0f2e9a7d4c31b6e2a1f0d9c8b7a6', agent: 'smolagents', environment: 'sdk', model: 'example-model-3' });
    expect(trajectory.steps.map(describeStep)).toEqual([
      'a1000000000000a1 user',
      'p1000000000000p1 assistant',
      'l1000000000001l1 assistant',
      `l1000000000001l1.code call ${CODE_TOOL}`,
      'a2000000000000a2 user in a2000000000000a2',
      'l2000000000001l2 assistant in a2000000000000a2',
      'l2000000000001l2.call1 call web_search',
      't2000000000001t2.result result ok',
      'l2000000000002l2 assistant in a2000000000000a2',
      'l2000000000002l2.call1 call page_down',
      's2000000000002s2 result error',
      'l2000000000003l2 assistant in a2000000000000a2',
      'l2000000000003l2.call1 call final_answer',
      't2000000000003t2.result result ok',
      's1000000000000s1 result ok',
      'l1000000000002l1 assistant',
      `l1000000000002l1.code call ${CODE_TOOL}`,
      's1000000000002s1 result error',
      'l1000000000003l1 assistant',
      `l1000000000003l1.code call ${CODE_TOOL}`,
      't1000000000003t1 call final_answer',
      't1000000000003t1.result result ok',
      's1000000000003s1 result ok',
      'l1000000000004l1 assistant',
      's1000000000004s1 event error',
    ]);
    const steps = trajectory.steps;
    expect(steps[0]).toMatchObject({ kind: 'user', origin: 'prompt', text: 'How many stations does the Brightwater rail line have? Answer with a number.' });
    expect(steps[4]).toMatchObject({ kind: 'user', origin: 'injected' });
    expect(steps[2]).toMatchObject({ usage: { inputTokens: 1500, outputTokens: 80 }, model: 'example-model-3' });
    expect(steps[16]).toMatchObject({ input: { code: "count = int(result.split(':')[1])\nprint(count)" } });
    expect(steps[17]).toMatchObject({ callStepId: 'l1000000000002l1.code', output: expect.stringContaining('ValueError') });
    expect(steps[9]).toMatchObject({ callId: 'call_page_2', input: { '': '' } });
    expect(steps[20]).toMatchObject({ input: { answer: 14 } });
    expect(steps[10].timestamp).toBe('2025-03-19T10:00:11.200Z');
  });

  it('makes code actions first-class: the tools the code calls, nested tool calls, outcomes', async () => {
    const { trajectories } = await readFileTrajectories(codeAgent);
    const steps = trajectories[0].steps;
    expect(steps[3]).toMatchObject({ tool: CODE_TOOL, code: { language: 'python', calls: [{ tool: 'search_agent', arguments: 'task="Find the number of stations on the Brightwater rail line."' }] } });
    expect(steps[16]).toMatchObject({ code: { calls: [] } });
    expect(steps[19]).toMatchObject({ code: { calls: [{ tool: 'final_answer', arguments: '14' }] } });
    // The final_answer span inside the Step is a call of its own, made from the code action's code.
    expect(steps[20]).toMatchObject({ tool: 'final_answer', calledFrom: 'l1000000000003l1.code' });
    expect(steps[6]).not.toHaveProperty('calledFrom');
    expect(steps[17]).toMatchObject({ outcome: { status: 'error', basis: 'flag', cause: 'agent', kind: 'code-exception' } });
    expect(steps[10]).toMatchObject({ outcome: { status: 'error', basis: 'flag', cause: 'agent', kind: 'tool-arguments' } });
    expect(steps[14]).toMatchObject({ outcome: { status: 'success', basis: 'flag' } });
  });

  it('maps OTLP-JSON with GenAI semantic-convention attributes', async () => {
    const [trajectory] = (await readFileTrajectories(genAi)).trajectories;
    expect(trajectory.session).toMatchObject({ id: '0af7651916cd43dd8448eb211c80319c', agent: 'coder', model: 'example-model-4-0601' });
    expect(trajectory.steps.map(describeStep)).toEqual([
      '1000000000000002.task user',
      '1000000000000002 assistant',
      '1000000000000002.call1 call read_file',
      '1000000000000003.result result ok',
      '1000000000000004 assistant',
      '1000000000000004.call1 call edit_file',
      '1000000000000005.result result error',
      '1000000000000006 assistant',
    ]);
    expect(trajectory.steps[1]).toMatchObject({ text: 'I will read the file first.', usage: { inputTokens: 200, cachedInputTokens: 100, outputTokens: 25 } });
    expect(trajectory.steps[2]).toMatchObject({ callId: 'call_a1', input: { path: 'src/config.py' } });
    expect(trajectory.steps[6]).toMatchObject({ output: 'PermissionError: src/config.py is read-only', isError: true });
  });

  it('derives the span id back from every step id', () => {
    expect(['l1000000000001l1', 'l1000000000001l1.code', 't1000000000003t1.result', 's2000000000002s2#2'].map(spanIdOfStep)).toEqual([
      'l1000000000001l1', 'l1000000000001l1', 't1000000000003t1', 's2000000000002s2',
    ]);
  });

  it.skipIf(!hasSharedData)('reads all TRAIL traces without diagnostics, each starting with the task', async () => {
    let steps = 0;
    for (const file of trailFiles) {
      const result = await readFileTrajectories(file);
      expect(result.format).toBe('otel');
      expect(result.diagnostics).toEqual([]);
      expect(result.trajectories).toHaveLength(1);
      const [trajectory] = result.trajectories;
      expect(trajectory.steps[0]).toMatchObject({ kind: 'user', origin: 'prompt' });
      steps += trajectory.steps.length;
    }
    expect(steps).toBeGreaterThan(2000);
  });
});
