/** Small readers of loosely typed JSON values, shared by the OpenHands mappers. */
import { isRecord } from '../json-document.js';
import type { TokenUsage } from '../../trajectory/step.js';

/** The value when it is a non-empty string. */
export function nonEmptyText(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The value when it is a finite number (or a string of digits, as some old logs write exit codes). */
export function finiteNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

/** The value when it is a plain object, else an empty object. */
export function recordOf(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** An event id as a string (OpenHands V0 uses numbers, the V1 SDK uses UUID strings). */
export function eventIdOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return nonEmptyText(value);
}

/** Parses a JSON string of tool-call arguments; undefined when it is not a JSON object. */
export function parseArguments(value: unknown): Record<string, unknown> | undefined {
  if (isRecord(value)) return value;
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Token usage of an OpenAI-style (LiteLLM) response `usage` object. */
export function usageOf(value: unknown): TokenUsage | undefined {
  if (!isRecord(value)) return undefined;
  const promptDetails = recordOf(value.prompt_tokens_details);
  const completionDetails = recordOf(value.completion_tokens_details);
  const usage: TokenUsage = {
    inputTokens: finiteNumber(value.prompt_tokens),
    outputTokens: finiteNumber(value.completion_tokens),
    cachedInputTokens: finiteNumber(promptDetails.cached_tokens) ?? finiteNumber(value.cache_read_input_tokens),
    cacheCreationInputTokens: finiteNumber(value.cache_creation_input_tokens),
    reasoningTokens: finiteNumber(completionDetails.reasoning_tokens),
  };
  for (const key of Object.keys(usage) as (keyof TokenUsage)[]) if (usage[key] === undefined) delete usage[key];
  return Object.keys(usage).length > 0 ? usage : undefined;
}

/** How OpenHands' file editor starts the text of a refused edit or view (`ERROR:\nNo replacement was performed…`). */
export const EDITOR_ERROR = /^ERROR:\s/;
