/**
 * A JSON Lines session log damaged the way real ones are — one malformed line in the middle, or a last line
 * cut off mid-write — next to the undamaged log and to the log without its last line, each in a folder of
 * its own under the same file name, for the commands' end-to-end tests (analyze, report, watch, inspect).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryPath } from './shared-data.js';

/** The example the damage is done to: a Claude Code session with a loop wink finds. */
export const DAMAGED_EXAMPLE = 'examples/claude-code-build-loop.jsonl';
/** A line that is not JSON. */
export const MALFORMED_LINE = '{"type":"assistant","message":{"role":"assistant","content":[{"type":"text"';

export interface DamagedLogs {
  /** The example as it is. */
  clean: string;
  /** The example with {@link MALFORMED_LINE} inserted at line {@link DamagedLogs.malformedLine}. */
  malformedMiddle: string;
  malformedLine: number;
  /** The example with its last line cut in half (no newline after it), at line {@link DamagedLogs.truncatedLine}. */
  truncatedLast: string;
  truncatedLine: number;
  /** The example without its last line: what the truncated log can still give. */
  withoutLast: string;
}

function write(directory: string, folder: string, name: string, lines: string[]): string {
  mkdirSync(join(directory, folder), { recursive: true });
  const file = join(directory, folder, name);
  writeFileSync(file, lines.join('\n'));
  return file;
}

/** Writes the damaged logs under `directory`. */
export function writeDamagedLogs(directory: string, example = DAMAGED_EXAMPLE): DamagedLogs {
  const lines = readFileSync(repositoryPath(example), 'utf8').split('\n').filter((line) => line.length > 0);
  const name = example.split('/').pop() as string;
  const middle = Math.floor(lines.length / 2);
  const last = lines.length - 1;
  return {
    clean: write(directory, 'clean', name, [...lines, '']),
    malformedMiddle: write(directory, 'malformed-middle', name, [...lines.slice(0, middle), MALFORMED_LINE, ...lines.slice(middle), '']),
    malformedLine: middle + 1,
    truncatedLast: write(directory, 'truncated-last', name, [...lines.slice(0, last), lines[last].slice(0, Math.floor(lines[last].length / 2))]),
    truncatedLine: last + 1,
    withoutLast: write(directory, 'without-last', name, [...lines.slice(0, last), '']),
  };
}
