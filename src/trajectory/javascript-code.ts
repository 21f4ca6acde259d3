/**
 * The shape of JavaScript or TypeScript source a pattern may match in: comments blanked out and the places string
 * literals take, from one linear scan. A call written in a comment (`// fs.rmSync('tests')`, a JSDoc example) or
 * inside a string (`console.log("run fs.rmSync('x') to reset")`) is then no call. Regular-expression literals are
 * passed over, so a quote inside one (`/'/g`) opens no string. Template literals are strings; the code in their
 * `${…}` is not read.
 */

/** The code with comments blanked (same length, so positions hold) and where its string literals start and end. */
export interface JavascriptCode {
  /** The text with every comment's characters replaced by spaces (line breaks kept). */
  text: string;
  /** Start (the opening quote) and end (after the closing quote) of each string literal, in order. */
  strings: Array<[number, number]>;
}

/** Characters after which a `/` starts a regular-expression literal rather than a division. */
const BEFORE_REGULAR_EXPRESSION = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^', '\n', '']);

/** Blanks the comments of JavaScript code and finds its string literals, in one pass. */
export function javascriptCode(source: string): JavascriptCode {
  const blanked: string[] = [];
  const strings: Array<[number, number]> = [];
  let copiedUpTo = 0;
  /** The last character of code before the current position that is not a space: decides what a `/` starts. */
  let previous = '';
  let position = 0;
  const blank = (start: number, end: number) => {
    blanked.push(source.slice(copiedUpTo, start), source.slice(start, end).replace(/[^\n]/g, ' '));
    copiedUpTo = end;
  };
  while (position < source.length) {
    const character = source[position];
    const next = source[position + 1];
    if (character === '/' && next === '/') {
      const end = source.indexOf('\n', position);
      const stop = end === -1 ? source.length : end;
      blank(position, stop);
      position = stop;
    } else if (character === '/' && next === '*') {
      const end = source.indexOf('*/', position + 2);
      const stop = end === -1 ? source.length : end + 2;
      blank(position, stop);
      position = stop;
    } else if (character === '"' || character === "'" || character === '`') {
      const stop = stringEnd(source, position);
      strings.push([position, stop]);
      position = stop;
      previous = character;
    } else if (character === '/' && BEFORE_REGULAR_EXPRESSION.has(previous)) {
      position = regularExpressionEnd(source, position);
      previous = '/';
    } else {
      if (character !== ' ' && character !== '\t' && character !== '\r') previous = character;
      position++;
    }
  }
  blanked.push(source.slice(copiedUpTo));
  return { text: blanked.join(''), strings };
}

/** The position after the string literal opened at `start` (a quoted string ends at its line's end, unclosed). */
function stringEnd(source: string, start: number): number {
  const quote = source[start];
  let position = start + 1;
  while (position < source.length) {
    const character = source[position];
    if (character === '\\') position += 2;
    else if (character === quote) return position + 1;
    else if (character === '\n' && quote !== '`') return position;
    else position++;
  }
  return source.length;
}

/** The position after the regular-expression literal opened at `start` (a `/` in a class `[…]` does not close it). */
function regularExpressionEnd(source: string, start: number): number {
  let position = start + 1;
  let inClass = false;
  while (position < source.length) {
    const character = source[position];
    if (character === '\\') position += 2;
    else if (character === '\n') return position;
    else {
      if (character === '[') inClass = true;
      else if (character === ']') inClass = false;
      else if (character === '/' && !inClass) return position + 1;
      position++;
    }
  }
  return source.length;
}

/** True when `position` lies inside one of the (ordered) string literals. */
export function insideString(strings: ReadonlyArray<[number, number]>, position: number): boolean {
  let low = 0;
  let high = strings.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = strings[middle];
    if (position < start) high = middle - 1;
    else if (position >= end) low = middle + 1;
    else return true;
  }
  return false;
}
