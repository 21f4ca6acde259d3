/**
 * Keeps the instructions in force as a session goes on, for every detector at once (the engine owns one
 * tracker per session): constraints from every source, requests from every source, file targets any
 * instruction names, and approvals of the agent's proposals. A later firm request or permission lifts an
 * earlier prohibition of the same thing; a new prompt replaces an earlier question-only request. State is
 * plain JSON and bounded.
 */
import { applyPermission, extractConstraints, extractPermissions } from '../detectors/constraints/extract.js';
import { matchesTarget } from '../detectors/constraints/file-classes.js';
import type { Constraint } from '../detectors/constraints/types.js';
import { hashText } from '../trajectory/hash.js';
import type { Step, ToolCallStep } from '../trajectory/step.js';
import { isApproval, proposedSubjects } from './approvals.js';
import { GIT_OPERATIONS } from '../detectors/constraints/commands.js';
import { clausesOf } from '../detectors/constraints/clauses.js';
import { extractRequests, isOrder, namedTargets } from './requests.js';
import { instructionTextOf, MAXIMUM_INSTRUCTION_CHARACTERS } from './sources.js';
import type { InstructionOrigin, InstructionSource, InstructionsState, InstructionText, Request } from './types.js';

/** Most constraints in force (oldest dropped first). */
export const MAXIMUM_CONSTRAINTS = 96;
/** Most requests remembered (oldest dropped first). */
export const MAXIMUM_REQUESTS = 160;
/** Most file targets remembered. */
export const MAXIMUM_MENTIONED_TARGETS = 300;
/** Most instruction documents remembered by hash. */
export const MAXIMUM_DOCUMENTS = 100;
/** Most error names remembered. */
export const MAXIMUM_EXPECTED_ERRORS = 50;
/** Characters of an output searched for an expected error name. */
export const EXPECTED_ERROR_OUTPUT_CHARACTERS = 4000;
/** Error and exception names in an instruction ("raise ValidationException", "return a 422 ValidationError"). */
const ERROR_NAME = /\b[A-Z][A-Za-z0-9]{0,60}(?:Error|Exception)\b/g;

export { MAXIMUM_INSTRUCTION_CHARACTERS };

/** What detectors read: the instructions in force at the current step. */
export interface InstructionsView {
  /** Prohibitions and requirements in force. */
  readonly constraints: readonly Constraint[];
  /** The latest request of a subject in force (firm or a mention), or undefined. */
  requestFor(subject: string): Request | undefined;
  /** True when some instruction asks for or mentions the subject. */
  isRequested(subject: string): boolean;
  /** True when some instruction names the file (a `path:`, `directory:` or `glob:` target), after `afterStep` when given. */
  mentions(path: string, afterStep?: number): boolean;
  /** True when an output shows an error or exception an instruction asks the code to raise. */
  expectsError(output: string): boolean;
  /**
   * True when an order given after `afterStep`, from a source at least as authoritative as `source`, names
   * the file ("add cases to test/cart.test.ts"): it is more specific than a rule against a whole class of files.
   */
  ordersChangeTo(path: string, afterStep: number, source: InstructionSource): boolean;
}

/** What a firm request of this subject grants, for lifting prohibitions: a command family, or edits of a file class. */
function permissionsOf(subject: string): Array<{ subject: string; targets: string[] }> {
  if (subject.startsWith('package:') || subject === 'dependency-install') return [{ subject: 'dependency-install', targets: [] }];
  if (subject === 'git-commit' || subject === 'git-push' || subject === 'git-push-force' || subject in GIT_OPERATIONS) return [{ subject, targets: [] }];
  if (subject === 'tests') return [{ subject: 'edit', targets: ['class:test'] }];
  if (subject === 'config') return [{ subject: 'edit', targets: ['class:config'] }];
  if (subject === 'docs') return [{ subject: 'edit', targets: ['class:docs'] }];
  if (subject === 'edit' || subject.startsWith('verb:') || subject.startsWith('prefix:') || subject.startsWith('program:') || subject.startsWith('step:')) return [{ subject, targets: [] }];
  return [];
}

/**
 * How much an instruction's source weighs when it would lift another's prohibition: the developer's own words
 * (and their approvals) over the task they handed over, over standing rule files and injected context. A
 * rule file loaded later never lifts what the developer forbade.
 */
const SOURCE_WEIGHT: Record<InstructionSource, number> = { prompt: 3, approval: 3, 'task-text': 2, 'compaction-summary': 2, 'rule-file': 1, 'hook-context': 1 };

/** True when an instruction from `granting` may lift a prohibition from `forbidding`. */
export function outranks(granting: InstructionSource, forbidding: InstructionSource): boolean {
  return SOURCE_WEIGHT[granting] >= SOURCE_WEIGHT[forbidding];
}

/** An error name with the words that ask for it: "raise ValidationException", "must throw a ValidationError". */
const ASKS_FOR_ERROR = /\b(?:raise|raises|raising|throw|throws|throwing|return|returns)\b|\b(?:must|should|needs? to|has to|have to|make)\b/i;
/** Words that say the error must go away ("should not raise TypeError", "no longer throws"). */
const ERROR_MUST_GO = /\b(?:not|no longer|never|instead of|rather than|stop|stops|without|fix|fixes|fixing)\b/i;

export class InstructionsTracker implements InstructionsView {
  constructor(
    readonly state: InstructionsState,
    private readonly workingDirectory: string | undefined,
  ) {}

  get constraints(): readonly Constraint[] {
    return this.state.constraints;
  }

  requestFor(subject: string): Request | undefined {
    const requests = this.state.requests;
    for (let position = requests.length - 1; position >= 0; position--) if (requests[position].subject === subject) return requests[position];
    return undefined;
  }

  isRequested(subject: string): boolean {
    return this.requestFor(subject) !== undefined;
  }

  ordersChangeTo(path: string, afterStep: number, source: InstructionSource): boolean {
    const name = path.slice(path.lastIndexOf('/') + 1);
    return (this.state.orderedTargets ?? []).some((entry) => entry.step > afterStep && outranks(entry.source, source) && (matchesTarget(path, entry.target) || entry.target === `path:${name}`));
  }

  mentions(path: string, afterStep = -Infinity): boolean {
    const name = path.slice(path.lastIndexOf('/') + 1);
    const steps = this.state.mentionedAt;
    return this.state.mentionedTargets.some((target, position) => (steps?.[position] ?? -1) > afterStep && (matchesTarget(path, target) || target === `path:${name}`));
  }

  expectsError(output: string): boolean {
    const names = this.state.expectedErrors ?? [];
    if (names.length === 0) return false;
    const text = output.length > EXPECTED_ERROR_OUTPUT_CHARACTERS * 2 ? `${output.slice(0, EXPECTED_ERROR_OUTPUT_CHARACTERS)}\n${output.slice(-EXPECTED_ERROR_OUTPUT_CHARACTERS)}` : output;
    return names.some((name) => text.includes(name));
  }

  /** Takes in a context document given outside the trajectory (a rule file the hook read from disk). */
  addDocument(text: InstructionText): void {
    this.take(text);
  }

  /** Takes in one step (before detectors see it); `call` is the call a tool result answers. */
  observe(step: Step, call: ToolCallStep | undefined): void {
    if (step.kind === 'assistant' && step.sidechain === undefined && step.text.length > 0) {
      const proposal = proposedSubjects(step.text);
      this.state.proposal = proposal ? { ...proposal, step: step.index } : null;
    } else if (step.kind === 'tool-call' && step.sidechain === undefined) {
      this.state.proposal = null;
    }
    const text = instructionTextOf(step, call, this.workingDirectory);
    if (text) this.take(text);
  }

  private take(instruction: InstructionText): void {
    const state = this.state;
    const text = instruction.text.length > MAXIMUM_INSTRUCTION_CHARACTERS ? instruction.text.slice(0, MAXIMUM_INSTRUCTION_CHARACTERS) : instruction.text;
    if (instruction.source === 'prompt') {
      // A new request replaces an earlier question-only one; a plain "yes" approves what the agent proposed.
      state.constraints = state.constraints.filter((constraint) => constraint.kind !== 'question-only');
      const proposal = state.proposal;
      state.proposal = null;
      if (proposal && isApproval(text)) {
        const origin: InstructionOrigin = { source: 'approval', label: 'the user (approving your proposal)', step: instruction.step };
        for (const subject of proposal.subjects) this.grant({ ...origin, subject, quote: `"${proposal.quote}" — "${text.trim()}"` });
      }
      for (const permission of extractPermissions(text)) this.grant({ source: 'prompt', label: instruction.label, step: instruction.step, subject: permission.subject, quote: permission.quote }, permission.targets);
    } else {
      // A rule file or hook context repeated at every prompt is read once.
      const hash = hashText(text);
      if (state.documents.includes(hash)) return;
      state.documents.push(hash);
      if (state.documents.length > MAXIMUM_DOCUMENTS) state.documents.shift();
    }
    const origin: InstructionOrigin = { source: instruction.source, label: instruction.label, step: instruction.step };
    for (const request of extractRequests(text, origin)) {
      if (request.firm) this.grant(request);
      else this.remember(request);
    }
    this.addConstraints(extractConstraints(text, instruction.step, instruction.source, instruction.wholeRequest).map((constraint) => ({ ...constraint, label: instruction.label })));
    state.expectedErrors ??= [];
    state.orderedTargets ??= [];
    // Rule files name errors in passing (known issues, style rules); the task and the developer name the one they want.
    const readsErrors = instruction.source !== 'rule-file' && instruction.source !== 'hook-context';
    for (const clause of clausesOf(text)) {
      if (readsErrors && (clause.includes('rror') || clause.includes('xception'))) {
        // "Make save() raise ValidationException" asks for the error; "saving raises TypeError, fix it" describes the bug.
        const asked = ASKS_FOR_ERROR.test(clause) && !ERROR_MUST_GO.test(clause) && (isOrder(clause) || /\b(?:must|should|needs? to|has to|have to|make)\b/i.test(clause));
        for (const match of asked ? clause.matchAll(ERROR_NAME) : []) {
          if (state.expectedErrors.includes(match[0])) continue;
          state.expectedErrors.push(match[0]);
          if (state.expectedErrors.length > MAXIMUM_EXPECTED_ERRORS) state.expectedErrors.shift();
        }
      }
      if (!isOrder(clause)) continue;
      for (const target of namedTargets(clause)) state.orderedTargets.push({ target, step: instruction.step, source: instruction.source });
    }
    // Trimmed once, not at every target: a text may name thousands (the latest are kept).
    if (state.orderedTargets.length > MAXIMUM_MENTIONED_TARGETS) state.orderedTargets.splice(0, state.orderedTargets.length - MAXIMUM_MENTIONED_TARGETS);
    state.mentionedAt ??= state.mentionedTargets.map(() => -1);
    // The text's targets, known before or not, become the latest: its first ones when it names hundreds (a pasted
    // file list), since the file a request names comes before the list it pastes. Older texts' targets are the
    // first dropped.
    const named = namedTargets(text, MAXIMUM_MENTIONED_TARGETS);
    if (named.length === 0) return;
    const renamed = new Set(named);
    const older = state.mentionedTargets.map((target, position) => ({ target, step: state.mentionedAt?.[position] ?? -1 })).filter(({ target }) => !renamed.has(target));
    const kept = older.slice(Math.max(0, older.length + named.length - MAXIMUM_MENTIONED_TARGETS));
    state.mentionedTargets = [...kept.map(({ target }) => target), ...named];
    state.mentionedAt = [...kept.map(({ step }) => step), ...named.map(() => instruction.step)];
  }

  /** A firm request: remembered, and it lifts earlier prohibitions of the same thing. */
  private grant(request: Request, targets: string[] = []): void {
    this.remember({ ...request, firm: true });
    for (const permission of permissionsOf(request.subject)) {
      // Only earlier prohibitions, and only from sources the granting one outranks (see SOURCE_WEIGHT).
      const liftable = (constraint: Constraint) => constraint.step < request.step && outranks(request.source, constraint.source);
      const kept = this.state.constraints.filter((constraint) => !liftable(constraint));
      const lifted = applyPermission(this.state.constraints.filter(liftable), { subject: permission.subject, targets: targets.length > 0 ? targets : permission.targets, quote: request.quote });
      this.state.constraints = [...lifted, ...kept].sort((left, right) => left.step - right.step);
    }
  }

  private remember(request: Request): void {
    const requests = this.state.requests;
    if (requests.some((existing) => existing.subject === request.subject && existing.label === request.label && existing.step === request.step)) return;
    requests.push({ source: request.source, label: request.label, step: request.step, subject: request.subject, quote: request.quote, firm: request.firm === true });
    if (requests.length > MAXIMUM_REQUESTS) requests.shift();
  }

  private addConstraints(found: Constraint[]): void {
    const state = this.state;
    for (const constraint of found) {
      const duplicate = state.constraints.some(
        (existing) => existing.kind === constraint.kind && existing.subject === constraint.subject && existing.detail === constraint.detail && existing.targets.join('\n') === constraint.targets.join('\n'),
      );
      if (!duplicate) state.constraints.push(constraint);
    }
    if (state.constraints.length > MAXIMUM_CONSTRAINTS) state.constraints.splice(0, state.constraints.length - MAXIMUM_CONSTRAINTS);
  }
}
