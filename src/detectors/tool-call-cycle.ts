/**
 * A cycle of two to five different calls repeated with the same results: A B A B A B, A B C A B C A B C.
 * Calls are compared by their normalised key (see loop-support/call-keys.ts) and their outcome, so the
 * cycle is only a loop when every turn of it gives the same results; a changing result (polling,
 * pagination, a test that starts passing) breaks it. A single call repeated (period 1) is left to
 * repeated-tool-call and near-identical-call. Kept per lane; real user input resets.
 *
 * Cost: per result, one comparison per period (2..5); state is a ring of the last `maximumPeriod`
 * tokens plus the evidence of the last `maximumPeriod × threshold` calls.
 */
import { hashText } from '../trajectory/hash.js';
import { defineDetector } from './define.js';
import { compileExemptions, DEFAULT_EXEMPT_COMMANDS, DEFAULT_EXEMPT_TOOLS, isExempt, loopToken } from './loop-support/call-keys.js';
import { clearLanes, emptyLanes, laneName, laneOf, type Lanes } from './loop-support/lanes.js';

export interface ToolCallCycleOptions {
  /** Times the whole cycle must have run before it is a loop. */
  repetitions: number;
  /** Shortest cycle looked for (at least 2: a single repeated call is another detector's). */
  minimumPeriod: number;
  /** Longest cycle looked for. */
  maximumPeriod: number;
  /** Tools that wait or poll by design (never counted; they break no cycle either). */
  exemptTools: string[];
  /** Shell commands that wait or poll by design (regular expressions). */
  exemptCommands: string[];
}

/** Default number of repetitions of the cycle. */
export const DEFAULT_CYCLE_REPETITIONS = 3;
/** Default periods looked for. */
export const DEFAULT_MINIMUM_PERIOD = 2;
export const DEFAULT_MAXIMUM_PERIOD = 5;

interface Lane {
  /** Tokens (normalised call key + outcome, hashed) of the recent calls, oldest first. */
  tokens: string[];
  /** Tool names of the same calls. */
  tools: string[];
  /** Call and result step indices of the same calls. */
  evidence: number[][];
  /** For each period, how many calls in a row equalled the call that many places before. */
  matchRuns: Record<string, number>;
}

interface State {
  lanes: Lanes<Lane>;
}

/** The rotation of a cycle that sorts first, so the same cycle has one signature whatever its phase. */
function canonicalRotation(block: string[]): string {
  let best = block.join('|');
  for (let shift = 1; shift < block.length; shift++) {
    const rotated = [...block.slice(shift), ...block.slice(0, shift)].join('|');
    if (rotated < best) best = rotated;
  }
  return best;
}

/** True when the block is not itself made of a shorter repeated block (so ABAB is not a period-4 cycle). */
function isPrimitive(block: string[]): boolean {
  for (let divisor = 1; divisor < block.length; divisor++) {
    if (block.length % divisor !== 0) continue;
    if (block.every((token, position) => token === block[position % divisor])) return false;
  }
  return true;
}

export default defineDetector<ToolCallCycleOptions>({
  id: 'tool-call-cycle',
  meta: {
    category: 'infinite-loop',
    requiresLlm: false,
    description: 'A cycle of two to five calls repeated several times with the same results.',
    messages: {
      cycle: 'the same cycle of {{period}} calls ({{tools}}) ran {{repetitions}} times with the same results',
    },
    defaultOptions: {
      repetitions: DEFAULT_CYCLE_REPETITIONS,
      minimumPeriod: DEFAULT_MINIMUM_PERIOD,
      maximumPeriod: DEFAULT_MAXIMUM_PERIOD,
      exemptTools: [...DEFAULT_EXEMPT_TOOLS],
      exemptCommands: [...DEFAULT_EXEMPT_COMMANDS],
    },
    defaultConfidence: 0.9,
  },
  create(context, options) {
    const state = context.state<State>(() => ({ lanes: emptyLanes() }));
    const exemptions = compileExemptions(options.exemptTools, options.exemptCommands);
    const minimumPeriod = Math.max(2, options.minimumPeriod);
    const keep = options.maximumPeriod * options.repetitions;
    return {
      user(step) {
        if (step.origin === 'prompt') clearLanes(state.lanes);
      },
      'tool-result'(step) {
        const call = context.facts.callFor(step);
        if (!call || isExempt(call, exemptions)) return;
        const lane = laneOf(state.lanes, laneName(call), () => ({ tokens: [], tools: [], evidence: [], matchRuns: {} }));
        const token = loopToken(call, step);
        lane.tokens.push(token);
        lane.tools.push(call.tool);
        lane.evidence.push([call.index, step.index]);
        if (lane.tokens.length > keep) {
          lane.tokens.shift();
          lane.tools.shift();
          lane.evidence.shift();
        }
        const last = lane.tokens.length - 1;
        for (let period = minimumPeriod; period <= options.maximumPeriod; period++) {
          const earlier = lane.tokens[last - period];
          const run = earlier === token ? (lane.matchRuns[period] ?? 0) + 1 : 0;
          lane.matchRuns[period] = run;
          const length = period + run;
          if (run === 0 || length % period !== 0) continue;
          const repetitions = length / period;
          if (repetitions < options.repetitions) continue;
          const block = lane.tokens.slice(last - period + 1);
          if (!isPrimitive(block)) continue;
          const shown = Math.min(repetitions, options.repetitions) * period;
          context.report({
            messageId: 'cycle',
            steps: lane.evidence.slice(-shown).flat(),
            data: { period, repetitions, tools: lane.tools.slice(-period).join(', ') },
            signature: `tool-call-cycle:${hashText(canonicalRotation(block))}`,
          });
        }
      },
    };
  },
});
