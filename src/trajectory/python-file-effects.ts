/**
 * Files inline Python code changes (`python -c`, a Python heredoc, a code action's cell), from its text alone.
 * A path is a string literal or a name bound to one earlier in the code (`path = 'setup.cfg'`); anything
 * computed is left out.
 */
import { addUnique, looksLikePath, NOT_FILES } from './effect-lists.js';

/** Files inline Python writes, edits or deletes. */
export interface PythonFileEffects {
  filesWritten: string[];
  filesEdited: string[];
  filesDeleted: string[];
}

/** Most characters of inline Python code read for file writes (head only). */
export const MAXIMUM_PYTHON_CODE = 20_000;
/** `name = 'text'`: a string bound to a name, so `open(name, 'w')` resolves. */
const PYTHON_STRING_ASSIGNMENT = /\b([A-Z_]\w{0,60})\s*=\s*(['"])([^'"\n]{1,300})\2/gi;
/** `open('file', 'w')` or `open(name, mode='a')`: the file (literal or name) and the mode. */
const PYTHON_OPEN = /\bopen\(\s*(?:(['"])([^'"\n]{1,300})\1|([A-Za-z_]\w{0,60}))\s*,\s*(?:mode\s*=\s*)?(['"])([abrtwx+]{1,4})\4/g;
/** `Path('file').write_text(` / `.write_bytes(`. */
const PYTHON_PATH_WRITE = /\bPath\(\s*(?:(['"])([^'"\n]{1,300})\1|([A-Za-z_]\w{0,60}))\s*\)\s*\.\s*write_(?:text|bytes)\(/g;
/** `name = Path('file')` or `pathlib.Path('file')`: a path object bound to a name, so `name.write_text(` resolves. */
const PYTHON_PATH_ASSIGNMENT = /\b([A-Z_]\w{0,60})\s*=\s*(?:pathlib\s*\.\s*)?Path\(\s*(['"])([^'"\n]{1,300})\2\s*\)/gi;
/** `name.write_text(` / `.write_bytes(` on a name. */
const PYTHON_NAME_WRITE = /\b([A-Z_]\w{0,60})\s*\.\s*write_(?:text|bytes)\(/gi;
/** `name.open('w')` / `name.open(mode='a')` on a name. */
const PYTHON_NAME_OPEN = /\b([A-Z_]\w{0,60})\s*\.\s*open\(\s*(?:mode\s*=\s*)?(['"])([abrtwx+]{1,4})\2/gi;
/** `os.remove('file')`, `os.unlink(name)`, `os.rmdir(…)`, `shutil.rmtree('build', ignore_errors=True)`. */
const PYTHON_REMOVE = /\b(?:os\.(?:remove|unlink|rmdir)|shutil\.rmtree)\(\s*(?:(['"])([^'"\n]{1,300})\1|([A-Za-z_]\w{0,60}))\s*[,)]/g;
/** `Path('file').unlink(`. */
const PYTHON_PATH_UNLINK = /\bPath\(\s*(?:(['"])([^'"\n]{1,300})\1|([A-Za-z_]\w{0,60}))\s*\)\s*\.\s*unlink\(/g;
/** `name.unlink(` on a name bound to a path. */
const PYTHON_NAME_UNLINK = /\b([A-Z_]\w{0,60})\s*\.\s*unlink\(/gi;
/**
 * `shutil.copy(a, b)` (and `copy2`, `copyfile`, `move`), `os.rename(a, b)`, `os.replace(a, b)`: the
 * operation, then the source and the destination (each a literal or a name).
 */
const PYTHON_COPY_OR_MOVE =
  /\b(shutil\.(?:copy2?|copyfile|move)|os\.(?:rename|replace))\(\s*(?:(['"])([^'"\n]{1,300})\2|([A-Za-z_]\w{0,60}))\s*,\s*(?:(['"])([^'"\n]{1,300})\5|([A-Za-z_]\w{0,60}))\s*[,)]/g;

/** A line that is only a comment (`# open('tests/x.py', 'w')` is no write). */
const COMMENT_LINE = /^[ \t]*#[^\n]*$/gm;
/** A change of folder while the code runs: its relative paths are then in a folder the text cannot say. */
const CHANGES_FOLDER = /\b(?:os\.)?chdir\(/;

/**
 * Files a whole Python script writes, edits or deletes when run (`python fix.py`): as {@link pythonFileEffects},
 * and only absolute paths when the script changes its folder (`os.chdir('pkg')`).
 */
export function pythonScriptEffects(script: string): PythonFileEffects {
  const effects = pythonFileEffects(script);
  if (!CHANGES_FOLDER.test(script)) return effects;
  const absolute = (files: string[]) => files.filter((file) => file.startsWith('/'));
  return { filesWritten: absolute(effects.filesWritten), filesEdited: absolute(effects.filesEdited), filesDeleted: absolute(effects.filesDeleted) };
}

/**
 * Files inline Python code writes, edits or deletes: `open(f, 'w'|'x')` writes, `open(f, 'a'|'r+')` edits,
 * `Path(f).write_text(…)` writes, `os.remove(f)`, `shutil.rmtree(d)` and `Path(f).unlink()` delete,
 * `shutil.copy(a, b)` writes `b`, and `shutil.move(a, b)` / `os.rename(a, b)` delete `a` and write `b`. Comment
 * lines are not read.
 */
export function pythonFileEffects(code: string): PythonFileEffects {
  const text = (code.length > MAXIMUM_PYTHON_CODE ? code.slice(0, MAXIMUM_PYTHON_CODE) : code).replace(COMMENT_LINE, '');
  const effects: PythonFileEffects = { filesWritten: [], filesEdited: [], filesDeleted: [] };
  // Each name's bindings, in order: a name resolves to the last one before its use, or, when it is bound only
  // after (a function written above the constants it uses), to the first.
  const names = new Map<string, Array<[number, string]>>();
  const bind = (match: RegExpMatchArray) => {
    const list = names.get(match[1]) ?? [];
    list.push([match.index ?? 0, match[3]]);
    names.set(match[1], list);
  };
  for (const match of text.matchAll(PYTHON_STRING_ASSIGNMENT)) bind(match);
  for (const match of text.matchAll(PYTHON_PATH_ASSIGNMENT)) bind(match);
  for (const list of names.values()) list.sort((first, second) => first[0] - second[0]);
  /** The position of the use being resolved (set before each `resolve`). */
  let use = 0;
  const resolve = (literal: string | undefined, name: string | undefined): string | undefined => {
    let file = literal;
    const bindings = name === undefined ? undefined : names.get(name);
    if (file === undefined && bindings !== undefined) {
      file = bindings[0][1];
      for (const [index, value] of bindings) if (index < use) file = value;
    }
    return file !== undefined && looksLikePath(file) && !NOT_FILES.has(file) ? file : undefined;
  };
  /** The matches of a pattern, each with {@link use} set to where it stands. */
  const uses = function* (pattern: RegExp) {
    for (const match of text.matchAll(pattern)) {
      use = match.index;
      yield match;
    }
  };
  const addByMode = (file: string | undefined, mode: string) => {
    if (file === undefined) return;
    if (/[wx]/.test(mode)) addUnique(effects.filesWritten, file);
    else if (/[a+]/.test(mode)) addUnique(effects.filesEdited, file);
  };
  const add = (list: string[], file: string | undefined) => {
    if (file !== undefined) addUnique(list, file);
  };
  for (const match of uses(PYTHON_OPEN)) addByMode(resolve(match[2], match[3]), match[5]);
  for (const match of uses(PYTHON_PATH_WRITE)) add(effects.filesWritten, resolve(match[2], match[3]));
  for (const match of uses(PYTHON_NAME_WRITE)) add(effects.filesWritten, resolve(undefined, match[1]));
  for (const match of uses(PYTHON_NAME_OPEN)) addByMode(resolve(undefined, match[1]), match[3]);
  for (const match of uses(PYTHON_REMOVE)) add(effects.filesDeleted, resolve(match[2], match[3]));
  for (const match of uses(PYTHON_PATH_UNLINK)) add(effects.filesDeleted, resolve(match[2], match[3]));
  for (const match of uses(PYTHON_NAME_UNLINK)) add(effects.filesDeleted, resolve(undefined, match[1]));
  for (const match of uses(PYTHON_COPY_OR_MOVE)) {
    const destination = resolve(match[6], match[7]);
    if (destination === undefined) continue;
    addUnique(effects.filesWritten, destination);
    if (!match[1].includes('copy')) add(effects.filesDeleted, resolve(match[3], match[4]));
  }
  return effects;
}
