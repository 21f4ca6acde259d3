/**
 * Runs one classifier over a trajectory: render (budgeted, redacted), call the model for a structured
 * verdict, normalise the verdict and turn a positive one into a {@link Finding}. Never throws: a check that
 * could not run comes back with status `unavailable` or `budget-exceeded` and no verdict.
 */
import type { Finding } from '../../detectors/define.js';
import type { Step } from '../../trajectory/step.js';
import type { LlmBudget } from '../budget.js';
import { callStructured, type CheckStatus } from '../model.js';
import type { LoadedModel } from '../providers.js';
import type { RedactionCount } from '../redact.js';
import { renderForQuestion, type TierCounts } from '../render-for-question.js';
import type { SessionFacts } from '../step-relevance.js';
import type { TokenAccount } from '../usage.js';
import { classifierFor } from './definitions.js';
import { classifierMessages, type EarlierVerdict } from './prompt.js';
import { VERDICT_SCHEMA, VERDICT_SCHEMA_DESCRIPTION, VERDICT_SCHEMA_NAME, type ClassifiedCategory, type ClassifierVerdict } from './schema.js';

/** Prefix of the detector id of LLM findings (`llm:<category>`). */
export const LLM_DETECTOR_PREFIX = 'llm:';
/** Prefix of the messageId of LLM findings (`llm-<category>`). */
export const LLM_MESSAGE_PREFIX = 'llm-';

/** Options of one check. */
export interface ClassifyOptions {
  model: LoadedModel;
  sessionId?: string;
  budget?: LlmBudget;
  signal?: AbortSignal;
  /** Incremental check: render only steps from here (developer messages are always shown). */
  fromStep?: number;
  /** Verdicts of earlier checks, summarised in an incremental check. */
  earlierVerdicts?: readonly EarlierVerdict[];
  /** Session length used to choose the text caps (defaults to the steps given). */
  sessionLength?: number;
  /** The session's working directory (to cite rule files). */
  workingDirectory?: string;
  /** The session's facts, when computed once for every question of a check. */
  facts?: SessionFacts;
  /** Random source for backoff jitter (tests). */
  random?: () => number;
}

/** What was sent, in figures (never the text itself). */
export interface RenderAccount {
  estimatedTokens: number;
  omittedCharacters: number;
  omittedSteps: number[];
  redactions: RedactionCount[];
  firstStep: number;
  lastStep: number;
  /** Steps shown and left out, by relevance tier (absent in records written before per-question rendering). */
  shownByTier?: TierCounts;
  omittedByTier?: TierCounts;
}

/** One classifier check, as recorded. */
export interface ClassifierCheck {
  category: ClassifiedCategory;
  status: CheckStatus;
  /** The normalised verdict (status `ok`). */
  verdict?: ClassifierVerdict;
  /** The finding, when the verdict is positive. */
  finding?: Finding;
  /** Tokens in, out and cached, and cost. */
  usage: TokenAccount;
  /** HTTP attempts. */
  attempts: number;
  /** Why there is no verdict. */
  reason?: string;
  /** The error message behind `reason`. */
  error?: string;
  /** `<provider>:<model-id>`. */
  model: string;
  render: RenderAccount;
}

/** Clamps the confidence, forces the category and keeps only evidence steps that were shown. */
export function normalizeVerdict(verdict: ClassifierVerdict, category: ClassifiedCategory, shownSteps: ReadonlySet<number>, lastStep: number): ClassifierVerdict {
  const confidence = Number.isFinite(verdict.confidence) ? Math.min(1, Math.max(0, verdict.confidence)) : 0.5;
  let evidenceSteps = [...new Set(verdict.evidenceSteps.filter((step) => shownSteps.has(step)))].sort((left, right) => left - right);
  if (verdict.misbehaving && evidenceSteps.length === 0) evidenceSteps = [lastStep];
  return { ...verdict, category, confidence, evidenceSteps: verdict.misbehaving ? evidenceSteps : [], guidance: verdict.misbehaving ? verdict.guidance.trim() : '' };
}

/** The finding of a positive verdict. */
export function verdictToFinding(verdict: ClassifierVerdict, model: string): Finding {
  const category = verdict.category;
  return {
    detector: `${LLM_DETECTOR_PREFIX}${category}`,
    category,
    messageId: `${LLM_MESSAGE_PREFIX}${category}`,
    message: `LLM classifier (${category}): ${verdict.reasoning}`,
    data: { reasoning: verdict.reasoning, guidance: verdict.guidance, model, source: 'llm' },
    steps: verdict.evidenceSteps,
    confidence: verdict.confidence,
    signature: `${LLM_DETECTOR_PREFIX}${category}`,
  };
}

/** Runs the classifier of `category` over `steps` (index order). */
export async function classify(category: ClassifiedCategory, steps: readonly Step[], options: ClassifyOptions): Promise<ClassifierCheck> {
  const definition = classifierFor(category);
  const { settings } = options.model;
  const modelName = `${settings.provider}:${settings.modelId}`;
  const rendered = renderForQuestion(category, steps, { tokenBudget: settings.promptTokens, fromStep: options.fromStep, sessionLength: options.sessionLength, workingDirectory: options.workingDirectory, facts: options.facts });
  const messages = classifierMessages(definition, rendered, options.earlierVerdicts ?? []);
  const prefixTokens = Math.ceil(JSON.stringify(messages).length / 4);
  const outcome = await callStructured({
    model: options.model,
    messages,
    schema: VERDICT_SCHEMA,
    schemaName: VERDICT_SCHEMA_NAME,
    schemaDescription: VERDICT_SCHEMA_DESCRIPTION,
    estimatedInputTokens: prefixTokens,
    sessionId: options.sessionId,
    budget: options.budget,
    signal: options.signal,
    random: options.random,
  });
  const render: RenderAccount = {
    estimatedTokens: rendered.estimatedTokens,
    omittedCharacters: rendered.omittedCharacters,
    omittedSteps: rendered.omittedSteps,
    redactions: rendered.redactions,
    firstStep: rendered.firstStep,
    lastStep: rendered.lastStep,
    shownByTier: rendered.shownByTier,
    omittedByTier: rendered.omittedByTier,
  };
  const base = { category, status: outcome.status, usage: outcome.usage, attempts: outcome.attempts, model: modelName, render };
  if (outcome.status !== 'ok' || !outcome.value) return { ...base, reason: outcome.reason, error: outcome.error?.message };
  const shown = new Set(rendered.shownSteps);
  const verdict = normalizeVerdict(outcome.value, category, shown, rendered.lastStep);
  return { ...base, verdict, ...(verdict.misbehaving ? { finding: verdictToFinding(verdict, modelName) } : {}) };
}
