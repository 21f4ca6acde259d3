/**
 * Turns the lines of one Claude Code transcript file into steps, in file order. The main session file
 * and each sub-agent file get their own TranscriptReader feeding the same assembler.
 *
 * Claude Code writes one content block per assistant line; consecutive text and thinking lines of the
 * same `message.id` become one assistant step, and every `tool_use` block becomes a tool-call step. The
 * assistant step is held back until a line that is not part of it arrives, so steps still come out in
 * log order. Per line, the only heavy work is `JSON.parse`.
 */
import { isRecord } from '../json-document.js';
import { MAXIMUM_REMEMBERED_IDS, type TrajectoryAssembler } from '../assembler.js';
import { RecentSet } from '../recent-keys.js';
import type { TokenUsage, UserMessageOrigin } from '../../trajectory/step.js';
import { HARNESS_QUEUE_PREFIXES, injectedContextOf, spawnedAgentId, toolResultFacts, toolResultText, userTextOrigin, IMAGE_PLACEHOLDER } from './classify.js';
import type { AssistantLine, AttachmentLine, ContentBlock, QueueOperationLine, SystemLine, TranscriptLineBase, TranscriptUsage, UserLine } from './line-types.js';

/** What a TranscriptReader needs from the file reader that owns the trajectory. */
export interface TranscriptContext {
  /** The assembler, begun (on first use) or completed with the session metadata of this line. */
  assembler(line: TranscriptLineBase): TrajectoryAssembler;
  /** Records a problem at a line of this transcript. */
  diagnostic(line: number, message: string): void;
}

/** Options of a TranscriptReader. */
export interface TranscriptReaderOptions {
  /** The file being read, when it is not the main session file (sources of its steps point at it). */
  file?: string;
  /** Sidechain id for every step of this file (a sub-agent transcript); lines' own `agentId` win. */
  sidechain?: string;
}

/** An assistant step being gathered from consecutive text/thinking lines of one message (plain JSON). */
export interface PendingAssistant {
  messageId: string | undefined;
  sidechain: string | undefined;
  texts: string[];
  reasonings: string[];
  id: string | undefined;
  timestamp: string | undefined;
  line: number;
  model: string | undefined;
  usage: TokenUsage | undefined;
}

/**
 * Prompts the developer typed while the agent worked (plain JSON, so a hook can carry it between calls).
 * Claude Code records each as a `queue-operation` line: `enqueue` when typed, `dequeue` when it is delivered
 * as an ordinary user line later (nothing to add then), `remove` when it was handed to the model mid-turn
 * (no user line follows: the reader adds the prompt). Newer versions also write a `queued_command`
 * attachment for a mid-turn delivery; a prompt delivered both ways is added once.
 */
export interface QueuedPrompts {
  /** Texts enqueued and not yet delivered, oldest first. */
  pending: string[];
  /**
   * Deliveries added whose second record may still come (`attachment:<text>` or `remove:<text>`): a delivery
   * recorded both ways is added once, while the same text typed twice is added twice.
   */
  delivered: string[];
}

/** Most queued texts remembered in each list. */
const MAXIMUM_QUEUED_TEXTS = 20;

/** Separator between joined text blocks. */
const BLOCK_SEPARATOR = '\n\n';

function tokenUsage(usage: TranscriptUsage | undefined): TokenUsage | undefined {
  if (!isRecord(usage)) return undefined;
  const result: TokenUsage = {};
  if (typeof usage.input_tokens === 'number') result.inputTokens = usage.input_tokens;
  if (typeof usage.output_tokens === 'number') result.outputTokens = usage.output_tokens;
  if (typeof usage.cache_read_input_tokens === 'number') result.cachedInputTokens = usage.cache_read_input_tokens;
  if (typeof usage.cache_creation_input_tokens === 'number') result.cacheCreationInputTokens = usage.cache_creation_input_tokens;
  return result;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function timestampOf(line: TranscriptLineBase): string | undefined {
  return typeof line.timestamp === 'string' ? line.timestamp : undefined;
}

/** Text a hook attachment carries: what it added to the context, its blocking error, or its output. */
function hookText(attachment: NonNullable<AttachmentLine['attachment']>): string | undefined {
  const content = attachment.content;
  if (typeof content === 'string' && content.length > 0) return content;
  if (Array.isArray(content) && content.length > 0) return content.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join('\n');
  const blocking = attachment.blockingError;
  if (typeof blocking === 'string') return blocking;
  if (isRecord(blocking) && typeof blocking.blockingError === 'string') return blocking.blockingError;
  const stdout = typeof attachment.stdout === 'string' ? attachment.stdout.trim() : '';
  if (stdout.length > 0) return stdout;
  const stderr = typeof attachment.stderr === 'string' ? attachment.stderr.trim() : '';
  return stderr.length > 0 ? stderr : undefined;
}

/** Keeps only the defined values, so event data stays small and stable. */
function definedValues(values: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(values)) if (values[key] !== undefined) result[key] = values[key];
  return result;
}

/** Reads the lines of one transcript file; see the file comment. */
export class TranscriptReader {
  /** Sub-agent ids named by Task results, in the order the results were read. */
  readonly spawnedAgents: string[] = [];
  private pending: PendingAssistant | undefined;
  private readonly messagesWithUsage = new RecentSet<string>(MAXIMUM_REMEMBERED_IDS);
  private queued: QueuedPrompts = { pending: [], delivered: [] };

  constructor(
    private readonly context: TranscriptContext,
    private readonly options: TranscriptReaderOptions = {},
  ) {}

  /** Reads one line (1-based number); malformed lines become diagnostics. */
  readLine(text: string, lineNumber: number): void {
    if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim().length === 0)) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.context.diagnostic(lineNumber, `invalid JSON: ${(error as Error).message}`);
      return;
    }
    if (!isRecord(value)) {
      this.context.diagnostic(lineNumber, 'line is not a JSON object; skipped');
      return;
    }
    switch (value.type) {
      case 'assistant':
        this.readAssistant(value as AssistantLine, lineNumber);
        return;
      case 'user':
        this.readUser(value as UserLine, lineNumber);
        return;
      case 'system':
        this.readSystem(value as SystemLine, lineNumber);
        return;
      case 'attachment':
        this.readAttachment(value as AttachmentLine, lineNumber);
        return;
      case 'queue-operation':
        this.readQueueOperation(value as QueueOperationLine, lineNumber);
        return;
      default:
        // summary, progress, file-history-snapshot, ai-title, … carry no step.
        return;
    }
  }

  /** Emits the assistant step still being gathered; call at the end of the file. */
  finish(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    this.assembler.assistant({
      id: pending.id,
      text: pending.texts.join(BLOCK_SEPARATOR),
      reasoning: pending.reasonings.length > 0 ? pending.reasonings.join(BLOCK_SEPARATOR) : undefined,
      model: pending.model,
      messageId: pending.messageId,
      usage: pending.usage,
      timestamp: pending.timestamp,
      sidechain: pending.sidechain,
      line: pending.line,
      file: this.options.file,
    });
  }

  /**
   * The assistant step still held back (a copy, as JSON), so a reader that resumes in another process —
   * the hook reading a growing transcript chunk by chunk — can carry it over with {@link resumeHeldBack}.
   */
  heldBack(): PendingAssistant | undefined {
    const pending = this.pending;
    return pending ? { ...pending, texts: [...pending.texts], reasonings: [...pending.reasonings] } : undefined;
  }

  /** Restores an assistant step held back by an earlier reader of the same file, emitted into `assembler`. */
  resumeHeldBack(pending: PendingAssistant, assembler: TrajectoryAssembler): void {
    this.pending = { ...pending, texts: [...pending.texts], reasonings: [...pending.reasonings] };
    this.currentAssembler = assembler;
  }

  /** The queued prompts' state (a copy, as JSON), for a reader that resumes in another process. */
  queuedPrompts(): QueuedPrompts {
    return { pending: [...this.queued.pending], delivered: [...this.queued.delivered] };
  }

  /** Restores the queued prompts' state of an earlier reader of the same file. */
  resumeQueuedPrompts(queued: QueuedPrompts): void {
    this.queued = { pending: [...queued.pending], delivered: [...queued.delivered] };
  }

  private currentAssembler: TrajectoryAssembler | undefined;

  /** The assembler, once a step-producing line has begun the trajectory. */
  private get assembler(): TrajectoryAssembler {
    return this.currentAssembler as TrajectoryAssembler;
  }

  private begin(line: TranscriptLineBase): TrajectoryAssembler {
    this.currentAssembler = this.context.assembler(line);
    return this.currentAssembler;
  }

  private sidechainOf(line: TranscriptLineBase): string | undefined {
    if (line.isSidechain === true) return optionalString(line.agentId) ?? this.options.sidechain ?? 'sidechain';
    return this.options.sidechain;
  }

  private readAssistant(line: AssistantLine, lineNumber: number): void {
    const message = line.message;
    if (!isRecord(message)) {
      this.context.diagnostic(lineNumber, 'assistant line has no message; skipped');
      return;
    }
    const assembler = this.begin(line);
    const sidechain = this.sidechainOf(line);
    const messageId = optionalString(message.id);
    const model = typeof message.model === 'string' && message.model.length > 0 && message.model.charCodeAt(0) !== 60 ? message.model : undefined;
    if (model && !assembler.session.model && sidechain === undefined) assembler.session.model = model;
    const content = message.content;
    const blocks: ContentBlock[] = Array.isArray(content) ? content : typeof content === 'string' ? [{ type: 'text', text: content }] : [];
    if (line.isApiErrorMessage === true) {
      this.finish();
      assembler.event({ id: line.uuid, event: 'error', text: blocks.map((block) => block?.text ?? '').join(BLOCK_SEPARATOR), data: { source: 'api' }, timestamp: timestampOf(line), sidechain: sidechain, line: lineNumber, file: this.options.file });
      return;
    }
    for (const block of blocks) {
      if (!isRecord(block)) continue;
      if (block.type === 'text' || block.type === 'thinking') {
        const isText = block.type === 'text';
        const blockText = isText ? block.text : block.thinking;
        if (typeof blockText !== 'string') continue;
        let pending = this.pending;
        if (!pending || messageId === undefined || pending.messageId !== messageId || pending.sidechain !== sidechain) {
          this.finish();
          let usage: TokenUsage | undefined;
          if (messageId !== undefined && !this.messagesWithUsage.has(messageId)) {
            usage = tokenUsage(message.usage);
            this.messagesWithUsage.add(messageId);
          }
          pending = { messageId, sidechain, texts: [], reasonings: [], id: line.uuid, timestamp: line.timestamp, line: lineNumber, model, usage };
          this.pending = pending;
        }
        if (isText) pending.texts.push(blockText);
        else if (blockText.length > 0) pending.reasonings.push(blockText);
      } else if (block.type === 'tool_use') {
        this.finish();
        if (messageId !== undefined) this.messagesWithUsage.add(messageId);
        assembler.toolCall({
          id: line.uuid,
          callId: optionalString(block.id),
          tool: optionalString(block.name) ?? 'unknown',
          input: block.input ?? {},
          messageId,
          timestamp: timestampOf(line), sidechain: sidechain, line: lineNumber, file: this.options.file,
        });
      }
    }
  }

  private readUser(line: UserLine, lineNumber: number): void {
    const message = line.message;
    if (!isRecord(message)) {
      this.context.diagnostic(lineNumber, 'user line has no message; skipped');
      return;
    }
    this.finish();
    const assembler = this.begin(line);
    const sidechain = this.sidechainOf(line);
    const isCompactSummary = line.isCompactSummary === true;
    const isMeta = line.isMeta === true || isCompactSummary;
    const content = message.content;
    if (typeof content === 'string') {
      const origin = this.origin(content, isMeta, sidechain);
      const context = origin === 'injected' && sidechain === undefined ? injectedContextOf(content, isCompactSummary) : undefined;
      assembler.user({ id: line.uuid, text: content, origin, context, timestamp: timestampOf(line), sidechain: sidechain, line: lineNumber, file: this.options.file });
      return;
    }
    if (!Array.isArray(content)) return;
    let resultCount = 0;
    for (const block of content) if (isRecord(block) && block.type === 'tool_result') resultCount++;
    const spoken: string[] = [];
    const injected: string[] = [];
    let spokenOrigin: UserMessageOrigin = 'prompt';
    let injectedFirst = false;
    for (const block of content) {
      if (!isRecord(block)) continue;
      if (block.type === 'tool_result') {
        this.readToolResult(line, block, resultCount === 1, lineNumber, sidechain);
      } else if (block.type === 'text' && typeof block.text === 'string') {
        const origin = this.origin(block.text, isMeta, sidechain);
        if (origin === 'injected') {
          if (spoken.length === 0) injectedFirst = true;
          injected.push(block.text);
        } else {
          if (spoken.length === 0) spokenOrigin = origin;
          spoken.push(block.text);
        }
      } else if (block.type === 'image') {
        if (isMeta || sidechain !== undefined) injected.push(IMAGE_PLACEHOLDER);
        else spoken.push(IMAGE_PLACEHOLDER);
      }
    }
    // The two groups keep the order in which they start in the message.
    const emitInjected = (): void => {
      if (injected.length === 0) return;
      const text = injected.join(BLOCK_SEPARATOR);
      const context = sidechain === undefined ? injectedContextOf(text, isCompactSummary) : undefined;
      assembler.user({ id: line.uuid, text, origin: 'injected', context, timestamp: timestampOf(line), sidechain: sidechain, line: lineNumber, file: this.options.file });
    };
    if (injectedFirst) emitInjected();
    if (spoken.length > 0) assembler.user({ id: line.uuid, text: spoken.join(BLOCK_SEPARATOR), origin: spokenOrigin, timestamp: timestampOf(line), sidechain: sidechain, line: lineNumber, file: this.options.file });
    if (!injectedFirst) emitInjected();
  }

  /** Origin of a user-role text; in a sidechain the "user" is the parent agent, so only interrupts stay. */
  private origin(text: string, isMeta: boolean, sidechain: string | undefined): UserMessageOrigin {
    const origin = userTextOrigin(text, isMeta);
    return sidechain !== undefined && origin === 'prompt' ? 'injected' : origin;
  }

  private readToolResult(line: UserLine, block: ContentBlock, ownsToolUseResult: boolean, lineNumber: number, sidechain: string | undefined): void {
    const callId = optionalString(block.tool_use_id);
    if (callId === undefined) {
      this.context.diagnostic(lineNumber, 'tool_result block has no tool_use_id; skipped');
      return;
    }
    const output = toolResultText(block.content);
    const isError = block.is_error === true;
    const toolUseResult = ownsToolUseResult ? line.toolUseResult : undefined;
    const facts = toolResultFacts(output, isError, toolUseResult);
    this.assembler.toolResult({ id: line.uuid, callId, output, isError, ...facts, timestamp: timestampOf(line), sidechain: sidechain, line: lineNumber, file: this.options.file });
    const agentId = spawnedAgentId(toolUseResult);
    if (agentId !== undefined) this.spawnedAgents.push(agentId);
  }

  private readSystem(line: SystemLine, lineNumber: number): void {
    const subtype = line.subtype;
    if (subtype === 'compact_boundary') {
      this.finish();
      const metadata = isRecord(line.compactMetadata) ? line.compactMetadata : {};
      this.begin(line).event({
        id: line.uuid,
        event: 'compaction',
        text: optionalString(line.content),
        data: definedValues({ trigger: metadata.trigger, preTokens: metadata.preTokens }),
        timestamp: timestampOf(line), sidechain: this.sidechainOf(line), line: lineNumber, file: this.options.file,
      });
    } else if (subtype === 'stop_hook_summary') {
      this.finish();
      const errors = Array.isArray(line.hookErrors) ? line.hookErrors.map((error) => (typeof error === 'string' ? error : JSON.stringify(error))) : [];
      this.begin(line).event({
        id: line.uuid,
        event: 'hook',
        text: errors.length > 0 ? errors.join('\n') : optionalString(line.content),
        data: definedValues({ subtype, hookCount: line.hookCount, preventedContinuation: line.preventedContinuation, stopReason: optionalString(line.stopReason) }),
        timestamp: timestampOf(line), sidechain: this.sidechainOf(line), line: lineNumber, file: this.options.file,
      });
    } else if (subtype === 'api_error' || line.level === 'error') {
      this.finish();
      this.begin(line).event({ id: line.uuid, event: 'error', text: optionalString(line.content), data: definedValues({ subtype }), timestamp: timestampOf(line), sidechain: this.sidechainOf(line), line: lineNumber, file: this.options.file });
    }
  }

  private readAttachment(line: AttachmentLine, lineNumber: number): void {
    const attachment = line.attachment;
    if (!isRecord(attachment) || typeof attachment.type !== 'string') return;
    if (attachment.type === 'queued_command') {
      this.readQueuedCommand(line, attachment.prompt, lineNumber);
      return;
    }
    if (attachment.type === 'nested_memory' || attachment.type === 'instructions') {
      this.readInstructionFiles(line, attachment, lineNumber);
      return;
    }
    if (!attachment.type.startsWith('hook_')) return;
    this.finish();
    this.begin(line).event({
      id: line.uuid,
      event: 'hook',
      text: hookText(attachment),
      data: definedValues({
        attachment: attachment.type,
        hookName: optionalString(attachment.hookName),
        hookEvent: optionalString(attachment.hookEvent),
        toolUseId: optionalString(attachment.toolUseID),
        exitCode: typeof attachment.exitCode === 'number' ? attachment.exitCode : undefined,
      }),
      timestamp: timestampOf(line), sidechain: this.sidechainOf(line), line: lineNumber, file: this.options.file,
    });
  }


  /** Rule files Claude Code loaded into the context: `nested_memory` (one file) and `instructions` (several). */
  private readInstructionFiles(line: AttachmentLine, attachment: NonNullable<AttachmentLine['attachment']>, lineNumber: number): void {
    const files: Array<{ path: string; content: string }> = [];
    const add = (path: unknown, content: unknown): void => {
      const text = typeof content === 'string' ? content : isRecord(content) && typeof content.content === 'string' ? content.content : undefined;
      if (text === undefined || text.trim().length === 0) return;
      const named = typeof path === 'string' && path.length > 0 ? path : isRecord(content) && typeof content.path === 'string' ? content.path : 'a rule file';
      files.push({ path: named, content: text });
    };
    if (Array.isArray(attachment.files)) {
      for (const file of attachment.files) if (isRecord(file)) add(file.path, file.content);
    } else {
      add(attachment.path, attachment.content);
    }
    if (files.length === 0) return;
    this.finish();
    const assembler = this.begin(line);
    const sidechain = this.sidechainOf(line);
    for (const file of files) {
      // The text the model sees: Claude Code shows each file as "Contents of <path>:" and its body.
      assembler.user({
        id: line.uuid,
        text: `Contents of ${file.path}:\n\n${file.content}`,
        origin: 'injected',
        context: { kind: 'rule-file', source: file.path },
        timestamp: timestampOf(line), sidechain, line: lineNumber, file: this.options.file,
      });
    }
  }

  /** A prompt handed to the model mid-turn (`queued_command` attachment). */
  private readQueuedCommand(line: AttachmentLine, prompt: unknown, lineNumber: number): void {
    const text = typeof prompt === 'string' ? prompt : Array.isArray(prompt) ? prompt.map((block) => (isRecord(block) && typeof block.text === 'string' ? block.text : '')).join(BLOCK_SEPARATOR) : '';
    if (text.trim().length === 0) return;
    const position = this.queued.pending.indexOf(text);
    if (position !== -1) this.queued.pending.splice(position, 1);
    this.addQueuedPrompt(line, text, lineNumber, 'attachment');
  }

  /** `queue-operation` lines: see {@link QueuedPrompts}. */
  private readQueueOperation(line: QueueOperationLine, lineNumber: number): void {
    const operation = line.operation;
    const content = typeof line.content === 'string' ? line.content : undefined;
    const queued = this.queued;
    if (operation === 'enqueue') {
      if (content === undefined || content.trim().length === 0) return;
      queued.pending.push(content);
      if (queued.pending.length > MAXIMUM_QUEUED_TEXTS) queued.pending.shift();
    } else if (operation === 'dequeue') {
      // Delivered as an ordinary user line, which the reader reads as a prompt when it comes.
      const position = content === undefined ? 0 : queued.pending.indexOf(content);
      if (position !== -1) queued.pending.splice(position, 1);
    } else if (operation === 'remove') {
      // The legacy record of a delivery its queued_command attachment already added: nothing to add.
      const twin = queued.delivered.findIndex((entry) => entry.startsWith('attachment:') && (content === undefined || entry === `attachment:${content}`));
      if (twin !== -1) {
        queued.delivered.splice(twin, 1);
        return;
      }
      const position = content === undefined ? 0 : queued.pending.indexOf(content);
      const text = position === -1 ? content : queued.pending.splice(position, 1)[0];
      if (text !== undefined) this.addQueuedPrompt(line, text, lineNumber, 'remove');
    } else if (operation === 'clear' || operation === 'popAll') {
      queued.pending.length = 0;
    }
  }

  private addQueuedPrompt(line: TranscriptLineBase, text: string, lineNumber: number, via: 'attachment' | 'remove'): void {
    const queued = this.queued;
    // The same delivery recorded the other way first (a `remove`, then its `queued_command`): added once.
    const twin = queued.delivered.indexOf(`${via === 'attachment' ? 'remove' : 'attachment'}:${text}`);
    if (twin !== -1) {
      queued.delivered.splice(twin, 1);
      return;
    }
    queued.delivered.push(`${via}:${text}`);
    if (queued.delivered.length > MAXIMUM_QUEUED_TEXTS) queued.delivered.shift();
    this.finish();
    const assembler = this.begin(line);
    const sidechain = this.sidechainOf(line);
    const harness = HARNESS_QUEUE_PREFIXES.some((prefix) => text.trimStart().startsWith(prefix));
    assembler.user({
      id: line.uuid,
      text,
      origin: harness || sidechain !== undefined ? 'injected' : userTextOrigin(text, false),
      context: harness ? { kind: 'harness' } : undefined,
      queued: !harness && sidechain === undefined,
      timestamp: timestampOf(line), sidechain, line: lineNumber, file: this.options.file,
    });
  }
}
