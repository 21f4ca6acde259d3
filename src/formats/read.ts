/** Reading trajectories from files and directories with the right reader. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { SessionMetadata } from '../trajectory/session.js';
import type { Trajectory } from '../trajectory/trajectory.js';
import { TrajectoryAssembler } from './assembler.js';
import { chooseReader, sampleFile } from './detect.js';
import { isListedOtherFile } from './other-files.js';
import type { Diagnostic, FormatId, FormatReader, ReadResult, ReaderOutput, SessionSeed, StepListener } from './reader.js';
import { allReaders, readerById } from './registry.js';

/** Options for reading. */
export interface ReadOptions {
  /** Force a reader instead of detecting one. */
  format?: FormatId;
  /** Readers to choose from (defaults to all). */
  readers?: readonly FormatReader[];
}

function sessionFromSeed(seed: SessionSeed, file: string, format: string, ordinal: number): SessionMetadata {
  const session = { ...seed, sourceFile: file, format } as SessionMetadata;
  if (!session.id) session.id = ordinal === 0 ? file : `${file}#${ordinal + 1}`;
  return session;
}

async function pickReader(file: string, options: ReadOptions): Promise<FormatReader> {
  if (options.format) return readerById(options.format);
  let sample;
  try {
    sample = await sampleFile(file);
  } catch (error) {
    throw new InputError(file, `cannot read file (${(error as Error).message})`, { cause: error });
  }
  return chooseReader(sample, options.readers ?? allReaders);
}

/** Runs a reader over a file, streaming steps to a listener; returns the format and diagnostics. */
export async function streamFile(file: string, listener: StepListener, options: ReadOptions = {}): Promise<{ format: FormatId; diagnostics: Diagnostic[] }> {
  const reader = await pickReader(file, options);
  const diagnostics: Diagnostic[] = [];
  await runReader(reader, file, diagnostics, false, listener);
  return { format: reader.id, diagnostics };
}

/** Reads every trajectory in one file. */
export async function readFileTrajectories(file: string, options: ReadOptions = {}): Promise<ReadResult> {
  const reader = await pickReader(file, options);
  const diagnostics: Diagnostic[] = [];
  const trajectories = await runReader(reader, file, diagnostics, true);
  return { file, format: reader.id, trajectories, diagnostics };
}

async function runReader(reader: FormatReader, file: string, diagnostics: Diagnostic[], keepSteps: boolean, listener?: StepListener): Promise<Trajectory[]> {
  const assemblers: TrajectoryAssembler[] = [];
  const finish = (assembler: TrajectoryAssembler): void => {
    if (assembler.isEnded) return;
    assembler.flush();
    listener?.onTrajectoryEnd?.(assembler.session, assembler.stepCount);
    assembler.end();
  };
  const output: ReaderOutput = {
    begin(seed) {
      const previous = assemblers[assemblers.length - 1];
      if (previous) finish(previous);
      const session = sessionFromSeed(seed, file, reader.id, assemblers.length);
      listener?.onTrajectoryStart?.(session);
      const assembler = new TrajectoryAssembler(session, {
        file,
        format: reader.id,
        keepSteps,
        holdCallsForResults: true,
        onStep: listener ? (step, stepSession) => listener.onStep(step, stepSession) : undefined,
        diagnostic: (line, message) => diagnostics.push({ file, line, message }),
      });
      assemblers.push(assembler);
      return assembler;
    },
    diagnostic(line, message) {
      diagnostics.push({ file, line, message });
    },
  };
  try {
    await reader.read(file, output);
  } catch (error) {
    throw new InputError(file, `cannot read file (${(error as Error).message})`, { cause: error });
  }
  const trajectories: Trajectory[] = [];
  for (const assembler of assemblers) {
    finish(assembler);
    const trajectory = assembler.end();
    if (trajectory) trajectories.push(trajectory);
  }
  return trajectories;
}

/** File names that are never trajectories (side files next to real logs). */
const IGNORED_FILES = /(?:^|\/)(?:report\.json|results_summary\.csv|args\.yaml|all_preds\.jsonl|config\.json|settings\.json|package\.json|package-lock\.json)$/;
/** Extensions that can hold trajectories. */
const TRAJECTORY_EXTENSIONS = /\.(?:jsonl|json|traj)$/i;
/** Hidden folders that hold agent logs (other hidden folders are passed over). */
const LOG_FOLDERS = new Set(['.claude', '.codex', '.gemini', '.specstory']);

/**
 * Lists the candidate trajectory files under a path: the path itself when it is a file, or every
 * `.jsonl`, `.json` and `.traj` file below a directory (sorted, node_modules and hidden folders skipped
 * except the agents' own: `.claude`, `.codex`, `.gemini`, `.specstory`), and SpecStory's Markdown histories
 * (`.specstory/history/*.md`), read by the `specstory` reader.
 * Sub-agent transcripts of Claude Code (`<session>/subagents/…`) are left to their parent's reader.
 */
export async function listTrajectoryFiles(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new InputError(path, 'no such file or directory', { cause: error });
  }
  if (info.isFile()) return [path];
  const files: string[] = [];
  const walk = async (directory: string): Promise<void> => {
    const entries = await readdir(directory, { withFileTypes: true });
    entries.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') && !LOG_FOLDERS.has(entry.name)) continue;
        if (entry.name === 'node_modules' || entry.name === 'subagents') continue;
        await walk(full);
      } else if (entry.isFile() && ((TRAJECTORY_EXTENSIONS.test(entry.name) && !IGNORED_FILES.test(full)) || isListedOtherFile(full))) {
        files.push(full);
      }
    }
  };
  await walk(path);
  return files;
}
