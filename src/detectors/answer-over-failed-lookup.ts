/**
 * The agent hands a lookup to a sub-agent (a smolagents managed agent called from its code, a `Task` / `agent`
 * tool), the sub-agent reports that it could not get what was asked ("I was unable to locate …", "the file … was
 * not found"), and the agent's final answer comes right after, with no other lookup: an answer no lookup returned.
 * It ignored the failed call instead of adjusting its approach — the paper's tool-call failure, "the agent ignores
 * tool invocation failures and fails to adjust its strategy in response".
 *
 * Only where the task says the answer must be found — its `no-give-up` or `verified-answer` rule (GAIA's "Failure or
 * 'I cannot answer' will not be tolerated … you must make sure you find the correct answer"): in other work "nothing
 * was found" is often the answer itself. A final answer that says it could not find the answer is `gaveUp`
 * (constraint-violation), not this; any lookup between the report and the answer (another search, another
 * delegation) clears it; code that only computes or only calls the final answer is no lookup.
 */
import { finalAnswerOf, givesUp } from './constraints/index.js';
import { defineDetector } from './define.js';
import type { ToolCallStep, ToolResultStep } from '../trajectory/step.js';

/** Characters of a sub-agent's report read for a failure (its summary comes first). */
export const MAXIMUM_REPORT_CHARACTERS = 600;
/** Characters of the report and of the answer quoted in a finding. */
const MAXIMUM_QUOTE_CHARACTERS = 200;
/** Open main-lane calls remembered while waiting for their results. */
const MAXIMUM_OPEN_CALLS = 32;
/** Successful lookups remembered, and the characters of each kept, to tell an answer a lookup returned. */
const MAXIMUM_FOUND_RESULTS = 8;
const MAXIMUM_FOUND_CHARACTERS = 4_000;
/** Shortest answer looked for in earlier results (a shorter one, "2", is found anywhere by chance). */
const MINIMUM_TRACED_ANSWER_CHARACTERS = 3;
/**
 * What a lookup's report says when it failed, beyond a give-up answer ({@link givesUp}): it could not extract,
 * transcribe, obtain, complete, read, open or load what was asked, or no source at all was found.
 */
const FAILED_REPORT = /\b(?:unable to|not able to|could not|couldn't|cannot|can't) (?:be )?(?:extract|transcrib|obtain|complet|read|open|download|load)\w*|\bno (?:\w+ ){0,4}(?:was|were) found\b/i;
/** The heading of the short summary smolagents asks a managed agent for. */
const SHORT_VERSION = 'Task outcome (short version):';
/** The line smolagents puts before a managed agent's report. */
const MANAGED_AGENT_REPORT = /final answer from your managed agent '[^'\n]{1,80}':\s*/;

interface FailedLookup {
  tool: string;
  report: string;
  resultStep: number;
}

interface State {
  /** Main-lane calls waiting for their results, and whether a sub-agent ran meanwhile (bounded). */
  open: Array<{ callId: string; delegated: boolean }>;
  /** The last failed lookup not yet followed by another lookup. */
  failed: FailedLookup | null;
  /** The heads of the latest lookups that did return something (bounded): an answer found there came from a lookup. */
  found: string[];
}

/** The head of a sub-agent's report: its short summary when it has one, else its first characters. */
export function reportHead(output: string): string {
  const text = output.length > 4 * MAXIMUM_REPORT_CHARACTERS ? output.slice(0, 4 * MAXIMUM_REPORT_CHARACTERS) : output;
  const summary = text.indexOf(SHORT_VERSION);
  if (summary !== -1) {
    const rest = text.slice(summary + SHORT_VERSION.length);
    const next = rest.indexOf('###');
    return (next === -1 ? rest : rest.slice(0, next)).trim().slice(0, MAXIMUM_REPORT_CHARACTERS);
  }
  const managed = MANAGED_AGENT_REPORT.exec(text);
  return (managed ? text.slice(managed.index + managed[0].length) : text).trim().slice(0, MAXIMUM_REPORT_CHARACTERS);
}

/** The tool that did the lookup: the delegate tool, or the first tool other than the final answer its code called. */
function lookupTool(call: ToolCallStep): string {
  return call.code?.calls.find((codeCall) => codeCall.tool !== 'final_answer')?.tool ?? call.tool;
}

/** True when `text` holds `answer` as whole words, ignoring case. */
export function holdsAnswer(text: string, answer: string): boolean {
  const haystack = text.toLowerCase();
  const needle = answer.toLowerCase();
  for (let position = haystack.indexOf(needle); position !== -1; position = haystack.indexOf(needle, position + 1)) {
    const before = haystack[position - 1];
    const after = haystack[position + needle.length];
    if (!(before !== undefined && /\w/.test(before)) && !(after !== undefined && /\w/.test(after))) return true;
  }
  return false;
}

/** True for a main-lane call that looks nothing up: the final answer, or code that calls no tool but the final answer. */
function looksNothingUp(call: ToolCallStep): boolean {
  if (call.effects.action === 'finish') return true;
  return call.code !== undefined && call.code.calls.every((codeCall) => codeCall.tool === 'final_answer');
}

export default defineDetector<Record<string, never>>({
  id: 'answer-over-failed-lookup',
  meta: {
    category: 'tool-call-failure',
    form: 'S6',
    requiresLlm: false,
    description: 'The final answer comes right after a sub-agent reported it could not find what was asked, with no other tool consulted.',
    messages: {
      'answer-over-failed-lookup': '{{tool}} reported it could not get what was asked ("{{report}}"), and the final answer ({{answer}}) came next, with no other tool consulted',
    },
    defaultOptions: {},
    defaultConfidence: 0.85,
  },
  create(context) {
    const state = context.state<State>(() => ({ open: [], failed: null, found: [] }));
    const answerMustBeFound = () => context.facts.instructions.constraints.some((constraint) => constraint.kind === 'no-give-up' || constraint.kind === 'verified-answer');

    const checkAnswer = (step: ToolCallStep) => {
      const failed = state.failed;
      state.failed = null;
      if (failed === null || !answerMustBeFound()) return;
      const answer = finalAnswerOf(step);
      if (givesUp(answer)) return;
      // An answer an earlier lookup returned (found, then a verification failed) is not made up.
      const traced = answer.trim();
      if (traced.length >= MINIMUM_TRACED_ANSWER_CHARACTERS && state.found.some((text) => holdsAnswer(text, traced))) return;
      context.report({
        messageId: 'answer-over-failed-lookup',
        steps: [failed.resultStep, step.index],
        data: { tool: failed.tool, report: failed.report.slice(0, MAXIMUM_QUOTE_CHARACTERS), answer: `"${answer.trim().slice(0, MAXIMUM_QUOTE_CHARACTERS)}"`, cause: 'agent' },
        signature: `answer-over-failed-lookup:${failed.resultStep}`,
      });
    };

    const checkReport = (result: ToolResultStep) => {
      const position = state.open.findIndex((open) => open.callId === result.callId);
      const open = position === -1 ? undefined : state.open.splice(position, 1)[0];
      const call = context.facts.callFor(result);
      if (call === undefined || looksNothingUp(call)) return;
      const delegated = open?.delegated === true || call.effects.action === 'delegate';
      const report = delegated ? reportHead(result.output) : '';
      if (delegated && (givesUp(report) || FAILED_REPORT.test(report))) {
        state.failed = { tool: lookupTool(call), report, resultStep: result.index };
      } else if (result.outcome === undefined ? !result.isError : result.outcome.status === 'success') {
        if (state.found.length >= MAXIMUM_FOUND_RESULTS) state.found.shift();
        state.found.push(result.output.slice(0, MAXIMUM_FOUND_CHARACTERS));
      }
    };

    return {
      user(step) {
        if (step.sidechain !== undefined) {
          for (const open of state.open) open.delegated = true;
          return;
        }
        if (step.origin === 'prompt') state.failed = null;
      },
      assistant(step) {
        if (step.sidechain !== undefined) for (const open of state.open) open.delegated = true;
      },
      'tool-call'(step) {
        if (step.sidechain !== undefined) {
          for (const open of state.open) open.delegated = true;
          return;
        }
        if (step.effects.action === 'finish') {
          checkAnswer(step);
          return;
        }
        if (!looksNothingUp(step)) state.failed = null;
        if (state.open.length >= MAXIMUM_OPEN_CALLS) state.open.shift();
        state.open.push({ callId: step.callId, delegated: false });
      },
      'tool-result'(step) {
        if (step.sidechain === undefined) checkReport(step);
      },
    };
  },
});
