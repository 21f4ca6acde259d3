/**
 * OpenAI chat-completions messages, as SDK users keep them: a JSON array of `{ role: system | developer |
 * user | assistant | tool, content, tool_calls?, tool_call_id?, name? }`, an object `{ messages: […] }`, or
 * JSONL with one message per line. System and developer messages become events; assistant `tool_calls`
 * (and the legacy `function_call`) become tool calls whose JSON-string arguments are parsed; `tool` (and
 * legacy `function`) messages are their results. The format has no error flag: a result is an error when
 * its text starts with "Error" or a Python traceback.
 */
import { contentText, isRecord } from '../json-document.js';
import { firstLineObject, holdsMessageList } from '../detect.js';
import type { FormatReader } from '../reader.js';
import { loadMessageList } from './message-list.js';

/** Tool output taken as a failure (the format has no error flag). */
export const ERROR_OUTPUT = /^\s*(error\b|traceback \(most recent call last\))/i;
/** Markers only OpenAI-style messages have. */
const OPENAI_MARKERS = /"tool_calls"\s*:|"tool_call_id"\s*:|"role"\s*:\s*"(?:tool|developer|function)"|"function_call"\s*:/;
/** Anthropic content blocks, which mean the file is not OpenAI's. */
const ANTHROPIC_BLOCKS = /"type"\s*:\s*"(?:tool_use|tool_result|thinking)"/;
/** A message list at the start of a document (a truncated one included); `holdsMessageList` finds it anywhere in a whole one. */
const MESSAGE_DOCUMENT = /^\s*(?:\[\s*\{\s*"role"|\{[\s\S]{0,2000}?"messages"\s*:\s*\[\s*\{)/;

/** Parses a JSON-string argument list; keeps the string when it is not JSON. */
function parseArguments(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? {};
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

const reader: FormatReader = {
  id: 'openai-messages',
  description: 'OpenAI chat-completions message array (JSON, {messages}, or JSONL)',
  sniff(sample) {
    const head = sample.head;
    const line = firstLineObject(sample);
    if (line && sample.firstLines.length > 1 && typeof line.role === 'string' && !('type' in line) && !('uuid' in line) && !('payload' in line)) {
      return OPENAI_MARKERS.test(head) ? 0.7 : 0.3;
    }
    if (!(MESSAGE_DOCUMENT.test(head) || holdsMessageList(sample)) || ANTHROPIC_BLOCKS.test(head)) return 0;
    const ambiguousPath = sample.path.endsWith('.traj.json') || sample.path.endsWith('.traj');
    if (OPENAI_MARKERS.test(head)) return ambiguousPath ? 0.5 : 0.75;
    return ambiguousPath ? 0 : 0.3;
  },
  async read(file, output) {
    const list = await loadMessageList(file, output, true);
    if (!list) return;
    const assembler = output.begin({ agent: 'openai-messages', environment: 'sdk', model: typeof list.root?.model === 'string' ? list.root.model : undefined });
    for (const { message, line, position } of list.messages) {
      const id = `m${position}`;
      const text = contentText(message.content);
      switch (message.role) {
        case 'system':
        case 'developer':
          assembler.event({ id, event: 'other', text, data: { role: message.role }, line });
          break;
        case 'user':
          assembler.user({ id, text, origin: 'prompt', line });
          break;
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
          break;
        }
        case 'tool':
        case 'function': {
          const callId = typeof message.tool_call_id === 'string' ? message.tool_call_id : typeof message.name === 'string' ? message.name : `m${position}.call`;
          assembler.toolResult({ id, callId, output: text, isError: ERROR_OUTPUT.test(text), tool: typeof message.name === 'string' ? message.name : undefined, line });
          break;
        }
        default:
          output.diagnostic(line, `message ${position} has unknown role "${String(message.role)}"; skipped`);
      }
    }
  },
};

export default reader;
