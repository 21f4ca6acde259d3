/**
 * `wink eval [paths…] (--labels <file.jsonl> | --trail <annotations dir> | --swe-bench <run dir>)`: precision,
 * recall and F1 per category of the deterministic detectors (and, with `--model`, the LLM classifiers and the
 * ensemble) against labels. Without paths, the trajectories the label source names are analysed (TRAIL's
 * `traces/` beside `annotations/`, the runs of a mini-swe-agent folder).
 */
import type { Command } from 'commander';
import pc from 'picocolors';
import { listInputFiles } from '../engine/analyze-files.js';
import { UsageError } from '../errors.js';
import type { LabelSet } from '../eval/labels/label.js';
import { readJsonLinesLabels } from '../eval/labels/jsonl-labels.js';
import { readSweBenchLabels } from '../eval/labels/swe-bench-labels.js';
import { readTrailLabels, type TrailLabelSet } from '../eval/labels/trail-labels.js';
import { classifierPredictor } from '../eval/scoring/llm-predictor.js';
import { LlmBudget } from '../llm/budget.js';
import { createLanguageModel } from '../llm/providers.js';
import { resolveLlmSettings } from '../llm/settings.js';
import { evaluate, type Evaluation, type LlmPredictor } from '../eval/scoring/evaluate.js';
import type { PredictorScores } from '../eval/scoring/score-labels.js';
import { loadLearnedModel } from '../learned/model.js';
import { parseJobs } from './analyze.js';
import { printJson } from './output.js';
import { createProgressBar } from './progress-bar.js';

interface EvalCommandOptions {
  labels?: string;
  trail?: string;
  sweBench?: string;
  model?: string;
  llmBaseUrl?: string;
  jobs?: string;
  learned?: string | boolean;
  json?: boolean;
}

/** Below this many files no progress bar is drawn. */
const PROGRESS_BAR_MINIMUM_FILES = 20;
/** Width of the category column. */
const CATEGORY_COLUMN = 28;

/** Reads the one label source the options name. */
export async function readLabelSource(options: Pick<EvalCommandOptions, 'labels' | 'trail' | 'sweBench'>): Promise<LabelSet> {
  const given = [options.labels, options.trail, options.sweBench].filter((value) => value !== undefined);
  if (given.length !== 1) throw new UsageError('name exactly one label source: --labels <file.jsonl>, --trail <annotations dir> or --swe-bench <run dir>');
  if (options.labels) return readJsonLinesLabels(options.labels);
  if (options.trail) return readTrailLabels(options.trail);
  return readSweBenchLabels(options.sweBench as string);
}

/** The LLM predictor for `--model` (the classifiers plus the ensemble rule), or undefined without it. */
async function llmPredictorFor(model: string | undefined, baseUrl: string | undefined): Promise<LlmPredictor | undefined> {
  if (model === undefined) return undefined;
  const settings = resolveLlmSettings({ model, baseUrl });
  return classifierPredictor(await createLanguageModel(settings), new LlmBudget(settings.budget));
}

function ratio(value: number | null): string {
  return value === null ? '—' : value.toFixed(3);
}

function printPredictor(scores: PredictorScores, write: (text: string) => void): void {
  write(pc.bold(`\n${scores.predictor}`) + pc.dim(` · ${scores.trajectories} trajectories${scores.unavailable > 0 ? ` · ${scores.unavailable} unavailable` : ''}\n`));
  const header = `${'Category'.padEnd(CATEGORY_COLUMN)} ${'Labels'.padStart(6)} ${'TP'.padStart(5)} ${'FP'.padStart(5)} ${'FN'.padStart(5)} ${'Precision'.padStart(9)} ${'Recall'.padStart(7)} ${'F1'.padStart(6)}\n`;
  write(pc.bold(header));
  const row = (name: string, entry: PredictorScores['overall'] & { labels?: number }, labels: number): string =>
    `${name.padEnd(CATEGORY_COLUMN)} ${String(labels).padStart(6)} ${String(entry.truePositives).padStart(5)} ${String(entry.falsePositives).padStart(5)} ${String(entry.falseNegatives).padStart(5)} ${ratio(entry.precision).padStart(9)} ${ratio(entry.recall).padStart(7)} ${ratio(entry.f1).padStart(6)}\n`;
  for (const category of scores.categories) write(row(category.category, category, category.labels));
  const overall = scores.overall;
  write(pc.bold(row('all (micro)', overall, overall.truePositives + overall.falsePositives + overall.falseNegatives + overall.trueNegatives)));
}

/** Prints an evaluation for a person. */
export function printEvaluation(evaluation: Evaluation, labels: LabelSet, write: (text: string) => void = (text) => process.stdout.write(text)): void {
  write(pc.dim(`labels: ${evaluation.labelSource} (${evaluation.labels}) · ${evaluation.trajectories} trajectories from ${evaluation.files} files · ${evaluation.fileErrors.length} files skipped\n`));
  for (const scores of evaluation.predictors) printPredictor(scores, write);
  if (evaluation.learnedInSample !== undefined && evaluation.learnedInSample > 0) {
    write(pc.yellow(`\nlearned: ${evaluation.learnedInSample} of ${evaluation.trajectories} trajectories were in its training set, so its scores on them are in-sample; its cross-validated figures are in docs/decisions/learned-tier.md\n`));
  }
  const unmatched = evaluation.predictors[0]?.unmatchedLabels ?? 0;
  if (unmatched > 0) write(pc.yellow(`\n${unmatched} labels name no analysed trajectory\n`));
  const trail = labels as Partial<TrailLabelSet>;
  if (trail.mapped && trail.unmapped) {
    write(pc.dim('\nTRAIL errors mapped: ' + Object.entries(trail.mapped).map(([name, count]) => `${name} ${count}`).join(' · ') + '\n'));
    write(pc.dim('TRAIL errors unmapped: ' + Object.entries(trail.unmapped).map(([name, count]) => `${name} ${count}`).join(' · ') + '\n'));
    if (trail.unknown && Object.keys(trail.unknown).length > 0) write(pc.yellow('unknown TRAIL categories: ' + Object.keys(trail.unknown).join(', ') + '\n'));
  }
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('precision, recall and F1 per category against labels (JSON lines, TRAIL annotations, mini-swe-agent runs)')
    .argument('[paths...]', 'trajectory files or directories (default: the ones the label source names)')
    .option('--labels <file>', 'JSON-lines labels: {"source", "category", "label": true|false} a line')
    .option('--trail <dir>', 'TRAIL annotations folder (annotations/<trace_id>.json)')
    .option('--swe-bench <dir>', 'mini-swe-agent run folder (trajs/, logs/) to compute labels from')
    .option('--model <provider:model-id>', 'also score the LLM classifiers and the ensemble')
    .option('--llm-base-url <url>', 'base URL of the model API')
    .option('--jobs <count>', 'threads for the deterministic analysis')
    .option('--learned [model.json]', 'also score the learned tier (the shipped model, or the one named)')
    .option('--json', 'print one JSON document')
    .action(async (paths: string[], options: EvalCommandOptions) => {
      const jobs = parseJobs(options.jobs);
      const labels = await readLabelSource(options);
      const llm = await llmPredictorFor(options.model, options.llmBaseUrl);
      const learned = options.learned === undefined ? undefined : loadLearnedModel(typeof options.learned === 'string' ? options.learned : undefined);
      const files = paths.length > 0 ? await listInputFiles(paths) : (labels.trajectoryFiles ?? []);
      if (files.length === 0) throw new UsageError('no trajectory files: name them, or use a label source that ships them (--trail with traces/ beside it, --swe-bench)');
      const progress = !options.json && process.stderr.isTTY && files.length >= PROGRESS_BAR_MINIMUM_FILES ? createProgressBar(process.stderr, files.length) : undefined;
      const evaluation = await evaluate({ files, labels, jobs, llm, learned, onProgress: (done) => progress?.update(done) });
      progress?.finish();
      for (const problem of labels.problems) process.stderr.write(pc.yellow(`${problem}\n`));
      for (const error of evaluation.fileErrors) process.stderr.write(`${pc.yellow(error.file)}: ${error.message}\n`);
      if (options.json) {
        const trail = labels as Partial<TrailLabelSet>;
        printJson({ ...evaluation, ...(trail.unmapped ? { trail: { mapped: trail.mapped, unmapped: trail.unmapped, unknown: trail.unknown } } : {}) });
      } else {
        printEvaluation(evaluation, labels);
      }
    });
}
