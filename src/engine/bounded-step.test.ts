import { describe, expect, it } from 'vitest';
import { defineDetector, type Detector } from '../detectors/define.js';
import repeatedToolCall from '../detectors/repeated-tool-call.js';
import { trajectory } from '../testing/trajectory-builder.js';
import { OMITTED_MARKER_ALLOWANCE } from '../trajectory/bounded-text.js';
import { canonicalJson } from '../trajectory/canonical.js';
import type { Step, ToolCallStep } from '../trajectory/step.js';
import { boundedStep, exceedsStepBounds, MAXIMUM_EFFECT_ENTRIES, MAXIMUM_INPUT_CHARACTERS, MAXIMUM_INPUT_DEPTH, MAXIMUM_INPUT_VALUES, OMITTED_VALUE, STEP_TEXT_BOUNDS } from './bounded-step.js';
import { analyzeTrajectory } from './engine.js';

/** Longest a bounded text can be: head, tail and the marker between them. */
const LONGEST_BOUNDED_TEXT = STEP_TEXT_BOUNDS.head + STEP_TEXT_BOUNDS.tail + OMITTED_MARKER_ALLOWANCE;
/** A text well over the bounds. */
const HUGE = 'x'.repeat(300_000);

function stepOf(build: (builder: ReturnType<typeof trajectory>) => ReturnType<typeof trajectory>, kind: Step['kind']): Step {
  const step = build(trajectory()).build().steps.find((candidate) => candidate.kind === kind);
  if (!step) throw new Error(`no ${kind} step`);
  return step;
}

function callOf(input: unknown, tool = 'mcp__x__y'): ToolCallStep {
  return stepOf((builder) => builder.tool(tool, input, 'ok'), 'tool-call') as ToolCallStep;
}

/** Depth of nested arrays. */
function depthOf(value: unknown): number {
  return Array.isArray(value) && value.length > 0 ? 1 + depthOf(value[0]) : 0;
}

describe('steps within the bounds are handed over as they are', () => {
  const normal = trajectory()
    .user('fix the parser, do not push')
    .assistant('Looking.', { reasoning: 'think' })
    .read('src/parser.ts', 'export const x = 1;\n'.repeat(100))
    .edit('src/parser.ts', 'x = 1', 'x = 2')
    .run('npm test', 'ok '.repeat(2_000))
    .event('compaction', 'summary')
    .build();
  it.each(normal.steps.map((step) => ({ kind: step.kind, index: step.index, step })))('step $index ($kind)', ({ step }) => {
    expect(exceedsStepBounds(step)).toBe(false);
    expect(boundedStep(step)).toBe(step);
  });
});

describe('huge steps are bounded', () => {
  it.each([
    { name: 'a prompt', step: stepOf((builder) => builder.user(HUGE), 'user'), texts: (step: Step) => [step.kind === 'user' ? step.text : ''] },
    { name: 'assistant text and reasoning', step: stepOf((builder) => builder.assistant(HUGE, { reasoning: HUGE }), 'assistant'), texts: (step: Step) => (step.kind === 'assistant' ? [step.text, step.reasoning ?? ''] : []) },
    { name: 'a tool output', step: stepOf((builder) => builder.run('cat big.log', HUGE), 'tool-result'), texts: (step: Step) => [step.kind === 'tool-result' ? step.output : ''] },
    { name: 'an event text', step: stepOf((builder) => builder.event('compaction', HUGE), 'event'), texts: (step: Step) => [step.kind === 'event' ? (step.text ?? '') : ''] },
    { name: 'a shell command', step: stepOf((builder) => builder.run(`echo ${HUGE}`, 'ok'), 'tool-call'), texts: (step: Step) => (step.kind === 'tool-call' ? step.effects.commands : []) },
    { name: 'an edit', step: stepOf((builder) => builder.edit('src/a.ts', HUGE, `${HUGE}!`), 'tool-call'), texts: (step: Step) => (step.kind === 'tool-call' ? step.effects.edits.flatMap((edit) => [edit.oldText ?? '', edit.newText ?? '']) : []) },
    { name: 'a path', step: stepOf((builder) => builder.read(HUGE, 'x'), 'tool-call'), texts: (step: Step) => (step.kind === 'tool-call' ? step.effects.filesRead : []) },
  ])('$name', ({ step, texts }) => {
    expect(exceedsStepBounds(step)).toBe(true);
    const bounded = boundedStep(step);
    expect(bounded).not.toBe(step);
    expect(boundedStep(step)).toBe(bounded);
    expect(bounded.index).toBe(step.index);
    expect(bounded.kind).toBe(step.kind);
    expect(boundedStep(bounded)).toBe(bounded);
    expect(texts(bounded).length).toBeGreaterThan(0);
    for (const text of texts(bounded)) expect(text.length).toBeLessThanOrEqual(LONGEST_BOUNDED_TEXT);
    if (bounded.kind === 'tool-call') expect(bounded.canonicalInput.length).toBeLessThanOrEqual(MAXIMUM_INPUT_CHARACTERS + LONGEST_BOUNDED_TEXT);
  });

  it('a bounded call keeps its canonical input in step with its input', () => {
    const bounded = boundedStep(callOf({ query: HUGE, nested: { value: HUGE }, list: [HUGE, HUGE, HUGE, HUGE, HUGE] }));
    expect(bounded.canonicalInput).toBe(canonicalJson(bounded.input));
  });

  it.each([
    { name: `at most ${MAXIMUM_INPUT_VALUES} values`, input: { list: Array.from({ length: 20_000 }, (_, index) => index) }, check: (input: unknown) => expect((input as { list: unknown[] }).list.length).toBeLessThanOrEqual(MAXIMUM_INPUT_VALUES) },
    { name: `at most ${MAXIMUM_INPUT_CHARACTERS} characters of texts`, input: { list: Array.from({ length: 100 }, () => HUGE) }, check: (input: unknown) => expect(canonicalJson(input).length).toBeLessThanOrEqual(MAXIMUM_INPUT_CHARACTERS + 100 * (OMITTED_MARKER_ALLOWANCE + 3)) },
    { name: `nesting cut at depth ${MAXIMUM_INPUT_DEPTH}`, input: [Array.from({ length: 200 }).reduce<unknown>((inner) => [inner], HUGE)], check: (input: unknown) => expect(depthOf(input)).toBeLessThanOrEqual(MAXIMUM_INPUT_DEPTH + 1) },
  ])('a huge tool input keeps $name', ({ input, check }) => {
    const bounded = boundedStep(callOf(input));
    check(bounded.input);
    expect(JSON.stringify(bounded.input)).toContain(OMITTED_VALUE.slice(0, 1));
  });

  it(`keeps at most ${MAXIMUM_EFFECT_ENTRIES} entries of an effect list`, () => {
    const files = Array.from({ length: 5_000 }, (_, index) => `file-${index}.txt`);
    const bounded = boundedStep(stepOf((builder) => builder.run(`rm ${files.join(' ')}`, ''), 'tool-call')) as ToolCallStep;
    expect(bounded.effects.filesDeleted).toHaveLength(MAXIMUM_EFFECT_ENTRIES);
    expect(bounded.effects.filesDeleted[0]).toBe('file-0.txt');
  });
});

describe('what detectors see of two huge inputs', () => {
  /** Records the canonical input of every call it sees. */
  function inputProbe(seen: string[]): Detector<object> {
    return defineDetector({
      id: 'input-probe',
      meta: { category: 'infinite-loop', requiresLlm: false, description: 'test', messages: {}, defaultOptions: {} },
      create: () => ({ 'tool-call': (step) => void seen.push(step.canonicalInput) }),
    }) as Detector<object>;
  }
  const head = 'a'.repeat(STEP_TEXT_BOUNDS.head);
  const tail = 'z'.repeat(STEP_TEXT_BOUNDS.tail);

  it.each([
    { name: 'differing only beyond the bounds (in the middle) look the same', first: `${head}${'m'.repeat(100_000)}${tail}`, second: `${head}${'n'.repeat(100_000)}${tail}`, same: true },
    { name: 'differing in the first characters look different', first: `b${head}${'m'.repeat(100_000)}${tail}`, second: `c${head}${'m'.repeat(100_000)}${tail}`, same: false },
    { name: 'differing in the last characters look different', first: `${head}${'m'.repeat(100_000)}${tail}b`, second: `${head}${'m'.repeat(100_000)}${tail}c`, same: false },
  ])('$name', ({ first, second, same }) => {
    const seen: string[] = [];
    analyzeTrajectory(trajectory().user('go').write('big.txt', first).write('big.txt', second).build(), { detectors: [inputProbe(seen)] });
    expect(seen).toHaveLength(2);
    expect(seen[0] === seen[1]).toBe(same);
  });

  it.each([
    { name: 'differing only in the middle: a repeated call', contents: [1, 2, 3].map((middle) => `${head}${String(middle).repeat(100_000)}${tail}`), findings: 1 },
    { name: 'differing at the start: three different calls', contents: [1, 2, 3].map((start) => `${start}${head}${'m'.repeat(100_000)}${tail}`), findings: 0 },
  ])('repeated-tool-call on three huge writes $name', ({ contents, findings }) => {
    let builder = trajectory().user('go');
    for (const content of contents) builder = builder.write('big.txt', content);
    const result = analyzeTrajectory(builder.build(), { detectors: [repeatedToolCall as Detector<object>] });
    expect(result.findings).toHaveLength(findings);
  });
});
