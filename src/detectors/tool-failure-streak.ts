/**
 * Several tool calls in a row that fail through the agent's own fault (invalid arguments, unknown tools,
 * failed edits, missing files or commands, broken command syntax). Any successful call ends the streak, and
 * so does real user input (a peer's counter that survived "continue" tripped on the first call after it).
 * Environment failures (timeouts, network, rate limits, permissions) and the developer's rejections never
 * count and never end a streak; failures no rule classifies (a failing test run) count only when asked.
 * "In a row" is per agent: each sub-agent (lane) has its own streak, so sub-agents running side by side, each
 * failing once, make no streak.
 */
import { defineDetector } from './define.js';
import { classifyFailure, errorExcerpt } from './failure-classifier.js';
import { clearLanes, emptyLanes, laneName, laneOf, type Lanes } from './loop-support/lanes.js';

export interface ToolFailureStreakOptions {
  /** Agent-caused failures in a row before it is reported (and every this many more after). */
  threshold: number;
  /** Count failures no rule classifies (failing tests, builds) as the agent's. */
  countUnclassified: boolean;
}

/** Default options. */
export const TOOL_FAILURE_STREAK_DEFAULTS: ToolFailureStreakOptions = { threshold: 3, countUnclassified: false };

/** Most evidence steps kept per streak (call and result of the latest failures). */
const MAXIMUM_EVIDENCE_STEPS = 20;
/** Most distinct failure kinds listed in the data. */
const MAXIMUM_KINDS = 6;

interface Streak {
  count: number;
  steps: number[];
  kinds: string[];
}

interface State {
  /** The streak of each agent (lane). */
  lanes: Lanes<Streak>;
}

export default defineDetector<ToolFailureStreakOptions>({
  id: 'tool-failure-streak',
  meta: {
    category: 'tool-call-failure',
    form: 'S6',
    requiresLlm: false,
    description: 'Several tool calls in a row failed through the agent’s own fault, with no success in between.',
    messages: {
      streak: '{{count}} tool calls in a row failed through the agent’s own mistakes (last: {{tool}}, {{error}})',
    },
    defaultOptions: TOOL_FAILURE_STREAK_DEFAULTS,
  },
  create(context, options) {
    const state = context.state<State>(() => ({ lanes: emptyLanes() }));
    return {
      user(step) {
        if (step.origin !== 'injected') clearLanes(state.lanes);
      },
      'tool-result'(step) {
        const call = context.facts.callFor(step);
        // A tool called from inside a code action fails with it: the code action's result counts, once.
        if (call?.calledFrom !== undefined) return;
        const streak = laneOf(state.lanes, laneName(call ?? step), () => ({ count: 0, steps: [], kinds: [] }));
        const classification = classifyFailure(step, call);
        if (!classification.failed) {
          streak.count = 0;
          streak.steps = [];
          streak.kinds = [];
          return;
        }
        const counts = classification.cause === 'agent' || (classification.cause === 'unknown' && options.countUnclassified);
        if (!counts) return;
        streak.count++;
        if (call) streak.steps.push(call.index);
        streak.steps.push(step.index);
        if (streak.steps.length > MAXIMUM_EVIDENCE_STEPS) streak.steps.splice(0, streak.steps.length - MAXIMUM_EVIDENCE_STEPS);
        if (!streak.kinds.includes(classification.kind) && streak.kinds.length < MAXIMUM_KINDS) streak.kinds.push(classification.kind);
        if (streak.count % options.threshold !== 0) return;
        context.report({
          messageId: 'streak',
          steps: [...streak.steps],
          data: { count: streak.count, tool: call?.tool ?? 'unknown', error: errorExcerpt(step.output), kind: classification.kind, kinds: streak.kinds.join(','), cause: 'agent' },
          // One misbehavior: a streak that resumes after a nudge escalates instead of starting over (a new prompt resets the ladder).
          signature: 'tool-failure-streak:streak',
          confidence: 0.85,
        });
      },
    };
  },
});
