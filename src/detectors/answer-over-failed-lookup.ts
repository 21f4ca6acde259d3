/**
 * The agent's lookups all failed and it answered anyway: a sub-agent (a smolagents managed agent its code calls, a
 * `Task` / `agent` tool) reported that it could not get what was asked ("I was unable to locate …", "the file … was
 * not found"), or the agent's own tool call failed (`inspect_file_as_text` could not read the file), no lookup of the
 * request returned anything, and the final answer comes next with no other lookup: a value no lookup returned. It
 * ignored the failed call instead of adjusting its approach — the paper's tool-call failure, "the agent ignores tool
 * invocation failures and fails to adjust its strategy in response".
 *
 * Only where the task says the answer must be found — its `no-give-up` or `verified-answer` rule (GAIA's "Failure or
 * 'I cannot answer' will not be tolerated … you must make sure you find the correct answer"): in other work "nothing
 * was found" is often the answer itself. A final answer that says it could not find the answer is `gaveUp`
 * (constraint-violation), not this. Any lookup between the failure and the answer clears it: another call of a tool,
 * another delegation, code that calls one of the agent's tools or fetches or reads data itself (`requests.get`,
 * `open(…)`); code that only computes or only calls the final answer is no lookup. Once any lookup of the request
 * returned something, the answer may stand on it, and nothing is reported.
 */
import { finalAnswerOf, givesUp } from './constraints/index.js';
import { defineDetector } from './define.js';
import { classifyFailure, errorExcerpt } from './failure-classifier.js';
import type { ToolCallStep, ToolResultStep } from '../trajectory/step.js';

/** Characters of a sub-agent's report read for a failure (its summary comes first). */
export const MAXIMUM_REPORT_CHARACTERS = 600;
/** Characters of the report and of the answer quoted in a finding. */
const MAXIMUM_QUOTE_CHARACTERS = 200;
/** Open main-lane calls remembered while waiting for their results. */
const MAXIMUM_OPEN_CALLS = 32;
/**
 * What a lookup's report says when it failed, beyond a give-up answer ({@link givesUp}): it could not extract,
 * transcribe, obtain, complete, read, open or load what was asked.
 */
const FAILED_REPORT = /\b(?:unable to|not able to|could not|couldn't|cannot|can't) (?:be )?(?:extract|transcrib|obtain|complet|read|open|download|load)\w*/i;
/** "No reliable analyses or discussions were found": what was not found is in the words between. */
const NOTHING_FOUND = /\bno ((?:[\w-]+ ){1,4})(?:was|were) found\b/gi;
/**
 * Things whose absence is a result, not a failed lookup: "no errors were found", "no mentions were found" answer
 * the question.
 */
const RESULT_NOUNS = new Set([
  'error', 'errors', 'issue', 'issues', 'problem', 'problems', 'bug', 'bugs', 'warning', 'warnings', 'difference', 'differences', 'match', 'matches',
  'mention', 'mentions', 'occurrence', 'occurrences', 'instance', 'instances', 'violation', 'violations', 'change', 'changes', 'duplicate', 'duplicates',
  'conflict', 'conflicts', 'failure', 'failures',
]);

/** True when a report says a lookup failed: it gives up, could not get at the thing, or found no source of it. */
export function reportsFailure(report: string): boolean {
  if (givesUp(report) || FAILED_REPORT.test(report)) return true;
  for (const match of report.matchAll(NOTHING_FOUND)) {
    if (!match[1].trim().split(' ').some((word) => RESULT_NOUNS.has(word.toLowerCase()))) return true;
  }
  return false;
}

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
  /** Sub-agent steps seen so far: a call during which this count grew handed its work to a sub-agent. */
  sidechainSteps: number;
  /** Main-lane calls waiting for their results, with the sub-agent steps seen when each was made (bounded). */
  open: Array<{ callId: string; sidechainSteps: number }>;
  /** The last failed lookup not yet followed by another lookup. */
  failed: FailedLookup | null;
  /** True once a lookup of this request returned something: the answer may stand on it. */
  succeeded: boolean;
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

/**
 * Code that fetches or reads data by itself, without the agent's tools: an HTTP client, a file opened or loaded
 * (`requests.get(url)`, `urllib.request.urlopen`, `open(path)`, `pd.read_csv(path)`). Such code is a lookup.
 */
const FETCHING_CODE = /\b(?:requests|urllib|httpx|aiohttp|http\.client)\b|\b(?:open|urlopen|read_(?:csv|excel|json|html|table|parquet)|load_workbook|loadtxt|genfromtxt)\(/;
/** Characters of code read for {@link FETCHING_CODE}. */
const MAXIMUM_CODE_CHARACTERS = 20_000;

/**
 * True for a main-lane call that looks nothing up: the final answer, or code that calls no tool but the final
 * answer and fetches or reads nothing by itself.
 */
function looksNothingUp(call: ToolCallStep): boolean {
  if (call.effects.action === 'finish') return true;
  if (call.code === undefined || !call.code.calls.every((codeCall) => codeCall.tool === 'final_answer')) return false;
  const input = call.input as { code?: unknown } | null;
  const code = input !== null && typeof input === 'object' && typeof input.code === 'string' ? input.code : call.canonicalInput;
  return !FETCHING_CODE.test(code.length > MAXIMUM_CODE_CHARACTERS ? code.slice(0, MAXIMUM_CODE_CHARACTERS) : code);
}

/** Where smolagents says code failed: `Code execution failed at line '<line>' due to: …`. */
const FAILED_LINE_START = "Code execution failed at line '";
const FAILED_LINE_END = "' due to";
/** Characters of a failing line read. */
const MAXIMUM_FAILED_LINE_CHARACTERS = 500;

/**
 * True when a failed call failed at its lookup: any call that is not code, or code whose failing line is a call of
 * one of its tools (other than the final answer) or fetches data itself. Code that failed elsewhere — after the
 * lookup ran, at an import or a parse — may have printed what it found before failing, so it is not a failed lookup.
 */
export function failedAtLookup(call: ToolCallStep, output: string): boolean {
  if (call.code === undefined) return true;
  const start = output.indexOf(FAILED_LINE_START);
  if (start === -1) return false;
  const from = start + FAILED_LINE_START.length;
  const end = output.indexOf(FAILED_LINE_END, from);
  const line = output.slice(from, Math.min(end === -1 ? output.length : end, from + MAXIMUM_FAILED_LINE_CHARACTERS));
  return call.code.calls.some((codeCall) => codeCall.tool !== 'final_answer' && line.includes(`${codeCall.tool}(`)) || FETCHING_CODE.test(line);
}

export default defineDetector<Record<string, never>>({
  id: 'answer-over-failed-lookup',
  meta: {
    category: 'tool-call-failure',
    form: 'S6',
    requiresLlm: false,
    description: 'The final answer comes right after the lookups failed (a sub-agent that found nothing, a tool call that failed), none having returned anything.',
    messages: {
      'answer-over-failed-lookup': '{{tool}} did not return what was asked ("{{report}}"), no other lookup returned anything, and the final answer ({{answer}}) came next',
    },
    defaultOptions: {},
    defaultConfidence: 0.85,
  },
  create(context) {
    const state = context.state<State>(() => ({ sidechainSteps: 0, open: [], failed: null, succeeded: false }));
    const answerMustBeFound = () => context.facts.instructions.constraints.some((constraint) => constraint.kind === 'no-give-up' || constraint.kind === 'verified-answer');

    const checkAnswer = (step: ToolCallStep) => {
      const failed = state.failed;
      state.failed = null;
      // An earlier lookup that returned something may be what the answer stands on (a verification then failed).
      if (failed === null || state.succeeded || !answerMustBeFound()) return;
      const answer = finalAnswerOf(step);
      if (givesUp(answer)) return;
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
      const delegated = (open !== undefined && state.sidechainSteps > open.sidechainSteps) || call.effects.action === 'delegate';
      const failedCall = classifyFailure(result, call).failed;
      if (delegated && !failedCall) {
        const report = reportHead(result.output);
        if (reportsFailure(report)) state.failed = { tool: lookupTool(call), report, resultStep: result.index };
        else state.succeeded = true;
      } else if (failedCall && failedAtLookup(call, result.output)) {
        state.failed = { tool: lookupTool(call), report: errorExcerpt(result.output), resultStep: result.index };
      } else if (failedCall) {
        // Code that failed after its lookup ran (a bad import at the end) may have printed what it found.
        state.succeeded = true;
      } else if (result.outcome === undefined || result.outcome.status === 'success') {
        state.succeeded = true;
      }
    };

    return {
      user(step) {
        if (step.sidechain !== undefined) {
          state.sidechainSteps++;
          return;
        }
        if (step.origin === 'prompt') {
          state.failed = null;
          state.succeeded = false;
        }
      },
      assistant(step) {
        if (step.sidechain !== undefined) state.sidechainSteps++;
      },
      'tool-call'(step) {
        // Most sessions state no such rule: nothing is followed at all.
        if (!answerMustBeFound()) return;
        if (step.sidechain !== undefined) {
          state.sidechainSteps++;
          return;
        }
        if (step.effects.action === 'finish') {
          checkAnswer(step);
          return;
        }
        if (!looksNothingUp(step)) state.failed = null;
        if (state.open.length >= MAXIMUM_OPEN_CALLS) state.open.shift();
        state.open.push({ callId: step.callId, sidechainSteps: state.sidechainSteps });
      },
      'tool-result'(step) {
        if (step.sidechain === undefined && answerMustBeFound()) checkReport(step);
      },
    };
  },
});
