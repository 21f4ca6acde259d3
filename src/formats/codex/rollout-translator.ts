/**
 * Turns the lines of a Codex rollout into steps, one line at a time. Knows both eras of the file:
 * wrapped lines `{timestamp, type, payload}` and the older bare lines (a bare session header, bare
 * response items and `{"record_type":"state"}` markers).
 *
 * Sources of truth:
 * - `response_item` messages are authoritative for what the user and the agent said (they are what the
 *   model saw, and every era has them); the `event_msg` copies (`user_message`, `agent_message`) are
 *   emitted only when they have no `response_item` twin (see {@link MessageMatcher}).
 * - Reasoning comes from `response_item` reasoning summaries; `agent_reasoning` events are ignored.
 * - The items of one model response (reasoning, messages, tool calls) are held until the response's
 *   `token_count` arrives, so its usage can go on the response's last assistant step; any other line
 *   that adds a step emits them first, in log order.
 * - A tool result comes from `function_call_output` / `custom_tool_call_output`; `exec_command_end` and
 *   `patch_apply_end`, written just before it, add the exit code and success flag.
 */
import { MAXIMUM_REMEMBERED_IDS, type StepFields, type TrajectoryAssembler } from '../assembler.js';
import { isRecord } from '../json-document.js';
import type { ReaderOutput } from '../reader.js';
import { RecentMap, RecentSet } from '../recent-keys.js';
import type { TokenUsage } from '../../trajectory/step.js';
import { injectedContextOf, isInjectedUserText } from './injected-content.js';
import { MessageMatcher } from './message-matcher.js';
import { parseToolOutput } from './tool-output.js';


type AssistantFields = Parameters<TrajectoryAssembler['assistant']>[0];
type CallFields = Parameters<TrajectoryAssembler['toolCall']>[0];
type JsonObject = Record<string, unknown>;

/** An item of the model response being read, not yet added to the trajectory. */
type HeldItem = { kind: 'assistant'; fields: AssistantFields } | { kind: 'call'; fields: CallFields };

/** What `exec_command_end` / `patch_apply_end` said about a call, kept until its output arrives. */
interface CallEnd {
  exitCode?: number;
  success?: boolean;
  fallbackOutput: string;
}

/** The `type` values of wrapped rollout lines. */
const ROLLOUT_LINE_TYPES = new Set(['session_meta', 'turn_context', 'response_item', 'event_msg', 'compacted']);
/** Turn-abort reasons that mean the developer pressed Esc / Ctrl-C. */
const INTERRUPT_REASONS = new Set(['interrupted', 'user_interrupt']);
/** Text of the user step recorded for an interrupt. */
const INTERRUPT_TEXT = '[turn interrupted by user]';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function number(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Texts of the parts of a message's content (`input_text`, `output_text`, plain strings). */
function contentParts(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  const parts: string[] = [];
  for (const part of content) {
    if (typeof part === 'string') parts.push(part);
    else if (isRecord(part) && typeof part.text === 'string') parts.push(part.text);
  }
  return parts;
}

/** Text of a reasoning item: its summaries, or its clear-text content when there is no summary. */
function reasoningText(payload: JsonObject): string {
  const summary = contentParts(payload.summary).join('\n\n');
  return summary.length > 0 ? summary : contentParts(payload.content).join('\n\n');
}

/** Codex token usage (`input_tokens` includes the cached part) as wink token usage. */
function tokenUsage(usage: JsonObject): TokenUsage {
  const input = number(usage.input_tokens);
  const cached = number(usage.cached_input_tokens);
  const result: TokenUsage = {};
  if (input !== undefined) result.inputTokens = Math.max(0, input - (cached ?? 0));
  if (cached !== undefined) result.cachedInputTokens = cached;
  const output = number(usage.output_tokens);
  if (output !== undefined) result.outputTokens = output;
  const reasoning = number(usage.reasoning_output_tokens);
  if (reasoning !== undefined) result.reasoningTokens = reasoning;
  return result;
}

/** Reads one rollout file's lines into one trajectory. */
export class RolloutTranslator {
  private assembler: TrajectoryAssembler | undefined;
  private sawSessionHeader = false;
  private model: string | undefined;
  private held: HeldItem[] = [];
  private heldReasoning: { text: string; fields: StepFields } | undefined;
  private readonly users = new MessageMatcher();
  private readonly assistants = new MessageMatcher();
  private readonly callEnds = new RecentMap<string, CallEnd>(MAXIMUM_REMEMBERED_IDS);
  private readonly answered = new RecentSet<string>(MAXIMUM_REMEMBERED_IDS);
  private lastCompactionLine = -10;
  private generatedCallCount = 0;

  constructor(private readonly output: ReaderOutput) {}

  /** Handles one parsed line. */
  line(record: JsonObject, line: number): void {
    const type = record.type;
    if (typeof type === 'string' && ROLLOUT_LINE_TYPES.has(type) && isRecord(record.payload)) {
      const fields: StepFields = { line, timestamp: text(record.timestamp) };
      this.wrapped(type, record.payload, fields);
    } else if (record.record_type !== undefined) {
      // `{"record_type":"state"}`: bookkeeping of the older format, nothing to read.
    } else if (typeof type === 'string') {
      this.responseItem(record, { line });
    } else if (typeof record.id === 'string' && typeof record.timestamp === 'string') {
      this.sessionHeader(record, line);
    } else {
      this.output.diagnostic(line, 'not a Codex rollout line: no "type" and "payload"');
    }
  }

  /** Emits what is still held; call once after the last line. */
  finish(): void {
    this.release();
  }

  private wrapped(type: string, payload: JsonObject, fields: StepFields): void {
    switch (type) {
      case 'session_meta':
        this.sessionHeader(payload, fields.line ?? 1);
        break;
      case 'turn_context':
        this.turnContext(payload);
        break;
      case 'response_item':
        this.responseItem(payload, fields);
        break;
      case 'event_msg':
        this.eventMessage(payload, fields);
        break;
      case 'compacted':
        this.compaction(text(payload.message), fields);
        break;
    }
  }

  private begin(): TrajectoryAssembler {
    if (!this.assembler) this.assembler = this.output.begin({ agent: 'codex', environment: 'cli' });
    return this.assembler;
  }

  private sessionHeader(payload: JsonObject, line: number): void {
    if (this.sawSessionHeader) {
      // A forked or resumed session repeats its parent's header; the first one names this session.
      const session = this.begin().session;
      if (text(payload.id) && payload.id !== session.id) session.extra = { ...session.extra, parentSessionId: payload.id };
      return;
    }
    this.sawSessionHeader = true;
    const git = isRecord(payload.git) ? payload.git : {};
    const extra: Record<string, unknown> = {};
    for (const [key, name] of [['originator', 'originator'], ['source', 'source'], ['model_provider', 'modelProvider'], ['forked_from_id', 'forkedFromId']] as const) {
      if (text(payload[key])) extra[name] = payload[key];
    }
    if (text(git.commit_hash)) extra.gitCommit = git.commit_hash;
    const seed = {
      agent: 'codex',
      environment: 'cli' as const,
      id: text(payload.id),
      agentVersion: text(payload.cli_version),
      workingDirectory: text(payload.cwd),
      gitBranch: text(git.branch),
      repository: text(git.repository_url),
      startedAt: text(payload.timestamp),
      extra: Object.keys(extra).length > 0 ? extra : undefined,
    };
    if (!this.assembler) {
      this.assembler = this.output.begin(seed);
      return;
    }
    // Steps came before the header (a damaged start): fill in what the header tells.
    const session = this.assembler.session;
    for (const [key, value] of Object.entries(seed)) {
      if (value !== undefined && key !== 'startedAt') (session as unknown as JsonObject)[key] = value;
    }
    if (line > 1) this.output.diagnostic(line, 'session header after the first line');
  }

  private turnContext(payload: JsonObject): void {
    const session = this.begin().session;
    if (text(payload.model)) this.model = payload.model as string;
    if (!session.workingDirectory && text(payload.cwd)) session.workingDirectory = payload.cwd as string;
    const extra: Record<string, unknown> = { ...session.extra };
    if (text(payload.approval_policy)) extra.approvalPolicy = payload.approval_policy;
    const sandbox = payload.sandbox_policy;
    const sandboxMode = typeof sandbox === 'string' ? sandbox : isRecord(sandbox) ? text(sandbox.type) ?? text(sandbox.mode) : undefined;
    if (sandboxMode) extra.sandboxPolicy = sandboxMode;
    if (Object.keys(extra).length > 0) session.extra = extra;
  }

  private responseItem(payload: JsonObject, fields: StepFields): void {
    switch (payload.type) {
      case 'message':
        this.message(payload, fields);
        break;
      case 'reasoning': {
        const reasoning = reasoningText(payload);
        if (reasoning.length === 0) break;
        this.holdReasoning();
        this.heldReasoning = { text: reasoning, fields };
        break;
      }
      case 'function_call':
        this.functionCall(payload, fields);
        break;
      case 'custom_tool_call':
        this.hold({ kind: 'call', fields: { ...fields, id: text(payload.call_id), callId: text(payload.call_id) ?? this.generatedCallId(), tool: text(payload.name) ?? 'custom_tool', input: payload.input ?? '' } });
        break;
      case 'local_shell_call': {
        const action = isRecord(payload.action) ? payload.action : {};
        const callId = text(payload.call_id) ?? text(payload.id) ?? this.generatedCallId();
        const input: JsonObject = { command: action.command ?? [] };
        if (text(action.working_directory)) input.workdir = action.working_directory;
        if (number(action.timeout_ms) !== undefined) input.timeout_ms = action.timeout_ms;
        this.hold({ kind: 'call', fields: { ...fields, id: callId, callId, tool: 'local_shell', input } });
        break;
      }
      case 'web_search_call': {
        const callId = text(payload.id) ?? this.generatedCallId();
        this.hold({ kind: 'call', fields: { ...fields, id: callId, callId, tool: 'web_search', input: isRecord(payload.action) ? payload.action : {} } });
        break;
      }
      case 'function_call_output':
      case 'custom_tool_call_output':
        this.toolOutput(payload, fields);
        break;
      case 'compaction':
      case 'compaction_summary':
        this.compaction(undefined, fields);
        break;
      default:
        // ghost snapshots, image generation, tool search and newer items carry no step.
        break;
    }
  }

  private message(payload: JsonObject, fields: StepFields): void {
    const role = payload.role;
    const parts = contentParts(payload.content);
    if (role === 'assistant') {
      const message = parts.join('\n');
      if (this.assistants.shouldEmit('response-item', message)) this.holdAssistant(message, fields);
      return;
    }
    if (role === 'developer' || role === 'system') {
      const injected = parts.join('\n\n');
      // Developer messages carry the harness's and hooks' context (wink's own guidance among it): never instructions.
      if (injected.length > 0) this.emit().user({ ...fields, text: injected, origin: 'injected', context: { kind: 'harness' } });
      return;
    }
    const injected = parts.filter((part) => isInjectedUserText(part));
    const typed = parts.filter((part) => !isInjectedUserText(part));
    for (const part of injected) this.emit().user({ ...fields, text: part, origin: 'injected', context: injectedContextOf(part) });
    const prompt = typed.join('\n\n');
    if (typed.length > 0 && this.users.shouldEmit('response-item', prompt)) this.emit().user({ ...fields, text: prompt, origin: 'prompt' });
  }

  private functionCall(payload: JsonObject, fields: StepFields): void {
    const callId = text(payload.call_id) ?? text(payload.id) ?? this.generatedCallId();
    let input: unknown = payload.arguments ?? {};
    if (typeof payload.arguments === 'string') {
      try {
        input = payload.arguments.trim().length === 0 ? {} : JSON.parse(payload.arguments);
      } catch (error) {
        this.output.diagnostic(fields.line ?? 1, `function_call ${callId} has arguments that are not JSON (${(error as Error).message}); kept as text`);
        input = payload.arguments;
      }
    }
    this.hold({ kind: 'call', fields: { ...fields, id: callId, callId, tool: text(payload.name) ?? 'unknown', input } });
  }

  private toolOutput(payload: JsonObject, fields: StepFields): void {
    const callId = text(payload.call_id) ?? this.generatedCallId();
    const outcome = parseToolOutput(payload.output);
    const end = this.callEnds.get(callId);
    this.callEnds.delete(callId);
    this.answered.add(callId);
    const exitCode = outcome.exitCode ?? end?.exitCode;
    const output = outcome.text.length > 0 ? outcome.text : (end?.fallbackOutput ?? '');
    const isError = outcome.failed || end?.success === false || (exitCode !== undefined && exitCode !== 0);
    this.emit().toolResult({ ...fields, id: `${callId}.output`, callId, output, isError, exitCode, rejected: outcome.rejected, interrupted: outcome.interrupted, refusedByHook: outcome.refusedByHook });
  }

  private eventMessage(payload: JsonObject, fields: StepFields): void {
    switch (payload.type) {
      case 'user_message': {
        const message = text(payload.message) ?? '';
        if (this.users.shouldEmit('event', message)) this.emit().user({ ...fields, text: message, origin: isInjectedUserText(message) ? 'injected' : 'prompt' });
        break;
      }
      case 'agent_message': {
        const message = text(payload.message) ?? '';
        if (this.assistants.shouldEmit('event', message)) this.holdAssistant(message, fields);
        break;
      }
      case 'token_count':
        this.tokenCount(payload);
        break;
      case 'exec_command_end':
        this.rememberEnd(payload, { exitCode: number(payload.exit_code), fallbackOutput: text(payload.aggregated_output) ?? text(payload.formatted_output) ?? text(payload.stdout) ?? '' });
        break;
      case 'patch_apply_end':
        this.rememberEnd(payload, { success: typeof payload.success === 'boolean' ? payload.success : undefined, fallbackOutput: [text(payload.stdout), text(payload.stderr)].filter(Boolean).join('\n') });
        break;
      case 'task_complete':
      case 'turn_complete':
        this.emit().event({ ...fields, event: 'task-complete', text: text(payload.last_agent_message) ?? '', data: text(payload.turn_id) ? { turnId: payload.turn_id } : undefined });
        break;
      case 'turn_aborted': {
        const reason = text(payload.reason) ?? 'unknown';
        const assembler = this.emit();
        assembler.event({ ...fields, event: 'turn-aborted', text: reason, data: { reason } });
        if (INTERRUPT_REASONS.has(reason)) assembler.user({ ...fields, text: INTERRUPT_TEXT, origin: 'interrupt' });
        break;
      }
      case 'error':
      case 'stream_error':
        this.emit().event({ ...fields, event: 'error', text: text(payload.message) ?? '', data: { type: payload.type } });
        break;
      case 'context_compacted':
        this.compaction(undefined, fields);
        break;
      case 'thread_rolled_back':
        this.emit().event({ ...fields, event: 'other', text: 'thread rolled back', data: { type: 'thread_rolled_back', turns: payload.num_turns } });
        break;
      default:
        // task_started, agent_reasoning, exec_command_begin, turn_diff, … add nothing the items lack.
        break;
    }
  }

  private rememberEnd(payload: JsonObject, end: CallEnd): void {
    const callId = text(payload.call_id);
    if (!callId) return;
    // When the output came first, the end event adds nothing the result lacks.
    if (!this.answered.has(callId)) this.callEnds.set(callId, end);
  }

  private tokenCount(payload: JsonObject): void {
    const info = isRecord(payload.info) ? payload.info : undefined;
    const last = info && isRecord(info.last_token_usage) ? info.last_token_usage : number(payload.input_tokens) !== undefined ? payload : undefined;
    if (!last) return;
    this.holdReasoning();
    for (let position = this.held.length - 1; position >= 0; position--) {
      const item = this.held[position];
      if (item.kind === 'assistant') {
        item.fields.usage = tokenUsage(last);
        break;
      }
    }
    this.release();
  }

  private compaction(summary: string | undefined, fields: StepFields): void {
    const line = fields.line ?? 0;
    // The `compacted` item and the `context_compacted` event describe the same compaction.
    const adjacent = line - this.lastCompactionLine <= 2;
    this.lastCompactionLine = line;
    if (adjacent) return;
    this.emit().event({ ...fields, event: 'compaction', text: summary });
  }

  private holdAssistant(message: string, fields: StepFields): void {
    const reasoning = this.heldReasoning?.text;
    this.heldReasoning = undefined;
    this.hold({ kind: 'assistant', fields: { ...fields, text: message, reasoning, model: this.model } });
  }

  /** Turns held reasoning with no message after it into an assistant step of its own. */
  private holdReasoning(): void {
    if (!this.heldReasoning) return;
    const { text: reasoning, fields } = this.heldReasoning;
    this.heldReasoning = undefined;
    this.held.push({ kind: 'assistant', fields: { ...fields, text: '', reasoning, model: this.model } });
  }

  private hold(item: HeldItem): void {
    if (item.kind === 'call') this.holdReasoning();
    this.held.push(item);
  }

  /** Adds every held item to the trajectory, in log order. */
  private release(): void {
    this.holdReasoning();
    if (this.held.length === 0) return;
    const assembler = this.begin();
    for (const item of this.held) {
      if (item.kind === 'assistant') assembler.assistant(item.fields);
      else assembler.toolCall(item.fields);
    }
    this.held = [];
  }

  /** The assembler, after releasing what is held (for steps that are not part of a model response). */
  private emit(): TrajectoryAssembler {
    this.release();
    return this.begin();
  }

  private generatedCallId(): string {
    this.generatedCallCount++;
    return `codex-call-${this.generatedCallCount}`;
  }
}
