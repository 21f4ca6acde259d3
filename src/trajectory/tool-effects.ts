/**
 * Effects of a tool call, derived from the call alone (tool name and input): files read, written,
 * edited or deleted, and shell commands run. Knows the built-in tools of Claude Code, Codex, Gemini CLI,
 * OpenHands, SWE-agent and mini-swe-agent; other tools get effects from well-known argument names.
 */
import { codeFileEffects } from './code-file-effects.js';
import { patchEffects } from './patch-effects.js';
import { scriptKindOf, type ScriptRun, type WrittenScript } from './script-runs.js';
import { scriptChanges, shellCommandEffects } from './shell-effects.js';

export { patchEffects } from './patch-effects.js';

/** What kind of action a tool call is, coarsely. */
export type ToolAction = 'read' | 'search' | 'list' | 'edit' | 'write' | 'delete' | 'shell' | 'web' | 'plan' | 'delegate' | 'finish' | 'other';

/** One change to part of a file, where the call says what it replaces. */
export interface FileEdit {
  /** The file edited. */
  file: string;
  /** The text replaced, where known. */
  oldText?: string;
  /** The text put in its place, where known. */
  newText?: string;
}

/** One read of a file, with the line range where the call names one. */
export interface FileRead {
  /** The file read. */
  file: string;
  /** First line read (1-based), where the call limits the range. */
  startLine?: number;
  /** Last line read, where the call limits the range. */
  endLine?: number;
}

/** The effects of one tool call. */
export interface ToolEffects {
  /** Coarse kind of action. */
  action: ToolAction;
  /** Files read (whole or in part). */
  filesRead: string[];
  /** Files created or overwritten whole. */
  filesWritten: string[];
  /** Files changed in part. */
  filesEdited: string[];
  /** Files deleted (or moved away). */
  filesDeleted: string[];
  /** Shell command lines run. */
  commands: string[];
  /** Partial edits with their old and new text, where known. */
  edits: FileEdit[];
  /** Reads with their line ranges, where known. */
  reads: FileRead[];
  /** Files of `filesEdited` whose mode only changed (`chmod +x fix.sh`): their text is the same. Absent when none. */
  filesModeChanged?: string[];
  /** Scripts written whole with known text, and what running them changes (see `script-runs.ts`); absent when none. */
  scriptsWritten?: WrittenScript[];
  /** Scripts run without their text in the call; the engine adds what a script written earlier changes. Absent when none. */
  scriptsRun?: ScriptRun[];
}

/** Effects of a call about which nothing is known. */
export function emptyEffects(action: ToolAction = 'other'): ToolEffects {
  return { action, filesRead: [], filesWritten: [], filesEdited: [], filesDeleted: [], commands: [], edits: [], reads: [] };
}

type Input = Record<string, unknown>;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function number(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

function pathOf(input: Input): string | undefined {
  return inputPathOf(input);
}

/** The file a tool's input names (`file_path`, `path`, `filename`, …), whatever spelling the agent uses. */
export function inputPathOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const fields = input as Input;
  return text(fields.file_path) ?? text(fields.absolute_path) ?? text(fields.path) ?? text(fields.filePath) ?? text(fields.notebook_path) ?? text(fields.filename) ?? text(fields.file);
}

/** The files a code cell writes, edits or deletes, added to a tool-effects record. */
function addCodeFileEffects(effects: ToolEffects, code: string): void {
  const changed = codeFileEffects(code);
  effects.filesWritten.push(...changed.filesWritten);
  effects.filesEdited.push(...changed.filesEdited);
  effects.filesDeleted.push(...changed.filesDeleted);
}

/** Shell effects merged into a tool-effects record. */
function fromShell(commandLine: string): ToolEffects {
  const shell = shellCommandEffects(commandLine);
  const effects = emptyEffects('shell');
  effects.commands.push(commandLine);
  effects.filesRead.push(...shell.filesRead);
  effects.filesWritten.push(...shell.filesWritten);
  effects.filesEdited.push(...shell.filesEdited);
  // A restored file (`git checkout -- f`) changes in the work tree: it is edited, back to its committed text.
  for (const file of shell.filesRestored) if (!effects.filesEdited.includes(file)) effects.filesEdited.push(file);
  // A file whose mode changed (`chmod +x`) is edited too, but its text is not.
  const modeOnly = shell.filesModeChanged.filter((file) => !effects.filesEdited.includes(file));
  effects.filesEdited.push(...modeOnly);
  if (modeOnly.length > 0) effects.filesModeChanged = modeOnly;
  effects.filesDeleted.push(...shell.filesDeleted);
  for (const file of shell.filesRead) effects.reads.push({ file });
  if (shell.scriptsWritten.length > 0) effects.scriptsWritten = [...shell.scriptsWritten];
  if (shell.scriptsRun.length > 0) effects.scriptsRun = [...shell.scriptsRun];
  return effects;
}

/** Records a script written whole by a write tool (`Write`, `create`), with what running it changes. */
function addWrittenScript(effects: ToolEffects, file: string, content: unknown): void {
  const kind = scriptKindOf(file);
  if (kind === undefined || typeof content !== 'string') return;
  (effects.scriptsWritten ??= []).push({ file, kind, changes: scriptChanges(kind, content) });
}

/** The command line of a shell tool's input, whatever shape the agent uses. */
export function commandLineOf(input: unknown): string | undefined {
  if (typeof input === 'string') return input;
  if (input === null || typeof input !== 'object') return undefined;
  const record = input as Input;
  const command = record.command ?? record.cmd ?? record.commandLine ?? record.script ?? record.code;
  if (typeof command === 'string') return command;
  if (Array.isArray(command) && command.every((part) => typeof part === 'string')) {
    const parts = command as string[];
    // Codex runs ["bash", "-lc", "<script>"]: the script is the command line.
    if (parts.length >= 3 && /(?:^|\/)(?:ba|z)?sh$/.test(parts[0]) && /^-\w*c$/.test(parts[1])) return parts.slice(2).join(' ');
    return parts.map((part) => (/[\s'"]/.test(part) ? `'${part.replace(/'/g, "'\\''")}'` : part)).join(' ');
  }
  return undefined;
}

/** An editor-style tool (str_replace_editor, OpenHands edit): the `command` argument says what it does. */
function editorEffects(input: Input): ToolEffects {
  const file = pathOf(input);
  const command = text(input.command) ?? (text(input.old_str) ? 'str_replace' : text(input.file_text) ? 'create' : 'view');
  if (!file) return emptyEffects('other');
  if (command === 'view') {
    const effects = emptyEffects('read');
    const range = Array.isArray(input.view_range) ? (input.view_range as unknown[]) : undefined;
    effects.filesRead.push(file);
    effects.reads.push({ file, startLine: number(range?.[0]), endLine: number(range?.[1]) === -1 ? undefined : number(range?.[1]) });
    return effects;
  }
  if (command === 'create') {
    const effects = emptyEffects('write');
    effects.filesWritten.push(file);
    addWrittenScript(effects, file, input.file_text);
    return effects;
  }
  const effects = emptyEffects('edit');
  effects.filesEdited.push(file);
  if (command === 'str_replace' || command === 'insert') {
    effects.edits.push({ file, oldText: text(input.old_str) ?? '', newText: text(input.new_str) ?? '' });
  } else if (command === 'undo_edit') {
    effects.edits.push({ file });
  }
  return effects;
}

function readEffects(file: string | undefined, startLine?: number, lineCount?: number): ToolEffects {
  const effects = emptyEffects('read');
  if (file) {
    effects.filesRead.push(file);
    effects.reads.push({ file, startLine, endLine: startLine !== undefined && lineCount !== undefined ? startLine + lineCount - 1 : undefined });
  }
  return effects;
}

/** Tool names (lower case) that run a shell command. */
const SHELL_TOOLS = new Set(['bash', 'shell', 'exec_command', 'local_shell', 'local_shell_call', 'run_shell_command', 'execute_bash', 'run', 'execute_command', 'terminal', 'cmd', 'container.exec', 'bashoutput', 'run_terminal_cmd', 'python', 'run_ipython', 'execute_ipython_cell']);

/** Derives the effects of a tool call from its name and input. */
export function deriveToolEffects(tool: string, input: unknown): ToolEffects {
  const name = tool.toLowerCase();
  const record: Input = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Input) : {};
  switch (name) {
    case 'read':
    case 'read_file':
    case 'view_file':
    case 'open':
    case 'open_file':
    case 'goto': // SWE-agent's windowed editor: moving the window reads the open file (its reader passes it as `path`).
    case 'scroll_up':
    case 'scroll_down':
    case 'view_image': {
      const offset = number(record.offset) ?? number(record.line_number) ?? number(record.start_line);
      const limit = number(record.limit) ?? number(record.line_count);
      return readEffects(pathOf(record) ?? (typeof input === 'string' ? input : undefined), offset, limit);
    }
    case 'read_many_files': {
      const effects = emptyEffects('read');
      const paths = Array.isArray(record.paths) ? record.paths.filter((path): path is string => typeof path === 'string') : [];
      for (const file of paths) {
        effects.filesRead.push(file);
        effects.reads.push({ file });
      }
      return effects;
    }
    case 'write':
    case 'write_file':
    case 'create_file':
    case 'create': {
      const effects = emptyEffects('write');
      const file = pathOf(record);
      if (file) effects.filesWritten.push(file);
      if (file) addWrittenScript(effects, file, record.content ?? record.file_text);
      return effects;
    }
    case 'edit':
    case 'insert':
    case 'replace':
    case 'edit_file':
    case 'search_replace':
    case 'str_replace':
    case 'str_replace_editor':
    case 'str_replace_based_edit_tool':
    case 'text_editor':
    case 'notebookedit':
    case 'multiedit': {
      if (name === 'str_replace_editor' || name === 'str_replace_based_edit_tool' || name === 'text_editor' || (name === 'edit' && text(record.command))) {
        return editorEffects(record);
      }
      const file = pathOf(record);
      const effects = emptyEffects('edit');
      if (!file) return effects;
      effects.filesEdited.push(file);
      if (Array.isArray(record.edits)) {
        for (const edit of record.edits as Input[]) effects.edits.push({ file, oldText: text(edit?.old_string) ?? '', newText: text(edit?.new_string) ?? '' });
      } else if (record.old_string !== undefined || record.new_string !== undefined || record.old_str !== undefined) {
        effects.edits.push({ file, oldText: text(record.old_string) ?? text(record.old_str) ?? '', newText: text(record.new_string) ?? text(record.new_str) ?? '' });
      } else if (text(record.new_source) !== undefined || text(record.content) !== undefined) {
        effects.edits.push({ file, newText: text(record.new_source) ?? text(record.content) });
      }
      return effects;
    }
    case 'apply_patch':
    case 'patch': {
      const patch = typeof input === 'string' ? input : (text(record.input) ?? text(record.patch) ?? commandLineOf(record) ?? '');
      const effects = patchEffects(patch);
      // A file the patch adds (`*** Add File: fix.py`) is written whole: its text is the hunks' new lines.
      for (const file of effects.filesWritten) {
        const hunks = effects.edits.filter((edit) => edit.file === file);
        if (hunks.length > 0 && hunks.every((edit) => !edit.oldText)) addWrittenScript(effects, file, hunks.map((edit) => edit.newText ?? '').join('\n'));
      }
      return effects;
    }
    case 'delete_file':
    case 'remove_file': {
      const effects = emptyEffects('delete');
      const file = pathOf(record);
      if (file) effects.filesDeleted.push(file);
      return effects;
    }
    case 'glob':
    case 'grep':
    case 'grep_files': // Codex
    case 'search_file_content':
    case 'search_dir':
    case 'search_file':
    case 'find_file':
    case 'codebase_search':
    case 'file_search':
    case 'glob_file_search': // Cursor, as SpecStory exports it
      return emptyEffects('search');
    case 'ls':
    case 'list_directory':
    case 'list_dir':
      return emptyEffects('list');
    case 'webfetch':
    case 'websearch':
    case 'web_fetch':
    case 'web_search':
    case 'google_web_search':
    case 'browse':
    case 'browse_interactive':
      return emptyEffects('web');
    case 'todowrite':
    case 'update_plan':
    case 'write_todos':
    case 'todo_write': // Cursor, as SpecStory exports it
    case 'think':
      return emptyEffects('plan');
    case 'task':
    case 'agent':
    case 'delegate':
      return emptyEffects('delegate');
    case 'finish':
    case 'submit':
    case 'final_answer':
    case 'exitplanmode':
      return emptyEffects('finish');
    case 'python_interpreter': {
      // smolagents' code action: the code itself is no shell line, but the files it writes are changes.
      const effects = emptyEffects('other');
      if (typeof record.code === 'string') addCodeFileEffects(effects, record.code);
      return effects;
    }
    default:
      break;
  }
  if (SHELL_TOOLS.has(name)) {
    const commandLine = commandLineOf(input);
    if (commandLine !== undefined) {
      if (name === 'python' || name === 'run_ipython' || name === 'execute_ipython_cell') {
        const effects = emptyEffects('shell');
        effects.commands.push(commandLine);
        addCodeFileEffects(effects, commandLine);
        return effects;
      }
      return fromShell(commandLine);
    }
    return emptyEffects('shell');
  }
  // Unknown tools: a command argument means a shell-like tool; a file argument means a read by default.
  const commandLine = typeof record.command === 'string' || Array.isArray(record.command) ? commandLineOf(record) : undefined;
  if (commandLine !== undefined && /\s/.test(commandLine)) return fromShell(commandLine);
  return emptyEffects('other');
}
