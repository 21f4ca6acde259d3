/**
 * Renders a trajectory as the text a model reads, within a token budget (estimated at
 * {@link CHARACTERS_PER_TOKEN} characters a token).
 *
 * - Developer messages are never truncated: they are the instructions the agent is judged against.
 * - Assistant text and tool outputs are cut head and tail around an explicit `[N chars omitted]` marker, with
 *   caps that shrink as the session grows ({@link TEXT_CAPS_BY_SESSION_LENGTH}); when the render is still
 *   over budget the caps are halved, down to {@link MINIMUM_TEXT_CAP}, and then the oldest non-developer steps
 *   are left out (listed by a `[steps a–b omitted]` line).
 * - Tool inputs are kept whole (only an input over {@link TOOL_INPUT_MAXIMUM_CHARACTERS} is cut).
 * - Secrets are redacted ({@link redactSecrets}) before anything is cut, so no half secret slips through.
 * - Tool outputs are quoted data: fenced in `<tool-output step="n">…</tool-output>`, with fence look-alikes
 *   and reminder tags inside neutralised, so text in them cannot pose as instructions or close the fence.
 */
import { neutralizeReminderTags } from '../guidance/neutralize.js';
import type { Step } from '../trajectory/step.js';
import { redactSecrets, type RedactionCount } from './redact.js';

/** Characters per token used for every estimate. */
export const CHARACTERS_PER_TOKEN = 4;

/** Character caps of assistant text and tool outputs by session length (the first row whose `upToSteps` covers the session). */
export const TEXT_CAPS_BY_SESSION_LENGTH: readonly { upToSteps: number; assistantCharacters: number; toolOutputCharacters: number }[] = [
  { upToSteps: 16, assistantCharacters: 5000, toolOutputCharacters: 4000 },
  { upToSteps: 40, assistantCharacters: 3000, toolOutputCharacters: 2000 },
  { upToSteps: 100, assistantCharacters: 2000, toolOutputCharacters: 1200 },
  { upToSteps: 250, assistantCharacters: 1000, toolOutputCharacters: 600 },
  { upToSteps: Number.POSITIVE_INFINITY, assistantCharacters: 500, toolOutputCharacters: 300 },
];

/** Caps are never halved below this. */
export const MINIMUM_TEXT_CAP = 160;
/** A tool input longer than this (a whole file written) is cut like an output. */
export const TOOL_INPUT_MAXIMUM_CHARACTERS = 8000;
/** Event texts are short notes; longer ones are cut to this. */
export const EVENT_TEXT_CAP = 300;
/** Default token budget of a render. */
export const DEFAULT_RENDER_TOKEN_BUDGET = 12_000;

/** Options of a render. */
export interface RenderOptions {
  /** Tokens the render may take. */
  tokenBudget?: number;
  /** Session length used to pick the caps (defaults to the number of steps given). */
  sessionLength?: number;
  /**
   * Incremental render: steps before this index are left out except the developer's own messages, which are
   * always shown (the instructions do not expire).
   */
  fromStep?: number;
}

/** A rendered trajectory. */
export interface RenderedTrajectory {
  text: string;
  /** Estimated tokens of `text`. */
  estimatedTokens: number;
  /** Characters cut out of assistant text, tool inputs and outputs. */
  omittedCharacters: number;
  /** Indices of steps left out to meet the budget (incremental omissions not included). */
  omittedSteps: number[];
  /** Secrets taken out, by kind. */
  redactions: RedactionCount[];
  /** The caps used in the end. */
  assistantCap: number;
  toolOutputCap: number;
  /** First and last step index shown in full (not only as a developer message). */
  firstStep: number;
  lastStep: number;
}

/** Estimated tokens of a text. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARACTERS_PER_TOKEN);
}

/** The caps row for a session of `stepCount` steps. */
export function capsForSessionLength(stepCount: number): { assistantCharacters: number; toolOutputCharacters: number } {
  return TEXT_CAPS_BY_SESSION_LENGTH.find((row) => stepCount <= row.upToSteps) ?? TEXT_CAPS_BY_SESSION_LENGTH[TEXT_CAPS_BY_SESSION_LENGTH.length - 1];
}

/** Keeps the head and tail of a text around a `[N chars omitted]` marker. */
export function cutHeadAndTail(text: string, cap: number): { text: string; omitted: number } {
  if (text.length <= cap) return { text, omitted: 0 };
  const head = Math.ceil(cap / 2);
  const tail = cap - head;
  const omitted = text.length - head - tail;
  return { text: `${text.slice(0, head)}\n... [${omitted} chars omitted] ...\n${text.slice(text.length - tail)}`, omitted };
}

/**
 * Fence look-alikes inside quoted data are turned into brackets so the data cannot close its fence; like the
 * reminder tags of guidance/neutralize.ts, the rest of a tag stops at the next `<`, so matching stays linear.
 */
const FENCE_TAG = /<(\/?)\s*(tool-output|trajectory|earlier-verdicts)\b(?:[^<>]*>)?/gi;

/** Makes a text safe to place inside the prompt's fences. */
export function neutralizeQuotedText(text: string): string {
  return neutralizeReminderTags(text).replace(FENCE_TAG, (_whole, slash: string, name: string) => `[${slash}${name}]`);
}

function jsonOf(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return String(value);
  }
}

/** What rendering one or more steps cut and redacted. */
export interface RenderState {
  redactions: Map<string, number>;
  omitted: number;
  /** Texts already redacted and neutralised, by original text (a render that tries several caps cleans each text once). */
  cleaned?: Map<string, { text: string; redactions: RedactionCount[] }>;
}

function clean(text: string, state: RenderState): string {
  let done = state.cleaned?.get(text);
  if (!done) {
    const { text: redacted, redactions } = redactSecrets(text);
    done = { text: neutralizeQuotedText(redacted), redactions };
    state.cleaned?.set(text, done);
  }
  for (const { kind, count } of done.redactions) state.redactions.set(kind, (state.redactions.get(kind) ?? 0) + count);
  return done.text;
}

function cut(text: string, cap: number, state: RenderState): string {
  const result = cutHeadAndTail(text, cap);
  state.omitted += result.omitted;
  return result.text;
}

/** One step's text with the given caps; what it cut and redacted is added to `state`. */
export function renderStep(step: Step, callIndex: Map<string, number>, caps: { assistant: number; toolOutput: number; event?: number }, state: RenderState): string {
  switch (step.kind) {
    case 'user': {
      const label = step.origin === 'prompt' ? 'DEVELOPER' : step.origin === 'interrupt' ? 'DEVELOPER (interrupt)' : 'USER ROLE (injected by the harness)';
      const text = clean(step.text, state);
      return `[STEP ${step.index} | ${label}]\n${step.origin === 'injected' ? cut(text, caps.toolOutput, state) : text}`;
    }
    case 'assistant': {
      const parts = [`[STEP ${step.index} | AGENT]`];
      if (step.reasoning) parts.push(`(reasoning) ${cut(clean(step.reasoning, state), Math.ceil(caps.assistant / 2), state)}`);
      if (step.text) parts.push(cut(clean(step.text, state), caps.assistant, state));
      return parts.join('\n');
    }
    case 'tool-call':
      return `[STEP ${step.index} | TOOL CALL ${clean(step.tool, state)}]\n${cut(clean(jsonOf(step.input), state), TOOL_INPUT_MAXIMUM_CHARACTERS, state)}`;
    case 'tool-result': {
      const call = callIndex.get(step.callStepId);
      const status = [step.isError ? 'error' : 'ok', step.exitCode !== undefined ? `exit code ${step.exitCode}` : '', step.rejected ? 'rejected by the developer' : '', step.interrupted ? 'interrupted' : '']
        .filter((part) => part.length > 0)
        .join(', ');
      const header = `[STEP ${step.index} | TOOL RESULT${call !== undefined ? ` of step ${call}` : ''} | ${status}]`;
      return `${header}\n<tool-output step="${step.index}">\n${cut(clean(step.output, state), caps.toolOutput, state)}\n</tool-output>`;
    }
    case 'event':
      return `[STEP ${step.index} | EVENT ${step.event}]${step.text ? `\n${cut(clean(step.text, state), caps.event ?? EVENT_TEXT_CAP, state)}` : ''}`;
  }
}

/** A message the developer typed (a prompt or an interrupt), never an injected one. */
export function isDeveloperMessage(step: Step): boolean {
  return step.kind === 'user' && step.origin !== 'injected';
}

/** One attempt at rendering with given caps and steps left out. */
function renderWith(steps: readonly Step[], caps: { assistant: number; toolOutput: number }, fromStep: number, dropped: ReadonlySet<number>): { text: string; state: RenderState } {
  const state: RenderState = { redactions: new Map(), omitted: 0 };
  const callIndex = new Map(steps.filter((step) => step.kind === 'tool-call').map((step) => [step.id, step.index]));
  const lines: string[] = ['<trajectory>'];
  if (fromStep > 0) lines.push(`[Steps before ${fromStep} were checked earlier; of them only the developer's messages are shown.]`);
  let droppedRun: number[] = [];
  const flushDropped = (): void => {
    if (droppedRun.length === 0) return;
    const first = droppedRun[0];
    const last = droppedRun[droppedRun.length - 1];
    lines.push(`[steps ${first}–${last} omitted to fit the budget: ${droppedRun.length} steps]`);
    droppedRun = [];
  };
  for (const step of steps) {
    if (step.index < fromStep && !isDeveloperMessage(step)) continue;
    if (dropped.has(step.index)) {
      droppedRun.push(step.index);
      continue;
    }
    flushDropped();
    lines.push(renderStep(step, callIndex, caps, state));
  }
  flushDropped();
  lines.push('</trajectory>');
  return { text: lines.join('\n\n'), state };
}

/** Renders steps (index order) within the budget. */
export function renderTrajectory(steps: readonly Step[], options: RenderOptions = {}): RenderedTrajectory {
  const budget = options.tokenBudget ?? DEFAULT_RENDER_TOKEN_BUDGET;
  const fromStep = options.fromStep ?? 0;
  const row = capsForSessionLength(options.sessionLength ?? steps.length);
  const caps = { assistant: row.assistantCharacters, toolOutput: row.toolOutputCharacters };
  const dropped = new Set<number>();
  let attempt = renderWith(steps, caps, fromStep, dropped);
  while (estimateTokens(attempt.text) > budget && (caps.assistant > MINIMUM_TEXT_CAP || caps.toolOutput > MINIMUM_TEXT_CAP)) {
    caps.assistant = Math.max(MINIMUM_TEXT_CAP, Math.floor(caps.assistant / 2));
    caps.toolOutput = Math.max(MINIMUM_TEXT_CAP, Math.floor(caps.toolOutput / 2));
    attempt = renderWith(steps, caps, fromStep, dropped);
  }
  if (estimateTokens(attempt.text) > budget) {
    // Leave out the oldest steps that are not developer messages, keeping the latest ones (the newest behaviour matters most).
    const candidates = steps.filter((step) => step.index >= fromStep && !isDeveloperMessage(step)).map((step) => step.index);
    let excess = estimateTokens(attempt.text) - budget;
    const perStep = new Map(steps.map((step) => [step.index, estimateTokens(renderStep(step, new Map(), caps, { redactions: new Map(), omitted: 0 }))]));
    for (const index of candidates.slice(0, Math.max(0, candidates.length - 2))) {
      if (excess <= 0) break;
      dropped.add(index);
      excess -= perStep.get(index) ?? 0;
    }
    attempt = renderWith(steps, caps, fromStep, dropped);
  }
  const shown = steps.filter((step) => step.index >= fromStep && !dropped.has(step.index));
  return {
    text: attempt.text,
    estimatedTokens: estimateTokens(attempt.text),
    omittedCharacters: attempt.state.omitted,
    omittedSteps: [...dropped].sort((left, right) => left - right),
    redactions: [...attempt.state.redactions].map(([kind, count]) => ({ kind, count })),
    assistantCap: caps.assistant,
    toolOutputCap: caps.toolOutput,
    firstStep: shown[0]?.index ?? fromStep,
    lastStep: shown[shown.length - 1]?.index ?? fromStep - 1,
  };
}
