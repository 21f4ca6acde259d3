/**
 * What detectors see of a huge step. A pasted log in a prompt, a 300 KB edit or a 10 MB tool output would make
 * every detector's per-step work (keys, hashes, claim and command scanning) grow with the step; the engine hands
 * detectors and the facts they read a bounded copy instead: every text keeps its first and last characters
 * (`boundedText`), a tool input keeps a bounded number of values, effect lists a bounded number of entries. A step
 * within the bounds — nearly every step of a real session — is handed over as it is, so normal input is read
 * exactly as before. The copy is made once per step object and shared (a WeakMap: nothing outlives the step), and
 * it shares no memory with the original, so what detectors keep from it never keeps a huge text alive.
 *
 * What this means for huge steps: two texts of the same length that agree on their first
 * `STEP_TEXT_BOUNDS.head` and last `STEP_TEXT_BOUNDS.tail` characters look the same to detectors (a repeated
 * 1 MB write that differs only in its middle counts as the same call), and what sits only in the middle is not
 * read (a test-silencing marker in the middle of a huge edit). The instructions tracker reads prompts and rule
 * files from the original step, up to its own bound (`MAXIMUM_INSTRUCTION_CHARACTERS`).
 */
import { canonicalJson } from '../trajectory/canonical.js';
import { boundedText, exceedsBounds, type TextBounds } from '../trajectory/bounded-text.js';
import type { Step, ToolCallStep } from '../trajectory/step.js';
import type { WrittenScript } from '../trajectory/script-runs.js';
import type { FileEdit, FileRead, ToolEffects } from '../trajectory/tool-effects.js';

/** Characters of a huge text detectors see: the first 8 KB and the last 4 KB (the summary lines of a test run). */
export const STEP_TEXT_BOUNDS: TextBounds = { head: 8_192, tail: 4_096 };
/** Most values (strings, numbers, objects, array items) of a huge tool input kept; the rest are left out. */
export const MAXIMUM_INPUT_VALUES = 1_000;
/** Deepest nesting of a huge tool input kept; deeper values become a marker. */
export const MAXIMUM_INPUT_DEPTH = 32;
/** Most characters of all the texts of a huge tool input together; texts past it keep only their marker. */
export const MAXIMUM_INPUT_CHARACTERS = 4 * (STEP_TEXT_BOUNDS.head + STEP_TEXT_BOUNDS.tail);
/** Most entries of each effect list (files read, written, edited, deleted, commands, edits, reads) kept. */
export const MAXIMUM_EFFECT_ENTRIES = 256;
/** What stands for a value left out of a bounded tool input. */
export const OMITTED_VALUE = '[…]';

/** Bounded copies made so far, by original step. */
const boundedCopies = new WeakMap<Step, Step>();
/** The bounded copies themselves: handed over as they are when they come back. */
const copiesMade = new WeakSet<Step>();

function bounded(text: string): string {
  return boundedText(text, STEP_TEXT_BOUNDS);
}

function long(text: string | undefined): boolean {
  return text !== undefined && exceedsBounds(text, STEP_TEXT_BOUNDS);
}

/** True when a list of texts has too many entries or a text over its bound. */
function longList(list: readonly string[]): boolean {
  if (list.length > MAXIMUM_EFFECT_ENTRIES) return true;
  for (const text of list) if (long(text)) return true;
  return false;
}

// Checked at every tool call: plain loops, no array or closure made per step.
function longEffects(effects: ToolEffects): boolean {
  if (longList(effects.filesRead) || longList(effects.filesWritten) || longList(effects.filesEdited) || longList(effects.filesDeleted) || longList(effects.commands)) return true;
  if (effects.edits.length > MAXIMUM_EFFECT_ENTRIES || effects.reads.length > MAXIMUM_EFFECT_ENTRIES) return true;
  if (effects.filesModeChanged !== undefined && longList(effects.filesModeChanged)) return true;
  if ((effects.scriptsWritten?.length ?? 0) > MAXIMUM_EFFECT_ENTRIES || (effects.scriptsRun?.length ?? 0) > MAXIMUM_EFFECT_ENTRIES) return true;
  for (const run of effects.scriptsRun ?? []) if (long(run.file) || long(run.folder)) return true;
  for (const script of effects.scriptsWritten ?? []) if (long(script.file)) return true;
  for (const edit of effects.edits) if (long(edit.file) || long(edit.oldText) || long(edit.newText)) return true;
  for (const read of effects.reads) if (long(read.file)) return true;
  return false;
}

/** True when some text or list of the step is over its bound (checked by length only). */
export function exceedsStepBounds(step: Step): boolean {
  if (long(step.id) || long(step.sidechain)) return true;
  switch (step.kind) {
    case 'user':
      return long(step.text);
    case 'assistant':
      return long(step.text) || long(step.reasoning);
    case 'tool-call':
      return long(step.tool) || long(step.callId) || long(step.canonicalInput) || longEffects(step.effects);
    case 'tool-result':
      return long(step.callId) || long(step.callStepId) || long(step.output);
    case 'event':
      return long(step.text);
  }
}

/** Budget left while a huge tool input is copied. */
interface InputBudget {
  values: number;
  characters: number;
}

/** A tool input with every text bounded and at most the budget's values and characters. */
function boundedValue(value: unknown, budget: InputBudget, depth: number): unknown {
  if (budget.values <= 0 || depth > MAXIMUM_INPUT_DEPTH) return OMITTED_VALUE;
  budget.values--;
  if (typeof value === 'string') {
    const room = Math.max(0, Math.min(budget.characters, STEP_TEXT_BOUNDS.head + STEP_TEXT_BOUNDS.tail));
    const head = Math.min(STEP_TEXT_BOUNDS.head, Math.ceil((room * 2) / 3));
    const text = boundedText(value, { head, tail: room - head });
    budget.characters -= Math.min(text.length, room);
    return text;
  }
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      if (budget.values <= 0) {
        items.push(OMITTED_VALUE);
        break;
      }
      items.push(boundedValue(item, budget, depth + 1));
    }
    return items;
  }
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (budget.values <= 0) break;
      copy[bounded(key)] = boundedValue(item, budget, depth + 1);
    }
    return copy;
  }
  return value;
}

function boundedList(list: string[]): string[] {
  return list.slice(0, MAXIMUM_EFFECT_ENTRIES).map(bounded);
}

function boundedEdit(edit: FileEdit): FileEdit {
  const copy: FileEdit = { file: bounded(edit.file) };
  if (edit.oldText !== undefined) copy.oldText = bounded(edit.oldText);
  if (edit.newText !== undefined) copy.newText = bounded(edit.newText);
  return copy;
}

function boundedRead(read: FileRead): FileRead {
  return { ...read, file: bounded(read.file) };
}

function boundedEffects(effects: ToolEffects): ToolEffects {
  return {
    action: effects.action,
    filesRead: boundedList(effects.filesRead),
    filesWritten: boundedList(effects.filesWritten),
    filesEdited: boundedList(effects.filesEdited),
    filesDeleted: boundedList(effects.filesDeleted),
    commands: boundedList(effects.commands),
    edits: effects.edits.slice(0, MAXIMUM_EFFECT_ENTRIES).map(boundedEdit),
    reads: effects.reads.slice(0, MAXIMUM_EFFECT_ENTRIES).map(boundedRead),
    ...(effects.filesModeChanged === undefined ? {} : { filesModeChanged: boundedList(effects.filesModeChanged) }),
    ...(effects.scriptsWritten === undefined ? {} : { scriptsWritten: effects.scriptsWritten.slice(0, MAXIMUM_EFFECT_ENTRIES).map(boundedWrittenScript) }),
    ...(effects.scriptsRun === undefined ? {} : { scriptsRun: effects.scriptsRun.slice(0, MAXIMUM_EFFECT_ENTRIES).map((run) => ({ file: bounded(run.file), kind: run.kind, folder: bounded(run.folder) })) }),
  };
}

/** A written script's changes are bounded where they are read (`script-runs.ts`); its paths are copied here. */
function boundedWrittenScript(script: WrittenScript): WrittenScript {
  const { filesWritten, filesEdited, filesDeleted } = script.changes;
  return { file: bounded(script.file), kind: script.kind, changes: { filesWritten: filesWritten.map(bounded), filesEdited: filesEdited.map(bounded), filesDeleted: filesDeleted.map(bounded) } };
}

function boundedCall(step: ToolCallStep): ToolCallStep {
  const input = long(step.canonicalInput) ? boundedValue(step.input, { values: MAXIMUM_INPUT_VALUES, characters: MAXIMUM_INPUT_CHARACTERS }, 0) : step.input;
  return { ...step, tool: bounded(step.tool), callId: bounded(step.callId), input, canonicalInput: input === step.input ? step.canonicalInput : canonicalJson(input), effects: boundedEffects(step.effects) };
}

/** The fields every step has, bounded. */
function boundedBase(step: Step): { id: string; sidechain?: string } {
  return step.sidechain === undefined ? { id: bounded(step.id) } : { id: bounded(step.id), sidechain: bounded(step.sidechain) };
}

function boundedCopy(step: Step): Step {
  switch (step.kind) {
    case 'user':
      return { ...step, ...boundedBase(step), text: bounded(step.text) };
    case 'assistant':
      return step.reasoning === undefined ? { ...step, ...boundedBase(step), text: bounded(step.text) } : { ...step, ...boundedBase(step), text: bounded(step.text), reasoning: bounded(step.reasoning) };
    case 'tool-call':
      return boundedCall({ ...step, ...boundedBase(step) });
    case 'tool-result':
      return { ...step, ...boundedBase(step), callId: bounded(step.callId), callStepId: bounded(step.callStepId), output: bounded(step.output) };
    case 'event':
      return step.text === undefined ? { ...step, ...boundedBase(step) } : { ...step, ...boundedBase(step), text: bounded(step.text) };
  }
}

/**
 * The step as detectors see it: the step itself when every text and list is within its bound, otherwise a bounded
 * copy (made once per step object; see the top of this file for what huge steps then look like).
 */
export function boundedStep<Kind extends Step>(step: Kind): Kind {
  if (copiesMade.has(step) || !exceedsStepBounds(step)) return step;
  let copy = boundedCopies.get(step);
  if (copy === undefined) {
    copy = boundedCopy(step);
    boundedCopies.set(step, copy);
    copiesMade.add(copy);
  }
  return copy as Kind;
}
