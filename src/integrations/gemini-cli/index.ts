/**
 * Gemini CLI hooks (`wink hook gemini-cli`): AfterTool (≈PostToolUse, failures too, no call id in stdin),
 * BeforeTool (deny = `{"decision":"deny","reason":R}`), BeforeAgent (the prompt), AfterAgent (≈Stop:
 * `decision: "block"` continues the run), SessionStart. Gemini escapes `<` and `>` in context, so guidance
 * is plain text. Steps are built from the payloads; AfterAgent's final message comes from the chat log
 * (`final-message.ts`).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../trajectory/canonical.js';
import type { AgentIntegration, HookDecision, HookEvent, HookRequest } from '../hook-types.js';
import { responseFailed, responseText, stringField } from '../payload.js';
import { finalMessageOfTurn } from './final-message.js';

/** The exit-code line Gemini CLI's shell tool appends to its output (0.61 sends no `error` field for a non-zero exit). */
const EXIT_CODE_LINE = /^Exit Code: (-?\d+)\s*$/gm;

/** The exit code the last such line reports, if any. */
function shellExitCode(output: string): number | undefined {
  const last = [...output.matchAll(EXIT_CODE_LINE)].at(-1);
  return last ? Number(last[1]) : undefined;
}

/** The wrapper Gemini CLI 0.61 puts around a shell command's output for the model; the output is what is inside. */
const UNTRUSTED_CONTEXT_WRAPPER = /^\s*<untrusted_context>\n?([\s\S]*?)\n?<\/untrusted_context>\s*$/;

/** Length of the derived call id's hash part. */
const DERIVED_ID_LENGTH = 16;

/** A stable call id for an AfterTool/BeforeTool payload (Gemini sends none): same call, same id. */
export function derivedCallId(sessionId: string, tool: string, input: unknown, timestamp: string | undefined): string {
  const digest = createHash('sha256').update(`${sessionId}\u0000${tool}\u0000${canonicalJson(input)}\u0000${timestamp ?? ''}`).digest('hex');
  return `gemini-${digest.slice(0, DERIVED_ID_LENGTH)}`;
}

function translate(payload: Record<string, unknown>): HookRequest | undefined {
  const sessionId = stringField(payload, 'session_id');
  const eventName = stringField(payload, 'hook_event_name');
  if (!sessionId || !eventName) return undefined;
  const timestamp = stringField(payload, 'timestamp');
  const tool = stringField(payload, 'tool_name') ?? 'unknown';
  const input = payload.tool_input ?? {};
  let event: HookEvent;
  switch (eventName) {
    case 'AfterTool': {
      const response = payload.tool_response;
      const record = response !== null && typeof response === 'object' ? (response as Record<string, unknown>) : {};
      const text = record.llmContent !== undefined ? responseText(record.llmContent) : responseText(response);
      const output = UNTRUSTED_CONTEXT_WRAPPER.exec(text)?.[1] ?? text;
      const exitCode = shellExitCode(output);
      const failed = responseFailed(response) || (record.error !== undefined && record.error !== null) || (exitCode !== undefined && exitCode !== 0);
      event = { kind: 'tool-result', callId: derivedCallId(sessionId, tool, input, timestamp), tool, input, output, isError: failed };
      break;
    }
    case 'BeforeTool':
      event = { kind: 'proposed-call', callId: derivedCallId(sessionId, tool, input, timestamp), tool, input };
      break;
    case 'BeforeAgent':
      event = { kind: 'user-prompt', prompt: typeof payload.prompt === 'string' ? payload.prompt : '' };
      break;
    case 'AfterAgent':
      // prompt_response holds all the turn's model text; the final message is the text after its last tool call.
      event = { kind: 'stop', lastAssistantMessage: finalMessageOfTurn(stringField(payload, 'prompt_response'), stringField(payload, 'transcript_path')), stopHookActive: payload.stop_hook_active === true };
      break;
    case 'SessionStart':
      event = { kind: 'session-start' };
      break;
    default:
      event = { kind: 'other' };
  }
  return { sessionId, eventName, event, cwd: stringField(payload, 'cwd'), timestamp };
}

function answer(request: HookRequest, decision: HookDecision): object | undefined {
  if (decision.block && request.event.kind === 'stop') return { decision: 'block', reason: decision.block };
  if (decision.deny && request.event.kind === 'proposed-call') return { decision: 'deny', reason: decision.deny };
  if (decision.context) return { hookSpecificOutput: { hookEventName: request.eventName, additionalContext: decision.context } };
  return undefined;
}

const geminiCli: AgentIntegration = {
  agent: 'gemini-cli',
  guidanceFormat: 'plain',
  readsTranscript: false,
  translate,
  answer,
};

export default geminiCli;
