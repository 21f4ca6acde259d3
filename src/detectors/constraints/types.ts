/**
 * Constraints a developer (or a rule file, or a benchmark's task prompt) placed on the agent, as plain JSON
 * so detectors can keep them in snapshotted state.
 */
import type { InstructionSource } from '../../instructions/types.js';

/** What kind of rule a constraint is. */
export type ConstraintKind =
  /** "don't modify the tests": changing a matching file breaks it. */
  | 'forbidden-edit'
  /** "only edit files in src/": changing a file outside the targets breaks it. */
  | 'edit-whitelist'
  /** "don't push", "never run the migrations": running a matching command breaks it. */
  | 'forbidden-command'
  /** "do not use the web_search tool": calling that tool (directly or from inside a code action) breaks it. */
  | 'forbidden-tool'
  /**
   * "answer with only a number", "reply with just yes or no", "respond with one word": the agent's answer to that
   * request (its last message of the turn, or its final_answer) in another form breaks it.
   */
  | 'answer-format'
  /** "use pnpm, not npm": running the avoided program breaks it. */
  | 'preferred-tool'
  /** "use the review_code tool (with mode strict)": never calling it, or calling it in another mode, breaks it. */
  | 'required-tool'
  /** "run the tests before you finish": finishing without it after the last change breaks it. */
  | 'required-step'
  /** "explain why…", "what does X do?": any file change breaks it. */
  | 'question-only'
  /** "do not ignore credo lintings, fix them", "never use --no-verify": silencing a check breaks it. */
  | 'no-silencing'
  /** "Failure or 'I cannot answer' will not be tolerated", "don't give up": a final answer that gives up breaks it. */
  | 'no-give-up'
  /**
   * "you must make sure you find the correct answer", "verify your answer": a result the agent says it
   * simulates instead of getting it, or a final answer given with no lookup at all after a plan that named
   * one, breaks it.
   */
  | 'verified-answer';

/** Where a constraint was stated (see instructions/types.ts). */
export type ConstraintSource = InstructionSource;

/** One constraint, with the words that stated it. */
export interface Constraint {
  kind: ConstraintKind;
  /**
   * File targets for edit constraints: `class:<file class>` (see file-classes.ts), `path:<exact or suffix>`,
   * `directory:<prefix>` or `glob:<pattern>`.
   */
  targets: string[];
  /**
   * What the constraint is about, by kind: a command family id (`git-push`, `dependency-install`,
   * `program:npm`, `prefix:npm run deploy`) for forbidden commands; the tool name for forbidden tools; the form (`number`, `yes-no`, `one-word`) for answer formats; the avoided
   * program for preferred tools;
   * the tool name for required tools; the process family (`tests`, `lint`, …) for required steps; the check
   * family (`lint`, `types`, `tests`, `hooks`, `ci`, `security`, or `any`) for no-silencing.
   */
  subject: string;
  /** The preferred program (preferred-tool) or the required mode (required-tool); '' otherwise. */
  detail: string;
  /** The sentence that stated the constraint, as written (trimmed, at most a few hundred characters). */
  quote: string;
  /** Index of the step that stated it. */
  step: number;
  source: ConstraintSource;
  /** How guidance cites it: "the user", "CLAUDE.md", "`gh issue view 42`" (older snapshots lack it). */
  label?: string;
}
