/** FNV-1a of a text's UTF-16 code units, as an unsigned 32-bit integer. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let position = 0; position < text.length; position++) {
    hash ^= text.charCodeAt(position);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A fast, non-cryptographic text hash (FNV-1a, 32 bits) for comparing outputs and inputs cheaply. */
export function hashText(text: string): string {
  return fnv1a(text).toString(36) + ':' + text.length.toString(36);
}
