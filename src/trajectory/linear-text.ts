/**
 * Small string operations that regular expressions would do in quadratic time on hostile input. A pattern
 * such as `/\/+$/` or `/[ \t]+$/gm` restarts at every character of a long run that does not reach the end
 * (100,000 spaces followed by a letter take seconds); these helpers walk the text once.
 */

/** True when the character code is one of the characters (compared by code: no one-character strings made). */
function isOneOf(code: number, characters: string): boolean {
  for (let position = 0; position < characters.length; position++) if (characters.charCodeAt(position) === code) return true;
  return false;
}

/** The text without the trailing characters that belong to `characters` (`withoutTrailing('a///', '/')` → `a`). */
export function withoutTrailing(text: string, characters: string): string {
  let end = text.length;
  while (end > 0 && isOneOf(text.charCodeAt(end - 1), characters)) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Spaces and tabs. */
export const SPACE_AND_TAB = ' \t';

/** Every line of the text without its trailing spaces and tabs (what `replace(/[ \t]+$/gm, '')` does). */
export function withoutTrailingSpacesPerLine(text: string): string {
  if (!text.includes(' ') && !text.includes('\t')) return text;
  return text
    .split('\n')
    .map((line) => withoutTrailing(line, SPACE_AND_TAB))
    .join('\n');
}

/** The text up to the first of `characters` (the whole text when none is in it). */
export function beforeFirst(text: string, characters: string): string {
  for (let position = 0; position < text.length; position++) if (characters.includes(text[position])) return text.slice(0, position);
  return text;
}

/** The text without the leading characters that belong to `characters` (`withoutLeading('((a', '(')` → `a`). */
export function withoutLeading(text: string, characters: string): string {
  let start = 0;
  while (start < text.length && characters.includes(text[start])) start++;
  return start === 0 ? text : text.slice(start);
}
