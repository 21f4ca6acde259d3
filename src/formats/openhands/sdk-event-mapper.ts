/**
 * Maps OpenHands V1 SDK events (`OpenHands/software-agent-sdk`, `openhands/sdk/event`) onto a
 * trajectory. Each event names its class in `kind`: `MessageEvent {source, llm_message}`,
 * `SystemPromptEvent {system_prompt}`, `ActionEvent {thought, reasoning_content, action, tool_name,
 * tool_call_id, tool_call, llm_response_id}`, `ObservationEvent {observation, tool_name, tool_call_id,
 * action_id}`, `AgentErrorEvent {error, tool_call_id}`, `UserRejectObservation {rejection_reason}`,
 * `Condensation`, `ConversationStateUpdateEvent`, …
 */
import type { TrajectoryAssembler } from '../assembler.js';
import { contentText } from '../json-document.js';
import { codeOfAction } from './code-actions.js';
import { EDITOR_ERROR, eventIdOf, finiteNumber, nonEmptyText, parseArguments, recordOf } from './values.js';

/** Event kinds of the V1 SDK that this mapper knows; used by the sniffer too. */
export const SDK_EVENT_KINDS = [
  'MessageEvent',
  'SystemPromptEvent',
  'ActionEvent',
  'ObservationEvent',
  'AgentErrorEvent',
  'UserRejectObservation',
  'Condensation',
  'CondensationSummaryEvent',
  'CondensationRequest',
  'ConversationStateUpdateEvent',
  'ConversationErrorEvent',
  'PauseEvent',
];

/** True when an event has the V1 SDK shape (a `kind` naming an event class). */
export function isSdkEvent(event: Record<string, unknown>): boolean {
  return typeof event.kind === 'string' && typeof event.action !== 'string' && typeof event.observation !== 'string';
}

/** Maps the V1 SDK events of one trajectory. */
export class OpenHandsSdkEventMapper {
  /** True once the agent called the `finish` tool. */
  finished = false;

  constructor(private readonly assembler: TrajectoryAssembler) {}

  /** Maps one event found at `line`; `position` numbers events without ids. */
  map(event: Record<string, unknown>, line: number, position: number): void {
    const fields = { id: eventIdOf(event.id) ?? `event-${position}`, timestamp: nonEmptyText(event.timestamp), line };
    const kind = String(event.kind);
    switch (kind) {
      case 'MessageEvent': {
        const message = recordOf(event.llm_message);
        const text = contentText(message.content);
        const role = nonEmptyText(message.role) ?? nonEmptyText(event.source);
        if (role === 'user') this.assembler.user({ ...fields, text, origin: 'prompt' });
        else if (role === 'assistant' || role === 'agent') this.assembler.assistant({ ...fields, text, reasoning: nonEmptyText(message.reasoning_content) });
        else this.assembler.event({ ...fields, event: 'other', text, data: { role: role ?? null } });
        return;
      }
      case 'SystemPromptEvent':
        this.assembler.event({ ...fields, event: 'other', text: contentText(event.system_prompt), data: { role: 'system' } });
        return;
      case 'ActionEvent':
        this.action(event, fields);
        return;
      case 'ObservationEvent': {
        const observation = recordOf(event.observation);
        const exitCode = finiteNumber(observation.exit_code) ?? finiteNumber(recordOf(observation.metadata).exit_code);
        const output = contentText(observation.content) || contentText(observation.output);
        // A result with no exit code (the file editor) reports a refusal in its text.
        const editorError = exitCode === undefined && EDITOR_ERROR.test(output);
        this.assembler.toolResult({
          ...fields,
          callId: nonEmptyText(event.tool_call_id) ?? `action-${String(event.action_id)}`,
          output,
          isError: observation.is_error === true || editorError || (exitCode !== undefined && exitCode !== 0),
          exitCode,
          tool: nonEmptyText(event.tool_name),
          hasErrorFlag: typeof observation.is_error === 'boolean' || exitCode !== undefined,
        });
        return;
      }
      case 'UserRejectObservation':
        this.assembler.toolResult({
          ...fields,
          callId: nonEmptyText(event.tool_call_id) ?? `action-${String(event.action_id)}`,
          output: nonEmptyText(event.rejection_reason) ?? 'rejected',
          isError: true,
          rejected: true,
          tool: nonEmptyText(event.tool_name),
        });
        return;
      case 'AgentErrorEvent': {
        const callId = nonEmptyText(event.tool_call_id);
        const error = contentText(event.error);
        if (callId !== undefined && this.assembler.hasCall(callId)) this.assembler.toolResult({ ...fields, callId, output: error, isError: true });
        else this.assembler.event({ ...fields, event: 'error', text: error, data: { kind } });
        return;
      }
      case 'ConversationErrorEvent':
        this.assembler.event({ ...fields, event: 'error', text: contentText(event.detail) || contentText(event.code), data: { kind } });
        return;
      case 'Condensation':
      case 'CondensationSummaryEvent':
        this.assembler.event({ ...fields, event: 'compaction', text: nonEmptyText(event.summary), data: { kind } });
        return;
      case 'ConversationStateUpdateEvent': {
        const value = event.value;
        if (event.key === 'execution_status' || event.key === 'agent_status') this.assembler.event({ ...fields, event: 'agent-state', text: typeof value === 'string' ? value : undefined, data: { state: typeof value === 'string' ? value : null } });
        return;
      }
      case 'CondensationRequest':
      case 'TokenEvent':
        return;
      default:
        this.assembler.event({ ...fields, event: 'other', data: { kind } });
    }
  }

  private action(event: Record<string, unknown>, fields: { id: string; timestamp?: string; line: number }): void {
    const thought = contentText(event.thought);
    const reasoning = nonEmptyText(event.reasoning_content);
    const responseId = nonEmptyText(event.llm_response_id);
    if (thought || reasoning) this.assembler.assistant({ ...fields, id: `${fields.id}.thought`, text: thought, reasoning, messageId: responseId });
    const toolCall = recordOf(event.tool_call);
    const action = { ...recordOf(event.action) };
    delete action.kind;
    const tool = nonEmptyText(event.tool_name) ?? nonEmptyText(toolCall.name) ?? 'unknown';
    const callId = nonEmptyText(event.tool_call_id) ?? nonEmptyText(toolCall.id) ?? `action-${fields.id}`;
    const input = parseArguments(toolCall.arguments) ?? action;
    this.assembler.toolCall({ ...fields, callId, tool, input, messageId: responseId, code: codeOfAction(tool, tool, input) });
    if (tool === 'finish') {
      this.finished = true;
      this.assembler.event({ ...fields, id: `${fields.id}.finish`, event: 'task-complete', text: nonEmptyText(action.message) });
    }
  }
}
