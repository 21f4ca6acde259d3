import { describe, expect, it } from 'vitest';
import { MAXIMUM_PATH_WORD_CHARACTERS, pathTargetsOf, targetsOf } from './extract.js';

describe('targetsOf', () => {
  it.each([
    { phrase: 'the tests', expected: ['class:test'] },
    { phrase: 'the tests in src/parser.ts', expected: ['class:test', 'path:src/parser.ts'] },
    { phrase: 'the config and docs/', expected: ['class:config', 'class:docs', 'directory:docs'] },
    { phrase: 'anything', expected: [] },
  ])('$phrase', ({ phrase, expected }) => {
    expect(targetsOf(phrase)).toEqual(expected);
  });
});

describe('pathTargetsOf', () => {
  it.each([
    { phrase: 'edit src/parser.ts and ./lib/util.py.', expected: ['path:src/parser.ts', 'path:lib/util.py'] },
    { phrase: 'only `src/`, (docs/*.md) or "tests/"', expected: ['directory:src', 'glob:docs/*.md', 'directory:tests'] },
    { phrase: 'e.g. etc. see https://example.com/a.md', expected: [] },
    { phrase: 'a.py\u00a0b.py\u3000c.py\ufeffd.py\u2003e.py', expected: ['path:a.py', 'path:b.py', 'path:c.py', 'path:d.py', 'path:e.py'] },
    { phrase: 'no paths here, and you and you', expected: [] },
    { phrase: `${'.'.repeat(10_000)} src/a.ts`, expected: ['path:src/a.ts'] },
    { phrase: `only ${'*'.repeat(MAXIMUM_PATH_WORD_CHARACTERS + 1)} and lib/`, expected: ['directory:lib'] },
    { phrase: `src/${'a'.repeat(MAXIMUM_PATH_WORD_CHARACTERS)}.ts`, expected: [] },
    { phrase: `src/${'a'.repeat(MAXIMUM_PATH_WORD_CHARACTERS - 7)}.ts`, expected: [`path:src/${'a'.repeat(MAXIMUM_PATH_WORD_CHARACTERS - 7)}.ts`] },
  ])('$phrase', ({ phrase, expected }) => {
    expect(pathTargetsOf(phrase)).toEqual(expected);
  });
});
