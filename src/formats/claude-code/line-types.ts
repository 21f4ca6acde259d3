/**
 * The shapes of the lines of a Claude Code transcript (`~/.claude/projects/<project>/<sessionId>.jsonl`),
 * as far as wink reads them. Every field is optional because the reader must accept old, new and damaged
 * transcripts; the reader checks types before it uses a value.
 */

/** Fields shared by user, assistant, system and attachment lines. */
export interface TranscriptLineBase {
  /** Line type: `user`, `assistant`, `system`, `attachment`, `summary`, `progress`, … */
  type?: string;
  /** Id of this line. */
  uuid?: string;
  /** Id of the line before it in the conversation graph (null at the root and after a compaction). */
  parentUuid?: string | null;
  /** True for lines written by a sub-agent (a "sidechain"). */
  isSidechain?: boolean;
  /** Sub-agent id on sidechain lines. */
  agentId?: string;
  /** Working directory of the session. */
  cwd?: string;
  /** Session id (the transcript file is named after it). */
  sessionId?: string;
  /** Claude Code version that wrote the line. */
  version?: string;
  /** Git branch checked out in `cwd`. */
  gitBranch?: string;
  /** ISO-8601 time the line was written. */
  timestamp?: string;
  /** True for text Claude Code added in the user role (command output, caveats, skill bodies). */
  isMeta?: boolean;
  /** True for the summary Claude Code writes in the user role after a compaction. */
  isCompactSummary?: boolean;
}

/** A content block of a message. */
export interface ContentBlock {
  /** `text`, `thinking`, `tool_use`, `tool_result`, `image`, … */
  type?: string;
  /** Text of a `text` block. */
  text?: string;
  /** Reasoning of a `thinking` block. */
  thinking?: string;
  /** Call id of a `tool_use` block (`toolu_…`). */
  id?: string;
  /** Tool name of a `tool_use` block. */
  name?: string;
  /** Tool input of a `tool_use` block. */
  input?: unknown;
  /** Call id a `tool_result` block answers. */
  tool_use_id?: string;
  /** Output of a `tool_result` block: text or blocks. */
  content?: string | ContentBlock[];
  /** True when the tool call failed. */
  is_error?: boolean;
}

/** Token usage of an assistant response. */
export interface TranscriptUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
}

/** `type: "user"`: a prompt, injected text, or tool results. */
export interface UserLine extends TranscriptLineBase {
  message?: { role?: string; content?: string | ContentBlock[] };
  /** Structured tool output (Bash `{stdout, stderr, interrupted, isImage}`, Task `{agentId, …}`, …) or a string. */
  toolUseResult?: unknown;
}

/** `type: "assistant"`: one content block of a model response per line. */
export interface AssistantLine extends TranscriptLineBase {
  message?: {
    /** Provider message id (`msg_…`), shared by the lines of one response. */
    id?: string;
    model?: string;
    content?: ContentBlock[] | string;
    usage?: TranscriptUsage;
  };
  /** True for error messages Claude Code writes in the assistant role (API errors). */
  isApiErrorMessage?: boolean;
}

/** `type: "system"`: compaction boundaries, hook summaries, API errors, … */
export interface SystemLine extends TranscriptLineBase {
  subtype?: string;
  content?: string;
  level?: string;
  compactMetadata?: { trigger?: string; preTokens?: number };
  hookErrors?: unknown[];
  hookCount?: number;
  preventedContinuation?: boolean;
  stopReason?: string;
}

/** `type: "attachment"`: context Claude Code attached, including what hooks returned. */
export interface AttachmentLine extends TranscriptLineBase {
  attachment?: {
    /** `hook_additional_context`, `hook_blocking_error`, `hook_success`, `file`, `todo`, … */
    type?: string;
    hookName?: string;
    hookEvent?: string;
    toolUseID?: string;
    /** Text the hook added: a string or a list of strings. */
    content?: unknown;
    stdout?: string;
    stderr?: string;
    exitCode?: number;
    /** The error of a `hook_blocking_error`: `{ blockingError, command }` or a string. */
    blockingError?: unknown;
    /** `queued_command`: the prompt the developer typed while the agent worked (text or content blocks). */
    prompt?: unknown;
    /** `nested_memory`: the rule file's path. */
    path?: string;
    /** `instructions`: the rule files loaded, each `{ path, content }`. */
    files?: unknown;
  };
}

/**
 * `type: "queue-operation"`: the queue of prompts typed while the agent works. `enqueue` carries the text;
 * `dequeue` (delivered as a user line) and `remove` (handed to the model mid-turn) may carry it too.
 */
export interface QueueOperationLine extends TranscriptLineBase {
  operation?: string;
  content?: unknown;
}
