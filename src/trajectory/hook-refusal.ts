/**
 * How each agent words the result of a tool call that a hook refused before it ran (a PreToolUse or
 * BeforeTool "deny", wink's own or another hook's). Such a result is a refusal: the call never ran, had no
 * effects and did not fail, so it must never count as a failed call or as a change. Facts from
 * `reference/integrations.md` ("Verified against the real clients").
 */
import type { ToolCallStep } from './step.js';
import { emptyEffects } from './tool-effects.js';

/** One agent's wording of a refused call's result (matched at the start of the result text). */
export interface HookRefusalWording {
  agent: string;
  pattern: RegExp;
}

/** The wordings, one per agent. */
export const HOOK_REFUSAL_WORDINGS: readonly HookRefusalWording[] = [
  /** Claude Code: `PreToolUse:Bash hook error: <reason>` (MCP tool names contain underscores and colons). */
  { agent: 'claude-code', pattern: /^PreToolUse:\S+ hook error: / },
  /** Codex: `Command blocked by PreToolUse hook: <reason>. Command: <command>`. */
  { agent: 'codex', pattern: /^Command blocked by PreToolUse hook: / },
  /** Gemini CLI: `Tool execution blocked: <reason>`. */
  { agent: 'gemini-cli', pattern: /^Tool execution blocked: / },
];

/** True when a tool result's text is an agent's report of a call a hook refused before it ran. */
export function isHookRefusal(output: string): boolean {
  const start = output.trimStart();
  return HOOK_REFUSAL_WORDINGS.some((wording) => wording.pattern.test(start));
}

/** Marks a call as refused before it ran: it keeps its kind of action but has no effects (nothing read, written or run). */
export function markRefusedCall(call: ToolCallStep): ToolCallStep {
  call.refusedByHook = true;
  call.effects = emptyEffects(call.effects.action);
  return call;
}
