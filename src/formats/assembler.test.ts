import { describe, expect, it } from 'vitest';
import { MAXIMUM_REMEMBERED_IDS, TrajectoryAssembler } from './assembler.js';
import type { Step } from '../trajectory/step.js';

function assembler(keepSteps: boolean): { assembler: TrajectoryAssembler; steps: Step[]; diagnostics: string[] } {
  const steps: Step[] = [];
  const diagnostics: string[] = [];
  const created = new TrajectoryAssembler({ id: 's', sourceFile: 'f', format: 'test' } as never, { file: 'f', format: 'test', keepSteps, onStep: (step) => steps.push(step), diagnostic: (line, message) => diagnostics.push(`${line}: ${message}`) });
  return { assembler: created, steps, diagnostics };
}

/** Adds `count` user steps with ids of their own. */
function addFiller(target: TrajectoryAssembler, count: number): void {
  for (let index = 0; index < count; index++) target.user({ id: `filler-${index}`, text: 'x' });
}

describe('ids while streaming (steps not kept)', () => {
  it.each([
    { name: 'a repeated id within the window is made unique', gap: 10, keepSteps: false, id: 'same#2' },
    { name: 'a repeated id beyond the window is kept as it is', gap: MAXIMUM_REMEMBERED_IDS, keepSteps: false, id: 'same' },
    { name: 'when steps are kept, every id is remembered', gap: MAXIMUM_REMEMBERED_IDS, keepSteps: true, id: 'same#2' },
  ])('$name', ({ gap, keepSteps, id }) => {
    const { assembler: target, steps } = assembler(keepSteps);
    target.user({ id: 'same', text: 'first' });
    addFiller(target, gap);
    target.user({ id: 'same', text: 'again' });
    expect(steps.at(-1)?.id).toBe(id);
  });

  it.each([
    { name: 'a result within the window is linked to its call', gap: 10, keepSteps: false, synthetic: false },
    { name: 'a result beyond the window gets a placeholder call', gap: MAXIMUM_REMEMBERED_IDS, keepSteps: false, synthetic: true },
    { name: 'when steps are kept, every call is remembered', gap: MAXIMUM_REMEMBERED_IDS, keepSteps: true, synthetic: false },
  ])('$name', ({ gap, keepSteps, synthetic }) => {
    const { assembler: target, steps, diagnostics } = assembler(keepSteps);
    target.toolCall({ callId: 'call-0', tool: 'Bash', input: { command: 'ls' } });
    for (let index = 1; index <= gap; index++) target.toolCall({ callId: `call-${index}`, tool: 'Bash', input: { command: 'ls' } });
    target.toolResult({ callId: 'call-0', output: 'a', isError: false });
    const placeholders = steps.filter((step) => step.kind === 'tool-call' && step.synthetic === true);
    expect(placeholders.length > 0).toBe(synthetic);
    expect(diagnostics.length > 0).toBe(synthetic);
  });
});
