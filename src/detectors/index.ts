/** The detector registry: every detector wink runs, listed explicitly. */
import type { Detector } from './define.js';
import repeatedToolCall from './repeated-tool-call.js';
import constraintViolation from './constraint-violation.js';
import outOfScopeChange from './out-of-scope-change.js';
import unsupportedSuccessClaim from './unsupported-success-claim.js';
import toolCallCycle from './tool-call-cycle.js';
import interleavedRepeat from './interleaved-repeat.js';
import nearIdenticalCall from './near-identical-call.js';
import unchangedFileReread from './unchanged-file-reread.js';
import repeatedEdit from './repeated-edit.js';
import repeatedFailure from './repeated-failure.js';
import repeatedApproach from './repeated-approach.js';
import assistantMonologue from './assistant-monologue.js';
import compactionLoop from './compaction-loop.js';
import ignoredToolFailure from './ignored-tool-failure.js';
import malformedToolCall from './malformed-tool-call.js';
import repeatedToolError from './repeated-tool-error.js';
import announcedToolNotCalled from './announced-tool-not-called.js';
import answerOverFailedLookup from './answer-over-failed-lookup.js';
import prematureTermination from './premature-termination.js';
import toolFailureStreak from './tool-failure-streak.js';
import developerPushback from './developer-pushback.js';
import silencedCheck from './silenced-check.js';
import refusalBypass from './refusal-bypass.js';
import unmentionedChange from './unmentioned-change.js';

/** All deterministic detectors, in the order they run. */
export const allDetectors: readonly Detector<object>[] = [repeatedToolCall as Detector<object>,
  constraintViolation as Detector<object>,
  outOfScopeChange as Detector<object>,
  unmentionedChange as Detector<object>,
  unsupportedSuccessClaim as Detector<object>,
  toolCallCycle as Detector<object>, interleavedRepeat as Detector<object>, nearIdenticalCall as Detector<object>, unchangedFileReread as Detector<object>, repeatedEdit as Detector<object>, repeatedFailure as Detector<object>, repeatedApproach as Detector<object>, assistantMonologue as Detector<object>, compactionLoop as Detector<object>, ignoredToolFailure as Detector<object>, toolFailureStreak as Detector<object>, malformedToolCall as Detector<object>, repeatedToolError as Detector<object>, announcedToolNotCalled as Detector<object>, answerOverFailedLookup as Detector<object>, prematureTermination as Detector<object>, silencedCheck as Detector<object>, refusalBypass as Detector<object>, developerPushback as Detector<object>];

export { defineDetector, fillTemplate, type Detector, type DetectorContext, type DetectorHandlers, type DetectorMeta, type Finding, type FindingReport, type TrajectoryFacts } from './define.js';
