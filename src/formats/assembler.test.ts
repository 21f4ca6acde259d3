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

describe('the outcome of every result', () => {
  it.each([
    { name: 'a flagged success stays a success whatever its text', call: { tool: 'Bash', input: { command: 'python a.py' } }, result: { output: "Traceback (most recent call last):\nKeyError: 'x'", isError: false }, outcome: { status: 'success', basis: 'flag' } },
    { name: 'a result with no flag is read from its text', call: { tool: 'bash', input: { command: 'pnpmx test' } }, result: { output: 'bash: pnpmx: command not found', isError: false, hasErrorFlag: false }, outcome: { status: 'error', basis: 'content', cause: 'agent', kind: 'command-not-found' } },
    { name: 'a code action’s failure is named from the tools its code calls', call: { tool: 'python_interpreter', input: { code: 'x = web_search(query="a")' }, code: { language: 'python', code: 'x = web_search(query="a")', tools: ['web_search'] } }, result: { output: "Code execution failed at line 'x = web_search(query=\"a\")' due to: Exception: No results found", isError: true }, outcome: { status: 'error', basis: 'flag', cause: 'unknown', kind: 'tool-exception' } },
  ])('$name', ({ call, result, outcome }) => {
    const { assembler: target, steps } = assembler(true);
    target.toolCall({ callId: 'c1', ...call });
    target.toolResult({ callId: 'c1', ...result });
    expect(steps.at(-1)).toMatchObject({ kind: 'tool-result', outcome });
  });

  it('gives a code action the tools its code calls', () => {
    const { assembler: target } = assembler(true);
    const step = target.toolCall({ callId: 'c1', tool: 'python_interpreter', input: {}, code: { language: 'python', code: 'print(visit_page(url=u))', tools: ['visit_page', 'web_search'] } });
    expect(step.code).toEqual({ language: 'python', calls: [{ tool: 'visit_page', arguments: 'url=u' }], tools: ['visit_page', 'web_search'] });
  });
});
