/** Adds one observed item (a step or a chat message) to the session's trajectory, through the readers' mapping. */
import { addAnthropicMessage } from '../formats/anthropic-messages/message-steps.js';
import type { TrajectoryAssembler } from '../formats/assembler.js';
import { contentText, isRecord } from '../formats/json-document.js';
import { addOpenAiMessage } from '../formats/openai-messages/message-steps.js';
import type { ChatMessage, WinkObservable, WinkStepInput } from './types.js';

/** Content blocks only the Anthropic Messages API has. */
const ANTHROPIC_BLOCK_TYPES = new Set(['tool_use', 'server_tool_use', 'tool_result', 'thinking', 'redacted_thinking']);

const STEP_KINDS = new Set(['user', 'assistant', 'tool-call', 'tool-result', 'event']);

/** True for a chat message (it has a role and is not a step). */
export function isChatMessage(item: WinkObservable): item is ChatMessage {
  const value: unknown = item;
  return isRecord(value) && typeof value.role === 'string' && !STEP_KINDS.has(String(value.kind));
}

/** True for a step input. */
export function isStepInput(item: unknown): item is WinkStepInput {
  return isRecord(item) && typeof item.kind === 'string' && STEP_KINDS.has(item.kind);
}

/** True when a message carries Anthropic content blocks. */
function isAnthropicMessage(message: ChatMessage): boolean {
  return Array.isArray(message.content) && message.content.some((block) => isRecord(block) && typeof block.type === 'string' && ANTHROPIC_BLOCK_TYPES.has(block.type));
}

/** The plain text of a user message that holds text only (no tool results), else undefined. */
export function plainUserText(message: ChatMessage): string | undefined {
  if (message.role !== 'user') return undefined;
  if (typeof message.content === 'string') return message.content;
  if (!Array.isArray(message.content)) return undefined;
  if (!message.content.every((part) => isRecord(part) && part.type === 'text')) return undefined;
  return contentText(message.content);
}

/** Adds a chat message; returns a problem text when it could not be mapped. */
export function addChatMessage(assembler: TrajectoryAssembler, message: ChatMessage, position: number): string | undefined {
  return isAnthropicMessage(message) ? addAnthropicMessage(assembler, message, { position }) : addOpenAiMessage(assembler, message, { position });
}

/** The sub-agent a call or result input names, if any (an empty or non-text id names none). */
function sidechainOf(step: { sidechain?: unknown }): string | undefined {
  return typeof step.sidechain === 'string' && step.sidechain.length > 0 ? step.sidechain : undefined;
}

/** Adds a step input (a call the host refused is known to the assembler through `isRefusedCall`). */
export function addStepInput(assembler: TrajectoryAssembler, step: WinkStepInput): string | undefined {
  switch (step.kind) {
    case 'user':
      assembler.user({ text: String(step.text ?? ''), origin: step.origin ?? 'prompt', context: step.origin === 'injected' ? step.context : undefined, timestamp: step.timestamp });
      return undefined;
    case 'assistant':
      assembler.assistant({ text: String(step.text ?? ''), reasoning: step.reasoning, model: step.model, timestamp: step.timestamp });
      return undefined;
    case 'tool-call':
      if (typeof step.tool !== 'string' || step.tool.length === 0) return 'a tool-call step without a tool name; skipped';
      assembler.toolCall({ callId: step.callId, tool: step.tool, input: step.input ?? {}, timestamp: step.timestamp, sidechain: sidechainOf(step) });
      return undefined;
    case 'tool-result':
      if (typeof step.callId !== 'string') return 'a tool-result step without a callId; skipped';
      assembler.toolResult({
        callId: step.callId,
        tool: step.tool,
        output: typeof step.output === 'string' ? step.output : JSON.stringify(step.output ?? ''),
        isError: step.isError === true,
        hasErrorFlag: step.isError !== undefined,
        exitCode: step.exitCode,
        rejected: step.rejected === true || undefined,
        timestamp: step.timestamp,
        sidechain: sidechainOf(step),
      });
      return undefined;
    case 'event':
      assembler.event({ event: step.event, text: step.text, timestamp: step.timestamp });
      return undefined;
  }
}
