/**
 * Runs detectors over steps. Batch analysis is incremental analysis fed a whole trajectory, so both give the
 * same findings. The engine's state (facts + every detector's state) snapshots to JSON and restores, which
 * is how a hook process picks up where the previous one stopped.
 */
import { mergeOptions } from '../config/merge-options.js';
import type { Detector, DetectorContext, DetectorHandlers, DetectorMode, Finding, FindingReport } from '../detectors/define.js';
import { fillTemplate } from '../detectors/define.js';
import type { SessionMetadata } from '../trajectory/session.js';
import type { Step } from '../trajectory/step.js';
import type { Trajectory } from '../trajectory/trajectory.js';
import type { InstructionText } from '../instructions/types.js';
import { boundedStep } from './bounded-step.js';
import { FactsTracker, initialFactsState, type FactsState } from './facts.js';

/**
 * Version of the snapshot layout (2: premature-termination keeps the turn's last message unjudged, as an excerpt;
 * 3: malformed-tool-call keeps a record per tool and kind of mistake, repeated-failure keys a call by its target;
 * 4: repeated-tool-call keeps a streak per lane, repeated-failure a team record of calls on one target, and
 * ignored-tool-failure when each lane started). A snapshot of another version is not restored: the engine starts
 * again from the transcript.
 */
export const ENGINE_SNAPSHOT_VERSION = 4;

/**
 * Options per detector id: an options object merged over the defaults (its `mode` key, if any, sets the
 * detector's mode), or false to turn it off.
 */
export type DetectorSettings = Record<string, Record<string, unknown> | false | undefined>;

/** The mode a detector runs in under these settings. */
export function detectorMode(detector: Detector<object>, setting: Record<string, unknown> | false | undefined): DetectorMode {
  if (setting === false) return 'off';
  const mode = setting?.mode;
  if (mode === 'on' || mode === 'shadow' || mode === 'off') return mode;
  return detector.meta.defaultMode ?? 'on';
}

export interface EngineConfiguration {
  detectors: readonly Detector<object>[];
  settings?: DetectorSettings;
  /** Instruction documents from outside the trajectory (rule files read from disk by a hook); each is read once per session. */
  instructions?: readonly InstructionText[];
}

export interface EngineSnapshot {
  version: number;
  facts: FactsState;
  detectorStates: Record<string, object>;
  ended: boolean;
}

/** Detector failures kept per engine (the count goes on): a detector that throws at every step of a huge session fills no memory. */
export const MAXIMUM_KEPT_FAILURES = 50;

/** A detector that threw; the engine goes on without it for that step. */
export interface DetectorFailure {
  detector: string;
  step: number;
  message: string;
}

interface RunningDetector {
  detector: Detector<object>;
  handlers: DetectorHandlers;
  mode: DetectorMode;
}

/** A running detector's handlers for one kind of step: the kind's own, then the one for any step. */
interface StepDispatch {
  detector: Detector<object>;
  handlers: DetectorHandlers;
  kindHandler: ((step: Step) => void) | undefined;
  stepHandler: ((step: Step) => void) | undefined;
}

export class DetectionEngine {
  private readonly running: RunningDetector[] = [];
  /** By step kind, the running detectors that handle it, in order (handlers are looked up once, not at every step). */
  private readonly dispatchByKind = new Map<Step['kind'], StepDispatch[]>();
  private readonly facts: FactsTracker;
  private readonly detectorStates: Record<string, object>;
  private pending: Finding[] = [];
  private ended: boolean;
  /** Detector failures so far (they never stop the engine): the first {@link MAXIMUM_KEPT_FAILURES}. */
  readonly failures: DetectorFailure[] = [];
  /** How many detector failures there were in all, kept or not. */
  failureCount = 0;

  constructor(session: SessionMetadata, configuration: EngineConfiguration, snapshot?: EngineSnapshot) {
    const restored = snapshot && snapshot.version === ENGINE_SNAPSHOT_VERSION ? snapshot : undefined;
    this.facts = new FactsTracker(session, restored ? restored.facts : initialFactsState());
    if (configuration.instructions) this.facts.addInstructionDocuments(configuration.instructions);
    this.detectorStates = restored ? restored.detectorStates : {};
    this.ended = restored ? restored.ended : false;
    for (const detector of configuration.detectors) {
      const setting = configuration.settings?.[detector.id];
      const mode = detectorMode(detector, setting);
      if (mode === 'off') continue;
      const { mode: _mode, ...chosen } = setting === false || setting === undefined ? {} : setting;
      const options = mergeOptions(detector.meta.defaultOptions, chosen);
      const context = this.contextFor(detector, mode);
      try {
        this.running.push({ detector, handlers: detector.create(context, options), mode });
      } catch (error) {
        this.recordFailure({ detector: detector.id, step: -1, message: (error as Error).message });
      }
    }
  }

  /** Ids of the detectors that run. */
  get detectorIds(): string[] {
    return this.running.map((entry) => entry.detector.id);
  }

  /** Index of the last step pushed, or -1. */
  get lastStepIndex(): number {
    return this.facts.stepIndex;
  }

  /** Feeds one step; returns the findings it produced. Detectors see it bounded (see bounded-step.ts). */
  push(step: Step): Finding[] {
    // A script run after a call wrote it (`python fix.py`) changes what its text says (see `script-runs.ts`).
    const seen = this.facts.withScriptRuns(boundedStep(step));
    this.facts.before(seen, step);
    for (const { detector, handlers, kindHandler, stepHandler } of this.dispatchFor(seen.kind)) {
      try {
        if (kindHandler) kindHandler.call(handlers, seen);
        if (stepHandler) stepHandler.call(handlers, seen);
      } catch (error) {
        this.recordFailure({ detector: detector.id, step: seen.index, message: (error as Error).message });
      }
    }
    this.facts.after(seen);
    return this.take();
  }

  /** Keeps a detector failure (the first {@link MAXIMUM_KEPT_FAILURES}) and counts every one. */
  private recordFailure(failure: DetectorFailure): void {
    this.failureCount++;
    if (this.failures.length < MAXIMUM_KEPT_FAILURES) this.failures.push(failure);
  }

  /** The session ended: lets detectors report what only the end reveals. Idempotent. */
  end(): Finding[] {
    if (this.ended) return [];
    this.ended = true;
    for (const { detector, handlers } of this.running) {
      try {
        handlers.end?.();
      } catch (error) {
        this.recordFailure({ detector: detector.id, step: this.facts.stepIndex, message: (error as Error).message });
      }
    }
    return this.take();
  }

  /** The engine's whole state as JSON-safe data. */
  snapshot(): EngineSnapshot {
    return { version: ENGINE_SNAPSHOT_VERSION, facts: this.facts.state, detectorStates: this.detectorStates, ended: this.ended };
  }

  /** The running detectors with a handler for this kind of step (or for any step), with those handlers. */
  private dispatchFor(kind: Step['kind']): StepDispatch[] {
    let dispatch = this.dispatchByKind.get(kind);
    if (dispatch === undefined) {
      dispatch = [];
      for (const { detector, handlers } of this.running) {
        const kindHandler = handlers[kind] as ((step: Step) => void) | undefined;
        const stepHandler = handlers.step as ((step: Step) => void) | undefined;
        if (kindHandler || stepHandler) dispatch.push({ detector, handlers, kindHandler, stepHandler });
      }
      this.dispatchByKind.set(kind, dispatch);
    }
    return dispatch;
  }

  private take(): Finding[] {
    const findings = this.pending;
    this.pending = [];
    return findings;
  }

  private contextFor(detector: Detector<object>, mode: DetectorMode): DetectorContext {
    const meta = detector.meta;
    return {
      facts: this.facts,
      report: (report: FindingReport) => {
        const data = report.data ?? {};
        const template = meta.messages[report.messageId];
        const finding: Finding = {
          detector: detector.id,
          category: report.category ?? meta.category,
          messageId: report.messageId,
          message: template === undefined ? report.messageId : fillTemplate(template, data),
          data,
          steps: report.steps.length > 0 ? report.steps : [this.facts.stepIndex],
          confidence: report.confidence ?? meta.defaultConfidence ?? 0.9,
          signature: report.signature ?? `${detector.id}:${report.messageId}`,
        };
        const form = report.form ?? meta.form;
        if (form) finding.form = form;
        if (meta.signal) finding.signal = true;
        if (mode === 'shadow') finding.shadow = true;
        this.pending.push(finding);
      },
      state: <State extends object>(initial: () => State): State => {
        const existing = this.detectorStates[detector.id];
        if (existing) return existing as State;
        const created = initial();
        this.detectorStates[detector.id] = created;
        return created;
      },
    };
  }
}

/** Runs detectors over a whole trajectory (batch): every step, then the end. */
export function analyzeTrajectory(trajectory: Trajectory, configuration: EngineConfiguration): { findings: Finding[]; failures: DetectorFailure[]; failureCount: number } {
  const engine = new DetectionEngine(trajectory.session, configuration);
  const findings: Finding[] = [];
  for (const step of trajectory.steps) findings.push(...engine.push(step));
  findings.push(...engine.end());
  return { findings, failures: engine.failures, failureCount: engine.failureCount };
}
