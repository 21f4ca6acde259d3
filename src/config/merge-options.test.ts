import { describe, expect, it } from 'vitest';
import { mergeOptions } from './merge-options.js';

const DEFAULTS = {
  mode: 'intervene',
  checkInterval: 5,
  preToolUse: { forbiddenCommand: 'block', 'tool-call-failure': 'warn', 'infinite-loop': 'warn' },
  budget: { limits: { sessionTokens: 100, runTokens: 1000 } },
  exemptCommands: ['sleep', 'watch'],
};

const CASES: Array<{ name: string; overrides: object | undefined; expected: object }> = [
  { name: 'no overrides: the defaults', overrides: undefined, expected: DEFAULTS },
  { name: 'a top-level value replaces its default', overrides: { checkInterval: 7 }, expected: { ...DEFAULTS, checkInterval: 7 } },
  {
    name: 'one key of a nested map changes that key only',
    overrides: { preToolUse: { 'tool-call-failure': 'block' } },
    expected: { ...DEFAULTS, preToolUse: { forbiddenCommand: 'block', 'tool-call-failure': 'block', 'infinite-loop': 'warn' } },
  },
  { name: 'a new key of a nested map is added', overrides: { preToolUse: { forbiddenEdit: 'warn' } }, expected: { ...DEFAULTS, preToolUse: { ...DEFAULTS.preToolUse, forbiddenEdit: 'warn' } } },
  { name: 'maps merge at every depth', overrides: { budget: { limits: { runTokens: 5 } } }, expected: { ...DEFAULTS, budget: { limits: { sessionTokens: 100, runTokens: 5 } } } },
  { name: 'arrays replace the default whole', overrides: { exemptCommands: ['tail -f'] }, expected: { ...DEFAULTS, exemptCommands: ['tail -f'] } },
  { name: 'undefined keeps the default', overrides: { checkInterval: undefined }, expected: DEFAULTS },
  { name: 'a non-object over a map replaces it', overrides: { budget: false }, expected: { ...DEFAULTS, budget: false } },
];

describe('mergeOptions', () => {
  it.each(CASES)('$name', ({ overrides, expected }) => {
    const before = JSON.stringify(DEFAULTS);
    expect(mergeOptions(DEFAULTS, overrides)).toEqual(expected);
    expect(JSON.stringify(DEFAULTS), 'the defaults are never changed').toBe(before);
  });
});
