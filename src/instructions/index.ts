/** The instructions in force: every source the agent works from, shared by every detector through the engine. */
export * from './types.js';
export { instructionTextOf, ruleFileLabel, TASK_FETCH_COMMANDS, TASK_FETCH_TOOL, TASK_FILE, TASK_URL } from './sources.js';
export { extractRequests, isOrder, namedTargets, packagesNamed, subjectsOf, REQUEST_WORDS, type ExtractedRequest } from './requests.js';
export { isApproval, proposedSubjects, proposingQuestion } from './approvals.js';
export { InstructionsTracker, MAXIMUM_CONSTRAINTS, MAXIMUM_REQUESTS, type InstructionsView } from './tracker.js';
