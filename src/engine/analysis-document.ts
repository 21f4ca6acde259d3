/**
 * The JSON document of a batch analysis (`wink analyze --json`). Field names are a contract: new fields may
 * be added, existing ones never renamed.
 */
import type { LearnedScore } from '../learned/model.js';
import type { Finding } from '../detectors/define.js';
import type { Diagnostic } from '../formats/reader.js';
import type { AnalysisReport } from './analyze-files.js';
import type { DetectorFailure } from './engine.js';
import type { CategoryPrevalence, SignalPrevalence } from './prevalence.js';

/** A finding as printed. */
export interface FindingDocument {
  detector: string;
  category: string;
  form: string | null;
  messageId: string;
  message: string;
  steps: number[];
  confidence: number;
  data: Finding['data'];
  /** How many times this misbehavior occurred (findings are one per episode). */
  occurrences: number;
  /** The step of each occurrence, first to last. */
  occurrenceSteps: number[];
}

/** One trajectory as printed. */
export interface TrajectoryDocument {
  source: string;
  session: string;
  format: string;
  steps: number;
  findings: FindingDocument[];
  signals: FindingDocument[];
  /** Findings of detectors in shadow mode (recorded, not counted as misbehaviors). */
  shadow: FindingDocument[];
  /** Detectors that threw on this trajectory (the first ones), when any did: their findings may be missing. */
  detectorFailures?: DetectorFailure[];
  /** How many times detectors threw on this trajectory, when any did. */
  detectorFailureCount?: number;
  /** The learned tier's score per category, with `--learned` only (trajectory-level, never injected). */
  learned?: LearnedScore[];
}

/** The whole document. */
export interface AnalysisDocument {
  trajectories: TrajectoryDocument[];
  prevalence: CategoryPrevalence[];
  /** Trajectories with at least one misbehavior. */
  total: number;
  /** Trajectories analysed. */
  trajectoryCount: number;
  /** `total / trajectoryCount`. */
  totalShare: number;
  signals: SignalPrevalence[];
  /** Files that gave no trajectory, with why (`kind`: not-an-agent-log, no-reader, unknown-format, unreadable). */
  errors: { file: string; message: string; kind: string }[];
  /** Records that were skipped while the rest of their file was read (at most 100 per file), in input order. */
  diagnostics: Diagnostic[];
  /** How many diagnostics there were in all (more than `diagnostics` lists when a file had over 100). */
  diagnosticCount: number;
}

function findingDocument(finding: Finding & { occurrences?: number; occurrenceSteps?: number[] }): FindingDocument {
  return {
    detector: finding.detector,
    category: finding.category,
    form: finding.form ?? null,
    messageId: finding.messageId,
    message: finding.message,
    steps: finding.steps,
    confidence: finding.confidence,
    data: finding.data,
    occurrences: finding.occurrences ?? 1,
    occurrenceSteps: finding.occurrenceSteps ?? [finding.steps[finding.steps.length - 1] ?? 0],
  };
}

/** Builds the JSON document of a report. */
export function analysisDocument(report: AnalysisReport): AnalysisDocument {
  return {
    trajectories: report.trajectories.map((trajectory) => ({
      source: trajectory.source,
      session: trajectory.session,
      format: trajectory.format,
      steps: trajectory.steps,
      findings: trajectory.findings.map(findingDocument),
      signals: trajectory.signals.map(findingDocument),
      shadow: (trajectory.shadow ?? []).map(findingDocument),
      ...(trajectory.learned ? { learned: trajectory.learned } : {}),
      ...(trajectory.failures.length > 0 ? { detectorFailures: trajectory.failures, detectorFailureCount: trajectory.failureCount ?? trajectory.failures.length } : {}),
    })),
    prevalence: report.prevalence,
    total: report.total,
    trajectoryCount: report.trajectoryCount,
    totalShare: report.totalShare,
    signals: report.signals,
    errors: report.errors,
    diagnostics: report.diagnostics,
    diagnosticCount: report.diagnosticCount,
  };
}
