/**
 * Calls in a row to the same tool whose inputs differ only trivially — whitespace, shell quoting, the
 * order of a shell command's flags, `./` prefixes, trailing slashes — with the same result each time:
 * paraphrasing the same call does not make it a new one. A streak of exactly identical calls is
 * repeated-tool-call's; this detector reports only streaks holding at least two different spellings.
 * A changed result, or a file change in between (other than by the call itself), ends the streak; real
 * user input resets; kept per lane.
 */
import { defineDetector } from './define.js';
import { compileExemptions, DEFAULT_EXEMPT_COMMANDS, DEFAULT_EXEMPT_TOOLS, displayInput, exactCallHash, isExempt, loopToken, normalizedCallHash } from './loop-support/call-keys.js';
import { inputFields, spellingDifference, type InputField } from './loop-support/spelling-difference.js';
import { clearLanes, emptyLanes, laneName, laneOf, type Lanes } from './loop-support/lanes.js';

export interface NearIdenticalCallOptions {
  /** Near-identical calls in a row with the same result before it is a loop. */
  threshold: number;
  /** Tools that wait or poll by design (never counted). */
  exemptTools: string[];
  /** Shell commands that wait or poll by design (regular expressions). */
  exemptCommands: string[];
}

/** Default streak length. */
export const DEFAULT_NEAR_IDENTICAL_THRESHOLD = 3;
/** Most evidence steps kept per streak. */
const MAXIMUM_EVIDENCE_STEPS = 40;
/** Most distinct spellings remembered per streak. */
const MAXIMUM_SPELLINGS = 8;

interface Lane {
  /** Hash of the normalised key + outcome of the current streak ('' when none). */
  token: string;
  streak: number;
  /** Hashes of the exact inputs seen in the streak. */
  spellings: string[];
  /** The first spelling's input fields, to show how the second one differs. */
  firstFields: InputField[];
  /** How the first two spellings differ ('' until there are two). */
  difference: string;
  steps: number[];
  changeCountAfter: number;
}

interface State {
  lanes: Lanes<Lane>;
}

export default defineDetector<NearIdenticalCallOptions>({
  id: 'near-identical-call',
  meta: {
    category: 'infinite-loop',
    requiresLlm: false,
    description: 'The same call, reworded only trivially, made several times in a row with the same result.',
    messages: {
      'near-identical': '{{tool}} called {{count}} times in a row with the same result; the inputs differ only trivially ({{spellings}} spellings: {{difference}})',
    },
    defaultOptions: {
      threshold: DEFAULT_NEAR_IDENTICAL_THRESHOLD,
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
        const lane = laneOf(state.lanes, laneName(call), () => ({ token: '', streak: 0, spellings: [], firstFields: [], difference: '', steps: [], changeCountAfter: -1 }));
        const token = loopToken(call, step);
        const spelling = exactCallHash(call);
        if (token === lane.token && changeCountBefore === lane.changeCountAfter) {
          lane.streak++;
        } else {
          lane.token = token;
          lane.streak = 1;
          lane.spellings = [];
          lane.firstFields = inputFields(call.input);
          lane.difference = '';
          lane.steps = [];
        }
        lane.changeCountAfter = context.facts.changeCount;
        if (!lane.spellings.includes(spelling) && lane.spellings.length < MAXIMUM_SPELLINGS) {
          lane.spellings.push(spelling);
          if (lane.spellings.length === 2) lane.difference = spellingDifference(lane.firstFields, inputFields(call.input));
        }
        lane.steps.push(call.index, step.index);
        if (lane.steps.length > MAXIMUM_EVIDENCE_STEPS) lane.steps.splice(0, lane.steps.length - MAXIMUM_EVIDENCE_STEPS);
        if (lane.streak < options.threshold || lane.spellings.length < 2) return;
        context.report({
          messageId: 'near-identical',
          steps: [...lane.steps],
          data: { tool: call.tool, count: lane.streak, spellings: lane.spellings.length, difference: lane.difference, input: displayInput(call), failing: step.isError },
          signature: `near-identical-call:${normalizedCallHash(call)}`,
        });
      },
    };
  },
});
