/**
 * One Anthropic Messages API message to steps: the mapping the `anthropic-messages` reader uses for a file, and
 * `createWinkSession` for the messages an agent loop holds in memory. Blocks: `text`, `thinking` (reasoning),
 * `tool_use` / `server_tool_use` (a call: id, name, input), `tool_result` (tool_use_id, content, is_error) and
 * `image` (no text). An assistant message becomes one assistant step (its text and thinking blocks) followed by
 * its tool calls; a user message's tool results come in block order, and its text blocks become user steps.
 */
import type { TrajectoryAssembler } from '../assembler.js';
import { contentText, isRecord } from '../json-document.js';
import type { MessagePlace } from '../openai-messages/message-steps.js';

function blocksOf(content: unknown): Record<string, unknown>[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? content.filter(isRecord) : [];
}

/** Adds the steps of one Anthropic message. Returns an error text (and adds nothing) for a role other than user or assistant. */
export function addAnthropicMessage(assembler: TrajectoryAssembler, message: Record<string, unknown>, place: MessagePlace): string | undefined {
  const { position, line } = place;
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
    return undefined;
  }
  if (message.role !== 'user') return `message ${position} has unknown role "${String(message.role)}"; skipped`;
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
  return undefined;
}
