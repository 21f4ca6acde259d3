/** The trajectory model: what every reader produces and every detector consumes. */
export { boundedText, detachedCopy, exceedsBounds, type TextBounds } from './bounded-text.js';
export { canonicalJson } from './canonical.js';
export { codeToolCalls, OPENHANDS_AGENT_SKILLS, type CodeAction, type CodeToolCall } from './code-action.js';
export { hashText } from './hash.js';
export { HOOK_REFUSAL_WORDINGS, isHookRefusal, markRefusedCall, type HookRefusalWording } from './hook-refusal.js';
export { normalizePath } from './paths.js';
export type { AgentEnvironment, SessionMetadata } from './session.js';
export { isReadOnlyCommand, shellCommandEffects, tokenizeShell, type ShellCommandEffects } from './shell-effects.js';
export type {
  AssistantMessageStep,
  InjectedContext,
  InjectedContextKind,
  SourceLocation,
  Step,
  StepBase,
  StepInput,
  StepKind,
  SystemEventStep,
  SystemEventType,
  TokenUsage,
  ToolCallStep,
  ToolResultStep,
  UserMessageOrigin,
  UserMessageStep,
} from './step.js';
export { addToSummary, emptySummary, summarize, type TrajectorySummary } from './summary.js';
export {
  commandLineOf,
  deriveToolEffects,
  emptyEffects,
  patchEffects,
  type FileEdit,
  type FileRead,
  type ToolAction,
  type ToolEffects,
} from './tool-effects.js';
export {
  classifyToolOutcome,
  OUTCOME_RULES,
  toolOutcomeOf,
  type OutcomeCall,
  type OutcomeCallKind,
  type OutcomeResult,
  type OutcomeRule,
  type ToolOutcome,
  type ToolOutcomeBasis,
  type ToolOutcomeCause,
  type ToolOutcomeKind,
  type ToolOutcomeStatus,
} from './tool-outcome.js';
export { TRAJECTORY_SCHEMA_VERSION, type Trajectory } from './trajectory.js';
