/**
 * Vitest global setup: the tests' temporary folders are all removed. Before any worker starts, it points the
 * system temp folder (TMPDIR, and TMP and TEMP on Windows) at a folder of this run only, which the workers and
 * every process they start inherit; after the last test file it counts the entries the tests made there
 * (see {@link TEST_TEMPORARY_PREFIXES}), removes the folder, and fails the run when that count is not zero.
 * A run folder of its own makes the count exact whatever else runs on the machine (another test run, a hook
 * of a real agent): only this run writes there.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testMadeEntries } from './temporary-folders.js';

const TEMPORARY_FOLDER_VARIABLES = ['TMPDIR', 'TMP', 'TEMP'] as const;
/** How many left entries the failure names. */
const LISTED_ENTRIES = 20;

/** The failure message for the entries left in the run's temp folder. */
export function leftEntriesMessage(left: readonly string[]): string {
  const listed = left.slice(0, LISTED_ENTRIES).join(', ');
  const more = left.length > LISTED_ENTRIES ? `, and ${left.length - LISTED_ENTRIES} more` : '';
  return `the tests left ${left.length} temporary ${left.length === 1 ? 'entry' : 'entries'} in the temp folder (each test must remove what it makes): ${listed}${more}`;
}

export function setup(): () => void {
  const runFolder = mkdtempSync(join(tmpdir(), 'wink-test-run-'));
  const saved = TEMPORARY_FOLDER_VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const name of TEMPORARY_FOLDER_VARIABLES) process.env[name] = runFolder;
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    const left = testMadeEntries(readdirSync(runFolder));
    rmSync(runFolder, { recursive: true, force: true });
    if (left.length > 0) {
      // Vitest reports an error thrown here but still exits 0: the exit code is set as well.
      process.exitCode = 1;
      throw new Error(leftEntriesMessage(left));
    }
  };
}
