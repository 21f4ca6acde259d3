/**
 * Batch analysis of files and directories of agent logs: list the files, read and analyse each (in
 * parallel on worker threads for large inputs), and compute the Wink paper's Table 1 over the result.
 * Library code: no command-line concerns (printing, exit codes) here.
 */
import { availableParallelism } from 'node:os';
import type { Detector } from '../detectors/define.js';
import { listTrajectoryFiles } from '../formats/read.js';
import type { FormatId } from '../formats/reader.js';
import type { Diagnostic } from '../formats/reader.js';
import { analyzeFile, type FileAnalysis, type SkipReason, type TrajectoryAnalysis } from './analyze-file.js';
import type { DetectorSettings } from './engine.js';
import { computePrevalence, type PrevalenceTable } from './prevalence.js';
import { analyzeFilesInWorkers } from './worker-pool.js';

export { MAXIMUM_KEPT_DIAGNOSTICS, type FileAnalysis, type SkipReason, type TrajectoryAnalysis } from './analyze-file.js';

/** Below this many files, starting worker threads costs more than it saves. */
export const MINIMUM_FILES_FOR_WORKERS = 8;

/** Options of a batch analysis. */
export interface AnalyzeFilesOptions {
  /**
   * Detectors to run. Defaults to all of wink's. A custom list cannot cross thread boundaries, so it is
   * always run in this thread.
   */
  detectors?: readonly Detector<object>[];
  /** Options per detector id (from the configuration). */
  settings?: DetectorSettings;
  /** Force a reader instead of detecting each file's format. */
  format?: FormatId;
  /** Threads to use (defaults to `os.availableParallelism()`); 1 analyses in this thread. */
  jobs?: number;
  /** Called after each file with the number done and the total. */
  onProgress?(done: number, total: number): void;
}

/** A skipped file and why. */
export interface FileError {
  file: string;
  message: string;
  /** The kind of reason (see {@link SkipReason}). */
  kind: SkipReason;
}

/** The result of a batch analysis. */
export interface AnalysisReport extends PrevalenceTable {
  /** Files analysed, in input order. */
  files: FileAnalysis[];
  /** Every trajectory analysed, in input order. */
  trajectories: TrajectoryAnalysis[];
  /** Files that were skipped. */
  errors: FileError[];
  /** Reader diagnostics of every file, in input order (at most MAXIMUM_KEPT_DIAGNOSTICS per file). */
  diagnostics: Diagnostic[];
  /** How many diagnostics there were in all, kept or not. */
  diagnosticCount: number;
  /** Threads used (1 when analysed in this thread). */
  threads: number;
}

/** Lists the trajectory files under each path, in the order given, without duplicates. */
export async function listInputFiles(paths: readonly string[]): Promise<string[]> {
  const seen = new Set<string>();
  const files: string[] = [];
  for (const path of paths) {
    for (const file of await listTrajectoryFiles(path)) {
      if (seen.has(file)) continue;
      seen.add(file);
      files.push(file);
    }
  }
  return files;
}

/** How many threads to use for `fileCount` files. */
export function threadCountFor(fileCount: number, options: Pick<AnalyzeFilesOptions, 'jobs' | 'detectors'>): number {
  if (options.detectors) return 1;
  const jobs = options.jobs ?? availableParallelism();
  if (jobs <= 1 || fileCount < MINIMUM_FILES_FOR_WORKERS) return 1;
  return Math.min(jobs, fileCount);
}

/** Analyses a list of files (see {@link analyzeFiles} for paths and directories). */
export async function analyzeFileList(files: readonly string[], options: AnalyzeFilesOptions = {}): Promise<AnalysisReport> {
  const threads = threadCountFor(files.length, options);
  let done = 0;
  const onDone = (): void => {
    done++;
    options.onProgress?.(done, files.length);
  };
  let analyses: FileAnalysis[];
  if (threads > 1) {
    analyses = await analyzeFilesInWorkers(files, threads, { settings: options.settings, format: options.format }, onDone);
  } else {
    analyses = [];
    for (const file of files) {
      analyses.push(await analyzeFile(file, options));
      onDone();
    }
  }
  const trajectories = analyses.flatMap((analysis) => analysis.trajectories);
  const errors = analyses.filter((analysis) => analysis.error !== undefined).map((analysis) => ({ file: analysis.file, message: analysis.error as string, kind: analysis.skip ?? 'unreadable' }));
  const diagnostics = analyses.flatMap((analysis) => analysis.diagnostics);
  const diagnosticCount = analyses.reduce((total, analysis) => total + analysis.diagnosticCount, 0);
  return { files: analyses, trajectories, errors, diagnostics, diagnosticCount, threads, ...computePrevalence(trajectories) };
}

/**
 * Analyses files or directories of any supported format. Throws an InputError when a path does not exist;
 * a file that cannot be read is skipped and listed in `errors`.
 */
export async function analyzeFiles(paths: readonly string[], options: AnalyzeFilesOptions = {}): Promise<AnalysisReport> {
  return analyzeFileList(await listInputFiles(paths), options);
}
