/**
 * Rule files read from disk, for the hooks: the agent loads them into its context at session start, but not
 * every version writes them to the transcript. Claude Code: `CLAUDE.md`, `CLAUDE.local.md`,
 * `.claude/CLAUDE.md` and `.claude/rules/*.md` in the working directory and each directory above it, the
 * user's `~/.claude/CLAUDE.md` and `~/.claude/rules/*.md`, and files they import with `@path` (up to
 * {@link MAXIMUM_IMPORT_DEPTH} levels). Codex: `AGENTS.md` (and `AGENTS.override.md`) likewise, and
 * `~/.codex/AGENTS.md`. Gemini CLI: `GEMINI.md` likewise, and `~/.gemini/GEMINI.md`. Every read is bounded;
 * a missing or unreadable file is skipped.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ruleFileLabel } from './sources.js';
import type { InstructionText } from './types.js';

/** Levels of `@path` imports followed (Claude Code's own limit). */
export const MAXIMUM_IMPORT_DEPTH = 5;
/** Most bytes read of one rule file. */
export const MAXIMUM_RULE_FILE_BYTES = 64 * 1024;
/** Most rule files read for one session. */
export const MAXIMUM_RULE_FILES = 40;
/** Most directories walked up from the working directory. */
export const MAXIMUM_PARENT_DIRECTORIES = 12;

/** The agents whose rule files wink knows. */
export type RuleFileAgent = 'claude-code' | 'codex' | 'gemini-cli';

/** File names per directory, and the user-level files, by agent. */
const LAYOUT: Record<RuleFileAgent, { names: string[]; rulesFolders: string[]; user: string[]; userRulesFolders: string[] }> = {
  'claude-code': { names: ['CLAUDE.md', 'CLAUDE.local.md', '.claude/CLAUDE.md'], rulesFolders: ['.claude/rules'], user: ['.claude/CLAUDE.md'], userRulesFolders: ['.claude/rules'] },
  codex: { names: ['AGENTS.override.md', 'AGENTS.md'], rulesFolders: [], user: ['.codex/AGENTS.override.md', '.codex/AGENTS.md'], userRulesFolders: [] },
  'gemini-cli': { names: ['GEMINI.md'], rulesFolders: [], user: ['.gemini/GEMINI.md'], userRulesFolders: [] },
};

/** An `@path` import on its own or in a list item (not an e-mail address, not inside code). */
const IMPORT_LINE = /(?:^|\s)@((?:~\/|\.{1,2}\/|\/)?[\w.-][\w./-]{0,200}\.(?:md|txt|markdown))\b/g;

function readBounded(file: string): string | undefined {
  let descriptor: number | undefined;
  try {
    if (!statSync(file).isFile()) return undefined;
    descriptor = openSync(file, 'r');
    const buffer = Buffer.allocUnsafe(MAXIMUM_RULE_FILE_BYTES);
    const length = readSync(descriptor, buffer, 0, MAXIMUM_RULE_FILE_BYTES, 0);
    return buffer.toString('utf8', 0, length);
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

function markdownFilesIn(folder: string): string[] {
  try {
    return readdirSync(folder)
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => join(folder, name));
  } catch {
    return [];
  }
}

/** The imports a rule file names, outside fenced code blocks and code spans. */
export function importsOf(text: string): string[] {
  const imports: string[] = [];
  let inFence = false;
  for (const line of text.split('\n')) {
    if (/^\s*(?:```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const outsideSpans = line.replace(/`[^`]*`/g, ' ');
    for (const match of outsideSpans.matchAll(IMPORT_LINE)) if (!imports.includes(match[1])) imports.push(match[1]);
  }
  return imports;
}

/** Options of {@link loadRuleFiles}. */
export interface RuleFileOptions {
  /** The user's home folder (default: the process's). */
  home?: string;
  /** Stop walking up at this folder (default: the first folder holding `.git`, else the filesystem root). */
  root?: string;
}

function repositoryRoot(start: string): string | undefined {
  let folder = start;
  for (let level = 0; level < MAXIMUM_PARENT_DIRECTORIES; level++) {
    try {
      statSync(join(folder, '.git'));
      return folder;
    } catch {
      const parent = dirname(folder);
      if (parent === folder) return undefined;
      folder = parent;
    }
  }
  return undefined;
}

/**
 * The rule files an agent loads for a session in `workingDirectory`, as instruction documents (step -1:
 * given before the first step), user files first, then from the top folder down to the working directory,
 * each followed by its imports.
 */
export function loadRuleFiles(agent: RuleFileAgent, workingDirectory: string, options: RuleFileOptions = {}): InstructionText[] {
  const layout = LAYOUT[agent];
  const home = options.home ?? homedir();
  const start = resolve(workingDirectory);
  const top = options.root ?? repositoryRoot(start);
  const folders: string[] = [];
  for (let folder = start, level = 0; level < MAXIMUM_PARENT_DIRECTORIES; level++) {
    folders.unshift(folder);
    if (folder === top) break;
    const parent = dirname(folder);
    if (parent === folder || parent === home) break;
    folder = parent;
  }
  const candidates: string[] = [];
  for (const name of layout.user) candidates.push(join(home, name));
  for (const folder of layout.userRulesFolders) candidates.push(...markdownFilesIn(join(home, folder)));
  for (const folder of folders) {
    for (const name of layout.names) candidates.push(join(folder, name));
    for (const rules of layout.rulesFolders) candidates.push(...markdownFilesIn(join(folder, rules)));
  }
  const documents: InstructionText[] = [];
  const seen = new Set<string>();
  const userFolder = `${resolve(home)}/`;
  const visit = (file: string, depth: number) => {
    if (seen.has(file) || documents.length >= MAXIMUM_RULE_FILES) return;
    seen.add(file);
    const text = readBounded(file);
    if (text === undefined || text.trim().length === 0) return;
    const inProject = file.startsWith(`${start}/`) || (top !== undefined && file.startsWith(`${top}/`));
    const label = !inProject && file.startsWith(userFolder) ? `your ~/${file.slice(userFolder.length)}` : ruleFileLabel(file, top ?? start);
    documents.push({ text, source: 'rule-file', label, step: -1, wholeRequest: false });
    if (depth >= MAXIMUM_IMPORT_DEPTH) return;
    for (const target of importsOf(text)) {
      const path = target.startsWith('~/') ? join(home, target.slice(2)) : isAbsolute(target) ? target : resolve(dirname(file), target);
      visit(path, depth + 1);
    }
  };
  for (const candidate of candidates) visit(candidate, 0);
  return documents;
}
