/** Human output of `wink analyze`: findings grouped by session, then the prevalence table. */
import pc from 'picocolors';
import type { Finding } from '../detectors/define.js';
import type { AnalysisReport, TrajectoryAnalysis } from '../engine/analyze-files.js';
import type { CategoryId } from '../taxonomy/categories.js';

type Colour = (text: string) => string;

/** One colour per category, so a long list can be scanned by eye. */
const CATEGORY_COLOURS: Record<CategoryId, Colour> = {
  'did-not-follow-instructions': pc.red,
  'unrequested-changes': pc.magenta,
  'infinite-loop': pc.yellow,
  'tool-call-failure': pc.cyan,
  'inaccurate-self-report': pc.blue,
  'premature-termination': pc.green,
};
/** Width of the category column. */
const CATEGORY_COLUMN = 28;

function percent(share: number): string {
  return `${(share * 100).toFixed(2)}%`;
}

function stepLabel(finding: Finding): string {
  const first = finding.steps[0];
  const last = finding.steps[finding.steps.length - 1];
  return first === last ? `step ${last}` : `steps ${first}–${last}`;
}

/** " · 7 times (steps 12, 15, 19, …)" for an episode that recurred; '' for one occurrence. */
function occurrenceLabel(finding: Finding & { occurrences?: number; occurrenceSteps?: number[] }): string {
  const count = finding.occurrences ?? 1;
  if (count <= 1) return '';
  const steps = finding.occurrenceSteps ?? [];
  const listed = steps.slice(0, 6).join(', ') + (steps.length > 6 || count > steps.length ? ', …' : '');
  return pc.dim(` · ${count} times (steps ${listed})`);
}

function printTrajectory(trajectory: TrajectoryAnalysis, write: (text: string) => void): void {
  const session = trajectory.session === trajectory.source ? '' : pc.dim(` session ${trajectory.session}`);
  write(`${pc.bold(trajectory.source)} ${pc.dim(`[${trajectory.format}] ${trajectory.steps} steps`)}${session}\n`);
  for (const finding of trajectory.findings) {
    const colour = CATEGORY_COLOURS[finding.category] ?? pc.white;
    write(`  ${stepLabel(finding).padEnd(14)} ${colour(finding.category.padEnd(CATEGORY_COLUMN))} ${finding.message}${occurrenceLabel(finding)}\n`);
  }
  for (const finding of trajectory.shadow ?? []) {
    write(`  ${stepLabel(finding).padEnd(14)} ${pc.dim(`shadow: ${finding.detector}`.padEnd(CATEGORY_COLUMN))} ${pc.dim(finding.message)}${occurrenceLabel(finding)}\n`);
  }
  for (const signal of trajectory.signals) {
    write(`  ${stepLabel(signal).padEnd(14)} ${pc.dim(`signal: ${signal.detector}`.padEnd(CATEGORY_COLUMN))} ${pc.dim(signal.message)}\n`);
  }
  for (const score of trajectory.learned ?? []) {
    if (score.flagged) write(`  ${''.padEnd(14)} ${pc.dim(`learned: ${score.category}`.padEnd(CATEGORY_COLUMN))} ${pc.dim(`probability ${score.probability.toFixed(2)} (trajectory-level; not a finding)`)}\n`);
  }
  for (const line of failureLines(trajectory)) write(`  ${pc.red(line)}\n`);
}

/** One line per detector that threw on the trajectory: its findings there may be missing. */
export function failureLines(trajectory: Pick<TrajectoryAnalysis, 'failures' | 'failureCount'>): string[] {
  const byDetector = new Map<string, { steps: number[]; message: string }>();
  for (const failure of trajectory.failures) {
    const entry = byDetector.get(failure.detector) ?? { steps: [], message: failure.message };
    entry.steps.push(failure.step);
    byDetector.set(failure.detector, entry);
  }
  const lines = [...byDetector].map(([detector, entry]) => {
    const shown = entry.steps.slice(0, 6).join(', ') + (entry.steps.length > 6 ? ', …' : '');
    return `detector error: ${detector} threw at step ${shown} (${entry.message}); its findings here may be missing`;
  });
  const unlisted = (trajectory.failureCount ?? trajectory.failures.length) - trajectory.failures.length;
  if (unlisted > 0) lines.push(`detector error: ${unlisted} more not listed`);
  return lines;
}

/** Prints the report for a person on stdout. */
export function printAnalysis(report: AnalysisReport, write: (text: string) => void = (text) => process.stdout.write(text)): void {
  const withFindings = report.trajectories.filter((trajectory) => trajectory.findings.length > 0 || trajectory.signals.length > 0 || (trajectory.shadow?.length ?? 0) > 0);
  const shown = new Set([...withFindings, ...report.trajectories.filter((trajectory) => trajectory.learned?.some((score) => score.flagged))]);
  const printed = report.trajectories.filter((trajectory) => shown.has(trajectory) || trajectory.failures.length > 0);
  for (const trajectory of printed) printTrajectory(trajectory, write);
  const clean = report.trajectoryCount - withFindings.length;
  if (printed.length > 0) write('\n');
  const detectorErrors = report.trajectories.reduce((sum, trajectory) => sum + (trajectory.failureCount ?? trajectory.failures.length), 0);
  const errorNote = detectorErrors > 0 ? pc.red(` · ${detectorErrors} detector errors`) : '';
  write(`${pc.dim(`${report.trajectoryCount} trajectories from ${report.files.length} files · ${clean} without findings · ${report.errors.length} files skipped · ${report.diagnosticCount} diagnostics`)}${errorNote}\n\n`);
  write(pc.bold(`${'Misbehavior category'.padEnd(CATEGORY_COLUMN)} ${'Trajectories'.padStart(12)} ${'Prevalence'.padStart(10)}\n`));
  for (const row of report.prevalence) {
    const colour = CATEGORY_COLOURS[row.category] ?? pc.white;
    write(`${colour(row.name.padEnd(CATEGORY_COLUMN))} ${String(row.trajectories).padStart(12)} ${percent(row.share).padStart(10)}\n`);
  }
  write(pc.bold(`${'Total with at least one'.padEnd(CATEGORY_COLUMN)} ${String(report.total).padStart(12)} ${percent(report.totalShare).padStart(10)}\n`));
  if (report.signals.length > 0) {
    write(pc.dim('\nSignals (not misbehaviors)\n'));
    for (const row of report.signals) write(pc.dim(`${row.detector.padEnd(CATEGORY_COLUMN)} ${String(row.trajectories).padStart(12)} ${percent(row.share).padStart(10)}\n`));
  }
}
