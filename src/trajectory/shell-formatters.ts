/**
 * Formatters and fixers that rewrite the files they are given (`black tests/`, `prettier --write src`,
 * `ruff check --fix`, `gofmt -w`): a table of each program's write condition and the files it rewrites. A file
 * operand is edited; a folder operand changes the files of the formatter's language under it (a pattern, as
 * `find … -exec sed -i` gives: which of them did change is unknown). A check-only run (`black --check`) reads.
 */
import { looksLikePath } from './effect-lists.js';
import { everythingUnder, looksLikeGlob, underFolder } from './shell-file-lists.js';

interface Formatter {
  /** True when the run rewrites files (its words after the program name). */
  writes: (words: readonly string[]) => boolean;
  /** The base-name pattern of the files a folder operand stands for (`*.py`), or undefined for every file. */
  files?: string;
  /** Words after the program that are a subcommand, not an operand (`ruff format`, `ruff check`). */
  subcommands?: readonly string[];
}

const has = (words: readonly string[], ...flags: string[]) => words.some((word) => flags.includes(word) || flags.some((flag) => flag.startsWith('--') && word.startsWith(`${flag}=`)));
const unless = (...flags: string[]) => (words: readonly string[]) => !has(words, ...flags);
const when = (...flags: string[]) => (words: readonly string[]) => has(words, ...flags);

/** The formatters known, by program name. */
const FORMATTERS: ReadonlyMap<string, Formatter> = new Map<string, Formatter>([
  ['black', { writes: unless('--check', '--diff'), files: '*.py' }],
  ['isort', { writes: unless('--check', '--check-only', '-c', '--diff'), files: '*.py' }],
  ['autopep8', { writes: when('-i', '--in-place'), files: '*.py' }],
  ['yapf', { writes: when('-i', '--in-place'), files: '*.py' }],
  ['autoflake', { writes: when('-i', '--in-place'), files: '*.py' }],
  ['docformatter', { writes: when('-i', '--in-place'), files: '*.py' }],
  ['pyupgrade', { writes: () => true, files: '*.py' }],
  ['2to3', { writes: when('-w', '--write'), files: '*.py' }],
  [
    'ruff',
    {
      writes: (words) => (words[0] === 'format' ? !has(words, '--check', '--diff') : has(words, '--fix') && !has(words, '--diff')),
      files: '*.py',
      subcommands: ['format', 'check'],
    },
  ],
  ['prettier', { writes: when('--write', '-w') }],
  ['eslint', { writes: when('--fix') }],
  ['gofmt', { writes: when('-w'), files: '*.go' }],
  ['rustfmt', { writes: unless('--check'), files: '*.rs' }],
  ['clang-format', { writes: when('-i') }],
]);

/** Options of these formatters that take a value (the value is not a file to rewrite). */
const VALUE_OPTIONS = new Set([
  '-l', '--line-length', '--config', '--target-version', '-t', '--exclude', '--extend-exclude', '--force-exclude', '--include',
  '--settings-path', '--settings-file', '--sp', '--profile', '--ignore-path', '--parser', '--select', '--ignore', '--extend-select',
  '--style', '-c', '--ext', '--max-line-length', '--indent-size', '--stdin-filename', '--edition', '--assume-filename', '--py',
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
/** Programs whose `run` or `exec` subcommand runs the command after it (`poetry run black`, `pnpm exec eslint`). */
const SUBCOMMAND_RUNNERS = new Set(['poetry', 'uv', 'pdm', 'pipx', 'pnpm', 'yarn', 'hatch', 'pipenv']);
/** A Python interpreter's program name: python, python3, python3.11. */
const PYTHON_PROGRAM = /^python(?:\d+(?:\.\d+)?)?$/;

/**
 * The formatter a simple command runs (`words` after the program name): the program itself (`black`), a
 * module (`python -m black`), or a command a runner starts (`npx prettier`, `poetry run isort`); else undefined.
 */
export function formatterRun(program: string, words: readonly string[]): FormatterRun | undefined {
  if (FORMATTERS.has(program)) return { formatter: program, words };
  let start = -1;
  if (PYTHON_PROGRAM.test(program) && words[0] === '-m') start = 1;
  else if (RUNNERS.has(program)) start = words.findIndex((word) => !word.startsWith('-'));
  else if (SUBCOMMAND_RUNNERS.has(program) && (words[0] === 'run' || words[0] === 'exec')) start = 1;
  const formatter = start === -1 ? undefined : words[start];
  return formatter !== undefined && FORMATTERS.has(formatter) ? { formatter, words: words.slice(start + 1) } : undefined;
}

/** The files a formatter run rewrites (`words` after the program name), or undefined when it only checks. */
export function formatterEffects(program: string, words: readonly string[]): FormatterEffects | undefined {
  const formatter = FORMATTERS.get(program);
  if (formatter === undefined || !formatter.writes(words)) return undefined;
  const effects: FormatterEffects = { filesEdited: [], changedFilePatterns: [] };
  for (let position = 0; position < words.length; position++) {
    const word = words[position];
    if (VALUE_OPTIONS.has(word)) {
      position++;
      continue;
    }
    if (word.startsWith('-') || (position === 0 && formatter.subcommands?.includes(word))) continue;
    if (looksLikeGlob(word)) {
      effects.changedFilePatterns.push(word.replace(/^\.\//, ''));
    } else if (looksLikePath(word) && !/^\d+$/.test(word)) {
      const name = word.slice(word.lastIndexOf('/') + 1);
      const isFile = /\.[a-z0-9]+$/i.test(name) && name !== '..';
      if (isFile) effects.filesEdited.push(word);
      else effects.changedFilePatterns.push(formatter.files === undefined ? everythingUnder(word) : underFolder(word, formatter.files, true));
    }
  }
  return effects;
}
