/**
 * Replays a trajectory step by step through an {@link Observer}, as if the agent were running live, and
 * keeps a timeline of what happened at each step: the findings, the interventions with the exact guidance
 * the agent would have received, and the recovery outcomes decided. Used by `wink demo`, `wink watch` and
 * reports. The same {@link ReplaySession} also serves a live source that delivers steps one at a time.
 */
import type { Detector, Finding } from '../detectors/define.js';
import type { DetectorSettings } from '../engine/engine.js';
import type { GuidanceFormat } from '../guidance/render.js';
import type { GuidanceTemplate } from '../guidance/templates.js';
import type { SessionMetadata } from '../trajectory/session.js';
import type { Step } from '../trajectory/step.js';
import type { Trajectory } from '../trajectory/trajectory.js';
import { Observer } from './observer.js';
import { DEFAULT_OBSERVER_SETTINGS, type Arm, type Intervention, type ObserverMode, type ObserverSettings, type RecoveryOutcome } from './types.js';

/** What happened at one step. */
export interface ReplayEntry {
  /** The step observed. */
  step: Step;
  /** Findings produced at this step (including signals such as developer pushback). */
  findings: Finding[];
  /** Interventions decided at this step, delivered or not. */
  interventions: Intervention[];
  /** The guidance block injected after this step, exactly as the agent would receive it. */
  guidance?: string;
  /** Recovery outcomes decided at this step. */
  recoveries: RecoveryOutcome[];
  /**
   * Set on a prompt that follows an agent turn: what the Stop hook did when the agent stopped before it
   * (blocked once with this reason, or let it stop), and the findings it judged the final message by.
   */
  stop?: { blocked: boolean; reason: string; findings: Finding[] };
}

/** What happened when the session ended. */
export interface ReplayEnding {
  /** Findings only known at the end (unfinished plans, the last claim checked against the end state). */
  findings: Finding[];
  /** True when a Stop hook would have blocked the agent from stopping, once. */
  stopBlocked: boolean;
  /** The reason the agent would have been given with the block (plain text), or ''. */
  stopReason: string;
  /** Recoveries still open at the end, marked insufficient. */
  recoveries: RecoveryOutcome[];
}

/** A whole replayed session. */
export interface ReplayResult {
  session: SessionMetadata;
  /** The observer's mode and this session's arm. */
  mode: ObserverMode;
  arm: Arm;
  /** One entry per step, in order. */
  entries: ReplayEntry[];
  ending: ReplayEnding;
}

/** How to build the observer of a replay. */
export interface ReplayOptions {
  detectors: readonly Detector<object>[];
  detectorSettings?: DetectorSettings;
  settings?: Partial<ObserverSettings>;
  /** Guidance wording overrides by messageId (the config file's `guidance`). */
  guidanceOverrides?: Record<string, Partial<GuidanceTemplate>>;
  guidanceFormat?: GuidanceFormat;
}

/** The parts of a configuration file a replay uses (the shape of `WinkConfig`). */
export interface ReplayConfiguration {
  detectors: DetectorSettings;
  guidance: Record<string, Partial<GuidanceTemplate>>;
  observer: Record<string, unknown>;
}

/**
 * Observer settings from a configuration's `observer` section: keys wink knows, with the type of their
 * default. Anything else is returned as a problem to show, never silently used.
 */
export function observerSettingsFromConfiguration(section: Record<string, unknown>): { settings: Partial<ObserverSettings>; problems: string[] } {
  const settings: Record<string, unknown> = {};
  const problems: string[] = [];
  const defaults = DEFAULT_OBSERVER_SETTINGS as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(section)) {
    if (!(key in defaults)) problems.push(`observer.${key}: unknown setting (known: ${Object.keys(defaults).join(', ')})`);
    else if (typeof value !== typeof defaults[key]) problems.push(`observer.${key}: expected ${typeof defaults[key]}, got ${typeof value}`);
    else settings[key] = value;
  }
  return { settings: settings as Partial<ObserverSettings>, problems };
}

/** Replay options from a loaded configuration (detector options, guidance overrides, observer settings). */
export function replayOptionsFromConfiguration(configuration: ReplayConfiguration, detectors: readonly Detector<object>[]): { options: ReplayOptions; problems: string[] } {
  const { settings, problems } = observerSettingsFromConfiguration(configuration.observer);
  return { options: { detectors, detectorSettings: configuration.detectors, settings, guidanceOverrides: configuration.guidance }, problems };
}

/** One session being replayed, fed a step at a time (a finished log or a live file). */
export class ReplaySession {
  readonly session: SessionMetadata;
  readonly observer: Observer;
  private ended: ReplayEnding | undefined;
  /** True when the main agent said or did something since the last prompt (its turn can end in a Stop). */
  private turnActive = false;

  constructor(session: SessionMetadata, options: ReplayOptions) {
    this.session = session;
    this.observer = new Observer({
      session,
      detectors: options.detectors,
      detectorSettings: options.detectorSettings,
      settings: options.settings,
      guidanceOverrides: options.guidanceOverrides,
      guidanceFormat: options.guidanceFormat,
    });
  }

  /** Observes one step; a new prompt after an agent turn first runs the Stop check the agent's stop would have run. */
  observe(step: Step): ReplayEntry {
    let stop: ReplayEntry['stop'];
    const prompt = step.kind === 'user' && step.origin === 'prompt' && !step.queued && step.sidechain === undefined;
    if (prompt && this.turnActive) {
      const decision = this.observer.checkStop(undefined, false);
      stop = { blocked: decision.block, reason: decision.reason, findings: decision.findings };
    }
    if (prompt) this.turnActive = false;
    else if ((step.kind === 'assistant' || step.kind === 'tool-call') && step.sidechain === undefined) this.turnActive = true;
    const outcome = this.observer.observe(step);
    const entry: ReplayEntry = { step, findings: outcome.findings, interventions: outcome.interventions, guidance: outcome.guidance, recoveries: outcome.recoveries };
    if (stop) entry.stop = stop;
    return entry;
  }

  /** The session ended: what a Stop hook would do, end-of-session findings, open recoveries closed. Idempotent. */
  end(): ReplayEnding {
    if (this.ended) return this.ended;
    const stop = this.observer.checkStop(undefined, false);
    const { findings, recoveries } = this.observer.end();
    this.ended = { findings, stopBlocked: stop.block, stopReason: stop.reason, recoveries };
    return this.ended;
  }
}

/** Replays a whole trajectory. */
export function replayTrajectory(trajectory: Trajectory, options: ReplayOptions): ReplayResult {
  const replay = new ReplaySession(trajectory.session, options);
  const entries = trajectory.steps.map((step) => replay.observe(step));
  const ending = replay.end();
  return { session: trajectory.session, mode: replay.observer.settings.mode, arm: replay.observer.arm, entries, ending };
}

/** Every intervention of a replay, in step order. */
export function interventionsOf(result: ReplayResult): Intervention[] {
  return result.entries.flatMap((entry) => entry.interventions);
}

/** Every recovery outcome of a replay, in the order decided (the ending's last). */
export function recoveriesOf(result: ReplayResult): RecoveryOutcome[] {
  return [...result.entries.flatMap((entry) => entry.recoveries), ...result.ending.recoveries];
}

/** Every finding of a replay (per step, then the ending's). */
export function findingsOf(result: ReplayResult): Finding[] {
  return [...result.entries.flatMap((entry) => entry.findings), ...result.ending.findings];
}
