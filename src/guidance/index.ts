/** Guidance: DO / DON'T templates keyed by messageId, rendered for the agent. */
export { containsReminderTag, neutralizeReminderTags } from './neutralize.js';
export { BEFORE_CALL_OPENINGS, BEFORE_CALL_TEMPLATES, guidanceLines, renderBeforeCall, renderRepeatedFailureBeforeCall, type BeforeCallDecision, MAXIMUM_EVIDENCE_VALUE, MAXIMUM_TASK_QUOTE, renderGuidance, type EscalationLevel, type GuidanceFormat, type GuidanceInput, type GuidanceOptions } from './render.js';
export { CATEGORY_TEMPLATES, MESSAGE_TEMPLATES, type GuidanceTemplate } from './templates.js';
