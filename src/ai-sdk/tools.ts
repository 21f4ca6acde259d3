/**
 * `winkTools`: wink's PreToolUse policy inside AI SDK tools. Each tool's `execute` is wrapped with
 * `session.beforeToolCall`; a refused call never runs: the wrapper returns the refusal reason as the tool's
 * output, which the model reads as the call's result, and the session records the call (by its id) as refused,
 * not failed. A thrown error would reach the model as `error-json`, which the providers serialise from the Error
 * object (for OpenAI, `{}`): the reason would be lost. Warnings go to the next reminder unless
 * `warningDelivery: 'returned'`. Tools without `execute` (answered by the client) are left as they are.
 */
import type { Tool, ToolExecutionOptions, ToolSet } from 'ai';
import type { WinkSession } from '../session/types.js';

export interface WinkToolsOptions {
  /** The session that observes the run (the `session` of `winkPrepareStep` or `winkMiddleware`). */
  session: WinkSession;
  /** Where a warning on an allowed call goes: the next reminder (`queued`, default) or nowhere but the caller. */
  warningDelivery?: 'queued' | 'returned';
}

type AnyTool = Tool<unknown, unknown>;
type ModelOutputOptions = Parameters<NonNullable<AnyTool['toModelOutput']>>[0];

function wrapTool(name: string, tool: AnyTool, options: WinkToolsOptions): AnyTool {
  const execute = tool.execute;
  if (typeof execute !== 'function') return tool;
  const toModelOutput = tool.toModelOutput;
  /** Refusal reasons by call id, for a tool whose own `toModelOutput` would not understand them. */
  const refusals = new Map<string, string>();
  const wrapped: AnyTool = {
    ...tool,
    execute: (input: unknown, executionOptions: ToolExecutionOptions) => {
      const verdict = options.session.beforeToolCall({ tool: name, input, callId: executionOptions?.toolCallId }, { warningDelivery: options.warningDelivery ?? 'queued' });
      if (verdict.allow) return execute.call(tool, input, executionOptions);
      if (toModelOutput && executionOptions?.toolCallId !== undefined) refusals.set(executionOptions.toolCallId, verdict.reason);
      return verdict.reason;
    },
  };
  if (toModelOutput) {
    wrapped.toModelOutput = (outputOptions: ModelOutputOptions) => {
      const reason = refusals.get(outputOptions.toolCallId);
      if (reason === undefined) return toModelOutput.call(tool, outputOptions);
      refusals.delete(outputOptions.toolCallId);
      return { type: 'text', value: reason };
    };
  }
  return wrapped;
}

/** The tools, each `execute` checked by wink before it runs (see the file comment). */
export function winkTools<TOOLS extends ToolSet>(tools: TOOLS, options: WinkToolsOptions): TOOLS {
  const wrapped: Record<string, AnyTool> = {};
  for (const [name, tool] of Object.entries(tools)) wrapped[name] = wrapTool(name, tool as AnyTool, options);
  return wrapped as TOOLS;
}
