/**
 * How two spellings of one call differ, in a few words a reader can check: "2 spellings" of `npm run build`
 * mean nothing when both read `npm run build` (the difference was in the description the agent gave the
 * call). A call's input is kept as a short summary per top-level field (bounded, so the detector state stays
 * small); the first field whose value differs is shown with both values, or named as a spacing difference
 * when only whitespace differs (whitespace does not survive one-line printing).
 */
import { canonicalJson } from '../../trajectory/canonical.js';
import { hashText } from '../../trajectory/hash.js';

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

function fieldOf(name: string, value: unknown): InputField {
  const text = typeof value === 'string' ? value : canonicalJson(value);
  return { name: shortened(name), hash: hashText(text), spacingHash: hashText(collapsedSpaces(text)), text: shortened(text) };
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
