/**
 * What an agent integration translates to and from. An integration maps the agent's hook stdin to a
 * {@link HookRequest} and the runtime's {@link HookDecision} back to the agent's output JSON; everything in
 * between (transcript, observer, store, jobs) is the shared hook runtime's.
 */
import type { GuidanceFormat } from '../guidance/render.js';

/** The agent-neutral meaning of one hook invocation. */
export type HookEvent =
  /** The session (re)starts. */
  | { kind: 'session-start' }
  /** The developer submitted a prompt. */
  | { kind: 'user-prompt'; prompt: string }
  /**
   * A tool call finished (successfully or not). `callId` is undefined when the payload carried none: the call
   * is then matched to the transcript's copy by tool and input. `agent` names the sub-agent that made the call
   * (Claude Code's `agent_id`, set only inside a sub-agent); undefined for the main agent.
   */
  | { kind: 'tool-result'; callId: string | undefined; tool: string; input: unknown; output: string; isError: boolean; agent?: string }
  /** The agent is about to run a tool call. */
  | { kind: 'proposed-call'; callId: string; tool: string; input: unknown }
  /** The agent wants to stop. */
  | { kind: 'stop'; lastAssistantMessage?: string; stopHookActive: boolean }
  /** Any other event: catch up with the transcript only. */
  | { kind: 'other' };

/** One hook invocation, translated. */
export interface HookRequest {
  sessionId: string;
  /** The agent's own event name (echoed in the output). */
  eventName: string;
  event: HookEvent;
  cwd?: string;
  /** The session's transcript, when the agent names one and wink can read it incrementally. */
  transcriptPath?: string;
  model?: string;
  timestamp?: string;
}

/** What the runtime decided; the integration renders it in the agent's contract. */
export interface HookDecision {
  /** Text to add to the agent's context. */
  context?: string;
  /** Deny the proposed call, with this reason. */
  deny?: string;
  /** Keep the agent from stopping, with this reason. */
  block?: string;
}

/** One agent's translation. */
export interface AgentIntegration {
  /** `claude-code`, `codex`, `gemini-cli`. */
  agent: string;
  /** How guidance is worded for this agent's context. */
  guidanceFormat: GuidanceFormat;
  /** True when `transcriptPath` is a Claude Code transcript the runtime can read incrementally. */
  readsTranscript: boolean;
  /** Translates the stdin payload; undefined when it is not a hook payload this integration knows. */
  translate(payload: Record<string, unknown>): HookRequest | undefined;
  /** The output JSON for a decision, or undefined to print nothing. */
  answer(request: HookRequest, decision: HookDecision): object | undefined;
}
