/**
 * `wink report <paths… | --store [--store-path file]> --out report.html`: the Wink paper's and the
 * misalignment study's tables and charts as one self-contained HTML file, from recorded logs (analysed with
 * the `wink analyze` library) or from the store of live runs; `--json` prints the computed views instead.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { analyzeFileList, listInputFiles, type FileError } from '../engine/analyze-files.js';
import { UsageError } from '../errors.js';
import { sessionsFromAnalysis } from '../eval/from-analysis.js';
import { sessionsFromStore } from '../eval/from-store.js';
import type { EvaluationSession } from '../eval/records.js';
import { computeEvaluationViews } from '../eval/views/index.js';
import type { Diagnostic, FormatId } from '../formats/reader.js';
import { buildReportHtml } from '../report/build-report.js';
import { defaultDatabasePath } from '../store/home.js';
import { openStore } from '../store/open.js';
import { parseJobs } from './analyze.js';
import { failsStrict, printDiagnostics, STRICT_OPTION_HELP } from './input-problems.js';
import { EXIT_USAGE, printFileErrors, printJson } from './output.js';

/** Output file when `--out` is not given. */
export const DEFAULT_REPORT_FILE = 'wink-report.html';

interface ReportCommandOptions {
  store?: boolean;
  storePath?: string;
  out?: string;
  json?: boolean;
  jobs?: string;
  config?: string;
  format?: FormatId;
  checkInterval?: string;
  title?: string;
  strict?: boolean;
}

/** The sessions to report on, and what could not be read of the input. */
interface ReportInput {
  sessions: EvaluationSession[];
  /** Reader diagnostics (at most 100 per file) and their count in all. */
  diagnostics: Diagnostic[];
  diagnosticCount: number;
  /** Files that gave no trajectory. */
  errors: FileError[];
}

/** Validates `--check-interval`. */
export function parseCheckInterval(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const interval = Number(value);
  if (!Number.isInteger(interval) || interval < 1) throw new UsageError(`--check-interval: expected a positive whole number, got "${value}"`);
  return interval;
}

async function sessionsFromPaths(paths: readonly string[], options: ReportCommandOptions): Promise<ReportInput> {
  const { config } = await loadConfig({ configFile: options.config });
  const report = await analyzeFileList(await listInputFiles(paths), { settings: config.detectors, format: options.format, jobs: parseJobs(options.jobs) });
  printFileErrors(report.errors);
  printDiagnostics(report.files);
  return { sessions: sessionsFromAnalysis(report), diagnostics: report.diagnostics, diagnosticCount: report.diagnosticCount, errors: report.errors };
}

/** Sessions of the store read per page when summing their diagnostic counts. */
const STORE_SESSIONS_PAGE = 500;

async function sessionsFromStoreFile(file: string): Promise<ReportInput> {
  const store = await openStore({ file });
  try {
    let diagnosticCount = 0;
    for (let offset = 0; ; offset += STORE_SESSIONS_PAGE) {
      const page = await store.listSessions({ limit: STORE_SESSIONS_PAGE, offset });
      for (const session of page.items) diagnosticCount += session.diagnosticCount ?? 0;
      if (page.items.length < STORE_SESSIONS_PAGE) break;
    }
    return { sessions: await sessionsFromStore(store), diagnostics: [], diagnosticCount, errors: [] };
  } finally {
    await store.close();
  }
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write the paper\'s and the study\'s tables and charts as one self-contained HTML file')
    .argument('[paths...]', 'log files or directories to analyse')
    .option('--store', 'read the sessions of live runs from the store instead of logs')
    .option('--store-path <file>', 'SQLite store file (default: $WINK_HOME/wink.db)')
    .option('--out <file>', `HTML file to write (default: ${DEFAULT_REPORT_FILE})`)
    .option('--json', 'print the computed views as one JSON document (the HTML is written only with --out)')
    .option('--jobs <count>', 'threads to read and analyse files on')
    .option('--config <file>', 'configuration file')
    .option('--format <id>', 'force a reader instead of detecting the format')
    .option('--check-interval <steps>', 'steps between two detector invocations, for the misbehavior rate (default 5)')
    .option('--title <text>', 'title of the report')
    .option('--strict', STRICT_OPTION_HELP)
    .action(async (paths: string[], options: ReportCommandOptions) => {
      const useStore = options.store === true || options.storePath !== undefined;
      if (useStore && paths.length > 0) throw new UsageError('give either log paths or --store, not both');
      if (!useStore && paths.length === 0) throw new UsageError('name the log files or directories to report on, or use --store');
      const checkInterval = parseCheckInterval(options.checkInterval);
      const storeFile = options.storePath ?? defaultDatabasePath();
      const input = useStore ? await sessionsFromStoreFile(storeFile) : await sessionsFromPaths(paths, options);
      const views = computeEvaluationViews(input.sessions, { source: useStore ? 'store' : 'logs', checkInterval });
      const inputs = useStore ? [storeFile] : paths;
      if (!options.json || options.out !== undefined) {
        const file = options.out ?? DEFAULT_REPORT_FILE;
        const inputProblems = { diagnosticCount: input.diagnosticCount, skippedFiles: input.errors.length };
        await writeFile(file, buildReportHtml(views, { title: options.title, generatedAt: new Date().toISOString(), inputs, inputProblems }));
        if (!options.json) process.stderr.write(`wink: wrote ${file} (${views.basis.sessions} sessions, ${views.basis.steps} steps, ${input.diagnosticCount} diagnostics)\n`);
      }
      if (options.json) printJson({ ...views, diagnostics: input.diagnostics, diagnosticCount: input.diagnosticCount, errors: input.errors });
      if (options.strict && failsStrict(input)) process.exitCode = EXIT_USAGE;
    });
}
