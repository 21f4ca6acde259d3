/** Types of the plain session API (`agent-wink/session`): what an agent loop feeds wink and what it gets back. */
import type { WinkConfig } from '../config/schema.js';
import type { Finding } from '../detectors/define.js';
import type { GuidanceFormat } from '../guidance/render.js';
import type { AsyncCheckSettings, LlmAsyncCheckResult } from '../llm/async-check.js';
import type { AsyncCheckStarter, Intervention, RecoveryOutcome } from '../observer/types.js';
import type { WinkStore } from '../store/types.js';
import type { InjectedContext, SystemEventType, UserMessageOrigin } from '../trajectory/step.js';

/**
 * One step of the agent's run, in wink's terms. Indices, ids, canonical inputs, effects and outcomes are
 * derived by the session; a normalized `Step` from wink's readers is accepted as it is (its extra fields are
 * ignored).
 */
export type WinkStepInput =
  | { kind: 'user'; text: string; origin?: UserMessageOrigin; context?: InjectedContext; timestamp?: string }
  | { kind: 'assistant'; text: string; reasoning?: string; model?: string; timestamp?: string }
  /** `sidechain`: the sub-agent that made the call (its id), when not the main agent. */
  | { kind: 'tool-call'; callId?: string; tool: string; input: unknown; timestamp?: string; sidechain?: string }
  /** `rejected`: the developer (or the app on their behalf) refused to let the call run, e.g. an approval denied. */
  | { kind: 'tool-result'; callId: string; output: string; isError?: boolean; exitCode?: number; rejected?: boolean; tool?: string; timestamp?: string; sidechain?: string }
  | { kind: 'event'; event: SystemEventType; text?: string; timestamp?: string };

/**
 * A chat message as an OpenAI (chat completions) or Anthropic (Messages API) client keeps it: anything with a
 * `role`. Mapped to steps by the same code as wink's `openai-messages` and `anthropic-messages` readers.
 */
export interface ChatMessage {
  role: string;
  [field: string]: unknown;
}

/** What `observe` takes: steps, messages, or a list of either. */
export type WinkObservable = WinkStepInput | ChatMessage;

/** A tool call about to run. */
export interface ProposedToolCall {
  tool: string;
  input: unknown;
  /** The call's id, when the caller has one: the refusal then follows the call into the trajectory. */
  callId?: string;
}

/** Whether a proposed call may run. */
export type ToolCallVerdict = { allow: true; warning?: string } | { allow: false; reason: string };

/** Whether the agent may stop now. */
export type StopVerdict = { block: false } | { block: true; reason: string };

/**
 * Where a warning about an allowed call goes: into the next `guidance()` (default), or only to the caller. A queued
 * warning is dropped once the call it is about is observed (it ran): what observing it finds is then what is said.
 */
export interface BeforeToolCallOptions {
  warningDelivery?: 'queued' | 'returned';
}

export interface WinkSessionOptions {
  /** The session's id (default: a random UUID). */
  sessionId?: string;
  /** The developer's task: observed as the session's first prompt, and quoted when guidance restates it. */
  task?: string;
  /**
   * Instructions the agent runs under — its system prompt, project rules — whose rules are enforced and cited:
   * a text (cited as "the system prompt") or texts with the label guidance cites them by (`AGENTS.md`).
   */
  instructions?: string | readonly (string | { text: string; label: string })[];
  /**
   * The configuration, as in a `wink.config.json` (validated; any part may be left out). Default: wink's
   * defaults; `loadWinkConfig()` reads the project's file. An invalid one is reported and the defaults apply.
   */
  config?: Partial<WinkConfig>;
  /**
   * Where the session is recorded (for `wink report`, `dashboard`, `sessions`): a store, or `'default'` for the
   * SQLite file under `$WINK_HOME`. Default: not recorded.
   */
  store?: WinkStore | 'default';
  /** Starts asynchronous checks (an LLM classifier run every k steps); results are taken up at a later step. */
  startAsyncCheck?: AsyncCheckStarter;
  /**
   * The LLM tier in process, in place of `startAsyncCheck`: the classifiers run every `observer.checkInterval`
   * steps in the background (`createLlmAsyncCheckStarter`) on the session's steps, which the session then keeps in
   * memory. Settings from `resolveLlmSettings` (`agent-wink/llm`), or a loaded model.
   */
  llm?: AsyncCheckSettings['model'];
  /** Called with every LLM check result (its per-classifier checks and token usage), when `llm` is set. */
  onLlmResult?: (result: LlmAsyncCheckResult) => void;
  /** The agent's name as recorded (default `sdk`). */
  agent?: string;
  model?: string;
  workingDirectory?: string;
  /** How guidance is wrapped (default `system-reminder`; `plain` for models that see tags as text). */
  guidanceFormat?: GuidanceFormat;
  /** Called with every error wink swallowed (default: a line in `$WINK_HOME/wink.log`). */
  onError?: (error: Error, where: string) => void;
}

/** What a session found and did. */
export interface WinkSessionSummary {
  sessionId: string;
  steps: number;
  findings: Finding[];
  interventions: Intervention[];
  recoveries: RecoveryOutcome[];
  /** Errors swallowed (fail-open); after the first one in the observer the session stops observing. */
  errors: number;
}

/** One observed agent session. No method throws: every error is reported to `onError` and the agent goes on. */
export interface WinkSession {
  readonly id: string;
  /** True when guidance and refusals reach the agent (false in shadow mode and the control arm). */
  readonly delivers: boolean;
  /**
   * Observes steps or messages. A list that starts with a message is taken as the conversation's history, which
   * may be handed over whole each time (as agent loops keep it): only what was not seen before is observed. A list
   * of steps is observed whole.
   */
  observe(input: WinkObservable | readonly WinkObservable[]): void;
  /** The reminder to add to the agent's context now, or undefined; taken once. */
  guidance(): string | undefined;
  /** Checks a tool call before it runs, with the same policy as the hooks' PreToolUse. */
  beforeToolCall(call: ProposedToolCall, options?: BeforeToolCallOptions): ToolCallVerdict;
  /** The agent wants to stop with this final message: blocks at most once per prompt for a false claim or unfinished work. */
  beforeStop(finalMessage?: string, options?: { stopHookActive?: boolean }): StopVerdict;
  /** What was found so far. */
  summary(): WinkSessionSummary;
  /** Ends the session: end-of-session findings, open recoveries closed, records written. Never rejects. */
  close(): Promise<WinkSessionSummary>;
}
