/**
 * The instructions in force: everything the agent was told, wherever it was told — the developer's prompts
 * (queued ones included), rule files (CLAUDE.md, AGENTS.md, GEMINI.md), context hooks added, the summary
 * that replaced the conversation after a compaction, task text the agent fetched (an issue, a ticket, a
 * task file) and proposals the developer approved. What any of them forbids is a constraint; what any of
 * them asks for is a request. Each keeps its quote and where it came from, so a finding can cite it.
 * Plain JSON, so it snapshots with the engine's state.
 */
import type { Constraint } from '../detectors/constraints/types.js';

/** Where an instruction came from. */
export type InstructionSource =
  /** A prompt the developer typed (or a benchmark's task statement). */
  | 'prompt'
  /** A project or user rule file: CLAUDE.md, AGENTS.md, GEMINI.md, their imports, `.cursorrules`, … */
  | 'rule-file'
  /** Context a SessionStart or UserPromptSubmit hook added. */
  | 'hook-context'
  /** The summary of the conversation written at a compaction (it restates what the developer asked). */
  | 'compaction-summary'
  /** Task text the agent fetched with a tool: an issue or ticket, a task or plan file. */
  | 'task-text'
  /** The developer said yes to something the agent proposed ("Shall I push?" — "yes"). */
  | 'approval';

/** Where one instruction was given: its source, a label to cite it by, and the step that carried it. */
export interface InstructionOrigin {
  source: InstructionSource;
  /** How guidance names it: "the user", "CLAUDE.md", "the SessionStart hook", "`gh issue view 42`". */
  label: string;
  /** Index of the step that carried it. */
  step: number;
}

/** A text that carries instructions, with its origin. */
export interface InstructionText extends InstructionOrigin {
  text: string;
  /** True for a whole developer prompt (it may be a question that asks for no change). */
  wholeRequest: boolean;
}

/**
 * Something an instruction asks for. Subjects: command families (`git-commit`, `git-push`,
 * `dependency-install`), a named package (`package:zod`), and kinds of change (`tests`, `config`, `docs`,
 * `deletion`).
 */
export interface Request extends InstructionOrigin {
  subject: string;
  /** The words that asked for it (trimmed, bounded). */
  quote: string;
  /** True for an order or a grant ("commit and push", "go ahead"); false for a mention ("did you push?"). */
  firm?: boolean;
}

/** The instructions in force, as JSON. */
export interface InstructionsState {
  /** What instructions forbid or require, in force now (bounded, oldest dropped first). */
  constraints: Constraint[];
  /** What instructions ask for (bounded; the first request of each subject and source is kept). */
  requests: Request[];
  /** File targets (`path:`, `directory:`, `glob:`) any instruction names (bounded). */
  mentionedTargets: string[];
  /** The step of the latest instruction that named each target (same order as mentionedTargets). */
  mentionedAt?: number[];
  /** File targets named in an order ("add cases to test/cart.test.ts"), with the step of the order (bounded). */
  orderedTargets?: Array<{ target: string; step: number; source: InstructionSource }>;
  /** Hashes of instruction documents already read (a rule file read twice adds nothing twice). */
  documents: string[];
  /** Error and exception names instructions speak of ("raise ValidationException"): a run that shows one may be the point. */
  expectedErrors: string[];
  /** What the agent last proposed in a question to the developer, for a "yes" that approves it. */
  proposal: { subjects: string[]; quote: string; step: number } | null;
}

/** Nothing told yet. */
export function initialInstructionsState(): InstructionsState {
  return { constraints: [], requests: [], mentionedTargets: [], expectedErrors: [], documents: [], proposal: null };
}
