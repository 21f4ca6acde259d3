/**
 * OpenAI chat-completions messages, as SDK users keep them: a JSON array of `{ role: system | developer |
 * user | assistant | tool, content, tool_calls?, tool_call_id?, name? }`, an object `{ messages: […] }`, or
 * JSONL with one message per line. System and developer messages become events; assistant `tool_calls`
 * (and the legacy `function_call`) become tool calls whose JSON-string arguments are parsed; `tool` (and
 * legacy `function`) messages are their results. The format has no error flag: a result is an error when
 * its text starts with "Error" or a Python traceback.
 */
import { firstLineObject, holdsMessageList } from '../detect.js';
import type { FormatReader } from '../reader.js';
import { loadMessageList } from './message-list.js';
import { addOpenAiMessage } from './message-steps.js';

/** Markers only OpenAI-style messages have. */
const OPENAI_MARKERS = /"tool_calls"\s*:|"tool_call_id"\s*:|"role"\s*:\s*"(?:tool|developer|function)"|"function_call"\s*:/;
/** Anthropic content blocks, which mean the file is not OpenAI's. */
const ANTHROPIC_BLOCKS = /"type"\s*:\s*"(?:tool_use|tool_result|thinking)"/;
/** A message list at the start of a document (a truncated one included); `holdsMessageList` finds it anywhere in a whole one. */
const MESSAGE_DOCUMENT = /^\s*(?:\[\s*\{\s*"role"|\{[\s\S]{0,2000}?"messages"\s*:\s*\[\s*\{)/;

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
      const problem = addOpenAiMessage(assembler, message, { position, line });
      if (problem !== undefined) output.diagnostic(line, problem);
    }
  },
};

export default reader;
