/**
 * The bounded form of a huge text: its first and last characters around a marker that says how many were left
 * out. Per-step work on a 300 KB edit or a 10 MB output then costs what it costs on a text of a few kilobytes.
 * Two texts of the same length that agree on their first `head` and last `tail` characters have the same bounded
 * form: whatever differs only in the middle of a huge text is not seen.
 */

/** How much of a huge text is kept: the first `head` and the last `tail` characters. */
export interface TextBounds {
  readonly head: number;
  readonly tail: number;
}

/** Start of the marker put where the middle of a bounded text was (the count of characters left out follows). */
export const OMITTED_MARKER_START = '\n[… ';
/** End of the marker. */
export const OMITTED_MARKER_END = ' characters not shown …]\n';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The pieces joined into a string that shares no memory with them. V8 makes a `slice` result (and a concatenation)
 * point into its parent, so a 50-character piece kept in a detector's state would keep a whole 10 MB output alive
 * (`[piece].join('')` returns the piece itself). Slicing a concatenation first flattens it into a new string, and
 * the result points into that new string only.
 */
export function detachedCopy(...pieces: string[]): string {
  let joined = ' ';
  for (const piece of pieces) joined += piece;
  return joined.slice(1);
}

/** Most characters the marker takes (its count of left-out characters has at most 16 digits). */
export const OMITTED_MARKER_ALLOWANCE = OMITTED_MARKER_START.length + 16 + OMITTED_MARKER_END.length;

/**
 * True when the text is cut by the bounds: when it is longer than `head + tail` and the marker together. A bounded
 * text is never longer than that, so bounding twice changes nothing.
 */
export function exceedsBounds(text: string, bounds: TextBounds): boolean {
  return text.length > bounds.head + bounds.tail + OMITTED_MARKER_ALLOWANCE;
}

/**
 * The text itself when it fits the bounds (see {@link exceedsBounds}); otherwise its first `bounds.head` and last `bounds.tail` characters
 * around a marker naming how many characters were left out (a surrogate pair is never cut in two), as a detached
 * copy (see {@link detachedCopy}).
 */
export function boundedText(text: string, bounds: TextBounds): string {
  if (!exceedsBounds(text, bounds)) return text;
  let headEnd = bounds.head;
  if (headEnd > 0 && isHighSurrogate(text.charCodeAt(headEnd - 1))) headEnd--;
  let tailStart = text.length - bounds.tail;
  if (tailStart < text.length && isLowSurrogate(text.charCodeAt(tailStart))) tailStart++;
  const omitted = tailStart - headEnd;
  return detachedCopy(text.slice(0, headEnd), OMITTED_MARKER_START, String(omitted), OMITTED_MARKER_END, text.slice(tailStart));
}
