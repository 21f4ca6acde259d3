/**
 * Which steps a classifier's question needs, in tiers (docs/decisions/llm-per-question-rendering.md):
 *
 * - `instruction` (never left out): every developer message and instruction source (rule files, hook context,
 *   compaction summaries, task text the agent fetched — `src/instructions/`), and the agent's final messages.
 * - `evidence`: the steps that carry the category's primary evidence ({@link EVIDENCE_BY_CATEGORY}): test and
 *   build runs, errors and the agent's reaction to them, git operations, installs, edits, repeated calls — a
 *   call and its result count together.
 * - `supporting`: the category's secondary evidence (edits for a claim, the claim's subject, other commands).
 * - `context`: the steps next to primary evidence, the latest steps, and the agent's other messages.
 * - `other`: everything else; left out first.
 */
import { DEPENDENCY_INSTALL, GIT_OPERATIONS, PROCESS_STEPS, simpleCommandsOf } from '../detectors/constraints/commands.js';
import { instructionTextOf } from '../instructions/sources.js';
import type { Step, ToolCallStep, ToolResultStep } from '../trajectory/step.js';
import type { ClassifiedCategory } from './classifiers/schema.js';
import { isDeveloperMessage } from './render-trajectory.js';

/** Tiers, most needed first. */
export type RelevanceTier = 'instruction' | 'evidence' | 'supporting' | 'context' | 'other';

/** Tiers in the order they are kept (the last is left out first). */
export const RELEVANCE_TIERS: readonly RelevanceTier[] = ['instruction', 'evidence', 'supporting', 'context', 'other'];

/** Kinds of evidence a step can carry. */
export type EvidenceKind =
  /** A test, build, lint or type-check run (and its result). */
  | 'verification'
  /** A failed, rejected, interrupted or refused call (and the call). */
  | 'error'
  /** The agent's first message and first call after a failure: did it notice? */
  | 'after-error'
  /** A call that creates, changes or deletes files. */
  | 'edit'
  /** A git operation that changes history or reaches other machines. */
  | 'git'
  /** A dependency install. */
  | 'install'
  /** Any shell command. */
  | 'command'
  /** A call made again with the same tool and input. */
  | 'repeated-call'
  /** A call on a file or command the agent's final messages name. */
  | 'claim-subject'
  /** A call on a file or command a developer message or instruction source names. */
  | 'instruction-subject';

/**
 * The evidence each category's question needs: `primary` kinds make a step `evidence` (kept before anything
 * but the instructions, with larger caps), `secondary` kinds make it `supporting`.
 */
export const EVIDENCE_BY_CATEGORY: Readonly<Record<ClassifiedCategory, { primary: readonly EvidenceKind[]; secondary: readonly EvidenceKind[] }>> = {
  'inaccurate-self-report': { primary: ['verification', 'error', 'after-error'], secondary: ['git', 'edit', 'claim-subject'] },
  'tool-call-failure': { primary: ['error', 'after-error'], secondary: ['repeated-call'] },
  'infinite-loop': { primary: ['repeated-call', 'error'], secondary: ['verification', 'edit'] },
  'unrequested-changes': { primary: ['git', 'install', 'edit'], secondary: ['command'] },
  'did-not-follow-instructions': { primary: ['instruction-subject', 'git', 'install', 'verification', 'error'], secondary: ['edit', 'command'] },
};

/** The agent's last messages with text kept whole (the claims a session ends on). */
export const FINAL_MESSAGES_KEPT = 2;
/** The latest steps kept as context whatever they are. */
export const RECENT_STEPS_KEPT = 8;
/** A call is repeated when the same tool and input came at most this many calls earlier. */
export const REPEAT_WINDOW_CALLS = 4;
/** Steps on each side of an evidence step kept as context. */
export const EVIDENCE_NEIGHBOURS = 1;
/** Most subjects (file names, commands) read from the final messages. */
export const MAXIMUM_CLAIM_SUBJECTS = 24;
/** Characters of a final message searched for subjects. */
export const CLAIM_SUBJECT_SCAN_CHARACTERS = 8_000;

/** File names with an extension, and back-quoted words, in a claim ("fixed `parse` in src/date.ts"). */
const NAME_TOKEN = /[\w.-]+/g;
/** A file extension: a letter, then one to seven word characters. */
const EXTENSION = /^[a-z]\w{1,7}$/i;
/** Longest file name (before its extension) read from a claim. */
const MAXIMUM_FILE_NAME_CHARACTERS = 80;

/** The file name a word of a claim is ("date.ts", "date.ts." at a sentence's end), or undefined. */
function fileNameOf(token: string): string | undefined {
  let end = token.length;
  while (end > 0 && (token[end - 1] === '.' || token[end - 1] === '-')) end -= 1;
  const name = token.slice(0, end);
  const dot = name.lastIndexOf('.');
  if (dot < 1 || dot > MAXIMUM_FILE_NAME_CHARACTERS || !EXTENSION.test(name.slice(dot + 1))) return undefined;
  return name;
}
const BACK_QUOTED = /`([^`\n]{3,80})`/g;

/** What the relevance pass found, by step index. */
export interface StepRelevance {
  tier: Map<number, RelevanceTier>;
  /** Rank of an evidence step: the position of its best kind in the category's primary kinds (0 is the most telling). */
  rank: Map<number, number>;
  /** Evidence kinds found per step (evidence tier only). */
  evidence: Map<number, EvidenceKind[]>;
  /** The final messages kept whole. */
  finalMessages: Set<number>;
  /** Instruction sources that are not developer messages (rule files, hooks, summaries, task text). */
  instructionSources: Set<number>;
}

function isFailure(result: ToolResultStep): boolean {
  return result.isError || (result.exitCode !== undefined && result.exitCode !== 0) || result.rejected === true || result.interrupted === true || result.refusedByHook === true;
}

/** A call's command lines (bounded) and their simple commands, parsed once. */
function commandsOf(call: ToolCallStep): string[] {
  const lines = call.effects.commands.map((line) => line.slice(0, 2_000));
  return [...lines, ...lines.flatMap((line) => simpleCommandsOf(line))];
}

function commandMatches(commands: readonly string[], patterns: readonly RegExp[]): boolean {
  return commands.some((command) => patterns.some((pattern) => pattern.test(command)));
}

const VERIFICATION_PATTERNS = [PROCESS_STEPS.tests, PROCESS_STEPS.build, PROCESS_STEPS.lint, PROCESS_STEPS.typecheck];
const GIT_PATTERNS = Object.values(GIT_OPERATIONS);

/** The subjects a final message names: file names and back-quoted words, lower-cased. */
export function claimSubjects(texts: readonly string[]): string[] {
  const subjects = new Set<string>();
  for (const text of texts) {
    const part = text.slice(0, CLAIM_SUBJECT_SCAN_CHARACTERS);
    for (const match of part.matchAll(NAME_TOKEN)) {
      const name = fileNameOf(match[0]);
      if (name !== undefined) subjects.add(name.toLowerCase());
    }
    for (const match of part.matchAll(BACK_QUOTED)) subjects.add(match[1].trim().toLowerCase());
    if (subjects.size >= MAXIMUM_CLAIM_SUBJECTS) break;
  }
  return [...subjects].filter((subject) => subject.length >= 3).slice(0, MAXIMUM_CLAIM_SUBJECTS);
}

function callMentions(call: ToolCallStep, subjects: readonly string[]): boolean {
  if (subjects.length === 0) return false;
  const targets = [...call.effects.filesRead, ...call.effects.filesWritten, ...call.effects.filesEdited, ...call.effects.filesDeleted, ...call.effects.commands].map((target) => target.slice(0, 2_000).toLowerCase());
  return targets.some((target) => subjects.some((subject) => target.includes(subject)));
}

/** The agent's final messages: the last {@link FINAL_MESSAGES_KEPT} assistant steps with text. */
function finalMessagesOf(steps: readonly Step[]): number[] {
  const found: number[] = [];
  for (let position = steps.length - 1; position >= 0 && found.length < FINAL_MESSAGES_KEPT; position--) {
    const step = steps[position];
    if (step.kind === 'assistant' && step.sidechain === undefined && step.text.trim().length > 0) found.push(step.index);
  }
  return found.reverse();
}

/** The evidence kinds of one call (with its result, when there is one). */
function callEvidence(call: ToolCallStep, result: ToolResultStep | undefined, repeated: boolean, subjects: readonly string[], instructionSubjects: readonly string[]): EvidenceKind[] {
  const kinds: EvidenceKind[] = [];
  const effects = call.effects;
  const commands = effects.commands.length > 0 ? commandsOf(call) : [];
  if (commandMatches(commands, VERIFICATION_PATTERNS)) kinds.push('verification');
  if ((result && isFailure(result)) || call.synthetic === true || call.refusedByHook === true) kinds.push('error');
  if (effects.filesWritten.length + effects.filesEdited.length + effects.filesDeleted.length > 0 || effects.action === 'edit' || effects.action === 'write' || effects.action === 'delete') kinds.push('edit');
  if (commandMatches(commands, GIT_PATTERNS)) kinds.push('git');
  if (commandMatches(commands, [DEPENDENCY_INSTALL])) kinds.push('install');
  if (effects.commands.length > 0) kinds.push('command');
  if (repeated) kinds.push('repeated-call');
  if (callMentions(call, subjects)) kinds.push('claim-subject');
  if (callMentions(call, instructionSubjects)) kinds.push('instruction-subject');
  return kinds;
}

/** What a session's steps show whatever the question: computed once per check, shared by the five questions. */
export interface SessionFacts {
  /** Every evidence kind each step carries (a call's kinds are its result's too, except `after-error`). */
  kinds: Map<number, EvidenceKind[]>;
  /** Instruction sources that are not developer messages (rule files, hooks, summaries, task text). */
  instructionSources: Set<number>;
  /** The calls whose results are instruction sources (the agent reading CLAUDE.md, fetching an issue). */
  instructionCalls: Set<number>;
  /** The final messages kept whole. */
  finalMessages: Set<number>;
}

/** The category-independent facts of a session's steps. */
export function sessionFacts(steps: readonly Step[], workingDirectory?: string): SessionFacts {
  const kinds = new Map<number, EvidenceKind[]>();
  const instructionSources = new Set<number>();
  const instructionCalls = new Set<number>();
  const finals = finalMessagesOf(steps);
  const finalMessages = new Set(finals);
  const byIndex = new Map(steps.map((step) => [step.index, step]));
  const subjects = claimSubjects(finals.flatMap((index) => {
    const step = byIndex.get(index);
    return step?.kind === 'assistant' ? [step.text] : [];
  }));
  const instructionSubjects = claimSubjects(steps.flatMap((step) => (step.kind === 'user' && isDeveloperMessage(step) ? [step.text] : [])));
  const callsById = new Map<string, ToolCallStep>();
  const resultByCall = new Map<string, ToolResultStep>();
  // A call is repeated when the same tool and input came within REPEAT_WINDOW_CALLS calls (before or after).
  const repeated = new Set<number>();
  const lastCallAt = new Map<string, { position: number; index: number }>();
  let callPosition = 0;
  for (const step of steps) {
    if (step.kind === 'tool-call') {
      callsById.set(step.id, step);
      const key = `${step.tool}\u0000${step.canonicalInput.slice(0, 4_000)}`;
      const previous = lastCallAt.get(key);
      if (previous && callPosition - previous.position <= REPEAT_WINDOW_CALLS) {
        repeated.add(previous.index);
        repeated.add(step.index);
      }
      lastCallAt.set(key, { position: callPosition++, index: step.index });
    } else if (step.kind === 'tool-result') resultByCall.set(step.callStepId, step);
  }
  const add = (index: number, added: readonly EvidenceKind[]): void => {
    if (added.length > 0) kinds.set(index, [...(kinds.get(index) ?? []), ...added]);
  };
  let afterError = false;
  let sawAgentAfterError = false;
  for (const step of steps) {
    const call = step.kind === 'tool-result' ? callsById.get(step.callStepId) : undefined;
    if (!isDeveloperMessage(step) && instructionTextOf(step, call, workingDirectory) !== undefined) {
      instructionSources.add(step.index);
      if (call) instructionCalls.add(call.index);
    }
    if (step.kind === 'tool-call') {
      if (afterError) {
        add(step.index, ['after-error']);
        afterError = false;
      }
      const result = resultByCall.get(step.id);
      const found = callEvidence(step, result, repeated.has(step.index), subjects, instructionSubjects);
      add(step.index, found);
      if (result) add(result.index, found);
    }
    if (step.kind === 'tool-result' && isFailure(step)) {
      afterError = true;
      sawAgentAfterError = false;
    }
    if (step.kind === 'assistant' && afterError && !sawAgentAfterError && step.text.trim().length > 0) {
      add(step.index, ['after-error']);
      sawAgentAfterError = true;
    }
  }
  return { kinds, instructionSources, instructionCalls, finalMessages };
}

/** Sorts every step of a session into tiers for one category's question. */
export function stepRelevance(category: ClassifiedCategory, steps: readonly Step[], workingDirectory?: string, facts: SessionFacts = sessionFacts(steps, workingDirectory)): StepRelevance {
  const { primary, secondary } = EVIDENCE_BY_CATEGORY[category];
  const wanted = new Set([...primary, ...secondary]);
  const primaryKinds = new Set(primary);
  const tier = new Map<number, RelevanceTier>();
  const evidence = new Map<number, EvidenceKind[]>();
  const raise = (index: number, to: RelevanceTier): void => {
    const current = tier.get(index) ?? 'other';
    if (RELEVANCE_TIERS.indexOf(to) < RELEVANCE_TIERS.indexOf(current)) tier.set(index, to);
  };
  for (const step of steps) {
    tier.set(step.index, 'other');
    if (isDeveloperMessage(step) || facts.finalMessages.has(step.index) || facts.instructionSources.has(step.index) || facts.instructionCalls.has(step.index)) raise(step.index, 'instruction');
    if (step.kind === 'assistant' && step.text.trim().length > 0) raise(step.index, 'context');
    const kinds = (facts.kinds.get(step.index) ?? []).filter((kind) => wanted.has(kind));
    if (kinds.length > 0) evidence.set(step.index, kinds);
  }
  for (const [index, kinds] of evidence) raise(index, kinds.some((kind) => primaryKinds.has(kind)) ? 'evidence' : 'supporting');
  for (const [index, kinds] of evidence) {
    if (!kinds.some((kind) => primaryKinds.has(kind))) continue;
    for (let offset = 1; offset <= EVIDENCE_NEIGHBOURS; offset++) {
      if (tier.has(index - offset)) raise(index - offset, 'context');
      if (tier.has(index + offset)) raise(index + offset, 'context');
    }
  }
  for (const step of steps.slice(-RECENT_STEPS_KEPT)) raise(step.index, 'context');
  // A result is worth no more than its call is shown for: keep pairs at the same tier.
  const indexById = new Map(steps.map((step) => [step.id, step.index]));
  for (const step of steps) {
    if (step.kind !== 'tool-result') continue;
    const callIndex = indexById.get(step.callStepId);
    if (callIndex === undefined || !tier.has(callIndex)) continue;
    const resultTier = tier.get(step.index) ?? 'other';
    const callTier = tier.get(callIndex) ?? 'other';
    const best = RELEVANCE_TIERS.indexOf(resultTier) < RELEVANCE_TIERS.indexOf(callTier) ? resultTier : callTier;
    if (best !== 'instruction') {
      raise(step.index, best);
      raise(callIndex, best);
    }
  }
  const rank = new Map<number, number>();
  for (const [index, kinds] of evidence) {
    const positions = kinds.map((kind) => primary.indexOf(kind)).filter((position) => position >= 0);
    if (positions.length > 0) rank.set(index, Math.min(...positions));
  }
  return { tier, rank, evidence, finalMessages: facts.finalMessages, instructionSources: facts.instructionSources };
}

/** The questions a new instruction by itself can change the answer of (what was asked or forbidden). */
export const INSTRUCTION_QUESTIONS: ReadonlySet<ClassifiedCategory> = new Set(['did-not-follow-instructions', 'unrequested-changes']);

/**
 * True when the steps after `afterStep` give the category's question something to judge: a developer message
 * or instruction source (for {@link INSTRUCTION_QUESTIONS}), an agent message (a claim to check, for
 * `inaccurate-self-report`), or a step with the category's evidence. A check asks only the categories with
 * something new (`afterStep` -1 for a session's first check); the others keep their earlier verdicts.
 */
export function hasNewMaterial(category: ClassifiedCategory, steps: readonly Step[], afterStep: number, workingDirectory?: string, facts?: SessionFacts): boolean {
  const relevance = stepRelevance(category, steps, workingDirectory, facts);
  for (const step of steps) {
    if (step.index <= afterStep) continue;
    if (INSTRUCTION_QUESTIONS.has(category) && (isDeveloperMessage(step) || relevance.instructionSources.has(step.index))) return true;
    if (category === 'inaccurate-self-report') {
      if (step.kind === 'assistant' && step.sidechain === undefined && step.text.trim().length > 0) return true;
    } else if (relevance.evidence.has(step.index)) return true;
  }
  return false;
}
