import { describe, expect, it } from 'vitest';
import { clausesOf, collapsedWhitespace, MAXIMUM_CLAUSE_CHARACTERS, MAXIMUM_SCANNED_CHARACTERS } from './clauses.js';

describe('collapsedWhitespace', () => {
  it.each([
    { text: '', expected: '' },
    { text: '   ', expected: '' },
    { text: 'already collapsed', expected: 'already collapsed' },
    { text: '  padded  ', expected: 'padded' },
    { text: 'a\tb', expected: 'a b' },
    { text: 'a \n\r\n b', expected: 'a b' },
    { text: 'a\u00a0\u3000b', expected: 'a b' },
    { text: 'one two  three   four', expected: 'one two three four' },
    { text: `don't${' '.repeat(1_000)}push`, expected: "don't push" },
    { text: 'bc\t.', maximum: 3, expected: 'bc ' },
    { text: 'abc def', maximum: 5, expected: 'abc d' },
    { text: ' abc', maximum: 0, expected: '' },
    { text: 'abc def', maximum: 7, expected: 'abc def' },
    { text: 'abc def', maximum: 6, expected: 'abc de' },
  ])('$text (at most $maximum)', ({ text, maximum, expected }) => {
    expect(collapsedWhitespace(text, maximum)).toBe(expected);
  });
});

describe('clausesOf', () => {
  it.each([
    { text: 'Fix the parser. Do not push.', expected: ['Fix the parser.', 'Do not push.'] },
    { text: 'fix it, and do not push', expected: ['fix it', 'do not push'] },
    { text: 'line one\n\n  line   two  ', expected: ['line one', 'line two'] },
    { text: `${'#'.repeat(50)}\nnever push`, expected: ['#'.repeat(50), 'never push'] },
    { text: 'never push\nfix it\nnever push\n  never   push\nfix it. Never push.', expected: ['never push', 'fix it', 'fix it.', 'Never push.'] },
    { text: 'keep going and then stop', expected: ['keep going and then stop'] },
    { text: 'fix the parser — never touch the tests', expected: ['fix the parser', 'never touch the tests'] },
  ])('$text', ({ text, expected }) => {
    expect(clausesOf(text)).toEqual(expected);
  });

  it('splits the same text once (the clauses are shared)', () => {
    const text = 'Do not push. Keep the tests green.';
    expect(clausesOf(text)).toBe(clausesOf(text));
    expect(clausesOf(`${text} `)).not.toBe(clausesOf(text));
  });

  it(`reads at most ${MAXIMUM_SCANNED_CHARACTERS} characters, in clauses of at most ${MAXIMUM_CLAUSE_CHARACTERS}`, () => {
    const clauses = clausesOf(`${'word '.repeat(MAXIMUM_SCANNED_CHARACTERS)}\nnever push`);
    expect(clauses).toHaveLength(1);
    expect(clauses[0]).toHaveLength(MAXIMUM_CLAUSE_CHARACTERS);
  });
});
