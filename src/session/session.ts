/**
 * `createWinkSession`: wink inside an agent loop a team built itself. The same observer, detectors, guidance
 * ladder and PreToolUse policy as the hooks, fed in process: the loop observes steps (or its message history),
 * asks for guidance before each model call, checks tool calls before they run and asks before it stops. Fail-open:
 * no method throws; an error is reported to `onError` (default: `$WINK_HOME/wink.log`), and an error inside the
 * observer ends observation for the session (later calls answer "nothing to say, allow").
 */
import { randomUUID } from 'node:crypto';
import { emptyConfig, validateConfig, type WinkConfig } from '../config/schema.js';
import type { Finding } from '../detectors/define.js';
import { allDetectors } from '../detectors/index.js';
import { TrajectoryAssembler } from '../formats/assembler.js';
import { RecentSet } from '../formats/recent-keys.js';
import { contentText } from '../formats/json-document.js';
import { containsReminderTag } from '../guidance/neutralize.js';
import type { InstructionText } from '../instructions/types.js';
import { REMINDER_TAG_NOTE } from '../integrations/hook-observation.js';
import { logHookError } from '../integrations/hook-log.js';
import { findingRecord, interventionRecord, recoveryUpdate, stepRecord } from '../integrations/records.js';
import { Observer } from '../observer/observer.js';
import { createLlmAsyncCheckStarter } from '../llm/async-check.js';
import type { AsyncCheckStarter, Intervention, ObservationOutcome, ObserverSettings, RecoveryOutcome } from '../observer/types.js';
import { openStore } from '../store/open.js';
import type { FindingRecord, InterventionRecord, SessionRecord, WinkStore } from '../store/types.js';
import { canonicalJson } from '../trajectory/canonical.js';
import type { SessionMetadata } from '../trajectory/session.js';
import type { Step } from '../trajectory/step.js';
import { MessageHistory } from './message-history.js';
import { SessionRecorder } from './recorder.js';
import { addChatMessage, addStepInput, isChatMessage, isStepInput, plainUserText } from './step-input.js';
import type { BeforeToolCallOptions, ChatMessage, ProposedToolCall, StopVerdict, ToolCallVerdict, WinkObservable, WinkSession, WinkSessionOptions, WinkSessionSummary } from './types.js';

/** Most findings, interventions and recoveries a session keeps for `summary()` (all are recorded in the store). */
export const MAXIMUM_SUMMARY_ITEMS = 10_000;
/** Most delivered guidance texts remembered, to know them when the loop puts them back into its history. */
const REMEMBERED_GUIDANCE = 50;
/** Observer options of the configuration that belong to the hooks' worker, not to the observer. */
const HOOK_ONLY_OBSERVER_KEYS = new Set(['asyncChecker', 'asyncChecks']);
/** Most refused call ids remembered (the newest kept). */
const MAXIMUM_REMEMBERED_REFUSALS = 1_000;
/** How wink cites the instructions a session was given. */
export const SESSION_INSTRUCTIONS_LABEL = 'the system prompt';

/** Guidance produced at one step and not yet taken. */
interface PendingGuidance {
  text: string;
  step: number;
  interventions: Intervention[];
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function pushBounded<T>(list: T[], items: readonly T[]): void {
  for (const item of items) if (list.length < MAXIMUM_SUMMARY_ITEMS) list.push(item);
}

class Session implements WinkSession {
  readonly id: string;
  private readonly observer: Observer;
  private readonly assembler: TrajectoryAssembler;
  private readonly history = new MessageHistory();
  private readonly recorder: SessionRecorder | undefined;
  private readonly report: (error: Error, where: string) => void;
  private readonly closeStore: (() => Promise<void>) | undefined;
  private readonly metadata: SessionMetadata;
  private failed = false;
  private closed: Promise<WinkSessionSummary> | undefined;
  private errors = 0;
  private stepCount = 0;
  private messagePosition = 0;
  /** When the session was created: its start when no step carries a time. */
  private readonly createdAt = new Date().toISOString();
  private firstTimestamp: string | undefined;
  private lastTimestamp: string | undefined;
  /** The task given at creation, until the history shows it (so it is not observed twice). */
  private taskToSkip: string | undefined;
  private pending: PendingGuidance | undefined;
  /** Warnings about proposed calls not taken yet, with the call they are about (see `observeStep`). */
  private warnings: Array<{ text: string; callId?: string }> = [];
  private reminderNote = false;
  private readonly deliveredTexts: string[] = [];
  private readonly refusedCallIds = new RecentSet<string>(MAXIMUM_REMEMBERED_REFUSALS);
  private refusedCall: { tool: string; canonicalInput: string } | undefined;
  private readonly findings: Finding[] = [];
  private readonly interventions: Intervention[] = [];
  private readonly recoveries: RecoveryOutcome[] = [];
  /** The session's steps, kept only for the in-process LLM tier. */
  private keptSteps: Step[] | undefined;

  constructor(options: WinkSessionOptions) {
    this.id = options.sessionId ?? randomUUID();
    const onError = options.onError;
    this.report = (error, where) => {
      this.errors++;
      try {
        if (onError) onError(error, where);
        else logHookError(`session ${where}`, error);
      } catch {
        // The caller's error handler failed too; the agent still goes on.
      }
    };
    const config = this.validConfig(options.config);
    const settings = Object.fromEntries(Object.entries(config.observer).filter(([key]) => !HOOK_ONLY_OBSERVER_KEYS.has(key))) as Partial<ObserverSettings>;
    this.metadata = { id: this.id, agent: options.agent ?? 'sdk', environment: 'sdk', format: 'session', model: options.model, workingDirectory: options.workingDirectory };
    const instructions = typeof options.instructions === 'string' ? [options.instructions] : (options.instructions ?? []);
    this.observer = new Observer({
      session: this.metadata,
      detectors: allDetectors,
      detectorSettings: config.detectors,
      settings,
      guidanceOverrides: config.guidance,
      guidanceFormat: options.guidanceFormat,
      startAsyncCheck: options.startAsyncCheck ?? (options.llm ? this.llmStarter(options) : undefined),
      instructions: instructions
        .map((item) => (typeof item === 'string' ? { text: item, label: SESSION_INSTRUCTIONS_LABEL } : item))
        .filter((item) => typeof item.text === 'string' && item.text.trim().length > 0)
        .map((item): InstructionText => ({ source: 'rule-file', label: String(item.label), step: 0, text: item.text, wholeRequest: false })),
    });
    this.assembler = new TrajectoryAssembler(this.metadata, {
      file: `session:${this.id}`,
      format: 'session',
      keepSteps: false,
      onStep: (step) => this.observeStep(step),
      diagnostic: (_line, message) => this.report(new Error(message), 'observe'),
      isRefusedCall: (call) => this.takeRefusal(call.callId, call.tool, call.input),
    });
    if (options.store !== undefined) {
      const given = options.store === 'default' ? undefined : options.store;
      let opened: Promise<WinkStore> | undefined;
      const store = (): Promise<WinkStore> => (opened ??= given ? Promise.resolve(given) : openStore());
      this.recorder = new SessionRecorder(store, () => this.sessionRecord(), this.report);
      this.closeStore = given ? undefined : async () => (opened ? (await opened).close() : undefined);
    }
    if (options.task !== undefined && options.task.trim().length > 0) {
      this.taskToSkip = options.task.trim();
      this.guard('observe', undefined, () => this.assembler.user({ text: options.task as string, origin: 'prompt' }));
    }
  }

  get delivers(): boolean {
    return !this.failed && this.observer.delivers;
  }

  observe(input: WinkObservable | readonly WinkObservable[]): void {
    if (this.failed || this.closed) return;
    this.guard('observe', undefined, () => {
      // A list that starts with a message is a history: only its new items are observed (looked at one by one).
      const list = input as readonly WinkObservable[];
      const fresh = !Array.isArray(input) ? [input as WinkObservable] : list.length > 0 && isChatMessage(list[0]) ? this.history.newMessages(list as readonly ChatMessage[]) : list;
      for (const item of fresh) this.add(item);
    });
  }

  guidance(): string | undefined {
    if (this.failed) return undefined;
    if (this.pending === undefined && this.warnings.length === 0 && !this.reminderNote) return undefined;
    return this.guard('guidance', undefined, () => {
      const parts: string[] = [];
      const pending = this.pending;
      this.pending = undefined;
      if (pending) {
        parts.push(pending.text);
        this.recordPending(pending, true);
      }
      parts.push(...this.warnings.map((warning) => warning.text));
      this.warnings = [];
      if (this.reminderNote) parts.push(REMINDER_TAG_NOTE);
      this.reminderNote = false;
      if (parts.length === 0 || !this.observer.delivers) return undefined;
      const text = parts.join('\n\n');
      this.deliveredTexts.push(text.trim(), ...parts.map((part) => part.trim()));
      this.deliveredTexts.splice(0, Math.max(0, this.deliveredTexts.length - REMEMBERED_GUIDANCE));
      return text;
    });
  }

  beforeToolCall(call: ProposedToolCall, options: BeforeToolCallOptions = {}): ToolCallVerdict {
    const allow: ToolCallVerdict = { allow: true };
    if (this.failed || this.closed) return allow;
    return this.guard('beforeToolCall', allow, () => {
      const check = this.observer.checkProposedCall(call.tool, call.input, call.callId);
      if (check.decision === 'deny') {
        // Known by its id when it has one; otherwise by its tool and input, at the next call observed.
        if (call.callId !== undefined) this.refusedCallIds.add(call.callId);
        else this.refusedCall = { tool: call.tool, canonicalInput: canonicalJson(call.input) };
        this.recordDecision('pre-tool-use-deny', `pre-tool-use#${call.callId ?? this.refusedCallIds.size}`, check.reason, check.findings);
        return { allow: false, reason: check.reason };
      }
      if (check.decision === 'warn') {
        if ((options.warningDelivery ?? 'queued') === 'queued') this.warnings.push({ text: check.reason, callId: call.callId });
        return { allow: true, warning: check.reason };
      }
      return allow;
    });
  }

  beforeStop(finalMessage?: string, options: { stopHookActive?: boolean } = {}): StopVerdict {
    const go: StopVerdict = { block: false };
    if (this.failed || this.closed) return go;
    return this.guard('beforeStop', go, () => {
      const stop = this.observer.checkStop(finalMessage, options.stopHookActive === true);
      if (!stop.block) return go;
      this.recordDecision('stop-block', `stop#${this.observer.lastStepIndex}`, stop.reason, stop.findings);
      return { block: true, reason: stop.reason };
    });
  }

  summary(): WinkSessionSummary {
    return { sessionId: this.id, steps: this.stepCount, findings: [...this.findings], interventions: [...this.interventions], recoveries: [...this.recoveries], errors: this.errors };
  }

  close(): Promise<WinkSessionSummary> {
    this.closed ??= this.finish();
    return this.closed;
  }

  private async finish(): Promise<WinkSessionSummary> {
    if (!this.failed) {
      this.guard('close', undefined, () => {
        this.assembler.end();
        const pending = this.pending;
        this.pending = undefined;
        if (pending) this.recordPending(pending, false);
        const end = this.observer.end();
        const step = this.observer.lastStepIndex;
        pushBounded(this.findings, end.findings);
        pushBounded(this.recoveries, end.recoveries);
        this.recorder?.add({
          findings: end.findings.map((finding) => findingRecord(this.id, step, finding, { source: 'deterministic', arm: this.observer.arm, delivered: false })),
          recoveries: end.recoveries.map(recoveryUpdate),
        });
      });
    }
    try {
      await this.recorder?.flush();
      await this.closeStore?.();
    } catch (error) {
      this.report(asError(error), 'close');
    }
    return this.summary();
  }

  /** The in-process LLM tier: the session keeps its steps for the classifiers. */
  private llmStarter(options: WinkSessionOptions): AsyncCheckStarter {
    const steps: Step[] = [];
    this.keptSteps = steps;
    return createLlmAsyncCheckStarter({
      model: options.llm as NonNullable<WinkSessionOptions['llm']>,
      stepsFor: (job) => steps.filter((step) => step.index <= job.upToStep),
      onResult: options.onLlmResult,
    });
  }

  /** The configuration given, validated; the defaults (and a reported error) when it is not valid. */
  private validConfig(given: Partial<WinkConfig> | undefined): WinkConfig {
    if (given === undefined) return emptyConfig();
    try {
      return validateConfig(given, 'createWinkSession({ config })', allDetectors);
    } catch (error) {
      this.report(asError(error), 'config');
      return emptyConfig();
    }
  }

  /** Runs `work`; on an error reports it, stops observing when the observer may be left half-updated, and returns `fallback`. */
  private guard<T>(where: string, fallback: T, work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (where === 'observe' || where === 'close') this.failed = true;
      this.report(asError(error), where);
      return fallback;
    }
  }

  private add(item: WinkObservable): void {
    if (isChatMessage(item)) {
      this.addMessage(item);
      return;
    }
    if (!isStepInput(item)) {
      this.report(new Error(`not a step or a chat message (no "kind" or "role"); skipped`), 'observe');
      return;
    }
    if (item.kind === 'user' && (item.origin ?? 'prompt') === 'prompt') {
      if (this.skipsTask(item.text)) return;
      if (this.isGuidance(String(item.text ?? ''))) {
        this.assembler.user({ text: item.text, origin: 'injected', timestamp: item.timestamp });
        return;
      }
    }
    const problem = addStepInput(this.assembler, item);
    if (problem !== undefined) this.report(new Error(problem), 'observe');
  }

  private addMessage(message: ChatMessage): void {
    const position = this.messagePosition++;
    if (message.role === 'system' || message.role === 'developer') {
      // The loop's system prompt: instructions the agent runs under, cited like the `instructions` option.
      const instructions = contentText(message.content);
      if (instructions.trim().length > 0) this.assembler.user({ id: `m${position}`, text: instructions, origin: 'injected', context: { kind: 'rule-file', source: SESSION_INSTRUCTIONS_LABEL } });
      return;
    }
    const text = plainUserText(message);
    if (text !== undefined) {
      if (this.skipsTask(text)) return;
      this.assembler.user({ id: `m${position}`, text, origin: this.isGuidance(text) ? 'injected' : 'prompt' });
      return;
    }
    const problem = addChatMessage(this.assembler, message, position);
    if (problem !== undefined) this.report(new Error(problem), 'observe');
  }

  /** True (once) when a user prompt is the task given at creation, already observed. */
  private skipsTask(text: unknown): boolean {
    const task = this.taskToSkip;
    if (task === undefined) return false;
    this.taskToSkip = undefined;
    return typeof text === 'string' && text.trim() === task;
  }

  /** True for text wink delivered (put back into the history by the loop) or a harness reminder. */
  private isGuidance(text: string): boolean {
    const trimmed = text.trim();
    return trimmed.startsWith('<system-reminder>') || this.deliveredTexts.includes(trimmed);
  }

  /** True when this call is one `beforeToolCall` refused: by id, or (refused without an id) the next call observed, when its tool and input are the refused ones. */
  private takeRefusal(callId: string, tool: string, input: unknown): boolean {
    if (this.refusedCallIds.size === 0 && this.refusedCall === undefined) return false;
    if (this.refusedCallIds.has(callId)) return true;
    const refused = this.refusedCall;
    this.refusedCall = undefined;
    return refused !== undefined && refused.tool === tool && refused.canonicalInput === canonicalJson(input ?? {});
  }

  /** One step from the assembler: observed, its records kept until its guidance is taken or superseded. */
  private observeStep(step: Step): void {
    this.keptSteps?.push(step);
    // A warning is about a call before it runs: once the call is observed (it ran), what observing it finds speaks instead.
    if (step.kind === 'tool-call' && this.warnings.length > 0) this.warnings = this.warnings.filter((warning) => warning.callId !== undefined && warning.callId !== step.callId);
    const outcome = this.observer.observe(step);
    this.stepCount++;
    this.firstTimestamp ??= step.timestamp;
    this.lastTimestamp = step.timestamp ?? this.lastTimestamp;
    if (step.kind === 'tool-result' && containsReminderTag(step.output)) this.reminderNote = true;
    const { findings, interventions, recoveries, guidance } = outcome;
    if (findings.length > 0) pushBounded(this.findings, findings);
    if (recoveries.length > 0) pushBounded(this.recoveries, recoveries);
    if (this.recorder) this.recordStep(step, outcome);
    if (guidance !== undefined) {
      // Only the latest guidance goes out: an earlier one not taken yet is superseded.
      if (this.pending) this.recordPending(this.pending, false);
      this.pending = { text: guidance, step: step.index, interventions };
    } else if (interventions.length > 0) {
      pushBounded(this.interventions, interventions.map((item) => ({ ...item, delivered: false })));
    }
  }

  /** Records a step and what observing it found; a finding whose guidance is pending waits for it to be taken or superseded. */
  private recordStep(step: Step, outcome: ObservationOutcome): void {
    const arm = this.observer.arm;
    const guided = outcome.guidance !== undefined;
    const sources = new Map(outcome.interventions.map((item) => [item.signature, item.source]));
    const pendingSignatures = new Set(guided ? outcome.interventions.filter((item) => item.delivered).map((item) => item.signature) : []);
    this.recorder?.add({
      steps: [stepRecord(this.id, step)],
      findings: outcome.findings.filter((finding) => !pendingSignatures.has(finding.signature)).map((finding) => findingRecord(this.id, step.index, finding, { source: sources.get(finding.signature) ?? 'deterministic', arm, delivered: false })),
      interventions: guided ? [] : outcome.interventions.map((item) => interventionRecord(this.id, { ...item, delivered: false }, arm, 'additional-context')),
      recoveries: outcome.recoveries.map(recoveryUpdate),
    });
  }

  /** Records a pending guidance's interventions and findings as delivered or not. */
  private recordPending(pending: PendingGuidance, delivered: boolean): void {
    const interventions = pending.interventions.map((item) => ({ ...item, delivered: delivered && item.delivered }));
    pushBounded(this.interventions, interventions);
    this.recorder?.add({
      interventions: interventions.map((item) => interventionRecord(this.id, item, this.observer.arm, 'additional-context')),
      findings: interventions.map((item) => findingRecord(this.id, pending.step, item.finding, { source: item.source, arm: this.observer.arm, delivered: item.delivered })),
    });
  }

  /** Records a refusal or a blocked stop, delivered to the caller at once. */
  private recordDecision(channel: InterventionRecord['channel'], name: string, reason: string, findings: Finding[]): void {
    if (!this.recorder) return;
    const step = this.observer.lastStepIndex;
    const arm = this.observer.arm;
    const first = findings[0];
    const records: FindingRecord[] = findings.map((finding) => findingRecord(this.id, step, finding, { source: 'deterministic', arm, delivered: true }));
    this.recorder.add({
      findings: records,
      interventions: [
        {
          id: `${this.id}#${name}`, sessionId: this.id, step, signature: first?.signature ?? channel, category: first?.category ?? 'tool-call-failure', messageId: first?.messageId ?? channel,
          level: 1, guidance: reason, arm, delivered: true, channel, source: 'deterministic',
        },
      ],
    });
  }

  private sessionRecord(): SessionRecord {
    return {
      id: this.id,
      agent: this.metadata.agent,
      model: this.metadata.model,
      environment: 'sdk',
      workingDirectory: this.metadata.workingDirectory,
      mode: this.observer.settings.mode,
      arm: this.observer.arm,
      startedAt: this.firstTimestamp ?? this.createdAt,
      endedAt: this.lastTimestamp ?? new Date().toISOString(),
      stepCount: this.stepCount,
      transcriptOffset: 0,
    };
  }

}

/** Starts observing one agent session (see the file comment). Never throws: a session that cannot start observes nothing. */
export function createWinkSession(options: WinkSessionOptions = {}): WinkSession {
  try {
    return new Session(options);
  } catch (error) {
    const report = options.onError ?? ((failure: Error) => logHookError('session create', failure));
    try {
      report(asError(error), 'create');
    } catch {
      // Nothing more to do: the agent goes on unobserved.
    }
    return inertSession(options.sessionId ?? randomUUID());
  }
}

/** A session that observes nothing and allows everything (a session that could not start). */
function inertSession(id: string): WinkSession {
  const summary = (): WinkSessionSummary => ({ sessionId: id, steps: 0, findings: [], interventions: [], recoveries: [], errors: 1 });
  return {
    id,
    delivers: false,
    observe: () => undefined,
    guidance: () => undefined,
    beforeToolCall: () => ({ allow: true }),
    beforeStop: () => ({ block: false }),
    summary,
    close: () => Promise.resolve(summary()),
  };
}
