/** The learned tier: a trajectory-level logistic model over hashed features, off by default (`docs/decisions/learned-tier.md`). */
export { hashFeatures, hashToken, stepToken, trajectoryFeatures, trajectoryTokens, type FeatureVector } from './features.js';
export { predictProbability, trainLogistic, type LogisticSettings, type LogisticWeights } from './logistic.js';
export { chooseThreshold, crossValidate, stratifiedFolds, type CrossValidationResult, type CrossValidationSettings } from './cross-validation.js';
export { createLearnedScorer, loadLearnedModel, validateLearnedModel, SHIPPED_MODEL_PATH, type LearnedModel, type LearnedScore } from './model.js';
export { trainLearnedTier, DEFAULT_TRAINING_SETTINGS, type TrainingExample, type TrainingSettings } from './train.js';
