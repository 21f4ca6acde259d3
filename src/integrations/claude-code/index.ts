/**
 * Claude Code hooks (`wink hook claude-code`): PostToolUse, PostToolUseFailure, UserPromptSubmit,
 * SessionStart, PreToolUse, Stop and SubagentStop. Context goes out as `hookSpecificOutput.additionalContext`,
 * a denied call as `permissionDecision: "deny"`, a blocked stop as `decision: "block"`. The transcript named
 * by `transcript_path` is read incrementally by the runtime.
 */
import type { AgentIntegration, HookDecision, HookEvent, HookRequest } from '../hook-types.js';
import { responseFailed, responseText, stringField } from '../payload.js';

/** Translates a Claude-style hook payload (Codex uses the same fields). */
export function translateClaudeStylePayload(payload: Record<string, unknown>): HookRequest | undefined {
  const sessionId = stringField(payload, 'session_id');
  const eventName = stringField(payload, 'hook_event_name');
  if (!sessionId || !eventName) return undefined;
  const tool = stringField(payload, 'tool_name') ?? 'unknown';
  const payloadCallId = stringField(payload, 'tool_use_id') ?? stringField(payload, 'call_id');
  // A proposed call needs an id for its decision's record; a result without one is matched by tool and input.
  const callId = payloadCallId ?? `${eventName}:${tool}`;
  // Set only when the hook fires inside a sub-agent: its calls are that agent's, not the main agent's.
  const agent = stringField(payload, 'agent_id');
  let event: HookEvent;
  switch (eventName) {
    case 'PostToolUse':
      event = { kind: 'tool-result', callId: payloadCallId, tool, input: payload.tool_input ?? {}, output: responseText(payload.tool_response), isError: responseFailed(payload.tool_response), ...(agent ? { agent } : {}) };
      break;
    case 'PostToolUseFailure':
      event = { kind: 'tool-result', callId: payloadCallId, tool, input: payload.tool_input ?? {}, output: stringField(payload, 'error') ?? responseText(payload.tool_response), isError: true, ...(agent ? { agent } : {}) };
      break;
    case 'PreToolUse':
      event = { kind: 'proposed-call', callId, tool, input: payload.tool_input ?? {} };
      break;
    case 'UserPromptSubmit':
      event = { kind: 'user-prompt', prompt: typeof payload.prompt === 'string' ? payload.prompt : '' };
      break;
    case 'SessionStart':
      event = { kind: 'session-start' };
      break;
    case 'Stop':
    case 'SubagentStop':
      event = { kind: 'stop', lastAssistantMessage: stringField(payload, 'last_assistant_message'), stopHookActive: payload.stop_hook_active === true };
      break;
    default:
      event = { kind: 'other' };
  }
  return {
    sessionId,
    eventName,
    event,
    cwd: stringField(payload, 'cwd'),
    transcriptPath: stringField(payload, 'transcript_path'),
    model: stringField(payload, 'model'),
  };
}

/** The Claude-style output JSON for a decision (Codex copies this wire format). */
export function answerClaudeStyle(request: HookRequest, decision: HookDecision): object | undefined {
  if (decision.block && request.event.kind === 'stop') return { decision: 'block', reason: decision.block };
  if (decision.deny && request.event.kind === 'proposed-call') {
    return { hookSpecificOutput: { hookEventName: request.eventName, permissionDecision: 'deny', permissionDecisionReason: decision.deny } };
  }
  if (decision.context) return { hookSpecificOutput: { hookEventName: request.eventName, additionalContext: decision.context } };
  return undefined;
}

const claudeCode: AgentIntegration = {
  agent: 'claude-code',
  guidanceFormat: 'plain',
  readsTranscript: true,
  translate: translateClaudeStylePayload,
  answer: answerClaudeStyle,
};

export default claudeCode;
