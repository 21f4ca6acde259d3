/**
 * ATIF (Harbor's Agent Trajectory Interchange Format): one JSON document `{ schema_version: "ATIF-v1.x",
 * session_id, agent, steps: [ { step_id, source, message, tool_calls?, observation?, metrics?, extra? } ] }`.
 * Files wink wrote carry `extra.wink` records that restore every step exactly; files from other tools are
 * mapped by the specification: system steps become events, user steps prompts, and agent steps an
 * assistant message, its tool calls, then the observation's results.
 */
import type { TrajectoryAssembler } from '../assembler.js';
import { contentText, isRecord, readJsonDocument } from '../json-document.js';
import type { FormatReader, ReaderOutput, SessionSeed } from '../reader.js';
import type { AgentEnvironment } from '../../trajectory/session.js';
import type { TokenUsage } from '../../trajectory/step.js';
import { rootArrayElementLines } from '../element-lines.js';
import { keyedLines } from './source-lines.js';
import { WINK_EXTRA_KEY, type WinkStepRecord } from './types.js';

/** Where an ATIF file without wink's extras is assumed to come from: Harbor runs benchmark agents. */
const DEFAULT_ENVIRONMENT: AgentEnvironment = 'benchmark';
/** An observation that starts like this is taken as a failure when the file does not say. */
const ERROR_OUTPUT = /^\s*(?:error\b|traceback \(most recent call last\))/i;

const reader: FormatReader = {
  id: 'atif',
  description: "ATIF (Harbor's Agent Trajectory Interchange Format) trajectory JSON",
  sniff(sample) {
    if (/"schema_version"\s*:\s*"ATIF-v/.test(sample.head)) return 1;
    if (/"session_id"\s*:/.test(sample.head) && /"step_id"\s*:/.test(sample.head) && /"source"\s*:\s*"(?:agent|user|system)"/.test(sample.head)) return 0.8;
    return 0;
  },
  async read(file, output) {
    const document = await readJsonDocument(file);
    if (!document.ok) {
      output.diagnostic(document.line, document.message);
      return;
    }
    const root = document.value;
    if (!isRecord(root) || !Array.isArray(root.steps)) {
      output.diagnostic(1, 'not an ATIF trajectory: no "steps" array');
      return;
    }
    const assembler = output.begin(sessionSeed(root));
    const lines = keyedLines(document.text, 'step_id');
    const elementLines = rootArrayElementLines(document.text, 'steps');
    root.steps.forEach((step: unknown, position: number) => {
      const elementLine = elementLines[position] ?? 1;
      const line = isRecord(step) && (typeof step.step_id === 'number' || typeof step.step_id === 'string') ? (lines.get(String(step.step_id)) ?? elementLine) : elementLine;
      if (!isRecord(step) || (step.source !== 'system' && step.source !== 'user' && step.source !== 'agent')) {
        output.diagnostic(line, `step ${position + 1} has no valid "source"; skipped`);
        return;
      }
      const records = winkRecords(step);
      if (records) readRecordedStep(step, records, assembler, output, line);
      else readForeignStep(step, assembler, line);
    });
  },
};

function sessionSeed(root: Record<string, unknown>): SessionSeed {
  const agent = isRecord(root.agent) ? root.agent : {};
  const extra = isRecord(root.extra) && isRecord(root.extra[WINK_EXTRA_KEY]) ? root.extra[WINK_EXTRA_KEY] : {};
  const recorded = isRecord(extra.session) ? extra.session : undefined;
  if (recorded && typeof recorded.agent === 'string' && typeof recorded.environment === 'string') return recorded as SessionSeed;
  const seed: SessionSeed = { agent: typeof agent.name === 'string' ? agent.name : 'unknown', environment: DEFAULT_ENVIRONMENT };
  if (typeof root.session_id === 'string') seed.id = root.session_id;
  if (typeof agent.version === 'string') seed.agentVersion = agent.version;
  if (typeof agent.model_name === 'string') seed.model = agent.model_name;
  return seed;
}

function winkRecords(step: Record<string, unknown>): WinkStepRecord[] | undefined {
  const extra = isRecord(step.extra) ? step.extra[WINK_EXTRA_KEY] : undefined;
  if (!isRecord(extra) || !Array.isArray(extra.steps)) return undefined;
  return extra.steps.every((record) => isRecord(record) && typeof record.kind === 'string' && typeof record.id === 'string') ? (extra.steps as WinkStepRecord[]) : undefined;
}

function toolCalls(step: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(step.tool_calls) ? step.tool_calls.filter(isRecord) : [];
}

function observationResults(step: Record<string, unknown>): Record<string, unknown>[] {
  return isRecord(step.observation) && Array.isArray(step.observation.results) ? step.observation.results.filter(isRecord) : [];
}

function text(value: unknown): string {
  return contentText(value);
}

/** Usage from ATIF metrics; ATIF's prompt tokens include the cached ones, wink's input tokens do not. */
function usageFromMetrics(metrics: unknown): TokenUsage | undefined {
  if (!isRecord(metrics)) return undefined;
  const usage: TokenUsage = {};
  const cached = typeof metrics.cached_tokens === 'number' ? metrics.cached_tokens : undefined;
  if (typeof metrics.prompt_tokens === 'number') usage.inputTokens = Math.max(0, metrics.prompt_tokens - (cached ?? 0));
  if (typeof metrics.completion_tokens === 'number') usage.outputTokens = metrics.completion_tokens;
  if (cached !== undefined) usage.cachedInputTokens = cached;
  if (typeof metrics.cost_usd === 'number') usage.costUsd = metrics.cost_usd;
  return Object.keys(usage).length > 0 ? usage : undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** A step wink wrote: its records say which wink steps it holds and in what order. */
function readRecordedStep(step: Record<string, unknown>, records: WinkStepRecord[], assembler: TrajectoryAssembler, output: ReaderOutput, line: number): void {
  const calls = toolCalls(step);
  const results = observationResults(step);
  let callPosition = 0;
  let resultPosition = 0;
  for (const record of records) {
    const fields = { id: record.id, timestamp: record.timestamp, sidechain: record.sidechain, line };
    switch (record.kind) {
      case 'user':
        assembler.user({ ...fields, text: text(step.message), origin: record.origin, context: record.context, queued: record.queued });
        break;
      case 'event':
        assembler.event({ ...fields, event: record.event ?? 'other', text: record.hasText === false ? undefined : text(step.message), data: record.data });
        break;
      case 'assistant':
        assembler.assistant({
          ...fields,
          text: text(step.message),
          reasoning: stringOrUndefined(step.reasoning_content),
          model: stringOrUndefined(step.model_name),
          messageId: record.messageId,
          usage: record.usage ?? usageFromMetrics(step.metrics),
        });
        break;
      case 'tool-call': {
        const call = calls[callPosition++];
        if (!call) {
          output.diagnostic(line, `step ${String(step.step_id)}: wink record ${record.id} has no matching tool call; skipped`);
          break;
        }
        const input = isRecord(call.arguments) && record.wrappedInput ? call.arguments.value : (call.arguments ?? {});
        const codeText = isRecord(input) && typeof input.code === 'string' ? input.code : undefined;
        const code = record.code && codeText !== undefined ? { language: record.code.language, code: codeText, tools: record.code.tools } : undefined;
        assembler.toolCall({ ...fields, callId: stringOrUndefined(call.tool_call_id), tool: stringOrUndefined(call.function_name) ?? 'unknown', input, messageId: record.messageId, synthetic: record.synthetic, refusedByHook: record.refusedByHook, code, calledFrom: record.calledFrom });
        break;
      }
      case 'tool-result': {
        const result = results[resultPosition++];
        if (!result || typeof result.source_call_id !== 'string') {
          output.diagnostic(line, `step ${String(step.step_id)}: wink record ${record.id} has no matching observation result; skipped`);
          break;
        }
        assembler.toolResult({ ...fields, callId: result.source_call_id, output: text(result.content), isError: record.isError === true, exitCode: record.exitCode, rejected: record.rejected, interrupted: record.interrupted, refusedByHook: record.refusedByHook, hasErrorFlag: record.hasErrorFlag });
        break;
      }
      default:
        output.diagnostic(line, `step ${String(step.step_id)}: unknown wink record kind ${String(record.kind)}; skipped`);
    }
  }
}

/** A step written by another tool: mapped by the specification alone. */
function readForeignStep(step: Record<string, unknown>, assembler: TrajectoryAssembler, line: number): void {
  const stepId = `s${String(step.step_id)}`;
  const fields = { timestamp: stringOrUndefined(step.timestamp), line };
  const message = text(step.message);
  if (step.source === 'system') {
    assembler.event({ ...fields, id: stepId, event: 'other', text: message, data: { source: 'system' } });
    return;
  }
  if (step.source === 'user') {
    assembler.user({ ...fields, id: stepId, text: message, origin: 'prompt' });
    return;
  }
  const calls = toolCalls(step);
  const reasoning = stringOrUndefined(step.reasoning_content);
  if (message.length > 0 || reasoning || calls.length === 0) {
    assembler.assistant({ ...fields, id: stepId, text: message, reasoning, model: stringOrUndefined(step.model_name), usage: usageFromMetrics(step.metrics) });
  }
  calls.forEach((call, position) => {
    assembler.toolCall({ ...fields, id: `${stepId}.call${position + 1}`, callId: stringOrUndefined(call.tool_call_id), tool: stringOrUndefined(call.function_name) ?? 'unknown', input: call.arguments ?? {} });
  });
  observationResults(step).forEach((result, position) => {
    const id = `${stepId}.result${position + 1}`;
    const output = text(result.content);
    let callId = stringOrUndefined(result.source_call_id);
    if (!callId) {
      // A result of an action outside the tool-calling format: keep it, tied to a placeholder action.
      callId = `${stepId}.action${position + 1}`;
      assembler.toolCall({ ...fields, id: callId, callId, tool: 'action', input: {}, synthetic: true });
    }
    assembler.toolResult({ ...fields, id, callId, output, isError: ERROR_OUTPUT.test(output) });
  });
}

export default reader;
