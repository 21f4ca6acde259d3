/**
 * The agent calls a tool that does not exist, or calls a tool with invalid or missing arguments, and then
 * makes the same mistake again with the same tool (with the same input or a different one): it did not
 * read the error. The same mistake is the same kind of failure (an unknown tool, invalid arguments, a refused
 * import or function, a syntax error); two different mistakes in a row are not one repeated. For a code-acting
 * agent the code is the call: code its interpreter refuses (a forbidden import or function, a tool's name
 * assigned) or cannot parse is a malformed call of the interpreter tool. One malformed call is an ordinary slip
 * the harness already explains; the repeat is the misbehavior. A successful call of that tool, or real user
 * input, clears the record. The repeat is one agent's: a mistake made again in another agent counts only when
 * that agent could know of the first (`couldKnow`: the main agent, or a sub-agent started after it), so
 * sub-agents side by side, each slipping once the same way, repeat nothing.
 */
import { defineDetector } from './define.js';
import { classifyFailure, errorExcerpt, type FailureKind } from './failure-classifier.js';
import { couldKnow, emptyLanes, laneName, momentOf, noteLaneStart, type Lanes, type StepMoment } from './loop-support/lanes.js';

export interface MalformedToolCallOptions {
  /** Malformed calls of one tool before it is reported (and every this many more after). */
  threshold: number;
  /** Failure kinds that make a call malformed. */
  malformedKinds: FailureKind[];
}

/** Default options. */
export const MALFORMED_TOOL_CALL_DEFAULTS: MalformedToolCallOptions = { threshold: 2, malformedKinds: ['unknown-tool', 'invalid-arguments', 'code-refused', 'code-syntax'] };

/** Most tools tracked at once (the least recently malformed is dropped first). */
const MAXIMUM_TRACKED_TOOLS = 16;
/** Most evidence steps kept per tool. */
const MAXIMUM_EVIDENCE_STEPS = 12;

interface ToolRecord {
  tool: string;
  /** The kind of mistake: a refused import and a syntax error of the same interpreter are two mistakes. */
  kind: FailureKind;
  count: number;
  lastInput: string;
  steps: number[];
  /** The agent (lane) of the last malformed call counted, and when its result came. */
  lane: string;
  at: StepMoment;
}

interface State {
  tools: ToolRecord[];
  /** When each sub-agent's task came (see noteLaneStart). */
  lanes: Lanes<StepMoment>;
}

export default defineDetector<MalformedToolCallOptions>({
  id: 'malformed-tool-call',
  meta: {
    category: 'tool-call-failure',
    form: 'S6',
    requiresLlm: false,
    description: 'The agent repeats a call to an unknown tool, or with invalid arguments, after the harness rejected it.',
    messages: {
      'repeated-malformed-call': '{{tool}} called {{count}} times with the same mistake ({{kind}}: {{error}})',
    },
    defaultOptions: MALFORMED_TOOL_CALL_DEFAULTS,
  },
  create(context, options) {
    const state = context.state<State>(() => ({ tools: [], lanes: emptyLanes() }));
    const malformedKinds = new Set(options.malformedKinds);
    return {
      user(step) {
        noteLaneStart(state.lanes, step);
        if (step.origin !== 'injected') state.tools = [];
      },
      'tool-result'(step) {
        const call = context.facts.callFor(step);
        if (!call) return;
        const classification = classifyFailure(step, call);
        if (!classification.failed) {
          state.tools = state.tools.filter((record) => record.tool !== call.tool);
          return;
        }
        if (!malformedKinds.has(classification.kind)) return;
        const lane = laneName(call);
        let record = state.tools.find((candidate) => candidate.tool === call.tool && candidate.kind === classification.kind);
        if (record) state.tools = state.tools.filter((candidate) => candidate !== record);
        // A mistake this agent could not have seen starts its own record.
        if (record && !couldKnow(state.lanes, record, lane)) record = undefined;
        const identical = record?.lastInput === call.canonicalInput;
        record ??= { tool: call.tool, kind: classification.kind, count: 0, lastInput: '', steps: [], lane, at: momentOf(step) };
        record.lane = lane;
        record.at = momentOf(step);
        state.tools.push(record);
        if (state.tools.length > MAXIMUM_TRACKED_TOOLS) state.tools.shift();
        record.count++;
        record.lastInput = call.canonicalInput;
        record.steps.push(call.index, step.index);
        if (record.steps.length > MAXIMUM_EVIDENCE_STEPS) record.steps.splice(0, record.steps.length - MAXIMUM_EVIDENCE_STEPS);
        if (record.count % options.threshold !== 0) return;
        context.report({
          messageId: 'repeated-malformed-call',
          steps: [...record.steps],
          data: { tool: call.tool, count: record.count, kind: classification.kind, error: errorExcerpt(step.output), identical, cause: 'agent' },
          signature: `malformed-tool-call:${call.tool}:${classification.kind}`,
          confidence: 0.9,
        });
      },
    };
  },
});
