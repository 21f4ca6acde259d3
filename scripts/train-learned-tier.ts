/**
 * Trains the learned tier and writes its model file:
 *
 *   npx tsx scripts/train-learned-tier.ts --trail ../shared/data/real-trajectories/trail-gaia/annotations
 *
 * Options: one label source as for `wink eval` (`--trail <dir>`, `--labels <file.jsonl>`, `--swe-bench <dir>`),
 * `--out <file>` (default `models/learned-tier.json`). Prints the nested cross-validated figures per category as
 * a Markdown table (the ones `docs/decisions/learned-tier.md` quotes).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readLabelSource } from '../src/cli/eval.js';
import { trainingExamples } from '../src/learned/training-data.js';
import { DEFAULT_TRAINING_SETTINGS, trainLearnedTier } from '../src/learned/train.js';
import type { CategoryId } from '../src/taxonomy/categories.js';

const { values } = parseArgs({ options: { trail: { type: 'string' }, labels: { type: 'string' }, 'swe-bench': { type: 'string' }, out: { type: 'string', default: 'models/learned-tier.json' } } });
const labels = await readLabelSource({ trail: values.trail, labels: values.labels, sweBench: values['swe-bench'] });
const files = labels.trajectoryFiles ?? [];
if (files.length === 0) throw new Error('the label source names no trajectory files');
const { examples, problems } = await trainingExamples(labels, files);
for (const problem of [...labels.problems, ...problems]) process.stderr.write(`${problem}\n`);
const categories = [...new Set(labels.labels.map((label) => label.category))].sort() as CategoryId[];
const model = trainLearnedTier(examples, { ...DEFAULT_TRAINING_SETTINGS, categories, trainedOn: `${examples.length} trajectories labelled by ${labels.name}` });
writeFileSync(values.out as string, JSON.stringify(model) + '\n');
process.stdout.write(`${model.trainedOn}; written to ${values.out}\n\n`);
process.stdout.write('| Category | Positives / negatives | Threshold | TP | FP | FN | Precision | Recall |\n|---|---|---|---|---|---|---|---|\n');
for (const category of model.categories) {
  const figures = category.crossValidated;
  process.stdout.write(`| ${category.category} | ${category.positives} / ${category.negatives} | ${category.threshold} | ${figures.truePositives} | ${figures.falsePositives} | ${figures.falseNegatives} | ${figures.precision.toFixed(3)} | ${figures.recall.toFixed(3)} |\n`);
}
process.stdout.write(`\nCounts are summed over ${DEFAULT_TRAINING_SETTINGS.crossValidation.repeats} repeats of ${DEFAULT_TRAINING_SETTINGS.crossValidation.folds}-fold cross-validation (each trajectory is counted once per repeat); thresholds chosen inside each training split.\n`);
