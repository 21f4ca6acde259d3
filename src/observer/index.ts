/** The asynchronous self-intervention loop (library API). */
export { assignArm, unitHash } from './assignment.js';
export { MAXIMUM_REMEMBERED_FAILURES, MAXIMUM_REMEMBERED_SIGNATURES, Observer, OBSERVER_STATE_VERSION, type ObserverOptions, type ObserverState } from './observer.js';
export {
  DEFAULT_LLM_CONFIDENCE_FLOORS,
  DEFAULT_OBSERVER_SETTINGS,
  type Arm,
  type AsyncCheckJob,
  type AsyncCheckResult,
  type AsyncCheckStarter,
  type Intervention,
  type ObservationOutcome,
  type ObserverMode,
  type ObserverSettings,
  type PreToolUsePolicy,
  type ProposedCallDecision,
  type RecoveryOutcome,
  type RecoveryOutcomeKind,
  type StopDecision,
} from './types.js';
