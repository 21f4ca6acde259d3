/**
 * The self-intervention loop. Fed one step at a time: deterministic detectors run inline; asynchronous
 * checks start every k steps and are never awaited here — their results are taken up at the first step
 * after they arrive. Before any guidance goes out, a staleness check confirms the misbehavior still
 * holds. An escalation ladder per misbehavior signature (nudge → restate the task → stop and ask) with a
 * cooldown; real user input resets it. Every intervention is tracked for recovery over the next steps.
 * The whole state is JSON, so a hook process can save it and the next one can continue.
 */
import { mergeOptions } from '../config/merge-options.js';
import type { Detector, Finding } from '../detectors/define.js';
import { DetectionEngine, type DetectorSettings, type EngineSnapshot } from '../engine/engine.js';
import type { InstructionText } from '../instructions/types.js';
import { renderBeforeCall, renderGuidance, renderRepeatedFailureBeforeCall, type EscalationLevel, type GuidanceFormat, type GuidanceInput } from '../guidance/render.js';
import type { GuidanceTemplate } from '../guidance/templates.js';
import { canonicalJson } from '../trajectory/canonical.js';
import type { SessionMetadata } from '../trajectory/session.js';
import type { AssistantMessageStep, Step, ToolCallStep } from '../trajectory/step.js';
import { commandLineOf, deriveToolEffects } from '../trajectory/tool-effects.js';
import { assignArm } from './assignment.js';
import { copyJsonState } from './copy-state.js';
import { recurrenceReason } from './recurrence.js';
import {
  DEFAULT_OBSERVER_SETTINGS,
  type Arm,
  type AsyncCheckJob,
  type AsyncCheckResult,
  type AsyncCheckStarter,
  type Intervention,
  type ObservationOutcome,
  type ObserverSettings,
  type PreToolUsePolicy,
  type ProposedCallDecision,
  type RecoveryOutcome,
  type StopDecision,
} from './types.js';

/** Version of the observer's saved state. */
export const OBSERVER_STATE_VERSION = 1;
/** Most signatures remembered (least recently seen dropped first). */
export const MAXIMUM_REMEMBERED_SIGNATURES = 200;
/** Most failed-call keys remembered for the PreToolUse repeat check. */
export const MAXIMUM_REMEMBERED_FAILURES = 100;

interface LadderEntry {
  level: number;
  lastInjectedStep: number;
}

/** A call's failures in a row (see `ObserverState.failureRuns`). */
interface FailureRun {
  count: number;
  /** The engine's change count after the last failure (the failing call's own effects included). */
  changesAfter: number;
  /** Step of the last failure (to forget the oldest first). */
  step: number;
}

interface OpenRecovery {
  interventionId: string;
  signature: string;
  category: Intervention['category'];
  step: number;
  progress: boolean;
}

/** The observer's whole state, as JSON. */
export interface ObserverState {
  version: number;
  engine?: EngineSnapshot;
  arm?: Arm;
  ladders: Record<string, LadderEntry>;
  lastSeen: Record<string, number>;
  openRecoveries: OpenRecovery[];
  asyncInbox: AsyncCheckResult[];
  lastAsyncStartStep: number;
  jobCount: number;
  stepCount: number;
  lastStepIndex: number;
  task: string;
  lastPromptStep: number;
  lastSuccessByTool: Record<string, number>;
  /**
   * Calls that failed the last time they ran, by call key: how many times in a row they failed with nothing
   * changed in between, and the change count after the last failure (for the PreToolUse repeat check).
   */
  failureRuns: Record<string, FailureRun>;
  /** The last tool call observed and the findings it produced (a PreToolUse hook may see the call in the transcript before it decides). */
  lastCall?: { callId: string; findings: Finding[] };
  /** Calls waiting for their result: call id → tool, call key and the change count before the call (bounded). */
  pendingCalls: Record<string, { tool: string; key: string; step: number; changesBefore?: number }>;
  interventionCount: number;
  stopBlocked: boolean;
}

function initialState(): ObserverState {
  return {
    version: OBSERVER_STATE_VERSION,
    ladders: {},
    lastSeen: {},
    openRecoveries: [],
    asyncInbox: [],
    lastAsyncStartStep: -1,
    jobCount: 0,
    stepCount: 0,
    lastStepIndex: -1,
    task: '',
    lastPromptStep: -1,
    lastSuccessByTool: {},
    failureRuns: {},
    pendingCalls: {},
    interventionCount: 0,
    stopBlocked: false,
  };
}

export interface ObserverOptions {
  session: SessionMetadata;
  detectors: readonly Detector<object>[];
  detectorSettings?: DetectorSettings;
  settings?: Partial<ObserverSettings>;
  /** Guidance wording overrides by messageId or category. */
  guidanceOverrides?: Record<string, Partial<GuidanceTemplate>>;
  /** How guidance is wrapped for this agent. */
  guidanceFormat?: GuidanceFormat;
  /** Starts asynchronous checks (LLM classifiers). */
  startAsyncCheck?: AsyncCheckStarter;
  /** Saved state of a previous observer of the same session. */
  state?: ObserverState;
  /** Instruction documents from outside the trajectory (rule files a hook read from disk); each is read once per session. */
  instructions?: readonly InstructionText[];
}

/**
 * What makes two calls "the same call" for the repeated-failure check: a shell call's command line (its
 * description or timeout may differ between attempts), any other call's tool and canonical input.
 */
function repeatKey(call: ToolCallStep): string {
  const commandLine = call.effects.action === 'shell' ? commandLineOf(call.input) : undefined;
  return commandLine !== undefined ? `${call.tool}\u0000$ ${commandLine.trim()}` : `${call.tool}\u0000${call.canonicalInput}`;
}

/** A finding of an LLM classifier (`verdictToFinding` marks them `data.source: 'llm'`). */
function isLlmFinding(finding: Finding): boolean {
  return finding.data.source === 'llm';
}

function keepBounded(record: Record<string, number>, limit: number): void {
  const keys = Object.keys(record);
  if (keys.length <= limit) return;
  keys.sort((left, right) => record[left] - record[right]);
  for (const key of keys.slice(0, keys.length - limit)) delete record[key];
}

/** Findings about the end of a turn that a Stop may block for: the agent can still put them right in its answer. */
const STOP_BLOCKING_CATEGORIES = new Set(['inaccurate-self-report', 'premature-termination']);
/** Findings of other categories about the answer itself (its form), which the agent can give again at once. */
const STOP_BLOCKING_MESSAGES = new Set(['answerFormat']);

export class Observer {
  readonly settings: ObserverSettings;
  private readonly engine: DetectionEngine;
  private readonly state: ObserverState;
  private readonly options: ObserverOptions;

  constructor(options: ObserverOptions) {
    this.options = options;
    // Key by key: a configuration setting one PreToolUse policy keeps the other defaults.
    this.settings = mergeOptions(DEFAULT_OBSERVER_SETTINGS, options.settings);
    const restored = options.state && options.state.version === OBSERVER_STATE_VERSION ? options.state : undefined;
    this.state = restored ?? initialState();
    // States saved before failure runs were kept restore without them.
    this.state.failureRuns ??= {};
    this.engine = new DetectionEngine(options.session, { detectors: options.detectors, settings: options.detectorSettings, instructions: options.instructions }, this.state.engine);
    if (this.settings.mode === 'ab' && !this.state.arm) this.state.arm = assignArm(this.settings.abSeed, options.session.id, this.settings.treatmentShare);
  }

  /** The A/B arm (treatment outside `ab` mode unless shadow). */
  get arm(): Arm {
    if (this.settings.mode === 'ab') return this.state.arm ?? 'treatment';
    return this.settings.mode === 'shadow' ? 'control' : 'treatment';
  }

  /** True when guidance is delivered in this session. */
  get delivers(): boolean {
    return this.settings.mode === 'intervene' || (this.settings.mode === 'ab' && this.state.arm === 'treatment');
  }

  /** Index of the last step observed, or -1. */
  get lastStepIndex(): number {
    return this.state.lastStepIndex;
  }

  /** The JSON state to save. */
  snapshot(): ObserverState {
    this.state.engine = this.engine.snapshot();
    return this.state;
  }

  /** Takes in the result of an asynchronous check; it is acted on at the next step. */
  receive(result: AsyncCheckResult): void {
    this.state.asyncInbox.push(result);
  }

  /** Observes one step. */
  observe(step: Step): ObservationOutcome {
    const state = this.state;
    state.stepCount++;
    state.lastStepIndex = step.index;
    const recoveries: RecoveryOutcome[] = [];
    if (step.kind === 'user' && step.origin === 'prompt') {
      if (state.task.length === 0) state.task = step.text;
      state.lastPromptStep = step.index;
      state.ladders = {};
    }
    const changesBefore = this.changeCount();
    const deterministic = this.engine.push(step);
    if (step.kind === 'tool-call') state.lastCall = { callId: step.callId, findings: deterministic.filter((finding) => !finding.signal && !finding.shadow) };
    this.trackProgress(step, changesBefore);
    for (const finding of deterministic) this.noteFinding(finding, step.index, recoveries);
    const asynchronous = this.takeAsyncFindings(step.index);
    for (const finding of asynchronous) this.noteFinding(finding, step.index, recoveries);
    this.closeExpiredRecoveries(step.index, recoveries);
    const jobsStarted = this.maybeStartAsyncCheck(step.index);
    const interventions = this.decide([...deterministic.map((finding) => ({ finding, source: 'deterministic' as const })), ...asynchronous.map((finding) => ({ finding, source: 'asynchronous' as const }))], step.index);
    const delivered = interventions.filter((intervention) => intervention.delivered);
    return {
      findings: [...deterministic, ...asynchronous],
      interventions,
      guidance: delivered.length > 0 ? this.render(delivered.map((intervention) => ({ finding: intervention.finding, level: intervention.level, task: state.task }))) : undefined,
      recoveries,
      jobsStarted,
    };
  }

  /** The session ended: end-of-session findings and every open recovery marked insufficient. */
  end(): { findings: Finding[]; recoveries: RecoveryOutcome[] } {
    const findings = this.engine.end();
    const recoveries = this.state.openRecoveries.map((open) => ({
      interventionId: open.interventionId,
      signature: open.signature,
      category: open.category,
      outcome: 'insufficient' as const,
      decidedAtStep: this.state.lastStepIndex,
      reason: 'the session ended before the recovery window closed',
    }));
    this.state.openRecoveries = [];
    return { findings, recoveries };
  }

  /**
   * Checks a proposed tool call before it runs, on a copy of the detectors' state: would it break an
   * instruction in force or repeat a call that already failed? Nothing is recorded. The call is refused only
   * where the policy says `block` for its finding's messageId or category (by default: an explicit instruction
   * forbids exactly this call) or when the identical call already failed `repeatedFailureLimit` times in a row
   * with nothing changed in between; otherwise the answer is a warning (or nothing).
   */
  checkProposedCall(tool: string, input: unknown, callId = 'proposed-call'): ProposedCallDecision {
    const canonicalInput = canonicalJson(input);
    const step: ToolCallStep = {
      id: `proposed:${callId}`,
      index: this.state.lastStepIndex + 1,
      kind: 'tool-call',
      callId,
      tool,
      input,
      canonicalInput,
      effects: deriveToolEffects(tool, input),
    };
    // When the call is already in the trajectory (another hook read it from the transcript before this one ran),
    // judge it by what observing it found; otherwise by a copy of the detectors fed the proposed call.
    const seen = this.state.lastCall && this.state.lastCall.callId === callId ? this.state.lastCall.findings : undefined;
    const candidates = seen ?? this.copyEngine().push(step);
    const findings = candidates.filter((finding) => !finding.signal && !finding.shadow && finding.confidence >= this.settings.minimumConfidence);
    const refusals: Finding[] = [];
    const warnings: Finding[] = [];
    for (const finding of findings) {
      const policy = this.preToolUsePolicy(finding.messageId, finding.category);
      if (policy === 'block') refusals.push(finding);
      else if (policy === 'warn') warnings.push(finding);
    }
    const failures = this.consecutiveFailures(repeatKey(step));
    const limit = this.settings.repeatedFailureLimit;
    const repeatCheck = this.preToolUsePolicy(undefined, 'tool-call-failure') !== 'off';
    const refuseRepeat = repeatCheck && limit > 0 && failures >= limit;
    const warnRepeat = repeatCheck && !refuseRepeat && failures > 0 && failures >= this.settings.repeatedFailureWarning;
    if (!this.delivers) return { decision: 'allow', reason: '', findings };
    // A refusal states only why the call was refused; a warning never says the call was stopped.
    if (refusals.length > 0 || refuseRepeat) {
      const reasons = refusals.map((finding) => renderBeforeCall(finding, 'deny', this.options.guidanceOverrides));
      if (refuseRepeat) reasons.push(renderRepeatedFailureBeforeCall(tool, failures, 'deny'));
      return { decision: 'deny', reason: reasons.join('\n\n'), findings };
    }
    if (warnings.length > 0 || warnRepeat) {
      const reasons = warnings.map((finding) => renderBeforeCall(finding, 'warn', this.options.guidanceOverrides));
      if (warnRepeat) reasons.push(renderRepeatedFailureBeforeCall(tool, failures, 'warn'));
      return { decision: 'warn', reason: reasons.join('\n\n'), findings };
    }
    return { decision: 'allow', reason: '', findings };
  }

  /** The PreToolUse policy of a finding: its messageId's, else its category's, else warn. */
  private preToolUsePolicy(messageId: string | undefined, category: string): PreToolUsePolicy {
    const policies = this.settings.preToolUse;
    return (messageId !== undefined ? policies[messageId] : undefined) ?? policies[category] ?? 'warn';
  }

  /** How many times in a row the call with this key failed, when nothing changed since its last failure; else 0. */
  private consecutiveFailures(key: string): number {
    const run = this.state.failureRuns[key];
    return run && run.changesAfter === this.changeCount() ? run.count : 0;
  }

  /** Changes to the files or the environment so far (the engine's facts). */
  private changeCount(): number {
    return this.engine.snapshot().facts.changeCount;
  }

  /**
   * The agent wants to stop. Blocks once when its final message claims success the trajectory contradicts,
   * it leaves work undone, or its answer is not in the form the developer asked for ("answer with only a
   * number"); never while a previous block is still active (`stopHookActive`).
   */
  checkStop(lastAssistantMessage: string | undefined, stopHookActive: boolean): StopDecision {
    const engine = this.copyEngine();
    const findings: Finding[] = [];
    if (lastAssistantMessage && lastAssistantMessage.trim().length > 0) {
      const step: AssistantMessageStep = { id: 'proposed:stop-message', index: this.state.lastStepIndex + 1, kind: 'assistant', text: lastAssistantMessage };
      findings.push(...engine.push(step));
    }
    findings.push(...engine.end());
    const blocking = findings.filter(
      (finding) =>
        !finding.signal &&
        !finding.shadow &&
        finding.confidence >= this.settings.minimumConfidence &&
        (STOP_BLOCKING_CATEGORIES.has(finding.category) || STOP_BLOCKING_MESSAGES.has(finding.messageId)),
    );
    if (stopHookActive || this.state.stopBlocked || blocking.length === 0 || !this.delivers) return { block: false, reason: '', findings: blocking };
    this.state.stopBlocked = true;
    return { block: true, reason: this.render(blocking.slice(0, this.settings.maximumFindingsPerInjection).map((finding) => ({ finding, level: 1 })), 'plain'), findings: blocking };
  }

  private copyEngine(): DetectionEngine {
    const snapshot = copyJsonState(this.engine.snapshot());
    return new DetectionEngine(this.options.session, { detectors: this.options.detectors, settings: this.options.detectorSettings }, snapshot);
  }

  private render(inputs: GuidanceInput[], format: GuidanceFormat = this.options.guidanceFormat ?? 'system-reminder'): string {
    return renderGuidance(inputs, { format, overrides: this.options.guidanceOverrides });
  }

  private trackProgress(step: Step, changesBefore: number): void {
    const state = this.state;
    if (step.kind === 'user' && step.origin === 'prompt') {
      state.stopBlocked = false;
      // The developer spoke: earlier failures no longer count against a retry (they may have asked for it).
      state.failureRuns = {};
    }
    if (step.kind === 'tool-call') {
      state.pendingCalls[step.callId] = { tool: step.tool, key: repeatKey(step), step: step.index, changesBefore };
      const callIds = Object.keys(state.pendingCalls);
      if (callIds.length > MAXIMUM_REMEMBERED_FAILURES) {
        callIds.sort((left, right) => state.pendingCalls[left].step - state.pendingCalls[right].step);
        for (const callId of callIds.slice(0, callIds.length - MAXIMUM_REMEMBERED_FAILURES)) delete state.pendingCalls[callId];
      }
      return;
    }
    if (step.kind !== 'tool-result') return;
    const call = state.pendingCalls[step.callId];
    delete state.pendingCalls[step.callId];
    // A call a hook refused never ran: neither a failure nor a success, and no progress.
    if (step.refusedByHook) return;
    if (step.isError) {
      if (call) this.noteFailure(call.key, call.changesBefore, step.index);
      return;
    }
    if (call) {
      state.lastSuccessByTool[call.tool] = step.index;
      delete state.failureRuns[call.key];
    }
    for (const open of state.openRecoveries) if (step.index > open.step) open.progress = true;
  }

  /** Counts a failure of the call `key`: one more in a row when nothing changed since its previous failure. */
  private noteFailure(key: string, changesBefore: number | undefined, stepIndex: number): void {
    const runs = this.state.failureRuns;
    const previous = runs[key];
    const inARow = previous !== undefined && changesBefore !== undefined && previous.changesAfter === changesBefore;
    runs[key] = { count: inARow ? previous.count + 1 : 1, changesAfter: this.changeCount(), step: stepIndex };
    const keys = Object.keys(runs);
    if (keys.length > MAXIMUM_REMEMBERED_FAILURES) {
      keys.sort((left, right) => runs[left].step - runs[right].step);
      for (const dropped of keys.slice(0, keys.length - MAXIMUM_REMEMBERED_FAILURES)) delete runs[dropped];
    }
  }

  private noteFinding(finding: Finding, stepIndex: number, recoveries: RecoveryOutcome[]): void {
    const state = this.state;
    state.lastSeen[finding.signature] = stepIndex;
    keepBounded(state.lastSeen, MAXIMUM_REMEMBERED_SIGNATURES);
    const remaining: OpenRecovery[] = [];
    for (const open of state.openRecoveries) {
      const reason = recurrenceReason(finding, stepIndex, open);
      if (reason !== undefined) {
        recoveries.push({ interventionId: open.interventionId, signature: open.signature, category: open.category, outcome: 'not-recovered', decidedAtStep: stepIndex, reason });
      } else {
        remaining.push(open);
      }
    }
    state.openRecoveries = remaining;
  }

  private closeExpiredRecoveries(stepIndex: number, recoveries: RecoveryOutcome[]): void {
    const remaining: OpenRecovery[] = [];
    for (const open of this.state.openRecoveries) {
      if (stepIndex - open.step >= this.settings.recoveryWindow) {
        recoveries.push({
          interventionId: open.interventionId,
          signature: open.signature,
          category: open.category,
          outcome: open.progress ? 'recovered' : 'not-recovered',
          decidedAtStep: stepIndex,
          reason: open.progress ? `no recurrence in ${this.settings.recoveryWindow} steps and a successful action since` : `no progress in ${this.settings.recoveryWindow} steps`,
        });
      } else {
        remaining.push(open);
      }
    }
    this.state.openRecoveries = remaining;
  }

  private takeAsyncFindings(stepIndex: number): Finding[] {
    const inbox = this.state.asyncInbox;
    this.state.asyncInbox = [];
    const findings: Finding[] = [];
    for (const result of inbox) {
      if (result.error) continue;
      for (const finding of result.findings) {
        if (!this.stillHolds(finding, stepIndex, true)) continue;
        // An LLM verdict below its category's floor is recorded, never injected.
        findings.push(isLlmFinding(finding) && finding.confidence < this.injectionFloor(finding) ? { ...finding, shadow: true } : finding);
      }
    }
    return findings;
  }

  private maybeStartAsyncCheck(stepIndex: number): AsyncCheckJob[] {
    const start = this.options.startAsyncCheck;
    if (!start || this.state.stepCount % this.settings.checkInterval !== 0) return [];
    this.state.jobCount++;
    this.state.lastAsyncStartStep = stepIndex;
    const job: AsyncCheckJob = { id: `${this.options.session.id}#check-${this.state.jobCount}`, sessionId: this.options.session.id, upToStep: stepIndex };
    try {
      const pending = start(job);
      if (pending && typeof (pending as Promise<AsyncCheckResult>).then === 'function') {
        (pending as Promise<AsyncCheckResult>).then(
          (result) => this.receive(result),
          (error: unknown) => this.receive({ jobId: job.id, findings: [], error: String(error) }),
        );
      }
    } catch (error) {
      this.receive({ jobId: job.id, findings: [], error: String(error) });
    }
    return [job];
  }

  /** The confidence a finding needs to be injected: its category's LLM floor for an LLM verdict, else `minimumConfidence`. */
  private injectionFloor(finding: Finding): number {
    return isLlmFinding(finding) ? (this.settings.llmConfidenceFloors[finding.category] ?? this.settings.minimumConfidence) : this.settings.minimumConfidence;
  }

  /** Staleness check: does the misbehavior still hold at this step? */
  private stillHolds(finding: Finding, stepIndex: number, asynchronous: boolean): boolean {
    const lastEvidence = finding.steps[finding.steps.length - 1] ?? stepIndex;
    if (this.state.lastPromptStep > lastEvidence) return false;
    if (asynchronous && stepIndex - lastEvidence > this.settings.asyncStalenessSteps) return false;
    if (finding.category === 'infinite-loop') {
      const seen = this.state.lastSeen[finding.signature] ?? lastEvidence;
      return stepIndex - Math.max(seen, lastEvidence) <= this.settings.loopFreshnessSteps;
    }
    if (finding.category === 'tool-call-failure') {
      const tool = typeof finding.data.tool === 'string' ? finding.data.tool : undefined;
      if (tool !== undefined && (this.state.lastSuccessByTool[tool] ?? -1) > lastEvidence) return false;
    }
    return true;
  }

  private decide(candidates: Array<{ finding: Finding; source: Intervention['source'] }>, stepIndex: number): Intervention[] {
    const state = this.state;
    const interventions: Intervention[] = [];
    const chosen = new Set<string>();
    // Several detectors often describe the same action (a call repeated with the same bad argument is a loop,
    // a malformed call and a failure streak at once): one guidance per action, the most confident first.
    const chosenActions = new Set<number>();
    const ordered = [...candidates].sort((left, right) => right.finding.confidence - left.finding.confidence);
    for (const { finding, source } of ordered) {
      // Signals and shadow-mode findings are recorded, never delivered.
      if (finding.signal || finding.shadow || finding.confidence < this.injectionFloor(finding)) continue;
      if (chosen.has(finding.signature)) continue;
      const action = finding.steps[finding.steps.length - 1] ?? stepIndex;
      if (chosenActions.has(action)) continue;
      if (interventions.length >= this.settings.maximumFindingsPerInjection) break;
      if (source === 'deterministic' && !this.stillHolds(finding, stepIndex, false)) continue;
      const ladder = state.ladders[finding.signature];
      if (ladder && stepIndex - ladder.lastInjectedStep < this.settings.cooldownSteps) continue;
      const level = Math.min(3, (ladder?.level ?? 0) + 1) as EscalationLevel;
      state.ladders[finding.signature] = { level, lastInjectedStep: stepIndex };
      chosen.add(finding.signature);
      chosenActions.add(action);
      state.interventionCount++;
      const intervention: Intervention = {
        id: `${this.options.session.id}#${stepIndex}#${state.interventionCount}`,
        step: stepIndex,
        signature: finding.signature,
        category: finding.category,
        messageId: finding.messageId,
        level,
        guidance: this.render([{ finding, level, task: state.task }]),
        finding,
        delivered: this.delivers,
        source,
      };
      interventions.push(intervention);
      state.openRecoveries.push({ interventionId: intervention.id, signature: finding.signature, category: finding.category, step: stepIndex, progress: false });
    }
    return interventions;
  }
}
