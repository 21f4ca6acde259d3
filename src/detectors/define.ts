/**
 * The detector framework, shaped like an ESLint rule: `meta` (category, messages, default options) and
 * `create(context, options)` returning handlers keyed by step kind. State lives in `context.state(...)`: a
 * plain JSON object the engine can snapshot between hook processes, so it must hold only JSON values
 * (objects, arrays, strings, numbers, booleans, null). Handlers run once per step and must update state
 * in O(1) amortized time — never rescan the trajectory.
 */
import type { InstructionsView } from '../instructions/tracker.js';
import type { CategoryId } from '../taxonomy/categories.js';
import type { FormId } from '../taxonomy/study-axes.js';
import type { SessionMetadata } from '../trajectory/session.js';
import type {
  AssistantMessageStep,
  Step,
  SystemEventStep,
  ToolCallStep,
  ToolResultStep,
  UserMessageStep,
} from '../trajectory/step.js';

/** What a detector reports: no free text — a messageId and the data to fill its template. */
export interface FindingReport {
  /** Key into `meta.messages` (and the guidance store). */
  messageId: string;
  /** Step indices that are the evidence, first to last (the finding is located at the last). */
  steps: number[];
  /** Values for the message template and for guidance (tool, count, file, constraint, claim, …). */
  data?: Record<string, string | number | boolean>;
  /** 0..1; defaults to `meta.defaultConfidence` or 0.9. */
  confidence?: number;
  /** Overrides `meta.category` for this finding. */
  category?: CategoryId;
  /** Overrides `meta.form` for this finding. */
  form?: FormId;
  /**
   * Identity of the misbehavior for de-duplication and escalation (e.g. the repeated call's key). Two
   * reports with the same signature are the same misbehavior recurring. Defaults to detector + messageId.
   */
  signature?: string;
}

/** How a detector runs: findings delivered (`on`), only recorded (`shadow`), or not at all (`off`). */
export type DetectorMode = 'on' | 'shadow' | 'off';

/** A finding as the engine emits it. */
export interface Finding {
  detector: string;
  category: CategoryId;
  form?: FormId;
  messageId: string;
  /** The message template filled with `data`. */
  message: string;
  data: Record<string, string | number | boolean>;
  steps: number[];
  confidence: number;
  signature: string;
  /** True for signals that are not misbehaviors (developer pushback). */
  signal?: boolean;
  /** True when its detector runs in shadow mode: recorded and shown apart, never injected or used to refuse. */
  shadow?: boolean;
}

/** Read-only facts about the trajectory so far, maintained by the engine for every detector. */
export interface TrajectoryFacts {
  /** The session being analysed. */
  readonly session: SessionMetadata;
  /** Index of the step being handled. */
  readonly stepIndex: number;
  /** The call a result answers (while it is pending), or undefined. */
  callFor(result: ToolResultStep): ToolCallStep | undefined;
  /** The change count when the result's call was made, before the call's own effects (the current count when unknown). */
  changeCountBeforeCall(result: ToolResultStep): number;
  /** Path normalised against the session's working directory. */
  normalizePath(path: string): string;
  /** How many times the file was written, edited or deleted so far (0 when never). */
  fileVersion(path: string): number;
  /** Number of steps so far that changed any file (edits, writes, deletes, shell commands that write). */
  readonly changeCount: number;
  /** Number of tool calls so far that may have changed files in ways not visible from their input (shell commands). */
  readonly opaqueCommandCount: number;
  /** Index of the last real user prompt, or -1. */
  readonly lastPromptIndex: number;
  /** Text of the first real user prompt (the task), or ''. */
  readonly taskText: string;
  /** The branch checked out: the one the log names, or the one a later `git switch` / `git checkout` made current. */
  readonly gitBranch: string | undefined;
  /**
   * The instructions in force at this step, from every source the agent works from: prompts (queued ones
   * included), rule files, hook context, compaction summaries, task text it fetched, approvals.
   */
  readonly instructions: InstructionsView;
}

/** What a detector gets when it is created. */
export interface DetectorContext {
  /** Facts about the trajectory so far. */
  readonly facts: TrajectoryFacts;
  /** Reports a finding at the current step. */
  report(finding: FindingReport): void;
  /**
   * The detector's JSON state: on a fresh run `initial()` is called and its result kept; when the engine
   * was restored from a snapshot, the saved state comes back instead. Call it once, in `create`.
   */
  state<State extends object>(initial: () => State): State;
}

/** Handlers a detector returns, by step kind, plus `end` when the session ends. */
export interface DetectorHandlers {
  user?(step: UserMessageStep): void;
  assistant?(step: AssistantMessageStep): void;
  'tool-call'?(step: ToolCallStep): void;
  'tool-result'?(step: ToolResultStep): void;
  event?(step: SystemEventStep): void;
  /** Any step, after the kind handler. */
  step?(step: Step): void;
  /** The session ended (the agent stopped, or the log is complete). */
  end?(): void;
}

export interface DetectorMeta<Options> {
  /** Category of the findings (a report may override it). */
  category: CategoryId;
  /** The study's form for the findings, where one applies. */
  form?: FormId;
  /** Deterministic detectors run inline; LLM ones run asynchronously. */
  requiresLlm: boolean;
  /** One sentence: what the detector flags. */
  description: string;
  /** Message templates by messageId; `{{name}}` is replaced by `data.name`. */
  messages: Record<string, string>;
  /** Options and their defaults. */
  defaultOptions: Options;
  /** Default confidence of findings. */
  defaultConfidence?: number;
  /**
   * Whether the detector runs when the configuration says nothing: `on` (default), `shadow` (its findings are
   * recorded and shown apart, never injected or used to refuse) or `off`. A detector whose findings were
   * right less than 90% of the time on real sessions is not `on` by default; `modeReason` says why.
   */
  defaultMode?: DetectorMode;
  /** Why the default mode is not `on` (the measured precision), for the detector's page. */
  modeReason?: string;
  /** True when findings are signals (e.g. developer pushback), not misbehaviors. */
  signal?: boolean;
}

export interface Detector<Options extends object = Record<string, unknown>> {
  /** Equals the file name. */
  id: string;
  meta: DetectorMeta<Options>;
  create(context: DetectorContext, options: Options): DetectorHandlers;
}

/** Declares a detector (identity function that checks the shape at compile time). */
export function defineDetector<Options extends object>(detector: Detector<Options>): Detector<Options> {
  return detector;
}

/** Fills `{{name}}` placeholders from data; unknown names are left visible. */
export function fillTemplate(template: string, data: Record<string, string | number | boolean>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}
