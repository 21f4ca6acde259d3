/**
 * The same tool call (same tool, same canonical input; reasoning text ignored) made several times in a
 * row with the same result (or failing each time, whatever the error text) and no file change in between.
 * A call whose result changes (polling,
 * pagination, a build in progress) is progress, not a loop; a change to the files between two runs (an
 * edit, then re-running the tests) resets the count; real user input resets it too. "In a row" is per agent:
 * each sub-agent (lane) has its own streak, so three sub-agents that each read the same README once, side by side,
 * are no loop.
 */
import { hashText } from '../trajectory/hash.js';
import { commandLineOf } from '../trajectory/tool-effects.js';
import { defineDetector } from './define.js';
import { compileExemptions, DEFAULT_EXEMPT_COMMANDS, DEFAULT_EXEMPT_TOOLS, isExempt, outcomeKey } from './loop-support/call-keys.js';
import { clearLanes, emptyLanes, laneName, laneOf, type Lanes } from './loop-support/lanes.js';

export interface RepeatedToolCallOptions {
  /** Identical calls in a row with the same result before it is a loop. */
  threshold: number;
  /** Tools that wait or poll by design (never counted). */
  exemptTools: string[];
  /** Shell commands that wait or poll by design (regular expressions, never counted). */
  exemptCommands: string[];
}

interface Streak {
  key: string;
  resultHash: string;
  changeCount: number;
  streak: number;
  /** Evidence step indices of the current streak (call and result of each repeat), bounded. */
  steps: number[];
}

interface State {
  /** The streak of each agent (lane). */
  lanes: Lanes<Streak>;
}

/** Most evidence steps kept per streak. */
const MAXIMUM_EVIDENCE_STEPS = 40;

export default defineDetector<RepeatedToolCallOptions>({
  id: 'repeated-tool-call',
  meta: {
    category: 'infinite-loop',
    requiresLlm: false,
    description: 'The same tool call repeated several times in a row with the same result and no change in between.',
    messages: {
      repeated: '{{tool}} called {{count}} times in a row with the same input and no new result',
    },
    defaultOptions: {
      threshold: 3,
      exemptTools: [...DEFAULT_EXEMPT_TOOLS],
      exemptCommands: [...DEFAULT_EXEMPT_COMMANDS],
    },
  },
  create(context, options) {
    const state = context.state<State>(() => ({ lanes: emptyLanes() }));
    const exemptions = compileExemptions(options.exemptTools, options.exemptCommands);
    return {
      user(step) {
        if (step.origin !== 'injected') clearLanes(state.lanes);
      },
      'tool-result'(step) {
        const call = context.facts.callFor(step);
        if (!call || isExempt(call, exemptions)) return;
        const streak = laneOf(state.lanes, laneName(call), () => ({ key: '', resultHash: '', changeCount: -1, streak: 0, steps: [] }));
        const key = `${call.tool}\u0000${call.canonicalInput}`;
        // Failures compare equal whatever their text (it varies with times, ports, temporary paths):
        // the same call failing again with nothing changed is no progress.
        const resultHash = outcomeKey(step);
        // Files changed since the previous repeat (other than by the repeated call itself) mean a new attempt.
        if (key === streak.key && resultHash === streak.resultHash && context.facts.changeCountBeforeCall(step) === streak.changeCount) {
          streak.streak++;
        } else {
          streak.key = key;
          streak.resultHash = resultHash;
          streak.streak = 1;
          streak.steps = [];
        }
        streak.changeCount = context.facts.changeCount;
        streak.steps.push(call.index, step.index);
        if (streak.steps.length > MAXIMUM_EVIDENCE_STEPS) streak.steps.splice(0, streak.steps.length - MAXIMUM_EVIDENCE_STEPS);
        if (streak.streak >= options.threshold) {
          const command = commandLineOf(call.input);
          context.report({
            messageId: 'repeated',
            steps: [...streak.steps],
            data: { tool: call.tool, count: streak.streak, input: command ?? call.canonicalInput.slice(0, 200), failing: step.isError },
            signature: `repeated-tool-call:${hashText(key)}`,
            confidence: 0.95,
          });
        }
      },
    };
  },
});
