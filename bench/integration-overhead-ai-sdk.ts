/**
 * Overhead of `agent-wink/ai-sdk` per step: a generated run (bench/step-stream.ts) replayed as an AI SDK 6 loop
 * would drive wink — per model turn, `winkPrepareStep` gets the whole history so far (it translates and
 * observes the new messages and takes the pending guidance) — against a bare `Observer.observe` of the same
 * steps. Each turn's time is divided by its steps; the medians over turns are compared. Apart, the cost of
 * `winkTools`' check per tool call (`beforeToolCall`, which judges the proposed call with a copy of the
 * detectors, as the hooks' PreToolUse does). No model call is made.
 */
import type { ModelMessage, Tool, ToolExecutionOptions } from 'ai';
import { messageSteps, winkPrepareStep, winkTools } from '../src/ai-sdk/index.js';
import { allDetectors } from '../src/detectors/index.js';
import { Observer } from '../src/observer/observer.js';
import { createWinkSession } from '../src/session/index.js';
import type { Step } from '../src/trajectory/step.js';
import type { Trajectory } from '../src/trajectory/trajectory.js';
import { TimingSample } from './statistics.js';
import { generateStepStream } from './step-stream.js';

/** What the measurement found, in microseconds per step (medians over model turns). */
export interface AiSdkOverhead {
  steps: number;
  turns: number;
  integrationMedianMicroseconds: number;
  observerMedianMicroseconds: number;
  /** The same turns' steps, translated beforehand, fed to the plain session (`observe` and `guidance`). */
  sessionMedianMicroseconds: number;
  /** `integrationMedianMicroseconds` less `observerMedianMicroseconds`. */
  overheadMicroseconds: number;
  /** Median time of `winkTools`' check of one tool call (not per step; the detectors' copy included). */
  toolCheckMedianMicroseconds: number;
}

/** One model turn: its steps and the messages they make. */
interface Turn {
  steps: Step[];
  messages: ModelMessage[];
}

/** Splits the run into model turns (a user prompt, or assistant text and calls with their results) and renders their messages. */
function turnsOf(steps: readonly Step[]): Turn[] {
  const turns: Turn[] = [];
  let current: Turn | undefined;
  for (const step of steps) {
    const startsTurn = step.kind === 'user' || !current || ((step.kind === 'assistant' || step.kind === 'tool-call') && current.steps.some((earlier) => earlier.kind === 'tool-result'));
    if (startsTurn || !current) turns.push((current = { steps: [], messages: [] }));
    current.steps.push(step);
    const last = current.messages[current.messages.length - 1];
    if (step.kind === 'user') current.messages.push({ role: 'user', content: step.text });
    else if (step.kind === 'assistant' || step.kind === 'tool-call') {
      const part = step.kind === 'assistant' ? { type: 'text' as const, text: step.text } : { type: 'tool-call' as const, toolCallId: step.callId, toolName: step.tool, input: step.input };
      if (last?.role === 'assistant' && Array.isArray(last.content)) last.content.push(part);
      else current.messages.push({ role: 'assistant', content: [part] });
    } else if (step.kind === 'tool-result') {
      const output = step.isError ? { type: 'error-text' as const, value: step.output } : { type: 'text' as const, value: step.output };
      current.messages.push({ role: 'tool', content: [{ type: 'tool-result', toolCallId: step.callId, toolName: 'tool', output }] });
    }
  }
  return turns;
}

function median(sample: TimingSample): number {
  return sample.summary().median;
}

/** Adds a turn's time, divided by its steps, to the sample. */
function addPerStep(sample: TimingSample, turn: Turn, start: bigint, end: bigint): void {
  sample.add(start, start + (end - start) / BigInt(turn.steps.length));
}

/** The prepareStep path: each turn's history handed over whole, its new messages observed, guidance taken. */
async function timePrepareStep(turns: readonly Turn[]): Promise<TimingSample> {
  const prepareStep = winkPrepareStep({ onError: () => undefined });
  const sample = new TimingSample();
  const history: ModelMessage[] = [];
  turns.forEach((turn, stepNumber) => {
    history.push(...turn.messages);
    const messages = [...history];
    const start = process.hrtime.bigint();
    prepareStep({ messages, stepNumber });
    addPerStep(sample, turn, start, process.hrtime.bigint());
  });
  await prepareStep.session.close();
  return sample;
}

/** The turns' messages translated beforehand, then fed to a plain session: the session's part of the cost. */
async function timeSession(turns: readonly Turn[]): Promise<TimingSample> {
  const session = createWinkSession({ onError: () => undefined });
  const sample = new TimingSample();
  for (const turn of turns) {
    const steps = turn.messages.flatMap((message) => messageSteps(message));
    const start = process.hrtime.bigint();
    session.observe(steps);
    session.guidance();
    addPerStep(sample, turn, start, process.hrtime.bigint());
  }
  await session.close();
  return sample;
}

/** The same steps fed to a bare observer. */
function timeObserver(turns: readonly Turn[], session: Trajectory['session']): TimingSample {
  const observer = new Observer({ session, detectors: allDetectors });
  const sample = new TimingSample();
  for (const turn of turns) {
    const start = process.hrtime.bigint();
    for (const step of turn.steps) observer.observe(step);
    addPerStep(sample, turn, start, process.hrtime.bigint());
  }
  return sample;
}

/** `winkTools`' check of each tool call (per call), in a loop that also observes each turn. */
async function timeToolChecks(turns: readonly Turn[]): Promise<TimingSample> {
  const prepareStep = winkPrepareStep({ onError: () => undefined });
  const runTool: Tool<unknown, string> = { inputSchema: { jsonSchema: {} } as never, execute: () => 'ok' };
  const execute = winkTools({ run: runTool }, { session: prepareStep.session }).run.execute as (input: unknown, options: ToolExecutionOptions) => unknown;
  const sample = new TimingSample();
  const history: ModelMessage[] = [];
  turns.forEach((turn, stepNumber) => {
    for (const step of turn.steps) {
      if (step.kind !== 'tool-call') continue;
      const start = process.hrtime.bigint();
      execute(step.input, { toolCallId: step.callId, messages: history });
      sample.add(start, process.hrtime.bigint());
    }
    history.push(...turn.messages);
    prepareStep({ messages: [...history], stepNumber });
  });
  await prepareStep.session.close();
  return sample;
}

/** Measures both paths on a run of `stepCount` steps (at least 1,000), each once to warm up and once timed. */
export async function measureAiSdkOverhead(stepCount = 2_000): Promise<AiSdkOverhead> {
  const run = generateStepStream(Math.max(1_000, stepCount));
  const turns = turnsOf(run.steps);
  await timePrepareStep(turns);
  await timeSession(turns);
  timeObserver(turns, run.session);
  const integration = median(await timePrepareStep(turns));
  const session = median(await timeSession(turns));
  const observer = median(timeObserver(turns, run.session));
  const toolCheck = median(await timeToolChecks(turns));
  return {
    steps: run.steps.length,
    turns: turns.length,
    integrationMedianMicroseconds: integration,
    observerMedianMicroseconds: observer,
    sessionMedianMicroseconds: session,
    overheadMicroseconds: integration - observer,
    toolCheckMedianMicroseconds: toolCheck,
  };
}
