/**
 * Renders a session for one classifier's question (docs/decisions/llm-per-question-rendering.md). Where the
 * generic {@link renderTrajectory} leaves out the oldest steps first, this keeps what the question needs and
 * leaves out the least relevant steps first ({@link stepRelevance}):
 *
 * 1. every developer message (never cut), every instruction source and the agent's final messages are always
 *    shown, cut only at {@link PROTECTED_TEXT_CHARACTERS} (and, as a last resort, down to
 *    {@link PROTECTED_MINIMUM_CHARACTERS});
 * 2. over the budget, steps are kept in order of need while the budget lasts — failures and the agent's reaction
 *    to them (where the question counts them), evidence of the category's first kind, other primary evidence (caps of at least {@link EVIDENCE_TEXT_CHARACTERS}), `supporting`, `context`,
 *    `other`, newest first within each — counting the marker line a kept step adds or saves; when the first
 *    kind of evidence does not all fit, the evidence caps halve (down to {@link MINIMUM_TEXT_CAP}) first;
 * 3. every run of steps left out is marked with its range and what it held, and a line at the top says how
 *    many steps of each kind were left out and what was kept.
 *
 * Incremental checks (`fromStep`) show the steps from there, every developer message and instruction source
 * before it (not final messages before it: the earlier check judged them), and the latest evidence before it ({@link EARLIER_FAILURE_STEPS} steps of failures and
 * {@link EARLIER_EVIDENCE_STEPS} others) (a claim at the end is
 * judged against the last test run even when that run was checked earlier).
 */
import type { Step } from '../trajectory/step.js';
import type { ClassifiedCategory } from './classifiers/schema.js';
import {
  capsForSessionLength,
  CHARACTERS_PER_TOKEN,
  DEFAULT_RENDER_TOKEN_BUDGET,
  estimateTokens,
  MINIMUM_TEXT_CAP,
  renderStep,
  type RenderedTrajectory,
  type RenderOptions,
  type RenderState,
} from './render-trajectory.js';
import { RELEVANCE_TIERS, stepRelevance, type RelevanceTier, type SessionFacts } from './step-relevance.js';

/** Cap of an instruction source or a final message (a whole CLAUDE.md or closing summary fits). */
export const PROTECTED_TEXT_CHARACTERS = 12_000;
/** Tokens of the lines around the steps (fences, the notes at the top) reserved before selecting steps. */
export const SELECTION_OVERHEAD_TOKENS = 120;
/** The evidence caps halve only while at most this share of the first kind of evidence is left out. */
export const HALVE_WHEN_MISSING_AT_MOST = 0.5;
/** No step renders in fewer tokens than this (its header line alone); selection stops when less is left. */
export const MINIMUM_STEP_TOKENS = 12;
/** Tokens reserved for each `[steps a–b omitted …]` line. */
export const OMISSION_MARKER_TOKENS = 30;
/** Cap of the text of a primary evidence step (a test run's failures and summary fit). */
export const EVIDENCE_TEXT_CHARACTERS = 2_000;
/** The protected texts are cut down to this only when everything else is already left out. */
export const PROTECTED_MINIMUM_CHARACTERS = 2_000;
/** Failure evidence steps (a failed call, its result, the agent's reaction) before an incremental check's first step that are shown again. */
export const EARLIER_FAILURE_STEPS = 3;
/** Other evidence steps before an incremental check's first step that are shown again. */
export const EARLIER_EVIDENCE_STEPS = 2;

/** Options of a per-question render. */
export interface QuestionRenderOptions extends RenderOptions {
  /** The session's working directory (to cite rule files). */
  workingDirectory?: string;
  /** The session's facts, when already computed for another question of the same check. */
  facts?: SessionFacts;
}

/** Steps shown and left out, by tier. */
export type TierCounts = Record<RelevanceTier, number>;

/** A per-question render. */
export interface QuestionRendering extends RenderedTrajectory {
  category: ClassifiedCategory;
  /** Every step index shown (for checking the model's evidence). */
  shownSteps: number[];
  shownByTier: TierCounts;
  omittedByTier: TierCounts;
}

interface StepRender {
  text: string;
  state: RenderState;
}

type Caps = { assistant: number; toolOutput: number; event?: number };

/** A render is tried whole only when the raw texts are below this many times the budget (cuts and headers change sizes). */
const RAW_SIZE_MARGIN = 2;

/** Characters of a step's own texts (before caps, headers and redaction). */
function rawSize(step: Step): number {
  switch (step.kind) {
    case 'user':
      return step.text.length;
    case 'assistant':
      return step.text.length + (step.reasoning?.length ?? 0);
    case 'tool-call':
      return step.canonicalInput.length;
    case 'tool-result':
      return step.output.length;
    case 'event':
      return step.text?.length ?? 0;
  }
}

function emptyCounts(): TierCounts {
  return { instruction: 0, evidence: 0, supporting: 0, context: 0, other: 0 };
}

const KIND_NAMES: Record<Step['kind'], [string, string]> = {
  user: ['user-role message', 'user-role messages'],
  assistant: ['agent message', 'agent messages'],
  'tool-call': ['tool call', 'tool calls'],
  'tool-result': ['tool result', 'tool results'],
  event: ['event', 'events'],
};

/** "3 tool calls, 3 tool results" for a set of steps. */
function kindSummary(steps: readonly Step[]): string {
  const counts = new Map<Step['kind'], number>();
  for (const step of steps) counts.set(step.kind, (counts.get(step.kind) ?? 0) + 1);
  return [...counts].map(([kind, count]) => `${count} ${KIND_NAMES[kind][count === 1 ? 0 : 1]}`).join(', ');
}

/** Renders `steps` (index order) for the question of `category` within the token budget. */
export function renderForQuestion(category: ClassifiedCategory, steps: readonly Step[], options: QuestionRenderOptions = {}): QuestionRendering {
  const budget = options.tokenBudget ?? DEFAULT_RENDER_TOKEN_BUDGET;
  const fromStep = options.fromStep ?? 0;
  const relevance = stepRelevance(category, steps, options.workingDirectory, options.facts);
  // Evidence from before an incremental check's first step is shown with the session's caps and left out before the new evidence.
  let earlierEvidence = new Set<number>();
  const tierOf = (step: Step): RelevanceTier => (earlierEvidence.has(step.index) ? 'supporting' : (relevance.tier.get(step.index) ?? 'other'));
  const row = capsForSessionLength(options.sessionLength ?? steps.length);
  const caps: Record<RelevanceTier, Caps> = {
    instruction: { assistant: PROTECTED_TEXT_CHARACTERS, toolOutput: PROTECTED_TEXT_CHARACTERS, event: PROTECTED_TEXT_CHARACTERS },
    evidence: { assistant: Math.max(row.assistantCharacters, EVIDENCE_TEXT_CHARACTERS), toolOutput: Math.max(row.toolOutputCharacters, EVIDENCE_TEXT_CHARACTERS) },
    supporting: { assistant: row.assistantCharacters, toolOutput: row.toolOutputCharacters },
    context: { assistant: row.assistantCharacters, toolOutput: row.toolOutputCharacters },
    other: { assistant: row.assistantCharacters, toolOutput: row.toolOutputCharacters },
  };

  // The steps this check considers: from `fromStep`, plus the instructions and the latest evidence before it.
  const earlier = steps.filter((step) => step.index < fromStep && relevance.tier.get(step.index) === 'evidence');
  const failed = (step: Step): boolean => (relevance.evidence.get(step.index) ?? []).some((kind) => kind === 'error' || kind === 'after-error');
  earlierEvidence = new Set([...earlier.filter(failed).slice(-EARLIER_FAILURE_STEPS), ...earlier.filter((step) => !failed(step)).slice(-EARLIER_EVIDENCE_STEPS)].map((step) => step.index));
  // Before `fromStep`, the instructions are shown again (they never expire); final messages there were judged by the earlier check.
  const considered = steps.filter((step) => step.index >= fromStep || (tierOf(step) === 'instruction' && !relevance.finalMessages.has(step.index)) || earlierEvidence.has(step.index));
  const consideredByTier = emptyCounts();
  for (const step of considered) consideredByTier[tierOf(step)]++;
  const callIndex = new Map(steps.filter((step) => step.kind === 'tool-call').map((step) => [step.id, step.index]));
  const dropped = new Set<number>();
  const cache = new Map<string, StepRender>();
  const cleaned: RenderState['cleaned'] = new Map();

  const renderOne = (step: Step): StepRender => {
    const stepCaps = caps[tierOf(step)];
    const key = `${step.index}:${stepCaps.assistant}:${stepCaps.toolOutput}:${stepCaps.event ?? ''}`;
    let rendered = cache.get(key);
    if (!rendered) {
      const state: RenderState = { redactions: new Map(), omitted: 0, cleaned };
      rendered = { text: renderStep(step, callIndex, stepCaps, state), state };
      cache.set(key, rendered);
    }
    return rendered;
  };

  const assemble = (): string => {
    const lines: string[] = ['<trajectory>'];
    if (fromStep > 0) lines.push(`[Steps before ${fromStep} were checked earlier; of them only the developer's messages, the instruction sources and the latest evidence for this question are shown.]`);
    if (dropped.size > 0) {
      const left = considered.filter((step) => dropped.has(step.index));
      const evidenceShown = considered.filter((step) => tierOf(step) === 'evidence' && !dropped.has(step.index)).length;
      lines.push(
        `[Left out as least relevant to this question: ${left.length} of ${considered.length} steps (${kindSummary(left)}); every developer message, instruction source and final agent message is shown, and ${evidenceShown} of ${consideredByTier.evidence} steps with evidence for "${category}".]`,
      );
    }
    let run: Step[] = [];
    const flush = (): void => {
      if (run.length === 0) return;
      const first = run[0].index;
      const last = run[run.length - 1].index;
      lines.push(`[steps ${first === last ? first : `${first}–${last}`} omitted as less relevant to this question: ${kindSummary(run)}]`);
      run = [];
    };
    for (const step of considered) {
      if (dropped.has(step.index)) {
        run.push(step);
        continue;
      }
      flush();
      lines.push(renderOne(step).text);
    }
    flush();
    lines.push('</trajectory>');
    return lines.join('\n\n');
  };

  // Keep what the question needs first: the instructions always, then evidence (the category's first kind
  // first), supporting evidence, context and the rest, newest first within each, while the budget lasts. A kept
  // step that splits a run of left-out steps costs one more marker line; one that joins two runs saves one.
  const position = new Map(considered.map((step, at) => [step.index, at]));
  const forced = considered.filter((step) => tierOf(step) === 'instruction');
  // Failures and the agent's reaction to them come first where the question counts them, then the category's first kind.
  const priority = (step: Step): number => {
    const tier = tierOf(step);
    if (tier !== 'evidence') return RELEVANCE_TIERS.indexOf(tier) + 2;
    if ((relevance.evidence.get(step.index) ?? []).some((kind) => kind === 'error' || kind === 'after-error')) return 0;
    return relevance.rank.get(step.index) === 0 ? 1 : 2;
  };
  // Within a priority, a step with more kinds of the question's evidence first (a failing test run before a passing one), then the newest.
  const weight = (step: Step): number => (tierOf(step) === 'evidence' ? (relevance.evidence.get(step.index)?.length ?? 0) : 0);
  const order = considered.filter((step) => tierOf(step) !== 'instruction').sort((left, right) => priority(left) - priority(right) || weight(right) - weight(left) || right.index - left.index);
  const stepTokens = (step: Step): number => estimateTokens(renderOne(step).text) + 1;
  const select = (): void => {
    const kept = new Set<number>(forced.map((step) => step.index));
    const isKept = (at: number): boolean => at < 0 || at >= considered.length || kept.has(considered[at].index);
    let runs = 0;
    for (let at = 0; at < considered.length; at++) if (!kept.has(considered[at].index) && (at === 0 || kept.has(considered[at - 1].index))) runs++;
    let used = SELECTION_OVERHEAD_TOKENS + forced.reduce((sum, step) => sum + stepTokens(step), 0) + runs * OMISSION_MARKER_TOKENS;
    for (const step of order) {
      const left = budget - used;
      if (left < MINIMUM_STEP_TOKENS) break;
      // Skip without rendering a step that cannot fit whatever redaction does to it.
      const stepCaps = caps[tierOf(step)];
      if (Math.min(rawSize(step), Math.max(stepCaps.assistant, stepCaps.toolOutput)) / (2 * CHARACTERS_PER_TOKEN) > left + OMISSION_MARKER_TOKENS) continue;
      const at = position.get(step.index) ?? 0;
      const before = isKept(at - 1);
      const after = isKept(at + 1);
      const markers = before && after ? -1 : !before && !after ? 1 : 0;
      const cost = stepTokens(step) + markers * OMISSION_MARKER_TOKENS;
      if (used + cost > budget) continue;
      kept.add(step.index);
      used += cost;
    }
    dropped.clear();
    for (const step of considered) if (!kept.has(step.index)) dropped.add(step.index);
  };
  // Whether everything fits is first judged from the raw sizes, so a long session is not rendered whole for nothing.
  const rawCharacters = considered.reduce((sum, step) => sum + rawSize(step), 0);
  let text = rawCharacters / CHARACTERS_PER_TOKEN <= budget * RAW_SIZE_MARGIN ? assemble() : '';
  const over = (): boolean => text.length === 0 || estimateTokens(text) > budget;
  const halve = (tier: RelevanceTier, minimum: number): boolean => {
    const tierCaps = caps[tier];
    if (tierCaps.assistant <= minimum && tierCaps.toolOutput <= minimum && (tierCaps.event ?? 0) <= minimum) return false;
    tierCaps.assistant = Math.max(minimum, Math.floor(tierCaps.assistant / 2));
    tierCaps.toolOutput = Math.max(minimum, Math.floor(tierCaps.toolOutput / 2));
    if (tierCaps.event !== undefined) tierCaps.event = Math.max(minimum, Math.floor(tierCaps.event / 2));
    return true;
  };
  if (over()) {
    // The instructions alone over the budget: cut their non-developer texts first.
    while (forced.reduce((sum, step) => sum + stepTokens(step), 0) > budget && halve('instruction', PROTECTED_MINIMUM_CHARACTERS));
    select();
    // A few steps of the category's first kind of evidence do not fit: cut the evidence texts rather than leave
    // them out. When most do not fit (hundreds of test runs), the newest are better shown whole.
    const firstKind = considered.filter((step) => priority(step) <= 1);
    const missing = (): number => firstKind.filter((step) => dropped.has(step.index)).length;
    while (missing() > 0 && missing() <= firstKind.length * HALVE_WHEN_MISSING_AT_MOST && halve('evidence', MINIMUM_TEXT_CAP)) select();
    text = assemble();
    // The marker estimate was short: leave out the least needed of what was kept until it fits.
    const removable = order.filter((step) => !dropped.has(step.index)).reverse();
    let next = 0;
    while (over() && next < removable.length) {
      let excess = estimateTokens(text) - budget;
      while (excess > 0 && next < removable.length) {
        const step = removable[next++];
        dropped.add(step.index);
        excess -= stepTokens(step);
      }
      text = assemble();
    }
  }

  const shown = considered.filter((step) => !dropped.has(step.index));
  const shownByTier = emptyCounts();
  const omittedByTier = emptyCounts();
  const redactions = new Map<string, number>();
  let omittedCharacters = 0;
  for (const step of considered) {
    if (dropped.has(step.index)) {
      omittedByTier[tierOf(step)]++;
      continue;
    }
    shownByTier[tierOf(step)]++;
    const { state } = renderOne(step);
    omittedCharacters += state.omitted;
    for (const [kind, count] of state.redactions) redactions.set(kind, (redactions.get(kind) ?? 0) + count);
  }
  const fromHere = shown.filter((step) => step.index >= fromStep);
  return {
    category,
    text,
    estimatedTokens: estimateTokens(text),
    omittedCharacters,
    omittedSteps: [...dropped].sort((left, right) => left - right),
    redactions: [...redactions].map(([kind, count]) => ({ kind, count })),
    assistantCap: caps.other.assistant,
    toolOutputCap: caps.other.toolOutput,
    firstStep: fromHere[0]?.index ?? fromStep,
    lastStep: fromHere[fromHere.length - 1]?.index ?? fromStep - 1,
    shownSteps: shown.map((step) => step.index),
    shownByTier,
    omittedByTier,
  };
}
