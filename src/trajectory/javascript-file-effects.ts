/**
 * Files JavaScript or TypeScript code changes (`node -e`, a script run with `node`, `tsx`, `ts-node`, `bun` or
 * `deno run`), from its text alone: calls of Node's `fs` module (and `fs/promises`, `fs-extra`), of `Bun.write`
 * and of Deno's file functions, whose path is a string literal or a name bound to one before the call
 * (`const file = 'package.json'`). A path computed at run time (`path.join(__dirname, …)`, a template with
 * `${…}`) is left out, and so is anything in a comment or inside a string (see `javascript-code.ts`).
 */
import { addUnique, looksLikePath, NOT_FILES } from './effect-lists.js';
import { insideString, javascriptCode } from './javascript-code.js';
import type { PythonFileEffects } from './python-file-effects.js';

/** Files JavaScript code writes, edits or deletes (the same lists as Python's). */
export type JavascriptFileEffects = PythonFileEffects;

/** Most characters of JavaScript code read for file changes (head only). */
export const MAXIMUM_JAVASCRIPT_CODE = 20_000;

/** What a file function does to the file it is given first (`open` by the flags it is given second). */
type FileOperation = 'write' | 'edit' | 'delete' | 'copy' | 'move' | 'open';

const FS_OPERATIONS = new Map<string, FileOperation>([
  ...['writeFileSync', 'writeFile', 'outputFileSync', 'outputFile', 'writeJsonSync', 'writeJson', 'outputJsonSync', 'outputJson', 'createWriteStream'].map((name) => [name, 'write'] as const),
  ...['appendFileSync', 'appendFile', 'truncateSync', 'truncate'].map((name) => [name, 'edit'] as const),
  ...['unlinkSync', 'unlink', 'rmSync', 'rm', 'rmdirSync', 'rmdir', 'removeSync', 'remove'].map((name) => [name, 'delete'] as const),
  ...['copyFileSync', 'copyFile', 'cpSync', 'cp', 'copySync', 'copy'].map((name) => [name, 'copy'] as const),
  ...['renameSync', 'rename', 'moveSync', 'move'].map((name) => [name, 'move'] as const),
  ...['openSync', 'open'].map((name) => [name, 'open'] as const),
]);
/** Deno's own file functions (on the `Deno` global). */
const DENO_OPERATIONS = new Map<string, FileOperation>([
  ['writeTextFile', 'write'],
  ['writeTextFileSync', 'write'],
  ['writeFile', 'write'],
  ['writeFileSync', 'write'],
  ['truncate', 'edit'],
  ['truncateSync', 'edit'],
  ['remove', 'delete'],
  ['removeSync', 'delete'],
  ['copyFile', 'copy'],
  ['copyFileSync', 'copy'],
  ['rename', 'move'],
  ['renameSync', 'move'],
]);
/** Bun's own file function (on the `Bun` global). */
const BUN_OPERATIONS = new Map<string, FileOperation>([['write', 'write']]);
/** Objects the file system is usually bound to without a visible import (node -e's `fs` global, common names). */
const USUAL_FS_NAMES = ['fs', 'fsp', 'fse', 'fsPromises', 'fsExtra', 'promises'];

/** `const file = 'x'` (or `let`, `var`): a string bound to a name, so `writeFileSync(file, …)` resolves. */
const STRING_BINDING = /\b(?:const|let|var)\s+([A-Z_$][\w$]{0,60})\s*=\s*(['"`])([^'"`\n$]{1,300})\2/gi;
/**
 * A call with a path first: the function, then the path as a literal or a name, and what follows it (`,` or
 * `)`). The object it is called on is read backwards from the function (see {@link objectBefore}).
 */
const FILE_CALL = /\b([A-Z]\w{0,30})\s*\(\s*(?:(['"`])([^'"`\n$]{1,300})\2|([A-Z_$][\w$]{0,60}))\s*([,)])/gi;
/** `require('fs')` at the end of a text: the module called on directly (`require('fs').rmSync(…)`). */
const REQUIRE_AT_END = /require\(\s*['"](?:node:)?fs(?:\/promises|-extra)?['"]\s*\)$/;
/** Most characters read backwards from a function for the object it is called on. */
const MAXIMUM_OBJECT_LOOKBACK = 64;
/** The second argument of a call (a copy's destination, `open`'s flags): a literal or a name. */
const SECOND_ARGUMENT = /^\s*(?:(['"`])([^'"`\n$]{1,300})\1|([A-Z_$][\w$]{0,60}))\s*[,)]/i;
/** The code loads the file-system module: `require('fs')`, `from 'node:fs/promises'`, `import('fs-extra')`. */
const LOADS_FS_MODULE = /(?:\brequire\(|\bimport\(|\bfrom)\s*['"](?:node:)?fs(?:\/promises|-extra)?['"]/;
/** `import fs from 'fs'`, `import * as nodeFs from 'node:fs'`: a name the module is bound to. */
const IMPORTED_MODULE = /\bimport\s+(?:\*\s*as\s+)?([A-Z_$][\w$]{0,60})\s+from\s*['"](?:node:)?fs(?:\/promises|-extra)?['"]/gi;
/** `const nodeFs = require('fs')`: a name the module is bound to. */
const REQUIRED_MODULE = /\b(?:const|let|var)\s+([A-Z_$][\w$]{0,60})\s*=\s*require\(\s*['"](?:node:)?fs(?:\/promises|-extra)?['"]\s*\)/gi;
/** `import { writeFileSync, rm } from 'fs'`, `const { writeFileSync } = require('node:fs')`: the functions named. */
const IMPORTED_FUNCTIONS = /(?:\bimport\s*\{([^{}]{0,2000})\}\s*from\s*|\b(?:const|let|var)\s*\{([^{}]{0,2000})\}\s*=\s*require\(\s*)['"](?:node:)?fs(?:\/promises|-extra)?['"]/gi;
/** A change of folder while the code runs: its relative paths are then in a folder the text cannot say. */
const CHANGES_FOLDER = /\bprocess\s*\.\s*chdir\(|\bDeno\s*\.\s*chdir\(/;

/**
 * Files a whole JavaScript or TypeScript script changes when run (`node fix.js`): as {@link javascriptFileEffects},
 * with only absolute paths when the script changes its folder (`process.chdir('pkg')`), and only in a script that
 * loads the file-system module or calls Bun's or Deno's own file functions.
 */
export function javascriptScriptEffects(script: string): JavascriptFileEffects {
  const effects = javascriptFileEffects(script, false);
  if (!CHANGES_FOLDER.test(script)) return effects;
  const absolute = (files: string[]) => files.filter((file) => file.startsWith('/'));
  return { filesWritten: absolute(effects.filesWritten), filesEdited: absolute(effects.filesEdited), filesDeleted: absolute(effects.filesDeleted) };
}

/**
 * Files JavaScript code writes, edits or deletes: `writeFileSync(f, …)`, `createWriteStream(f)`, fs-extra's
 * `outputFile`, `Bun.write(f, …)` and `Deno.writeTextFile(f, …)` write; `appendFileSync(f, …)` and `truncateSync(f)`
 * edit; `unlinkSync(f)`, `rmSync(d, …)`, `Deno.remove(f)` delete; `copyFileSync(a, b)` writes `b`;
 * `renameSync(a, b)` deletes `a` and writes `b`; `openSync(f, 'w')` writes and `openSync(f, 'a')` edits. A call on
 * the module is read on the names it is bound to (`import * as nodeFs from 'node:fs'`, `const fs = require('fs')`,
 * `require('fs').`), and in inline code (`node -e`, where `fs` is a global) on the usual names (`fs.`, `fsp.`,
 * `fs.promises.`); a function called by its bare name only when the code imports it from the module
 * (`import { rmSync } from 'fs'`), and not where it is defined (`function remove(file) {`).
 */
export function javascriptFileEffects(code: string, inline = true): JavascriptFileEffects {
  const effects: JavascriptFileEffects = { filesWritten: [], filesEdited: [], filesDeleted: [] };
  const head = code.length > MAXIMUM_JAVASCRIPT_CODE ? code.slice(0, MAXIMUM_JAVASCRIPT_CODE) : code;
  if (!LOADS_FS_MODULE.test(head) && !head.includes('Bun') && !head.includes('Deno') && !(inline && head.includes('fs'))) return effects;
  const { text, strings } = javascriptCode(head);
  const loadsFs = LOADS_FS_MODULE.test(text);
  const moduleNames = new Set<string>(inline || loadsFs ? USUAL_FS_NAMES : []);
  for (const match of text.matchAll(IMPORTED_MODULE)) moduleNames.add(match[1]);
  for (const match of text.matchAll(REQUIRED_MODULE)) moduleNames.add(match[1]);
  const importedFunctions = new Set<string>();
  for (const match of text.matchAll(IMPORTED_FUNCTIONS)) {
    for (const part of (match[1] ?? match[2]).split(',')) {
      const name = part.trim().split(/\s|:/)[0];
      if (FS_OPERATIONS.has(name)) importedFunctions.add(name);
    }
  }
  const bindings = new Map<string, Array<[number, string]>>();
  for (const match of text.matchAll(STRING_BINDING)) {
    if (insideString(strings, match.index)) continue;
    const list = bindings.get(match[1]) ?? [];
    list.push([match.index, match[3]]);
    bindings.set(match[1], list);
  }
  /** The path a literal names, or the last string bound to a name before `position` (the first, when all come after). */
  const resolve = (literal: string | undefined, name: string | undefined, position: number): string | undefined => {
    let file = literal;
    const bound = name === undefined ? undefined : bindings.get(name);
    if (file === undefined && bound !== undefined) {
      file = bound[0][1];
      for (const [index, value] of bound) if (index < position) file = value;
    }
    return file !== undefined && looksLikePath(file) && !NOT_FILES.has(file) ? file : undefined;
  };
  for (const match of text.matchAll(FILE_CALL)) {
    const object = objectBefore(text, match.index);
    const operation = object === null ? undefined : operationOf(object, match[1], moduleNames, importedFunctions);
    if (operation === undefined || insideString(strings, match.index) || (object === undefined && isDefinition(text, match.index, match.index + match[0].length))) continue;
    const file = resolve(match[3], match[4], match.index);
    if (file === undefined) continue;
    if (operation === 'write') addUnique(effects.filesWritten, file);
    else if (operation === 'edit') addUnique(effects.filesEdited, file);
    else if (operation === 'delete') addUnique(effects.filesDeleted, file);
    else {
      if (match[5] !== ',') continue;
      const after = SECOND_ARGUMENT.exec(text.slice(match.index + match[0].length, match.index + match[0].length + 400));
      if (after === null) continue;
      if (operation === 'open') {
        const flags = after[2] ?? '';
        if (/[wx]/.test(flags)) addUnique(effects.filesWritten, file);
        else if (/[a+]/.test(flags)) addUnique(effects.filesEdited, file);
        continue;
      }
      const destination = resolve(after[2], after[3], match.index);
      if (destination === undefined) continue;
      addUnique(effects.filesWritten, destination);
      if (operation === 'move') addUnique(effects.filesDeleted, file);
    }
  }
  return effects;
}

/**
 * The object a function at `position` is called on: undefined for a bare call (`rmSync(…)`), the name before the
 * `.` (`fs`, `Deno`; `fs` for `fs.promises.`; `require` for `require('fs').`), or null for a member of anything
 * else (`list.remove(…)`, `a().rm(…)`).
 */
function objectBefore(text: string, position: number, floor = Math.max(0, position - MAXIMUM_OBJECT_LOOKBACK)): string | undefined | null {
  let end = position - 1;
  while (end >= floor && /\s/.test(text[end])) end--;
  if (end < floor || text[end] !== '.') return undefined;
  end--;
  while (end >= floor && /\s/.test(text[end])) end--;
  if (end >= floor && text[end] === ')') return REQUIRE_AT_END.test(text.slice(floor, end + 1)) ? 'require' : null;
  let start = end;
  while (start >= floor && /[\w$]/.test(text[start])) start--;
  const name = text.slice(start + 1, end + 1);
  if (name === '') return null;
  // `fs.promises.writeFile(…)`: the module is the name before `.promises`.
  if (name === 'promises' && start >= floor && text[start] === '.') {
    const outer = objectBefore(text, start + 1, floor);
    return outer === undefined ? null : outer;
  }
  return name;
}

/** What a call does to a file, by the object it is called on and its name; undefined for no file function. */
function operationOf(object: string | undefined, name: string, moduleNames: ReadonlySet<string>, importedFunctions: ReadonlySet<string>): FileOperation | undefined {
  if (object === undefined) return importedFunctions.has(name) ? FS_OPERATIONS.get(name) : undefined;
  if (object === 'Deno') return DENO_OPERATIONS.get(name);
  if (object === 'Bun') return BUN_OPERATIONS.get(name);
  return object === 'require' || moduleNames.has(object) ? FS_OPERATIONS.get(name) : undefined;
}

/** True when a bare name at `start` is being defined, not called: `function remove(file) {`, a method `remove(file) {`. */
function isDefinition(text: string, start: number, end: number): boolean {
  let before = start - 1;
  while (before >= 0 && start - before < 64 && /\s/.test(text[before])) before--;
  if (before >= 7 && text.slice(before - 7, before + 1) === 'function') return true;
  let after = end;
  while (after < text.length && after - end < 64 && /\s/.test(text[after])) after++;
  return text[end - 1] === ')' && (text[after] === '{' || text[after] === ':');
}
