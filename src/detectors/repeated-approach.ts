/**
 * The same approach tried again and again without new information: consecutive actions that are near the same
 * whose results bring nothing new, with no file changed in between.
 * - Near the same: the same tool, and token sets of the inputs that mostly overlap (a command line or code blob:
 *   `programSimilarity`; a named tool's arguments: `argumentSimilarity`), or a named tool refused twice for the
 *   same mistake in calling it (bad arguments) however the arguments were varied.
 * - Nothing new: both failed with the same error class (exception line, quoted text and numbers folded), or both
 *   succeeded with results that are near the same (`resultSimilarity`) and hold at most `maximumNewTokens` tokens
 *   that neither the previous result nor the action itself had.
 * Also the thought that announces a different approach ("Let me try a different approach") followed by an action
 * that still shares half its tokens with the previous one and gets the same result: two attempts are enough then.
 *
 * The split with the other loop detectors, so one streak is reported once: a streak of identical calls, or of calls
 * that differ only trivially, is repeated-tool-call's or near-identical-call's; this detector reports only streaks
 * holding at least two different normalised inputs, and stops reporting a streak once it holds `threshold`
 * identical attempts in a row (repeated-tool-call reported it then). Reads are unchanged-file-reread's.
 *
 * Progress is never a loop: a result that changes, a file change by another call in between (an edit between test
 * runs), waiting/polling calls (exempt), pagination (new content each page), batch edits and writes (not counted).
 * A call made from inside another call (a tool called by a code blob) is part of that call. Kept per lane; real
 * user input resets.
 *
 * Cost: per result, tokenizing a bounded part of the input and of the output (see loop-support/similarity.ts) and
 * set operations over at most MAXIMUM_TOKENS tokens.
 */
import type { ToolCallStep, ToolResultStep } from '../trajectory/step.js';
import { commandLineOf } from '../trajectory/tool-effects.js';
import { defineDetector } from './define.js';
import { compileExemptions, DEFAULT_EXEMPT_COMMANDS, DEFAULT_EXEMPT_TOOLS, displayInput, exactCallHash, isExempt, normalizedCallHash } from './loop-support/call-keys.js';
import { clearLanes, emptyLanes, laneName, laneOf, type Lanes } from './loop-support/lanes.js';
import { hashText } from '../trajectory/hash.js';
import { errorClassOfLine, errorLine, jaccard, newTokenCount, tokenSet } from './loop-support/similarity.js';
import { classifyFailure, errorExcerpt } from './failure-classifier.js';

export interface RepeatedApproachOptions {
  /** Near-same attempts in a row without new information before it is a loop. */
  threshold: number;
  /** Token-set Jaccard similarity (0..1) from which two command lines or code blobs are the same approach. */
  programSimilarity: number;
  /** Token-set Jaccard similarity (0..1) from which two inputs of a named tool are the same approach. */
  argumentSimilarity: number;
  /** Token-set Jaccard similarity (0..1) from which two successful results are the same answer. */
  resultSimilarity: number;
  /**
   * Token-set Jaccard similarity (0..1) from which two code actions are the same approach when the second got back
   * exactly what the first got: the same error line word for word, or the same output.
   */
  sameOutcomeSimilarity: number;
  /** Most tokens a successful result may hold that neither the previous result nor the action had. */
  maximumNewTokens: number;
  /** Tools that wait or poll by design (never counted). */
  exemptTools: string[];
  /** Shell commands that wait or poll by design (regular expressions). */
  exemptCommands: string[];
}

/** Default number of near-same attempts (as the peers' repeated-error thresholds: 3). */
export const DEFAULT_REPEATED_APPROACH_THRESHOLD = 3;
/**
 * Default similarity of two programs: four tokens in five shared. In a command line or code a few changed tokens
 * change what runs (`make` → `make clean && make`, an added `-W ignore`), so programs must be nearly the same.
 */
export const DEFAULT_PROGRAM_SIMILARITY = 0.8;
/**
 * Default similarity of a named tool's inputs: half of their distinct tokens shared. The tool (the approach) is
 * fixed; its arguments vary around the same target (a URL with another date, a reworded search).
 */
export const DEFAULT_ARGUMENT_SIMILARITY = 0.5;
/**
 * Default similarity of two programs that got exactly the same back: half of their tokens shared. Reworded code
 * that fails with the very same error line ("InterpreterError: Import of numpy is not allowed", "TypeError:
 * unsupported operand type(s) for +: 'int' and 'str'"), or a reworded search whose results are the very same text,
 * learned nothing from the change.
 */
export const DEFAULT_SAME_OUTCOME_SIMILARITY = 0.5;
/** Characters of an output's head and tail that make its exact key (a longer output is keyed by both ends). */
const OUTCOME_KEY_CHARACTERS = 4096;
/** Default similarity of two successful results that say the same thing. */
export const DEFAULT_RESULT_SIMILARITY = 0.9;
/** Default number of new tokens a successful result may hold and still say nothing new: none (a moving counter is progress). */
export const DEFAULT_MAXIMUM_NEW_TOKENS = 0;
/** Attempts enough when the agent announced a change of approach in between and the action did not change. */
const ANNOUNCED_CHANGE_ATTEMPTS = 2;
/** Most evidence steps kept per streak. */
const MAXIMUM_EVIDENCE_STEPS = 40;
/** Most distinct normalised inputs remembered per streak. */
const MAXIMUM_SPELLINGS = 8;
/** Most unanswered program calls remembered per lane (to tell tools called from inside a code blob). */
const MAXIMUM_PENDING_CALLS = 16;
/**
 * Most steps between a code blob's call and a tool call it makes. A call that never gets its result (an orphan)
 * would otherwise make every later call look nested in it; past this span it no longer does.
 */
export const MAXIMUM_NESTED_SPAN = 16;
/** Characters of an assistant message searched for an announced change of approach. */
export const MAXIMUM_ANNOUNCEMENT_CHARACTERS = 2000;

/** A thought announcing a change of approach ("Let me try a different approach", "I'll switch strategy"). */
const ANNOUNCED_CHANGE = /\b(?:(?:different|another|new|alternative|other|fresh)\s+(?:approach|strategy|method|tactic)|(?:change|switch)\s+(?:my\s+|the\s+|our\s+)?(?:approach|strategy|tactics?))\b/i;
/**
 * The words one of which every announcement above ends with: a message holding none (nearly every message) is
 * answered by this one cheap scan instead of the announcement pattern's (about half the cost per message).
 */
const ANNOUNCED_CHANGE_WORDS = /approach|strategy|method|tactic/i;

/** True when a thought announces a change of approach ({@link ANNOUNCED_CHANGE}), after the cheap scan for its words. */
export function announcesChange(text: string): boolean {
  return ANNOUNCED_CHANGE_WORDS.test(text) && ANNOUNCED_CHANGE.test(text);
}

/** What is kept of the previous attempt in a lane. */
interface Attempt {
  tool: string;
  /** Tokens of the input (command line, code, or the input's canonical JSON). */
  input: number[];
  /** Tokens of the output (empty for a failure). */
  output: number[];
  /** True when the call failed (a benign non-zero exit, such as grep finding nothing, is not a failure). */
  failed: boolean;
  /** Error class when failed, else ''. */
  error: string;
  /** For a code action, what came back exactly: the error line when failed, else a hash of the output's head and tail; else ''. */
  outcomeKey: string;
  /** True when the failure is the agent's own mistake in calling the tool (bad arguments, unknown tool, …). */
  agentMistake: boolean;
  /** True for tools whose input is a program (shell, code): its tokens are the approach. */
  program: boolean;
  /** True for a code action (the agent's own program: a smolagents code blob, an OpenHands IPython cell). */
  codeAction: boolean;
  changeCountAfter: number;
}

interface Lane {
  previous: Attempt | null;
  streak: number;
  /** Hashes of the normalised inputs seen in the streak. */
  spellings: string[];
  steps: number[];
  /** Signature of the streak (its first normalised input). */
  signature: string;
  /** True when an assistant message announced a change of approach since the previous attempt. */
  announced: boolean;
  /** True when the streak holds an attempt that followed such an announcement. */
  announcedInStreak: boolean;
  /** Hash of the previous attempt's exact input, and how many attempts in a row had it. */
  exactKey: string;
  exactRun: number;
  /** True when the streak holds `threshold` identical attempts in a row: repeated-tool-call's finding already. */
  coveredByExactRepeat: boolean;
  /** Step indices of program calls (shell, code) not answered yet. */
  pending: number[];
}

interface State {
  lanes: Lanes<Lane>;
}

function emptyLane(): Lane {
  return { previous: null, streak: 0, spellings: [], steps: [], signature: '', announced: false, announcedInStreak: false, exactKey: '', exactRun: 0, coveredByExactRepeat: false, pending: [] };
}

/** The text an action is compared by: its command line or code, else its canonical input. */
function inputText(call: ToolCallStep): string {
  return commandLineOf(call.input) ?? call.canonicalInput;
}

/** True for calls whose input is a program (a shell command line or code). */
function isProgram(call: ToolCallStep): boolean {
  return call.effects.action === 'shell' || commandLineOf(call.input) !== undefined;
}

/** True for calls that change files or only read them: progress, or another detector's. */
function isLeftToOthers(call: ToolCallStep): boolean {
  const effects = call.effects;
  return effects.action === 'read' || effects.action === 'write' || effects.action === 'edit' || effects.action === 'delete' || effects.filesWritten.length > 0 || effects.filesEdited.length > 0 || effects.filesDeleted.length > 0;
}

/** A hash of a successful output, read by its head and tail. */
function outputKey(output: string): string {
  if (output.length <= 2 * OUTCOME_KEY_CHARACTERS) return hashText(output);
  return `${hashText(output.slice(0, OUTCOME_KEY_CHARACTERS) + output.slice(output.length - OUTCOME_KEY_CHARACTERS))}:${output.length}`;
}

function attemptOf(call: ToolCallStep, result: ToolResultStep, changeCountAfter: number): Attempt {
  const failure = classifyFailure(result, call);
  const line = failure.failed ? errorLine(result.output) : '';
  return {
    tool: call.tool,
    input: tokenSet(inputText(call)),
    // A failure is compared by its error class only.
    output: failure.failed ? [] : tokenSet(result.output),
    failed: failure.failed,
    error: failure.failed ? errorClassOfLine(line) : '',
    // Only code actions are compared by what came back exactly: no other call pays for hashing its output.
    outcomeKey: call.code === undefined ? '' : failure.failed ? line : outputKey(result.output),
    agentMistake: failure.failed && failure.cause === 'agent' && failure.kind !== 'unclassified',
    program: isProgram(call),
    codeAction: call.code !== undefined,
    changeCountAfter,
  };
}

/**
 * How near the second attempt is to the first, given that it brought nothing new: `same` (the same approach),
 * `announced` (near enough only to belie an announced change: the same tool, half the tokens, the same outcome) or
 * `different`.
 */
function comparison(previous: Attempt, current: Attempt, options: RepeatedApproachOptions): 'same' | 'announced' | 'different' {
  if (previous.tool !== current.tool || previous.failed !== current.failed) return 'different';
  if (current.failed) {
    if (previous.error !== current.error) return 'different';
  } else {
    if (jaccard(previous.output, current.output) < options.resultSimilarity) return 'different';
    if (newTokenCount(current.output, previous.output, current.input) > options.maximumNewTokens) return 'different';
  }
  const similarity = jaccard(previous.input, current.input);
  if (similarity >= (current.program ? options.programSimilarity : options.argumentSimilarity)) return 'same';
  // Reworded code of the agent's own that got back exactly what the last code got: the change taught it nothing.
  // Not shell commands: running a repository's tests three ways for the same error is diagnosis.
  if (current.codeAction && similarity >= options.sameOutcomeSimilarity && current.outcomeKey.length > 0 && current.outcomeKey === previous.outcomeKey) return 'same';
  // A named tool refused twice for the same mistake in calling it: varying the arguments did not change the approach.
  if (current.failed && !current.program && current.agentMistake) return 'same';
  return similarity >= options.argumentSimilarity ? 'announced' : 'different';
}

export default defineDetector<RepeatedApproachOptions>({
  id: 'repeated-approach',
  meta: {
    category: 'infinite-loop',
    requiresLlm: false,
    description: 'Near-same actions (not identical ones) tried again and again with no new information in their results.',
    messages: {
      'same-approach': '{{tool}} called {{count}} times in a row with nearly the same input ({{spellings}} variants) and {{outcome}} each time',
      'announced-change': 'announced a different approach, then called {{tool}} again with nearly the same input and got {{outcome}}',
    },
    defaultOptions: {
      threshold: DEFAULT_REPEATED_APPROACH_THRESHOLD,
      programSimilarity: DEFAULT_PROGRAM_SIMILARITY,
      argumentSimilarity: DEFAULT_ARGUMENT_SIMILARITY,
      resultSimilarity: DEFAULT_RESULT_SIMILARITY,
      sameOutcomeSimilarity: DEFAULT_SAME_OUTCOME_SIMILARITY,
      maximumNewTokens: DEFAULT_MAXIMUM_NEW_TOKENS,
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
      assistant(step) {
        const lane = laneOf(state.lanes, laneName(step), emptyLane);
        const text = step.text.length > MAXIMUM_ANNOUNCEMENT_CHARACTERS ? step.text.slice(0, MAXIMUM_ANNOUNCEMENT_CHARACTERS) : step.text;
        if (announcesChange(text)) lane.announced = true;
      },
      'tool-call'(step) {
        if (!isProgram(step)) return;
        const lane = laneOf(state.lanes, laneName(step), emptyLane);
        lane.pending.push(step.index);
        if (lane.pending.length > MAXIMUM_PENDING_CALLS) lane.pending.shift();
      },
      'tool-result'(step) {
        const call = context.facts.callFor(step);
        if (!call) return;
        const lane = laneOf(state.lanes, laneName(call), emptyLane);
        const position = lane.pending.indexOf(call.index);
        if (position !== -1) lane.pending.splice(position, 1);
        // A named tool called while a code blob of the lane is still running is part of it (a tool called from code).
        if (!isProgram(call) && lane.pending.some((index) => index < call.index && call.index - index <= MAXIMUM_NESTED_SPAN)) return;
        // An announcement is about the next action: an edit or a wait after it honours or consumes it.
        const announced = lane.announced;
        lane.announced = false;
        if (isExempt(call, exemptions) || isLeftToOthers(call)) return;
        const changeCountBefore = context.facts.changeCountBeforeCall(step);
        const current = attemptOf(call, step, context.facts.changeCount);
        const previous = lane.previous;
        lane.previous = current;
        const spelling = normalizedCallHash(call);
        const relation = previous && changeCountBefore === previous.changeCountAfter ? comparison(previous, current, options) : 'different';
        if (relation === 'same' || (relation === 'announced' && announced)) {
          lane.streak++;
          if (announced) lane.announcedInStreak = true;
        } else {
          lane.streak = 1;
          lane.spellings = [];
          lane.steps = [];
          lane.signature = spelling;
          lane.announcedInStreak = false;
          lane.exactRun = 0;
          lane.coveredByExactRepeat = false;
        }
        const exactKey = exactCallHash(call);
        lane.exactRun = lane.exactRun > 0 && exactKey === lane.exactKey ? lane.exactRun + 1 : 1;
        lane.exactKey = exactKey;
        if (lane.exactRun >= options.threshold) lane.coveredByExactRepeat = true;
        if (!lane.spellings.includes(spelling) && lane.spellings.length < MAXIMUM_SPELLINGS) lane.spellings.push(spelling);
        lane.steps.push(call.index, step.index);
        if (lane.steps.length > MAXIMUM_EVIDENCE_STEPS) lane.steps.splice(0, lane.steps.length - MAXIMUM_EVIDENCE_STEPS);
        if (lane.spellings.length < 2 || lane.coveredByExactRepeat) return;
        const reached = lane.streak >= options.threshold;
        const announcedChange = lane.announcedInStreak && lane.streak >= ANNOUNCED_CHANGE_ATTEMPTS;
        if (!reached && !announcedChange) return;
        context.report({
          messageId: reached ? 'same-approach' : 'announced-change',
          steps: [...lane.steps],
          data: {
            tool: call.tool,
            count: lane.streak,
            spellings: lane.spellings.length,
            input: displayInput(call),
            failing: current.failed,
            // The error itself, so the message and the guidance cite it.
            outcome: current.failed ? `the same error (${errorExcerpt(step.output)})` : 'the same output',
            error: current.failed ? errorExcerpt(step.output) : '',
          },
          signature: `repeated-approach:${lane.signature}`,
        });
      },
    };
  },
});
