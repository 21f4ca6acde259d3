/**
 * The shape of an ATIF (Agent Trajectory Interchange Format, Harbor RFC 0001) document, as far as wink
 * reads and writes it, plus the `extra.wink` records the writer adds so that wink-only facts survive a
 * round trip. Field names follow the specification (snake_case).
 */
import type { InjectedContext, UserMessageOrigin, SystemEventType, TokenUsage } from '../../trajectory/step.js';

/** Schema version wink writes: it uses only fields defined since this version. */
export const ATIF_SCHEMA_VERSION = 'ATIF-v1.4';

/** Key under `extra` where wink keeps its own facts. */
export const WINK_EXTRA_KEY = 'wink';

/** A tool call of an agent step. */
export interface AtifToolCall {
  tool_call_id: string;
  function_name: string;
  /** The call's arguments (an object; wink wraps other values, see {@link WinkStepRecord.wrappedInput}). */
  arguments: Record<string, unknown>;
}

/** One result in an observation. */
export interface AtifObservationResult {
  /** The `tool_call_id` this result answers; absent for actions outside the tool-calling format. */
  source_call_id?: string;
  content?: string;
}

/** Token usage and cost of one step. */
export interface AtifMetrics {
  /** All prompt tokens, cached ones included. */
  prompt_tokens?: number;
  completion_tokens?: number;
  /** The part of `prompt_tokens` served from the cache. */
  cached_tokens?: number;
  cost_usd?: number;
}

/** One ATIF step. */
export interface AtifStep {
  /** Sequential, from 1. */
  step_id: number;
  timestamp?: string;
  source: 'system' | 'user' | 'agent';
  model_name?: string;
  /** Text, or (since v1.6) an array of content parts. */
  message: string;
  reasoning_content?: string;
  tool_calls?: AtifToolCall[];
  observation?: { results: AtifObservationResult[] };
  metrics?: AtifMetrics;
  extra?: Record<string, unknown>;
}

/** The root of an ATIF file. */
export interface AtifTrajectory {
  schema_version: string;
  session_id: string;
  agent: { name: string; version: string; model_name?: string; extra?: Record<string, unknown> };
  steps: AtifStep[];
  notes?: string;
  final_metrics?: { total_prompt_tokens?: number; total_completion_tokens?: number; total_cached_tokens?: number; total_cost_usd?: number; total_steps?: number };
  extra?: Record<string, unknown>;
}

/**
 * What wink records about one of its steps inside an ATIF step's `extra.wink.steps` (in trajectory order).
 * Content (text, arguments, outputs) stays in the standard ATIF fields; only facts ATIF has no field for
 * are kept here.
 */
export interface WinkStepRecord {
  kind: 'user' | 'assistant' | 'tool-call' | 'tool-result' | 'event';
  id: string;
  timestamp?: string;
  sidechain?: string;
  /** user: who produced the message. */
  origin?: UserMessageOrigin;
  /** user: what an injected text carries (a rule file, hook context, a compaction summary). */
  context?: InjectedContext;
  /** user: a prompt typed while the agent worked. */
  queued?: boolean;
  /** assistant / tool-call: provider message id. */
  messageId?: string;
  /** assistant: the exact usage (ATIF metrics cannot hold every field). */
  usage?: TokenUsage;
  /** tool-call: true when the input was not an object and was wrapped as `{ value }`. */
  wrappedInput?: boolean;
  /** tool-call: the reader invented the call. */
  synthetic?: boolean;
  /** tool-call and tool-result: a hook refused the call before it ran (the call has no effects). */
  refusedByHook?: boolean;
  /** tool-call: the code action's language and the tools the agent declares (its calls are found again in `input.code`). */
  code?: { language: string; tools: string[] };
  /** tool-call: the code action whose code made this call. */
  calledFrom?: string;
  /** tool-result: false when the original log had no error flag for the result (its outcome was read from the text). */
  hasErrorFlag?: boolean;
  /** tool-result facts. */
  isError?: boolean;
  exitCode?: number;
  rejected?: boolean;
  interrupted?: boolean;
  /** event: the event type, its data, and whether it had text at all. */
  event?: SystemEventType;
  data?: Record<string, unknown>;
  hasText?: boolean;
}
