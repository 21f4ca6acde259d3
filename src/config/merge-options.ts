/**
 * Merging options over their defaults, key by key. A configuration that sets one key of a nested map
 * (`observer.preToolUse`, `llm.budget`, a detector's options) changes that key only: every other default of the
 * map stays. Only plain objects merge; anything else the caller sets (arrays, strings, numbers, `false`) replaces
 * the default whole, and a key set to `undefined` keeps the default.
 */

/** True for `{…}` objects (not arrays, null, class instances such as RegExp or Date). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** The defaults with the overrides merged in, key by key at every depth; neither argument is changed. */
export function mergeOptions<Options extends object>(defaults: Options, overrides: object | undefined): Options {
  if (overrides === undefined) return { ...defaults };
  const merged: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const base = merged[key];
    merged[key] = isPlainObject(base) && isPlainObject(value) ? mergeOptions(base, value) : value;
  }
  return merged as Options;
}
