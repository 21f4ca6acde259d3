/**
 * Files JavaScript or TypeScript code changes (`node -e`, a script run with `node`, `tsx`, `ts-node`, `bun` or
 * `deno run`), from its text alone: calls of Node's `fs` module (and `fs/promises`, `fs-extra`) whose path is a
 * string literal or a name bound to one earlier in the code (`const file = 'package.json'`). A path computed at
 * run time (`path.join(__dirname, …)`, a template with `${…}`) is left out.
 */
import { addUnique, looksLikePath, NOT_FILES } from './effect-lists.js';
import type { PythonFileEffects } from './python-file-effects.js';

/** Files JavaScript code writes, edits or deletes (the same lists as Python's). */
export type JavascriptFileEffects = PythonFileEffects;

/** Most characters of JavaScript code read for file changes (head only). */
export const MAXIMUM_JAVASCRIPT_CODE = 20_000;

/** `const file = 'x'` (or `let`, `var`): a string bound to a name, so `writeFileSync(file, …)` resolves. */
const STRING_BINDING = /\b(?:const|let|var)\s+([A-Za-z_$][\w$]{0,60})\s*=\s*(['"`])([^'"`\n$]{1,300})\2/g;
/**
 * A call of an `fs` function with a path first: the object it is called on (`fs.`, `fsp.`, `fs.promises.`,
 * `require('fs').`; none for a function imported by name), the function, then the path as a literal or a name.
 */
const FS_CALL =
  /(?:(\b(?:fs|fsp|fse|fsPromises|fsExtra|promises)|\brequire\(\s*['"](?:node:)?fs(?:\/promises|-extra)?['"]\s*\))\s*\.\s*(?:promises\s*\.\s*)?)?\b(writeFileSync|writeFile|outputFileSync|outputFile|writeJsonSync|writeJson|outputJsonSync|outputJson|createWriteStream|appendFileSync|appendFile|truncateSync|truncate|unlinkSync|unlink|rmSync|rm|rmdirSync|rmdir|removeSync|remove|copyFileSync|copyFile|cpSync|cp|copySync|copy|renameSync|rename|moveSync|move)\(\s*(?:(['"`])([^'"`\n$]{1,300})\3|([A-Za-z_$][\w$]{0,60}))\s*([,)])/g;
/** The destination of a copy or a move: the second argument, as a literal or a name. */
const SECOND_ARGUMENT = /^\s*(?:(['"`])([^'"`\n$]{1,300})\1|([A-Z_$][\w$]{0,60}))\s*[,)]/i;
/** The code loads Node's file-system module: `require('fs')`, `from 'node:fs/promises'`, `import('fs-extra')`. */
const LOADS_FS_MODULE = /(?:\brequire\(|\bimport\(|\bfrom)\s*['"](?:node:)?fs(?:\/promises|-extra)?['"]/;
/** A line that is only a `//` comment (`// fs.rmSync('tests')` in a script is no change). */
const COMMENT_LINE = /^[ \t]*\/\/[^\n]*$/gm;
/** A change of folder while the code runs: its relative paths are then in a folder the text cannot say. */
const CHANGES_FOLDER = /\bprocess\s*\.\s*chdir\(/;

/** True when the name at `position` is called on an object (`list.remove(`, `this.copy (`): a `.` before it. */
function isMethodCall(text: string, position: number): boolean {
  let before = position - 1;
  while (before >= 0 && before > position - 64 && (text[before] === ' ' || text[before] === '\t' || text[before] === '\n')) before--;
  return before >= 0 && text[before] === '.';
}

/** What each `fs` function does to the file it is given first. */
type FsOperation = 'write' | 'edit' | 'delete' | 'copy' | 'move';

const OPERATIONS = new Map<string, FsOperation>([
  ...['writeFileSync', 'writeFile', 'outputFileSync', 'outputFile', 'writeJsonSync', 'writeJson', 'outputJsonSync', 'outputJson', 'createWriteStream'].map((name) => [name, 'write'] as const),
  ...['appendFileSync', 'appendFile', 'truncateSync', 'truncate'].map((name) => [name, 'edit'] as const),
  ...['unlinkSync', 'unlink', 'rmSync', 'rm', 'rmdirSync', 'rmdir', 'removeSync', 'remove'].map((name) => [name, 'delete'] as const),
  ...['copyFileSync', 'copyFile', 'cpSync', 'cp', 'copySync', 'copy'].map((name) => [name, 'copy'] as const),
  ...['renameSync', 'rename', 'moveSync', 'move'].map((name) => [name, 'move'] as const),
]);

/**
 * Files a whole JavaScript or TypeScript script changes when run (`node fix.js`): as {@link javascriptFileEffects},
 * with `//` comment lines left out, and only absolute paths when the script changes its folder
 * (`process.chdir('pkg')`).
 */
export function javascriptScriptEffects(script: string): JavascriptFileEffects {
  const effects = javascriptFileEffects(script.replace(COMMENT_LINE, ''), false);
  if (!CHANGES_FOLDER.test(script)) return effects;
  const absolute = (files: string[]) => files.filter((file) => file.startsWith('/'));
  return { filesWritten: absolute(effects.filesWritten), filesEdited: absolute(effects.filesEdited), filesDeleted: absolute(effects.filesDeleted) };
}

/**
 * Files JavaScript code writes, edits or deletes: `writeFileSync(f, …)`, `createWriteStream(f)` and fs-extra's
 * `outputFile` write; `appendFileSync(f, …)` and `truncateSync(f)` edit; `unlinkSync(f)`, `rmSync(d, …)` delete;
 * `copyFileSync(a, b)` writes `b`; `renameSync(a, b)` deletes `a` and writes `b`. A call on `fs.` (or `fsp.`,
 * `fs.promises.`) is read in inline code (`node -e`, where `fs` is a global) and in code that loads the file-system
 * module; a function called by its bare name (`writeFileSync(…)`, not `list.remove(…)`) only in code that loads it.
 */
export function javascriptFileEffects(code: string, inline = true): JavascriptFileEffects {
  const text = code.length > MAXIMUM_JAVASCRIPT_CODE ? code.slice(0, MAXIMUM_JAVASCRIPT_CODE) : code;
  const effects: JavascriptFileEffects = { filesWritten: [], filesEdited: [], filesDeleted: [] };
  const loadsFs = LOADS_FS_MODULE.test(text);
  if (!loadsFs && !(inline && text.includes('fs'))) return effects;
  const names = new Map<string, string>();
  for (const match of text.matchAll(STRING_BINDING)) names.set(match[1], match[3]);
  const resolve = (literal: string | undefined, name: string | undefined): string | undefined => {
    const file = literal ?? (name === undefined ? undefined : names.get(name));
    return file !== undefined && looksLikePath(file) && !NOT_FILES.has(file) ? file : undefined;
  };
  for (const match of text.matchAll(FS_CALL)) {
    // A bare `rm(…)` is only the file-system's when the code loads that module, and `list.remove(…)` never is.
    if (match[1] === undefined && (!loadsFs || isMethodCall(text, match.index))) continue;
    const operation = OPERATIONS.get(match[2]) as FsOperation;
    const file = resolve(match[4], match[5]);
    if (file === undefined) continue;
    if (operation === 'write') addUnique(effects.filesWritten, file);
    else if (operation === 'edit') addUnique(effects.filesEdited, file);
    else if (operation === 'delete') addUnique(effects.filesDeleted, file);
    else {
      if (match[6] !== ',') continue;
      const after = SECOND_ARGUMENT.exec(text.slice(match.index + match[0].length, match.index + match[0].length + 400));
      const destination = after === null ? undefined : resolve(after[2], after[3]);
      if (destination === undefined) continue;
      addUnique(effects.filesWritten, destination);
      if (operation === 'move') addUnique(effects.filesDeleted, file);
    }
  }
  return effects;
}
