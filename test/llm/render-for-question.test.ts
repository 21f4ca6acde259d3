/**
 * Per-question rendering on a long Claude Code–shaped session (hundreds of steps, a rule file, a failing test
 * run in the middle, a second developer message, an unrequested edit and commit, a long closing claim): each
 * category's prompt keeps the instructions, the final messages whole and the evidence its question needs,
 * within the token budget — where the generic oldest-first rendering loses them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileTrajectories } from '../../src/formats/read.js';
import type { ClassifiedCategory } from '../../src/llm/classifiers/schema.js';
import { renderForQuestion } from '../../src/llm/render-for-question.js';
import { renderTrajectory } from '../../src/llm/render-trajectory.js';
import { hasNewMaterial, stepRelevance } from '../../src/llm/step-relevance.js';
import { trajectory } from '../../src/testing/trajectory-builder.js';
import type { Step } from '../../src/trajectory/step.js';
import { LONG_SESSION_MARKERS, longClaudeCodeSession } from './long-claude-code-session.js';

type Marker = keyof typeof LONG_SESSION_MARKERS;

/** The budget of a check (the default `llm.promptTokens`). */
const BUDGET = 12_000;
/** What every question needs: the developer's words, the rule file, the final claim whole. */
const ALWAYS: readonly Marker[] = ['request', 'requestConstraint', 'rule', 'secondRequest', 'finalClaim', 'finalEnd'];

const NEEDS: ReadonlyArray<{ category: ClassifiedCategory; evidence: readonly Marker[] }> = [
  { category: 'inaccurate-self-report', evidence: ['failingTest', 'failingSummary', 'dismissal'] },
  { category: 'tool-call-failure', evidence: ['failingTest', 'failingSummary', 'dismissal'] },
  { category: 'infinite-loop', evidence: ['failingTest', 'failingSummary'] },
  { category: 'unrequested-changes', evidence: ['unrequestedEdit', 'commit'] },
  { category: 'did-not-follow-instructions', evidence: ['unrequestedEdit', 'commit', 'failingSummary'] },
];

function missing(text: string, markers: readonly Marker[]): Marker[] {
  return markers.filter((marker) => !text.includes(LONG_SESSION_MARKERS[marker]));
}

let steps: Step[] = [];
let directory = '';

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'wink-long-session-'));
  const file = join(directory, 'session.jsonl');
  writeFileSync(file, `${longClaudeCodeSession({ iterations: 160 }).join('\n')}\n`);
  const read = await readFileTrajectories(file);
  steps = read.trajectories[0].steps;
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('per-question rendering of a long session', () => {
  it('reads a session of hundreds of steps that does not fit the budget whole', () => {
    expect(steps.length).toBeGreaterThan(300);
    const characters = steps.reduce((sum, step) => sum + JSON.stringify(step).length, 0);
    expect(characters / 4).toBeGreaterThan(10 * BUDGET);
  });

  it.each(NEEDS)('keeps what "$category" needs within the budget', ({ category, evidence }) => {
    const rendered = renderForQuestion(category, steps, { tokenBudget: BUDGET });
    expect(rendered.estimatedTokens).toBeLessThanOrEqual(BUDGET);
    expect(missing(rendered.text, [...ALWAYS, ...evidence])).toEqual([]);
    expect(rendered.omittedByTier.instruction).toBe(0);
    // What was left out is said: a summary with counts, and each run of steps with its range.
    expect(rendered.text).toMatch(/\[Left out as least relevant to this question: \d+ of \d+ steps \(/);
    expect(rendered.text).toMatch(/\[steps \d+–\d+ omitted as less relevant to this question: \d+ /);
  });

  it.each(NEEDS)('the generic oldest-first rendering loses part of what "$category" needs', ({ evidence }) => {
    const rendered = renderTrajectory(steps, { tokenBudget: BUDGET });
    expect(missing(rendered.text, [...ALWAYS, ...evidence]).length).toBeGreaterThan(0);
  });

  it.each(NEEDS)('an incremental check of "$category" at the end still shows the instructions and the earlier failure', ({ category }) => {
    const fromStep = steps.length - 12;
    const rendered = renderForQuestion(category, steps, { tokenBudget: BUDGET, fromStep });
    expect(missing(rendered.text, ALWAYS)).toEqual([]);
    if (category !== 'unrequested-changes') expect(missing(rendered.text, ['failingSummary'])).toEqual([]);
    expect(rendered.text).toContain(`[Steps before ${fromStep} were checked earlier`);
    expect(rendered.firstStep).toBe(fromStep);
  });
});

describe('step relevance', () => {
  const session = trajectory()
    .user('Fix the date parser in `src/parse.ts`. Do not touch package.json.')
    .read('src/parse.ts', 'export function parse() {}')
    .run('npm test', 'FAIL parse.test.ts\n1 failed', { exitCode: 1 })
    .assistant('That failure is unrelated.')
    .edit('package.json', '"a"', '"b"')
    .run('git push', 'pushed')
    .assistant('Pushed the branch.')
    .run('ls', 'a b c')
    .run('ls', 'a b c')
    .assistant('All tests pass and parse.ts is fixed.')
    .build().steps;
  const indexOf = (predicate: (step: Step) => boolean): number => session.find(predicate)?.index ?? -1;
  const testRun = indexOf((step) => step.kind === 'tool-call' && step.effects.commands.includes('npm test'));
  const reaction = indexOf((step) => step.kind === 'assistant' && step.text.startsWith('That failure'));
  const packageEdit = indexOf((step) => step.kind === 'tool-call' && step.effects.filesEdited.includes('package.json'));
  const push = indexOf((step) => step.kind === 'tool-call' && step.effects.commands.includes('git push'));
  const firstList = indexOf((step) => step.kind === 'tool-call' && step.effects.commands.includes('ls'));

  it.each([
    { category: 'inaccurate-self-report', step: testRun, tier: 'evidence' },
    { category: 'inaccurate-self-report', step: testRun + 1, tier: 'evidence' },
    { category: 'inaccurate-self-report', step: reaction, tier: 'evidence' },
    { category: 'tool-call-failure', step: reaction, tier: 'evidence' },
    { category: 'unrequested-changes', step: packageEdit, tier: 'evidence' },
    { category: 'unrequested-changes', step: push, tier: 'evidence' },
    { category: 'did-not-follow-instructions', step: packageEdit, tier: 'evidence' },
    { category: 'infinite-loop', step: firstList, tier: 'evidence' },
    { category: 'tool-call-failure', step: firstList, tier: 'supporting' },
    { category: 'unrequested-changes', step: 0, tier: 'instruction' },
    { category: 'infinite-loop', step: session.length - 1, tier: 'instruction' },
  ] as const)('$category: step $step is $tier', ({ category, step, tier }) => {
    expect(stepRelevance(category, session).tier.get(step)).toBe(tier);
  });
});

describe('new material for an incremental check', () => {
  const base = (): ReturnType<typeof trajectory> => trajectory().user('Fix the parser.').read('src/parse.ts', 'code').edit('src/parse.ts', 'a', 'b');
  const checkedUpTo = base().build().steps.length - 1;
  it.each([
    { name: 'a read only', build: () => base().read('src/other.ts', 'more code'), asked: [] },
    { name: 'an agent message', build: () => base().assistant('The parser is fixed and the tests pass.'), asked: ['inaccurate-self-report'] },
    { name: 'a failed command', build: () => base().run('npm test', 'FAIL', { exitCode: 1 }), asked: ['tool-call-failure', 'infinite-loop', 'unrequested-changes', 'did-not-follow-instructions'] },
    { name: 'an edit', build: () => base().edit('src/util.ts', 'x', 'y'), asked: ['unrequested-changes', 'infinite-loop', 'did-not-follow-instructions'] },
    { name: 'a developer message', build: () => base().user('Also, do not push.'), asked: ['unrequested-changes', 'did-not-follow-instructions'] },
  ] as const)('after $name, asks $asked', ({ build, asked }) => {
    const steps = build().build().steps;
    const categories: ClassifiedCategory[] = ['inaccurate-self-report', 'tool-call-failure', 'infinite-loop', 'unrequested-changes', 'did-not-follow-instructions'];
    expect(categories.filter((category) => hasNewMaterial(category, steps, checkedUpTo)).sort()).toEqual([...asked].sort());
  });
});
