/** Types of the observer: settings, interventions, recovery outcomes, asynchronous checks. */
import type { Finding } from '../detectors/define.js';
import type { EscalationLevel } from '../guidance/render.js';
import type { CategoryId } from '../taxonomy/categories.js';

/** `intervene` injects guidance; `shadow` only detects and records; `ab` assigns each session to one of the two. */
export type ObserverMode = 'intervene' | 'shadow' | 'ab';

/** A/B arm: treatment sessions get guidance, control sessions run in shadow. */
export type Arm = 'treatment' | 'control';

/** What PreToolUse does with a proposed call that would produce a finding of a category. */
export type PreToolUsePolicy = 'block' | 'warn' | 'off';

export interface ObserverSettings {
  mode: ObserverMode;
  /** Asynchronous checks start every k steps (the paper's k). */
  checkInterval: number;
  /** Steps after an intervention over which recovery is judged. */
  recoveryWindow: number;
  /** Fewest steps between two injections for the same misbehavior. */
  cooldownSteps: number;
  /** Findings below this confidence are recorded but never injected. */
  minimumConfidence: number;
  /**
   * Injection floor of the LLM classifiers' findings (asynchronous findings with `data.source` `llm`), by
   * category, in place of `minimumConfidence`: a verdict below its category's floor is recorded as a shadow
   * finding (kept in the outcome's findings, never injected). Unlisted categories use `minimumConfidence`.
   * Merged key by key with the defaults. See docs/decisions/llm-confidence-floors.md.
   */
  llmConfidenceFloors: Partial<Record<CategoryId, number>>;
  /** A loop finding is still current if its pattern was seen within this many steps. */
  loopFreshnessSteps: number;
  /** An asynchronous finding whose evidence is older than this many steps is stale. */
  asyncStalenessSteps: number;
  /** Seed of the A/B assignment (recorded with each session). */
  abSeed: string;
  /** Share of sessions assigned to treatment in `ab` mode. */
  treatmentShare: number;
  /**
   * What PreToolUse does with a proposed call whose finding has this messageId or category (the messageId
   * wins; neither set: warn). Merged key by key with the defaults, so setting one key keeps the others.
   */
  preToolUse: Record<string, PreToolUsePolicy>;
  /** A proposed call identical to one that already failed this many times in a row, with nothing changed since, gets a warning. */
  repeatedFailureWarning: number;
  /** … and is refused at this many (0: never refused). Off with `preToolUse['tool-call-failure'] = 'off'`. */
  repeatedFailureLimit: number;
  /** Guidance blocks at most this many findings at once. */
  maximumFindingsPerInjection: number;
}

/**
 * PreToolUse refuses a call only where it is near certain that the call is wrong: an explicit instruction of the
 * developer forbids exactly this command (`forbiddenCommand`: "do not push" and the call is `git push`) or exactly
 * this file (`forbiddenEdit`: "do not touch the tests" and the call edits one) or exactly this tool (`forbiddenTool`: "do not
 * use the web_search tool" and the call is web_search). Every other finding only warns:
 * a refusal is the one intervention an agent cannot ignore, agents route around it (`sed` or `echo` through the
 * shell), and a wrong refusal costs the developer a turn. See docs/decisions/pre-tool-use-refusals.md.
 */
export const DEFAULT_PRE_TOOL_USE_POLICY: Readonly<Record<string, PreToolUsePolicy>> = {
  forbiddenCommand: 'block',
  forbiddenEdit: 'block',
  forbiddenTool: 'block',
  'did-not-follow-instructions': 'warn',
  'unrequested-changes': 'warn',
  'tool-call-failure': 'warn',
  'infinite-loop': 'warn',
};
/** A call that already failed twice in a row unchanged gets a warning before its third run (the peers nudge at 3). */
export const DEFAULT_REPEATED_FAILURE_WARNING = 2;
/** … and is refused after three failures, at its fourth run (Roo Code blocks the 4th identical call; OpenHands stops at the 4th identical error). */
export const DEFAULT_REPEATED_FAILURE_LIMIT = 3;

/**
 * Where an LLM verdict is injected (docs/decisions/llm-confidence-floors.md): at the ensemble's own bar (0.7) in
 * the categories the deterministic detectors hardly see; at its veto bar (0.8) where they are already precise
 * (loops, tool failures) or where "not requested" is easy to misjudge (unrequested changes). Lower verdicts
 * are recorded in shadow until measured.
 */
export const DEFAULT_LLM_CONFIDENCE_FLOORS: Readonly<Partial<Record<CategoryId, number>>> = {
  'inaccurate-self-report': 0.7,
  'did-not-follow-instructions': 0.7,
  'unrequested-changes': 0.8,
  'infinite-loop': 0.8,
  'tool-call-failure': 0.8,
};

export const DEFAULT_OBSERVER_SETTINGS: ObserverSettings = {
  mode: 'intervene',
  checkInterval: 5,
  recoveryWindow: 15,
  cooldownSteps: 3,
  minimumConfidence: 0.7,
  llmConfidenceFloors: DEFAULT_LLM_CONFIDENCE_FLOORS,
  loopFreshnessSteps: 4,
  asyncStalenessSteps: 10,
  abSeed: 'wink',
  treatmentShare: 0.5,
  preToolUse: DEFAULT_PRE_TOOL_USE_POLICY,
  repeatedFailureWarning: DEFAULT_REPEATED_FAILURE_WARNING,
  repeatedFailureLimit: DEFAULT_REPEATED_FAILURE_LIMIT,
  maximumFindingsPerInjection: 2,
};

/** One decision to guide the agent (recorded whether or not it was delivered). */
export interface Intervention {
  /** Unique id: session, step and sequence number. */
  id: string;
  /** Step after which it is injected. */
  step: number;
  /** Signature of the misbehavior it addresses. */
  signature: string;
  category: CategoryId;
  messageId: string;
  level: EscalationLevel;
  /** The rendered guidance text. */
  guidance: string;
  /** The finding behind it. */
  finding: Finding;
  /** True when it was (to be) injected; false in shadow mode or the control arm. */
  delivered: boolean;
  /** Where the finding came from. */
  source: 'deterministic' | 'asynchronous';
}

export type RecoveryOutcomeKind = 'recovered' | 'not-recovered' | 'insufficient';

/** How an intervention turned out. */
export interface RecoveryOutcome {
  interventionId: string;
  signature: string;
  category: CategoryId;
  outcome: RecoveryOutcomeKind;
  /** Step at which the outcome was decided. */
  decidedAtStep: number;
  /** Why, in a few words. */
  reason: string;
}

/** An asynchronous check the observer asks for (an LLM classifier run, for example). */
export interface AsyncCheckJob {
  /** Unique, stable id (session + number): retries must reuse it. */
  id: string;
  sessionId: string;
  /** The check covers steps up to and including this index. */
  upToStep: number;
}

/** The result of an asynchronous check. */
export interface AsyncCheckResult {
  jobId: string;
  /** Misbehaviors found (empty when none). */
  findings: Finding[];
  /** Set when the check could not run; the observer ignores the result. */
  error?: string;
}

/** Starts an asynchronous check. It must not block: return a promise (in-process) or nothing (results come back through `Observer.receive`). */
export type AsyncCheckStarter = (job: AsyncCheckJob) => Promise<AsyncCheckResult> | void;

/** What the observer returns for one step. */
export interface ObservationOutcome {
  /** Findings produced at this step (deterministic, plus asynchronous ones taken up now). */
  findings: Finding[];
  /** Interventions decided at this step (delivered or not). */
  interventions: Intervention[];
  /** The guidance to inject now, or undefined (shadow mode, control arm, nothing to say). */
  guidance?: string;
  /** Recovery outcomes decided at this step. */
  recoveries: RecoveryOutcome[];
  /** Asynchronous checks started at this step. */
  jobsStarted: AsyncCheckJob[];
}

/** Decision on a proposed tool call, before it runs. */
export interface ProposedCallDecision {
  decision: 'allow' | 'deny' | 'warn';
  /** Text for the agent (deny reason or warning); empty for allow. */
  reason: string;
  findings: Finding[];
}

/** Decision when the agent wants to stop. */
export interface StopDecision {
  block: boolean;
  reason: string;
  findings: Finding[];
}
