/** LLM checks: model access, rendering with budgets and redaction, the five classifiers, the ensemble, the asynchronous slot. */
export { addLlmFindings, type AnalyzeWithLlmOptions, type LlmPassSummary } from './analyze-with-llm.js';
export { createLlmAsyncCheckStarter, initialSessionCheckState, runAsyncCheckJob, type AsyncCheckSettings, type LlmAsyncCheckResult, type LlmAsyncCheckStarterOptions, type SessionCheckState } from './async-check.js';
export { LlmBudget } from './budget.js';
export { classify, verdictToFinding, type ClassifierCheck, type ClassifyOptions } from './classifiers/classify.js';
export { CLASSIFIER_DEFINITIONS, type ClassifierDefinition } from './classifiers/definitions.js';
export { CLASSIFIED_CATEGORIES, VERDICT_SCHEMA, type ClassifiedCategory, type ClassifierVerdict } from './classifiers/schema.js';
export { combine, decideCategory, ENSEMBLE_RULE, measureEnsemble, predictionsFor, type EnsembleDecision, type EnsembleMeasurement, type EnsembleRule, type LabelledPrediction, type SourceScore } from './ensemble.js';
export { BudgetExceededError, LlmError, LlmSettingsError, MissingApiKeyError, ModelCallError, ModelSpecError, ProviderNotInstalledError, type CallFailureReason } from './errors.js';
export { callStructured, type CheckStatus, type StructuredCallOutcome, type StructuredCallRequest } from './model.js';
export { createLanguageModel, loadAi, type LoadedModel } from './providers.js';
export { redact, redactSecrets, REDACTION_RULES, type RedactionRule } from './redact.js';
export { renderForQuestion, type QuestionRendering, type QuestionRenderOptions } from './render-for-question.js';
export { EVIDENCE_BY_CATEGORY, hasNewMaterial, sessionFacts, stepRelevance, type EvidenceKind, type RelevanceTier, type SessionFacts, type StepRelevance } from './step-relevance.js';
export { estimateTokens, renderTrajectory, TEXT_CAPS_BY_SESSION_LENGTH, type RenderedTrajectory, type RenderOptions } from './render-trajectory.js';
export { parseModelSpecification, resolveLlmSettings, type LlmSettings } from './settings.js';
export { emptyAccount, type TokenAccount } from './usage.js';
