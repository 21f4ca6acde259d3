/**
 * A deep copy of plain JSON state (objects, arrays, strings, numbers, booleans, null), as the detectors' snapshot
 * is: several times cheaper than a JSON round trip, which checking a proposed tool call pays at every call. Object
 * properties whose value is `undefined` are left out, as JSON leaves them out.
 */
export function copyJsonState<Value>(value: Value): Value {
  return copyValue(value) as Value;
}

function copyValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index++) copy[index] = copyValue(value[index]);
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) copy[key] = copyValue(field);
  }
  return copy;
}
