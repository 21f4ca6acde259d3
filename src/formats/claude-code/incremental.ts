/**
 * Incremental reading of a growing Claude Code transcript, for hooks: each call reads only the bytes added
 * since the last call (from a saved byte offset), maps them with the same TranscriptReader the file reader
 * uses, and returns the new steps numbered after the earlier ones. Everything that must survive between
 * calls (offset, step count, the assistant step held back, calls waiting for their result, steps the
 * hook synthesized from its payload before the transcript caught up, calls a hook refused) is plain JSON in
 * {@link IncrementalTranscriptState}. A partial last line is left for the next call.
 *
 * A step built from a hook payload is reconciled with the transcript's copy when the transcript catches up:
 * the same call id is the same step, never two (a payload without a call id is matched to the transcript's next
 * unmatched call of the same tool and input). A call a hook refused is marked refused wherever it shows up:
 * it has no effects, and its result is a refusal, not a failure.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { TrajectoryAssembler } from '../assembler.js';
import { canonicalJson } from '../../trajectory/canonical.js';
import { hashText } from '../../trajectory/hash.js';
import { isHookRefusal, markRefusedCall } from '../../trajectory/hook-refusal.js';
import type { SessionMetadata } from '../../trajectory/session.js';
import type { Step, ToolCallStep, ToolResultStep, UserMessageStep } from '../../trajectory/step.js';
import { deriveToolEffects } from '../../trajectory/tool-effects.js';
import type { TranscriptLineBase } from './line-types.js';
import { TranscriptReader, type PendingAssistant, type QueuedPrompts } from './transcript-reader.js';

/** Version of the saved state. */
export const INCREMENTAL_STATE_VERSION = 1;
/**
 * Most bytes read in one call; the rest waits for the next call. Catching up with a long transcript the
 * hook has never seen then takes several hook calls, each within its time budget, instead of one call
 * that overruns the budget, is rolled back, and starts over every time.
 */
export const MAXIMUM_CHUNK_BYTES = 512 * 1024;
/**
 * Longest line read whole: a longer one (a tool result holding a whole large file) is skipped with a
 * diagnostic instead of stalling the reader, which never advances past a line it cannot read to its end.
 */
export const MAXIMUM_LINE_BYTES = 16 * 1024 * 1024;
/** Most call ids remembered (oldest dropped first). */
export const MAXIMUM_REMEMBERED_CALLS = 500;
/** Most refused calls and payload-built calls without a call id remembered. */
const MAXIMUM_REMEMBERED_REFUSALS = 100;
/** Most synthesized prompts remembered. */
const MAXIMUM_REMEMBERED_PROMPTS = 20;
/** Step ids the assembler makes up when a line has none (a letter and a number). */
const GENERATED_STEP_ID = /^[uacre]\d+$/;
/** Newline byte. */
const NEWLINE = 0x0a;

/** A call the reader has seen (or synthesized). */
interface KnownCall {
  stepId: string;
  tool: string;
  /**
   * Hash of the canonical input, kept while no hook payload has stood for this call: a payload without a call id
   * may then be matched to it (once).
   */
  inputKey?: string;
  /** True once its result was seen or synthesized. */
  resolved: boolean;
  /** Order of first sight, to forget the oldest. */
  order: number;
}

/** What carries over from one call to the next (JSON). */
export interface IncrementalTranscriptState {
  version: number;
  /** Bytes of the transcript read so far (always at a line start). */
  offset: number;
  /** Lines read so far. */
  lineNumber: number;
  /** Steps produced so far (the next step's index). */
  stepCount: number;
  /** The assistant step still being gathered at the end of the last chunk. */
  heldBack?: PendingAssistant;
  /** Prompts typed while the agent worked, not yet delivered (see QueuedPrompts). */
  queued?: QueuedPrompts;
  /** Calls seen, by call id. */
  calls: Record<string, KnownCall>;
  /** Call ids whose call (`call`) or result only (`result`) the hook synthesized; the transcript's copy is skipped. */
  synthesized: Record<string, 'call' | 'result'>;
  /** Prompts the hook synthesized; the transcript's copy is skipped once. */
  synthesizedPrompts: string[];
  /** Sequence for call order and generated ids. */
  sequence: number;
  /** Call ids a hook refused (→ order of the refusal): the call shows without effects, its result as a refusal. */
  refused?: Record<string, number>;
  /** Calls built from payloads that carried no call id, waiting for the transcript's copy (matched by tool and input). */
  unmatchedPayloadCalls?: Array<{ callId: string; tool: string; inputKey: string }>;
}

/** A fresh state: nothing read. */
export function initialTranscriptState(): IncrementalTranscriptState {
  return { version: INCREMENTAL_STATE_VERSION, offset: 0, lineNumber: 0, stepCount: 0, calls: {}, synthesized: {}, synthesizedPrompts: [], sequence: 0 };
}

/** What one call returns. */
export interface TranscriptChunk {
  steps: Step[];
  /** Problems met, with their line numbers. */
  diagnostics: string[];
  /** True when the file ends in a line still being written (not consumed). */
  partialLine: boolean;
  /** True when every complete line of the file has been read (nothing is left for another chunk). */
  caughtUp: boolean;
}

function forgetOldCalls(state: IncrementalTranscriptState): void {
  const ids = Object.keys(state.calls);
  if (ids.length <= MAXIMUM_REMEMBERED_CALLS) return;
  ids.sort((left, right) => state.calls[left].order - state.calls[right].order);
  for (const id of ids.slice(0, ids.length - MAXIMUM_REMEMBERED_CALLS)) {
    delete state.calls[id];
    delete state.synthesized[id];
  }
}

/** What {@link readNewLines} read. */
interface NewLines {
  text: string;
  /** Bytes consumed (complete lines, and any line skipped as too long). */
  bytes: number;
  partialLine: boolean;
  caughtUp: boolean;
  diagnostics: string[];
}

/** Fills `buffer` from `position`; returns the bytes read (fewer at the end of the file). */
function readAt(descriptor: number, buffer: Buffer, position: number): number {
  let filled = 0;
  while (filled < buffer.length) {
    const count = readSync(descriptor, buffer, filled, buffer.length - filled, position + filled);
    if (count === 0) break;
    filled += count;
  }
  return filled;
}

/**
 * A line longer than `maximumBytes` at `state.offset`: read whole when it fits {@link MAXIMUM_LINE_BYTES}, else
 * skipped (the bytes up to its newline are consumed without being read). Undefined while it is still being written.
 */
function readLongLine(descriptor: number, size: number, state: IncrementalTranscriptState, maximumBytes: number): NewLines | undefined {
  const probe = Buffer.allocUnsafe(Math.min(size - state.offset, MAXIMUM_LINE_BYTES));
  const filled = readAt(descriptor, probe, state.offset);
  const newline = probe.subarray(0, filled).indexOf(NEWLINE, maximumBytes);
  if (newline !== -1) {
    const caughtUp = state.offset + newline + 1 >= size;
    return { text: probe.toString('utf8', 0, newline), bytes: newline + 1, partialLine: false, caughtUp, diagnostics: [] };
  }
  if (filled < MAXIMUM_LINE_BYTES) return undefined;
  // Longer than any line worth reading: find its end block by block and skip it.
  const block = Buffer.allocUnsafe(maximumBytes);
  for (let position = state.offset + filled; position < size; position += block.length) {
    const count = readAt(descriptor, block, position);
    const end = block.subarray(0, count).indexOf(NEWLINE);
    if (end !== -1) {
      const skipped = position + end + 1 - state.offset;
      return { text: '', bytes: skipped, partialLine: false, caughtUp: position + end + 1 >= size, diagnostics: [`line ${state.lineNumber + 1}: longer than ${MAXIMUM_LINE_BYTES} bytes (${skipped}); skipped`] };
    }
    if (count < block.length) break;
  }
  return undefined;
}

/** Reads the complete lines between `state.offset` and the end of the file (bounded by `maximumBytes`, but always at least one line). */
function readNewLines(file: string, state: IncrementalTranscriptState, maximumBytes: number): NewLines {
  const descriptor = openSync(file, 'r');
  try {
    const size = fstatSync(descriptor).size;
    if (size < state.offset) {
      // The file was replaced or cut: never re-read from the start; wait at its new end.
      const diagnostics = [`transcript shrank from ${state.offset} to ${size} bytes; reading resumes at its end`];
      state.offset = size;
      return { text: '', bytes: 0, partialLine: false, caughtUp: true, diagnostics };
    }
    const length = Math.min(size - state.offset, maximumBytes);
    if (length === 0) return { text: '', bytes: 0, partialLine: false, caughtUp: true, diagnostics: [] };
    const buffer = Buffer.allocUnsafe(length);
    const filled = readAt(descriptor, buffer, state.offset);
    const lastNewline = buffer.lastIndexOf(NEWLINE, filled - 1);
    if (lastNewline === -1) {
      // No complete line in the window: a line longer than the window, or the last line still being written.
      const long = filled === maximumBytes ? readLongLine(descriptor, size, state, maximumBytes) : undefined;
      return long ?? { text: '', bytes: 0, partialLine: filled > 0, caughtUp: true, diagnostics: [] };
    }
    const consumed = lastNewline + 1;
    const caughtUp = state.offset + consumed >= size || (filled < maximumBytes && buffer.indexOf(NEWLINE, consumed) === -1);
    return { text: buffer.toString('utf8', 0, lastNewline), bytes: consumed, partialLine: consumed < filled, caughtUp, diagnostics: [] };
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Reads the transcript's new lines and returns their steps. `session` receives the metadata the lines
 * carry (model, version, working directory, branch). `state` is updated in place.
 */
export function readTranscriptChunk(file: string, session: SessionMetadata, state: IncrementalTranscriptState, maximumBytes = MAXIMUM_CHUNK_BYTES): TranscriptChunk {
  const chunk = readNewLines(file, state, maximumBytes);
  const diagnostics = [...chunk.diagnostics];
  if (chunk.text.length === 0) {
    // Nothing to read, or one line consumed unread (empty, or skipped as too long).
    if (chunk.bytes > 0) state.lineNumber++;
    state.offset += chunk.bytes;
    return { steps: [], diagnostics, partialLine: chunk.partialLine, caughtUp: chunk.caughtUp };
  }

  const raw: Step[] = [];
  let priming = true;
  const assembler = new TrajectoryAssembler(session, {
    file,
    format: 'claude-code',
    keepSteps: false,
    onStep: (step) => {
      if (!priming) raw.push(step);
    },
    diagnostic: (line, message) => diagnostics.push(`line ${line}: ${message}`),
  });
  // Tell the assembler about calls from earlier chunks, so their results link to them.
  for (const [callId, call] of Object.entries(state.calls)) {
    if (!call.resolved || state.synthesized[callId] !== undefined) assembler.toolCall({ id: call.stepId, callId, tool: call.tool, input: {} });
  }
  priming = false;
  const completeSession = (line: TranscriptLineBase): TrajectoryAssembler => {
    if (session.agentVersion === undefined && typeof line.version === 'string') session.agentVersion = line.version;
    if (session.workingDirectory === undefined && typeof line.cwd === 'string') session.workingDirectory = line.cwd;
    if (session.gitBranch === undefined && typeof line.gitBranch === 'string' && line.gitBranch.length > 0) session.gitBranch = line.gitBranch;
    return assembler;
  };
  const reader = new TranscriptReader({ assembler: completeSession, diagnostic: (line, message) => diagnostics.push(`line ${line}: ${message}`) });
  if (state.heldBack) reader.resumeHeldBack(state.heldBack, assembler);
  if (state.queued) reader.resumeQueuedPrompts(state.queued);

  const text = chunk.text;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    state.lineNumber++;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    reader.readLine(line, state.lineNumber);
    start = end + 1;
  }
  state.offset += chunk.bytes;
  state.heldBack = reader.heldBack();
  const queued = reader.queuedPrompts();
  state.queued = queued.pending.length > 0 || queued.delivered.length > 0 ? queued : undefined;
  return { steps: renumber(raw, state), diagnostics, partialLine: chunk.partialLine, caughtUp: chunk.caughtUp };
}

/** Key of a call's canonical input, to match a payload without a call id to the transcript's copy. */
function inputKey(canonicalInput: string): string {
  return hashText(canonicalInput);
}

/**
 * True when `call` (read from the transcript) is the copy of a call built earlier from a payload that carried no
 * call id: the first such call of the same tool and input. Its id then stands for the payload's call.
 */
function matchesUnmatchedPayloadCall(call: ToolCallStep, state: IncrementalTranscriptState): boolean {
  const waiting = state.unmatchedPayloadCalls;
  if (!waiting || waiting.length === 0 || state.calls[call.callId] !== undefined) return false;
  const key = inputKey(call.canonicalInput);
  const position = waiting.findIndex((candidate) => candidate.tool === call.tool && candidate.inputKey === key);
  if (position === -1) return false;
  const [matched] = waiting.splice(position, 1);
  const synthesized = state.calls[matched.callId];
  state.calls[call.callId] = { stepId: synthesized?.stepId ?? `hook-call:${matched.callId}`, tool: call.tool, resolved: true, order: state.sequence++ };
  state.synthesized[call.callId] = 'call';
  return true;
}

/** Drops the transcript's copies of synthesized steps, marks refused calls, and numbers the rest after the earlier steps. */
function renumber(raw: Step[], state: IncrementalTranscriptState): Step[] {
  const renamed = new Map<string, string>();
  const steps: Step[] = [];
  for (const step of raw) {
    if (step.kind === 'tool-call' && (state.synthesized[step.callId] === 'call' || matchesUnmatchedPayloadCall(step, state))) continue;
    if (step.kind === 'tool-result' && state.synthesized[step.callId] !== undefined) {
      delete state.synthesized[step.callId];
      continue;
    }
    if (step.kind === 'user' && step.origin === 'prompt') {
      const position = state.synthesizedPrompts.indexOf(step.text);
      if (position !== -1) {
        state.synthesizedPrompts.splice(position, 1);
        continue;
      }
    }
    if (GENERATED_STEP_ID.test(step.id)) {
      const id = `${step.id.charAt(0)}${state.stepCount}`;
      renamed.set(step.id, id);
      step.id = id;
    }
    step.index = state.stepCount++;
    if (step.kind === 'tool-call') {
      if (state.refused?.[step.callId] !== undefined) markRefusedCall(step);
      state.calls[step.callId] = { stepId: step.id, tool: step.tool, inputKey: inputKey(step.canonicalInput), resolved: false, order: state.sequence++ };
    } else if (step.kind === 'tool-result') {
      if (state.refused?.[step.callId] !== undefined) markRefusedResult(step);
      const call = state.calls[step.callId];
      if (call) {
        call.resolved = true;
        step.callStepId = call.stepId;
      } else {
        step.callStepId = renamed.get(step.callStepId) ?? step.callStepId;
      }
    }
    steps.push(step);
  }
  forgetOldCalls(state);
  return steps;
}

/** Marks a result as a hook's refusal of its call: not a failure. */
function markRefusedResult(result: ToolResultStep): void {
  result.refusedByHook = true;
  result.isError = false;
}

/**
 * Records that a hook refused the call `callId` before it ran (wink's PreToolUse deny). When the transcript
 * shows the call later (it may be written after the hook ran), it is marked refused and has no effects.
 */
export function noteRefusedCall(state: IncrementalTranscriptState, callId: string): void {
  const refused = (state.refused ??= {});
  refused[callId] = state.sequence++;
  const ids = Object.keys(refused);
  if (ids.length > MAXIMUM_REMEMBERED_REFUSALS) {
    ids.sort((left, right) => refused[left] - refused[right]);
    for (const id of ids.slice(0, ids.length - MAXIMUM_REMEMBERED_REFUSALS)) delete refused[id];
  }
}

/** A tool call and its result as a hook payload describes them (PostToolUse). */
export interface ToolPayload {
  /** The payload's call id; undefined when the payload carried none (then the call is matched by tool and input). */
  callId: string | undefined;
  tool: string;
  input: unknown;
  output: string;
  isError: boolean;
  timestamp?: string;
  /** The sub-agent that made the call (the payload's `agent_id`); undefined for the main agent. */
  sidechain?: string;
}

/**
 * The call a payload without a call id stands for: the newest call the transcript showed with this tool and input
 * that no payload stood for yet (with or without its result), if any.
 */
function unclaimedCallLike(state: IncrementalTranscriptState, tool: string, key: string): string | undefined {
  let found: { callId: string; order: number } | undefined;
  for (const [callId, call] of Object.entries(state.calls)) {
    if (call.tool !== tool || call.inputKey !== key) continue;
    if (!found || call.order > found.order) found = { callId, order: call.order };
  }
  return found?.callId;
}

/**
 * The steps of a tool call whose result the transcript has not shown yet, built from the hook payload: the
 * result (and the call too, when the transcript has not shown it either). When the transcript later shows
 * them they are skipped, so no step is counted twice. Returns nothing when the transcript already had both.
 */
export function synthesizeToolSteps(state: IncrementalTranscriptState, payload: ToolPayload): Step[] {
  const canonicalInput = canonicalJson(payload.input);
  const key = inputKey(canonicalInput);
  let callId = payload.callId ?? unclaimedCallLike(state, payload.tool, key);
  const known = callId === undefined ? undefined : state.calls[callId];
  // A payload stood for this call: no other payload can be matched to it.
  if (known) delete known.inputKey;
  if (known?.resolved) return [];
  const refused = (callId !== undefined && state.refused?.[callId] !== undefined) || isHookRefusal(payload.output);
  const steps: Step[] = [];
  let callStepId = known?.stepId;
  if (!known) {
    if (callId === undefined) {
      // No call id: a made-up one, and the transcript's next call of the same tool and input will be this call.
      callId = `payload-${state.sequence++}`;
      const waiting = (state.unmatchedPayloadCalls ??= []);
      waiting.push({ callId, tool: payload.tool, inputKey: key });
      if (waiting.length > MAXIMUM_REMEMBERED_REFUSALS) waiting.shift();
    }
    callStepId = `hook-call:${callId}`;
    const call: ToolCallStep = {
      id: callStepId,
      index: state.stepCount++,
      kind: 'tool-call',
      callId,
      tool: payload.tool,
      input: payload.input,
      canonicalInput,
      effects: deriveToolEffects(payload.tool, payload.input),
    };
    if (payload.timestamp) call.timestamp = payload.timestamp;
    if (payload.sidechain) call.sidechain = payload.sidechain;
    if (refused) markRefusedCall(call);
    steps.push(call);
    state.calls[callId] = { stepId: callStepId, tool: payload.tool, resolved: true, order: state.sequence++ };
    state.synthesized[callId] = 'call';
  } else {
    known.resolved = true;
    state.synthesized[callId as string] = 'result';
  }
  const result: ToolResultStep = {
    id: `hook-result:${callId}`,
    index: state.stepCount++,
    kind: 'tool-result',
    callId: callId as string,
    callStepId: callStepId as string,
    output: payload.output,
    isError: payload.isError,
  };
  if (payload.timestamp) result.timestamp = payload.timestamp;
  if (payload.sidechain) result.sidechain = payload.sidechain;
  if (refused) markRefusedResult(result);
  steps.push(result);
  forgetOldCalls(state);
  return steps;
}

/** The user's prompt from a hook payload, before the transcript shows it; the transcript's copy is skipped. */
export function synthesizePromptStep(state: IncrementalTranscriptState, prompt: string, timestamp?: string): UserMessageStep {
  state.synthesizedPrompts.push(prompt);
  if (state.synthesizedPrompts.length > MAXIMUM_REMEMBERED_PROMPTS) state.synthesizedPrompts.shift();
  const step: UserMessageStep = { id: `hook-prompt:${state.sequence++}`, index: state.stepCount++, kind: 'user', text: prompt, origin: 'prompt' };
  if (timestamp) step.timestamp = timestamp;
  return step;
}
