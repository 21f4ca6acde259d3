/** The files a submitted diff (a benchmark run's final patch) changes. */
import { globMatches } from './glob.js';

/** One file of a submitted diff. */
export interface SubmittedFile {
  path: string;
  /** How the diff changes it. */
  change: 'added' | 'deleted' | 'modified';
}

/**
 * The header of one file in a git diff. The new path runs to the end of the line or to a stray line terminator
 * (`\r`): anchoring it with `$` made every ` b/` of a long header line rescan the rest of the line.
 */
const DIFF_FILE_HEADER = /^diff --git a\/.+? b\/(.+)/;

/** Most files read from one submission (a diff naming more is summarised by its first files). */
export const MAXIMUM_SUBMITTED_FILES = 200;

/** Files of a unified git diff, in order, each once. */
export function submittedFiles(diff: string | undefined): SubmittedFile[] {
  if (!diff) return [];
  const files: SubmittedFile[] = [];
  let current: SubmittedFile | undefined;
  for (const line of diff.split('\n')) {
    const header = DIFF_FILE_HEADER.exec(line);
    if (header) {
      if (files.length >= MAXIMUM_SUBMITTED_FILES) break;
      current = { path: header[1], change: 'modified' };
      files.push(current);
    } else if (current && line.startsWith('new file mode')) current.change = 'added';
    else if (current && line.startsWith('deleted file mode')) current.change = 'deleted';
  }
  return files;
}

/** A call's command text and changed files, as seen by {@link touchedSubmittedFiles}. */
export interface CallChanges {
  /** Normalised files the call wrote, edited or deleted. */
  changedFiles: string[];
  /** Command lines the call ran that may change files (read-only commands left out). */
  changingCommands: string[];
  /** Normalised patterns of files the call's commands may change without naming them (`find … -exec sed -i`). */
  changedPatterns?: string[];
}

/**
 * The submitted files this call touched: changed them by its effects, or named them in a command that may
 * write (a script, a heredoc, `git apply`). A submitted change no call touched was in the work tree before
 * the agent started (a benchmark harness's own edit) and is not the agent's.
 */
export function touchedSubmittedFiles(submitted: SubmittedFile[], changes: CallChanges): string[] {
  const touched: string[] = [];
  for (const file of submitted) {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    const byEffect = changes.changedFiles.some((changed) => changed === file.path || changed.endsWith(`/${file.path}`));
    const byCommand = changes.changingCommands.some((command) => command.includes(name));
    const byPattern = (changes.changedPatterns ?? []).some((pattern) => globMatches(pattern, file.path));
    if (byEffect || byCommand || byPattern) touched.push(file.path);
  }
  return touched;
}
