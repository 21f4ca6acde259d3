/**
 * SWE-agent actions as tool calls. Without function calling an action is one command string: a
 * SWE-agent tool (`open`, `edit 4:4\n…\nend_of_edit`, `find_file`, `submit`, …) or a plain shell
 * command. This file names the tool, builds an input that tool-effects.ts understands, and tells
 * failed observations apart (SWE-agent logs no exit codes: errors are plain text).
 */

/** SWE-agent's own commands (default, windowed editor, search, submit, CTF and cursor tools). */
export const SWE_AGENT_COMMANDS = new Set([
  'open',
  'goto',
  'scroll_up',
  'scroll_down',
  'create',
  'edit',
  'insert',
  'append',
  'search_dir',
  'search_file',
  'find_file',
  'filemap',
  'submit',
  'str_replace_editor',
  'set_cursors',
  'exit_forfeit',
  'decompile',
  'disassemble',
  'debug_start',
  'debug_add_breakpoint',
  'debug_continue',
  'debug_step',
  'debug_exec',
  'debug_stop',
  'connect_start',
  'connect_sendline',
  'connect_exec',
  'connect_stop',
]);

/** Commands that act on the file open in SWE-agent's editor window rather than on a named file. */
export const OPEN_FILE_COMMANDS = new Set(['edit', 'insert', 'append', 'goto', 'scroll_up', 'scroll_down']);

/** Observation text that means the action failed. */
const ERROR_PATTERNS = [
  /command not found/,
  /Your proposed edit has introduced new syntax error\(s\)/,
  /No such file or directory/,
  /^Usage: /m,
  /exit_format/,
  /^Error: /m,
  /^File .+ not found$/m,
  /^No replacement was performed/m,
  /^Invalid `path` parameter/m,
];
/** A Python traceback, an error only when the action ran Python. */
const TRACEBACK = /Traceback \(most recent call last\)/;
/** An action that runs Python. */
const RUNS_PYTHON = /(?:^|[\s;&|(])(?:python3?|pytest)(?:\s|$)/;
/** The footer SWE-agent appends to observations: the file open in its editor. */
const OPEN_FILE_FOOTER = /\(Open file: ([^()\n]+)\)/g;
/** The first line of the windowed editor's edit command: `edit START:END` (the new lines and `end_of_edit` follow). */
const EDIT_COMMAND_HEADER = /^edit\s+(\d+):(\d+)[ \t\r]*\n/;
/** The line that ends the new lines of an edit command. */
const END_OF_EDIT = 'end_of_edit';

/** A tool call read from a SWE-agent action. */
export interface SweAgentToolCall {
  /** The SWE-agent command, or `bash` for a shell command. */
  tool: string;
  /** The call's input. */
  input: Record<string, unknown>;
}

/** Splits a command line into words, honouring single and double quotes. */
function words(line: string): string[] {
  const result: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(line))) result.push(match[1] ?? match[2] ?? match[3]);
  return result;
}

/**
 * The parts of an `edit START:END` command: the lines between its first line and the final `end_of_edit`
 * (blank lines right after the first line are skipped). Read without a pattern spanning the body, which
 * matched in quadratic time on long runs of line breaks.
 */
export function editCommandOf(command: string): { startLine: number; endLine: number; replacementText: string } | undefined {
  const header = EDIT_COMMAND_HEADER.exec(command);
  if (!header) return undefined;
  let bodyStart = header[0].length;
  while (command[bodyStart] === '\n' || command[bodyStart] === ' ' || command[bodyStart] === '\t' || command[bodyStart] === '\r') {
    const nextBreak = command.indexOf('\n', bodyStart);
    if (nextBreak === -1 || command.slice(bodyStart, nextBreak).trim() !== '') break;
    bodyStart = nextBreak + 1;
  }
  const body = command.slice(bodyStart).trimEnd();
  if (!body.endsWith(END_OF_EDIT)) return undefined;
  const replacement = body.slice(0, body.length - END_OF_EDIT.length);
  return { startLine: Number(header[1]), endLine: Number(header[2]), replacementText: replacement.endsWith('\n') ? replacement.slice(0, -1) : replacement };
}

/** Reads a command-string action (no function calling) as a tool call. */
export function commandToolCall(action: string, openFile: string | undefined): SweAgentToolCall {
  const command = action.trim();
  const firstLine = command.split('\n', 1)[0];
  const [name, ...rest] = words(firstLine);
  if (!name || !SWE_AGENT_COMMANDS.has(name)) return { tool: 'bash', input: { command } };
  const input: Record<string, unknown> = { command };
  switch (name) {
    case 'open':
    case 'create':
      if (rest[0]) input.path = rest[0];
      if (name === 'open' && rest[1] && /^\d+$/.test(rest[1])) input.line_number = Number(rest[1]);
      break;
    case 'edit': {
      const edit = editCommandOf(command);
      if (edit) {
        input.start_line = edit.startLine;
        input.end_line = edit.endLine;
        input.replacement_text = edit.replacementText;
      }
      break;
    }
    case 'goto':
      if (rest[0] && /^\d+$/.test(rest[0])) input.line_number = Number(rest[0]);
      break;
    case 'str_replace_editor': {
      // The editor tool's own `command` argument is its sub-command; the full action is kept as `action`.
      const editorInput: Record<string, unknown> = { command: rest[0] ?? '', action: command };
      if (rest[1]) editorInput.path = rest[1];
      const range = /--view_range\s+(?:\[\s*)?(-?\d+)[\s,]+(-?\d+)/.exec(firstLine);
      if (range) editorInput.view_range = [Number(range[1]), Number(range[2])];
      return { tool: name, input: editorInput };
    }
    default:
      break;
  }
  return { tool: name, input: withOpenFile(name, input, openFile) };
}

/** Adds the open file as `path` to the input of a command that acts on it, when the input names no file. */
export function withOpenFile(tool: string, input: Record<string, unknown>, openFile: string | undefined): Record<string, unknown> {
  if (!openFile || !OPEN_FILE_COMMANDS.has(tool) || input.path !== undefined || input.filename !== undefined) return input;
  return { ...input, path: openFile };
}

/** The file open in the editor after an observation, from its footer; null when none is open, undefined when not said. */
export function openFileAfter(observation: string): string | null | undefined {
  let last: string | undefined;
  for (const match of observation.matchAll(OPEN_FILE_FOOTER)) last = match[1].trim();
  if (last === undefined) return undefined;
  return last === 'n/a' ? null : last;
}

/** True when an observation says the action failed. */
export function isErrorObservation(observation: string, action: string): boolean {
  if (ERROR_PATTERNS.some((pattern) => pattern.test(observation))) return true;
  return TRACEBACK.test(observation) && RUNS_PYTHON.test(action);
}
