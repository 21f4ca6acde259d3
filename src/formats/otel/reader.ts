/**
 * OpenTelemetry traces of agents: OpenInference span trees as TRAIL exports them, and OTLP-JSON exports
 * using either OpenInference attributes or the OTel GenAI semantic conventions. One trajectory per trace.
 *
 * Mapping (children visited in start-time order, depth first; a result comes when its span ends):
 * - the first agent span's `input.value` task (or, failing that, the first user message a model received)
 *   is the user prompt; a nested agent span (a managed sub-agent) starts a sidechain named by its span id,
 *   whose task is an injected user message;
 * - each model span is an assistant step (text, model, usage) followed by the tool calls it requested;
 * - a tool span answers the open call of the same id or tool name, or else is a call and result of its own;
 * - smolagents CodeAgent writes Python instead of tool calls: inside a `Step N` span, a model output with no
 *   tool call but a code block (fenced, `<code>` tags or structured JSON: see code-block.ts) is a `python_interpreter`
 *   call with `{ code }`, answered by the Step span's
 *   output (its execution logs) or its error; a failed Step with nothing to answer is an `error` event; the call
 *   carries the code action (`step.code`): the tools the agent declares (`smolagents.tools_names` and its managed
 *   agents) that the code calls; a tool span inside that Step is a call of its own, `calledFrom` the code action;
 * - status Error or an `exception` event marks a result as an error.
 * Step ids are span ids, or a span id followed by `.` and a suffix (see {@link spanIdOfStep}), so that
 * annotations pointing at spans (TRAIL) can be matched to steps.
 */
import type { TrajectoryAssembler } from '../assembler.js';
import { isRecord, readJsonDocument } from '../json-document.js';
import type { FormatReader } from '../reader.js';
import { beforeFirst } from '../../trajectory/linear-text.js';
import { inputMessages, outputMessages, parseMaybeJson, spanModel, spanUsage, stringAttribute } from './attributes.js';
import { codeOfModelOutput } from './code-block.js';
import { otlpTraces, trailTraces, type Span, type Trace } from './spans.js';

/** Tool name given to the code a CodeAgent runs. */
export const CODE_TOOL = 'python_interpreter';
/** Span names of agent steps. */
const STEP_SPAN = /^Step \d+$/;
/** GenAI operation names of model calls. */
const MODEL_OPERATIONS = new Set(['chat', 'generate_content', 'text_completion']);

/** The span id a step id was derived from. */
export function spanIdOfStep(stepId: string): string {
  return beforeFirst(stepId, '.#');
}

type SpanRole = 'agent' | 'model' | 'tool' | 'step' | 'other';

function roleOf(span: Span): SpanRole {
  const kind = stringAttribute(span.attributes, 'openinference.span.kind');
  const operation = stringAttribute(span.attributes, 'gen_ai.operation.name');
  if (kind === 'AGENT' || operation === 'invoke_agent') return 'agent';
  if (kind === 'LLM' || (operation !== undefined && MODEL_OPERATIONS.has(operation))) return 'model';
  if (kind === 'TOOL' || operation === 'execute_tool') return 'tool';
  if (STEP_SPAN.test(span.name)) return 'step';
  return 'other';
}

/** A call waiting for its result. */
interface PendingCall {
  callId: string;
  tool: string;
  answered: boolean;
  /** True when the answer was an error. */
  failed?: boolean;
}

/** What a span is visited with. */
interface VisitContext {
  sidechain?: string;
  /** Calls opened in the innermost agent or Step span. */
  pending: PendingCall[];
  insideStep: boolean;
  insideAgent: boolean;
  /** The tools the innermost agent declares (the names its code can call). */
  tools: readonly string[];
}

/** Most managed agents read from an agent span's attributes. */
const MAXIMUM_MANAGED_AGENTS = 64;

/** The tools an agent span declares: `smolagents.tools_names` and the names of its managed agents. */
function declaredTools(span: Span): string[] {
  const tools: string[] = [];
  const names = parseMaybeJson(span.attributes['smolagents.tools_names']);
  if (Array.isArray(names)) for (const name of names) if (typeof name === 'string') tools.push(name);
  for (let position = 0; position < MAXIMUM_MANAGED_AGENTS; position++) {
    const name = stringAttribute(span.attributes, `smolagents.managed_agents.${position}.name`);
    if (name === undefined) break;
    tools.push(name);
  }
  return tools;
}

function byStart(left: Span, right: Span): number {
  const leftTime = left.start ? Date.parse(left.start) : 0;
  const rightTime = right.start ? Date.parse(right.start) : 0;
  return leftTime - rightTime;
}

function agentTask(span: Span): string | undefined {
  const input = parseMaybeJson(span.attributes['input.value']);
  if (isRecord(input) && typeof input.task === 'string') return input.task;
  if (typeof input === 'string' && input.length > 0) return input;
  return stringAttribute(span.attributes, 'smolagents.task');
}

function toolInput(span: Span): unknown {
  const genAi = span.attributes['gen_ai.tool.call.arguments'];
  if (genAi !== undefined) return parseMaybeJson(genAi);
  const input = parseMaybeJson(span.attributes['input.value']);
  if (isRecord(input) && isRecord(input.kwargs) && (!Array.isArray(input.args) || input.args.length === 0)) return input.kwargs;
  if (isRecord(input) && 'args' in input) return { args: input.args, kwargs: input.kwargs };
  return input ?? {};
}

function spanOutput(span: Span): string {
  const output = span.attributes['output.value'] ?? span.attributes['gen_ai.tool.call.result'];
  if (output === undefined || output === null) return '';
  return typeof output === 'string' ? output : JSON.stringify(output);
}

class TraceWalker {
  private sawUser = false;

  constructor(private readonly assembler: TrajectoryAssembler) {}

  visit(span: Span, context: VisitContext): void {
    switch (roleOf(span)) {
      case 'agent':
        return this.agent(span, context);
      case 'model':
        return this.model(span, context);
      case 'tool':
        return this.tool(span, context);
      case 'step':
        return this.step(span, context);
      default:
        this.children(span, context);
        if (span.failed) this.assembler.event({ id: span.id, event: 'error', text: span.errorMessage, data: { span: span.name }, timestamp: span.end, sidechain: context.sidechain, line: span.line });
    }
  }

  private children(span: Span, context: VisitContext): void {
    for (const child of [...span.children].sort(byStart)) this.visit(child, context);
  }

  private agent(span: Span, context: VisitContext): void {
    const nested = context.insideAgent;
    const sidechain = nested ? span.id : context.sidechain;
    const task = agentTask(span);
    if (task !== undefined && (nested || !this.sawUser)) {
      this.assembler.user({ id: span.id, text: task, origin: nested ? 'injected' : 'prompt', timestamp: span.start, sidechain, line: span.line });
      if (!nested) this.sawUser = true;
    }
    const tools = declaredTools(span);
    this.children(span, { sidechain, pending: [], insideStep: false, insideAgent: true, tools: tools.length > 0 ? tools : context.tools });
  }

  private model(span: Span, context: VisitContext): void {
    const fields = { timestamp: span.start, sidechain: context.sidechain, line: span.line };
    if (!this.sawUser) {
      const task = inputMessages(span.attributes).find((message) => message.role === 'user');
      if (task) {
        this.assembler.user({ ...fields, id: `${span.id}.task`, text: task.text, origin: 'prompt' });
        this.sawUser = true;
      }
    }
    const outputs = outputMessages(span.attributes);
    if (span.failed && outputs.length === 0) {
      this.assembler.event({ ...fields, id: span.id, event: 'error', text: span.errorMessage, data: { span: span.name } });
      return;
    }
    const text = outputs.map((message) => message.text).filter((part) => part.length > 0).join('\n');
    this.assembler.assistant({ ...fields, id: span.id, text, model: spanModel(span.attributes), usage: spanUsage(span.attributes) });
    const calls = outputs.flatMap((message) => message.toolCalls);
    calls.forEach((call, position) => {
      const step = this.assembler.toolCall({ ...fields, id: `${span.id}.call${position + 1}`, callId: call.id, tool: call.name, input: call.arguments });
      context.pending.push({ callId: step.callId, tool: call.name, answered: false });
    });
    const code = calls.length === 0 && context.insideStep ? codeOfModelOutput(text) : undefined;
    if (code !== undefined) {
      const step = this.assembler.toolCall({ ...fields, id: `${span.id}.code`, tool: CODE_TOOL, input: { code }, code: { language: 'python', code, tools: context.tools } });
      context.pending.push({ callId: step.callId, tool: CODE_TOOL, answered: false });
    }
    this.children(span, context);
  }

  private tool(span: Span, context: VisitContext): void {
    const name = stringAttribute(span.attributes, 'tool.name', 'gen_ai.tool.name') ?? span.name;
    const callId = stringAttribute(span.attributes, 'gen_ai.tool.call.id');
    const fields = { sidechain: context.sidechain, line: span.line };
    let pending = context.pending.find((call) => !call.answered && callId !== undefined && call.callId === callId);
    pending ??= context.pending.find((call) => !call.answered && call.tool === name);
    if (pending) {
      pending.answered = true;
      pending.failed = span.failed;
    } else {
      const calledFrom = context.insideStep ? context.pending.find((call) => call.tool === CODE_TOOL && !call.answered)?.callId : undefined;
      const step = this.assembler.toolCall({ ...fields, id: span.id, callId, tool: name, input: toolInput(span), timestamp: span.start, calledFrom });
      pending = { callId: step.callId, tool: name, answered: true };
    }
    this.children(span, context);
    const output = span.failed ? [span.errorMessage, spanOutput(span)].filter(Boolean).join('\n') : spanOutput(span);
    this.assembler.toolResult({ ...fields, id: `${span.id}.result`, callId: pending.callId, output, isError: span.failed, hasErrorFlag: span.statusSet, timestamp: span.end ?? span.start });
  }

  private step(span: Span, context: VisitContext): void {
    const pending: PendingCall[] = [];
    this.children(span, { ...context, pending, insideStep: true });
    const fields = { sidechain: context.sidechain, line: span.line, timestamp: span.end ?? span.start };
    const open = pending.filter((call) => !call.answered);
    const output = span.failed ? (span.errorMessage ?? 'error') : spanOutput(span);
    for (const call of open) this.assembler.toolResult({ ...fields, id: span.id, callId: call.callId, output, isError: span.failed, hasErrorFlag: span.statusSet });
    // A failed step whose error a tool result already carries needs no separate event.
    if (open.length === 0 && span.failed && !pending.some((call) => call.failed)) this.assembler.event({ ...fields, id: span.id, event: 'error', text: span.errorMessage, data: { span: span.name } });
  }
}

function agentName(trace: Trace): string {
  let name: string | undefined;
  const search = (span: Span): void => {
    if (name) return;
    if (Object.keys(span.attributes).some((key) => key.startsWith('smolagents.'))) name = 'smolagents';
    else name = stringAttribute(span.attributes, 'gen_ai.agent.name');
    for (const child of span.children) search(child);
  };
  for (const root of trace.roots) search(root);
  return name ?? 'otel';
}

const reader: FormatReader = {
  id: 'otel',
  description: 'OpenTelemetry agent traces: OpenInference span trees (TRAIL) and OTLP-JSON with GenAI attributes',
  sniff(sample) {
    const head = sample.head;
    if (/"span_id"\s*:/.test(head) && /"(?:child_spans|span_attributes)"\s*:/.test(head)) return 0.95;
    if (/"resourceSpans"\s*:/.test(head) && /"scopeSpans"\s*:/.test(head)) return 0.9;
    return 0;
  },
  async read(file, output) {
    const document = await readJsonDocument(file);
    if (!document.ok) {
      output.diagnostic(document.line, document.message);
      return;
    }
    const root = document.value;
    let traces: Trace[];
    if (isRecord(root) && Array.isArray(root.spans)) traces = trailTraces(root, document.text, output.diagnostic);
    else if (isRecord(root) && Array.isArray(root.resourceSpans)) traces = otlpTraces(root, document.text, output.diagnostic);
    else {
      output.diagnostic(1, 'not an OpenTelemetry trace: no "spans" or "resourceSpans"');
      return;
    }
    for (const trace of traces) {
      const assembler = output.begin({ id: trace.id || undefined, agent: agentName(trace), environment: 'sdk', extra: trace.id ? { traceId: trace.id } : undefined });
      const walker = new TraceWalker(assembler);
      for (const root of [...trace.roots].sort(byStart)) walker.visit(root, { pending: [], insideStep: false, insideAgent: false, tools: [] });
    }
  },
};

export default reader;
