/**
 * Where a JSON string's source bytes can be cut so that what is kept is still a valid JSON string: never
 * inside an escape sequence or a UTF-8 character.
 */

/** Marks a cut string (U+2026, as UTF-8). */
export const CUT_MARK = Buffer.from('…', 'utf8');
const BACKSLASH = 0x5c;
const LETTER_U = 0x75;
/** Length of a `\uXXXX` escape, and of the other escapes (`\n`, `\"`, …). */
const UNICODE_ESCAPE_BYTES = 6;
const SHORT_ESCAPE_BYTES = 2;

/** Bytes of the UTF-8 character that starts with `lead` (1 for a stray continuation byte). */
function utf8Length(lead: number): number {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

/** The longest prefix of `bytes[0, length)` that ends neither inside an escape nor inside a character. */
export function safeCutLength(bytes: Buffer, length: number): number {
  let position = 0;
  while (position < length) {
    const byte = bytes[position];
    let size = 1;
    if (byte === BACKSLASH) size = position + 1 < length && bytes[position + 1] === LETTER_U ? UNICODE_ESCAPE_BYTES : SHORT_ESCAPE_BYTES;
    else if (byte >= 0x80) size = utf8Length(byte);
    if (position + size > length) return position;
    position += size;
  }
  return length;
}
