import { describe, expect, it } from 'vitest';
import { RecentMap, RecentSet } from './recent-keys.js';

function* numbered(prefix: string, count: number): Generator<string> {
  for (let index = 0; index < count; index++) yield `${prefix}${index}`;
}

/** A map that forgets its least recently set key past `capacity`, kept the plain way (a Map in setting order). */
class ModelMap {
  readonly entries = new Map<string, number>();
  constructor(readonly capacity: number) {}
  set(key: string, value: number): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/** Deterministic pseudo-random numbers (a linear congruential generator), so a failing sequence can be replayed. */
function randomSequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

describe('RecentSet', () => {
  it.each([
    { name: 'under the capacity: remembers all', capacity: 3, added: ['a', 'b'], remembered: ['a', 'b'], forgotten: [] },
    { name: 'past the capacity: forgets the oldest', capacity: 2, added: ['a', 'b', 'c'], remembered: ['b', 'c'], forgotten: ['a'] },
    { name: 'adding again makes a key recent', capacity: 2, added: ['a', 'b', 'a', 'c'], remembered: ['a', 'c'], forgotten: ['b'] },
    { name: 'no capacity: remembers everything', capacity: Number.POSITIVE_INFINITY, added: ['a', 'b', 'c', 'd'], remembered: ['a', 'b', 'c', 'd'], forgotten: [] },
    { name: 'many keys past the capacity: the last ones stay', capacity: 3, added: [...numbered('k', 5000)], remembered: ['k4997', 'k4998', 'k4999'], forgotten: ['k0', 'k4996'] },
    { name: 'one key added again and again stays recent', capacity: 2, added: ['a', ...Array<string>(5000).fill('b'), 'c'], remembered: ['b', 'c'], forgotten: ['a'] },
  ])('$name', ({ capacity, added, remembered, forgotten }) => {
    const set = new RecentSet<string>(capacity);
    for (const key of added) set.add(key);
    expect(set.size).toBe(remembered.length);
    for (const key of remembered) expect(set.has(key)).toBe(true);
    for (const key of forgotten) expect(set.has(key)).toBe(false);
  });
});

describe('RecentSet.addNew', () => {
  it.each([
    { name: 'a new key is added', capacity: 3, before: ['a'], key: 'b', added: true, remembered: ['a', 'b'], forgotten: [] },
    { name: 'a key already there is not added again', capacity: 3, before: ['a', 'b'], key: 'a', added: false, remembered: ['a', 'b'], forgotten: [] },
    { name: 'a key already there is not made recent', capacity: 2, before: ['a', 'b'], key: 'a', added: false, remembered: ['b'], forgotten: ['a'], then: 'c' },
    { name: 'past the capacity: forgets the oldest', capacity: 2, before: ['a', 'b'], key: 'c', added: true, remembered: ['b', 'c'], forgotten: ['a'] },
  ])('$name', ({ capacity, before, key, added, remembered, forgotten, then }) => {
    const set = new RecentSet<string>(capacity);
    for (const earlier of before) set.add(earlier);
    expect(set.addNew(key)).toBe(added);
    if (then !== undefined) set.add(then);
    for (const kept of remembered) expect(set.has(kept)).toBe(true);
    for (const gone of forgotten) expect(set.has(gone)).toBe(false);
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

  it.each([
    { name: 'few keys, many refreshes', capacity: 8, keys: 12, operations: 20_000 },
    { name: 'many keys, past the capacity', capacity: 100, keys: 1000, operations: 20_000 },
    { name: 'keys mostly new', capacity: 50, keys: 100_000, operations: 20_000 },
  ])('forgets exactly what a plain setting-ordered map forgets: $name', ({ capacity, keys, operations }) => {
    const random = randomSequence(capacity * 7919 + keys);
    const map = new RecentMap<string, number>(capacity);
    const model = new ModelMap(capacity);
    for (let operation = 0; operation < operations; operation++) {
      const key = `k${Math.floor(random() * keys)}`;
      if (random() < 0.1) expect(map.delete(key)).toBe(model.entries.delete(key));
      else {
        map.set(key, operation);
        model.set(key, operation);
      }
      expect(map.size).toBe(model.entries.size);
    }
    for (let index = 0; index < keys && index < 2000; index++) expect(map.get(`k${index}`)).toBe(model.entries.get(`k${index}`));
  });

  it('deletes', () => {
    const map = new RecentMap<string, number>(2);
    map.set('a', 1);
    expect(map.delete('a')).toBe(true);
    expect(map.has('a')).toBe(false);
    expect(map.delete('a')).toBe(false);
  });
});
