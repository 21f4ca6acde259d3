/**
 * `winkPrepareStep`: wink in an AI SDK 6 tool loop (`generateText`, `streamText`, `ToolLoopAgent`) through its
 * `prepareStep` hook. Before each step it observes the step's messages (the first user message is the task) and,
 * when wink has a reminder, returns `{ messages: [...messages, reminder] }`. In v6 that override applies to that
 * step only, and the session's guidance is taken once: each reminder reaches the model once. The last step's
 * answer comes after the last `prepareStep`: pass `onStepFinish` too to observe it.
 */
import type { ModelMessage } from 'ai';
import type { WinkSession } from '../session/types.js';
import { errorReporter, ObservedHistory, reminderMessage, sessionFor, type WinkAiSdkOptions } from './history.js';

/** What wink reads of `prepareStep`'s argument. */
export interface PrepareStepInput {
  messages: ModelMessage[];
  stepNumber?: number;
}

/** What wink reads of a finished step (`onStepFinish`'s argument). */
export interface FinishedStep {
  response: { messages: readonly ModelMessage[] };
}

/** A `prepareStep` function that observes, with its session and the matching `onStepFinish`. */
export interface WinkPrepareStep {
  (options: PrepareStepInput): { messages: ModelMessage[] } | undefined;
  readonly session: WinkSession;
  /** Observes a finished step (the final answer included); use it as, or call it from, `onStepFinish`. */
  readonly onStepFinish: (step: FinishedStep) => void;
}

/** Most messages a step's responses may repeat from the end of its input (the tool results of approvals, 1). */
const MAXIMUM_REPEATED_RESPONSES = 8;

function sameMessage(first: unknown, second: unknown): boolean {
  if (first === second) return true;
  try {
    return JSON.stringify(first) === JSON.stringify(second);
  } catch {
    return false;
  }
}

/**
 * How many of a first step's responses its input already ended with: the loop puts the results of tool
 * approvals (run or denied before the first step) both at the end of step 0's messages and at the start of
 * every step's response messages.
 */
export function repeatedResponses(input: readonly ModelMessage[], responses: readonly ModelMessage[]): number {
  for (let count = Math.min(input.length, responses.length, MAXIMUM_REPEATED_RESPONSES); count > 0; count--) {
    let same = true;
    for (let index = 0; index < count && same; index++) same = sameMessage(input[input.length - count + index], responses[index]);
    if (same) return count;
  }
  return 0;
}

/** Creates the `prepareStep` function (see the file comment). It never throws. */
export function winkPrepareStep(options: WinkAiSdkOptions = {}): WinkPrepareStep {
  const session = sessionFor(options);
  const report = errorReporter(options);
  const history = new ObservedHistory(session, report);
  /** The messages of the last step, as `prepareStep` got them (the loop's initial messages, then its responses so far). */
  let stepMessages: readonly ModelMessage[] = [];
  /** How many response messages those hold; unknown at step 0 (see `repeatedResponses`). */
  let responsesInStep: number | undefined;
  const prepareStep = (input: PrepareStepInput): { messages: ModelMessage[] } | undefined => {
    const messages = Array.isArray(input?.messages) ? input.messages : [];
    stepMessages = messages;
    if (input?.stepNumber === 0) responsesInStep = undefined;
    const text = history.observeAndRemind(messages, 'prepareStep');
    return text === undefined ? undefined : { messages: [...messages, reminderMessage(text)] };
  };
  const onStepFinish = (step: FinishedStep): void => {
    try {
      const responses = step?.response?.messages;
      if (!Array.isArray(responses)) return;
      const known = responsesInStep ?? repeatedResponses(stepMessages, responses);
      // The step's history: its input, then the responses it added (`response.messages` holds every step's).
      history.observe([...stepMessages, ...responses.slice(known)], 'onStepFinish');
      responsesInStep = responses.length;
    } catch (error) {
      report(error instanceof Error ? error : new Error(String(error)), 'onStepFinish');
    }
  };
  return Object.assign(prepareStep, { session, onStepFinish });
}
