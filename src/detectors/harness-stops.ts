/**
 * Ends of a run that are not the agent's doing: the harness cut it off (an iteration, cost, step or time
 * limit) or the model provider stopped answering (a usage or rate limit). Neither is premature termination
 * or a skipped instruction.
 */
import type { SessionMetadata } from '../trajectory/session.js';
import type { SystemEventStep } from '../trajectory/step.js';

/**
 * Exit statuses harnesses record when they stop a run: OpenHands `max-iterations`, SWE-agent `exit_cost`,
 * `exit_context`, `exit_format`, `exit_time`, mini-swe-agent `LimitsExceeded`, Claude Code `error_max_turns`,
 * `error_max_budget_usd`, and similar.
 */
export const HARNESS_CUT_OFF_STATUS = /max[-_ ]?iterations?|limits?[-_ ]?exceeded|^exit_(?:cost|context|format|time|steps?|error)|max[-_ ]?turns|max[-_ ]?budget|max[-_ ]?steps|budget|cost[-_ ]?limit|time[-_ ]?limit|timeout|out of turns/i;

/** Messages a provider or client writes when it stops serving the model (usage, quota, rate or credit limits). */
export const PROVIDER_STOP_TEXT = /usage limit|limit reached|hit your (?:usage )?limit|quota (?:exceeded|exhausted)|rate[- ]?limit|credit balance is too low|out of credits|insufficient (?:credits|quota)|overloaded|exceeded your (?:current )?quota|resets? (?:at|in) \d/i;

/** True when the harness recorded that it stopped the run at one of its limits. */
export function isHarnessCutOff(session: SessionMetadata): boolean {
  return session.exitStatus !== undefined && HARNESS_CUT_OFF_STATUS.test(session.exitStatus);
}

/** True when an error event (or a harness note) says the provider stopped answering. */
export function isProviderStop(step: SystemEventStep): boolean {
  return (step.event === 'error' || step.event === 'turn-aborted' || step.event === 'other') && step.text !== undefined && PROVIDER_STOP_TEXT.test(step.text.slice(0, 2000));
}
