/**
 * `wink analyze --llm`: after the deterministic analysis, run the classifiers over every trajectory and add
 * their findings (detector `llm:<category>`) to the report, then recompute the prevalence table. Files are
 * read again here (the batch analysis keeps findings, not steps). One budget covers the whole run.
 */
import type { AnalysisReport } from '../engine/analyze-files.js';
import { computePrevalence } from '../engine/prevalence.js';
import { readFileTrajectories } from '../formats/read.js';
import type { FormatId } from '../formats/reader.js';
import { LlmBudget } from './budget.js';
import { classify, type ClassifierCheck } from './classifiers/classify.js';
import { CLASSIFIED_CATEGORIES, type ClassifiedCategory } from './classifiers/schema.js';
import { createLanguageModel } from './providers.js';
import type { LlmSettings } from './settings.js';
import { addAccounts, emptyAccount, type TokenAccount } from './usage.js';

/** Options of the LLM pass. */
export interface AnalyzeWithLlmOptions {
  settings: LlmSettings;
  format?: FormatId;
  categories?: readonly ClassifiedCategory[];
  /** Called after each trajectory with the number done and the total. */
  onProgress?(done: number, total: number): void;
}

/** What the LLM pass did, for the JSON document and the summary line. */
export interface LlmPassSummary {
  model: string;
  checks: number;
  answered: number;
  unavailable: number;
  budgetExceeded: number;
  findings: number;
  usage: TokenAccount;
  /** Every check, by trajectory (`file#session`). */
  checksByTrajectory: Record<string, ClassifierCheck[]>;
}

/** Adds LLM findings to the report in place and returns the pass's summary. Throws only for unusable settings (no key, no package). */
export async function addLlmFindings(report: AnalysisReport, options: AnalyzeWithLlmOptions): Promise<LlmPassSummary> {
  const model = await createLanguageModel(options.settings);
  const budget = new LlmBudget(options.settings.budget);
  const summary: LlmPassSummary = { model: `${options.settings.provider}:${options.settings.modelId}`, checks: 0, answered: 0, unavailable: 0, budgetExceeded: 0, findings: 0, usage: emptyAccount(), checksByTrajectory: {} };
  const files = [...new Set(report.trajectories.map((trajectory) => trajectory.source))];
  let done = 0;
  for (const file of files) {
    const read = await readFileTrajectories(file, { format: options.format }).catch(() => undefined);
    for (const trajectory of read?.trajectories ?? []) {
      const analysis = report.trajectories.find((candidate) => candidate.source === file && candidate.session === trajectory.session.id);
      if (!analysis) continue;
      const checks: ClassifierCheck[] = [];
      for (const category of options.categories ?? CLASSIFIED_CATEGORIES) {
        const check = await classify(category, trajectory.steps, { model, budget, sessionId: `${file}#${trajectory.session.id}` });
        checks.push(check);
        summary.checks++;
        summary.usage = addAccounts(summary.usage, check.usage);
        if (check.status === 'ok') summary.answered++;
        else if (check.status === 'budget-exceeded') summary.budgetExceeded++;
        else summary.unavailable++;
        if (check.finding) {
          analysis.findings.push({ ...check.finding, occurrences: 1, occurrenceSteps: [check.finding.steps[check.finding.steps.length - 1] ?? 0] });
          summary.findings++;
        }
      }
      summary.checksByTrajectory[`${file}#${trajectory.session.id}`] = checks;
      options.onProgress?.(++done, report.trajectories.length);
    }
  }
  Object.assign(report, computePrevalence(report.trajectories));
  return summary;
}
