/**
 * Enumerates the regular expressions wink applies to agent and user text, so a ReDoS checker can look at
 * every one of them, including the ones a linter cannot see:
 *
 * - **source literals**: every `/…/flags` literal and every `new RegExp('constant')` in the source files
 *   (read with the TypeScript parser, so patterns local to a function are found too);
 * - **runtime exports**: every RegExp a core module exports, directly or inside exported arrays, objects,
 *   maps and sets (patterns assembled from strings with `new RegExp(…)`, like the constraint tables);
 * - **runtime builders**: patterns built inside functions ({@link RUNTIME_PATTERN_BUILDERS}), built as the code
 *   builds them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { RUNTIME_PATTERN_BUILDERS } from './runtime-pattern-builders.js';

/** One pattern found, with a name that says where it lives. */
export interface CollectedPattern {
  /** `file:line name` for literals, `module#export.path` for runtime exports, `builder:name` for builders. */
  name: string;
  /** Source file (relative to the repository root) the pattern comes from. */
  file: string;
  source: string;
  flags: string;
}

/** Folders under src/ whose patterns see agent or user text (the whole core plus the hook's translation layer). */
export const SCANNED_FOLDERS = ['trajectory', 'formats', 'taxonomy', 'detectors', 'engine', 'observer', 'guidance', 'eval', 'llm', 'integrations', 'config', 'store', 'report'];

/** Modules that run a program when imported (entry points, workers): their literals are still scanned, they are not imported. */
const NOT_IMPORTED = [/\/analysis-worker\.ts$/, /-worker\.ts$/, /\/worker\.ts$/];

function sourceFilesUnder(directory: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(directory).sort()) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) files.push(...sourceFilesUnder(path));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/** The TypeScript source files of the scanned folders. */
export function scannedSourceFiles(root: string): string[] {
  return SCANNED_FOLDERS.flatMap((folder) => sourceFilesUnder(join(root, 'src', folder)));
}

/** The name of the declaration, property or function a node sits in (for readable reports). */
function enclosingName(node: ts.Node): string {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if ((ts.isVariableDeclaration(current) || ts.isPropertyAssignment(current) || ts.isFunctionDeclaration(current) || ts.isMethodDeclaration(current)) && current.name) {
      return current.name.getText();
    }
  }
  return '(top level)';
}

/** Regular-expression literals and `new RegExp('constant')` calls in one file. */
export function literalPatternsOf(root: string, path: string): CollectedPattern[] {
  const text = readFileSync(path, 'utf8');
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const file = relative(root, path);
  const found: CollectedPattern[] = [];
  const add = (node: ts.Node, source: string, flags: string) => {
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push({ name: `${file}:${line} ${enclosingName(node)}`, file, source, flags });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(node)) {
      const literal = node.text;
      const end = literal.lastIndexOf('/');
      add(node, literal.slice(1, end), literal.slice(end + 1));
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const [pattern, flags] = node.arguments ?? [];
      const constant = (argument: ts.Expression | undefined) => (argument && (ts.isStringLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument)) ? argument.text : undefined);
      const source = constant(pattern);
      if (source !== undefined) add(node, source, constant(flags) ?? '');
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** Most nesting levels followed inside an exported value. */
const MAXIMUM_EXPORT_DEPTH = 6;

function patternsInValue(value: unknown, name: string, file: string, found: CollectedPattern[], seen: Set<unknown>, depth: number): void {
  if (value instanceof RegExp) {
    found.push({ name, file, source: value.source, flags: value.flags });
    return;
  }
  if (value === null || typeof value !== 'object' || seen.has(value) || depth > MAXIMUM_EXPORT_DEPTH) return;
  seen.add(value);
  if (value instanceof Map) {
    for (const [key, entry] of value) {
      patternsInValue(key, `${name}.key(${String(key)})`, file, found, seen, depth + 1);
      patternsInValue(entry, `${name}.get(${String(key)})`, file, found, seen, depth + 1);
    }
  } else if (value instanceof Set || Array.isArray(value)) {
    [...value].forEach((entry, index) => patternsInValue(entry, `${name}[${index}]`, file, found, seen, depth + 1));
  } else if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null) {
    for (const [key, entry] of Object.entries(value)) patternsInValue(entry, `${name}.${key}`, file, found, seen, depth + 1);
  }
}

/** RegExps the scanned modules export (directly or inside exported arrays, plain objects, maps and sets). */
export async function exportedPatterns(root: string): Promise<CollectedPattern[]> {
  const found: CollectedPattern[] = [];
  for (const path of scannedSourceFiles(root)) {
    if (NOT_IMPORTED.some((pattern) => pattern.test(path))) continue;
    const file = relative(root, path);
    const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    const seen = new Set<unknown>();
    for (const [exportName, value] of Object.entries(module)) patternsInValue(value, `${file}#${exportName}`, file, found, seen, 0);
  }
  return found;
}

/** Patterns the registered builders make. */
export function builtPatterns(): CollectedPattern[] {
  return RUNTIME_PATTERN_BUILDERS.flatMap((builder) =>
    builder.build().map((pattern, index) => ({ name: `builder:${builder.name}[${index}]`, file: builder.file, source: pattern.source, flags: pattern.flags })),
  );
}

/** Calls of `RegExp` with a non-constant pattern argument in one file (they need a registered builder). */
export function dynamicPatternSites(root: string, path: string): number {
  const sourceFile = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  let sites = 0;
  const visit = (node: ts.Node): void => {
    if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const pattern = node.arguments?.[0];
      if (pattern && !ts.isStringLiteral(pattern) && !ts.isNoSubstitutionTemplateLiteral(pattern)) sites++;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return sites;
}

/** Every pattern, each distinct source and flags once (the first name found is kept, the others listed). */
export async function collectPatterns(root: string): Promise<Array<CollectedPattern & { alsoNamed: string[] }>> {
  const all = [...scannedSourceFiles(root).flatMap((path) => literalPatternsOf(root, path)), ...(await exportedPatterns(root)), ...builtPatterns()];
  const byKey = new Map<string, CollectedPattern & { alsoNamed: string[] }>();
  for (const pattern of all) {
    const key = `/${pattern.source}/${pattern.flags}`;
    const existing = byKey.get(key);
    if (existing) existing.alsoNamed.push(pattern.name);
    else byKey.set(key, { ...pattern, alsoNamed: [] });
  }
  return [...byKey.values()];
}
