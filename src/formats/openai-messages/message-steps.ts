/**
 * One OpenAI chat-completions message to steps: the mapping the `openai-messages` reader uses for a file, and
 * `createWinkSession` for the messages an agent loop holds in memory. System and developer messages become
 * events; assistant `tool_calls` (and the legacy `function_call`) become tool calls whose JSON-string arguments
 * are parsed; `tool` (and legacy `function`) messages are their results. The format has no error flag: a
 * result's outcome is read from its text.
 */
import type { TrajectoryAssembler } from '../assembler.js';
import { contentText, isRecord } from '../json-document.js';

/** Tool output taken as a failure (the format has no error flag). */
export const ERROR_OUTPUT = /^\s*(error\b|traceback \(most recent call last\))/i;

/** Parses a JSON-string argument list; keeps the string when it is not JSON. */
function parseArguments(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? {};
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Where one message is, for step ids and source lines. */
export interface MessagePlace {
  /** Position in the message list, from 0 (the step ids are `m<position>…`). */
  position: number;
  /** 1-based line of the file, when read from one. */
  line?: number;
}

/**
 * Adds the steps of one OpenAI message. Returns an error text (and adds nothing) for a message whose role is
 * unknown.
 */
export function addOpenAiMessage(assembler: TrajectoryAssembler, message: Record<string, unknown>, place: MessagePlace): string | undefined {
  const { position, line } = place;
  const id = `m${position}`;
  const text = contentText(message.content);
  switch (message.role) {
    case 'system':
    case 'developer':
      assembler.event({ id, event: 'other', text, data: { role: message.role }, line });
      return undefined;
    case 'user':
      assembler.user({ id, text, origin: 'prompt', line });
      return undefined;
    case 'assistant': {
      const reasoning = typeof message.reasoning_content === 'string' ? message.reasoning_content : typeof message.reasoning === 'string' ? message.reasoning : undefined;
      const calls = Array.isArray(message.tool_calls) ? message.tool_calls.filter(isRecord) : [];
      if (isRecord(message.function_call)) calls.push({ id: typeof message.function_call.name === 'string' ? message.function_call.name : undefined, function: message.function_call });
      if (text.length > 0 || reasoning || calls.length === 0) assembler.assistant({ id, text, reasoning, line });
      calls.forEach((call, index) => {
        const functionCall = isRecord(call.function) ? call.function : {};
        assembler.toolCall({
          id: `${id}.call${index + 1}`,
          callId: typeof call.id === 'string' ? call.id : undefined,
          tool: typeof functionCall.name === 'string' && functionCall.name.length > 0 ? functionCall.name : 'unknown',
          input: parseArguments(functionCall.arguments),
          line,
        });
      });
      return undefined;
    }
    case 'tool':
    case 'function': {
      const callId = typeof message.tool_call_id === 'string' ? message.tool_call_id : typeof message.name === 'string' ? message.name : `m${position}.call`;
      assembler.toolResult({ id, callId, output: text, isError: ERROR_OUTPUT.test(text), tool: typeof message.name === 'string' ? message.name : undefined, line });
      return undefined;
    }
    default:
      return `message ${position} has unknown role "${String(message.role)}"; skipped`;
  }
}
