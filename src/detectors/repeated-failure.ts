/**
 * The same failing call made again with the same error after doing something else in between (F X F Y F, or
 * F X F F), while nothing changed the files: the retries cannot give another result. A call that names one file
 * or web address and is not a command, code or a file change is the same call whatever else it varies (the same
 * file asked about with a reworded question, the same page with another wait): see `targetCallKey`.
 *
 * The split with repeated-tool-call: that one owns a run of `threshold` attempts in a row; this one counts every
 * attempt once the call has been returned to after something else, and a run of `threshold` in a row counts as
 * one return here, so no streak is reported twice. Error texts are compared with digits and spacing folded
 * (durations and counters vary). A file change (other than by the failing call itself), a success of the same
 * call, or real user input starts the count again.
 *
 * Kept per lane (the main agent, each sub-agent), except a failing call on one target: that one is kept for the
 * whole team, since a manager that hands the same failing read to a sub-agent after it failed, or a sub-agent
 * started after another failed on it, repeats the attempt. A sub-agent that was already running when the other
 * failed did not know and is not counted (parallel sub-agents each trying once is no loop): see `couldKnow`.
 */
import { hashText } from '../trajectory/hash.js';
import { defineDetector } from './define.js';
import { compileExemptions, DEFAULT_EXEMPT_COMMANDS, DEFAULT_EXEMPT_TOOLS, displayInput, errorKey, isExempt, isTargetKey, targetCallKey, targetOfKey } from './loop-support/call-keys.js';
import { clearLanes, couldKnow, emptyLanes, laneName, laneOf, momentOf, noteLaneStart, type Lanes, type StepMoment } from './loop-support/lanes.js';

export interface RepeatedFailureOptions {
  /** Attempts of the same failing call with the same error, at least one of them a return, before it is a loop. */
  threshold: number;
  /** Tools that wait or poll by design (never counted). */
  exemptTools: string[];
  /** Shell commands that wait or poll by design (regular expressions). */
  exemptCommands: string[];
}

/** Default number of attempts. */
export const DEFAULT_REPEATED_FAILURE_THRESHOLD = 3;
/** Most failing calls remembered (per lane, and for the team's targets). */
const MAXIMUM_TRACKED_FAILURES = 32;
/** Most evidence steps kept per failing call. */
const MAXIMUM_EVIDENCE_STEPS = 20;

interface FailureRecord {
  error: string;
  /** Attempts counted: every failure, except that a run of `threshold` or more in a row counts once. */
  attempts: number;
  /** Times the call was made again after something else (the first attempt counts as one). */
  returns: number;
  /** Length of the current run in a row. */
  run: number;
  /** Lane of the last attempt counted, and when its result came. */
  lane: string;
  at: StepMoment;
  /** Whether a lane other than the first took part. */
  acrossLanes: boolean;
  changeCountAfter: number;
  steps: number[];
}

interface Records {
  byKey: Record<string, FailureRecord>;
  order: string[];
}

interface Lane {
  /** Normalised key of the previous call in the lane (to tell a run in a row from a return). */
  previousKey: string;
  /** The lane's failing calls that are not on one target. */
  failures: Records;
}

interface State {
  lanes: Lanes<Lane>;
  /** When each sub-agent's task came (see noteLaneStart). */
  starts: Lanes<StepMoment>;
  /** Failing calls on one target, whichever lane made them. */
  team: Records;
}

function emptyRecords(): Records {
  return { byKey: {}, order: [] };
}

export default defineDetector<RepeatedFailureOptions>({
  id: 'repeated-failure',
  meta: {
    category: 'infinite-loop',
    requiresLlm: false,
    description: 'The same failing call made again with the same error, with other calls in between and no file change.',
    messages: {
      'same-error': '{{tool}} failed with the same error {{count}} times, retried after other calls with no change to the files',
      'same-error-across-agents': '{{tool}} failed with the same error {{count}} times on {{input}}, tried again by a sub-agent or after one had failed, with no change to the files',
    },
    defaultOptions: {
      threshold: DEFAULT_REPEATED_FAILURE_THRESHOLD,
      exemptTools: [...DEFAULT_EXEMPT_TOOLS],
      exemptCommands: [...DEFAULT_EXEMPT_COMMANDS],
    },
    defaultConfidence: 0.9,
  },
  create(context, options) {
    const state = context.state<State>(() => ({ lanes: emptyLanes(), starts: emptyLanes(), team: emptyRecords() }));
    const exemptions = compileExemptions(options.exemptTools, options.exemptCommands);
    return {
      user(step) {
        if (step.origin === 'prompt' && step.sidechain === undefined) {
          clearLanes(state.lanes);
          clearLanes(state.starts);
          state.team = emptyRecords();
          return;
        }
        noteLaneStart(state.starts, step);
      },
      'tool-result'(step) {
        const call = context.facts.callFor(step);
        const changeCountBefore = context.facts.changeCountBeforeCall(step);
        if (!call || isExempt(call, exemptions)) return;
        const name = laneName(call);
        const lane = laneOf(state.lanes, name, () => ({ previousKey: '', failures: emptyRecords() }));
        const key = targetCallKey(call);
        const inARow = lane.previousKey === key;
        lane.previousKey = key;
        const records = isTargetKey(key) ? state.team : lane.failures;
        if (!step.isError) {
          if (key in records.byKey) {
            delete records.byKey[key];
            records.order.splice(records.order.indexOf(key), 1);
          }
          return;
        }
        const error = errorKey(step);
        let record = records.byKey[key];
        if (!record || record.error !== error || record.changeCountAfter !== changeCountBefore) {
          record = { error, attempts: 1, returns: 1, run: 1, lane: name, at: momentOf(step), acrossLanes: false, changeCountAfter: 0, steps: [] };
          if (!(key in records.byKey)) records.order.push(key);
          records.byKey[key] = record;
          while (records.order.length > MAXIMUM_TRACKED_FAILURES) delete records.byKey[records.order.shift() as string];
        } else if (record.lane !== name) {
          // Another lane: counted when it knew of the failure (the main agent, or a sub-agent started after it).
          if (!couldKnow(state.starts, record, name)) return;
          record.returns++;
          record.attempts++;
          record.run = 1;
          record.lane = name;
          record.acrossLanes = true;
        } else if (inARow) {
          record.run++;
          // A run that reaches the threshold is repeated-tool-call's: it counts as one attempt here.
          if (record.run < options.threshold) record.attempts++;
          else if (record.run === options.threshold) record.attempts -= options.threshold - 2;
        } else {
          record.returns++;
          record.attempts++;
          record.run = 1;
        }
        record.at = momentOf(step);
        record.changeCountAfter = context.facts.changeCount;
        record.steps.push(call.index, step.index);
        if (record.steps.length > MAXIMUM_EVIDENCE_STEPS) record.steps.splice(0, record.steps.length - MAXIMUM_EVIDENCE_STEPS);
        if (record.returns < 2 || record.attempts < options.threshold || record.run >= options.threshold) return;
        context.report({
          messageId: record.acrossLanes ? 'same-error-across-agents' : 'same-error',
          steps: [...record.steps],
          data: { tool: call.tool, count: record.attempts, input: record.acrossLanes ? targetOfKey(key) : displayInput(call) },
          signature: `repeated-failure:${hashText(`${key}\u0000${error}`)}`,
        });
      },
    };
  },
});
