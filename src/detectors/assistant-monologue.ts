/**
 * The agent talking to itself: several assistant turns in a row with no action in between (no tool call,
 * no tool result, no real user input) that say the same thing again — identical, or near-identical once
 * case, punctuation and spacing are ignored and most words are shared. Turns with no visible text
 * (reasoning only) are skipped. Kept per lane.
 */
import { hashText } from '../trajectory/hash.js';
import { defineDetector } from './define.js';
import { clearLanes, emptyLanes, laneName, laneOf, type Lanes } from './loop-support/lanes.js';

export interface AssistantMonologueOptions {
  /** Near-identical assistant turns in a row before it is a loop. */
  threshold: number;
  /** Share of distinct words two turns must have in common (Jaccard index) to be near-identical. */
  similarity: number;
}

/** Default number of turns. */
export const DEFAULT_MONOLOGUE_THRESHOLD = 3;
/** Default word-set similarity for near-identical turns. */
export const DEFAULT_MONOLOGUE_SIMILARITY = 0.8;
/** Most words of a turn compared (long turns are compared by their beginning). */
const MAXIMUM_COMPARED_WORDS = 200;
/** Most characters of a turn kept for comparison (comfortably more than MAXIMUM_COMPARED_WORDS words). */
const MAXIMUM_COMPARED_CHARACTERS = 2400;

interface Lane {
  /** The beginning of the previous turn of the streak; its words are only computed when a next turn follows without action. */
  text: string;
  streak: number;
  steps: number[];
}

interface State {
  lanes: Lanes<Lane>;
}

/**
 * The last text whose words were listed, and its words: in a streak, a turn's words are compared once as the new
 * turn and again as the previous one, and once more for the finding's signature (the texts are bounded turns).
 */
let lastWords: { text: string; words: readonly string[] } | undefined;

/** The distinct lower-case words of a text, sorted (shared: do not change the list). */
function wordsOf(text: string): readonly string[] {
  if (lastWords !== undefined && lastWords.text === text) return lastWords.words;
  const words = text.slice(0, MAXIMUM_COMPARED_CHARACTERS).toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  const distinct = [...new Set(words.slice(0, MAXIMUM_COMPARED_WORDS))].sort();
  if (text.length <= MAXIMUM_COMPARED_CHARACTERS) lastWords = { text, words: distinct };
  return distinct;
}

/** Jaccard index of two sorted distinct word lists. */
function similarityOf(first: readonly string[], second: readonly string[]): number {
  if (first.length === 0 && second.length === 0) return 1;
  const other = new Set(second);
  const shared = first.filter((word) => other.has(word)).length;
  return shared / (first.length + second.length - shared);
}

export default defineDetector<AssistantMonologueOptions>({
  id: 'assistant-monologue',
  meta: {
    category: 'infinite-loop',
    requiresLlm: false,
    description: 'Several assistant turns in a row with no action that repeat the same text.',
    messages: {
      monologue: 'the agent wrote the same message {{count}} times in a row without doing anything',
    },
    defaultOptions: { threshold: DEFAULT_MONOLOGUE_THRESHOLD, similarity: DEFAULT_MONOLOGUE_SIMILARITY },
    defaultConfidence: 0.85,
  },
  create(context, options) {
    const state = context.state<State>(() => ({ lanes: emptyLanes() }));
    const breakStreak = (lane: string) => {
      const current = state.lanes.byName[lane];
      if (current) current.streak = 0;
    };
    return {
      user(step) {
        if (step.origin === 'prompt') clearLanes(state.lanes);
      },
      'tool-call'(step) {
        breakStreak(laneName(step));
      },
      'tool-result'(step) {
        breakStreak(laneName(step));
      },
      assistant(step) {
        // Cheap on the usual path (a turn followed by an action): words are only compared when two turns meet.
        if (!/[\p{L}\p{N}_]/u.test(step.text)) return;
        const text = step.text.slice(0, MAXIMUM_COMPARED_CHARACTERS);
        const lane = laneOf(state.lanes, laneName(step), () => ({ text: '', streak: 0, steps: [] }));
        if (lane.streak > 0 && similarityOf(wordsOf(lane.text), wordsOf(text)) >= options.similarity) {
          lane.streak++;
        } else {
          lane.streak = 1;
          lane.steps = [];
        }
        lane.text = text;
        lane.steps.push(step.index);
        if (lane.steps.length > options.threshold) lane.steps.shift();
        if (lane.streak < options.threshold) return;
        context.report({
          messageId: 'monologue',
          steps: [...lane.steps],
          data: { count: lane.streak, text: step.text.slice(0, 200) },
          signature: `assistant-monologue:${hashText(wordsOf(text).join(' '))}`,
        });
      },
    };
  },
});
