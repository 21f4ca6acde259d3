/** The plain session API (`agent-wink/session`): wink's observer inside an agent loop. */
export { loadWinkConfig } from './load-config.js';
export { MAXIMUM_REMEMBERED_MESSAGES } from './message-history.js';
export { createWinkSession, MAXIMUM_SUMMARY_ITEMS, SESSION_INSTRUCTIONS_LABEL } from './session.js';
export type {
  BeforeToolCallOptions,
  ChatMessage,
  ProposedToolCall,
  StopVerdict,
  ToolCallVerdict,
  WinkObservable,
  WinkSession,
  WinkSessionOptions,
  WinkSessionSummary,
  WinkStepInput,
} from './types.js';
