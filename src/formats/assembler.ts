/**
 * Builds a trajectory step by step for a reader: numbers steps, keeps ids unique, derives canonical
 * inputs and effects of tool calls, links each result to its call, and tracks session times and model.
 * Readers call it in log order; it never reorders.
 */
import { canonicalJson } from '../trajectory/canonical.js';
import type { SessionMetadata } from '../trajectory/session.js';
import type {
  AssistantMessageStep,
  InjectedContext,
  SourceLocation,
  Step,
  SystemEventStep,
  SystemEventType,
  TokenUsage,
  ToolCallStep,
  ToolResultStep,
  UserMessageOrigin,
  UserMessageStep,
} from '../trajectory/step.js';
import { markRefusedCall } from '../trajectory/hook-refusal.js';
import { codeToolCalls, type CodeToolCall } from '../trajectory/code-action.js';
import { deriveToolEffects } from '../trajectory/tool-effects.js';
import { classifyToolOutcome, outcomeCallKind, type OutcomeCallKind, type OutcomeResult } from '../trajectory/tool-outcome.js';
import { TRAJECTORY_SCHEMA_VERSION, type Trajectory } from '../trajectory/trajectory.js';
import { RecentMap, RecentSet } from './recent-keys.js';

/**
 * Most step ids and call ids remembered while streaming (steps not kept): ids are kept unique, and results linked
 * to their calls, within the last this many. A session of a million steps then reads in flat memory; a log that
 * reuses an id from further back keeps it as it is, and a result whose call is further back gets a placeholder
 * call. When steps are kept, every id is remembered (the steps take more memory than their ids).
 */
export const MAXIMUM_REMEMBERED_IDS = 10_000;

/** Fields common to every step a reader adds. */
export interface StepFields {
  /** The log's own id for this step, if it has one (made unique if it repeats). */
  id?: string;
  /** ISO-8601 time. */
  timestamp?: string;
  /** Sub-agent id for sidechain steps. */
  sidechain?: string;
  /** 1-based line in the file the step was read from. */
  line?: number;
  /** File the line is in, when it is not the file being read (e.g. a sub-agent transcript beside it). */
  file?: string;
}

/** The code of a code action, given by the reader with the tools the agent declares. */
export interface CodeInput {
  language: string;
  code: string;
  /** The names of the tools the agent can call from its code. */
  tools: readonly string[];
}

/** What a call's result needs to know about the call, kept per call id (small). */
interface KnownCall {
  /** Id of the call's step, to link the result to it. */
  stepId: string;
  /** What the outcome of the result needs. */
  kind: OutcomeCallKind;
  codeCalls: readonly CodeToolCall[];
}

/** Where the assembler sends finished steps. */
export interface AssemblerOptions {
  /** The file being read (for source locations and diagnostics). */
  file: string;
  /** Reader id. */
  format: string;
  /** Called with each step as soon as it is added. */
  onStep?: (step: Step, session: SessionMetadata) => void;
  /** Keep all steps in memory to build the trajectory (false when streaming). */
  keepSteps: boolean;
  /** Records a diagnostic. */
  diagnostic: (line: number, message: string) => void;
  /**
   * Hold each tool call (and the steps after it) back from `onStep` until its result is read, so a call whose
   * result says a hook refused it reaches the listener already marked refused, without effects: the log writes
   * the call before the refusal, but the call never ran. Steps still reach the listener in log order. Only for
   * readers that see a whole log; the hook's incremental reads mark refusals from the hook's own decisions.
   */
  holdCallsForResults?: boolean;
  /**
   * Calls the host itself refused before they ran (an in-process `beforeToolCall`), asked for every call added:
   * such a call is marked refused without effects, and its result is a refusal, not a failure, whatever the log's
   * wording or error flag.
   */
  isRefusedCall?: (call: { callId: string; tool: string; input: unknown }) => boolean;
}

/**
 * Most steps held back waiting for a call's result; past it they are handed on as they are. A result comes right
 * after its call (hook context lines may sit between), so the bound only matters for a call that never gets one.
 */
export const MAXIMUM_HELD_STEPS = 256;

export class TrajectoryAssembler {
  /** The session metadata; readers may fill in fields as they learn them. */
  readonly session: SessionMetadata;
  private readonly steps: Step[] = [];
  private readonly usedIds: RecentSet<string>;
  /** Call id → id of its call step and what the outcome of its result needs (no step kept, so memory stays small on long sessions). */
  private readonly calls: RecentMap<string, KnownCall>;
  private count = 0;
  private ended = false;
  /** Steps held back from `onStep` while a call waits for its result (see `holdCallsForResults`). */
  private readonly held: Step[] = [];
  /** Call ids of held calls still waiting for their result. */
  private readonly waiting = new Set<string>();
  /** Call ids of calls refused before they ran (their results are refusals). */
  private readonly refusedCallIds: RecentSet<string>;

  constructor(
    session: SessionMetadata,
    private readonly options: AssemblerOptions,
  ) {
    this.session = session;
    const remembered = options.keepSteps ? Number.POSITIVE_INFINITY : MAXIMUM_REMEMBERED_IDS;
    this.usedIds = new RecentSet(remembered);
    this.calls = new RecentMap(remembered);
    this.refusedCallIds = new RecentSet(remembered);
  }

  /** Number of steps added so far. */
  get stepCount(): number {
    return this.count;
  }

  /** Adds a user-role message. */
  user(fields: StepFields & { text: string; origin?: UserMessageOrigin; context?: InjectedContext; queued?: boolean }): UserMessageStep {
    const step = this.base(fields, 'u') as UserMessageStep;
    step.kind = 'user';
    step.text = fields.text;
    step.origin = fields.origin ?? 'prompt';
    if (fields.context) step.context = fields.context;
    if (fields.queued) step.queued = true;
    return this.add(step);
  }

  /** Adds an assistant message. */
  assistant(fields: StepFields & { text: string; reasoning?: string; model?: string; messageId?: string; usage?: TokenUsage }): AssistantMessageStep {
    const step = this.base(fields, 'a') as AssistantMessageStep;
    step.kind = 'assistant';
    step.text = fields.text;
    if (fields.reasoning) step.reasoning = fields.reasoning;
    if (fields.model) {
      step.model = fields.model;
      if (!this.session.model) this.session.model = fields.model;
    }
    if (fields.messageId) step.messageId = fields.messageId;
    if (fields.usage) step.usage = fields.usage;
    return this.add(step);
  }

  /** Adds a tool call; `callId` defaults to the step id. */
  toolCall(
    fields: StepFields & { callId?: string; tool: string; input: unknown; messageId?: string; synthetic?: boolean; refusedByHook?: boolean; code?: CodeInput; calledFrom?: string },
  ): ToolCallStep {
    const step = this.base(fields, 'c') as ToolCallStep;
    const callId = fields.callId ?? step.id;
    step.kind = 'tool-call';
    step.callId = callId;
    step.tool = fields.tool;
    step.input = fields.input;
    step.canonicalInput = canonicalJson(fields.input);
    step.effects = deriveToolEffects(fields.tool, fields.input);
    if (fields.messageId) step.messageId = fields.messageId;
    if (fields.synthetic) step.synthetic = true;
    if (fields.refusedByHook || this.options.isRefusedCall?.({ callId, tool: fields.tool, input: fields.input })) {
      markRefusedCall(step);
      this.refusedCallIds.add(callId);
    }
    if (fields.code) step.code = { language: fields.code.language, calls: codeToolCalls(fields.code.code, fields.code.tools), tools: fields.code.tools };
    if (fields.calledFrom !== undefined) step.calledFrom = fields.calledFrom;
    if (this.calls.has(callId)) this.options.diagnostic(fields.line ?? 1, `tool call id ${callId} is used twice; the later call takes it`);
    this.calls.set(callId, { stepId: step.id, kind: outcomeCallKind(step), codeCalls: step.code?.calls ?? [] });
    return this.add(step);
  }

  /** True when a call with this id has been added. */
  hasCall(callId: string): boolean {
    return this.calls.has(callId);
  }

  /**
   * Adds a tool result. A result whose call was never seen gets a synthetic call (tool `unknown`) and a
   * diagnostic, so every result still points at a call. Every result gets its outcome (trajectory/tool-outcome.ts):
   * a reader whose log has no error flag for the result says so with `hasErrorFlag: false`, and the outcome is then
   * read from the text; otherwise the flags decide and the text only names the error.
   */
  toolResult(
    given: StepFields & OutcomeResult & { callId: string; tool?: string },
  ): ToolResultStep {
    const fields = !given.refusedByHook && this.refusedCallIds.size > 0 && this.refusedCallIds.has(given.callId) ? { ...given, refusedByHook: true } : given;
    let call = this.calls.get(fields.callId);
    let callStepId: string;
    if (call === undefined) {
      this.options.diagnostic(fields.line ?? 1, `tool result for unknown call ${fields.callId}; a placeholder call was added`);
      callStepId = this.toolCall({ callId: fields.callId, tool: fields.tool ?? 'unknown', input: {}, synthetic: true, line: fields.line, file: fields.file, timestamp: fields.timestamp, sidechain: fields.sidechain }).id;
      call = this.calls.get(fields.callId);
    } else callStepId = call.stepId;
    const step = this.base(fields, 'r') as ToolResultStep;
    step.kind = 'tool-result';
    step.callId = fields.callId;
    step.callStepId = callStepId;
    step.output = fields.output;
    // A call a hook refused did not fail: it never ran (see trajectory/hook-refusal.ts).
    step.isError = fields.refusedByHook ? false : fields.isError;
    if (fields.exitCode !== undefined) step.exitCode = fields.exitCode;
    if (fields.rejected) step.rejected = true;
    if (fields.interrupted) step.interrupted = true;
    if (fields.refusedByHook) {
      step.refusedByHook = true;
      this.markHeldCallRefused(callStepId);
    }
    const result: OutcomeResult = { output: step.output, isError: step.isError, exitCode: step.exitCode, rejected: step.rejected, interrupted: step.interrupted, refusedByHook: step.refusedByHook, hasErrorFlag: fields.hasErrorFlag };
    step.outcome = classifyToolOutcome(result, call?.kind ?? 'tool', call?.codeCalls);
    return this.add(step);
  }

  /** Adds a system event. */
  event(fields: StepFields & { event: SystemEventType; text?: string; data?: Record<string, unknown> }): SystemEventStep {
    const step = this.base(fields, 'e') as SystemEventStep;
    step.kind = 'event';
    step.event = fields.event;
    if (fields.text !== undefined) step.text = fields.text;
    if (fields.data !== undefined) step.data = fields.data;
    return this.add(step);
  }

  /** Hands every held step to the listener, in order. */
  flush(): void {
    this.waiting.clear();
    const held = this.held.splice(0);
    for (const step of held) this.emit(step);
  }

  /** Finishes the trajectory; returns it when steps were kept. Calling it twice is harmless. */
  end(): Trajectory | undefined {
    this.flush();
    this.ended = true;
    if (!this.options.keepSteps) return undefined;
    return { schemaVersion: TRAJECTORY_SCHEMA_VERSION, session: this.session, steps: this.steps };
  }

  /** True once {@link end} was called. */
  get isEnded(): boolean {
    return this.ended;
  }

  /**
   * The fields every step starts with, in the order steps show them; the caller adds its kind's fields to this
   * object (no copy: spreading it into a new literal cost more than the rest of building an assistant step).
   */
  private base(fields: StepFields, prefix: string): { id: string; index: number; timestamp?: string; sidechain?: string; source?: SourceLocation } {
    let id = fields.id ?? `${prefix}${this.count}`;
    if (!this.usedIds.addNew(id)) {
      let suffix = 2;
      while (this.usedIds.has(`${id}#${suffix}`)) suffix++;
      id = `${id}#${suffix}`;
      this.usedIds.add(id);
    }
    const base: { id: string; index: number; timestamp?: string; sidechain?: string; source?: SourceLocation } = { id, index: this.count };
    if (fields.timestamp) {
      base.timestamp = fields.timestamp;
      if (!this.session.startedAt) this.session.startedAt = fields.timestamp;
      this.session.endedAt = fields.timestamp;
    }
    if (fields.sidechain) base.sidechain = fields.sidechain;
    if (fields.line !== undefined) base.source = { file: fields.file ?? this.options.file, line: fields.line };
    return base;
  }

  private add<S extends Step>(step: S): S {
    this.count++;
    if (!this.options.holdCallsForResults || (this.held.length === 0 && step.kind !== 'tool-call')) {
      this.emit(step);
      return step;
    }
    // The agent moved on (a new prompt or its next message): a result still missing will not come.
    const movedOn = step.kind === 'assistant' || (step.kind === 'user' && step.origin === 'prompt' && step.context === undefined);
    if (movedOn) this.flush();
    this.held.push(step);
    if (step.kind === 'tool-call') this.waiting.add(step.callId);
    if (step.kind === 'tool-result') this.waiting.delete(step.callId);
    if (this.waiting.size === 0 || this.held.length >= MAXIMUM_HELD_STEPS) this.flush();
    return step;
  }

  private emit(step: Step): void {
    if (this.options.keepSteps) this.steps.push(step);
    this.options.onStep?.(step, this.session);
  }

  /** A held call whose result is a hook's refusal never ran: it is marked so before anyone sees it. */
  private markHeldCallRefused(callStepId: string): void {
    for (let position = this.held.length - 1; position >= 0; position--) {
      const step = this.held[position];
      if (step.id !== callStepId) continue;
      if (step.kind === 'tool-call') markRefusedCall(step);
      return;
    }
  }
}
