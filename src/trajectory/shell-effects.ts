/**
 * Effects of a shell command line, derived from its text alone: which files it reads, writes, edits or
 * deletes. Best effort and conservative: an argument is only taken for a file when the command is known
 * to treat it as one.
 */
import { addUnique, looksLikePath, NOT_FILES, PYTHON_PROGRAM } from './effect-lists.js';
import { patchEffects } from './patch-effects.js';
import { normalizePath, pathInFolder } from './paths.js';
import { javascriptFileEffects, javascriptScriptEffects } from './javascript-file-effects.js';
import { pythonFileEffects, pythonScriptEffects } from './python-file-effects.js';
import {
  boundedScriptChanges,
  JAVASCRIPT_INLINE_CODE_OPTIONS,
  JAVASCRIPT_RUNTIMES,
  javascriptScriptOperand,
  MAXIMUM_SCRIPT_TEXT,
  pythonScriptOperand,
  scriptKindOf,
  shellScriptOperand,
  type ScriptChanges,
  type ScriptKind,
  type ScriptRun,
  type WrittenScript,
} from './script-runs.js';
import { formatterEffects, formatterRun, isCheckOnlyFormatterRun, runnerCommand } from './shell-formatters.js';
import { FILE_LIST_FILTERS, FOUND_FILE, findExpression, listedFilePatterns, looksLikeGlob, xargsCommand } from './shell-file-lists.js';

/** Files a shell command touches, by kind of access. */
export interface ShellCommandEffects {
  filesRead: string[];
  filesWritten: string[];
  filesEdited: string[];
  filesDeleted: string[];
  /**
   * Files put back to their committed version (`git checkout -- f`, `git restore f`): they change, but to a
   * state the project already had. Tool effects count them as edited; a rule against changing a file is not
   * broken by restoring it.
   */
  filesRestored: string[];
  /** Files whose mode the line changes (`chmod +x fix.sh`), not their text. Tool effects count them as edited. */
  filesModeChanged: string[];
  /**
   * Files the line changes without naming them: globs over paths (`tests/**\/*.py`, `**\/setup.cfg`,
   * `tests/test_*.py`) from `find … -exec sed -i`, `find … -delete`, `grep -rl w tests | xargs sed -i`, or a
   * shell glob given to `rm` or `sed -i`. Each may match several files, or none.
   */
  changedFilePatterns: string[];
  /** The simple commands the line runs, each as its words joined by single spaces (heredoc bodies removed). */
  simpleCommands: string[];
  /** Scripts the line writes whole from a heredoc (`cat > fix.py <<'EOF'`), with what running them changes. */
  scriptsWritten: WrittenScript[];
  /**
   * Scripts the line runs or applies whose text it does not hold (`python fix.py`, `bash update.sh`,
   * `git apply fix.patch`): a script written earlier in the session changes what its text says (see `script-runs.ts`).
   */
  scriptsRun: ScriptRun[];
}

/** Commands whose non-option arguments are files they read. */
const READING_COMMANDS = new Set(['cat', 'head', 'tail', 'less', 'more', 'nl', 'wc', 'bat', 'view', 'stat', 'file', 'xxd', 'od', 'tac']);
/** Commands whose last non-option arguments are files they search (the first is the pattern). */
const SEARCHING_COMMANDS = new Set(['grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack']);
/** Words that precede the real command and should be skipped. */
const PREFIX_WORDS = new Set(['sudo', 'time', 'nohup', 'exec', 'command', 'builtin', 'env', 'timeout', 'nice']);
/** Options of those words that take the next word as their value (`sudo -u app`, `timeout -s KILL 60`). */
const PREFIX_OPTIONS_WITH_VALUE = new Map<string, Set<string>>([
  ['sudo', new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '--user', '--group'])],
  ['timeout', new Set(['-s', '--signal', '-k', '--kill-after'])],
  ['nice', new Set(['-n', '--adjustment'])],
  ['env', new Set(['-u', '--unset'])],
]);

/** What the common backslash escapes of ANSI-C quoting stand for. */
const ANSI_C_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\u0007', b: '\b', e: '\u001b', E: '\u001b', f: '\f', v: '\v' };

/**
 * The text of an ANSI-C quoted string whose body starts at `start` (after `$'`), its escapes decoded (`\n`, `\t`,
 * `\'`, `\xHH`; another escape is kept as written), and the position after its closing quote.
 */
function ansiCQuoted(text: string, start: number): [string, number] {
  const parts: string[] = [];
  let position = start;
  let copiedFrom = start;
  while (position < text.length && text[position] !== "'") {
    if (text[position] !== '\\' || position + 1 >= text.length) {
      position++;
      continue;
    }
    parts.push(text.slice(copiedFrom, position));
    const escape = text[position + 1];
    const hex = escape === 'x' ? /^[0-9a-f]{1,2}/i.exec(text.slice(position + 2, position + 4)) : null;
    if (hex !== null) {
      parts.push(String.fromCharCode(Number.parseInt(hex[0], 16)));
      position += 2 + hex[0].length;
    } else {
      parts.push(ANSI_C_ESCAPES[escape] ?? `\\${escape}`);
      position += 2;
    }
    copiedFrom = position;
  }
  parts.push(text.slice(copiedFrom, position));
  return [parts.join(''), Math.min(position + 1, text.length)];
}

/** The body of a heredoc and the index of the first token after its `<<WORD` (the command it feeds). */
export interface HeredocBody {
  tokenIndex: number;
  body: string;
}

/** Where a subshell `( … )` opens or closes: the index of the `;` token that stands for its bracket. */
export interface GroupMark {
  tokenIndex: number;
  opens: boolean;
}

/** How {@link tokenizeShell} reads a line beyond splitting it. */
export interface TokenizeOptions {
  /** Receives where each subshell bracket (`(`, `)`) is; each becomes a `;` token. */
  groups?: GroupMark[];
  /** Expands an unquoted word's braces as the shell does (`tests/{a,b}.py`, `setup.cfg{,.orig}`): see {@link expandBraces}. */
  expandBraces?: boolean;
}

/**
 * Splits a command line into words and operators, honouring quotes; heredoc bodies are dropped from the
 * tokens and, when `heredocBodies` is given, collected there. A bracket of a subshell (`(`, `)`) becomes a `;`
 * token.
 */
export function tokenizeShell(commandLine: string, heredocBodies?: HeredocBody[], options: TokenizeOptions = {}): string[] {
  const { groups } = options;
  const tokens: string[] = [];
  const heredocTerminators: Array<{ terminator: string; tokenIndex: number }> = [];
  let current = '';
  let hasCurrent = false;
  // True once part of the word was quoted or escaped (its braces are then left as they are).
  let quoted = false;
  let braceWordsLeft = MAXIMUM_BRACE_WORDS_PER_LINE;
  let position = 0;
  const text = commandLine;
  const push = () => {
    if (hasCurrent && options.expandBraces && !quoted && current.includes('{') && braceWordsLeft > 0) {
      braceWordsLeft--;
      for (const word of expandBraces(current)) tokens.push(word);
    } else if (hasCurrent) {
      // A quoted or escaped word that spells an operator (`\;` ending `find -exec`, `'|'`) is a word: marked with a backslash.
      tokens.push(OPERATORS.has(current) || current === '>' || current === '>>' || current === '<' ? `\\${current}` : current);
    }
    current = '';
    hasCurrent = false;
    quoted = false;
  };
  while (position < text.length) {
    const character = text[position];
    if (character === '\n') {
      push();
      tokens.push(';');
      position++;
      // Skip heredoc bodies that start after this line break.
      while (heredocTerminators.length > 0) {
        const { terminator, tokenIndex } = heredocTerminators.shift() as { terminator: string; tokenIndex: number };
        const bodyStart = position;
        let bodyEnd: number;
        let lineStart = position;
        for (;;) {
          const lineEnd = text.indexOf('\n', lineStart);
          const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
          const ended = line.trim() === terminator;
          bodyEnd = ended ? lineStart : lineEnd === -1 ? text.length : lineEnd;
          lineStart = lineEnd === -1 ? text.length : lineEnd + 1;
          if (ended || lineEnd === -1) break;
        }
        heredocBodies?.push({ tokenIndex, body: text.slice(bodyStart, bodyEnd) });
        position = lineStart;
      }
      continue;
    }
    if (character === ' ' || character === '\t' || character === '\r') {
      push();
      position++;
      continue;
    }
    if (character === '$' && text[position + 1] === "'") {
      // ANSI-C quoting (`$'line one\nline two'`): backslash escapes are decoded.
      const [decoded, end] = ansiCQuoted(text, position + 2);
      current += decoded;
      hasCurrent = true;
      quoted = true;
      position = end;
      continue;
    }
    if (character === '$' && text[position + 1] === '"') {
      // A locale-translated string (`$"…"`) reads as a double-quoted one.
      position++;
      continue;
    }
    if (character === "'") {
      const end = text.indexOf("'", position + 1);
      current += text.slice(position + 1, end === -1 ? text.length : end);
      hasCurrent = true;
      quoted = true;
      position = end === -1 ? text.length : end + 1;
      continue;
    }
    if (character === '"') {
      let end = position + 1;
      while (end < text.length && text[end] !== '"') {
        if (text[end] === '\\') end++;
        end++;
      }
      current += text.slice(position + 1, end).replace(/\\(["\\$`])/g, '$1');
      hasCurrent = true;
      quoted = true;
      position = end + 1;
      continue;
    }
    if (character === '\\' && position + 1 < text.length) {
      if (text[position + 1] !== '\n') {
        current += text[position + 1];
        hasCurrent = true;
        quoted = true;
      }
      position += 2;
      continue;
    }
    if (character === '#' && !hasCurrent) {
      const end = text.indexOf('\n', position);
      position = end === -1 ? text.length : end;
      continue;
    }
    if (character === '&' || character === '|' || character === ';' || character === '(' || character === ')') {
      push();
      const pair = text.slice(position, position + 2);
      if (pair === '&&' || pair === '||' || pair === ';;') {
        tokens.push(pair);
        position += 2;
      } else if (pair === '&>') {
        tokens.push('>');
        position += 2;
      } else {
        if (character === '(' || character === ')') groups?.push({ tokenIndex: tokens.length, opens: character === '(' });
        tokens.push(character === '&' ? ';' : character === '(' || character === ')' ? ';' : character);
        position++;
      }
      continue;
    }
    if (character === '>' || character === '<') {
      // A descriptor number right before a redirect belongs to it (2>, 1>>).
      if (hasCurrent && /^\d+$/.test(current)) {
        current = '';
        hasCurrent = false;
      }
      push();
      if (text.startsWith('<<', position)) {
        let cursor = position + 2;
        if (text[cursor] === '-') cursor++;
        while (text[cursor] === ' ') cursor++;
        const match = /^(['"]?)([\w.-]+)\1/.exec(text.slice(cursor));
        if (match) {
          heredocTerminators.push({ terminator: match[2], tokenIndex: tokens.length });
          position = cursor + match[0].length;
        } else {
          position = cursor;
        }
        continue;
      }
      if (text.startsWith('>>', position)) {
        tokens.push('>>');
        position += 2;
      } else if (text.startsWith('>|', position)) {
        // `>|` writes even when the shell's noclobber option is set.
        tokens.push('>');
        position += 2;
      } else if (text.startsWith('>&', position) || text.startsWith('<&', position)) {
        position += 2;
        while (position < text.length && /[0-9-]/.test(text[position])) position++;
        continue;
      } else {
        tokens.push(character);
        position++;
      }
      continue;
    }
    current += character;
    hasCurrent = true;
    position++;
  }
  push();
  return tokens;
}

const OPERATORS = new Set([';', '&&', '||', '|', ';;']);

/** Most words one brace expansion gives; a word that would give more is left as it is. */
const MAXIMUM_BRACE_WORDS = 64;
/** Longest word whose braces are expanded (a longer one is no path a command names). */
const MAXIMUM_BRACE_WORD_CHARACTERS = 256;
/** Most words of one line whose braces are expanded (the later ones stay as they are). */
const MAXIMUM_BRACE_WORDS_PER_LINE = 8;

/**
 * The words an unquoted word's braces expand to, as the shell does: `tests/{test_a,test_b}.py` is two files,
 * `setup.cfg{,.orig}` is `setup.cfg` and `setup.cfg.orig`, groups nest and combine. A group without a comma
 * (`{}`, `{1..3}`), `${NAME}`, a word longer than {@link MAXIMUM_BRACE_WORD_CHARACTERS} and one that would give
 * more than {@link MAXIMUM_BRACE_WORDS} words stay as they are.
 */
export function expandBraces(word: string): string[] {
  if (word.length > MAXIMUM_BRACE_WORD_CHARACTERS) return [word];
  let words = [word];
  for (;;) {
    const next: string[] = [];
    let expanded = false;
    for (const candidate of words) {
      const group = firstBraceGroup(candidate);
      if (group === undefined) {
        next.push(candidate);
        continue;
      }
      expanded = true;
      for (const alternative of group.alternatives) next.push(candidate.slice(0, group.start) + alternative + candidate.slice(group.end + 1));
    }
    if (next.length > MAXIMUM_BRACE_WORDS) return [word];
    if (!expanded) return next;
    words = next;
  }
}

/**
 * The first brace group with a comma at its top level — where it starts and ends, and its alternatives — in one
 * pass: each comma belongs to the innermost open brace, a group closes at its `}`, and the group that starts
 * first wins (an enclosing group with commas starts before the groups inside it). `${…}` is no group.
 */
function firstBraceGroup(word: string): { start: number; end: number; alternatives: string[] } | undefined {
  const open: Array<{ start: number; commas: number[]; parameter: boolean }> = [];
  let first: { start: number; end: number; commas: number[] } | undefined;
  for (let position = 0; position < word.length; position++) {
    const character = word[position];
    if (character === '{') {
      open.push({ start: position, commas: [], parameter: position > 0 && word[position - 1] === '$' });
    } else if (character === ',' && open.length > 0) {
      open[open.length - 1].commas.push(position);
    } else if (character === '}' && open.length > 0) {
      const group = open.pop() as { start: number; commas: number[]; parameter: boolean };
      if (!group.parameter && group.commas.length > 0 && (first === undefined || group.start < first.start)) first = { start: group.start, end: position, commas: group.commas };
    }
  }
  if (first === undefined) return undefined;
  const bounds = [first.start, ...first.commas, first.end];
  return { start: first.start, end: first.end, alternatives: bounds.slice(1).map((bound, index) => word.slice(bounds[index] + 1, bound)) };
}

/** One simple command: its words, redirect targets and the heredoc bodies fed to it. */
interface SimpleCommand {
  words: string[];
  writes: string[];
  appends: string[];
  reads: string[];
  heredocs: string[];
  /** True when a pipe feeds the command the output of the one before it. */
  afterPipe: boolean;
  /** The index of the command's first token. */
  startToken: number;
}

/** Splits tokens into simple commands (word lists) with their redirect targets and heredoc bodies. */
function simpleCommandsOf(tokens: string[], heredocBodies: HeredocBody[] = []): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let current: SimpleCommand = { words: [], writes: [], appends: [], reads: [], heredocs: [], afterPipe: false, startToken: 0 };
  let firstToken = 0;
  let nextBody = 0;
  const flush = (endToken: number) => {
    // A body belongs to the command its `<<WORD` appeared in: between the command's first token and the operator that ends it.
    while (nextBody < heredocBodies.length && heredocBodies[nextBody].tokenIndex <= endToken) {
      if (heredocBodies[nextBody].tokenIndex >= firstToken) current.heredocs.push(heredocBodies[nextBody].body);
      nextBody++;
    }
    if (current.words.length > 0 || current.writes.length > 0 || current.appends.length > 0) commands.push(current);
    current = { words: [], writes: [], appends: [], reads: [], heredocs: [], afterPipe: tokens[endToken] === '|', startToken: endToken + 1 };
    firstToken = endToken + 1;
  };
  for (let position = 0; position < tokens.length; position++) {
    const token = tokens[position];
    if (OPERATORS.has(token)) {
      flush(position);
    } else if (token === '>' || token === '>>' || token === '<') {
      const target = tokens[position + 1];
      if (target !== undefined && !OPERATORS.has(target)) {
        if (token === '<') current.reads.push(target);
        else if (token === '>>') current.appends.push(target);
        else current.writes.push(target);
        position++;
      }
    } else {
      current.words.push(token);
    }
  }
  flush(tokens.length);
  return commands;
}

function operands(words: string[]): string[] {
  const result: string[] = [];
  let afterDoubleDash = false;
  for (const word of words) {
    if (!afterDoubleDash && word === '--') {
      afterDoubleDash = true;
      continue;
    }
    if (!afterDoubleDash && word.startsWith('-')) continue;
    result.push(word);
  }
  return result;
}

/** Removes leading environment assignments and wrapper words (sudo, timeout 10, env X=1, …). */
function stripPrefixes(words: string[]): string[] {
  let start = 0;
  while (start < words.length) {
    const word = words[start];
    if (/^[A-Z_]\w*=/i.test(word)) {
      start++;
    } else if (PREFIX_WORDS.has(word)) {
      start++;
      const withValue = PREFIX_OPTIONS_WITH_VALUE.get(word);
      while (start < words.length && words[start].startsWith('-')) start += withValue?.has(words[start]) ? 2 : 1;
      if (word === 'timeout' && /^\d/.test(words[start] ?? '')) start++;
    } else {
      break;
    }
  }
  return words.slice(start);
}


/**
 * Files `git checkout` or `git restore` puts back in the work tree: the operands after `--` for checkout
 * (`git checkout -- f`, `git checkout HEAD -- f`), or every operand of restore unless it only touches the
 * index (`--staged` without `--worktree`). `git checkout name` without `--` may be a branch and is left out.
 */
function restoredFiles(subcommand: string, args: string[]): string[] {
  if (subcommand === 'checkout') {
    const separator = args.indexOf('--');
    return separator === -1 ? [] : args.slice(separator + 1).filter(looksLikePath);
  }
  const stagedOnly = args.some((word) => word === '--staged' || word === '-S') && !args.some((word) => word === '--worktree' || word === '-W');
  if (stagedOnly) return [];
  const files: string[] = [];
  for (let position = 0; position < args.length; position++) {
    const word = args[position];
    if (word === '-s' || word === '--source') {
      position++;
      continue;
    }
    if (word.startsWith('-') && word !== '--') continue;
    if (word !== '--' && looksLikePath(word)) files.push(word);
  }
  return files;
}

/** Most command lines whose effects are remembered (readers, the engine and detectors ask about the same lines). */
const MAXIMUM_REMEMBERED_COMMANDS = 512;
const rememberedEffects = new Map<string, ShellCommandEffects>();

/**
 * Derives the file effects of a shell command line. Results are remembered for recent lines (the returned
 * object is shared: treat it as read-only).
 */
export function shellCommandEffects(commandLine: string): ShellCommandEffects {
  const remembered = rememberedEffects.get(commandLine);
  if (remembered) return remembered;
  const effects = computeShellCommandEffects(commandLine);
  if (rememberedEffects.size >= MAXIMUM_REMEMBERED_COMMANDS) rememberedEffects.delete(rememberedEffects.keys().next().value as string);
  rememberedEffects.set(commandLine, effects);
  return effects;
}

/** What a command line's later commands may need from its earlier ones: heredoc bodies written to files, by file. */
interface LineContext {
  writtenBodies: Map<string, string>;
  /** How deep in shells run by shells (`bash -c`, `bash script.sh`) the line is. */
  depth: number;
  /** The effects of the line so far (paths in the folder each command ran in). */
  effects: ShellCommandEffects;
  /** The folder the command being read runs in, relative to where the line started ('' there; undefined when unknown). */
  directory: string | undefined;
  /** Scripts the line has written or run so far (at most {@link MAXIMUM_SCRIPTS_PER_LINE} each are read). */
  scriptsWritten: number;
  scriptsRun: number;
  /** Characters of script text the line, with the scripts it runs, may still read as shell (shared by every depth). */
  budget: ScriptBudget;
  /** The file the command before a pipe prints whole (`cat fix.sh | bash`): the standard input of the command after it. */
  pipedFile: string | undefined;
}

/** What is left of the characters of shell script text one command line may read, however deep. */
interface ScriptBudget {
  characters: number;
}

/** Entries of a list of changed files compared in their normal form when looking for a script (the rest only as written). */
const MAXIMUM_UNUSUAL_PATHS_COMPARED = 256;
/** Most scripts a line writes, and most it runs, that are read: a hostile line of thousands costs no more. */
const MAXIMUM_SCRIPTS_PER_LINE = 32;
/** Most characters of shell script text read for one command line, the scripts it runs included (each script is read once a run). */
const MAXIMUM_SCRIPT_PARSE_CHARACTERS = 64_000;

/** The word a found file stands for while the command `find -exec` or `xargs` runs is read (never a real path). */
const FOUND_FILE_STAND_IN = '\u0000found-file';

/** Most shells nested through `bash -c '…'` that are read into (a deeper one counts as an unknown program). */
const MAXIMUM_NESTED_SHELLS = 3;
/** Longest folder `cd` is followed into (a longer one is not followed: every path after it would be prefixed with it). */
const MAXIMUM_FOLDER_CHARACTERS = 256;
/** A `cd` target that is a new temporary folder: `$(mktemp -d)`, `` `mktemp -d` ``, `$TMPDIR`, `${TMPDIR:-/tmp}`. */
const TEMPORARY_FOLDER_WORD = /^(?:\$\(mktemp\b[^)]{0,100}\)|`mktemp\b[^`]{0,100}`|\$\{?TMPDIR\b)/;
/** The tokenizer's options for a line without brackets (one object, not one a line). */
const BRACE_EXPANSION: TokenizeOptions = { expandBraces: true };
/** Shells whose `-c` argument is itself a command line. */
const SHELL_PROGRAMS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh']);

function emptyEffects(): ShellCommandEffects {
  return { filesRead: [], filesWritten: [], filesEdited: [], filesDeleted: [], filesRestored: [], filesModeChanged: [], changedFilePatterns: [], simpleCommands: [], scriptsWritten: [], scriptsRun: [] };
}

/**
 * What running a script changes, from its text (its first {@link MAXIMUM_SCRIPT_TEXT} characters): the files
 * Python code writes, a shell script's commands change, or a patch changes. Paths are as the text names them. A
 * file a shell script only puts back to its committed text (`git checkout -- f`) is no change a rule forbids, and
 * is left out, as are the globs its commands change.
 */
export function scriptChanges(kind: ScriptKind, text: string, depth = 0, budget: ScriptBudget = { characters: MAXIMUM_SCRIPT_PARSE_CHARACTERS }): ScriptChanges {
  const head = text.length > MAXIMUM_SCRIPT_TEXT ? text.slice(0, MAXIMUM_SCRIPT_TEXT) : text;
  if (kind === 'python') return boundedScriptChanges(pythonScriptEffects(head));
  if (kind === 'javascript') return boundedScriptChanges(javascriptScriptEffects(head));
  if (kind === 'patch') return boundedScriptChanges(patchEffects(head));
  const shell = parseScript(head, depth, budget);
  if (shell === undefined) return { filesWritten: [], filesEdited: [], filesDeleted: [] };
  return boundedScriptChanges({ filesWritten: shell.filesWritten, filesEdited: shell.filesEdited, filesDeleted: shell.filesDeleted });
}

/**
 * The effects of a shell script's text, read as a command line one shell deeper; undefined when too deep or when
 * the line's budget of script text is spent.
 */
function parseScript(text: string, depth: number, budget: ScriptBudget): ShellCommandEffects | undefined {
  if (depth >= MAXIMUM_NESTED_SHELLS || text.length > budget.characters) return undefined;
  budget.characters -= text.length;
  return computeShellCommandEffects(text, depth + 1, budget);
}

/** Where a file named in the line is, for the heredoc bodies the line wrote: undefined once the folder is unknown. */
function bodyKey(file: string, line: LineContext): string | undefined {
  if (line.directory === undefined) return undefined;
  return normalizePath(line.directory === '' || file.startsWith('/') ? file : `${line.directory}/${file}`);
}

/**
 * Runs a nested line (`bash -c '…'`, a script the line wrote) may not resolve later: those of scripts the outer
 * line had already changed in another way (`printf … > fix.py && bash -c 'python fix.py'`).
 */
function withoutStaleRuns(inner: ShellCommandEffects, line: LineContext, effects: ShellCommandEffects): ShellCommandEffects {
  if (inner.scriptsRun.length === 0) return inner;
  const changed = (run: ScriptRun) => changedInLine(run.file, ['filesWritten', 'filesEdited', 'filesDeleted'], line, effects);
  return { ...inner, scriptsRun: inner.scriptsRun.filter((run) => !changed(run)) };
}

/** Remembers a heredoc body written to a file for the rest of the line, and a script's changes for later calls. */
function rememberBody(file: string, body: string, line: LineContext, effects: ShellCommandEffects): void {
  const key = bodyKey(file, line);
  if (key !== undefined) line.writtenBodies.set(key, body);
  const kind = scriptKindOf(file);
  if (kind === undefined || !looksLikePath(file) || ++line.scriptsWritten > MAXIMUM_SCRIPTS_PER_LINE) return;
  const written = effects.scriptsWritten.findIndex((script) => script.file === file);
  if (written !== -1) effects.scriptsWritten.splice(written, 1);
  effects.scriptsWritten.push({ file, kind, changes: scriptChanges(kind, body, line.depth, line.budget) });
}

/**
 * True when one of the lists holds the file, so far in the line: in the command's own effects (named as the
 * command names it) or in the line's (named in the folder the line is in).
 */
function changedInLine(file: string, lists: ReadonlyArray<'filesWritten' | 'filesEdited' | 'filesDeleted'>, line: LineContext, effects: ShellCommandEffects): boolean {
  const named = normalizePath(file);
  const inFolder = bodyKey(file, line) ?? named;
  // Found by the engine's own search (a list may hold thousands of files): as named, in its normal form, or `./`-prefixed;
  // then, among the first entries, one written another way (`./x/../fix.py`, `scripts//fix.py`).
  const name = named.slice(named.lastIndexOf('/') + 1);
  const holds = (list: readonly string[], path: string) => {
    if (list.includes(path) || list.includes(`./${path}`)) return true;
    for (let index = 0; index < list.length && index < MAXIMUM_UNUSUAL_PATHS_COMPARED; index++) if (list[index].endsWith(name) && normalizePath(list[index]) === path) return true;
    return false;
  };
  return lists.some((list) => holds(effects[list], named) || effects[list].includes(file) || (line.effects !== effects && holds(line.effects[list], inFolder)));
}

/** Adds the files some code or a patch writes, edits and deletes to the line's effects, each once. */
function addChanges(effects: ShellCommandEffects, changes: ScriptChanges): void {
  for (const file of changes.filesWritten) addUnique(effects.filesWritten, file);
  for (const file of changes.filesEdited) addUnique(effects.filesEdited, file);
  for (const file of changes.filesDeleted) addUnique(effects.filesDeleted, file);
}

/**
 * Adds what running a script changes: from its text when the line wrote it, else as a run for the engine to
 * resolve. A script the line changed in another way first (`printf … > fix.py`, `sed -i … fix.py`) runs text
 * nobody can read here: nothing is added.
 */
function addScriptRun(file: string, kind: ScriptKind, line: LineContext, effects: ShellCommandEffects): void {
  // After a `cd` that cannot be followed (`cd "$DIR"`), which file runs is unknown.
  const key = bodyKey(file, line);
  if (key === undefined || !looksLikePath(file) || ++line.scriptsRun > MAXIMUM_SCRIPTS_PER_LINE) return;
  const body = line.writtenBodies.get(key);
  if (changedInLine(file, ['filesEdited', 'filesDeleted'], line, effects)) return;
  if (body === undefined) {
    if (changedInLine(file, ['filesWritten'], line, effects)) return;
    if (!effects.scriptsRun.some((run) => run.file === file && run.kind === kind)) effects.scriptsRun.push({ file, kind, folder: '' });
    return;
  }
  if (kind === 'shell') {
    // A shell script written earlier in the line is read as lines of its own (restored files and globs included).
    const inner = parseScript(body.length > MAXIMUM_SCRIPT_TEXT ? body.slice(0, MAXIMUM_SCRIPT_TEXT) : body, line.depth, line.budget);
    if (inner !== undefined) addInFolder(effects, withoutStaleRuns(inner, line, effects), '');
    return;
  }
  const changes = scriptChanges(kind, body, line.depth, line.budget);
  addChanges(effects, changes);
}

function computeShellCommandEffects(commandLine: string, depth = 0, budget: ScriptBudget = { characters: MAXIMUM_SCRIPT_PARSE_CHARACTERS }): ShellCommandEffects {
  const effects = emptyEffects();
  const heredocBodies: HeredocBody[] = [];
  const groups: GroupMark[] = [];
  const tokens = tokenizeShell(commandLine, heredocBodies, commandLine.includes('(') ? { groups, expandBraces: true } : BRACE_EXPANSION);
  // Heredoc bodies written to a file earlier in the line (`cat > fix.patch <<'EOF'`), so `git apply fix.patch` resolves.
  const line: LineContext = { writtenBodies: new Map<string, string>(), depth, effects, directory: '', scriptsWritten: 0, scriptsRun: 0, budget, pipedFile: undefined };
  // Patterns of the file names the pipeline so far prints (`find tests -name '*.py' |`), for an `xargs` after it.
  let listedPatterns: string[] | undefined;
  // The folder `cd` has moved the line into, relative to where it started ('' there; undefined once a `cd` could
  // not be followed); a subshell's `cd` ends with it.
  let directory: string | undefined = '';
  const enclosingDirectories: Array<string | undefined> = [];
  let nextGroup = 0;
  for (const command of simpleCommandsOf(tokens, heredocBodies)) {
    for (; nextGroup < groups.length && groups[nextGroup].tokenIndex < command.startToken; nextGroup++) {
      if (groups[nextGroup].opens) enclosingDirectories.push(directory);
      else if (enclosingDirectories.length > 0) directory = enclosingDirectories.pop();
    }
    const own = directory === '' || directory === undefined ? effects : emptyEffects();
    line.directory = directory;
    listedPatterns = addSimpleCommandEffects(command, own, line, listedPatterns, depth);
    line.pipedFile = printedFile(command);
    if (own !== effects) addInFolder(effects, own, directory as string);
    directory = folderAfter(command.words, directory);
  }
  // A file written by `>` and then read in the same line is still a write; a file both read and written by
  // the same command line (e.g. `cat a > a`) is reported in both lists.
  return effects;
}

/**
 * The folder a line is in after one of its commands: `cd tests` and `pushd tests` move into it (relative to
 * where the line started), `cd /repo/tests` into that absolute folder (the session's working folder, once
 * known, makes its paths relative again). A move that cannot be followed from the text (`cd ..` above where the
 * line started, `cd "$REPO"`, `cd ~`, `cd -`, `popd`, a folder longer than any real one) is undefined: the paths
 * after it are kept as written — a persistent shell may well be back in the folder the session works in — and a
 * relative `cd` after it is not followed either, until one to an absolute folder.
 */
function folderAfter(rawWords: string[], directory: string | undefined): string | undefined {
  // Most commands are no move: they are passed over without building their word list again.
  if (!rawWords.includes('cd') && !rawWords.includes('pushd') && !rawWords.includes('popd')) return directory;
  const words = stripPrefixes(withoutGroupBraces(rawWords));
  if (words[0] !== 'cd' && words[0] !== 'pushd' && words[0] !== 'popd') return directory;
  const target = operands(words.slice(1));
  if (words[0] === 'popd' || target.length !== 1) return undefined;
  const folder = target[0];
  // A new temporary folder (`cd "$(mktemp -d)"`, `cd "$TMPDIR"`): its files are in /tmp, whatever its name.
  if (TEMPORARY_FOLDER_WORD.test(folder)) return '/tmp';
  if (!looksLikePath(folder) || folder.startsWith('~') || (directory === undefined && !folder.startsWith('/'))) return undefined;
  const joined = normalizePath(directory === '' || folder.startsWith('/') ? folder : `${directory}/${folder}`);
  if (joined === '.' || joined === '') return '';
  // `cd ..` above where the line started, or a folder longer than any real one (`cd a; cd a; …` thousands of times).
  return joined === '..' || joined.startsWith('../') || joined.length > MAXIMUM_FOLDER_CHARACTERS ? undefined : joined;
}

/**
 * The words of a command inside a group `{ …; }` without the group's braces (the first command's `{`, the `}`
 * after the last): a group runs in the same shell, so its `cd` lasts after it.
 */
function withoutGroupBraces(words: string[]): string[] {
  if (words[0] === '{') return words.slice(1);
  if (words.length === 1 && words[0] === '}') return [];
  return words;
}

/** Adds one command's effects to the line's, its relative paths taken inside `directory`. */
function addInFolder(effects: ShellCommandEffects, own: ShellCommandEffects, directory: string): void {
  const inFolder = (path: string) => pathInFolder(path, directory);
  for (const list of ['filesRead', 'filesWritten', 'filesEdited', 'filesDeleted', 'filesRestored', 'filesModeChanged', 'changedFilePatterns'] as const) {
    for (const path of own[list]) addUnique(effects[list], inFolder(path));
  }
  for (const command of own.simpleCommands) effects.simpleCommands.push(command);
  for (const script of own.scriptsWritten) effects.scriptsWritten.push({ ...script, file: inFolder(script.file) });
  for (const run of own.scriptsRun) {
    const folder = run.folder === '' || directory === '' ? run.folder || directory : run.folder.startsWith('/') ? run.folder : normalizePath(`${directory}/${run.folder}`);
    effects.scriptsRun.push({ file: inFolder(run.file), kind: run.kind, folder });
  }
}

/** The one file a command prints whole to its output (`cat fix.sh`), or undefined. */
function printedFile(command: SimpleCommand): string | undefined {
  const words = stripPrefixes(withoutGroupBraces(command.words));
  if (command.writes.length > 0 || command.appends.length > 0 || words[0] !== 'cat') return undefined;
  const files = operands(words.slice(1));
  return files.length === 1 && looksLikePath(files[0]) && files[0] !== '-' ? files[0] : undefined;
}

/** Adds the effects of one simple command; returns the patterns of the file names it prints, for a pipe after it. */
function addSimpleCommandEffects(command: SimpleCommand, effects: ShellCommandEffects, line: LineContext, listed: string[] | undefined, depth: number): string[] | undefined {
  const { words: rawWords, writes, appends, reads, heredocs, afterPipe } = command;
  const words = stripPrefixes(withoutGroupBraces(rawWords));
  if (heredocs.length > 0) for (const target of writes) rememberBody(target, heredocs.join('\n'), line, effects);
  for (const target of writes) if (!NOT_FILES.has(target) && looksLikePath(target)) addUnique(effects.filesWritten, target);
  for (const target of appends) if (!NOT_FILES.has(target) && looksLikePath(target)) addUnique(effects.filesEdited, target);
  for (const source of reads) if (!NOT_FILES.has(source) && looksLikePath(source)) addUnique(effects.filesRead, source);
  const upstream = afterPipe ? listed : undefined;
  if (words.length === 0) return undefined;
  const program = words[0].split('/').pop() as string;
  if (program === 'xargs') {
    // The command xargs runs is the simple command (`xargs grep -l x` only reads, as `grep -l x` does).
    const xargs = xargsCommand(words.slice(1));
    if (xargs === undefined) return undefined;
    const inner = stripPrefixes(xargs.command);
    effects.simpleCommands.push(inner.join(' '));
    const withFile = xargs.replace === undefined ? [...inner, FOUND_FILE_STAND_IN] : inner.map((word) => word.split(xargs.replace as string).join(FOUND_FILE_STAND_IN));
    addFoundFileEffects(withFile, upstream ?? [], line, effects);
    return undefined;
  }
  const nested = SHELL_PROGRAMS.has(program) ? nestedCommandLine(words.slice(1)) : undefined;
  if (nested !== undefined && depth < MAXIMUM_NESTED_SHELLS) {
    // `bash -c 'sed -i … setup.cfg'`: the string is a command line of its own; its commands are the ones run.
    const inner = computeShellCommandEffects(nested, depth + 1, line.budget);
    addInFolder(effects, withoutStaleRuns(inner, line, effects), '');
    return undefined;
  }
  effects.simpleCommands.push(words.join(' '));
  let printed: string[] | undefined;
  if (afterPipe && upstream !== undefined && FILE_LIST_FILTERS.has(program)) printed = upstream;
  else if (!afterPipe || upstream === undefined) printed = listedFilePatterns(program, words.slice(1));
  if (program === 'find') {
    const expression = findExpression(words.slice(1));
    if (expression.deletes) for (const pattern of expression.patterns) addUnique(effects.changedFilePatterns, pattern);
    for (const file of expression.listingFiles) if (looksLikePath(file)) addUnique(effects.filesWritten, file);
    for (const found of expression.commands) {
      const inner = stripPrefixes(found);
      if (inner.length === 0) continue;
      effects.simpleCommands.push(inner.join(' '));
      addFoundFileEffects(inner.map((word) => word.split(FOUND_FILE).join(FOUND_FILE_STAND_IN)), expression.patterns, line, effects);
    }
    return printed;
  }
  // The file on the command's standard input: redirected (`bash < fix.sh`) or piped (`cat fix.sh | bash`).
  const input = reads.length === 0 && afterPipe && line.pipedFile !== undefined ? [line.pipedFile] : reads;
  addCommandEffects(words, program, input, heredocs, line, effects);
  return printed;
}

/** The command line a shell is given with `-c` (`bash -lc 'cd x && make'`), or undefined. */
function nestedCommandLine(words: string[]): string | undefined {
  for (let position = 0; position < words.length; position++) {
    const word = words[position];
    if (!word.startsWith('-')) return undefined;
    if (/^-[a-z]+$/i.test(word) && word.includes('c')) return words[position + 1];
    if (word === '-o' || word === '+o') position++;
  }
  return undefined;
}

/**
 * Effects of a command run on files found at run time (`find -exec`, `xargs`): its words hold the stand-in
 * for the found file; what it does to the stand-in it does to the files the patterns describe.
 */
function addFoundFileEffects(words: string[], patterns: string[], line: LineContext, effects: ShellCommandEffects): void {
  if (words.length === 0) return;
  const inner = emptyEffects();
  addCommandEffects(words, words[0].split('/').pop() as string, [], [], line, inner);
  // A formatter given the found file (`xargs black`) changes it as a pattern of its own, made from the stand-in.
  const changesFound =
    [inner.filesWritten, inner.filesEdited, inner.filesDeleted].some((files) => files.includes(FOUND_FILE_STAND_IN)) ||
    inner.changedFilePatterns.some((pattern) => pattern.includes(FOUND_FILE_STAND_IN));
  if (changesFound) for (const pattern of patterns) addUnique(effects.changedFilePatterns, pattern);
  const named = (files: string[]) => files.filter((file) => file !== FOUND_FILE_STAND_IN && !file.includes(FOUND_FILE_STAND_IN));
  for (const file of named(inner.filesRead)) addUnique(effects.filesRead, file);
  for (const file of named(inner.filesWritten)) addUnique(effects.filesWritten, file);
  for (const file of named(inner.filesEdited)) addUnique(effects.filesEdited, file);
  for (const file of named(inner.filesDeleted)) addUnique(effects.filesDeleted, file);
  for (const pattern of inner.changedFilePatterns) if (!pattern.includes(FOUND_FILE_STAND_IN)) addUnique(effects.changedFilePatterns, pattern);
}

/** Adds a changed operand: a path to its list, a shell glob (`tests/test_*.py`) to the patterns. */
function addChanged(list: string[], word: string, effects: ShellCommandEffects): void {
  if (looksLikePath(word)) addUnique(list, word);
  else if (looksLikeGlob(word)) addUnique(effects.changedFilePatterns, word.replace(/^\.\//, ''));
}

/** Adds the effects of one simple command (prefixes stripped) to `effects`. */
function addCommandEffects(words: string[], program: string, reads: string[], heredocs: string[], line: LineContext, effects: ShellCommandEffects): void {
  const applyPatch = (patch: string) => addChanges(effects, patchEffects(patch));
  const rest = words.slice(1);
  const formatter = formatterRun(program, rest);
  let runner: string[] | undefined;
  if (READING_COMMANDS.has(program)) {
    for (const file of operands(rest)) if (looksLikePath(file) && !/^\d+$/.test(file)) addUnique(effects.filesRead, file);
  } else if (SEARCHING_COMMANDS.has(program)) {
    const args = operands(rest.filter((word, position) => !(position > 0 && /^-[efmABCgt]$/.test(rest[position - 1]))));
    for (const file of args.slice(1)) if (looksLikePath(file)) addUnique(effects.filesRead, file);
  } else if (program === 'sed' || program === 'perl' || program === 'ruby') {
    // `-i`, `-i.bak`, `-pi`, perl's `-0pi` (a record separator before the flags), `--in-place`.
    const inPlace = rest.some((word) => /^-[a-zA-Z0-9]*i/.test(word) || word.startsWith('--in-place'));
    // BSD sed's `-i ''` (an empty backup suffix as its own word) and the scripts given with `-e` are not files.
    const isOptionValue = (word: string, position: number) => position > 0 && (rest[position - 1] === '-e' || (program === 'sed' && word === '' && rest[position - 1] === '-i'));
    const args = operands(rest.filter((word, position) => !isOptionValue(word, position)));
    const expressionGiven = rest.includes('-e');
    const files = expressionGiven ? args : args.slice(1);
    for (const file of files) {
      if (inPlace) addChanged(effects.filesEdited, file, effects);
      else if (looksLikePath(file)) addUnique(effects.filesRead, file);
    }
  } else if (program === 'rm' || program === 'rmdir' || program === 'unlink' || program === 'shred') {
    for (const file of operands(rest)) addChanged(effects.filesDeleted, file, effects);
  } else if (program === 'touch' || program === 'mkdir') {
    if (program === 'touch') for (const file of operands(rest)) if (looksLikePath(file)) addUnique(effects.filesWritten, file);
  } else if (program === 'tee') {
    const append = rest.includes('-a') || rest.includes('--append');
    for (const file of operands(rest)) {
      if (!looksLikePath(file) || NOT_FILES.has(file)) continue;
      addUnique(append ? effects.filesEdited : effects.filesWritten, file);
      // `tee fix.py <<'EOF'`: the heredoc is the file's text.
      if (!append && heredocs.length > 0) rememberBody(file, heredocs.join('\n'), line, effects);
    }
  } else if (program === 'cp' || program === 'mv' || program === 'install') {
    const args = operands(rest);
    if (args.length >= 2) {
      const target = args[args.length - 1];
      if (looksLikePath(target)) addUnique(effects.filesWritten, target);
      for (const source of args.slice(0, -1)) {
        if (program === 'mv') addChanged(effects.filesDeleted, source, effects);
        else if (looksLikePath(source)) addUnique(effects.filesRead, source);
      }
    }
  } else if (program === 'git') {
    const subcommand = rest.find((word) => !word.startsWith('-'));
    const subcommandArgs = operands(rest.slice(rest.indexOf(subcommand as string) + 1));
    if (subcommand === 'rm') for (const file of subcommandArgs) addChanged(effects.filesDeleted, file, effects);
    if (subcommand === 'mv' && subcommandArgs.length === 2) {
      addUnique(effects.filesDeleted, subcommandArgs[0]);
      addUnique(effects.filesWritten, subcommandArgs[1]);
    }
    if (subcommand === 'checkout' || subcommand === 'restore') for (const file of restoredFiles(subcommand, rest.slice(rest.indexOf(subcommand) + 1))) addUnique(effects.filesRestored, file);
    // `--check`, `--stat` and `--numstat` only read the patch; `--cached` applies it to the index, not the files.
    if (subcommand === 'apply' && !['--check', '--stat', '--numstat', '--summary', '--cached'].some((flag) => rest.includes(flag))) {
      for (const body of heredocs) applyPatch(body);
      // The patch files named, or the one on the standard input (`git apply < fix.patch`, `cat fix.patch | git apply`).
      for (const file of subcommandArgs.length > 0 ? subcommandArgs : reads) addScriptRun(file, 'patch', line, effects);
    }
    if (subcommand === 'show' || subcommand === 'blame') for (const file of subcommandArgs) if (looksLikePath(file) && file.includes('.')) addUnique(effects.filesRead, file);
  } else if (formatter !== undefined) {
    // `black tests/`, `python -m black tests/`, `npx prettier --write src`: the files or folders the formatter rewrites.
    const formatted = formatterEffects(formatter.formatter, formatter.words);
    for (const file of formatted?.filesEdited ?? []) addUnique(effects.filesEdited, file);
    for (const pattern of formatted?.changedFilePatterns ?? []) addUnique(effects.changedFilePatterns, pattern);
  } else if (PYTHON_PROGRAM.test(program)) {
    const inline = rest.indexOf('-c');
    const code = inline !== -1 ? (rest[inline + 1] ?? '') : rest.length === 0 || rest[0] === '-' ? heredocs.join('\n') : '';
    if (code.length > 0) {
      addChanges(effects, pythonFileEffects(code));
    } else {
      // `python fix.py` (or `python < fix.py`): the script's text, when known, says what it changes.
      const script = pythonScriptOperand(rest) ?? (rest.length === 0 || rest[0] === '-' ? reads[0] : undefined);
      if (script !== undefined) addScriptRun(script, 'python', line, effects);
    }
  } else if (SHELL_PROGRAMS.has(program) || program === 'source' || program === '.') {
    // `bash update.sh`, `source env.sh`: the script's text, when known, says what it changes (`bash -c` is read above).
    const script = program === 'source' || program === '.' ? operands(rest)[0] : (shellScriptOperand(rest) ?? (rest.every((word) => word.startsWith('-') && !/^-[a-z]*c/i.test(word) && word !== '-n') ? reads[0] : undefined));
    if (script !== undefined) addScriptRun(script, 'shell', line, effects);
  } else if (JAVASCRIPT_RUNTIMES.has(program)) {
    // `node -e "fs.writeFileSync('package.json', …)"`, `node <<'EOF' … EOF`: the code's own changes.
    const inline = rest.findIndex((word) => JAVASCRIPT_INLINE_CODE_OPTIONS.has(word));
    // No file named: the code comes on standard input (`node --input-type=module <<'EOF'`, `node - < fix.js`).
    const fromInput = rest.every((word) => word.startsWith('-') && !JAVASCRIPT_INLINE_CODE_OPTIONS.has(word) && word !== '-c' && word !== '--check' && word !== '--test');
    const code = inline !== -1 ? (rest[inline + 1] ?? '') : fromInput ? heredocs.join('\n') : '';
    if (code.length > 0) {
      addChanges(effects, javascriptFileEffects(code));
    } else {
      // `node scripts/bump.mjs`, `tsx fix.ts`, `node < fix.js`: the script's text, when known, says what it changes.
      const script = javascriptScriptOperand(rest) ?? (fromInput ? reads[0] : undefined);
      if (script !== undefined) addScriptRun(script, 'javascript', line, effects);
    }
  } else if (words[0].includes('/') && scriptKindOf(words[0]) !== undefined && scriptKindOf(words[0]) !== 'patch') {
    // `./fix.sh`, `./update.py`: run by the interpreter its first line names, taken from its extension.
    addScriptRun(words[0], scriptKindOf(words[0]) as ScriptKind, line, effects);
  } else if ((runner = runnerCommand(program, rest)) !== undefined) {
    // `uv run python fix.py`, `poetry run bash update.sh`, `conda run -n env python fix.py`: the command it starts.
    addCommandEffects(runner, runner[0].slice(runner[0].lastIndexOf('/') + 1), reads, heredocs, line, effects);
  } else if (program === 'apply_patch' || program === 'applypatch') {
    // Codex's patch command run through the shell: `apply_patch <<'EOF' *** Begin Patch …` or `["apply_patch", "<patch>"]`.
    for (const body of heredocs) applyPatch(body);
    for (const argument of rest) applyPatch(argument);
  } else if (program === 'patch' && !rest.includes('--dry-run')) {
    // The diff on its standard input (a heredoc, or a file written by one earlier in the line), or `-i file`.
    const inputFlag = rest.findIndex((word) => word === '-i' || word === '--input');
    const patchFiles = [...reads, ...(inputFlag === -1 ? [] : [rest[inputFlag + 1] ?? ''])];
    for (const body of heredocs) applyPatch(body);
    for (const file of patchFiles) addScriptRun(file, 'patch', line, effects);
  } else if ((program === 'awk' || program === 'gawk') && rest.some((word, position) => word === 'inplace' && (rest[position - 1] === '-i' || rest[position - 1] === '--include'))) {
    // gawk's `-i inplace` rewrites the files it reads: the operands after the program text (all of them with `-f program`).
    const args = operands(rest.filter((word, position) => !(position > 0 && ['-i', '--include', '-v', '-F', '-f'].includes(rest[position - 1]))));
    const programFromFile = rest.includes('-f') || rest.includes('--file');
    for (const file of programFromFile ? args : args.slice(1)) addChanged(effects.filesEdited, file, effects);
  } else if (program === 'curl' || program === 'wget') {
    // `curl -o fix.py URL`, `wget -O fix.py URL`: the download is written to the file.
    const flag = rest.findIndex((word) => (program === 'curl' ? word === '-o' || word === '--output' : word === '-O' || word === '--output-document'));
    const target = flag === -1 ? undefined : rest[flag + 1];
    if (target !== undefined && target !== '-' && looksLikePath(target) && !NOT_FILES.has(target)) addUnique(effects.filesWritten, target);
  } else if (program === 'dd') {
    for (const word of rest) {
      if (word.startsWith('of=') && looksLikePath(word.slice(3)) && !word.startsWith('of=/dev/')) addUnique(effects.filesWritten, word.slice(3));
      else if (word.startsWith('if=') && looksLikePath(word.slice(3)) && !word.startsWith('if=/dev/')) addUnique(effects.filesRead, word.slice(3));
    }
  } else if (program === 'truncate' || program === 'dos2unix') {
    for (const file of operands(rest)) if (!/^\d+$/.test(file)) addChanged(effects.filesEdited, file, effects);
  } else if (program === 'chmod') {
    for (const file of operands(rest).slice(1)) addChanged(effects.filesModeChanged, file, effects);
  }
}

/** Programs that never change files. */
const READ_ONLY_PROGRAMS = new Set([
  'cat', 'head', 'tail', 'less', 'more', 'nl', 'wc', 'ls', 'find', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'pwd', 'echo', 'printf',
  'which', 'whereis', 'type', 'file', 'stat', 'du', 'df', 'tree', 'diff', 'cmp', 'awk', 'cut', 'sort', 'uniq', 'tr', 'xxd', 'od', 'env',
  'printenv', 'date', 'whoami', 'id', 'uname', 'hostname', 'ps', 'top', 'sleep', 'true', 'false', 'test', '[', 'cd', 'jq', 'basename',
  'dirname', 'realpath', 'readlink', 'column', 'bat', 'tac', 'history', 'man', 'help', 'git-status',
]);
/** Git subcommands that never change the work tree or history. */
const READ_ONLY_GIT = new Set(['status', 'diff', 'log', 'show', 'blame', 'branch', 'remote', 'rev-parse', 'ls-files', 'grep', 'describe', 'shortlog', 'config', 'help', 'version', 'reflog']);

/** The answer of {@link isReadOnlyCommand} per remembered effects (the engine and three detectors ask about the same line). */
const readOnlyAnswers = new WeakMap<ShellCommandEffects, boolean>();

/**
 * True when every simple command of a shell line only reads (cat, grep, ls, git status/diff/log, `sed -n`, …)
 * and nothing is redirected into a file. Unknown programs count as possibly writing.
 */
export function isReadOnlyCommand(commandLine: string): boolean {
  const effects = shellCommandEffects(commandLine);
  let readOnly = readOnlyAnswers.get(effects);
  if (readOnly === undefined) {
    readOnly = onlyReads(effects);
    readOnlyAnswers.set(effects, readOnly);
  }
  return readOnly;
}

function onlyReads(effects: ShellCommandEffects): boolean {
  if (effects.filesWritten.length > 0 || effects.filesEdited.length > 0 || effects.filesDeleted.length > 0 || effects.filesRestored.length > 0 || effects.filesModeChanged.length > 0) return false;
  if (effects.changedFilePatterns.length > 0) return false;
  for (const simple of effects.simpleCommands) {
    const space = simple.indexOf(' ');
    const first = space === -1 ? simple : simple.slice(0, space);
    const program = first.slice(first.lastIndexOf('/') + 1);
    if (program !== 'git' && program !== 'sed') {
      if (!READ_ONLY_PROGRAMS.has(program) && !isCheckOnlyFormatterRun(simple)) return false;
      continue;
    }
    const words = simple.split(' ');
    if (program === 'git') {
      const subcommand = words.slice(1).find((word) => !word.startsWith('-'));
      if (!subcommand || !READ_ONLY_GIT.has(subcommand)) return false;
      if (subcommand === 'branch' && words.some((word) => /^-[dDmMcC]$|^--(?:delete|move|copy)$/.test(word))) return false;
      continue;
    }
    if (words.some((word) => /^-[a-zA-Z]*i/.test(word))) return false;
  }
  return true;
}
