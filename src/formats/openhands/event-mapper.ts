/**
 * Maps OpenHands V0 events (`openhands/events/serialization`) onto a trajectory, in log order. Two
 * shapes are read: the current one (`{id, timestamp, source, message, action, args, tool_call_metadata}`
 * for actions, `{…, cause, observation, content, extras}` for observations) and the older id-less one
 * kept in the resolver's outputs (`{action, command, thought, …}` / `{observation, content, exit_code}`
 * with the arguments at the top level and no `source`, `id` or `cause`).
 */
import type { TrajectoryAssembler } from '../assembler.js';
import { contentText, isRecord } from '../json-document.js';
import { codeOfAction } from './code-actions.js';
import { EDITOR_ERROR, eventIdOf, finiteNumber, nonEmptyText, parseArguments, recordOf, usageOf } from './values.js';

/** Actions that are not tool calls; their observations (if any) are not tool results. */
const NON_TOOL_ACTIONS = new Set(['message', 'system', 'recall', 'think', 'finish', 'change_agent_state', 'condensation', 'condensation_request', 'reject', 'null']);

/** Observations that never answer a tool call. */
const SKIPPED_OBSERVATIONS = new Set(['null']);

/** Keys of an old id-less action event that are not the action's arguments. */
const EVENT_KEYS = new Set(['id', 'timestamp', 'source', 'message', 'action', 'cause', 'tool_call_metadata', 'llm_metrics', 'timeout', 'action_risk']);

/** The arguments of a V0 action: `args`, or the top-level fields in the old shape. */
function actionArguments(event: Record<string, unknown>): Record<string, unknown> {
  if (isRecord(event.args)) return event.args;
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) if (!EVENT_KEYS.has(key)) args[key] = value;
  return args;
}

/** The arguments without `thought`, which becomes the assistant step before the call. */
function withoutThought(args: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...args };
  delete rest.thought;
  return rest;
}

/** The arguments the model sent for one tool call, from the LiteLLM response kept in `tool_call_metadata`. */
function modelArguments(metadata: Record<string, unknown>): Record<string, unknown> | undefined {
  const response = recordOf(metadata.model_response);
  const choices = Array.isArray(response.choices) ? response.choices : [];
  for (const choice of choices) {
    const calls = recordOf(recordOf(choice).message).tool_calls;
    if (!Array.isArray(calls)) continue;
    for (const call of calls) {
      const record = recordOf(call);
      if (record.id === metadata.tool_call_id) return parseArguments(recordOf(record.function).arguments);
    }
  }
  return undefined;
}

/** Exit code of a command observation: `extras.metadata.exit_code`, `extras.exit_code`, or top-level in the old shape. */
function exitCodeOf(event: Record<string, unknown>): number | undefined {
  const extras = recordOf(event.extras);
  return finiteNumber(recordOf(extras.metadata).exit_code) ?? finiteNumber(extras.exit_code) ?? finiteNumber(event.exit_code);
}

/** Maps the V0 events of one trajectory; create one per trajectory. */
export class OpenHandsEventMapper {
  /** Call id of each tool action, by event id. */
  private readonly callIdsByEventId = new Map<string, string>();
  /** Event ids of actions that are not tool calls. */
  private readonly nonToolEventIds = new Set<string>();
  /** Model responses whose usage was already counted (one response can hold several calls). */
  private readonly countedResponses = new Set<string>();
  /** The last call still waiting for its observation, for the id-less shape. */
  private pendingCallId: string | undefined;
  /** True once the agent acted, for the id-less shape that has no `source`. */
  private agentHasActed = false;
  /** True once the agent finished (a `finish` action). */
  finished = false;

  constructor(private readonly assembler: TrajectoryAssembler) {}

  /** Maps one event found at `line`; `position` numbers events without ids. */
  map(event: Record<string, unknown>, line: number, position: number): void {
    const eventId = eventIdOf(event.id);
    const stepId = eventId ?? `event-${position}`;
    const timestamp = nonEmptyText(event.timestamp);
    if (typeof event.action === 'string') this.mapAction(event, event.action, { id: stepId, timestamp, line }, eventId);
    else if (typeof event.observation === 'string') this.mapObservation(event, event.observation, { id: stepId, timestamp, line });
  }

  private mapAction(event: Record<string, unknown>, action: string, fields: { id: string; timestamp?: string; line: number }, eventId: string | undefined): void {
    const args = actionArguments(event);
    const source = nonEmptyText(event.source) ?? (this.agentHasActed ? 'agent' : 'user');
    if (NON_TOOL_ACTIONS.has(action) && eventId !== undefined) this.nonToolEventIds.add(eventId);
    const thought = nonEmptyText(args.thought);
    switch (action) {
      case 'message': {
        const text = contentText(args.content) || (nonEmptyText(event.message) ?? '');
        if (source === 'user') this.assembler.user({ ...fields, text, origin: 'prompt' });
        else if (source === 'agent') this.assistant(event, fields, text);
        else this.assembler.event({ ...fields, event: 'other', text, data: { source } });
        break;
      }
      case 'system': {
        const version = nonEmptyText(args.openhands_version);
        if (version && !this.assembler.session.agentVersion) this.assembler.session.agentVersion = version;
        this.assembler.event({ ...fields, event: 'other', text: contentText(args.content), data: { role: 'system', agentClass: args.agent_class ?? null } });
        break;
      }
      case 'think':
        this.assistant(event, fields, thought ?? nonEmptyText(event.message) ?? '');
        break;
      case 'finish': {
        const finalThought = nonEmptyText(args.final_thought);
        const text = [thought, finalThought].filter((part, index, parts): part is string => part !== undefined && parts.indexOf(part) === index).join('\n\n');
        this.assistant(event, fields, text || (nonEmptyText(event.message) ?? ''));
        this.finished = true;
        this.assembler.event({ ...fields, id: `${fields.id}.finish`, event: 'task-complete', text: finalThought ?? thought, data: { taskCompleted: args.task_completed ?? null, outputs: recordOf(args.outputs) } });
        break;
      }
      case 'condensation':
        this.assembler.event({ ...fields, event: 'compaction', text: nonEmptyText(args.summary), data: { forgottenEvents: Array.isArray(args.forgotten_event_ids) ? args.forgotten_event_ids.length : null } });
        break;
      case 'recall':
      case 'change_agent_state':
      case 'condensation_request':
      case 'null':
        // recall: the observation that answers it carries the context it added; agent state: the
        // agent_state_changed observation records the change.
        break;
      case 'reject':
        this.assembler.event({ ...fields, event: 'other', text: nonEmptyText(args.reason) ?? nonEmptyText(event.message), data: { action } });
        break;
      default:
        this.toolCall(event, action, args, fields, eventId, thought);
    }
  }

  private assistant(event: Record<string, unknown>, fields: { id: string; timestamp?: string; line: number }, text: string): void {
    this.agentHasActed = true;
    const response = recordOf(recordOf(event.tool_call_metadata).model_response);
    const responseId = nonEmptyText(response.id);
    const firstOfResponse = responseId !== undefined && !this.countedResponses.has(responseId);
    if (responseId) this.countedResponses.add(responseId);
    this.assembler.assistant({
      ...fields,
      text,
      model: nonEmptyText(response.model),
      messageId: responseId,
      usage: firstOfResponse ? usageOf(response.usage) : undefined,
    });
  }

  private toolCall(
    event: Record<string, unknown>,
    action: string,
    args: Record<string, unknown>,
    fields: { id: string; timestamp?: string; line: number },
    eventId: string | undefined,
    thought: string | undefined,
  ): void {
    const metadata = recordOf(event.tool_call_metadata);
    if (thought) this.assistant(event, { ...fields, id: `${fields.id}.thought` }, thought);
    this.agentHasActed = true;
    let callId = nonEmptyText(metadata.tool_call_id) ?? `action-${fields.id}`;
    if (this.assembler.hasCall(callId)) callId = `${callId}@${fields.id}`;
    const tool = nonEmptyText(metadata.function_name) ?? action;
    const input = modelArguments(metadata) ?? withoutThought(args);
    const code = codeOfAction(action, tool, input);
    this.assembler.toolCall({ ...fields, callId, tool, input, messageId: nonEmptyText(recordOf(metadata.model_response).id), code });
    if (eventId !== undefined) this.callIdsByEventId.set(eventId, callId);
    this.pendingCallId = callId;
  }

  private mapObservation(event: Record<string, unknown>, observation: string, fields: { id: string; timestamp?: string; line: number }): void {
    const extras = recordOf(event.extras);
    const content = contentText(event.content);
    if (SKIPPED_OBSERVATIONS.has(observation)) return;
    if (observation === 'agent_state_changed') {
      const state = nonEmptyText(extras.agent_state);
      this.assembler.event({ ...fields, event: 'agent-state', text: state, data: { state: state ?? null } });
      return;
    }
    if (observation === 'recall') {
      this.assembler.event({ ...fields, event: 'other', text: content, data: { observation, recallType: extras.recall_type ?? null } });
      return;
    }
    if (observation === 'agent_condensation' || observation === 'condense') {
      this.assembler.event({ ...fields, event: 'compaction', text: content });
      return;
    }
    const cause = eventIdOf(event.cause);
    if (cause !== undefined && this.nonToolEventIds.has(cause)) {
      if (observation === 'error') this.assembler.event({ ...fields, event: 'error', text: content, data: { observation } });
      return;
    }
    const metadataCallId = nonEmptyText(recordOf(event.tool_call_metadata).tool_call_id);
    let callId = cause !== undefined ? this.callIdsByEventId.get(cause) : undefined;
    if (callId === undefined && metadataCallId !== undefined && this.assembler.hasCall(metadataCallId)) callId = metadataCallId;
    if (callId === undefined && event.id === undefined && cause === undefined) callId = this.pendingCallId;
    if (callId === undefined) {
      if (cause !== undefined) {
        // The action it answers is missing from the log: the assembler adds a placeholder call and a diagnostic.
        callId = `action-${cause}`;
      } else {
        // An error with no action: OpenHands rejected a malformed tool call before running anything.
        this.assembler.event({ ...fields, event: observation === 'error' ? 'error' : 'other', text: content, data: { observation } });
        return;
      }
    }
    if (callId === this.pendingCallId) this.pendingCallId = undefined;
    const exitCode = exitCodeOf(event);
    const rejected = observation === 'user_rejected';
    // The file editor reports a refused edit or view in its text ("ERROR:\nNo replacement was performed…"),
    // not with a flag; a command's own output is judged by its exit code instead.
    const editorError = observation !== 'run' && observation !== 'run_ipython' && EDITOR_ERROR.test(content);
    this.assembler.toolResult({
      ...fields,
      callId,
      output: content,
      isError: observation === 'error' || rejected || editorError || (exitCode !== undefined && exitCode !== 0),
      exitCode,
      rejected,
      tool: observation,
      // Only an error observation, a rejection and an exit code are flags; an IPython cell's or the editor's result is judged by its text.
      hasErrorFlag: observation === 'error' || rejected || exitCode !== undefined,
    });
  }
}
