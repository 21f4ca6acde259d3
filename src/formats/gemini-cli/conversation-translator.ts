/**
 * Turns Gemini CLI chat records into steps. Works for both file kinds: the JSONL log (a header record,
 * message records, `$set` updates and `$rewindTo` records) and the older single JSON document (a header
 * with a `messages` array).
 *
 * Gemini CLI appends a message again, whole, each time it changes (tokens arrive, tool calls are added or
 * finish), and only the last message ever changes. So the last message is held until a record with
 * another id arrives, and then emitted once, in its final form. A record for a message already emitted
 * adds only the tool calls and results not seen before.
 *
 * A `$rewindTo` removes that message and everything after it from the conversation the model sees. The
 * steps already read stay (they happened: the developer saw them), and a rewind event records which
 * message the conversation went back to and how many messages were dropped.
 */
import type { StepFields, TrajectoryAssembler } from '../assembler.js';
import { contentText, isRecord } from '../json-document.js';
import type { ReaderOutput } from '../reader.js';
import type { TokenUsage } from '../../trajectory/step.js';
import { FINISHED_STATUSES, toolCallOutcome } from './tool-result.js';

type JsonObject = Record<string, unknown>;

/** A message record read but not emitted yet. */
interface HeldMessage {
  record: JsonObject;
  line: number;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function number(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Gemini token counts (`input` includes the cached part) as wink token usage. */
function tokenUsage(tokens: JsonObject): TokenUsage {
  const usage: TokenUsage = {};
  const input = number(tokens.input);
  const cached = number(tokens.cached);
  if (input !== undefined) usage.inputTokens = Math.max(0, input - (cached ?? 0));
  if (cached !== undefined) usage.cachedInputTokens = cached;
  if (number(tokens.output) !== undefined) usage.outputTokens = tokens.output as number;
  if (number(tokens.thoughts) !== undefined) usage.reasoningTokens = tokens.thoughts as number;
  return usage;
}

/** Thought summaries as reasoning text: `subject: description`, one per paragraph. */
function thoughtsText(thoughts: unknown): string {
  if (!Array.isArray(thoughts)) return '';
  const paragraphs: string[] = [];
  for (const thought of thoughts) {
    if (!isRecord(thought)) continue;
    const subject = text(thought.subject);
    const description = text(thought.description);
    if (subject && description) paragraphs.push(`${subject}: ${description}`);
    else if (subject ?? description) paragraphs.push((subject ?? description) as string);
  }
  return paragraphs.join('\n\n');
}

/** Reads one chat file's records into one trajectory. */
export class ConversationTranslator {
  private assembler: TrajectoryAssembler | undefined;
  private held: HeldMessage | undefined;
  private readonly emittedMessages: string[] = [];
  private readonly emittedMessageIds = new Set<string>();
  private readonly emittedCalls = new Set<string>();
  private readonly answeredCalls = new Set<string>();
  private generatedIdCount = 0;

  constructor(private readonly output: ReaderOutput) {}

  /** The header record (`sessionId`, `projectHash`, `startTime`, `kind`, …). */
  header(record: JsonObject): void {
    if (this.assembler) {
      this.update(record);
      return;
    }
    const extra: Record<string, unknown> = {};
    if (text(record.projectHash)) extra.projectHash = record.projectHash;
    if (text(record.kind)) extra.kind = record.kind;
    if (text(record.summary)) extra.summary = record.summary;
    if (Array.isArray(record.directories)) extra.directories = record.directories;
    this.assembler = this.output.begin({
      agent: 'gemini-cli',
      environment: 'cli',
      id: text(record.sessionId),
      startedAt: text(record.startTime),
      extra: Object.keys(extra).length > 0 ? extra : undefined,
    });
  }

  /**
   * A `$set` update of the session's metadata. A `messages` list in it (Gemini CLI re-syncing its history
   * after masking tool output) changes no step: the steps follow the messages as they were appended.
   */
  update(values: JsonObject): void {
    const session = this.begin().session;
    const extra: Record<string, unknown> = { ...session.extra };
    if (text(values.summary)) extra.summary = values.summary;
    if (Array.isArray(values.directories)) extra.directories = values.directories;
    if (text(values.kind)) extra.kind = values.kind;
    if (Object.keys(extra).length > 0) session.extra = extra;
  }

  /** A message record (new, or a newer copy of one already read). */
  message(record: JsonObject, line: number): void {
    const id = text(record.id) as string;
    if (this.held && this.held.record.id === id) {
      this.held = { record, line: this.held.line };
      return;
    }
    if (this.emittedMessageIds.has(id)) {
      if (record.type !== 'gemini') return;
      this.release();
      this.toolCalls(record, line);
      return;
    }
    this.release();
    this.held = { record, line };
  }

  /** A `$rewindTo` record: the conversation goes back to before message `messageId`. */
  rewind(messageId: string, line: number, timestamp?: string): void {
    this.release();
    const position = this.emittedMessages.indexOf(messageId);
    const dropped = position === -1 ? this.emittedMessages.length : this.emittedMessages.length - position;
    this.emittedMessages.splice(position === -1 ? 0 : position);
    this.begin().event({ line, timestamp, event: 'other', text: `conversation rewound to before message ${messageId}`, data: { type: 'rewind', rewindTo: messageId, droppedMessages: dropped } });
  }

  /** Emits the held message; call once after the last record. */
  finish(): void {
    this.release();
  }

  private begin(): TrajectoryAssembler {
    if (!this.assembler) this.assembler = this.output.begin({ agent: 'gemini-cli', environment: 'cli' });
    return this.assembler;
  }

  private release(): void {
    if (!this.held) return;
    const { record, line } = this.held;
    this.held = undefined;
    const id = text(record.id) as string;
    this.emittedMessages.push(id);
    this.emittedMessageIds.add(id);
    const fields: StepFields = { id, line, timestamp: text(record.timestamp) };
    const assembler = this.begin();
    const content = contentText(record.content);
    switch (record.type) {
      case 'user':
        assembler.user({ ...fields, text: content, origin: 'prompt' });
        break;
      case 'gemini': {
        const reasoning = thoughtsText(record.thoughts);
        const hasToolCalls = Array.isArray(record.toolCalls) && record.toolCalls.length > 0;
        if (content.length > 0 || reasoning.length > 0 || !hasToolCalls) {
          assembler.assistant({ ...fields, text: content, reasoning, model: text(record.model), usage: isRecord(record.tokens) ? tokenUsage(record.tokens) : undefined });
        }
        this.toolCalls(record, line);
        break;
      }
      case 'error':
        assembler.event({ ...fields, event: 'error', text: content });
        break;
      default:
        assembler.event({ ...fields, event: 'other', text: content, data: { type: record.type } });
        break;
    }
  }

  /** Emits the tool calls of a model message that were not emitted yet, and the results now known. */
  private toolCalls(record: JsonObject, line: number): void {
    if (!Array.isArray(record.toolCalls)) return;
    const assembler = this.begin();
    for (const toolCall of record.toolCalls) {
      if (!isRecord(toolCall)) {
        this.output.diagnostic(line, 'a tool call of message is not an object; skipped');
        continue;
      }
      const callId = text(toolCall.id) ?? this.generatedId();
      const timestamp = text(toolCall.timestamp) ?? text(record.timestamp);
      const finished = typeof toolCall.status === 'string' ? FINISHED_STATUSES.has(toolCall.status) : toolCall.result !== undefined;
      const outcome = finished ? toolCallOutcome(toolCall) : undefined;
      if (!this.emittedCalls.has(callId)) {
        this.emittedCalls.add(callId);
        // A call whose record already holds a hook's refusal never ran: it is emitted without effects.
        assembler.toolCall({ id: callId, callId, line, timestamp, tool: text(toolCall.name) ?? 'unknown', input: isRecord(toolCall.args) ? toolCall.args : (toolCall.args ?? {}), refusedByHook: outcome?.refusedByHook });
      }
      if (!outcome || this.answeredCalls.has(callId)) continue;
      this.answeredCalls.add(callId);
      assembler.toolResult({ id: `${callId}.result`, callId, line, timestamp, ...outcome });
    }
  }

  private generatedId(): string {
    this.generatedIdCount++;
    return `gemini-call-${this.generatedIdCount}`;
  }
}
