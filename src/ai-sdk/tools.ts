/**
 * `winkTools`: wink's PreToolUse policy inside AI SDK tools. Each tool's `execute` is wrapped with
 * `session.beforeToolCall`; a refused call never runs: the wrapper throws a `WinkToolRefusal` whose message is
 * wink's reason. The SDK turns it into the call's `tool-error`, and the model reads the reason as the call's
 * (error) result, as with a tool that failed to start; the tool's own `toModelOutput` is not asked to render
 * it. The session knows the call by its id and records it as refused, not failed. Warnings on allowed calls go
 * to the next reminder unless `warningDelivery: 'returned'`. Tools without `execute` (answered by the client)
 * are left as they are.
 */
import type { Tool, ToolExecutionOptions, ToolSet } from 'ai';
import type { WinkSession } from '../session/types.js';

export interface WinkToolsOptions {
  /** The session that observes the run (the `session` of `winkPrepareStep` or `winkMiddleware`). */
  session: WinkSession;
  /** Where a warning on an allowed call goes: the next reminder (`queued`, default) or nowhere but the caller. */
  warningDelivery?: 'queued' | 'returned';
}

/** What a refused call throws instead of running: the SDK reports it as the call's `tool-error`. */
export class WinkToolRefusal extends Error {
  constructor(
    readonly tool: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'WinkToolRefusal';
  }
}

type AnyTool = Tool<unknown, unknown>;

function wrapTool(name: string, tool: AnyTool, options: WinkToolsOptions): AnyTool {
  const execute = tool.execute;
  if (typeof execute !== 'function') return tool;
  return {
    ...tool,
    execute: (input: unknown, executionOptions: ToolExecutionOptions) => {
      const verdict = options.session.beforeToolCall({ tool: name, input, callId: executionOptions?.toolCallId }, { warningDelivery: options.warningDelivery ?? 'queued' });
      if (!verdict.allow) throw new WinkToolRefusal(name, verdict.reason);
      return execute.call(tool, input, executionOptions);
    },
  };
}

/** The tools, each `execute` checked by wink before it runs (see the file comment). */
export function winkTools<TOOLS extends ToolSet>(tools: TOOLS, options: WinkToolsOptions): TOOLS {
  const wrapped: Record<string, AnyTool> = {};
  for (const [name, tool] of Object.entries(tools)) wrapped[name] = wrapTool(name, tool as AnyTool, options);
  return wrapped as TOOLS;
}
