/**
 * Formatters and fixers that rewrite the files they are given (`black tests/`, `prettier --write src`,
 * `ruff check --fix`, `gofmt -w`): a table of each program's write condition and the files it rewrites. A file
 * operand is edited; a folder operand changes the files of the formatter's language under it (a pattern, as
 * `find … -exec sed -i` gives: which of them did change is unknown). A check-only run (`black --check`) changes
 * nothing; an option's value (`isort --skip tests`) is not an operand.
 */
import { looksLikePath, PYTHON_PROGRAM } from './effect-lists.js';
import { everythingUnder, looksLikeGlob, underFolder } from './shell-file-lists.js';

interface Formatter {
  /** True when the run rewrites files (its words after the program name). */
  writes: (words: readonly string[]) => boolean;
  /** The base-name pattern of the files a folder operand stands for (`*.py`), or undefined for every file. */
  files?: string;
  /** Words after the program that are a subcommand, not an operand (`ruff format`, `ruff check`). */
  subcommands?: readonly string[];
  /**
   * Options that take the next word as their value: configuration, a folder or glob to skip, an output format
   * (`isort --skip tests`, `eslint --ignore-pattern 'tests/**'`) — not files to rewrite.
   */
  valueOptions: ReadonlySet<string>;
  /** True when a run that names no file or folder works on the working folder (`ruff format`, `eslint --fix`). */
  workingFolderByDefault?: boolean;
}

const has = (words: readonly string[], ...flags: string[]) => words.some((word) => flags.includes(word) || flags.some((flag) => flag.startsWith('--') && word.startsWith(`${flag}=`)));
const unless = (...flags: string[]) => (words: readonly string[]) => !has(words, ...flags);
const when = (...flags: string[]) => (words: readonly string[]) => has(words, ...flags);
const options = (...names: string[]): ReadonlySet<string> => new Set(names);

const BLACK_OPTIONS = options('-l', '--line-length', '-t', '--target-version', '--config', '--include', '--exclude', '--extend-exclude', '--force-exclude', '--required-version', '-W', '--workers', '--python-cell-magics', '--stdin-filename');
const ISORT_OPTIONS = options(
  '--settings-path', '--settings-file', '--sp', '--profile', '-p', '--project', '--known-local-folder', '-l', '--line-length', '-s', '--skip', '--skip-glob', '--sg',
  '--extend-skip', '--extend-skip-glob', '--src', '--src-path', '-m', '--multi-line', '--py', '--python-version',
);
const RUFF_OPTIONS = options(
  '--config', '--select', '--ignore', '--extend-select', '--extend-ignore', '--exclude', '--extend-exclude', '--line-length', '--target-version', '--output-format',
  '--per-file-ignores', '--fixable', '--unfixable', '--cache-dir', '--stdin-filename',
);
const PRETTIER_OPTIONS = options(
  '--config', '--ignore-path', '--parser', '--plugin', '--stdin-filepath', '--log-level', '--cache-location', '--cache-strategy', '--end-of-line', '--print-width',
  '--tab-width', '--trailing-comma', '--arrow-parens', '--prose-wrap', '--quote-props', '--config-precedence',
);
const ESLINT_OPTIONS = options(
  '-c', '--config', '--ext', '--ignore-path', '--ignore-pattern', '-f', '--format', '-o', '--output-file', '--rule', '--plugin', '--env', '--global', '--parser',
  '--parser-options', '--resolve-plugins-relative-to', '--rulesdir', '--max-warnings', '--cache-location', '--cache-strategy', '--stdin-filename', '--fix-type',
);

/** The formatters known, by program name. */
const FORMATTERS: ReadonlyMap<string, Formatter> = new Map<string, Formatter>([
  ['black', { writes: unless('--check', '--diff'), files: '*.py', valueOptions: BLACK_OPTIONS }],
  ['isort', { writes: unless('--check', '--check-only', '-c', '--diff'), files: '*.py', valueOptions: ISORT_OPTIONS }],
  ['autopep8', { writes: when('-i', '--in-place'), files: '*.py', valueOptions: options('--max-line-length', '--select', '--ignore', '--exclude', '--global-config', '--indent-size', '--range', '--line-range', '--pep8-passes') }],
  ['yapf', { writes: when('-i', '--in-place'), files: '*.py', valueOptions: options('--style', '-e', '--exclude', '-l', '--lines') }],
  ['autoflake', { writes: when('-i', '--in-place'), files: '*.py', valueOptions: options('--imports', '--exclude') }],
  ['docformatter', { writes: when('-i', '--in-place'), files: '*.py', valueOptions: options('--wrap-summaries', '--wrap-descriptions', '--config', '--exclude', '--range', '--docstring-length') }],
  ['pyupgrade', { writes: () => true, files: '*.py', valueOptions: options() }],
  ['2to3', { writes: when('-w', '--write'), files: '*.py', valueOptions: options('-f', '--fix', '-x', '--nofix', '-j', '--processes', '-o', '--output-dir', '--add-suffix') }],
  [
    'ruff',
    {
      writes: (words) => (words[0] === 'format' ? !has(words, '--check', '--diff') : has(words, '--fix') && !has(words, '--diff')),
      files: '*.py',
      subcommands: ['format', 'check'],
      valueOptions: RUFF_OPTIONS,
      workingFolderByDefault: true,
    },
  ],
  ['prettier', { writes: when('--write', '-w'), valueOptions: PRETTIER_OPTIONS }],
  ['eslint', { writes: when('--fix'), valueOptions: ESLINT_OPTIONS, workingFolderByDefault: true }],
  ['gofmt', { writes: when('-w'), files: '*.go', valueOptions: options('-r') }],
  ['rustfmt', { writes: unless('--check'), files: '*.rs', valueOptions: options('--edition', '--config', '--config-path', '--emit', '--color') }],
  ['clang-format', { writes: when('-i'), valueOptions: options('--assume-filename', '--lines', '--offset', '--length', '--fallback-style', '--style') }],
]);

/** What a formatter run rewrites: files it names and patterns of the folders it is given. */
export interface FormatterEffects {
  filesEdited: string[];
  changedFilePatterns: string[];
}

/** A formatter's run: its name and the words after it. */
export interface FormatterRun {
  formatter: string;
  words: readonly string[];
}

/** Programs that run the command named after their options (`npx prettier`, `uvx ruff`). */
const RUNNERS = new Set(['npx', 'uvx', 'bunx', 'pnpx']);
/** Programs whose `run` or `exec` subcommand runs the command after it (`poetry run black`, `uv run --with black black`). */
const SUBCOMMAND_RUNNERS = new Set(['poetry', 'uv', 'pdm', 'pipx', 'pnpm', 'yarn', 'hatch', 'pipenv', 'conda', 'rye']);
/** Package managers that also run a package's command named right after them (`yarn prettier`, `pnpm eslint`). */
const DIRECT_RUNNERS = new Set(['yarn', 'pnpm']);
/** Runner options that take the next word as their value (`uv run --with black`, `npx --package prettier`). */
const RUNNER_VALUE_OPTIONS = new Set(['--with', '--python', '-p', '--package', '--directory', '--project', '--env-file', '--from', '--spec', '-n', '--name', '--prefix']);

/** The position of the command a runner starts in its words, from `from` on: the first word that is no option or option value. */
function commandPosition(words: readonly string[], from: number): number {
  for (let position = from; position < words.length; position++) {
    if (RUNNER_VALUE_OPTIONS.has(words[position])) position++;
    else if (!words[position].startsWith('-')) return position;
  }
  return -1;
}

/** A package name without its version (`prettier@3` → `prettier`; a scope's `@` is kept). */
function withoutVersion(name: string): string {
  const at = name.indexOf('@', 1);
  return at === -1 ? name : name.slice(0, at);
}

/**
 * The formatter a simple command runs (`words` after the program name): the program itself (`black`), a
 * module (`python -m black`), or a command a runner starts (`npx prettier@3`, `poetry run isort`,
 * `yarn prettier`); else undefined.
 */
export function formatterRun(program: string, words: readonly string[]): FormatterRun | undefined {
  if (FORMATTERS.has(program)) return { formatter: program, words };
  let start = -1;
  if (PYTHON_PROGRAM.test(program) && words[0] === '-m') start = 1;
  else if (RUNNERS.has(program)) start = commandPosition(words, 0);
  else if (SUBCOMMAND_RUNNERS.has(program) && (words[0] === 'run' || words[0] === 'exec' || words[0] === 'dlx')) start = commandPosition(words, 1);
  else if (DIRECT_RUNNERS.has(program)) start = 0;
  const formatter = start === -1 || words[start] === undefined ? undefined : withoutVersion(words[start]);
  return formatter !== undefined && FORMATTERS.has(formatter) ? { formatter, words: words.slice(start + 1) } : undefined;
}

/**
 * The command a runner or a package manager's `run` / `exec` / `dlx` starts, with its words (`uv run --with x
 * python fix.py` → `python fix.py`, `conda run -n env bash update.sh`, `npx tsx@4 fix.ts` → `tsx fix.ts`), through
 * runners nested in it (`uv run npx tsx fix.ts` → `tsx fix.ts`), or undefined when the words start none.
 */
export function runnerCommand(program: string, words: readonly string[]): string[] | undefined {
  const innerCommand = (command: string[]) => startedCommand(command[0].slice(command[0].lastIndexOf('/') + 1), command.slice(1));
  let command = startedCommand(program, words);
  for (let nested = 0; command !== undefined && nested < MAXIMUM_NESTED_RUNNERS; nested++) {
    const inner = innerCommand(command);
    if (inner === undefined) return command;
    command = inner;
  }
  return command !== undefined && innerCommand(command) === undefined ? command : undefined;
}

/** Most runners nested one in another that are followed (`uv run npx tsx fix.ts`); a deeper nest starts nothing known. */
const MAXIMUM_NESTED_RUNNERS = 4;

/** The command one runner starts, with its words, or undefined. */
function startedCommand(program: string, words: readonly string[]): string[] | undefined {
  let start = -1;
  if (RUNNERS.has(program)) start = commandPosition(words, 0);
  else if (SUBCOMMAND_RUNNERS.has(program) && (words[0] === 'run' || words[0] === 'exec' || words[0] === 'dlx')) start = commandPosition(words, 1);
  else if (program === 'npm' && words[0] === 'exec') start = commandPosition(words, 1);
  // `npx -c 'rm x'` runs a command line, not the next word.
  if (start === -1 || words.slice(0, start).some((word) => word === '-c' || word === '--call')) return undefined;
  const command = words[start];
  // A package may carry a version (`tsx@4`); a path keeps its `@` (`/home/me@corp/bin/python`).
  return [command.includes('/') ? command : withoutVersion(command), ...words.slice(start + 1)];
}

/** The files a formatter run rewrites (`words` after the program name), or undefined when it only checks. */
export function formatterEffects(program: string, words: readonly string[]): FormatterEffects | undefined {
  const formatter = FORMATTERS.get(program);
  if (formatter === undefined || !formatter.writes(words)) return undefined;
  const effects: FormatterEffects = { filesEdited: [], changedFilePatterns: [] };
  let operandSeen = false;
  for (let position = 0; position < words.length; position++) {
    const word = words[position];
    if (formatter.valueOptions.has(word)) {
      position++;
      continue;
    }
    if (word.startsWith('-') || (position === 0 && formatter.subcommands?.includes(word))) continue;
    operandSeen = true;
    if (looksLikeGlob(word)) {
      effects.changedFilePatterns.push(word.replace(/^\.\//, ''));
    } else if (looksLikePath(word) && !/^\d+$/.test(word)) {
      const name = word.slice(word.lastIndexOf('/') + 1);
      const isFile = /\.[a-z0-9]+$/i.test(name);
      if (isFile) effects.filesEdited.push(word);
      else effects.changedFilePatterns.push(formatter.files === undefined ? everythingUnder(word) : underFolder(word, formatter.files, true));
    }
  }
  if (!operandSeen && formatter.workingFolderByDefault) effects.changedFilePatterns.push(formatter.files === undefined ? everythingUnder('.') : underFolder('.', formatter.files, true));
  return effects;
}

/** True when a simple command (its words joined by spaces) runs a formatter that only checks (`black --check tests`). */
export function isCheckOnlyFormatterRun(simpleCommand: string): boolean {
  const [program, ...words] = simpleCommand.split(' ');
  const run = formatterRun(program.slice(program.lastIndexOf('/') + 1), words);
  return run !== undefined && formatterEffects(run.formatter, run.words) === undefined;
}
