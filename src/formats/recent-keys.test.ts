import { describe, expect, it } from 'vitest';
import { RecentMap, RecentSet } from './recent-keys.js';

describe('RecentSet', () => {
  it.each([
    { name: 'under the capacity: remembers all', capacity: 3, added: ['a', 'b'], remembered: ['a', 'b'], forgotten: [] },
    { name: 'past the capacity: forgets the oldest', capacity: 2, added: ['a', 'b', 'c'], remembered: ['b', 'c'], forgotten: ['a'] },
    { name: 'adding again makes a key recent', capacity: 2, added: ['a', 'b', 'a', 'c'], remembered: ['a', 'c'], forgotten: ['b'] },
    { name: 'no capacity: remembers everything', capacity: Number.POSITIVE_INFINITY, added: ['a', 'b', 'c', 'd'], remembered: ['a', 'b', 'c', 'd'], forgotten: [] },
  ])('$name', ({ capacity, added, remembered, forgotten }) => {
    const set = new RecentSet<string>(capacity);
    for (const key of added) set.add(key);
    expect(set.size).toBe(remembered.length);
    for (const key of remembered) expect(set.has(key)).toBe(true);
    for (const key of forgotten) expect(set.has(key)).toBe(false);
  });
});

describe('RecentMap', () => {
  it.each([
    { name: 'under the capacity', capacity: 3, entries: [['a', 1], ['b', 2]], expected: { a: 1, b: 2 } },
    { name: 'past the capacity: forgets the oldest', capacity: 2, entries: [['a', 1], ['b', 2], ['c', 3]], expected: { b: 2, c: 3 } },
    { name: 'setting again makes an entry recent', capacity: 2, entries: [['a', 1], ['b', 2], ['a', 4], ['c', 3]], expected: { a: 4, c: 3 } },
  ] as Array<{ name: string; capacity: number; entries: Array<[string, number]>; expected: Record<string, number> }>)('$name', ({ capacity, entries, expected }) => {
    const map = new RecentMap<string, number>(capacity);
    for (const [key, value] of entries) map.set(key, value);
    expect(map.size).toBe(Object.keys(expected).length);
    for (const [key, value] of Object.entries(expected)) expect(map.get(key)).toBe(value);
  });

  it('deletes', () => {
    const map = new RecentMap<string, number>(2);
    map.set('a', 1);
    expect(map.delete('a')).toBe(true);
    expect(map.has('a')).toBe(false);
    expect(map.delete('a')).toBe(false);
  });
});
