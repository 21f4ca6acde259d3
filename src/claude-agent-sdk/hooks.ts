/**
 * wink inside a Claude Agent SDK session: hook callbacks for `query({ options: { hooks } })` that feed a
 * {@link WinkSession} and answer in the SDK's hook contract. The payloads are the Claude Code hook payloads, so
 * they are read by the Claude Code integration's translation; everything else is the session's.
 *
 * - PostToolUse / PostToolUseFailure: the call and its result are observed; guidance due now is answered as
 *   `hookSpecificOutput.additionalContext` (Claude Code puts it next to the tool result in the next request).
 * - PreToolUse: a refused call is answered `permissionDecision: 'deny'` with the reason (the tool does not run, and
 *   the refused call is observed as such). A warning about an allowed call is not sent: the session drops it when
 *   PostToolUse observes the call, and what observing the call finds is said instead.
 * - Stop: `{ decision: 'block', reason }` when the session blocks the stop (at most once per prompt, never while
 *   `stop_hook_active`); the final message is observed when the agent really stops.
 * - UserPromptSubmit: the prompt is observed (a new prompt resets the guidance ladder). SessionEnd closes the session.
 *
 * Every callback is fail-open: an error answers `{}` (the SDK goes on as if no hook had run).
 */
import type { HookEvent } from '../integrations/hook-types.js';
import { logHookError } from '../integrations/hook-log.js';
import { answerClaudeStyle, translateClaudeStylePayload } from '../integrations/claude-code/index.js';
import { createWinkSession } from '../session/session.js';
import type { WinkSession, WinkSessionOptions } from '../session/types.js';
import type { ClaudeAgentHookCallback, ClaudeAgentHookEvent, ClaudeAgentHookInput, ClaudeAgentHookOutput, ClaudeAgentHooks } from './types.js';

/** Options of {@link winkHooks}: a session to feed, or the options to create one. */
export type WinkClaudeAgentOptions = { session?: WinkSession } & WinkSessionOptions;

/** The hooks to pass to `query()`, and the session they feed. */
export interface WinkClaudeAgent {
  hooks: ClaudeAgentHooks;
  session: WinkSession;
}

/** The events wink answers, in the order the SDK fires them. */
export const WINK_HOOK_EVENTS: readonly ClaudeAgentHookEvent[] = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'Stop', 'SessionEnd'];

/** The agent name recorded for sessions wink creates here. */
export const CLAUDE_AGENT_SDK_AGENT = 'claude-agent-sdk';

/** Where Claude Code puts a PreToolUse refusal: the refused call's result, as the model sees it. */
function refusalOutput(tool: string, reason: string): string {
  return `PreToolUse:${tool} hook error: ${reason}`;
}

/** Observes a call and its result; the result's id is the payload's, else the SDK's argument, else a fresh one. */
function observeExchange(session: WinkSession, event: Extract<HookEvent, { kind: 'tool-result' }>, callId: string): void {
  // A sub-agent's call (the input's `agent_id`) is that agent's: the loop rules keep one streak per agent.
  const agent = event.agent === undefined ? {} : { sidechain: event.agent };
  session.observe([
    { kind: 'tool-call', callId, tool: event.tool, input: event.input, ...agent },
    { kind: 'tool-result', callId, tool: event.tool, output: event.output, isError: event.isError, ...agent },
  ]);
}

/** Answers one hook invocation (see the file comment). May throw: the caller turns errors into `{}`. */
async function answerHook(session: WinkSession, input: ClaudeAgentHookInput, toolUseId: string | undefined, nextCallId: () => string): Promise<ClaudeAgentHookOutput> {
  const request = translateClaudeStylePayload(input as Record<string, unknown>);
  if (!request) return {};
  const event = request.event;
  const answer = (decision: { context?: string; deny?: string; block?: string }): ClaudeAgentHookOutput => (answerClaudeStyle(request, decision) as ClaudeAgentHookOutput | undefined) ?? {};
  switch (event.kind) {
    case 'user-prompt':
      if (event.prompt.trim().length > 0) session.observe({ kind: 'user', text: event.prompt, origin: 'prompt' });
      return {};
    case 'tool-result': {
      observeExchange(session, event, event.callId ?? toolUseId ?? nextCallId());
      const guidance = session.guidance();
      return guidance ? answer({ context: guidance }) : {};
    }
    case 'proposed-call': {
      const callId = typeof input.tool_use_id === 'string' && input.tool_use_id.length > 0 ? input.tool_use_id : (toolUseId ?? nextCallId());
      // A warning stays in the session, which drops it when PostToolUse observes the call (see the file comment).
      const verdict = session.beforeToolCall({ tool: event.tool, input: event.input, callId });
      if (verdict.allow) return {};
      // The tool does not run and no PostToolUse follows: the refused call and what the model is told are observed now.
      observeExchange(session, { kind: 'tool-result', callId, tool: event.tool, input: event.input, output: refusalOutput(event.tool, verdict.reason), isError: true }, callId);
      return answer({ deny: verdict.reason });
    }
    case 'stop': {
      if (input.hook_event_name !== 'Stop') return {};
      const verdict = session.beforeStop(event.lastAssistantMessage, { stopHookActive: event.stopHookActive });
      if (verdict.block) return answer({ block: verdict.reason });
      // The agent stops: its final message completes the trajectory (a blocked one is not observed, so the
      // findings it would raise do not come back as a late reminder once the agent goes on).
      if (event.lastAssistantMessage) session.observe({ kind: 'assistant', text: event.lastAssistantMessage });
      return {};
    }
    default:
      if (request.eventName === 'SessionEnd') await session.close();
      return {};
  }
}

/** One callback for every event wink answers; never throws, never rejects. */
function hookCallback(session: WinkSession, report: (error: Error) => void): ClaudeAgentHookCallback {
  let generated = 0;
  const nextCallId = (): string => `wink-call-${++generated}`;
  return async (input, toolUseId) => {
    try {
      return await answerHook(session, input, toolUseId, nextCallId);
    } catch (error) {
      report(error instanceof Error ? error : new Error(String(error)));
      return {};
    }
  };
}

/** The session's hooks for `query()`, with the session they feed (created from the options unless one is given). */
export function createWinkClaudeAgent(options: WinkClaudeAgentOptions = {}): WinkClaudeAgent {
  const { session: given, ...sessionOptions } = options;
  const session = given ?? createWinkSession({ agent: CLAUDE_AGENT_SDK_AGENT, guidanceFormat: 'plain', ...sessionOptions });
  const report = (error: Error): void => {
    try {
      if (options.onError) options.onError(error, 'claude-agent-sdk hook');
      else logHookError('claude-agent-sdk hook', error);
    } catch {
      // The caller's error handler failed too; the agent still goes on.
    }
  };
  const callback = hookCallback(session, report);
  const hooks: ClaudeAgentHooks = Object.fromEntries(WINK_HOOK_EVENTS.map((event) => [event, [{ hooks: [callback] }]]));
  return { hooks, session };
}

/** The hooks alone (the short form of {@link createWinkClaudeAgent}): `query({ prompt, options: { hooks: winkHooks() } })`. */
export function winkHooks(options: WinkClaudeAgentOptions = {}): ClaudeAgentHooks {
  return createWinkClaudeAgent(options).hooks;
}
