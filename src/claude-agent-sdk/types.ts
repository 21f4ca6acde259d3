/**
 * The parts of the Claude Agent SDK's types wink uses, declared structurally so wink compiles and runs without
 * the SDK installed. Checked against `@anthropic-ai/claude-agent-sdk` 0.3.329 (`sdk.d.ts`): a value of these types
 * is assignable to the SDK's `Options['hooks']`, and the SDK's `HookInput` variants carry these fields.
 */

/** The hook events wink registers (a subset of the SDK's `HookEvent`). */
export type ClaudeAgentHookEvent = 'SessionStart' | 'UserPromptSubmit' | 'PreToolUse' | 'PostToolUse' | 'PostToolUseFailure' | 'Stop' | 'SessionEnd';

/** The fields every SDK hook input has (`BaseHookInput`). */
export interface ClaudeAgentBaseHookInput {
  session_id: string;
  transcript_path: string;
  cwd: string;
  hook_event_name: string;
  /** Present only when the hook fires inside a subagent. */
  agent_id?: string;
  [field: string]: unknown;
}

/** `PreToolUseHookInput`. */
export interface ClaudeAgentPreToolUseInput extends ClaudeAgentBaseHookInput {
  hook_event_name: 'PreToolUse';
  tool_name: string;
  tool_input: unknown;
  tool_use_id: string;
}

/** `PostToolUseHookInput`. */
export interface ClaudeAgentPostToolUseInput extends ClaudeAgentBaseHookInput {
  hook_event_name: 'PostToolUse';
  tool_name: string;
  tool_input: unknown;
  tool_response: unknown;
  tool_use_id: string;
}

/** `PostToolUseFailureHookInput`. */
export interface ClaudeAgentPostToolUseFailureInput extends ClaudeAgentBaseHookInput {
  hook_event_name: 'PostToolUseFailure';
  tool_name: string;
  tool_input: unknown;
  tool_use_id: string;
  error: string;
  is_interrupt?: boolean;
}

/** `UserPromptSubmitHookInput`. */
export interface ClaudeAgentUserPromptSubmitInput extends ClaudeAgentBaseHookInput {
  hook_event_name: 'UserPromptSubmit';
  prompt: string;
}

/** `StopHookInput`. */
export interface ClaudeAgentStopInput extends ClaudeAgentBaseHookInput {
  hook_event_name: 'Stop';
  stop_hook_active: boolean;
  last_assistant_message?: string;
}

/** The hook inputs wink reads; any other SDK hook input is accepted and answered with `{}`. */
export type ClaudeAgentHookInput =
  | ClaudeAgentPreToolUseInput
  | ClaudeAgentPostToolUseInput
  | ClaudeAgentPostToolUseFailureInput
  | ClaudeAgentUserPromptSubmitInput
  | ClaudeAgentStopInput
  | ClaudeAgentBaseHookInput;

/** The `hookSpecificOutput` shapes wink answers with (`PreToolUseHookSpecificOutput`, `PostToolUse…`, …). */
export type ClaudeAgentHookSpecificOutput =
  | { hookEventName: 'PreToolUse'; permissionDecision?: 'allow' | 'deny' | 'ask' | 'defer'; permissionDecisionReason?: string; additionalContext?: string }
  | { hookEventName: 'PostToolUse' | 'PostToolUseFailure'; additionalContext?: string };

/** `SyncHookJSONOutput`, the fields wink sets. */
export interface ClaudeAgentHookOutput {
  decision?: 'approve' | 'block';
  reason?: string;
  hookSpecificOutput?: ClaudeAgentHookSpecificOutput;
}

/** `HookCallback`: the SDK passes the input, the tool use id (tool events) and an abort signal. */
export type ClaudeAgentHookCallback = (input: ClaudeAgentHookInput, toolUseId: string | undefined, options: { signal: AbortSignal }) => Promise<ClaudeAgentHookOutput>;

/** `HookCallbackMatcher`. */
export interface ClaudeAgentHookMatcher {
  matcher?: string;
  hooks: ClaudeAgentHookCallback[];
  /** Seconds. */
  timeout?: number;
}

/** The `hooks` option of `query()` (`Partial<Record<HookEvent, HookCallbackMatcher[]>>`). */
export type ClaudeAgentHooks = Partial<Record<ClaudeAgentHookEvent, ClaudeAgentHookMatcher[]>>;
