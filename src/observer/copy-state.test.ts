import { describe, expect, it } from 'vitest';
import { copyJsonState } from './copy-state.js';

/** Changes every object and array inside a value. */
function mutate(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach(mutate);
    value.push('added');
    return;
  }
  for (const field of Object.values(value)) mutate(field);
  (value as Record<string, unknown>).added = true;
}

describe('copyJsonState', () => {
  it.each([
    { name: 'nested objects and arrays', value: { a: [1, { b: 'x', c: [true, null] }], d: { e: { f: 2.5 } } } },
    { name: 'an empty object and array', value: { list: [], map: {} } },
    { name: 'scalars', value: ['text', 0, -1, false, null] },
  ])('$name: equal to a JSON round trip, and shares nothing with the original', ({ value }) => {
    const copy = copyJsonState(value);
    expect(copy).toEqual(JSON.parse(JSON.stringify(value)));
    const original = JSON.stringify(value);
    mutate(copy);
    expect(JSON.stringify(value)).toBe(original);
  });

  it('leaves out properties whose value is undefined, as JSON does', () => {
    expect(copyJsonState({ kept: 1, dropped: undefined })).toEqual({ kept: 1 });
    expect(Object.keys(copyJsonState({ kept: 1, dropped: undefined }))).toEqual(['kept']);
  });
});
