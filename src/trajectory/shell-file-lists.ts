/**
 * Commands that act on files they do not name: `find … -exec sed -i … {} +`, `find … -delete`,
 * `grep -rl word tests/ | xargs sed -i …`, `rm tests/test_*.py`. The files are only known when the command
 * runs, so each is described by a pattern (a glob over paths, `**` any folders, `*` any name part): the
 * folder `find` walks and the names it selects, the folders `grep -l` searches, the shell glob itself.
 * A pattern says which files may change, not that any did.
 */

/** `find` options that take a value (skipped with it when reading the expression). */
const FIND_VALUE_OPTIONS = new Set([
  '-maxdepth', '-mindepth', '-type', '-xtype', '-user', '-group', '-perm', '-size', '-mtime', '-mmin', '-atime', '-amin', '-ctime',
  '-cmin', '-newer', '-regex', '-iregex', '-regextype', '-uid', '-gid', '-links', '-inum', '-samefile', '-printf', '-fstype', '-used',
]);
/** `find` tests that select files by name: their value is a pattern over the base name or the whole path. */
const FIND_NAME_TESTS = new Set(['-name', '-iname']);
const FIND_PATH_TESTS = new Set(['-path', '-ipath', '-wholename', '-iwholename']);
/** `find` actions that run a command on the files found. */
const FIND_EXEC_ACTIONS = new Set(['-exec', '-execdir', '-ok', '-okdir']);
/** `find` actions that write their listing into a file (the value). */
const FIND_FILE_ACTIONS = new Set(['-fprint', '-fprint0', '-fls', '-fprintf']);

/** What a `find` command line does with the files it finds. */
export interface FindExpression {
  /** Patterns of the files it selects (one per folder walked and name test). */
  patterns: string[];
  /** True when it deletes what it finds (`-delete`). */
  deletes: boolean;
  /** Files it writes its listing into (`-fprint file`). */
  listingFiles: string[];
  /** The commands `-exec` / `-execdir` / `-ok` run, each as its words with `{}` for the file found. */
  commands: string[][];
}

/** The placeholder `find -exec` and `xargs -I{}` put the found file in. */
export const FOUND_FILE = '{}';

/** True for a word the shell expands as a glob into file names (`tests/test_*.py`, `src/?.c`, `a/[ab].py`). */
export function looksLikeGlob(word: string): boolean {
  return word.length > 0 && !word.startsWith('-') && /[*?[]/.test(word) && !/[$`{}]/.test(word) && !/^[a-z]+:\/\//i.test(word);
}

/** The path without the slashes it ends with (a loop: `/\/+$/` rescans every run of slashes). */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

/** The pattern of every file under `folder` (`**` for the working folder). */
export function everythingUnder(folder: string): string {
  return underFolder(folder, '', true).replace(/\/$/, '') || '**';
}

/** The pattern of the files under `folder` whose base name matches `name` (`.` and `./` are the working folder). */
export function underFolder(folder: string, name: string, anyDepth: boolean): string {
  const base = folder === '.' || folder === './' ? '' : withoutTrailingSlashes(folder.replace(/^\.\//, ''));
  const depth = anyDepth ? '**/' : '';
  return base === '' ? `${depth}${name}` : `${base}/${depth}${name}`;
}

/** Reads a `find` command's words (after `find`): the folders it walks, its name tests and actions. */
export function findExpression(words: string[]): FindExpression {
  const expression: FindExpression = { patterns: [], deletes: false, listingFiles: [], commands: [] };
  let position = 0;
  // Global options before the folders.
  while (position < words.length && /^-[HLP]$/.test(words[position])) position++;
  const folders: string[] = [];
  while (position < words.length && !words[position].startsWith('-') && words[position] !== '(' && words[position] !== '!') folders.push(words[position++]);
  if (folders.length === 0) folders.push('.');
  const names: string[] = [];
  const paths: string[] = [];
  let anyDepth = true;
  let negated = false;
  // With `-o` or `-prune` the tests no longer all hold for every file acted on: only the folders narrow it.
  let alternatives = false;
  while (position < words.length) {
    const word = words[position];
    if (word === '-o' || word === '-or' || word === '-prune') alternatives = true;
    if (word === '!' || word === '-not') {
      negated = true;
      position++;
      continue;
    }
    if (FIND_NAME_TESTS.has(word) || FIND_PATH_TESTS.has(word)) {
      const value = words[position + 1] ?? '';
      // A negated test selects everything else: it narrows nothing.
      if (!negated && value !== '') (FIND_NAME_TESTS.has(word) ? names : paths).push(value);
      position += 2;
    } else if (word === '-maxdepth') {
      if (words[position + 1] === '1') anyDepth = false;
      position += 2;
    } else if (FIND_EXEC_ACTIONS.has(word)) {
      const command: string[] = [];
      position++;
      while (position < words.length && words[position] !== '\\;' && !(words[position] === '+' && command[command.length - 1] === FOUND_FILE)) command.push(words[position++]);
      position++;
      if (command.length > 0) expression.commands.push(command);
    } else if (word === '-delete') {
      expression.deletes = true;
      position++;
    } else if (FIND_FILE_ACTIONS.has(word)) {
      if (words[position + 1] !== undefined) expression.listingFiles.push(words[position + 1]);
      position += word === '-fprintf' ? 3 : 2;
    } else if (FIND_VALUE_OPTIONS.has(word)) {
      position += 2;
    } else {
      position++;
    }
    negated = false;
  }
  if (alternatives) {
    names.length = 0;
    paths.length = 0;
  }
  // Every test must hold for a file to be acted on, so each pattern below covers all the files found in its folder.
  for (const folder of folders) {
    if (names.length === 0 && paths.length === 0) expression.patterns.push(anyDepth ? everythingUnder(folder) : underFolder(folder, '*', false));
    for (const name of names) expression.patterns.push(underFolder(folder, name, anyDepth));
  }
  // A path test matches the whole path find prints (`./tests/*`): it is the pattern itself.
  // In a path test `*` also matches `/`, as `**` does in a pattern.
  for (const path of paths) expression.patterns.push(path.replace(/^\.\//, '').replace(/\*+/g, '**'));
  return expression;
}

/** `xargs` options that take a value as the next word. */
const XARGS_VALUE_OPTIONS = new Set(['-n', '-L', '-P', '-s', '-d', '-E', '-a', '--max-args', '--max-lines', '--max-procs', '--delimiter', '--arg-file', '--eof']);

/** The command `xargs` runs and the word it replaces with each input (`-I {}`), if any. */
export interface XargsCommand {
  command: string[];
  replace?: string;
}

/** Reads an `xargs` command's words (after `xargs`). */
export function xargsCommand(words: string[]): XargsCommand | undefined {
  let position = 0;
  let replace: string | undefined;
  while (position < words.length && words[position].startsWith('-')) {
    const word = words[position];
    if (word === '--') {
      position++;
      break;
    }
    if (word === '-I' || word === '--replace') {
      replace = words[position + 1];
      position += 2;
    } else if (word.startsWith('-I')) {
      replace = word.slice(2);
      position++;
    } else if (word.startsWith('--replace=')) {
      replace = word.slice('--replace='.length);
      position++;
    } else if (word === '-i') {
      replace = FOUND_FILE;
      position++;
    } else if (XARGS_VALUE_OPTIONS.has(word)) {
      position += 2;
    } else {
      position++;
    }
  }
  const command = words.slice(position);
  // An empty replace string (`-I ''`) replaces nothing.
  return command.length === 0 ? undefined : { command, replace: replace === '' ? undefined : replace };
}

/** Programs that pass a file list through unchanged or narrowed (between a lister and `xargs`). */
export const FILE_LIST_FILTERS = new Set(['grep', 'egrep', 'fgrep', 'sort', 'uniq', 'head', 'tail', 'cat']);

/** Programs that search file contents and can print the names of the files that match. */
const GREP_PROGRAMS = new Set(['grep', 'egrep', 'fgrep', 'rg', 'ag']);

/** A word of bundled one-letter options (`-rl`, `-Rn`). */
const SHORT_FLAGS = /^-[a-z]+$/i;

/** True for grep-like flags that make it print the names of files rather than lines (`-l`, `-rl`, `--files-with-matches`). */
function listsFileNames(words: string[]): boolean {
  return words.some((word) => (SHORT_FLAGS.test(word) && /l/i.test(word)) || word === '--files-with-matches' || word === '--files-without-match');
}

/**
 * Patterns of the file names a command prints, one per line, for `xargs` to act on: `find` without an action,
 * `grep -l` / `rg -l` (recursive searches list files under the folders searched), `git ls-files`. Undefined
 * for any other command.
 */
export function listedFilePatterns(program: string, words: string[]): string[] | undefined {
  if (program === 'find') {
    const expression = findExpression(words);
    if (expression.deletes) return undefined;
    // `-exec grep -l word {} +` prints the names of some of the files found: still within the patterns.
    const onlyListing = expression.commands.every((command) => GREP_PROGRAMS.has(command[0]) && listsFileNames(command));
    return onlyListing ? expression.patterns : undefined;
  }
  if (GREP_PROGRAMS.has(program)) {
    if (!listsFileNames(words)) return undefined;
    const recursive = program !== 'grep' && program !== 'egrep' && program !== 'fgrep' ? true : words.some((word) => (SHORT_FLAGS.test(word) && /r/i.test(word)) || word === '--recursive');
    const includes = words.filter((word) => word.startsWith('--include=')).map((word) => word.slice('--include='.length));
    const valueFlags = new Set(['-e', '-f', '-m', '-A', '-B', '-C', '-g', '-t', '--glob', '--type']);
    const globs = program === 'rg' ? words.filter((word, index) => index > 0 && (words[index - 1] === '-g' || words[index - 1] === '--glob')) : [];
    const patternGiven = words.includes('-e') || words.includes('-f');
    const operands = words.filter((word, index) => !word.startsWith('-') && !(index > 0 && valueFlags.has(words[index - 1])));
    const paths = patternGiven ? operands : operands.slice(1);
    const names = [...includes, ...globs.filter((glob) => !glob.startsWith('!'))];
    const folders = paths.length === 0 ? (recursive ? ['.'] : []) : paths;
    const patterns: string[] = [];
    for (const folder of folders) {
      if (!recursive || looksLikeGlob(folder)) patterns.push(folder.replace(/^\.\//, ''));
      else if (names.length === 0) patterns.push(everythingUnder(folder));
      else for (const name of names) patterns.push(underFolder(folder, name, true));
    }
    return patterns;
  }
  if (program === 'git' && words[0] === 'ls-files') {
    const pathspecs = words.slice(1).filter((word) => !word.startsWith('-'));
    if (pathspecs.length === 0) return ['**'];
    return pathspecs.map((pathspec) => {
      const path = withoutTrailingSlashes(pathspec.replace(/^\.\//, ''));
      const name = path.slice(path.lastIndexOf('/') + 1);
      // A pathspec without a glob or a file extension names a folder: everything under it is listed.
      return looksLikeGlob(path) || name.includes('.') ? path : `${path}/**`;
    });
  }
  return undefined;
}
