/**
 * `wink analyze <paths…>`: runs every detector over recorded sessions and prints the findings per session
 * and the Wink paper's Table 1 (prevalence per category), or one JSON document with `--json`.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { analysisDocument } from '../engine/analysis-document.js';
import { analyzeFileList, listInputFiles, type AnalysisReport } from '../engine/analyze-files.js';
import { UsageError } from '../errors.js';
import type { FormatId } from '../formats/reader.js';
import { CATEGORY_IDS, isCategoryId, type CategoryId } from '../taxonomy/categories.js';
import { printAnalysis } from './analyze-output.js';
import { failsStrict, printDiagnostics, STRICT_OPTION_HELP } from './input-problems.js';
import { addLearnedScores } from '../learned/analyze-pass.js';
import { loadLearnedModel } from '../learned/model.js';
import { runLlmPass } from './analyze-llm.js';
import { EXIT_FINDINGS, EXIT_USAGE, printFileErrors, printJson } from './output.js';
import { createProgressBar } from './progress-bar.js';

/** Where Claude Code keeps its session logs, below the home folder; analysed when no path is given. */
export const CLAUDE_PROJECTS_FOLDER = join('.claude', 'projects');
/** Below this many files no progress bar is drawn (the run is over before it would help). */
export const PROGRESS_BAR_MINIMUM_FILES = 20;

interface AnalyzeCommandOptions {
  json?: boolean;
  failOn: string[];
  jobs?: string;
  config?: string;
  format?: FormatId;
  llm?: boolean;
  model?: string;
  llmBaseUrl?: string;
  learned?: string | boolean;
  strict?: boolean;
}

/** Collects repeatable, comma-separated option values. */
function collectList(value: string, previous: string[]): string[] {
  return previous.concat(value.split(',').map((item) => item.trim()).filter((item) => item.length > 0));
}

/** Validates `--fail-on` values against the category ids. */
export function parseFailOn(values: readonly string[]): Set<CategoryId> {
  const categories = new Set<CategoryId>();
  for (const value of values) {
    if (!isCategoryId(value)) throw new UsageError(`--fail-on: unknown category "${value}" (known: ${CATEGORY_IDS.join(', ')})`);
    categories.add(value);
  }
  return categories;
}

/** Validates `--jobs`. */
export function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs: expected a positive whole number, got "${value}"`);
  return jobs;
}

function defaultPaths(): string[] {
  const projects = join(homedir(), CLAUDE_PROJECTS_FOLDER);
  if (!existsSync(projects)) throw new UsageError(`no path given and ${projects} does not exist; name the log files or directories to analyse`);
  return [projects];
}

/** True when the report has a misbehavior of one of the categories. */
export function hasFindingIn(report: AnalysisReport, categories: ReadonlySet<CategoryId>): boolean {
  return report.trajectories.some((trajectory) => trajectory.findings.some((finding) => categories.has(finding.category)));
}

/** `wink analyze | head` closes stdout early: stop quietly instead of crashing on EPIPE. */
function stopQuietlyWhenOutputCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('detect misbehaviors in recorded sessions and print the prevalence per category (Table 1)')
    .argument('[paths...]', 'log files or directories (default: ~/.claude/projects)')
    .option('--json', 'print one JSON document')
    .option('--fail-on <category>', 'exit 1 when a finding of this category exists (repeatable or comma list)', collectList, [])
    .option('--jobs <count>', 'threads to read and analyse files on (default: the number of cores)')
    .option('--config <file>', 'configuration file (default: wink.config.* or .wink/config.json, searched upwards)')
    .option('--format <id>', 'force a reader instead of detecting the format')
    .option('--llm', 'also run the LLM classifiers (findings tagged llm:<category>)')
    .option('--model <provider:model-id>', 'model of the LLM classifiers: anthropic:…, openai:…, openai-compatible:… (default: llm.model in the configuration)')
    .option('--llm-base-url <url>', 'base URL of the model API (default: WINK_LLM_BASE_URL or llm.baseUrl)')
    .option('--learned [model.json]', 'also score each trajectory with the learned tier (off by default; the shipped model, or the one named)')
    .option('--strict', STRICT_OPTION_HELP)
    .action(async (paths: string[], options: AnalyzeCommandOptions) => {
      const failOn = parseFailOn(options.failOn);
      const jobs = parseJobs(options.jobs);
      const { config } = await loadConfig({ configFile: options.config });
      const files = await listInputFiles(paths.length > 0 ? paths : defaultPaths());
      const progress = process.stderr.isTTY && files.length >= PROGRESS_BAR_MINIMUM_FILES ? createProgressBar(process.stderr, files.length) : undefined;
      const report = await analyzeFileList(files, {
        settings: config.detectors,
        format: options.format,
        jobs,
        onProgress: (done) => progress?.update(done),
      });
      progress?.finish();
      if (options.learned !== undefined) {
        const model = loadLearnedModel(typeof options.learned === 'string' ? options.learned : undefined);
        const { scored, flagged, outsideDomain } = await addLearnedScores(report, model, { format: options.format });
        process.stderr.write(
          `learned tier: ${scored} trajectories scored, ${flagged} flagged; ${outsideDomain} not scored (agents it was not trained on; it knows ${model.agents.join(', ')}). ${model.trainedOn}; cross-validated figures in docs/decisions/learned-tier.md\n`,
        );
      }
      if (options.llm) await runLlmPass(report, { config: config.llm, model: options.model, baseUrl: options.llmBaseUrl, format: options.format });
      stopQuietlyWhenOutputCloses();
      printFileErrors(report.errors);
      printDiagnostics(report.files);
      if (options.json) printJson(analysisDocument(report));
      else printAnalysis(report);
      if (report.trajectories.length === 0 && report.errors.length > 0) process.exitCode = EXIT_USAGE;
      else if (options.strict && failsStrict(report)) process.exitCode = EXIT_USAGE;
      else if (hasFindingIn(report, failOn)) process.exitCode = EXIT_FINDINGS;
    });
}
