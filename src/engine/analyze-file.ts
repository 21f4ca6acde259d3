/**
 * Analysis of one file: read every trajectory in it and run the detectors over each. Shared by the
 * in-process path and the worker threads, so both give the same results.
 */
import type { LearnedScore } from '../learned/model.js';
import { groupIntoEpisodes, type EpisodeFinding } from './episodes.js';
import type { Detector, Finding } from '../detectors/define.js';
import { allDetectors } from '../detectors/index.js';
import { readFileTrajectories } from '../formats/read.js';
import type { Diagnostic, FormatId } from '../formats/reader.js';
import { summarize } from '../trajectory/summary.js';
import type { Trajectory } from '../trajectory/trajectory.js';
import { analyzeTrajectory, type DetectorFailure, type DetectorSettings } from './engine.js';

/** What the evaluation views (`wink report`) need to know of a session besides its findings. */
export interface TrajectoryContext {
  agent: string;
  model?: string;
  environment: string;
  repository?: string;
  workingDirectory?: string;
  startedAt?: string;
  endedAt?: string;
  userMessages: number;
  toolCalls: number;
  toolErrors: number;
  /** Input plus output tokens over the session, when the log records usage (undefined otherwise). */
  tokens?: number;
}

/** The trajectory's context (session metadata and step counts). */
export function trajectoryContext(trajectory: Trajectory): TrajectoryContext {
  const session = trajectory.session;
  const summary = summarize(trajectory.steps);
  let tokens: number | undefined;
  for (const step of trajectory.steps) {
    if (step.kind !== 'assistant' || !step.usage) continue;
    tokens = (tokens ?? 0) + (step.usage.inputTokens ?? 0) + (step.usage.outputTokens ?? 0);
  }
  return {
    agent: session.agent,
    model: session.model,
    environment: session.environment,
    repository: session.repository,
    workingDirectory: session.workingDirectory,
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    userMessages: summary.userMessages,
    toolCalls: summary.toolCalls,
    toolErrors: summary.toolErrors,
    tokens,
  };
}

/** The findings of one trajectory. */
export interface TrajectoryAnalysis {
  /** Path of the file the trajectory was read from. */
  source: string;
  /** Session id (files holding several sessions give several trajectories). */
  session: string;
  /** Reader that read it. */
  format: FormatId;
  /** Number of steps. */
  steps: number;
  /** Misbehaviors, one per episode (all occurrences of one signature), in the order they were first found. */
  findings: EpisodeFinding[];
  /** Signals that are not misbehaviors (developer pushback), kept apart. */
  signals: Finding[];
  /** Findings of detectors running in shadow mode (below the precision gate), one per episode, kept apart. */
  shadow?: EpisodeFinding[];
  /** Detectors that threw (the engine went on without them): the first ones kept. */
  failures: DetectorFailure[];
  /** How many times detectors threw in all. */
  failureCount?: number;
  /** Session metadata and step counts, for the evaluation views. */
  context?: TrajectoryContext;
  /** The learned tier's scores, with `wink analyze --learned` only. */
  learned?: LearnedScore[];
}

/** Diagnostics kept per file (the count goes on): a file of garbage fills neither memory nor the output. */
export const MAXIMUM_KEPT_DIAGNOSTICS = 100;

/**
 * Why a file gave no trajectory: `not-an-agent-log` (a side file wink recognises, e.g. TRAIL annotations),
 * `no-reader` (an agent log in a format wink has no reader for yet, e.g. SpecStory Markdown),
 * `unknown-format` (no reader recognised it), `unreadable` (recognised, but nothing could be read from it,
 * or the file could not be opened).
 */
export type SkipReason = 'not-an-agent-log' | 'no-reader' | 'unknown-format' | 'unreadable';

/** Everything learned from one file; `error` and `skip` are set when the file could not be analysed at all. */
export interface FileAnalysis {
  file: string;
  format?: FormatId;
  trajectories: TrajectoryAnalysis[];
  /** Reader diagnostics (records that were skipped while the rest was read): the first {@link MAXIMUM_KEPT_DIAGNOSTICS}. */
  diagnostics: Diagnostic[];
  /** How many diagnostics the file had, kept or not. */
  diagnosticCount: number;
  /** Why the file was skipped, without the file name. */
  error?: string;
  /** The kind of reason, when the file was skipped. */
  skip?: SkipReason;
}

/** The kind of reason of a read that failed, from the error's name. */
export function skipReasonOf(error: unknown): SkipReason {
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAnAgentLogError') return 'not-an-agent-log';
  if (name === 'NoReaderError') return 'no-reader';
  if (name === 'UnknownFormatError') return 'unknown-format';
  return 'unreadable';
}

/** Options of one file's analysis. */
export interface FileAnalysisOptions {
  /** Detectors to run (defaults to all of wink's). */
  detectors?: readonly Detector<object>[];
  /** Options per detector id (from the configuration). */
  settings?: DetectorSettings;
  /** Force a reader instead of detecting the format. */
  format?: FormatId;
}

/** Removes a leading `<file>: ` from an error message, since the file is reported beside it. */
function withoutFilePrefix(message: string, file: string): string {
  return message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
}

/** Reads and analyses one file; never throws (a failure becomes `error`). */
export async function analyzeFile(file: string, options: FileAnalysisOptions = {}): Promise<FileAnalysis> {
  const detectors = options.detectors ?? allDetectors;
  try {
    const result = await readFileTrajectories(file, { format: options.format });
    const diagnostics = result.diagnostics.slice(0, MAXIMUM_KEPT_DIAGNOSTICS);
    const diagnosticCount = result.diagnostics.length;
    if (result.trajectories.length === 0) {
      const first = result.diagnostics[0];
      const reason = first ? `no trajectory could be read (line ${first.line}: ${first.message})` : 'no trajectory found';
      return { file, format: result.format, trajectories: [], diagnostics, diagnosticCount, error: reason, skip: 'unreadable' };
    }
    const trajectories = result.trajectories.map((trajectory): TrajectoryAnalysis => {
      const { findings, failures, failureCount } = analyzeTrajectory(trajectory, { detectors, settings: options.settings });
      return {
        source: file,
        session: trajectory.session.id,
        format: result.format,
        steps: trajectory.steps.length,
        findings: groupIntoEpisodes(findings.filter((finding) => !finding.signal && !finding.shadow)),
        signals: findings.filter((finding) => finding.signal === true),
        shadow: groupIntoEpisodes(findings.filter((finding) => finding.shadow === true && !finding.signal)),
        failures,
        failureCount,
        context: trajectoryContext(trajectory),
      };
    });
    return { file, format: result.format, trajectories, diagnostics, diagnosticCount };
  } catch (error) {
    return { file, trajectories: [], diagnostics: [], diagnosticCount: 0, error: withoutFilePrefix((error as Error).message, file), skip: skipReasonOf(error) };
  }
}
