/** Source lines of the elements of an array held under a key of a JSON document's root object. */

/** Position of the quote that closes the string whose content starts at `from` (a quote after an odd number of backslashes is escaped). */
function closingQuote(text: string, from: number): number {
  let quote = text.indexOf('"', from);
  while (quote !== -1) {
    let backslashes = 0;
    while (quote - 1 - backslashes >= from && text.charCodeAt(quote - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
  return text.length;
}

/**
 * 1-based start line of each element of the array under `key` in the root object of `text` (found by
 * one scan that follows strings and nesting, so the same key deeper down or inside a string never
 * matches). Returns an empty list when the root has no such array.
 */
export function rootArrayElementLines(text: string, key: string): number[] {
  const lines: number[] = [];
  const quotedKey = JSON.stringify(key);
  let depth = 0;
  let line = 1;
  let inString = false;
  let stringStart = -1;
  let lastRootString: string | undefined;
  let arrayDepth = -1;
  let expectingElement = false;
  for (let position = 0; position < text.length; position++) {
    const code = text.charCodeAt(position);
    if (code === 10) line++;
    if (inString) {
      // A parsed JSON text has no raw line break inside a string: jump to the closing quote.
      position = closingQuote(text, position);
      inString = false;
      if (depth === 1) lastRootString = text.slice(stringStart, position + 1);
      continue;
    }
    const startsValue = code === 34 || code === 91 || code === 123 || (code > 32 && code !== 44 && code !== 58 && code !== 93 && code !== 125);
    if (arrayDepth !== -1 && depth === arrayDepth && expectingElement && startsValue) {
      lines.push(line);
      expectingElement = false;
    }
    if (code === 34) {
      inString = true;
      stringStart = position;
    } else if (code === 91 || code === 123) {
      depth++;
      if (code === 91 && depth === 2 && arrayDepth === -1 && lastRootString === quotedKey) {
        arrayDepth = 2;
        expectingElement = true;
      }
    } else if (code === 93 || code === 125) {
      if (depth === arrayDepth && code === 93) return lines;
      depth--;
    } else if (code === 44 && depth === arrayDepth) {
      expectingElement = true;
    } else if (code === 44 && depth === 1) {
      lastRootString = undefined;
    }
  }
  return lines;
}
