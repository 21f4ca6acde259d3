/** Runs detectors over trajectories, in batch or step by step. */
export { analyzeTrajectory, DetectionEngine, ENGINE_SNAPSHOT_VERSION, type DetectorFailure, type DetectorSettings, type EngineConfiguration, type EngineSnapshot } from './engine.js';
export { FactsTracker, initialFactsState, MAXIMUM_PENDING_CALLS, type FactsState } from './facts.js';
export { boundedStep, exceedsStepBounds, MAXIMUM_EFFECT_ENTRIES, MAXIMUM_INPUT_CHARACTERS, MAXIMUM_INPUT_DEPTH, MAXIMUM_INPUT_VALUES, STEP_TEXT_BOUNDS } from './bounded-step.js';
export { analyzeFileList, analyzeFiles, listInputFiles, MAXIMUM_KEPT_DIAGNOSTICS, MINIMUM_FILES_FOR_WORKERS, type AnalysisReport, type AnalyzeFilesOptions, type FileAnalysis, type FileError, type SkipReason, type TrajectoryAnalysis } from './analyze-files.js';
export { analysisDocument, type AnalysisDocument } from './analysis-document.js';
export { computePrevalence, type CategoryPrevalence, type PrevalenceTable, type SignalPrevalence } from './prevalence.js';
export { groupIntoEpisodes, MAXIMUM_LISTED_OCCURRENCES, type EpisodeFinding } from './episodes.js';
