/** wink inside Claude Agent SDK sessions (`agent-wink/claude-agent-sdk`): hook callbacks for `query()`, and `winkQuery`. */
export { CLAUDE_AGENT_SDK_AGENT, createWinkClaudeAgent, WINK_HOOK_EVENTS, winkHooks } from './hooks.js';
export type { WinkClaudeAgent, WinkClaudeAgentOptions } from './hooks.js';
export { CLAUDE_AGENT_SDK_PACKAGE, ClaudeAgentSdkMissingError, loadClaudeAgentSdk, mergeHooks, winkQuery } from './query.js';
export type { ClaudeAgentHooksOption, ClaudeAgentQueryParameters, ClaudeAgentSdkModule } from './query.js';
export type {
  ClaudeAgentBaseHookInput,
  ClaudeAgentHookCallback,
  ClaudeAgentHookEvent,
  ClaudeAgentHookInput,
  ClaudeAgentHookMatcher,
  ClaudeAgentHookOutput,
  ClaudeAgentHooks,
  ClaudeAgentHookSpecificOutput,
  ClaudeAgentPostToolUseFailureInput,
  ClaudeAgentPostToolUseInput,
  ClaudeAgentPreToolUseInput,
  ClaudeAgentStopInput,
  ClaudeAgentUserPromptSubmitInput,
} from './types.js';
