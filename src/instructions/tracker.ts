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
import { extractRequests, namedTargets } from './requests.js';
import { instructionTextOf } from './sources.js';
import type { InstructionOrigin, InstructionsState, InstructionText, Request } from './types.js';

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

/** Most characters of an instruction text read (the rest of a huge paste or file is not instructions). */
export const MAXIMUM_INSTRUCTION_CHARACTERS = 40_000;

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
  /** True when an output shows an error or exception an instruction speaks of (the error the task asks to raise). */
  expectsError(output: string): boolean;
}

/** Subjects a request of this subject also grants, for lifting prohibitions. */
function permissionSubjects(subject: string): string[] {
  if (subject.startsWith('package:')) return ['dependency-install'];
  if (subject === 'dependency-install') return ['dependency-install'];
  if (subject === 'git-commit' || subject === 'git-push') return [subject];
  return [];
}

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
    // Rule files name errors in passing (known issues, style rules); the task and the developer name the one they want.
    const errorSources = instruction.source === 'rule-file' || instruction.source === 'hook-context' ? [] : text.matchAll(ERROR_NAME);
    for (const match of errorSources) {
      if (state.expectedErrors.includes(match[0])) continue;
      state.expectedErrors.push(match[0]);
      if (state.expectedErrors.length > MAXIMUM_EXPECTED_ERRORS) state.expectedErrors.shift();
    }
    state.mentionedAt ??= state.mentionedTargets.map(() => -1);
    for (const target of namedTargets(text)) {
      const known = state.mentionedTargets.indexOf(target);
      if (known !== -1) {
        state.mentionedAt[known] = instruction.step;
        continue;
      }
      state.mentionedTargets.push(target);
      state.mentionedAt.push(instruction.step);
      if (state.mentionedTargets.length > MAXIMUM_MENTIONED_TARGETS) {
        state.mentionedTargets.shift();
        state.mentionedAt.shift();
      }
    }
  }

  /** A firm request: remembered, and it lifts earlier prohibitions of the same thing. */
  private grant(request: Request, targets: string[] = []): void {
    this.remember(request);
    const subjects = request.subject === 'edit' || request.subject.startsWith('verb:') || request.subject.startsWith('prefix:') || request.subject.startsWith('program:') || request.subject.startsWith('step:') ? [request.subject] : permissionSubjects(request.subject);
    for (const subject of subjects) {
      const earlier = this.state.constraints.filter((constraint) => constraint.step < request.step);
      const later = this.state.constraints.filter((constraint) => constraint.step >= request.step);
      this.state.constraints = [...applyPermission(earlier, { subject, targets, quote: request.quote }), ...later];
    }
  }

  private remember(request: Request): void {
    const requests = this.state.requests;
    if (requests.some((existing) => existing.subject === request.subject && existing.label === request.label && existing.step === request.step)) return;
    requests.push({ source: request.source, label: request.label, step: request.step, subject: request.subject, quote: request.quote });
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
