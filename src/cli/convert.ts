/** `wink convert <path> --to atif [--out <file or dir>]`: writes trajectories in an interchange format. */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { trajectoryToAtif } from '../formats/atif/writer.js';
import { listTrajectoryFiles, readFileTrajectories } from '../formats/read.js';
import type { Diagnostic, FormatId } from '../formats/reader.js';
import type { Trajectory } from '../trajectory/trajectory.js';
import { printError, printJson } from './output.js';

/** Formats `wink convert` can write. */
export const CONVERT_TARGETS = ['atif'] as const;
/** Extension of the files written for each target. */
const TARGET_EXTENSION = { atif: '.atif.json' } as const;

/** One written file, as `wink convert --json` reports it. */
export interface ConvertedFile {
  /** Log the trajectory was read from. */
  source: string;
  /** Session id of the trajectory. */
  sessionId: string;
  /** File written. */
  file: string;
}

/** The JSON document `wink convert --out … --json` prints. */
export interface ConvertDocument {
  to: (typeof CONVERT_TARGETS)[number];
  written: ConvertedFile[];
  diagnostics: Diagnostic[];
}

/** A file name made from a session id: path separators and unusual characters become `_`. */
export function fileNameFor(sessionId: string, used: Set<string>): string {
  const base = sessionId.replace(/^.*[\\/]/, '').replace(/\.(jsonl|json|traj)$/i, '').replace(/[^\w.-]+/g, '_').slice(0, 120) || 'trajectory';
  let name = base;
  for (let suffix = 2; used.has(name); suffix++) name = `${base}-${suffix}`;
  used.add(name);
  return name;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

export function registerConvert(program: Command): void {
  program
    .command('convert')
    .description('convert agent logs to an interchange format (one file per trajectory)')
    .argument('<path>', 'log file or directory')
    .requiredOption('--to <format>', `target format (${CONVERT_TARGETS.join(', ')})`)
    .option('--out <file or dir>', 'file (one trajectory) or directory to write; stdout when omitted and there is one trajectory')
    .option('--format <id>', 'force a reader instead of detecting the format')
    .option('--json', 'print one JSON document describing the files written')
    .action(async (path: string, options: { to: string; out?: string; format?: FormatId; json?: boolean }) => {
      if (!(CONVERT_TARGETS as readonly string[]).includes(options.to)) throw new UsageError(`cannot convert to "${options.to}" (known: ${CONVERT_TARGETS.join(', ')})`);
      const to = options.to as (typeof CONVERT_TARGETS)[number];
      const files = await listTrajectoryFiles(path);
      const read: { source: string; trajectory: Trajectory }[] = [];
      const diagnostics: Diagnostic[] = [];
      for (const file of files) {
        try {
          const result = await readFileTrajectories(file, { format: options.format });
          diagnostics.push(...result.diagnostics);
          for (const trajectory of result.trajectories) read.push({ source: file, trajectory });
        } catch (error) {
          if (files.length === 1) throw error;
          printError(error);
        }
      }
      if (!options.json) for (const diagnostic of diagnostics) process.stderr.write(`${diagnostic.file}:${diagnostic.line}: ${diagnostic.message}\n`);
      if (read.length === 0) throw new UsageError(`${path}: no trajectory found to convert`);
      if (!options.out) {
        if (read.length > 1) throw new UsageError(`${path} holds ${read.length} trajectories; give --out <directory> to write one file each`);
        printJson(trajectoryToAtif(read[0].trajectory));
        return;
      }
      const toDirectory = read.length > 1 || options.out.endsWith('/') || (await isDirectory(options.out));
      if (toDirectory) await mkdir(options.out, { recursive: true });
      const used = new Set<string>();
      const written: ConvertedFile[] = [];
      for (const { source, trajectory } of read) {
        const target = toDirectory ? join(options.out, fileNameFor(trajectory.session.id, used) + TARGET_EXTENSION[to]) : options.out;
        await writeFile(target, JSON.stringify(trajectoryToAtif(trajectory), null, 2) + '\n');
        written.push({ source, sessionId: trajectory.session.id, file: target });
      }
      if (options.json) printJson({ to, written, diagnostics } satisfies ConvertDocument);
      else process.stderr.write(`wrote ${written.length} ${to} file${written.length === 1 ? '' : 's'} to ${options.out}\n`);
    });
}
