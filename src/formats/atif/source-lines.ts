/** Finds the lines of keyed records in pretty-printed JSON without a second parse. */

/** The keys whose lines readers look up (test/patterns checks the patterns built from them). */
export const KEYED_LINE_KEYS = ['step_id', 'span_id', 'spanId'] as const;

/** `"key": "value"` or `"key": 123` in JSON text (global: one match per occurrence). */
export function keyedValuePattern(key: string): RegExp {
  return new RegExp(`"${key}"\\s*:\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|(-?\\d+))`, 'g');
}

/**
 * Maps each value of `"key": value` (a string or a number) found in `text` to the 1-based line it is on;
 * the first occurrence wins. Used to give steps and spans a line in single-document files.
 */
export function keyedLines(text: string, key: string): Map<string, number> {
  const lines = new Map<string, number>();
  const pattern = keyedValuePattern(key);
  let line = 1;
  let scanned = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    for (let position = text.indexOf('\n', scanned); position !== -1 && position < match.index; position = text.indexOf('\n', position + 1)) line++;
    scanned = match.index;
    const value = match[1] ?? match[2];
    if (!lines.has(value)) lines.set(value, line);
  }
  return lines;
}
