/**
 * The files a patch changes, from its text: Codex's `*** Begin Patch` format (`*** Add File:`, `*** Update File:`,
 * `*** Delete File:`, `*** Move to:`) or a unified diff (`--- old` / `+++ new` headers, `/dev/null` for a file
 * created or removed), with the text each hunk replaces. Used for patch tools (Codex `apply_patch`) and for the
 * diff a shell command feeds to `patch` or `git apply`.
 */
import type { ToolEffects } from './tool-effects.js';

/**
 * The path of a unified-diff file header (`+++ b/src/a.ts`, `--- a/src/a.ts\t2024-01-02 10:00`): the text after
 * the marker, without the `a/` or `b/` prefix, a timestamp after a tab, and trailing spaces; undefined when the
 * line is not such a header or names nothing.
 * Read by hand: `/^\+\+\+ (?:b\/)?(.+?)\s*$/` took quadratic time on a header followed by a long run of spaces.
 */
export function diffHeaderPath(line: string, marker: '+++ ' | '--- ', prefix: 'a/' | 'b/'): string | undefined {
  if (!line.startsWith(marker)) return undefined;
  const tab = line.indexOf('\t', marker.length);
  const rest = (tab === -1 ? line.slice(marker.length) : line.slice(marker.length, tab)).trimEnd();
  const path = rest.startsWith(prefix) && rest.length > prefix.length ? rest.slice(prefix.length) : rest;
  return path.length > 0 ? path : undefined;
}

/** Parses a patch (Codex `*** Begin Patch` format or a unified diff) into its file effects. */
export function patchEffects(patch: string): ToolEffects {
  const effects: ToolEffects = { action: 'edit', filesRead: [], filesWritten: [], filesEdited: [], filesDeleted: [], commands: [], edits: [], reads: [] };
  const lines = patch.split('\n');
  let currentFile: string | undefined;
  /** The `---` side of the header pair being read: '/dev/null' for a file the patch creates. */
  let oldSide: string | undefined;
  let oldLines: string[] = [];
  let newLines: string[] = [];
  const flushHunk = () => {
    if (currentFile && (oldLines.length > 0 || newLines.length > 0)) {
      effects.edits.push({ file: currentFile, oldText: oldLines.join('\n'), newText: newLines.join('\n') });
    }
    oldLines = [];
    newLines = [];
  };
  const add = (list: string[], file: string) => {
    if (!list.includes(file)) list.push(file);
  };
  for (const line of lines) {
    let match: RegExpExecArray | null;
    let header: string | undefined;
    if ((match = /^\*\*\* (Add|Update|Delete) File: (.+)$/.exec(line))) {
      flushHunk();
      currentFile = match[2].trim();
      if (match[1] === 'Add') add(effects.filesWritten, currentFile);
      else if (match[1] === 'Delete') add(effects.filesDeleted, currentFile);
      else add(effects.filesEdited, currentFile);
    } else if ((match = /^\*\*\* Move to: (.+)$/.exec(line))) {
      if (currentFile) add(effects.filesDeleted, currentFile);
      currentFile = match[1].trim();
      add(effects.filesWritten, currentFile);
    } else if ((header = diffHeaderPath(line, '+++ ', 'b/')) !== undefined && header !== '/dev/null') {
      flushHunk();
      currentFile = header;
      add(oldSide === '/dev/null' ? effects.filesWritten : effects.filesEdited, currentFile);
      oldSide = undefined;
    } else if (header === '/dev/null') {
      flushHunk();
      if (currentFile) add(effects.filesDeleted, currentFile);
      oldSide = undefined;
    } else if ((header = diffHeaderPath(line, '--- ', 'a/')) !== undefined) {
      flushHunk();
      oldSide = header;
      currentFile = header === '/dev/null' ? undefined : header;
    } else if (line.startsWith('@@')) {
      flushHunk();
    } else if (line.startsWith('-') && !line.startsWith('---')) {
      oldLines.push(line.slice(1));
    } else if (line.startsWith('+') && !line.startsWith('+++')) {
      newLines.push(line.slice(1));
    }
  }
  flushHunk();
  return effects;
}
