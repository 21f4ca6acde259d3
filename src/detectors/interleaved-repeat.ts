/**
 * The same call with the same successful result coming back again and again within the last few calls,
 * even when other, varying calls sit in between (A X A Y A Z A) — what contiguous-run detectors miss.
 *
 * The split with the other loop detectors, so one streak is reported once:
 * - a run of the same call in a row counts once here (a streak in a row is repeated-tool-call's or
 *   near-identical-call's);
 * - failing calls are left to repeated-failure, reads to unchanged-file-reread;
 * - when the calls in between repeat too (a fixed cycle A B A B), it is tool-call-cycle's.
 * A change to the files since the previous return (other than by the repeated call itself) starts the
 * count again: re-running a check after an edit is progress. Kept per lane; real user input resets.
 *
 * Cost: per result, one pass over a window of at most `window` entries.
 */
import { defineDetector } from './define.js';
import { compileExemptions, DEFAULT_EXEMPT_COMMANDS, DEFAULT_EXEMPT_TOOLS, displayInput, isExempt, loopToken, normalizedCallHash } from './loop-support/call-keys.js';
import { clearLanes, emptyLanes, laneName, laneOf, type Lanes } from './loop-support/lanes.js';

export interface InterleavedRepeatOptions {
  /** Returns to the same call with the same result, within the window, before it is a loop. */
  threshold: number;
  /** How many recent calls the window holds. */
  window: number;
  /** Tools that wait or poll by design (never counted). */
  exemptTools: string[];
  /** Shell commands that wait or poll by design (regular expressions). */
  exemptCommands: string[];
}

/** Default number of returns. */
export const DEFAULT_INTERLEAVED_THRESHOLD = 4;
/** Default window of recent calls. */
export const DEFAULT_INTERLEAVED_WINDOW = 20;

interface Entry {
  /** Hash of normalised call key + outcome. */
  token: string;
  /** Position of the call in its lane. */
  ordinal: number;
  /** Call and result step indices. */
  steps: number[];
  /** Change count after this call (its own effects included). */
  changeCountAfter: number;
  /** True when this call starts a new run (the previous call in the lane was a different one). */
  startsRun: boolean;
  /** False for calls this detector leaves to others (failures, reads): they only fill the window. */
  counted: boolean;
}

interface Lane {
  calls: number;
  entries: Entry[];
}

interface State {
  lanes: Lanes<Lane>;
}

/** Largest period checked when deciding whether the calls in between form a fixed cycle. */
const LONGEST_CYCLE_PERIOD = 5;

/** True when the entries from `start` on repeat with a period of 2..5 (a fixed cycle). */
function isFixedCycle(entries: Entry[], start: number): boolean {
  for (let period = 2; period <= LONGEST_CYCLE_PERIOD; period++) {
    if (entries.length - start < 2 * period) break;
    let periodic = true;
    for (let position = start + period; position < entries.length && periodic; position++) {
      periodic = entries[position].token === entries[position - period].token;
    }
    if (periodic) return true;
  }
  return false;
}

export default defineDetector<InterleavedRepeatOptions>({
  id: 'interleaved-repeat',
  meta: {
    category: 'infinite-loop',
    requiresLlm: false,
    description: 'The same call with the same result made again and again within a few calls, with other calls in between.',
    messages: {
      interleaved: '{{tool}} called {{count}} times within the last {{window}} calls with the same input and the same result',
    },
    defaultOptions: {
      threshold: DEFAULT_INTERLEAVED_THRESHOLD,
      window: DEFAULT_INTERLEAVED_WINDOW,
      exemptTools: [...DEFAULT_EXEMPT_TOOLS],
      exemptCommands: [...DEFAULT_EXEMPT_COMMANDS],
    },
    defaultConfidence: 0.85,
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
        const lane = laneOf(state.lanes, laneName(call), () => ({ calls: 0, entries: [] }));
        const ordinal = lane.calls++;
        while (lane.entries.length > 0 && lane.entries[0].ordinal <= ordinal - options.window) lane.entries.shift();
        const token = loopToken(call, step);
        const previous = lane.entries[lane.entries.length - 1];
        const counted = !step.isError && call.effects.action !== 'read';
        const entry: Entry = { token, ordinal, steps: [call.index, step.index], changeCountAfter: context.facts.changeCount, startsRun: previous?.token !== token, counted };
        // Files changed since the last time (by something else): what follows is a new attempt.
        let last = -1;
        for (let position = lane.entries.length - 1; position >= 0; position--) {
          if (lane.entries[position].token === token) {
            last = position;
            break;
          }
        }
        if (last !== -1 && lane.entries[last].changeCountAfter !== changeCountBefore) {
          for (const earlier of lane.entries) if (earlier.token === token) earlier.counted = false;
        }
        lane.entries.push(entry);
        if (!counted || !entry.startsRun) return;
        const isReturn = (candidate: Entry) => candidate.token === token && candidate.counted && candidate.startsRun;
        // Counted first: the list of returns is made only when there are enough of them.
        let returnCount = 0;
        for (const candidate of lane.entries) if (isReturn(candidate)) returnCount++;
        if (returnCount < options.threshold) return;
        const returns = lane.entries.filter(isReturn);
        const first = lane.entries.indexOf(returns[0]);
        if (isFixedCycle(lane.entries, first)) return;
        context.report({
          messageId: 'interleaved',
          steps: returns.flatMap((candidate) => candidate.steps),
          data: { tool: call.tool, count: returns.length, window: options.window, input: displayInput(call) },
          signature: `interleaved-repeat:${normalizedCallHash(call)}`,
        });
      },
    };
  },
});
