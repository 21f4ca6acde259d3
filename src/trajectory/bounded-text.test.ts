import { describe, expect, it } from 'vitest';
import { boundedText, detachedCopy, exceedsBounds, OMITTED_MARKER_ALLOWANCE, OMITTED_MARKER_END, OMITTED_MARKER_START } from './bounded-text.js';

const bounds = { head: 4, tail: 3 };
/** Characters over head + tail a text may have and still be kept whole (room for the marker). */
const KEPT_WHOLE = 4 + 3 + OMITTED_MARKER_ALLOWANCE;

function marker(omitted: number): string {
  return `${OMITTED_MARKER_START}${omitted}${OMITTED_MARKER_END}`;
}

describe('boundedText', () => {
  it.each([
    { name: 'empty', text: '', expected: '' },
    { name: 'shorter than the bounds', text: 'abc', expected: 'abc' },
    { name: 'exactly head + tail', text: 'abcdefg', expected: 'abcdefg' },
    { name: 'no longer than head, tail and the marker', text: 'a'.repeat(KEPT_WHOLE), expected: 'a'.repeat(KEPT_WHOLE) },
    { name: 'one character longer', text: `abcd${'x'.repeat(KEPT_WHOLE - 6)}xyz`, expected: `abcd${marker(KEPT_WHOLE - 6)}xyz` },
    { name: 'far over', text: `abcd${'x'.repeat(1000)}xyz`, expected: `abcd${marker(1000)}xyz` },
    { name: 'a surrogate pair cut by the end of the head is left out whole', text: `abc\u{1F600}${'x'.repeat(100)}xyz`, expected: `abc${marker(102)}xyz` },
    { name: 'a surrogate pair cut by the start of the tail is left out whole', text: `abcd${'x'.repeat(100)}\u{1F600}yz`, expected: `abcd${marker(102)}yz` },
  ])('$name', ({ text, expected }) => {
    expect(boundedText(text, bounds)).toBe(expected);
    expect(exceedsBounds(text, bounds)).toBe(text !== expected);
  });

  it('returns the text itself when it fits, and a bounded text is bounded already', () => {
    const text = 'within';
    expect(boundedText(text, { head: 10, tail: 10 })).toBe(text);
    const bounded = boundedText('x'.repeat(10_000), bounds);
    expect(boundedText(bounded, bounds)).toBe(bounded);
  });

  it.each([
    { name: 'differing only in the middle: the same bounded form', left: `abcd${'x'.repeat(50)}xyz`, right: `abcd${'y'.repeat(50)}xyz`, same: true },
    { name: 'differing in the head: different', left: `abcd${'x'.repeat(50)}xyz`, right: `abce${'x'.repeat(50)}xyz`, same: false },
    { name: 'differing in the tail: different', left: `abcd${'x'.repeat(50)}xyz`, right: `abcd${'x'.repeat(50)}xyy`, same: false },
    { name: 'differing in length only: different', left: `abcd${'x'.repeat(50)}xyz`, right: `abcd${'x'.repeat(51)}xyz`, same: false },
  ])('two huge texts $name', ({ left, right, same }) => {
    expect(boundedText(left, bounds) === boundedText(right, bounds)).toBe(same);
  });
});

describe('detachedCopy', () => {
  it.each([
    { pieces: [], expected: '' },
    { pieces: ['a'], expected: 'a' },
    { pieces: ['ab', '', 'cd'], expected: 'abcd' },
    { pieces: ['x'.repeat(100).slice(10, 60)], expected: 'x'.repeat(50) },
  ])('joins $pieces.length pieces', ({ pieces, expected }) => {
    expect(detachedCopy(...pieces)).toBe(expected);
  });
});
