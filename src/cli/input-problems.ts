/**
 * What went wrong reading the input, for every command that reads logs (analyze, report, watch, inspect):
 * reader diagnostics as `file:line: message` on stderr, summarised past a limit, and the `--strict` rule.
 * Nothing read is dropped silently: every diagnostic is either listed or counted.
 */
import type { Diagnostic } from '../formats/reader.js';

/** Diagnostics listed one by one on stderr; the rest are counted in one line. */
export const MAXIMUM_LISTED_DIAGNOSTICS = 20;

/** The diagnostics of one file: those kept, and how many there were. */
export interface FileDiagnostics {
  file: string;
  diagnostics: readonly Diagnostic[];
  diagnosticCount: number;
}

/** One diagnostic as a person reads it. */
export function diagnosticLine(diagnostic: Diagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}: ${diagnostic.message}`;
}

/**
 * Lines describing the diagnostics of some files: the first {@link MAXIMUM_LISTED_DIAGNOSTICS} as
 * `file:line: message`, then `… and M more diagnostics in K files`.
 */
export function diagnosticLines(files: readonly FileDiagnostics[], listed = MAXIMUM_LISTED_DIAGNOSTICS): string[] {
  const lines: string[] = [];
  let unlisted = 0;
  let filesWithUnlisted = 0;
  for (const file of files) {
    const shown = file.diagnostics.slice(0, Math.max(0, listed - lines.length));
    for (const diagnostic of shown) lines.push(diagnosticLine(diagnostic));
    const rest = file.diagnosticCount - shown.length;
    if (rest > 0) {
      unlisted += rest;
      filesWithUnlisted++;
    }
  }
  if (unlisted > 0) lines.push(`… and ${unlisted} more diagnostic${unlisted === 1 ? '' : 's'} in ${filesWithUnlisted} file${filesWithUnlisted === 1 ? '' : 's'}`);
  return lines;
}

/** Writes the diagnostics of some files on stderr (see {@link diagnosticLines}). */
export function printDiagnostics(files: readonly FileDiagnostics[], write: (text: string) => void = (text) => process.stderr.write(text)): void {
  for (const line of diagnosticLines(files)) write(`wink: ${line}\n`);
}

/** Groups diagnostics by file, in the order the files first appear. */
export function diagnosticsByFile(diagnostics: readonly Diagnostic[]): FileDiagnostics[] {
  const files = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    const list = files.get(diagnostic.file) ?? [];
    list.push(diagnostic);
    files.set(diagnostic.file, list);
  }
  return [...files].map(([file, list]) => ({ file, diagnostics: list, diagnosticCount: list.length }));
}

/**
 * True when `--strict` must fail the command (exit 2): a diagnostic, or a file that is an agent log wink
 * could not read (no reader, unknown format, unreadable). Side files recognised as not agent logs do not count.
 */
export function failsStrict(input: { diagnosticCount: number; errors: ReadonlyArray<{ kind?: string }> }): boolean {
  return input.diagnosticCount > 0 || input.errors.some((error) => error.kind !== 'not-an-agent-log');
}

/** The `--strict` option's help text, the same for every command. */
export const STRICT_OPTION_HELP = 'exit 2 when any record was skipped (a diagnostic) or a log could not be read';
