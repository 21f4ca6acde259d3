/**
 * Scripts and patch files written by one call and run by a later one: `cat > fix.py <<'EOF' … EOF`, then
 * `python fix.py`; a Write of `update_tests.sh`, then `bash update_tests.sh`; a Write of `scripts/bump.mjs`, then
 * `node scripts/bump.mjs`; `cat > fix.patch`, then `git apply fix.patch`. What a script changes is read from its
 * text when it is written (the same readers as inline code: `python-file-effects.ts`,
 * `javascript-file-effects.ts`, `patch-effects.ts`, the shell line reader), carried in the writing call's effects,
 * and added by the engine to the effects of a later call that runs it (see `engine/facts.ts`).
 *
 * Only a file written whole with known text is a known script. A script changed in part, or overwritten with
 * unknown text (`cp`, `echo … >`), is forgotten: running it changes nothing wink can name, as before.
 */

/** How a script is run: by a Python interpreter, by a shell, by a JavaScript runtime (TypeScript too), or applied as a patch. */
export type ScriptKind = 'python' | 'shell' | 'javascript' | 'patch';

/** The files a script changes when run, as its text names them (relative to the folder it is run in). */
export interface ScriptChanges {
  filesWritten: string[];
  filesEdited: string[];
  filesDeleted: string[];
}

/** A script a call writes whole, with what running it changes. */
export interface WrittenScript {
  /** The file written, as the call names it. */
  file: string;
  kind: ScriptKind;
  changes: ScriptChanges;
}

/** A script a call runs or applies, without its text (written by an earlier call, or already in the project). */
export interface ScriptRun {
  /** The script, as the call names it (in the folder a `cd` earlier in the line moved into). */
  file: string;
  kind: ScriptKind;
  /** The folder the line had moved into when it ran the script ('' where it started): the script's relative paths are in it. */
  folder: string;
}

/** Most files of each list of a script's changes kept. */
export const MAXIMUM_SCRIPT_CHANGES = 64;
/** Longest path kept in a script's changes. */
export const MAXIMUM_SCRIPT_PATH_CHARACTERS = 1_024;
/** Most characters of a script's text read for what it changes (its head). */
export const MAXIMUM_SCRIPT_TEXT = 20_000;

/**
 * The kind of script a file is, by its extension: `.py`; `.sh` / `.bash`; `.js`, `.mjs`, `.cjs`, `.ts`, `.mts`,
 * `.cts`; `.patch` / `.diff`. Undefined for any other file.
 */
export function scriptKindOf(file: string): ScriptKind | undefined {
  const dot = file.lastIndexOf('.');
  if (dot === -1 || file.indexOf('/', dot) !== -1) return undefined;
  const extension = file.slice(dot + 1).toLowerCase();
  if (extension === 'py') return 'python';
  if (extension === 'sh' || extension === 'bash') return 'shell';
  if (extension === 'patch' || extension === 'diff') return 'patch';
  if (JAVASCRIPT_EXTENSIONS.has(extension)) return 'javascript';
  return undefined;
}

/** Extensions of the files a JavaScript runtime runs. */
const JAVASCRIPT_EXTENSIONS = new Set(['js', 'mjs', 'cjs', 'ts', 'mts', 'cts']);

function boundedPaths(files: readonly string[]): string[] {
  const kept: string[] = [];
  for (const file of files) {
    if (kept.length >= MAXIMUM_SCRIPT_CHANGES) break;
    if (file.length <= MAXIMUM_SCRIPT_PATH_CHARACTERS && !kept.includes(file)) kept.push(file);
  }
  return kept;
}

/** A script's changes within the bounds: at most {@link MAXIMUM_SCRIPT_CHANGES} paths a list, none over {@link MAXIMUM_SCRIPT_PATH_CHARACTERS}. */
export function boundedScriptChanges(changes: ScriptChanges): ScriptChanges {
  return { filesWritten: boundedPaths(changes.filesWritten), filesEdited: boundedPaths(changes.filesEdited), filesDeleted: boundedPaths(changes.filesDeleted) };
}

/** True when running the script changes no file wink can name. */
export function changesNothing(changes: ScriptChanges): boolean {
  return changes.filesWritten.length === 0 && changes.filesEdited.length === 0 && changes.filesDeleted.length === 0;
}

/** Python interpreter options followed by a value of their own. */
const PYTHON_OPTIONS_WITH_VALUE = new Set(['-W', '-X', '--check-hash-based-pycs']);

/**
 * The script a Python interpreter runs from its words after the program (`python -u fix.py --apply` → `fix.py`),
 * or undefined: a module (`-m pytest`), inline code (`-c`), standard input (`-`, none).
 */
export function pythonScriptOperand(rest: readonly string[]): string | undefined {
  for (let position = 0; position < rest.length; position++) {
    const word = rest[position];
    // `-Wignore`, `-Xdev`: an option with its value attached.
    if (/^-[WX]./.test(word)) continue;
    if (word === '-' || /^-[a-zA-Z]*[mc]/.test(word)) return undefined;
    if (PYTHON_OPTIONS_WITH_VALUE.has(word)) {
      position++;
      continue;
    }
    if (word.startsWith('-')) continue;
    return word;
  }
  return undefined;
}

/** Shell options followed by a value of their own. */
const SHELL_OPTIONS_WITH_VALUE = new Set(['-o', '+o', '-O', '+O', '--rcfile', '--init-file']);

/** The script a shell runs from its words after the program (`bash -e update.sh` → `update.sh`), or undefined (`bash -c …`, `bash` alone). */
export function shellScriptOperand(rest: readonly string[]): string | undefined {
  for (let position = 0; position < rest.length; position++) {
    const word = rest[position];
    if (SHELL_OPTIONS_WITH_VALUE.has(word)) {
      position++;
      continue;
    }
    // `-c` runs a string, `-s` and `-` read standard input, `-n` only reads the script for its syntax.
    if (/^-[a-z]*c/i.test(word) || word === '-s' || word === '-' || word === '-n') return undefined;
    if (word.startsWith('-') || word.startsWith('+')) continue;
    return word;
  }
  return undefined;
}

/** Programs that run the JavaScript or TypeScript file they are given (`node fix.mjs`, `tsx fix.ts`, `bun fix.ts`, `deno run -A fix.ts`). */
export const JAVASCRIPT_RUNTIMES = new Set(['node', 'nodejs', 'tsx', 'ts-node', 'ts-node-esm', 'bun', 'deno']);
/** Options of a JavaScript runtime that run the code given after them instead of a file. */
export const JAVASCRIPT_INLINE_CODE_OPTIONS = new Set(['-e', '--eval', '-p', '--print', '-pe', '-ep']);
/** JavaScript runtime options followed by a value of their own. */
const JAVASCRIPT_OPTIONS_WITH_VALUE = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions', '--env-file', '--tsconfig', '-P', '--project', '-O', '--compiler-options', '--title']);
/** Subcommands a runtime takes before the file (`bun run x.ts`, `deno run x.ts`, `tsx watch x.ts`). */
const JAVASCRIPT_SUBCOMMANDS = new Set(['run', 'watch']);

/**
 * The JavaScript or TypeScript file a runtime runs from its words after the program (`node --import tsx fix.ts` →
 * `fix.ts`, `deno run -A fix.ts`), or undefined: inline code (`-e`, `-p`), a syntax check (`node -c`), the test
 * runner (`node --test`), a package script (`bun run build`), a file of no JavaScript extension.
 */
export function javascriptScriptOperand(rest: readonly string[]): string | undefined {
  let operands = 0;
  for (let position = 0; position < rest.length; position++) {
    const word = rest[position];
    // Inline code, a syntax check, the test runner (`node --test`, like `pytest`: no script run), standard input.
    if (JAVASCRIPT_INLINE_CODE_OPTIONS.has(word) || word === '-c' || word === '--check' || word === '--test' || word === '-') return undefined;
    if (JAVASCRIPT_OPTIONS_WITH_VALUE.has(word)) {
      position++;
      continue;
    }
    if (word.startsWith('-')) continue;
    if (operands++ === 0 && JAVASCRIPT_SUBCOMMANDS.has(word)) continue;
    return scriptKindOf(word) === 'javascript' ? word : undefined;
  }
  return undefined;
}
