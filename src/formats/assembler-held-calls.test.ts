import { describe, expect, it } from 'vitest';
import type { SessionMetadata } from '../trajectory/session.js';
import type { Step } from '../trajectory/step.js';
import { MAXIMUM_HELD_STEPS, TrajectoryAssembler } from './assembler.js';

const REFUSAL = 'PreToolUse:Bash hook error: wink refused this call before it ran: it goes against what the user says: "Do not push."';

function session(): SessionMetadata {
  return { id: 'session', agent: 'claude-code', environment: 'cli', format: 'claude-code', sourceFile: 'session.jsonl' };
}

/** An assembler whose listener records each step as it is handed on, with what it looked like at that moment. */
function recorded(holdCallsForResults: boolean) {
  const seen: Array<{ id: string; kind: Step['kind']; refused: boolean; commands: number; countWhenSeen: number }> = [];
  const assembler = new TrajectoryAssembler(session(), {
    file: 'session.jsonl',
    format: 'claude-code',
    keepSteps: true,
    holdCallsForResults,
    diagnostic: () => undefined,
    onStep: (step) =>
      seen.push({
        id: step.id,
        kind: step.kind,
        refused: step.kind === 'tool-call' ? step.refusedByHook === true : false,
        commands: step.kind === 'tool-call' ? step.effects.commands.length : 0,
        countWhenSeen: assembler.stepCount,
      }),
  });
  return { assembler, seen };
}

const push = { tool: 'Bash', input: { command: 'git push origin main' } };

describe('TrajectoryAssembler: a call held until its result', () => {
  const cases: Array<{ name: string; hold?: boolean; build: (assembler: TrajectoryAssembler) => void; refused: boolean; commands: number; order: string[] }> = [
    {
      name: 'a result that is a hook refusal: the call is handed on refused, without effects',
      build: (assembler) => {
        assembler.toolCall({ id: 'call', callId: 'toolu_1', ...push });
        assembler.toolResult({ id: 'result', callId: 'toolu_1', output: REFUSAL, isError: true, refusedByHook: true });
      },
      refused: true,
      commands: 0,
      order: ['call', 'result'],
    },
    {
      name: 'hook context between the call and its refusal',
      build: (assembler) => {
        assembler.toolCall({ id: 'call', callId: 'toolu_1', ...push });
        assembler.event({ id: 'hook', event: 'hook', text: 'PreToolUse context' });
        assembler.user({ id: 'context', text: 'a hook says hello', origin: 'injected', context: { kind: 'hook-context', source: 'PreToolUse' } });
        assembler.toolResult({ id: 'result', callId: 'toolu_1', output: REFUSAL, isError: true, refusedByHook: true });
      },
      refused: true,
      commands: 0,
      order: ['call', 'hook', 'context', 'result'],
    },
    {
      name: 'a failed run is no refusal: the call keeps its effects',
      build: (assembler) => {
        assembler.toolCall({ id: 'call', callId: 'toolu_1', ...push });
        assembler.toolResult({ id: 'result', callId: 'toolu_1', output: 'Exit code 128\nfatal: no remote', isError: true, exitCode: 128 });
      },
      refused: false,
      commands: 1,
      order: ['call', 'result'],
    },
    {
      name: 'a call that never gets a result is handed on when the agent moves on, in order',
      build: (assembler) => {
        assembler.toolCall({ id: 'call', callId: 'toolu_1', ...push });
        assembler.assistant({ id: 'reply', text: 'Next.' });
      },
      refused: false,
      commands: 1,
      order: ['call', 'reply'],
    },
    {
      name: 'without holding, the refusal comes too late to mark the call',
      hold: false,
      build: (assembler) => {
        assembler.toolCall({ id: 'call', callId: 'toolu_1', ...push });
        assembler.toolResult({ id: 'result', callId: 'toolu_1', output: REFUSAL, isError: true, refusedByHook: true });
      },
      refused: false,
      commands: 1,
      order: ['call', 'result'],
    },
  ];

  it.each(cases)('$name', ({ hold, build, refused, commands, order }) => {
    const { assembler, seen } = recorded(hold ?? true);
    build(assembler);
    const trajectory = assembler.end();
    expect(seen.map((step) => step.id)).toEqual(order);
    expect(trajectory?.steps.map((step) => step.id)).toEqual(order);
    const call = seen.find((step) => step.id === 'call');
    expect(call).toMatchObject({ refused, commands });
    expect(trajectory?.steps.map((step) => step.index)).toEqual(order.map((_, position) => position));
  });

  it('hands a call on only once its result is read, and parallel calls once both are', () => {
    const { assembler, seen } = recorded(true);
    assembler.toolCall({ id: 'first', callId: 'toolu_1', ...push });
    assembler.toolCall({ id: 'second', callId: 'toolu_2', tool: 'Read', input: { file_path: 'a.ts' } });
    assembler.toolResult({ id: 'first-result', callId: 'toolu_1', output: REFUSAL, isError: true, refusedByHook: true });
    expect(seen).toEqual([]);
    assembler.toolResult({ id: 'second-result', callId: 'toolu_2', output: 'text', isError: false });
    expect(seen.map((step) => [step.id, step.refused])).toEqual([
      ['first', true],
      ['second', false],
      ['first-result', false],
      ['second-result', false],
    ]);
  });

  it(`holds at most ${MAXIMUM_HELD_STEPS} steps behind a call with no result`, () => {
    const { assembler, seen } = recorded(true);
    assembler.toolCall({ id: 'call', callId: 'toolu_1', ...push });
    for (let count = 1; count < MAXIMUM_HELD_STEPS; count++) assembler.event({ event: 'hook', text: `hook ${count}` });
    expect(seen.length).toBe(MAXIMUM_HELD_STEPS);
    expect(seen[0]).toMatchObject({ id: 'call', refused: false });
    assembler.event({ id: 'after', event: 'hook' });
    expect(seen.at(-1)).toMatchObject({ id: 'after', countWhenSeen: MAXIMUM_HELD_STEPS + 1 });
  });

  it('flush hands everything held on, and end keeps it in the trajectory', () => {
    const { assembler, seen } = recorded(true);
    assembler.user({ id: 'prompt', text: 'Fix it.' });
    assembler.toolCall({ id: 'call', callId: 'toolu_1', ...push });
    expect(seen.map((step) => step.id)).toEqual(['prompt']);
    assembler.flush();
    expect(seen.map((step) => step.id)).toEqual(['prompt', 'call']);
    expect(assembler.end()?.steps.map((step) => step.id)).toEqual(['prompt', 'call']);
  });
});

describe('TrajectoryAssembler: calls the host refused (isRefusedCall)', () => {
  it.each([
    { name: 'a refused call: no effects, and its result is a refusal, not a failure', refused: true },
    { name: 'a call the host let run: effects, and its error result is a failure', refused: false },
  ])('$name', ({ refused }) => {
    const steps: Step[] = [];
    const assembler = new TrajectoryAssembler(session(), {
      file: 'session',
      format: 'session',
      keepSteps: false,
      diagnostic: () => undefined,
      onStep: (step) => steps.push(step),
      isRefusedCall: (call) => refused && call.callId === 'call_1' && call.tool === 'Bash',
    });
    assembler.toolCall({ callId: 'call_1', ...push });
    assembler.toolResult({ callId: 'call_1', output: 'Error: refused', isError: true });
    const [call, result] = steps;
    expect(call.kind === 'tool-call' && call.effects.commands.length).toBe(refused ? 0 : 1);
    expect(result.kind === 'tool-result' && [result.refusedByHook === true, result.isError]).toEqual([refused, !refused]);
  });
});
