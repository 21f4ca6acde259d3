/**
 * AI SDK messages to wink steps. The same shapes serve the loop's `ModelMessage`s (seen by `prepareStep`) and
 * the provider-level `LanguageModelV3Prompt` (seen by middleware): user text, assistant text, reasoning and
 * `tool-call` parts, and `tool-result` parts whose output is text, JSON, an error (`error-text`, `error-json`),
 * a denied execution (`execution-denied`: the call was not approved, a rejection as in Claude Code) or content parts. A system message (in a
 * provider prompt; the loop keeps its system prompt apart) is the instructions the agent runs under, cited as "the
 * system prompt"; files, images and approval parts carry no text wink reads.
 */
import { isRecord } from '../formats/json-document.js';
import { SESSION_INSTRUCTIONS_LABEL } from '../session/session.js';
import type { WinkStepInput } from '../session/types.js';

/** What a denied execution without a reason reads as. */
export const EXECUTION_DENIED_TEXT = 'The tool call was not executed: its execution was denied.';

/** Any AI SDK message: a role and content (a string or a list of parts). */
export interface AiSdkMessage {
  role: string;
  content?: unknown;
}

function asJson(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}

/** The text of a `content` tool output: its text parts, with a placeholder for each media part. */
function contentOutputText(value: unknown): string {
  if (!Array.isArray(value)) return asJson(value);
  return value
    .filter(isRecord)
    .map((part) => (part.type === 'text' ? String(part.text ?? '') : `[${String(part.type)}${typeof part.mediaType === 'string' ? ` ${part.mediaType}` : ''}]`))
    .join('\n');
}

/** A tool result's output as wink reads it: its text, whether it failed, and whether its execution was denied. */
export function toolOutputText(output: unknown): { output: string; isError: boolean; rejected?: true } {
  if (!isRecord(output)) return { output: asJson(output), isError: false };
  switch (output.type) {
    case 'text':
      return { output: String(output.value ?? ''), isError: false };
    case 'json':
      return { output: asJson(output.value), isError: false };
    case 'error-text':
      return { output: String(output.value ?? ''), isError: true };
    case 'error-json':
      return { output: asJson(output.value), isError: true };
    case 'execution-denied':
      return { output: typeof output.reason === 'string' && output.reason.length > 0 ? output.reason : EXECUTION_DENIED_TEXT, isError: true, rejected: true };
    case 'content':
      return { output: contentOutputText(output.value), isError: false };
    default:
      return { output: asJson(output.value ?? output), isError: false };
  }
}

function toolResultStep(part: Record<string, unknown>): WinkStepInput | undefined {
  if (typeof part.toolCallId !== 'string') return undefined;
  const tool = typeof part.toolName === 'string' ? part.toolName : undefined;
  return { kind: 'tool-result', callId: part.toolCallId, tool, ...toolOutputText(part.output) };
}

/** The text parts of a content list, joined. */
function textOf(parts: readonly Record<string, unknown>[], type: string): string {
  return parts
    .filter((part) => part.type === type && typeof part.text === 'string')
    .map((part) => part.text as string)
    .join('\n');
}

/** The steps of one assistant message: its text (with reasoning), then its tool calls and provider-run results. */
function assistantSteps(content: unknown): WinkStepInput[] {
  if (typeof content === 'string') return content.length > 0 ? [{ kind: 'assistant', text: content }] : [];
  const parts = Array.isArray(content) ? content.filter(isRecord) : [];
  const steps: WinkStepInput[] = [];
  const text = textOf(parts, 'text');
  const reasoning = textOf(parts, 'reasoning');
  if (text.length > 0 || reasoning.length > 0) steps.push({ kind: 'assistant', text, reasoning: reasoning.length > 0 ? reasoning : undefined });
  for (const part of parts) {
    if (part.type === 'tool-call' && typeof part.toolName === 'string') {
      steps.push({ kind: 'tool-call', callId: typeof part.toolCallId === 'string' ? part.toolCallId : undefined, tool: part.toolName, input: part.input ?? {} });
    } else if (part.type === 'tool-result') {
      const result = toolResultStep(part);
      if (result) steps.push(result);
    }
  }
  return steps;
}

/** The steps of one AI SDK message (none for messages without text, calls or results). */
export function messageSteps(message: AiSdkMessage): WinkStepInput[] {
  switch (message.role) {
    case 'user': {
      const content = message.content;
      const text = typeof content === 'string' ? content : Array.isArray(content) ? textOf(content.filter(isRecord), 'text') : '';
      return text.length > 0 ? [{ kind: 'user', text }] : [];
    }
    case 'assistant':
      return assistantSteps(message.content);
    case 'tool': {
      const parts = Array.isArray(message.content) ? message.content.filter(isRecord) : [];
      return parts.filter((part) => part.type === 'tool-result').flatMap((part) => toolResultStep(part) ?? []);
    }
    case 'system': {
      // The system prompt: instructions the agent runs under, enforced and cited as the `instructions` option is.
      const text = typeof message.content === 'string' ? message.content : Array.isArray(message.content) ? textOf(message.content.filter(isRecord), 'text') : '';
      return text.trim().length > 0 ? [{ kind: 'user', origin: 'injected', text, context: { kind: 'rule-file', source: SESSION_INSTRUCTIONS_LABEL } }] : [];
    }
    default:
      return [];
  }
}
