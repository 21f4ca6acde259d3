/**
 * Writes a smolagents CodeAgent run as the OpenInference spans its instrumentation exports (the shape of the
 * TRAIL traces): a `CodeAgent.run` span, one `Step N` span per action with the model call that wrote the code
 * under it, the execution log as the step's output, and a failed step as status `Error` with the
 * `AgentExecutionError` message and an `exception` event. A tool the code calls is a `TOOL` span inside its step; a
 * managed agent the code calls (`search_agent(task=…)`) is a `ToolCallingAgent.run` span inside its step, whose
 * steps each hold the model call that asked for one tool and that tool's span (the shape of TRAIL's managed
 * search agents). Used to test wink on the scaffold it was not tuned on, through the real reader.
 */

/** A tool called by the code of a step, or asked for by a managed agent's model. */
export interface ToolSpanCall {
  tool: string;
  /** The span's name (smolagents names tool spans by class: `TextInspectorTool`). */
  className: string;
  arguments: Record<string, unknown>;
  output?: string;
  /** The error the tool raised (the span fails). */
  error?: string;
}

/** A managed agent the code of a step called, run as a tool-calling agent. */
export interface ManagedAgentRun {
  name: string;
  task: string;
  calls: readonly ToolSpanCall[];
  /** Its final answer, which the manager's code receives. */
  answer: string;
}

/** One action of the agent: the code it wrote and what running it gave. */
export interface CodeAgentStep {
  thought: string;
  code: string;
  /** The execution log of a run that succeeded. */
  logs?: string;
  /** The error of a run that failed (the interpreter's message, without the `AgentExecutionError: ` prefix). */
  error?: string;
  /** Tools the code called, each a span inside the step. */
  toolCalls?: readonly ToolSpanCall[];
  /** A managed agent the code called; its answer is the step's execution log. */
  delegated?: ManagedAgentRun;
}

export interface CodeAgentRun {
  traceId: string;
  task: string;
  /** The system prompt (the scaffold's instructions); a short CodeAgent prompt when left out. */
  systemPrompt?: string;
  authorizedImports?: readonly string[];
  /** Tools the agent declares besides `final_answer`. */
  tools?: readonly string[];
  /** Managed agents the agent declares (called from code like tools). */
  managedAgents?: readonly string[];
  steps: readonly CodeAgentStep[];
  /** The final answer, given by `final_answer(...)` in a last step. */
  answer: string;
  /**
   * How the model writes its code: a Markdown fence with `<end_code>` (as in TRAIL), the `<code>` tag of later
   * versions (their default; the closing tag is the stop sequence, so the recorded output lacks it), or structured
   * outputs (`{"thought", "code"}`).
   */
  codeBlocks?: 'markdown' | 'tags' | 'structured';
}

const START = Date.parse('2025-03-19T10:00:00Z');

function spanId(prefix: string, index: number): string {
  return `${prefix}${index.toString(16).padStart(15, '0')}`;
}

function timestamp(seconds: number): string {
  return new Date(START + seconds * 1000).toISOString().replace('Z', '000Z');
}

function span(traceId: string, id: string, parent: string | null, name: string, seconds: number, attributes: Record<string, unknown>, children: unknown[] = [], error?: string): Record<string, unknown> {
  return {
    timestamp: timestamp(seconds),
    trace_id: traceId,
    span_id: id,
    parent_span_id: parent,
    trace_state: '',
    span_name: name,
    span_kind: 'Internal',
    service_name: 'coding-agent',
    resource_attributes: { 'service.name': 'coding-agent' },
    scope_name: 'openinference.instrumentation.smolagents',
    scope_version: '0.1.8',
    span_attributes: attributes,
    duration: 'PT4S',
    status_code: error === undefined ? 'Ok' : 'Error',
    status_message: error === undefined ? '' : `AgentExecutionError: ${error}`,
    events: error === undefined ? [] : [{ Timestamp: timestamp(seconds + 3).replace('Z', ''), Name: 'exception', Attributes: { 'exception.escaped': 'False', 'exception.message': error, 'exception.type': 'smolagents.utils.AgentExecutionError' } }],
    links: [],
    logs: [],
    child_spans: children,
  };
}

function modelCall(traceId: string, id: string, parent: string, seconds: number, input: { role: string; content: string }[], output: string): Record<string, unknown> {
  const attributes: Record<string, unknown> = {
    'input.mime_type': 'application/json',
    'input.value': JSON.stringify({ messages: input.map((message) => ({ role: message.role, content: [{ type: 'text', text: message.content }] })) }),
    'llm.invocation_parameters': '{"max_completion_tokens": 4096}',
    'llm.model_name': 'example-model-3',
    'openinference.span.kind': 'LLM',
    'llm.token_count.prompt': 1200,
    'llm.token_count.completion': 90,
    'llm.token_count.total': 1290,
    'llm.output_messages.0.message.role': 'assistant',
    'llm.output_messages.0.message.content': output,
    'output.mime_type': 'application/json',
    'output.value': JSON.stringify({ role: 'assistant', content: output }),
  };
  input.forEach((message, position) => {
    attributes[`llm.input_messages.${position}.message.role`] = message.role;
    attributes[`llm.input_messages.${position}.message.content`] = message.content;
  });
  return span(traceId, id, parent, 'LiteLLMModel.__call__', seconds, attributes);
}

function toolSpan(traceId: string, id: string, parent: string, seconds: number, call: ToolSpanCall): Record<string, unknown> {
  const attributes: Record<string, unknown> = {
    'input.value': JSON.stringify({ args: [], sanitize_inputs_outputs: true, kwargs: call.arguments }),
    'openinference.span.kind': 'TOOL',
    'tool.name': call.tool,
  };
  if (call.error === undefined) attributes['output.value'] = call.output ?? '';
  return span(traceId, id, parent, call.className, seconds, attributes, [], call.error);
}

/** A tool-calling agent's run: one step per call (a model call asking for it, then its span), then its final answer. */
function managedAgentSpan(traceId: string, id: string, parent: string, seconds: number, run: ManagedAgentRun, prefix: string): Record<string, unknown> {
  const steps = [...run.calls, undefined].map((call, position) => {
    const number = position + 1;
    const stepId = spanId(`${prefix}s`, number);
    const at = seconds + number;
    const tool = call?.tool ?? 'final_answer';
    const input = call?.arguments ?? { answer: run.answer };
    const model = span(traceId, spanId(`${prefix}l`, number), stepId, 'LiteLLMModel.__call__', at, {
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'example-model-3',
      'llm.input_messages.0.message.role': 'user',
      'llm.input_messages.0.message.content': run.task,
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.content': '',
      'llm.output_messages.0.message.tool_calls.0.tool_call.id': `call_${prefix}${number}`,
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.name': tool,
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments': JSON.stringify(input),
    });
    const children = call === undefined ? [model] : [model, toolSpan(traceId, spanId(`${prefix}t`, number), stepId, at, call)];
    const attributes: Record<string, unknown> = { 'input.value': JSON.stringify({ memory_step: `ActionStep(step_number=${number}, error=None)` }), 'openinference.span.kind': 'CHAIN' };
    if (call === undefined) attributes['output.value'] = run.answer;
    return span(traceId, stepId, id, `Step ${number}`, at, attributes, children, call?.error);
  });
  const task = `You're a helpful agent named '${run.name}'.\nYou have been submitted this task by your manager.\n---\nTask:\n${run.task}`;
  return span(traceId, id, parent, 'ToolCallingAgent.run', seconds, { 'input.value': JSON.stringify({ task }), 'openinference.span.kind': 'AGENT', 'output.value': run.answer, 'smolagents.max_steps': 20, 'smolagents.tools_names': JSON.stringify([...new Set(run.calls.map((call) => call.tool))]) }, steps);
}

function action(step: CodeAgentStep, codeBlocks: CodeAgentRun['codeBlocks'] = 'markdown'): string {
  if (codeBlocks === 'structured') return JSON.stringify({ thought: step.thought, code: step.code });
  // `</code>` is the model call's stop sequence: the output its span records ends before it.
  if (codeBlocks === 'tags') return `Thought: ${step.thought}\n<code>\n${step.code}\n`;
  return `Thought: ${step.thought}\nCode:\n\`\`\`py\n${step.code}\n\`\`\`<end_code>`;
}

/** The spans of one run, as the `{ trace_id, spans }` document TRAIL ships. */
export function codeAgentTrace(run: CodeAgentRun): Record<string, unknown> {
  const imports = run.authorizedImports ?? ['math', 're', 'json', 'collections', 'itertools', 'statistics'];
  const systemPrompt = run.systemPrompt ?? `You are an expert assistant who can solve any task using code blobs. At each step, write a 'Thought:' and then a 'Code:' block ending with '<end_code>'. Use the final_answer tool to give your answer. You can only import from these modules: ${JSON.stringify(imports)}.`;
  const agentId = spanId('a', 1);
  const history: { role: string; content: string }[] = [
    { role: 'system', content: systemPrompt },
    { role: 'user', content: `New task:\n${run.task}` },
  ];
  const steps: unknown[] = [];
  const allSteps: CodeAgentStep[] = [...run.steps, { thought: 'I have the answer.', code: `final_answer(${JSON.stringify(run.answer)})`, logs: '' }];
  allSteps.forEach((step, position) => {
    const number = position + 1;
    const stepId = spanId('s', number);
    const seconds = number * 10;
    const output = action(step, run.codeBlocks);
    const children: unknown[] = [modelCall(run.traceId, spanId('l', number), stepId, seconds + 1, history, output)];
    const isFinal = position === allSteps.length - 1;
    (step.toolCalls ?? []).forEach((call, index) => children.push(toolSpan(run.traceId, spanId(`c${index}`, number), stepId, seconds + 2, call)));
    if (step.delegated) children.push(managedAgentSpan(run.traceId, spanId('g', number), stepId, seconds + 2, step.delegated, `${number.toString(16)}x`));
    if (isFinal) children.push(span(run.traceId, spanId('t', number), stepId, 'FinalAnswerTool', seconds + 2, { 'input.value': JSON.stringify({ args: [run.answer], sanitize_inputs_outputs: true }), 'openinference.span.kind': 'TOOL', 'tool.name': 'final_answer', 'tool.description': 'Provides a final answer to the given problem.', 'tool.parameters': '{"answer": {"type": "any", "description": "The final answer to the problem"}}', 'output.value': run.answer }));
    const logs = step.delegated ? `Here is the final answer from your managed agent '${step.delegated.name}':\n${step.delegated.answer}` : (step.logs ?? '');
    const observation = step.error === undefined ? `Execution logs:\n${logs}\nLast output from code snippet:\n${isFinal ? run.answer : 'None'}` : undefined;
    const attributes: Record<string, unknown> = { 'input.value': JSON.stringify({ memory_step: `ActionStep(step_number=${number}, error=None)` }), 'openinference.span.kind': 'CHAIN' };
    if (observation !== undefined) attributes['output.value'] = observation;
    steps.push(span(run.traceId, stepId, agentId, `Step ${number}`, seconds, attributes, children, step.error));
    history.push({ role: 'assistant', content: output });
    history.push({ role: 'user', content: step.error === undefined ? `Observation:\n${observation ?? ''}` : `Error:\n${step.error}\nNow let's retry: take care not to repeat previous errors! If you have retried several times, try a completely different approach.` });
  });
  const agentAttributes: Record<string, unknown> = {
    'input.value': JSON.stringify({ task: run.task }),
    'openinference.span.kind': 'AGENT',
    'output.value': run.answer,
    'smolagents.max_steps': 20,
    'smolagents.tools_names': JSON.stringify([...(run.tools ?? []), 'final_answer']),
  };
  (run.managedAgents ?? []).forEach((name, position) => (agentAttributes[`smolagents.managed_agents.${position}.name`] = name));
  const agent = span(run.traceId, agentId, spanId('m', 0), 'CodeAgent.run', 0.1, agentAttributes, steps);
  return { trace_id: run.traceId, spans: [span(run.traceId, spanId('m', 0), null, 'main', 0, { 'pat.app': 'coding-agent' }, [agent])] };
}
