/** Shared helpers for command output and exit codes (DESIGN.md: 0 ok, 1 findings when asked, 2 usage/input error). */
import { WinkError } from '../errors.js';

/** Exit codes of every command. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Prints one JSON document on stdout and nothing else. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Writes an error for a person on stderr. */
export function printError(error: unknown): void {
  const message = error instanceof WinkError ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`wink: ${message}\n`);
}

/** Cuts text to one line of at most `width` characters, marking the cut. */
export function oneLine(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : flat.slice(0, Math.max(0, width - 1)) + '…';
}

/** Files skipped for the same reason beyond this many are summarised in one line instead of one line each. */
export const MAXIMUM_LISTED_UNKNOWN_FILES = 3;
const UNKNOWN_FORMAT = /unknown trajectory format/;
/** Reasons of skipped files that are summarised when many files share them (the others are always listed). */
const SUMMARISED_KINDS = new Set(['not-an-agent-log', 'no-reader', 'unknown-format']);

/** A skipped file: its path, why, and the kind of reason (`unknown-format`, `no-reader`, …) when known. */
export interface SkippedFile {
  file: string;
  message: string;
  kind?: string;
}

function kindOf(error: SkippedFile): string {
  return error.kind ?? (UNKNOWN_FORMAT.test(error.message) ? 'unknown-format' : 'unreadable');
}

function reasonOf(error: SkippedFile): string {
  return error.message.startsWith(`${error.file}: `) ? error.message.slice(error.file.length + 2) : error.message;
}

/**
 * Writes file errors on stderr. A directory often holds side files that are not agent logs (annotations,
 * reports) or logs wink has no reader for yet: when many files share such a reason, they are counted in one
 * line; other errors are always listed.
 */
export function printFileErrors(errors: readonly SkippedFile[], write: (line: string) => void = (line) => process.stderr.write(line)): void {
  const groups = new Map<string, SkippedFile[]>();
  for (const error of errors) {
    if (!SUMMARISED_KINDS.has(kindOf(error))) continue;
    const key = kindOf(error) === 'unknown-format' ? 'unknown-format' : reasonOf(error);
    groups.set(key, [...(groups.get(key) ?? []), error]);
  }
  const summarised = new Set([...groups.values()].filter((group) => group.length > MAXIMUM_LISTED_UNKNOWN_FILES).flat());
  for (const error of errors) {
    if (!summarised.has(error)) write(`wink: ${error.file}: ${reasonOf(error)}\n`);
  }
  for (const [key, group] of groups) {
    if (group.length <= MAXIMUM_LISTED_UNKNOWN_FILES) continue;
    if (key === 'unknown-format') write(`wink: skipped ${group.length} files that are not agent logs of a known format (first: ${group[0].file})\n`);
    else write(`wink: ${group.length} files: ${key} (first: ${group[0].file})\n`);
  }
}
