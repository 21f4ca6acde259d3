/**
 * Anthropic Messages API conversations, as SDK users keep them: a JSON array of `{ role: user | assistant,
 * content: string | blocks }`, or an object `{ system?, model?, messages: […] }`. Blocks: `text`,
 * `thinking` (reasoning), `tool_use` (a call: id, name, input), `tool_result` (tool_use_id, content,
 * is_error) and `image` (no text). An assistant message becomes one assistant step (its text and thinking
 * blocks) followed by its tool calls; a user message's tool results come in block order, and its text
 * blocks become user steps.
 */
import { contentText, isRecord } from '../json-document.js';
import { firstLineObject, holdsMessageList } from '../detect.js';
import type { FormatReader } from '../reader.js';
import { loadMessageList } from '../openai-messages/message-list.js';

/** Content blocks only Anthropic messages have. */
const ANTHROPIC_BLOCKS = /"type"\s*:\s*"(?:tool_use|tool_result|thinking|redacted_thinking)"/;
/** Text blocks, common to both providers. */
const TEXT_BLOCKS = /"type"\s*:\s*"text"/;
/** OpenAI-only markers, which mean the file is not Anthropic's. */
const OPENAI_MARKERS = /"tool_calls"\s*:|"tool_call_id"\s*:|"role"\s*:\s*"(?:tool|developer|system|function)"/;
/** A message list at the start of a document (a truncated one included); `holdsMessageList` finds it anywhere in a whole one. */
const MESSAGE_DOCUMENT = /^\s*(?:\[\s*\{\s*"role"|\{[\s\S]{0,4000}?"messages"\s*:\s*\[\s*\{)/;

function blocksOf(content: unknown): Record<string, unknown>[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? content.filter(isRecord) : [];
}

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
      const id = `m${position}`;
      const blocks = blocksOf(message.content);
      if (message.role === 'assistant') {
        const text = blocks.filter((block) => block.type === 'text').map((block) => contentText(block.text)).join('\n');
        const reasoning = blocks.filter((block) => block.type === 'thinking').map((block) => contentText(block.thinking)).join('\n');
        const calls = blocks.filter((block) => block.type === 'tool_use' || block.type === 'server_tool_use');
        if (text.length > 0 || reasoning.length > 0 || calls.length === 0) {
          assembler.assistant({ id, text, reasoning: reasoning || undefined, messageId: typeof message.id === 'string' ? message.id : undefined, line });
        }
        calls.forEach((call, index) => {
          assembler.toolCall({ id: `${id}.call${index + 1}`, callId: typeof call.id === 'string' ? call.id : undefined, tool: typeof call.name === 'string' ? call.name : 'unknown', input: call.input ?? {}, line });
        });
        continue;
      }
      if (message.role !== 'user') {
        output.diagnostic(line, `message ${position} has unknown role "${String(message.role)}"; skipped`);
        continue;
      }
      let pendingText: string[] = [];
      let part = 0;
      const flushText = (): void => {
        if (pendingText.length === 0) return;
        assembler.user({ id: part === 0 ? id : `${id}.${part}`, text: pendingText.join('\n'), origin: 'prompt', line });
        part++;
        pendingText = [];
      };
      for (const block of blocks) {
        if (block.type === 'text') pendingText.push(contentText(block.text));
        else if (block.type === 'tool_result') {
          flushText();
          const callId = typeof block.tool_use_id === 'string' ? block.tool_use_id : `${id}.result${part}`;
          assembler.toolResult({ id: part === 0 ? id : `${id}.${part}`, callId, output: contentText(block.content), isError: block.is_error === true, line });
          part++;
        }
      }
      flushText();
    }
  },
};

export default reader;
