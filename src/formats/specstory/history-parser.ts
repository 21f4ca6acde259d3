/**
 * Reads a SpecStory history line by line into steps. A turn opens at a role header; the user's turn is their
 * words; the assistant's turn is split by `---` lines into text, `<think>` blocks (its reasoning), tool blocks
 * (`Tool use: **name**` up to the next `---` outside its `<details>` and fences, or `<tool-use …>` up to
 * `</tool-use>`) and `Cancelled` (the developer stopped the agent: an interrupt). A block still open when the next turn
 * (after a `---`) or the end of the file comes is closed there with a diagnostic at its first line; its text is
 * kept. One pass, each line looked at a bounded number of times.
 */
import type { TrajectoryAssembler } from '../assembler.js';
import type { ReaderOutput } from '../reader.js';
import { MAXIMUM_HEADER_CHARACTERS, preambleLine, roleHeader, type HistoryGeneration, type RoleHeader } from './history-header.js';
import { FenceTracker, readToolBlock, type BlockLine, type ToolBlock } from './tool-block.js';

/** What the preamble said about the session. */
export interface HistoryPreamble {
  generation?: HistoryGeneration;
  provider?: string;
  sessionId?: string;
  title?: string;
  startedAt?: string;
}

interface ThinkBlock {
  kind: 'think';
  line: number;
  lines: string[];
}

interface OpenToolBlock {
  kind: 'tool';
  block: ToolBlock;
  /** `cursor`: ends at `---` outside details and fences; `tagged`: ends at `</tool-use>`. */
  ending: 'cursor' | 'tagged';
  detailsDepth: number;
  fences: FenceTracker;
}

interface Turn {
  header: RoleHeader;
  line: number;
  /** The header's time, once it has been given to a step. */
  timestampUsed: boolean;
}

const THINK_OPENING = '<think>';
const THINK_SUMMARY = '<details><summary>Thought Process</summary>';
const THINK_CLOSING = '</details></think>';
const CURSOR_TOOL_PREFIX = 'Tool use: **';
const TAGGED_TOOL_PREFIX = '<tool-use ';

/** Occurrences of `needle` in `text`, found with indexOf (linear in the text). */
function occurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}

/** The value of `name="…"` in an opening tag, by hand. */
function attribute(tag: string, name: string): string | undefined {
  const start = tag.indexOf(`${name}="`);
  if (start === -1) return undefined;
  const valueStart = start + name.length + 2;
  const end = tag.indexOf('"', valueStart);
  return end === -1 ? undefined : tag.slice(valueStart, end);
}

function isSeparator(line: string): boolean {
  return line.length <= 8 && line.trim() === '---';
}

/** True when the line holds only spaces and tabs (checked from the start, so most lines answer at their first character). */
function isBlank(line: string): boolean {
  for (let index = 0; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

/** The reasoning inside a think block, without SpecStory's wrapper tags. */
function thinkText(lines: readonly string[]): string {
  let text = lines.join('\n').trim();
  if (text.startsWith(THINK_OPENING)) text = text.slice(THINK_OPENING.length);
  if (text.startsWith(THINK_SUMMARY)) text = text.slice(THINK_SUMMARY.length);
  if (text.endsWith(THINK_CLOSING)) text = text.slice(0, -THINK_CLOSING.length);
  else if (text.endsWith('</think>')) text = text.slice(0, -'</think>'.length);
  return text.trim();
}

export class HistoryParser {
  readonly preamble: HistoryPreamble = {};
  private assembler: TrajectoryAssembler | undefined;
  private turn: Turn | undefined;
  private block: ThinkBlock | OpenToolBlock | undefined;
  private textLines: string[] = [];
  private textLine = 0;
  private reasoning: string[] = [];
  private reasoningLine = 0;
  private previousWasSeparator = false;
  /** Lines before the first turn that are not SpecStory's header: kept, as an event at the start. */
  private strayPreamble: string[] = [];
  private strayPreambleLine = 0;
  /** Last time given to a step, to leave out a stale header time (see `timestampFor`). */
  private lastTimestamp: number | undefined;

  constructor(
    private readonly output: ReaderOutput,
    private readonly begin: (preamble: HistoryPreamble) => TrajectoryAssembler,
  ) {}

  /** Reads one line (without its line ending). */
  line(text: string, lineNumber: number): void {
    const header = text.startsWith('_**') ? roleHeader(text) : undefined;
    if (header && this.acceptsHeader()) {
      this.openTurn(header, lineNumber);
      this.previousWasSeparator = false;
      return;
    }
    if (!this.turn) {
      this.preambleLine(text, lineNumber);
      return;
    }
    if (this.turn.header.role === 'user') this.appendText(text, lineNumber);
    else this.assistantLine(text, lineNumber);
    if (!isBlank(text)) this.previousWasSeparator = isSeparator(text);
  }

  /** Ends the history: closes what is open and the trajectory; a history without a single turn is reported. */
  finish(lastLine: number): void {
    this.closeTurn();
    if (!this.assembler) this.output.diagnostic(Math.max(1, lastLine), 'no turn in this history (no _**User**_ or _**Assistant**_ header)');
    this.assembler?.end();
  }

  /** A role header opens a turn unless it sits inside an open block that no `---` has ended. */
  private acceptsHeader(): boolean {
    if (!this.turn || this.previousWasSeparator) return true;
    if (this.block?.kind === 'think') return false;
    if (this.block?.kind === 'tool') return false;
    return true;
  }

  private preambleLine(text: string, lineNumber: number): void {
    if (isBlank(text)) return;
    const line = preambleLine(text);
    if (!line) {
      if (this.strayPreamble.length === 0) {
        this.strayPreambleLine = lineNumber;
        this.output.diagnostic(lineNumber, `text before the first turn is not part of SpecStory's header; kept as an event: ${text.slice(0, 80)}`);
      }
      this.strayPreamble.push(text);
      return;
    }
    if (line.kind === 'generator') this.preamble.generation = line.generation;
    else if (line.kind === 'session') {
      this.preamble.provider = line.provider;
      this.preamble.sessionId = line.sessionId;
      this.preamble.startedAt ??= line.startedAt;
    } else {
      this.preamble.title ??= line.title;
      this.preamble.startedAt ??= line.startedAt;
    }
  }

  private openTurn(header: RoleHeader, lineNumber: number): void {
    this.closeTurn();
    if (!this.assembler) {
      this.assembler = this.begin(this.preamble);
      if (this.strayPreamble.length > 0) this.assembler.event({ event: 'other', text: this.strayPreamble.join('\n'), line: this.strayPreambleLine, data: { kind: 'text-before-first-turn' } });
    }
    if (this.lastTimestamp === undefined && this.preamble.startedAt) this.lastTimestamp = Date.parse(this.preamble.startedAt) - 1;
    if (header.problem) this.output.diagnostic(lineNumber, `${header.problem}; read as a ${header.role} turn`);
    this.turn = { header, line: lineNumber, timestampUsed: false };
  }

  private closeTurn(): void {
    if (!this.turn) return;
    if (this.block) this.closeOpenBlock(true);
    if (this.turn.header.role === 'user') this.flushUser();
    else this.flushText(true);
    this.turn = undefined;
  }

  /**
   * The turn's header time for its first step. Cursor's export was seen repeating one stale time on every user
   * header (the same minute in sessions of two days), so a time before the session's start, or not after the last
   * time given, is left out.
   */
  private timestampFor(): string | undefined {
    const turn = this.turn;
    if (!turn || turn.timestampUsed || !turn.header.timestamp) return undefined;
    turn.timestampUsed = true;
    const time = Date.parse(turn.header.timestamp);
    if (Number.isNaN(time) || (this.lastTimestamp !== undefined && time <= this.lastTimestamp)) return undefined;
    this.lastTimestamp = time;
    return turn.header.timestamp;
  }

  private appendText(text: string, lineNumber: number): void {
    if (this.textLines.length === 0) {
      if (isBlank(text) || isSeparator(text)) return;
      this.textLine = lineNumber;
    }
    this.textLines.push(text);
  }

  /** The text collected, without the `---` separators and blank lines at its ends. */
  private takeText(): string {
    const lines = this.textLines;
    this.textLines = [];
    let end = lines.length;
    while (end > 0 && (isBlank(lines[end - 1]) || isSeparator(lines[end - 1]))) end--;
    return lines.slice(0, end).join('\n').trim();
  }

  private flushUser(): void {
    const line = this.textLine;
    const text = this.takeText();
    if (text.length === 0) return;
    this.assembler?.user({ text, origin: 'prompt', line, timestamp: this.timestampFor() });
  }

  /** Sends the text and reasoning collected as one assistant message; with `withReasoningOnly`, reasoning alone too. */
  private flushText(withReasoningOnly: boolean): void {
    const line = this.textLines.length > 0 ? this.textLine : this.reasoningLine;
    const text = this.takeText();
    if (text.length === 0 && (!withReasoningOnly || this.reasoning.length === 0)) return;
    const reasoning = this.reasoning.join('\n\n');
    this.reasoning = [];
    this.assembler?.assistant({ text, reasoning: reasoning.length > 0 ? reasoning : undefined, model: this.turn?.header.model, line, timestamp: this.timestampFor(), sidechain: this.turn?.header.sidechain ? 'sidechain' : undefined });
  }

  private assistantLine(text: string, lineNumber: number): void {
    const block = this.block;
    if (block?.kind === 'think') {
      block.lines.push(text);
      if (text.includes('</think>')) this.closeOpenBlock(false);
      return;
    }
    if (block?.kind === 'tool') {
      this.toolLine(block, text, lineNumber);
      return;
    }
    // Only lines starting with `<`, `T`, `C` or `-` can be structure; the rest is text.
    const first = text.charCodeAt(0);
    if (first !== 60 && first !== 84 && first !== 67 && first !== 45) {
      this.appendText(text, lineNumber);
      return;
    }
    if (isSeparator(text)) {
      this.appendText(text, lineNumber);
      return;
    }
    if (text.startsWith(THINK_OPENING)) {
      if (this.textLines.length > 0) this.flushText(false);
      if (this.reasoning.length === 0) this.reasoningLine = lineNumber;
      this.block = { kind: 'think', line: lineNumber, lines: [text] };
      if (text.includes('</think>')) this.closeOpenBlock(false);
      return;
    }
    if (text.startsWith(CURSOR_TOOL_PREFIX) && text.length <= MAXIMUM_HEADER_CHARACTERS) {
      const end = text.indexOf('**', CURSOR_TOOL_PREFIX.length);
      if (end > CURSOR_TOOL_PREFIX.length) {
        this.flushText(true);
        this.block = { kind: 'tool', ending: 'cursor', detailsDepth: 0, fences: new FenceTracker(), block: { name: text.slice(CURSOR_TOOL_PREFIX.length, end), line: lineNumber, body: [] } };
        return;
      }
    }
    if (text.startsWith(TAGGED_TOOL_PREFIX) && text.length <= MAXIMUM_HEADER_CHARACTERS) {
      const name = attribute(text, 'data-tool-name');
      if (name !== undefined) {
        this.flushText(true);
        const open: OpenToolBlock = { kind: 'tool', ending: 'tagged', detailsDepth: 0, fences: new FenceTracker(), block: { name, type: attribute(text, 'data-tool-type') ?? 'unknown', line: lineNumber, body: [] } };
        this.block = open;
        if (text.trimEnd().endsWith('</tool-use>')) this.closeOpenBlock(false);
        return;
      }
    }
    if (this.previousWasSeparator && text.trim() === 'Cancelled') {
      this.flushText(true);
      // Cursor writes `Cancelled` where the developer stopped the agent (or sent a message that stopped it).
      this.assembler?.user({ text: 'Cancelled', origin: 'interrupt', line: lineNumber });
      return;
    }
    this.appendText(text, lineNumber);
  }

  private toolLine(block: OpenToolBlock, text: string, lineNumber: number): void {
    if (block.ending === 'tagged') {
      const trimmed = text.trimEnd();
      if (trimmed.endsWith('</tool-use>')) {
        const before = trimmed.slice(0, -'</tool-use>'.length).trimEnd();
        const rest = before.endsWith('</details>') ? before.slice(0, -'</details>'.length) : before;
        if (rest.trim().length > 0) block.block.body.push({ text: rest, line: lineNumber });
        this.closeOpenBlock(false);
        return;
      }
      block.block.body.push({ text, line: lineNumber });
      return;
    }
    const kind = block.fences.step(text);
    if (kind === 'plain') {
      if (isSeparator(text) && block.detailsDepth <= 0) {
        this.closeOpenBlock(false);
        return;
      }
      // Both tags hold a `<`: a line without one (most) is passed over by a one-character search.
      if (text.includes('<') && text.includes('details')) block.detailsDepth += occurrences(text, '<details') - occurrences(text, '</details>');
    }
    block.block.body.push({ text, line: lineNumber });
  }

  /** Closes the open block; `unclosed` when the turn or the file ended before its end. */
  private closeOpenBlock(unclosed: boolean): void {
    const block = this.block;
    if (!block) return;
    this.block = undefined;
    if (block.kind === 'think') {
      if (unclosed) this.output.diagnostic(block.line, '<think> block is not closed; its text is read as reasoning up to the next turn');
      const text = thinkText(block.lines);
      if (text.length > 0) this.reasoning.push(text);
      return;
    }
    if (unclosed) {
      const what = block.ending === 'tagged' ? '<tool-use> block' : block.detailsDepth > 0 ? `tool block's <details>` : 'tool block';
      const lastLine = block.block.body.at(-1);
      if (block.ending === 'tagged' || block.detailsDepth > 0 || block.fences.inside) this.output.diagnostic(block.block.line, `${what} "${block.block.name}" is not closed${lastLine ? ` (read up to line ${lastLine.line})` : ''}; its text is kept`);
    }
    this.emitTool(block.block);
  }

  private emitTool(block: ToolBlock): void {
    const assembler = this.assembler;
    if (!assembler) return;
    const reading = readToolBlock(block);
    const sidechain = this.turn?.header.sidechain ? 'sidechain' : undefined;
    const call = assembler.toolCall({ tool: block.name, input: reading.input, line: block.line, timestamp: this.timestampFor(), sidechain });
    if (reading.output) {
      assembler.toolResult({ callId: call.callId, tool: block.name, output: reading.output.text, isError: reading.output.isError, hasErrorFlag: reading.output.hasErrorFlag, line: reading.output.line, sidechain });
    }
  }
}

export type { BlockLine };
