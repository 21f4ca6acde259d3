/** wink inside Vercel AI SDK 6 agents (`agent-wink/ai-sdk`): `prepareStep`, model middleware and tool wrapping. */
export { type ErrorReporter, type WinkAiSdkOptions } from './history.js';
export { winkMiddleware, type WinkMiddleware } from './middleware.js';
export { winkPrepareStep, type FinishedStep, type PrepareStepInput, type WinkPrepareStep } from './prepare-step.js';
export { winkTools, WinkToolRefusal, type WinkToolsOptions } from './tools.js';
export { EXECUTION_DENIED_TEXT, messageSteps, toolOutputText, type AiSdkMessage } from './translate.js';
