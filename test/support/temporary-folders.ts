/**
 * Temporary folders of the tests. Every folder a test makes in the system temp folder has a name starting with
 * one of {@link TEST_TEMPORARY_PREFIXES} and is removed by the test that made it; the global setup
 * (`temporary-folder-check.ts`) fails the run when any is left. A folder is removed only once the processes
 * the test started into it (hooks' detached workers, whose WINK_HOME is inside it) have ended, otherwise
 * one of them could make it again after its removal.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { onTestFinished } from 'vitest';

/** How the names of the temporary files and folders made by the tests (and by the commands they run) start. */
export const TEST_TEMPORARY_PREFIXES = ['wink-'] as const;

/** Longest wait for the processes started into a folder before it is removed anyway. */
export const PROCESS_WAIT_MILLISECONDS = 30_000;
const POLL_MILLISECONDS = 50;
/** Time left for the removal itself after the longest wait. */
const REMOVAL_MILLISECONDS = 10_000;

/** The names, among `names`, of entries made by the tests. */
export function testMadeEntries(names: readonly string[], prefixes: readonly string[] = TEST_TEMPORARY_PREFIXES): string[] {
  return names.filter((name) => prefixes.some((prefix) => name.startsWith(prefix))).sort();
}

/** True when an environment (as in /proc/<pid>/environ: NUL-separated) has WINK_HOME in `folder` or below. */
export function environmentUsesFolder(environ: string, folder: string): boolean {
  return environ.split('\0').some((entry) => {
    if (!entry.startsWith('WINK_HOME=')) return false;
    const home = entry.slice('WINK_HOME='.length);
    return home === folder || home.startsWith(folder + sep);
  });
}

/** Other processes whose WINK_HOME is in `folder` (Linux, through /proc; elsewhere none are found). */
export function processesUsingFolder(folder: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (environmentUsesFolder(readFileSync(join('/proc', entry, 'environ'), 'latin1'), folder)) found.push(Number(entry));
    } catch {
      // the process has ended, or is not ours to read
    }
  }
  return found;
}

/** Removes a temporary folder once no process started into it is left (waiting at most {@link PROCESS_WAIT_MILLISECONDS}). */
export async function removeTemporaryFolder(folder: string): Promise<void> {
  const deadline = Date.now() + PROCESS_WAIT_MILLISECONDS;
  while (processesUsingFolder(folder).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, POLL_MILLISECONDS));
  rmSync(folder, { recursive: true, force: true });
}

/** Makes a folder in the system temp folder, removed when the current test finishes (call it inside a test). */
export function temporaryFolder(prefix: string): string {
  if (!testMadeEntries([prefix]).length) throw new Error(`a test's temporary folder must start with ${TEST_TEMPORARY_PREFIXES.join(' or ')}: ${prefix}`);
  const folder = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => removeTemporaryFolder(folder), PROCESS_WAIT_MILLISECONDS + REMOVAL_MILLISECONDS);
  return folder;
}
