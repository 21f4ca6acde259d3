/**
 * How two spellings of one call differ, in a few words a reader can check: "2 spellings" of `npm run build`
 * mean nothing when both read `npm run build` (the difference was in the description the agent gave the
 * call). A call's input is kept as a short summary per top-level field (bounded, so the detector state stays
 * small); the first field whose value differs is shown with both values, or named as a spacing difference
 * when only whitespace differs (whitespace does not survive one-line printing).
 */
import { canonicalJson } from '../../trajectory/canonical.js';

/** One top-level field of a call's input: its name, hashes of its value, and the value shortened for display. */
export interface InputField {
  name: string;
  hash: string;
  /** Hash of the value with whitespace runs collapsed: equal with `hash` different means spacing only. */
  spacingHash: string;
  text: string;
}

/** Characters of a value shown. */
const SHOWN_CHARACTERS = 48;
/** Fields of one input remembered. */
const MAXIMUM_FIELDS = 16;

function shortened(text: string): string {
  return text.length <= SHOWN_CHARACTERS ? text : `${text.slice(0, SHOWN_CHARACTERS - 1)}…`;
}

function collapsedSpaces(text: string): string {
  return text.split(/\s+/).filter((word) => word.length > 0).join(' ');
}

/** True for the characters `\s` matches in a regular expression (white space and line terminators). */
function isSpace(code: number): boolean {
  if (code < 0xa0) return code === 32 || (code >= 9 && code <= 13);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** FNV-1a's first value and its prime (as in `fnv1a`). */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * `hashText(text)` and `hashText(collapsedSpaces(text))` read in one pass, without making the collapsed text:
 * every call starting a streak keeps its fields, so this runs for nearly every tool result, and a huge input is
 * read once instead of twice. The same FNV-1a steps and the same `hash:length` form as `hashText`.
 */
function fieldHashes(text: string): { hash: string; spacingHash: string } {
  let hash = FNV_OFFSET;
  let collapsed = FNV_OFFSET;
  let collapsedLength = 0;
  let spaceBefore = false;
  for (let position = 0; position < text.length; position++) {
    const code = text.charCodeAt(position);
    hash = Math.imul(hash ^ code, FNV_PRIME);
    if (isSpace(code)) {
      spaceBefore = collapsedLength > 0;
      continue;
    }
    if (spaceBefore) {
      collapsed = Math.imul(collapsed ^ 32, FNV_PRIME);
      collapsedLength++;
      spaceBefore = false;
    }
    collapsed = Math.imul(collapsed ^ code, FNV_PRIME);
    collapsedLength++;
  }
  return { hash: `${(hash >>> 0).toString(36)}:${text.length.toString(36)}`, spacingHash: `${(collapsed >>> 0).toString(36)}:${collapsedLength.toString(36)}` };
}

/** `hashText(collapsedSpaces(text))` read in one pass. */
export function spacingHash(text: string): string {
  return fieldHashes(text).spacingHash;
}

function fieldOf(name: string, value: unknown): InputField {
  const text = typeof value === 'string' ? value : canonicalJson(value);
  const { hash, spacingHash: collapsedHash } = fieldHashes(text);
  return { name: shortened(name), hash, spacingHash: collapsedHash, text: shortened(text) };
}

/** The fields of a call input (one unnamed field when the input is not an object). */
export function inputFields(input: unknown): InputField[] {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return [fieldOf('', input)];
  return Object.keys(input as Record<string, unknown>)
    .sort()
    .slice(0, MAXIMUM_FIELDS)
    .map((name) => fieldOf(name, (input as Record<string, unknown>)[name]));
}

/** `description "Build the project" / "Build the project again"`, or `command "npm run build": spacing only`. */
export function spellingDifference(first: readonly InputField[], second: readonly InputField[]): string {
  const names = [...new Set([...first.map((field) => field.name), ...second.map((field) => field.name)])];
  for (const name of names) {
    const left = first.find((field) => field.name === name);
    const right = second.find((field) => field.name === name);
    if (left?.hash === right?.hash) continue;
    const label = name.length > 0 ? `${name} ` : '';
    if (left === undefined || right === undefined) return `${label}${left ? `"${left.text}"` : 'absent'} / ${right ? `"${right.text}"` : 'absent'}`;
    if (left.spacingHash === right.spacingHash) return `${label}"${collapsedSpaces(left.text)}": spacing only`;
    return `${label}"${left.text}" / "${right.text}"`;
  }
  return 'no visible difference';
}
