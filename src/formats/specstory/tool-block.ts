/**
 * A tool block of a SpecStory history, read into a tool call and, where the export includes it, its output.
 * The 2025 extension writes `Tool use: **name**` and then what the IDE showed: `Read file: path`, an
 * `<details><summary>Edit file: path</summary>` block with the diff, a ```` ```bash ```` block with the command
 * and one with its output, `<summary>Grep for "p" in "path" • n matches</summary>` and a result table, an MCP
 * call's `*Parameters*:` and `*Result*:`. The CLI's Markdown v2 writes `<tool-use data-tool-type="shell"
 * data-tool-name="Bash"><details>` with `**Input:**` pairs and a `**Result:**` or `**Error:**` block, or the
 * provider's own Markdown. What a block holds and the reading cannot place stays in the call's input as text.
 */

/** One line of a block with its line number in the file. */
export interface BlockLine {
  text: string;
  line: number;
}

/** A tool block as the parser collected it. */
export interface ToolBlock {
  /** Tool name as the export writes it (`run_terminal_cmd`, `read_file`, `Bash`, …). */
  name: string;
  /** The Markdown v2 `data-tool-type` (`shell`, `read`, `write`, `search`, `task`, `generic`, `unknown`). */
  type?: string;
  /** Line of the block's first line. */
  line: number;
  /** The lines after the opening line, without the closing tag. */
  body: BlockLine[];
}

/** The call and result a tool block becomes. */
export interface ToolBlockReading {
  input: Record<string, unknown>;
  /** The output, where the export includes it; undefined when the block shows none. */
  output?: { text: string; line: number; isError: boolean; hasErrorFlag: boolean };
}

interface Fence {
  info: string;
  lines: BlockLine[];
  line: number;
}

/** A fence opening or closing line: three or more backticks or tildes, at most three spaces in. */
function fenceMarker(text: string): { character: string; length: number; info: string; indent: number } | undefined {
  let start = 0;
  while (start < text.length && start < 4 && text[start] === ' ') start++;
  if (start > 3) return undefined;
  const character = text[start];
  if (character !== '`' && character !== '~') return undefined;
  let end = start;
  while (end < text.length && text[end] === character) end++;
  if (end - start < 3) return undefined;
  return { character, length: end - start, info: text.slice(end).trim(), indent: start };
}

/**
 * Tracks whether lines are inside a fenced block. A closing fence is indented no deeper than its opening one: in a
 * diff, a context line that quotes a fence (`  \`\`\``) does not close the diff's own fence.
 */
export class FenceTracker {
  private open: { character: string; length: number; indent: number } | undefined;

  /** True while inside a fenced block (after its opening line, up to and including its closing line's call). */
  get inside(): boolean {
    return this.open !== undefined;
  }

  /** Reads one line; returns what it is: an opening fence, a closing fence, or content/plain. */
  step(text: string): 'open' | 'close' | 'content' | 'plain' {
    const marker = fenceMarker(text);
    if (this.open) {
      if (marker && marker.character === this.open.character && marker.length >= this.open.length && marker.info.length === 0 && marker.indent <= this.open.indent) {
        this.open = undefined;
        return 'close';
      }
      return 'content';
    }
    if (marker && !(marker.character === '`' && marker.info.includes('`'))) {
      this.open = { character: marker.character, length: marker.length, indent: marker.indent };
      return 'open';
    }
    return 'plain';
  }

  reset(): void {
    this.open = undefined;
  }
}

/** The block's fenced blocks and its plain lines (outside fences). */
function splitBody(body: readonly BlockLine[]): { fences: Fence[]; plain: BlockLine[] } {
  const tracker = new FenceTracker();
  const fences: Fence[] = [];
  const plain: BlockLine[] = [];
  let current: Fence | undefined;
  for (const line of body) {
    const kind = tracker.step(line.text);
    if (kind === 'open') {
      current = { info: fenceMarker(line.text)?.info ?? '', lines: [], line: line.line };
      fences.push(current);
    } else if (kind === 'close') current = undefined;
    else if (kind === 'content' && current) current.lines.push(line);
    else plain.push(line);
  }
  return { fences, plain };
}

/** The texts of `lines` from `start` to before `end`, one a line. */
function joined(lines: readonly BlockLine[], start = 0, end = lines.length): string {
  const texts: string[] = [];
  for (let position = start; position < end; position++) texts.push(lines[position].text);
  return texts.join('\n');
}

/** The lines of the fences from the `from`-th on, in order, in one array (a plain loop: `flatMap` was a hot spot on long outputs). */
function fenceLines(fences: readonly Fence[], from = 0): BlockLine[] {
  const lines: BlockLine[] = [];
  for (let position = from; position < fences.length; position++) for (const line of fences[position].lines) lines.push(line);
  return lines;
}

/** The text of the first `<summary>…</summary>` among the plain lines, and its line. */
function summaryOf(plain: readonly BlockLine[]): { text: string; line: number } | undefined {
  for (const line of plain) {
    const start = line.text.indexOf('<summary>');
    if (start === -1) continue;
    const end = line.text.indexOf('</summary>', start);
    if (end === -1) continue;
    return { text: line.text.slice(start + '<summary>'.length, end).trim(), line: line.line };
  }
  return undefined;
}

/** Plain lines without the HTML wrapper lines SpecStory adds (`<details>`, `<summary>…</summary>`, `</details>`). */
function contentLines(plain: readonly BlockLine[]): BlockLine[] {
  return plain.filter((line) => {
    if (!line.text.includes('<')) return true;
    const text = line.text.trim();
    return !(text === '<details>' || text === '</details>' || (text.startsWith('<summary>') && text.endsWith('</summary>')) || (text.startsWith('<details><summary>') && text.endsWith('</summary>')));
  });
}

/** The text between the first pair of double quotes after `start`, or undefined. */
function quoted(text: string, start = 0): { value: string; end: number } | undefined {
  const open = text.indexOf('"', start);
  if (open === -1) return undefined;
  const close = text.indexOf('"', open + 1);
  if (close === -1) return undefined;
  return { value: text.slice(open + 1, close), end: close + 1 };
}

/** The text of a summary after a prefix and before ` • ` (the result count). */
function summarySubject(summary: string, prefix: string): string | undefined {
  if (!summary.startsWith(prefix)) return undefined;
  const rest = summary.slice(prefix.length);
  const bullet = rest.indexOf(' • ');
  return (bullet === -1 ? rest : rest.slice(0, bullet)).trim();
}

/** The output of lines that are not empty, as one result; undefined when nothing is left. */
function outputOf(lines: readonly BlockLine[], isError = false, hasErrorFlag = false): ToolBlockReading['output'] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start].text.trim().length === 0) start++;
  while (end > start && lines[end - 1].text.trim().length === 0) end--;
  if (start === end) return undefined;
  return { text: joined(lines, start, end), line: lines[start].line, isError, hasErrorFlag };
}

/** Character code of a space. */
const SPACE = 32;

/** A diff's old and new text: `-` lines are old, `+` lines new, context lines both (Cursor's diffs indent by one space). */
function diffSides(lines: readonly BlockLine[]): { oldText: string; newText: string } {
  const oldLines: string[] = [];
  const newLines: string[] = [];
  for (const { text } of lines) {
    if (text.startsWith('@@')) continue;
    const sign = text[0];
    // A space after the sign is part of the sign (read by character code: no new string per line).
    const content = text.charCodeAt(1) === SPACE ? text.slice(2) : text.slice(1);
    if (sign === '-') oldLines.push(content);
    else if (sign === '+') newLines.push(content);
    else {
      oldLines.push(content);
      newLines.push(content);
    }
  }
  return { oldText: oldLines.join('\n'), newText: newLines.join('\n') };
}

/** A Cursor edit block: `<summary>Edit file: path</summary>` and a diff fence. */
function editReading(name: string, summary: string | undefined, fences: readonly Fence[], plain: readonly BlockLine[]): ToolBlockReading {
  const file = summary ? summarySubject(summary, 'Edit file:') : undefined;
  const diff = fences.find((fence) => fence.info === 'diff') ?? fences[0];
  const input: Record<string, unknown> = {};
  if (file) input.file_path = file;
  if (diff) {
    const { oldText, newText } = diffSides(diff.lines);
    if (name === 'write') input.content = newText;
    else {
      input.old_string = oldText;
      input.new_string = newText;
    }
  }
  const notes = joined(contentLines(plain)).trim();
  if (notes.length > 0) input.text = notes;
  return { input };
}

/** An MCP call: `*Called tool*: server - tool: description`, `*Parameters*:` with `  * key: value` items, `*Result*:`. */
function mcpReading(body: readonly BlockLine[]): ToolBlockReading {
  const input: Record<string, unknown> = {};
  let section: 'head' | 'parameters' | 'result' = 'head';
  let key: string | undefined;
  const result: BlockLine[] = [];
  for (const line of body) {
    const text = line.text;
    if (section !== 'result' && text.startsWith('*Called tool*:')) {
      const called = text.slice('*Called tool*:'.length).trim();
      const separator = called.indexOf(' - ');
      const colon = called.indexOf(':', separator + 3);
      if (separator > 0) {
        input.server = called.slice(0, separator);
        input.tool = (colon === -1 ? called.slice(separator + 3) : called.slice(separator + 3, colon)).trim();
      }
    } else if (section !== 'result' && text.startsWith('*Parameters*:') && text.trim() === '*Parameters*:') section = 'parameters';
    else if (section !== 'result' && text.startsWith('*Result*:') && text.trim() === '*Result*:') section = 'result';
    else if (section === 'parameters') {
      const item = text.startsWith('  * ') ? text.slice(4) : undefined;
      const colon = item?.indexOf(': ') ?? -1;
      if (item !== undefined && colon > 0) {
        key = item.slice(0, colon);
        input[key] = item.slice(colon + 2);
      } else if (key !== undefined && text.trim().length > 0) input[key] = `${String(input[key])}\n${text}`;
    } else if (section === 'result') {
      if (text.trim() !== '</details>') result.push(line);
    }
  }
  if (Object.keys(input).length === 0) input.text = joined(body).trim();
  return { input, output: outputOf(result) };
}

/** The `**Input:**` pairs (`- key: \`value\``, or `- key:` and a fence) and the `**Result:**`/`**Error:**` fence of the CLI's generic rendering. */
function genericReading(body: readonly BlockLine[]): ToolBlockReading | undefined {
  const input: Record<string, unknown> = {};
  let section: 'none' | 'input' | 'result' | 'error' = 'none';
  let pendingKey: string | undefined;
  const tracker = new FenceTracker();
  let fenceLines: BlockLine[] | undefined;
  let output: ToolBlockReading['output'];
  let found = false;
  for (const line of body) {
    const kind = tracker.step(line.text);
    if (kind === 'open') {
      fenceLines = [];
      continue;
    }
    if (kind === 'content') {
      fenceLines?.push(line);
      continue;
    }
    if (kind === 'close') {
      const lines = fenceLines ?? [];
      if (section === 'input' && pendingKey !== undefined) input[pendingKey] = joined(lines);
      else if (section === 'result' || section === 'error') output = outputOf(lines, section === 'error', true) ?? { text: '', line: line.line, isError: section === 'error', hasErrorFlag: true };
      pendingKey = undefined;
      fenceLines = undefined;
      continue;
    }
    const text = line.text.trim();
    if (text === '**Input:**') {
      section = 'input';
      found = true;
    } else if (text === '**Result:**' || text === '**Error:**') {
      section = text === '**Error:**' ? 'error' : 'result';
      found = true;
    } else if (section === 'input' && text.startsWith('- ')) {
      const colon = text.indexOf(':');
      if (colon > 2) {
        const key = text.slice(2, colon);
        const value = text.slice(colon + 1).trim();
        if (value.length === 0) pendingKey = key;
        else input[key] = value.startsWith('`') && value.endsWith('`') && value.length >= 2 ? value.slice(1, -1) : value;
      }
    }
  }
  return found ? { input, output } : undefined;
}

/** Cursor tool names whose block shows the search's results after its summary. */
const SUMMARY_SEARCHES: readonly { prefix: string; key: string }[] = [
  { prefix: 'Searched codebase', key: 'query' },
  { prefix: 'Searched web', key: 'query' },
  { prefix: 'Listed directory', key: 'path' },
];

/** Reads a tool block into a call input and, where shown, an output. */
export function readToolBlock(block: ToolBlock): ToolBlockReading {
  const name = block.name.toLowerCase();
  // MCP calls are the longest blocks (the tool's whole description): read in one pass, without splitting fences.
  if (block.type === undefined && name.startsWith('mcp_')) return mcpReading(block.body);
  const { fences, plain } = splitBody(block.body);
  const summary = summaryOf(plain);
  if (block.type !== undefined) {
    const generic = genericReading(block.body);
    if (generic) return generic;
    const input: Record<string, unknown> = {};
    if (summary) input.summary = summary.text;
    const outputLines = contentLines(plain).filter((line) => line.line !== summary?.line);
    if (block.type === 'shell' && fences.length > 0) {
      input.command = joined(fences[0].lines);
      return { input, output: outputOf([...outputLines, ...fenceLines(fences, 1)]) };
    }
    return { input, output: outputOf([...outputLines, ...fenceLines(fences)]) };
  }
  if (name.startsWith('read_file')) {
    const read = plain.find((line) => line.text.startsWith('Read file: '));
    const input: Record<string, unknown> = {};
    if (read) input.file_path = read.text.slice('Read file: '.length).trim();
    const rest = contentLines(plain).filter((line) => line !== read && line.text.trim().length > 0);
    if (rest.length > 0 || fences.length > 0) input.text = [joined(rest), ...fences.map((fence) => joined(fence.lines))].join('\n').trim();
    return { input };
  }
  if (name.startsWith('run_terminal_cmd') || name.startsWith('run_terminal_command')) {
    const input: Record<string, unknown> = {};
    if (fences.length > 0) input.command = joined(fences[0].lines);
    const notes = contentLines(plain).filter((line) => line.text.trim().length > 0);
    if (notes.length > 0) input.text = joined(notes);
    return { input, output: outputOf(fenceLines(fences, 1)) };
  }
  if (name === 'search_replace' || name === 'write' || name.startsWith('edit_file')) return editReading(name, summary?.text, fences, plain);
  if (name === 'grep' && summary) {
    const pattern = summary.text.startsWith('Grep for ') ? quoted(summary.text, 'Grep for'.length) : undefined;
    const path = pattern && summary.text.startsWith(' in ', pattern.end) ? quoted(summary.text, pattern.end) : undefined;
    const input: Record<string, unknown> = pattern ? { pattern: pattern.value } : { summary: summary.text };
    if (path) input.path = path.value;
    const rest = contentLines(plain).filter((line) => line.line !== summary.line);
    return { input, output: outputOf([...rest, ...fenceLines(fences)]) };
  }
  if (summary) {
    for (const search of SUMMARY_SEARCHES) {
      const subject = summarySubject(summary.text, search.prefix);
      if (subject === undefined) continue;
      const value = subject.startsWith('"') ? (quoted(subject)?.value ?? subject) : subject;
      const rest = contentLines(plain).filter((line) => line.line !== summary.line);
      return { input: { [search.key]: value, summary: summary.text }, output: outputOf([...rest, ...fenceLines(fences)]) };
    }
  }
  // Anything else (todo lists, lint reports, deletions, tools this reader does not know): the block's text is
  // the call's input, read by nobody as an output.
  const text = joined(block.body).trim();
  const input: Record<string, unknown> = {};
  if (summary) input.summary = summary.text;
  if (name === 'read_lints') {
    return { input: { ...input, paths: plain.filter((line) => line.text.startsWith('- `') && line.text.endsWith('`')).map((line) => line.text.slice(3, -1)) }, output: outputOf(contentLines(plain).filter((line) => line.line !== summary?.line)) };
  }
  if (text.length > 0) input.text = text;
  return { input };
}
