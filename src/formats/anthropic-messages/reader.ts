/**
 * Anthropic Messages API conversations, as SDK users keep them: a JSON array of `{ role: user | assistant,
 * content: string | blocks }`, or an object `{ system?, model?, messages: […] }`. Blocks: `text`,
 * `thinking` (reasoning), `tool_use` (a call: id, name, input), `tool_result` (tool_use_id, content,
 * is_error) and `image` (no text). An assistant message becomes one assistant step (its text and thinking
 * blocks) followed by its tool calls; a user message's tool results come in block order, and its text
 * blocks become user steps.
 */
import { contentText } from '../json-document.js';
import { firstLineObject, holdsMessageList } from '../detect.js';
import type { FormatReader } from '../reader.js';
import { loadMessageList } from '../openai-messages/message-list.js';
import { addAnthropicMessage } from './message-steps.js';

/** Content blocks only Anthropic messages have. */
const ANTHROPIC_BLOCKS = /"type"\s*:\s*"(?:tool_use|tool_result|thinking|redacted_thinking)"/;
/** Text blocks, common to both providers. */
const TEXT_BLOCKS = /"type"\s*:\s*"text"/;
/** OpenAI-only markers, which mean the file is not Anthropic's. */
const OPENAI_MARKERS = /"tool_calls"\s*:|"tool_call_id"\s*:|"role"\s*:\s*"(?:tool|developer|system|function)"/;
/** A message list at the start of a document (a truncated one included); `holdsMessageList` finds it anywhere in a whole one. */
const MESSAGE_DOCUMENT = /^\s*(?:\[\s*\{\s*"role"|\{[\s\S]{0,4000}?"messages"\s*:\s*\[\s*\{)/;

const reader: FormatReader = {
  id: 'anthropic-messages',
  description: 'Anthropic Messages API conversation (array of messages or {system, messages})',
  sniff(sample) {
    const line = firstLineObject(sample);
    if (line && ('type' in line || 'uuid' in line || 'payload' in line)) return 0;
    const head = sample.head;
    if (!MESSAGE_DOCUMENT.test(head) && !holdsMessageList(sample)) return 0;
    if (ANTHROPIC_BLOCKS.test(head)) return OPENAI_MARKERS.test(head) ? 0.5 : 0.8;
    if (TEXT_BLOCKS.test(head) && !OPENAI_MARKERS.test(head) && !sample.path.endsWith('.traj.json')) return 0.25;
    return 0;
  },
  async read(file, output) {
    const list = await loadMessageList(file, output, false);
    if (!list) return;
    const root = list.root;
    const assembler = output.begin({ agent: 'anthropic-messages', environment: 'sdk', model: typeof root?.model === 'string' ? root.model : undefined });
    if (root && root.system !== undefined) {
      const system = contentText(root.system);
      if (system.length > 0) assembler.event({ id: 'system', event: 'other', text: system, data: { role: 'system' }, line: 1 });
    }
    for (const { message, line, position } of list.messages) {
      const problem = addAnthropicMessage(assembler, message, { position, line });
      if (problem !== undefined) output.diagnostic(line, problem);
    }
  },
};

export default reader;
