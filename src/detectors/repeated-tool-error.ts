/**
 * A tool gives back the same error again: the agent changed its call (another query, another question about
 * the same file) but not what the error was about, so the tool failed the same way. The paper's tool-call
 * failure is a mistake the agent does not correct; a second identical error is the first sign of it
 * ("No results found … Use a less specific query" answered with another over-specific query; a converter that
 * crashes on a file asked about that file again; an archive that has no copy of a page asked for it again).
 *
 * Errors are compared by class: the error line (the last exception line, else the first line) with quoted
 * text and numbers folded, so two queries that each found nothing are one class. Only tools that speak for
 * themselves count: shell commands and code actions print their programs' output (a failing test run twice is
 * a fix in progress, and `tool-failure-streak` and `repeated-approach` watch code), and file edits have
 * `ignored-tool-failure`. Only errors no classifier rule names count (a missing file, a malformed call or a
 * failed edit has its own detector), so environment failures and the developer's rejections never do, nor do
 * the ones the evidence layer calls the environment's (HTTP 401/403/429/5xx) or refused credentials. Any other
 * answer of the same tool (a success, a failure of another kind) ends its run, and real user input clears all.
 * A run goes on in another agent only when that agent could know of the last failure (`couldKnow`: the main agent,
 * or a sub-agent started after it): sub-agents searching side by side, each told "No results found" once, are not
 * one agent failing twice.
 */
import { commandLineOf } from '../trajectory/tool-effects.js';
import { defineDetector } from './define.js';
import { classifyFailure, errorExcerpt, type FailureKind } from './failure-classifier.js';
import { couldKnow, emptyLanes, laneName, momentOf, noteLaneStart, type Lanes, type StepMoment } from './loop-support/lanes.js';
import { errorClassOfLine, errorLine } from './loop-support/similarity.js';

export interface RepeatedToolErrorOptions {
  /** Failures of one tool with the same error class in a row (for that tool) before it is reported, and every this many more after. */
  threshold: number;
  /** Tool actions left to other detectors (file edits: `ignored-tool-failure`). */
  skippedActions: string[];
  /**
   * Failure kinds counted. By default only errors no classifier rule names, in the tool's own words: named
   * agent mistakes have their own detectors (`malformed-tool-call`, `ignored-tool-failure`, `tool-failure-streak`).
   */
  countedKinds: FailureKind[];
}

/** Default options. */
export const REPEATED_TOOL_ERROR_DEFAULTS: RepeatedToolErrorOptions = { threshold: 2, skippedActions: ['edit', 'write', 'delete'], countedKinds: ['unclassified'] };

/**
 * Credentials the tool was refused for: the environment's failure, not the call's (the failure classifier
 * has no row for them because a program's own output, a test of a login page, says the same words). Matched on
 * the error line of a tool that is not a shell.
 */
const AUTHENTICATION_ERROR = /\b(?:unauthori[sz]ed|bad credentials|authentication (?:failed|required|error)|not authenticated|invalid (?:api[ _-]?key|access token|credentials)|(?:access token|api key) (?:has )?expired)\b/i;

/** Most tools tracked at once (the least recently failed is dropped first). */
const MAXIMUM_TRACKED_TOOLS = 16;
/** Most evidence steps kept per tool. */
const MAXIMUM_EVIDENCE_STEPS = 12;

interface ToolRecord {
  tool: string;
  errorClass: string;
  count: number;
  steps: number[];
  /** The agent (lane) of the last failure counted, and when it came. */
  lane: string;
  at: StepMoment;
}

interface State {
  tools: ToolRecord[];
  /** When each sub-agent's task came (see noteLaneStart). */
  lanes: Lanes<StepMoment>;
}

export default defineDetector<RepeatedToolErrorOptions>({
  id: 'repeated-tool-error',
  meta: {
    category: 'tool-call-failure',
    form: 'S6',
    requiresLlm: false,
    description: 'A tool failed again with the same error after the agent changed its call but not what the error was about.',
    messages: {
      'same-error-again': '{{tool}} failed with the same error on its last {{count}} calls ({{error}})',
    },
    defaultOptions: REPEATED_TOOL_ERROR_DEFAULTS,
  },
  create(context, options) {
    const state = context.state<State>(() => ({ tools: [], lanes: emptyLanes() }));
    const skippedActions = new Set(options.skippedActions);
    const countedKinds = new Set(options.countedKinds);
    const forget = (tool: string) => {
      state.tools = state.tools.filter((record) => record.tool !== tool);
    };
    return {
      user(step) {
        noteLaneStart(state.lanes, step);
        if (step.origin !== 'injected') state.tools = [];
      },
      'tool-result'(step) {
        const call = context.facts.callFor(step);
        if (!call || call.code !== undefined || commandLineOf(call.input) !== undefined) return;
        if (skippedActions.has(call.effects.action)) return;
        const classification = classifyFailure(step, call);
        const line = classification.failed ? errorLine(step.output) : '';
        const counted =
          classification.failed &&
          classification.cause !== 'environment' &&
          countedKinds.has(classification.kind) &&
          // The evidence layer knows HTTP 401/403/429/5xx wordings the classifier's tables leave unnamed.
          step.outcome?.cause !== 'environment' &&
          line.length > 0 &&
          !AUTHENTICATION_ERROR.test(line);
        // Anything else the tool answered (a success, another kind of failure) ends its run of the same error.
        if (!counted) {
          forget(call.tool);
          return;
        }
        const currentClass = errorClassOfLine(line);
        const previous = state.tools.find((candidate) => candidate.tool === call.tool);
        // The tool's record moves to the end (most recently failed); another error class starts a new run.
        forget(call.tool);
        const lane = laneName(call);
        const continues = previous !== undefined && previous.errorClass === currentClass && couldKnow(state.lanes, previous, lane);
        const record = continues ? previous : { tool: call.tool, errorClass: currentClass, count: 0, steps: [], lane, at: momentOf(step) };
        record.lane = lane;
        record.at = momentOf(step);
        state.tools.push(record);
        if (state.tools.length > MAXIMUM_TRACKED_TOOLS) state.tools.shift();
        record.count++;
        record.steps.push(call.index, step.index);
        if (record.steps.length > MAXIMUM_EVIDENCE_STEPS) record.steps.splice(0, record.steps.length - MAXIMUM_EVIDENCE_STEPS);
        if (record.count % options.threshold !== 0) return;
        context.report({
          messageId: 'same-error-again',
          steps: [...record.steps],
          data: { tool: call.tool, count: record.count, error: errorExcerpt(step.output), kind: classification.kind, cause: 'agent' },
          signature: `repeated-tool-error:${call.tool}`,
          confidence: 0.85,
        });
      },
    };
  },
});
