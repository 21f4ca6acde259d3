/**
 * The same failing call retried with the same error after doing something else in between (F X F Y F),
 * while nothing changed the files: the retries cannot give another result. A call that names one file or web
 * address and is not a command, code or a file change is the same call whatever else it varies (the same file
 * asked about with a reworded question, the same page with another wait): see `targetCallKey`. The split with
 * repeated-tool-call: that one counts attempts in a row; this one counts returns to the failing call, so a
 * run of the same call in a row counts once here and no streak is reported twice. Error texts are compared
 * with digits and spacing folded (durations and counters vary). A file change (other than by the failing
 * call itself), a success of the same call, or real user input starts the count again; kept per lane.
 */
import { hashText } from '../trajectory/hash.js';
import { defineDetector } from './define.js';
import { compileExemptions, DEFAULT_EXEMPT_COMMANDS, DEFAULT_EXEMPT_TOOLS, displayInput, errorKey, isExempt, targetCallKey } from './loop-support/call-keys.js';
import { clearLanes, emptyLanes, laneName, laneOf, type Lanes } from './loop-support/lanes.js';

export interface RepeatedFailureOptions {
  /** Returns to the same failing call with the same error before it is a loop. */
  threshold: number;
  /** Tools that wait or poll by design (never counted). */
  exemptTools: string[];
  /** Shell commands that wait or poll by design (regular expressions). */
  exemptCommands: string[];
}

/** Default number of returns. */
export const DEFAULT_REPEATED_FAILURE_THRESHOLD = 3;
/** Most failing calls remembered per lane. */
const MAXIMUM_TRACKED_FAILURES = 32;
/** Most evidence steps kept per failing call. */
const MAXIMUM_EVIDENCE_STEPS = 20;

interface FailureRecord {
  error: string;
  returns: number;
  changeCountAfter: number;
  steps: number[];
}

interface Lane {
  /** Normalised key of the previous call in the lane (to tell a run in a row from a return). */
  previousKey: string;
  failures: Record<string, FailureRecord>;
  order: string[];
}

interface State {
  lanes: Lanes<Lane>;
}

export default defineDetector<RepeatedFailureOptions>({
  id: 'repeated-failure',
  meta: {
    category: 'infinite-loop',
    requiresLlm: false,
    description: 'The same failing call retried with the same error, with other calls in between and no file change.',
    messages: {
      'same-error': '{{tool}} failed with the same error {{count}} times, retried after other calls with no change to the files',
    },
    defaultOptions: {
      threshold: DEFAULT_REPEATED_FAILURE_THRESHOLD,
      exemptTools: [...DEFAULT_EXEMPT_TOOLS],
      exemptCommands: [...DEFAULT_EXEMPT_COMMANDS],
    },
    defaultConfidence: 0.9,
  },
  create(context, options) {
    const state = context.state<State>(() => ({ lanes: emptyLanes() }));
    const exemptions = compileExemptions(options.exemptTools, options.exemptCommands);
    return {
      user(step) {
        if (step.origin === 'prompt') clearLanes(state.lanes);
      },
      'tool-result'(step) {
        const call = context.facts.callFor(step);
        const changeCountBefore = context.facts.changeCountBeforeCall(step);
        if (!call || isExempt(call, exemptions)) return;
        const lane = laneOf(state.lanes, laneName(call), () => ({ previousKey: '', failures: {}, order: [] }));
        const key = targetCallKey(call);
        const inARow = lane.previousKey === key;
        lane.previousKey = key;
        if (!step.isError) {
          if (key in lane.failures) {
            delete lane.failures[key];
            lane.order.splice(lane.order.indexOf(key), 1);
          }
          return;
        }
        const error = errorKey(step);
        let record = lane.failures[key];
        if (!record || record.error !== error || record.changeCountAfter !== changeCountBefore) {
          record = { error, returns: 1, changeCountAfter: 0, steps: [] };
          if (!(key in lane.failures)) lane.order.push(key);
          lane.failures[key] = record;
          while (lane.order.length > MAXIMUM_TRACKED_FAILURES) delete lane.failures[lane.order.shift() as string];
        } else if (!inARow) {
          record.returns++;
        }
        record.changeCountAfter = context.facts.changeCount;
        record.steps.push(call.index, step.index);
        if (record.steps.length > MAXIMUM_EVIDENCE_STEPS) record.steps.splice(0, record.steps.length - MAXIMUM_EVIDENCE_STEPS);
        if (inARow || record.returns < options.threshold) return;
        context.report({
          messageId: 'same-error',
          steps: [...record.steps],
          data: { tool: call.tool, count: record.returns, input: displayInput(call) },
          signature: `repeated-failure:${hashText(`${key}\u0000${error}`)}`,
        });
      },
    };
  },
});
