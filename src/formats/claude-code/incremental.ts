/**
 * Incremental reading of a growing Claude Code transcript, for hooks: each call reads only the bytes added
 * since the last call (from a saved byte offset), maps them with the same TranscriptReader the file reader
 * uses, and returns the new steps numbered after the earlier ones. Everything that must survive between
 * calls (offset, step count, the assistant step held back, calls waiting for their result, steps the
 * hook synthesized from its payload before the transcript caught up) is plain JSON in
 * {@link IncrementalTranscriptState}. A partial last line is left for the next call.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { TrajectoryAssembler } from '../assembler.js';
import { canonicalJson } from '../../trajectory/canonical.js';
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
/** Most call ids remembered (oldest dropped first). */
export const MAXIMUM_REMEMBERED_CALLS = 500;
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

/** Reads the complete lines between `state.offset` and the end of the file (bounded by `maximumBytes`). */
function readNewLines(file: string, state: IncrementalTranscriptState, maximumBytes: number): { text: string; bytes: number; partialLine: boolean; diagnostics: string[] } {
  const descriptor = openSync(file, 'r');
  try {
    const size = fstatSync(descriptor).size;
    if (size < state.offset) {
      // The file was replaced or cut: never re-read from the start; wait at its new end.
      const diagnostics = [`transcript shrank from ${state.offset} to ${size} bytes; reading resumes at its end`];
      state.offset = size;
      return { text: '', bytes: 0, partialLine: false, diagnostics };
    }
    const length = Math.min(size - state.offset, maximumBytes);
    if (length === 0) return { text: '', bytes: 0, partialLine: false, diagnostics: [] };
    const buffer = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const count = readSync(descriptor, buffer, filled, length - filled, state.offset + filled);
      if (count === 0) break;
      filled += count;
    }
    const lastNewline = buffer.lastIndexOf(NEWLINE, filled - 1);
    if (lastNewline === -1) return { text: '', bytes: 0, partialLine: filled > 0, diagnostics: [] };
    return { text: buffer.toString('utf8', 0, lastNewline), bytes: lastNewline + 1, partialLine: lastNewline + 1 < filled, diagnostics: [] };
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
  if (chunk.bytes === 0) return { steps: [], diagnostics, partialLine: chunk.partialLine };

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
  return { steps: renumber(raw, state), diagnostics, partialLine: chunk.partialLine };
}

/** Drops the transcript's copies of synthesized steps and numbers the rest after the earlier steps. */
function renumber(raw: Step[], state: IncrementalTranscriptState): Step[] {
  const renamed = new Map<string, string>();
  const steps: Step[] = [];
  for (const step of raw) {
    if (step.kind === 'tool-call' && state.synthesized[step.callId] === 'call') continue;
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
      state.calls[step.callId] = { stepId: step.id, tool: step.tool, resolved: false, order: state.sequence++ };
    } else if (step.kind === 'tool-result') {
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

/** A tool call and its result as a hook payload describes them (PostToolUse). */
export interface ToolPayload {
  callId: string;
  tool: string;
  input: unknown;
  output: string;
  isError: boolean;
  timestamp?: string;
}

/**
 * The steps of a tool call whose result the transcript has not shown yet, built from the hook payload: the
 * result (and the call too, when the transcript has not shown it either). When the transcript later shows
 * them they are skipped, so no step is counted twice. Returns nothing when the transcript already had both.
 */
export function synthesizeToolSteps(state: IncrementalTranscriptState, payload: ToolPayload): Step[] {
  const known = state.calls[payload.callId];
  if (known?.resolved) return [];
  const steps: Step[] = [];
  let callStepId = known?.stepId;
  if (!known) {
    callStepId = `hook-call:${payload.callId}`;
    const call: ToolCallStep = {
      id: callStepId,
      index: state.stepCount++,
      kind: 'tool-call',
      callId: payload.callId,
      tool: payload.tool,
      input: payload.input,
      canonicalInput: canonicalJson(payload.input),
      effects: deriveToolEffects(payload.tool, payload.input),
    };
    if (payload.timestamp) call.timestamp = payload.timestamp;
    steps.push(call);
    state.calls[payload.callId] = { stepId: callStepId, tool: payload.tool, resolved: true, order: state.sequence++ };
    state.synthesized[payload.callId] = 'call';
  } else {
    known.resolved = true;
    state.synthesized[payload.callId] = 'result';
  }
  const result: ToolResultStep = {
    id: `hook-result:${payload.callId}`,
    index: state.stepCount++,
    kind: 'tool-result',
    callId: payload.callId,
    callStepId: callStepId as string,
    output: payload.output,
    isError: payload.isError,
  };
  if (payload.timestamp) result.timestamp = payload.timestamp;
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
