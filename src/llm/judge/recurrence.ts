/**
 * The deterministic half of the recovery judgement: does the misbehavior an intervention addressed recur in
 * the next {@link RECOVERY_WINDOW_STEPS} steps? The detectors are run over the session up to the end of the
 * window; a finding with the intervention's signature, or another misbehavior of its category, located after
 * the intervention means not recovered ({@link recurrenceReason}).
 * Otherwise, as in the observer: recovered when a tool call succeeded after the intervention, not recovered
 * when nothing did, insufficient when the session ends before the window closes. Where the observer already
 * decided the outcome (a replay, the store), that outcome is used as is.
 */
import type { Detector } from '../../detectors/define.js';
import { allDetectors } from '../../detectors/index.js';
import { analyzeTrajectory } from '../../engine/engine.js';
import { recurrenceReason, SAME_MISBEHAVIOR_RECURRED } from '../../observer/recurrence.js';
import type { Intervention, RecoveryOutcome, RecoveryOutcomeKind } from '../../observer/types.js';
import type { Trajectory } from '../../trajectory/trajectory.js';

/** Steps after an intervention over which recovery is judged (the Wink paper's 15). */
export const RECOVERY_WINDOW_STEPS = 15;

/** The deterministic outcome and why. */
export interface RecurrenceCheck {
  outcome: RecoveryOutcomeKind;
  /** True when the same misbehavior was seen again in the window. */
  recurred: boolean;
  reason: string;
  /** Steps of the recurrence, when it recurred. */
  steps: number[];
  /** `observer` when taken from a recorded outcome, `detectors` when computed here. */
  from: 'observer' | 'detectors';
}

export interface RecurrenceOptions {
  window?: number;
  detectors?: readonly Detector<object>[];
  /** The observer's recorded outcome for this intervention, when there is one. */
  observerOutcome?: RecoveryOutcome;
}

/** The deterministic recurrence check of one intervention. */
export function checkRecurrence(trajectory: Trajectory, intervention: Intervention, options: RecurrenceOptions = {}): RecurrenceCheck {
  if (options.observerOutcome) {
    const { outcome, reason, decidedAtStep } = options.observerOutcome;
    const recurred = outcome === 'not-recovered' && /recurred/.test(reason);
    return { outcome, recurred, reason, steps: recurred ? [decidedAtStep] : [], from: 'observer' };
  }
  const window = options.window ?? RECOVERY_WINDOW_STEPS;
  const end = Math.min(trajectory.steps.length, intervention.step + 1 + window);
  const steps = trajectory.steps.slice(0, end);
  const { findings } = analyzeTrajectory({ ...trajectory, steps }, { detectors: options.detectors ?? allDetectors });
  const recurrences = findings.flatMap((finding) => {
    const reason = recurrenceReason(finding, finding.steps[finding.steps.length - 1] ?? -1, intervention);
    return reason === undefined ? [] : [{ reason, steps: finding.steps }];
  });
  // The same misbehavior is the stronger reason; another of its category only when that is all there is.
  const recurrence = recurrences.find((entry) => entry.reason === SAME_MISBEHAVIOR_RECURRED) ?? recurrences[0];
  if (recurrence) return { outcome: 'not-recovered', recurred: true, reason: recurrence.reason, steps: recurrence.steps, from: 'detectors' };
  const after = steps.slice(intervention.step + 1);
  if (after.length < window) return { outcome: 'insufficient', recurred: false, reason: `the session ended ${after.length} steps after the intervention (window ${window})`, steps: [], from: 'detectors' };
  const progress = after.some((step) => step.kind === 'tool-result' && !step.isError);
  return progress
    ? { outcome: 'recovered', recurred: false, reason: `no recurrence in ${window} steps and a successful action since`, steps: [], from: 'detectors' }
    : { outcome: 'not-recovered', recurred: false, reason: `no progress in ${window} steps`, steps: [], from: 'detectors' };
}
