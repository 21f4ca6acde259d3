import { describe, expect, it } from 'vitest';
import { MAXIMUM_TOKENS, TOKENIZED_HEAD_CHARACTERS, TOKENIZED_TAIL_CHARACTERS, tokenSet } from './similarity.js';

/** The tokens as the definition reads: distinct FNV-1a hashes of the lower-cased runs, first ones first, bounded. */
function referenceTokens(text: string): number[] {
  const runsOf = (part: string) => part.toLowerCase().match(/[a-z0-9_]{2,}/g) ?? [];
  const hashOf = (run: string) => {
    let hash = 0x811c9dc5;
    for (let position = 0; position < run.length; position++) hash = Math.imul(hash ^ run.charCodeAt(position), 0x01000193);
    return hash >>> 0;
  };
  const seen = new Set<number>();
  const add = (part: string, limit: number) => {
    for (const run of runsOf(part)) {
      if (seen.size >= limit) return;
      seen.add(hashOf(run));
    }
  };
  if (text.length <= TOKENIZED_HEAD_CHARACTERS + TOKENIZED_TAIL_CHARACTERS) add(text, MAXIMUM_TOKENS);
  else {
    add(text.slice(0, TOKENIZED_HEAD_CHARACTERS), MAXIMUM_TOKENS / 2);
    add(text.slice(text.length - TOKENIZED_TAIL_CHARACTERS), MAXIMUM_TOKENS);
  }
  return [...seen];
}

const manyWords = (count: number, prefix = 'word') => Array.from({ length: count }, (_, position) => `${prefix}${position}`).join(' ');

describe('tokenSet: distinct token hashes, first ones first, bounded', () => {
  it.each([
    ['an empty text', ''],
    ['one-letter runs are no tokens', 'a b c d'],
    ['repeated tokens count once', 'error error Error ERROR warning error'],
    ['case and punctuation', 'TypeError: cannot read property "x" of undefined (at src/a.ts:12)'],
    ['more distinct tokens than kept', manyWords(400)],
    ['a long text: head and tail', `${manyWords(2000)} ${manyWords(50, 'tail')}`],
    ['a long text of few tokens said again and again', 'alpha beta gamma '.repeat(2000)],
    ['the same token in the head and the tail', `${'shared '.repeat(1000)}${'x'.repeat(5000)} shared end`],
  ])('%s', (_, text) => {
    expect(tokenSet(text)).toEqual(referenceTokens(text));
  });

  it('a call starts from nothing: the tokens of one text do not count as seen in the next', () => {
    tokenSet(manyWords(150));
    expect(tokenSet(manyWords(150))).toEqual(referenceTokens(manyWords(150)));
  });
});
