/**
 * Writes a wink trajectory as an ATIF document. Each user message and each system event becomes its own
 * ATIF step; an assistant message opens an agent step that also takes the tool calls and tool results
 * that follow it (until the next message or event). Facts ATIF has no field for (error flags, exit
 * codes, user origin, sidechains, event types, step ids) go to `extra.wink`, so that reading the document
 * back gives the same steps; tool effects and canonical inputs are derived again on reading.
 */
import type { SessionMetadata } from '../../trajectory/session.js';
import type { Step, TokenUsage } from '../../trajectory/step.js';
import type { Trajectory } from '../../trajectory/trajectory.js';
import { isRecord } from '../json-document.js';
import { ATIF_SCHEMA_VERSION, WINK_EXTRA_KEY, type AtifMetrics, type AtifStep, type AtifTrajectory, type WinkStepRecord } from './types.js';

/** Agent version written when the trajectory does not know it (ATIF requires the field). */
const UNKNOWN_VERSION = 'unknown';

/** Session fields that describe the source file rather than the session; not carried over. */
const SESSION_FIELDS_LEFT_OUT = new Set(['sourceFile', 'format']);

/** Converts a trajectory to an ATIF document. */
export function trajectoryToAtif(trajectory: Trajectory): AtifTrajectory {
  const session = trajectory.session;
  const steps: AtifStep[] = [];
  let open: AtifStep | undefined;
  for (const step of trajectory.steps) {
    if (step.kind === 'user' || step.kind === 'event') {
      open = undefined;
      steps.push(standaloneStep(step, steps.length + 1));
      continue;
    }
    if (step.kind === 'assistant' || !open) {
      open = { step_id: steps.length + 1, source: 'agent', message: '' };
      if (step.timestamp) open.timestamp = step.timestamp;
      steps.push(open);
    }
    addToAgentStep(open, step);
  }
  const document: AtifTrajectory = {
    schema_version: ATIF_SCHEMA_VERSION,
    session_id: session.id,
    agent: { name: session.agent, version: session.agentVersion ?? UNKNOWN_VERSION },
    steps,
  };
  if (session.model) document.agent.model_name = session.model;
  const totals = finalMetrics(steps);
  if (totals) document.final_metrics = totals;
  document.extra = { [WINK_EXTRA_KEY]: { schemaVersion: trajectory.schemaVersion, session: sessionRecord(session) } };
  return document;
}

function sessionRecord(session: SessionMetadata): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(session)) if (!SESSION_FIELDS_LEFT_OUT.has(key) && value !== undefined) record[key] = value;
  return record;
}

function baseRecord(step: Step): WinkStepRecord {
  const record: WinkStepRecord = { kind: step.kind, id: step.id };
  if (step.timestamp) record.timestamp = step.timestamp;
  if (step.sidechain) record.sidechain = step.sidechain;
  return record;
}

function recordsOf(atifStep: AtifStep): WinkStepRecord[] {
  if (!atifStep.extra) atifStep.extra = { [WINK_EXTRA_KEY]: { steps: [] } };
  const wink = atifStep.extra[WINK_EXTRA_KEY] as { steps: WinkStepRecord[] };
  return wink.steps;
}

function standaloneStep(step: Step & { kind: 'user' | 'event' }, stepId: number): AtifStep {
  const record = baseRecord(step);
  const atifStep: AtifStep = { step_id: stepId, source: step.kind === 'user' ? 'user' : 'system', message: '' };
  if (step.timestamp) atifStep.timestamp = step.timestamp;
  if (step.kind === 'user') {
    atifStep.message = step.text;
    record.origin = step.origin;
    if (step.context) record.context = step.context;
    if (step.queued) record.queued = true;
  } else {
    atifStep.message = step.text ?? '';
    record.event = step.event;
    record.hasText = step.text !== undefined;
    if (step.data !== undefined) record.data = step.data;
  }
  recordsOf(atifStep).push(record);
  return atifStep;
}

function addToAgentStep(atifStep: AtifStep, step: Step): void {
  const record = baseRecord(step);
  switch (step.kind) {
    case 'assistant':
      atifStep.message = step.text;
      if (step.reasoning) atifStep.reasoning_content = step.reasoning;
      if (step.model) atifStep.model_name = step.model;
      if (step.messageId) record.messageId = step.messageId;
      if (step.usage) {
        record.usage = step.usage;
        atifStep.metrics = atifMetrics(step.usage);
      }
      break;
    case 'tool-call': {
      const wrapped = !isRecord(step.input);
      (atifStep.tool_calls ??= []).push({ tool_call_id: step.callId, function_name: step.tool, arguments: wrapped ? { value: step.input } : (step.input as Record<string, unknown>) });
      if (wrapped) record.wrappedInput = true;
      if (step.messageId) record.messageId = step.messageId;
      if (step.synthetic) record.synthetic = true;
      if (step.refusedByHook) record.refusedByHook = true;
      if (step.code) record.code = { language: step.code.language, tools: [...step.code.tools] };
      if (step.calledFrom !== undefined) record.calledFrom = step.calledFrom;
      break;
    }
    case 'tool-result':
      (atifStep.observation ??= { results: [] }).results.push({ source_call_id: step.callId, content: step.output });
      record.isError = step.isError;
      if (step.exitCode !== undefined) record.exitCode = step.exitCode;
      if (step.rejected) record.rejected = true;
      if (step.interrupted) record.interrupted = true;
      if (step.refusedByHook) record.refusedByHook = true;
      if (step.outcome?.basis === 'content') record.hasErrorFlag = false;
      break;
    default:
      break;
  }
  recordsOf(atifStep).push(record);
}

/** ATIF metrics from wink usage: ATIF's prompt tokens include the cached ones. */
function atifMetrics(usage: TokenUsage): AtifMetrics {
  const metrics: AtifMetrics = {};
  if (usage.inputTokens !== undefined || usage.cachedInputTokens !== undefined) metrics.prompt_tokens = (usage.inputTokens ?? 0) + (usage.cachedInputTokens ?? 0);
  if (usage.outputTokens !== undefined) metrics.completion_tokens = usage.outputTokens;
  if (usage.cachedInputTokens !== undefined) metrics.cached_tokens = usage.cachedInputTokens;
  if (usage.costUsd !== undefined) metrics.cost_usd = usage.costUsd;
  return metrics;
}

function finalMetrics(steps: AtifStep[]): AtifTrajectory['final_metrics'] {
  let seen = false;
  const totals = { total_prompt_tokens: 0, total_completion_tokens: 0, total_cached_tokens: 0, total_cost_usd: 0, total_steps: steps.length };
  for (const step of steps) {
    if (!step.metrics) continue;
    seen = true;
    totals.total_prompt_tokens += step.metrics.prompt_tokens ?? 0;
    totals.total_completion_tokens += step.metrics.completion_tokens ?? 0;
    totals.total_cached_tokens += step.metrics.cached_tokens ?? 0;
    totals.total_cost_usd += step.metrics.cost_usd ?? 0;
  }
  return seen ? totals : { total_steps: steps.length };
}
