/**
 * `wink eval` as a library: analyse the labelled trajectories with the deterministic detectors (and, when
 * given, an LLM predictor that also yields the ensemble), then score each predictor against the labels.
 * Library code: no printing.
 */
import type { Finding } from '../../detectors/define.js';
import { analyzeTrajectory } from '../../engine/engine.js';
import { analyzeFileList } from '../../engine/analyze-files.js';
import { allDetectors } from '../../detectors/index.js';
import { readFileTrajectories } from '../../formats/read.js';
import type { CategoryId } from '../../taxonomy/categories.js';
import type { Trajectory } from '../../trajectory/trajectory.js';
import type { LabelSet } from '../labels/label.js';
import { createLearnedScorer, type LearnedModel } from '../../learned/model.js';
import { scorePredictions, type PredictorScores, type TrajectoryPrediction } from './score-labels.js';

/** What an LLM predictor says about one trajectory: its own categories and the ensemble's. */
export interface LlmPrediction {
  llm: ReadonlySet<CategoryId> | 'unavailable';
  ensemble: ReadonlySet<CategoryId> | 'unavailable';
}

/**
 * The LLM side of an evaluation: the classifiers run over a trajectory, combined with the deterministic
 * findings by the ensemble rule. Must not throw (an unavailable check is `unavailable`).
 */
export interface LlmPredictor {
  predict(trajectory: Trajectory, deterministicFindings: readonly Finding[]): Promise<LlmPrediction>;
}

export interface EvaluationOptions {
  /** Trajectory files to analyse. */
  files: readonly string[];
  labels: LabelSet;
  /** Threads for the deterministic analysis (ignored when an LLM predictor is given). */
  jobs?: number;
  llm?: LlmPredictor;
  /** The learned tier's model, scored as its own predictor (`learned`). */
  learned?: LearnedModel;
  onProgress?(done: number, total: number): void;
}

/** The result of an evaluation: one score table per predictor. */
export interface Evaluation {
  labelSource: string;
  /** Trajectory files analysed. */
  files: number;
  /** Trajectories read from them. */
  trajectories: number;
  /** Files that could not be read. */
  fileErrors: { file: string; message: string }[];
  /** Labels read. */
  labels: number;
  predictors: PredictorScores[];
  /** Problems met while reading the labels. */
  labelProblems: string[];
  /** With a learned model: how many analysed trajectories it was trained on (their scores are in-sample). */
  learnedInSample?: number;
}

/** Categories of the misbehaviors (not signals) among some findings. */
export function categoriesOf(findings: readonly Finding[]): Set<CategoryId> {
  return new Set(findings.filter((finding) => !finding.signal).map((finding) => finding.category));
}

/** Deterministic predictions with the analysis pool. */
async function detectorPredictions(options: EvaluationOptions): Promise<{ predictions: TrajectoryPrediction[]; trajectories: number; fileErrors: Evaluation['fileErrors'] }> {
  const report = await analyzeFileList(options.files, { jobs: options.jobs, onProgress: options.onProgress });
  const predictions = report.trajectories.map((trajectory) => ({ file: trajectory.source, sessionId: trajectory.session, categories: categoriesOf(trajectory.findings) }));
  return { predictions, trajectories: report.trajectories.length, fileErrors: report.errors };
}

/** Deterministic predictions and, where asked, LLM, ensemble and learned ones, one trajectory at a time in this thread. */
async function allPredictions(options: EvaluationOptions) {
  const detectors: TrajectoryPrediction[] = [];
  const language: TrajectoryPrediction[] = [];
  const ensemble: TrajectoryPrediction[] = [];
  const learned: TrajectoryPrediction[] = [];
  const fileErrors: Evaluation['fileErrors'] = [];
  const scoreLearned = options.learned ? createLearnedScorer(options.learned) : undefined;
  const trainingSessions = new Set(options.learned?.trainingSessions ?? []);
  let learnedInSample = 0;
  let done = 0;
  for (const file of options.files) {
    try {
      const { trajectories } = await readFileTrajectories(file);
      for (const trajectory of trajectories) {
        const { findings } = analyzeTrajectory(trajectory, { detectors: allDetectors });
        const base = { file, sessionId: trajectory.session.id };
        detectors.push({ ...base, categories: categoriesOf(findings) });
        if (options.llm) {
          const prediction = await options.llm.predict(trajectory, findings);
          language.push({ ...base, categories: prediction.llm });
          ensemble.push({ ...base, categories: prediction.ensemble });
        }
        if (scoreLearned) {
          const scores = scoreLearned(trajectory, findings);
          learned.push({ ...base, categories: scores ? new Set(scores.filter((score) => score.flagged).map((score) => score.category)) : 'unavailable' });
          if (trainingSessions.has(trajectory.session.id)) learnedInSample++;
        }
      }
    } catch (error) {
      fileErrors.push({ file, message: (error as Error).message });
    }
    options.onProgress?.(++done, options.files.length);
  }
  return { detectors, language, ensemble, learned, learnedInSample, fileErrors };
}

/** Runs the evaluation. */
export async function evaluate(options: EvaluationOptions): Promise<Evaluation> {
  const { labels } = options;
  const common = { labelSource: labels.name, files: options.files.length, labels: labels.labels.length, labelProblems: labels.problems };
  if (!options.llm && !options.learned) {
    const { predictions, trajectories, fileErrors } = await detectorPredictions(options);
    return { ...common, trajectories, fileErrors, predictors: [scorePredictions('detectors', predictions, labels.labels)] };
  }
  const { detectors, language, ensemble, learned, learnedInSample, fileErrors } = await allPredictions(options);
  const predictors = [scorePredictions('detectors', detectors, labels.labels)];
  if (options.llm) predictors.push(scorePredictions('llm', language, labels.labels), scorePredictions('ensemble', ensemble, labels.labels));
  if (options.learned) predictors.push(scorePredictions('learned', learned, labels.labels));
  return { ...common, trajectories: detectors.length, fileErrors, predictors, ...(options.learned ? { learnedInSample } : {}) };
}
