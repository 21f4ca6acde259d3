import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rememberAllRecent, rememberRecent } from './recent-items.js';

describe('recent items', () => {
  it.each<{ name: string; list: string[]; items: string[]; maximum: number; expected: string[] }>([
    { name: 'new items go last', list: ['a'], items: ['b', 'c', 'd'], maximum: 5, expected: ['a', 'b', 'c', 'd'] },
    { name: 'an item seen again moves last', list: ['a', 'b', 'c'], items: ['a', 'x', 'b'], maximum: 5, expected: ['c', 'a', 'x', 'b'] },
    { name: 'the oldest go first past the maximum', list: ['a', 'b'], items: ['c', 'd', 'e'], maximum: 3, expected: ['c', 'd', 'e'] },
    { name: 'thousands of items keep the last ones', list: ['old'], items: Array.from({ length: 5000 }, (_, index) => `f${index}`), maximum: 3, expected: ['f4997', 'f4998', 'f4999'] },
  ])('$name', ({ list, items, maximum, expected }) => {
    rememberAllRecent(list, items, maximum);
    expect(list).toEqual(expected);
  });

  it('remembering all at once is remembering each in turn', () => {
    const word = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g');
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 6 }), fc.array(word, { maxLength: 20 }), fc.integer({ min: 1, max: 6 }), (start, items, maximum) => {
        const initial = start.slice(-maximum);
        const oneByOne = [...initial];
        for (const item of items) rememberRecent(oneByOne, item, maximum);
        const atOnce = [...initial];
        rememberAllRecent(atOnce, items, maximum);
        expect(atOnce).toEqual(oneByOne);
      }),
    );
  });
});
