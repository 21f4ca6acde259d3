/**
 * The steps of a trajectory: the paper's (u, a, acc, o) — user messages, assistant messages, actions
 * (tool calls) and observations (tool results) — plus system events that are neither.
 */
import type { CodeAction } from './code-action.js';
import type { ToolEffects } from './tool-effects.js';
import type { ToolOutcome } from './tool-outcome.js';

/** The kinds of step, used as detector handler names. */
export type StepKind = 'user' | 'assistant' | 'tool-call' | 'tool-result' | 'event';

/** Where a step came from in the raw log, so a finding can link back to it. */
export interface SourceLocation {
  /** Path of the log file as it was given to the reader. */
  file: string;
  /** 1-based line number in that file (1 for single-document JSON files when no better line is known). */
  line: number;
}

/** Token usage reported for one model response, where the log records it. */
export interface TokenUsage {
  /** Prompt tokens billed at the full rate. */
  inputTokens?: number;
  /** Completion tokens. */
  outputTokens?: number;
  /** Prompt tokens served from the provider's cache. */
  cachedInputTokens?: number;
  /** Prompt tokens written to the provider's cache. */
  cacheCreationInputTokens?: number;
  /** Reasoning tokens, where reported separately. */
  reasoningTokens?: number;
  /** Cost in US dollars, where the log records it. */
  costUsd?: number;
}

/** Fields every step has. */
export interface StepBase {
  /** Stable id, unique within the trajectory (derived from the log's own ids where it has them). */
  id: string;
  /** Position in the trajectory, 0-based and contiguous. */
  index: number;
  /** What kind of step this is. */
  kind: StepKind;
  /** ISO-8601 time the step happened, where the log records it. */
  timestamp?: string;
  /**
   * Sub-agent membership: the id of the sub-agent (sidechain) that produced this step, or undefined
   * for the main agent.
   */
  sidechain?: string;
  /** Where the step is in the raw log. */
  source?: SourceLocation;
}

/**
 * What produced a user-role message. Only `prompt` is real input from the developer (or the task
 * statement of a benchmark); the others are shown in the user role but were not typed by anyone.
 */
export type UserMessageOrigin =
  /** The developer's (or benchmark's) request or follow-up. */
  | 'prompt'
  /** The developer interrupted the agent (e.g. "[Request interrupted by user]"). */
  | 'interrupt'
  /** Text the harness injected in the user role: reminders, command output, hook context, caveats. */
  | 'injected';

/**
 * What an injected user-role text carries, where the reader knows it from the log's structure. Detectors
 * read instructions from some of these (see instructions/), but never take them for the developer's or the
 * agent's own words.
 */
export type InjectedContextKind =
  /** A project or user rule file: CLAUDE.md, AGENTS.md, GEMINI.md and their imports. */
  | 'rule-file'
  /** Text a SessionStart or UserPromptSubmit hook added to the context. */
  | 'hook-context'
  /** The summary that replaces the conversation after a compaction (written by a model, not the developer). */
  | 'compaction-summary'
  /** Any other harness text: reminders, command output, caveats, task notifications. */
  | 'harness';

/** Where an injected text came from. */
export interface InjectedContext {
  kind: InjectedContextKind;
  /** The file path (rule files) or hook name (hook context), where known. */
  source?: string;
}

/** u: a message in the user role. */
export interface UserMessageStep extends StepBase {
  kind: 'user';
  /** The message text (content blocks joined with blank lines). */
  text: string;
  /** Who or what produced it; see {@link UserMessageOrigin}. */
  origin: UserMessageOrigin;
  /** For injected text, what it carries, where the log says so. */
  context?: InjectedContext;
  /** True for a prompt the developer typed while the agent was working (queued and delivered mid-turn). */
  queued?: boolean;
}

/** a: an assistant message — what the agent said and, where logged, its reasoning. */
export interface AssistantMessageStep extends StepBase {
  kind: 'assistant';
  /** The visible text of the message (may be empty when the message only carried reasoning). */
  text: string;
  /** Reasoning or thinking text, where the log records it in clear. */
  reasoning?: string;
  /** Model that produced the message, where known. */
  model?: string;
  /** Provider message id (several steps can share it when one response holds text and tool calls). */
  messageId?: string;
  /** Token usage of the response that produced this message, where known. */
  usage?: TokenUsage;
}

/** acc: an action — the agent calls a tool. */
export interface ToolCallStep extends StepBase {
  kind: 'tool-call';
  /** The call id the agent's harness uses to link the result (e.g. `toolu_…`, `call_…`). */
  callId: string;
  /** Tool name as the agent named it (e.g. `Bash`, `shell`, `run_shell_command`, `str_replace_editor`). */
  tool: string;
  /** The call's input as logged (parsed JSON where the log holds a JSON string). */
  input: unknown;
  /** Canonical JSON of `input`: keys sorted, so equal inputs compare equal whatever their key order. */
  canonicalInput: string;
  /** What the call does to the world, where it can be known from the call alone. */
  effects: ToolEffects;
  /** Provider message id of the response that made the call, where known. */
  messageId?: string;
  /** True when the reader had to invent this call because a result arrived with no matching call. */
  synthetic?: boolean;
  /**
   * True when a hook refused this call before it ran (known to the hook that refused it, see
   * `hook-refusal.ts`): the call never ran, so its `effects` are empty.
   */
  refusedByHook?: boolean;
  /**
   * For a call whose input is code (a smolagents CodeAgent step, an OpenHands IPython cell): the language and the
   * declared tools the code calls, with their arguments (see `code-action.ts`).
   */
  code?: CodeAction;
  /**
   * For a tool a code action called from inside its code, logged as a call of its own: the `callId` of that code
   * action. Its failure is also the code action's failure, reported once, on the code action's result.
   */
  calledFrom?: string;
}

/** o: an observation — the result of a tool call. */
export interface ToolResultStep extends StepBase {
  kind: 'tool-result';
  /** The call id this result answers; equals the `callId` of a tool-call step earlier in the trajectory. */
  callId: string;
  /** The `id` of that tool-call step. */
  callStepId: string;
  /** The tool's output as text (structured outputs are rendered to text). */
  output: string;
  /** True when the tool call failed (error flag, non-zero exit code, failed patch, error observation). */
  isError: boolean;
  /** Process exit code for shell commands, where known. */
  exitCode?: number;
  /** True when the developer refused to let the call run. */
  rejected?: boolean;
  /** True when the call was interrupted before it finished. */
  interrupted?: boolean;
  /**
   * True when a hook refused the call before it ran (Claude Code `PreToolUse:<Tool> hook error: …`, Codex
   * `Command blocked by PreToolUse hook: …`, Gemini CLI `Tool execution blocked: …`; see `hook-refusal.ts`).
   * A refusal is neither a failure nor a success: `isError` is false, and the call had no effects.
   */
  refusedByHook?: boolean;
  /**
   * What the result says about the call: success, error (with whose fault and which error, where the text says),
   * a test run with failures, empty, truncated or refused. Set by the assembler for every reader from the flags
   * above and, where the log has no flag, from the text (see `tool-outcome.ts`); absent on steps built by hand.
   */
  outcome?: ToolOutcome;
}

/** The kinds of system event a log can record. */
export type SystemEventType =
  /** The context was compacted or condensed. */
  | 'compaction'
  /** The agent's state changed (OpenHands agent_state_changed, etc.). */
  | 'agent-state'
  /** The agent declared the task complete (Codex task_complete, OpenHands finish, submission). */
  | 'task-complete'
  /** The turn was aborted (Codex turn_aborted, a user interrupt recorded as an event). */
  | 'turn-aborted'
  /** A hook ran or injected context (including wink's own interventions seen in the log). */
  | 'hook'
  /** A harness error that is not a tool result (rate limit, API error, format error). */
  | 'error'
  /** Anything else worth keeping. */
  | 'other';

/** A system event: neither the user's nor the agent's words, nor a tool call. */
export interface SystemEventStep extends StepBase {
  kind: 'event';
  /** What happened. */
  event: SystemEventType;
  /** Human-readable text of the event, where there is one. */
  text?: string;
  /** Raw details kept for later analysis (small objects only). */
  data?: Record<string, unknown>;
}

/** One step of a trajectory. */
export type Step = UserMessageStep | AssistantMessageStep | ToolCallStep | ToolResultStep | SystemEventStep;

/** A step before the trajectory numbers it: everything but `index`. */
export type StepInput = Step extends infer S ? (S extends Step ? Omit<S, 'index'> : never) : never;
