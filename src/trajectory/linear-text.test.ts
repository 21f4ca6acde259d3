import { describe, expect, it } from 'vitest';
import { beforeFirst, withoutTrailing, withoutTrailingSpacesPerLine } from './linear-text.js';

/** Length of the hostile runs below: a quadratic implementation takes seconds on them. */
const LONG_RUN = 200_000;
/** Generous ceiling for one call on a hostile run (a linear walk takes about a millisecond). */
const CEILING_MILLISECONDS = 250;

function timed<Result>(operation: () => Result): { result: Result; milliseconds: number } {
  const started = performance.now();
  const result = operation();
  return { result, milliseconds: performance.now() - started };
}

describe('withoutTrailing', () => {
  it.each([
    { text: 'a///', characters: '/', expected: 'a' },
    { text: '///', characters: '/', expected: '' },
    { text: 'a/b', characters: '/', expected: 'a/b' },
    { text: '', characters: '/', expected: '' },
    { text: 'x \t ', characters: ' \t', expected: 'x' },
  ])('$text without trailing $characters is $expected', ({ text, characters, expected }) => {
    expect(withoutTrailing(text, characters)).toBe(expected);
  });
});

describe('withoutTrailingSpacesPerLine', () => {
  it.each([
    { text: 'a  \nb\t\n c ', expected: 'a\nb\n c' },
    { text: 'no spaces', expected: 'no spaces' },
    { text: '   \n', expected: '\n' },
  ])('$text', ({ text, expected }) => {
    expect(withoutTrailingSpacesPerLine(text)).toBe(expected);
  });

  it('is linear on a long run of spaces that does not end the line', () => {
    const { result, milliseconds } = timed(() => withoutTrailingSpacesPerLine(`${' '.repeat(LONG_RUN)}x`));
    expect(result.length).toBe(LONG_RUN + 1);
    expect(milliseconds).toBeLessThan(CEILING_MILLISECONDS);
  });
});

describe('beforeFirst', () => {
  it.each([
    { text: 'span-1.2', characters: '.#', expected: 'span-1' },
    { text: 'span-1#tool', characters: '.#', expected: 'span-1' },
    { text: 'span-1', characters: '.#', expected: 'span-1' },
  ])('$text before $characters is $expected', ({ text, characters, expected }) => {
    expect(beforeFirst(text, characters)).toBe(expected);
  });
});
