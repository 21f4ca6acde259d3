/** Label sources for `wink eval`: JSON lines, TRAIL annotations, mini-swe-agent SWE-bench runs. */
export { labelsBySource, type Label, type LabelSet } from './label.js';
export { parseJsonLinesLabels, readJsonLinesLabels } from './jsonl-labels.js';
export { trailCategory, trailCategoryKey, TRAIL_CATEGORIES, TRAIL_LABELLED_CATEGORIES, type TrailCategory } from './trail-mapping.js';
export { readTrailLabels, trailLabelsFromTexts, type TrailLabelSet } from './trail-labels.js';
export { addedFilesOfDiff, CLOSING_MESSAGES, codeBlocksOf, CONFIGURATION_FILE_PATTERN, filesOfDiff, forbiddenFiles, readSweBenchLabels, scratchFilesOfDiff, SUCCESS_CLAIM, sweBenchRunLabels, TEST_FILE_PATTERN, type SweBenchRun } from './swe-bench-labels.js';
