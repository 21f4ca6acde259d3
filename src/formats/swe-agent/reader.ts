/**
 * SWE-agent `.traj`: one JSON object `{trajectory: [{action, observation, response, thought, state,
 * execution_time, query, extra_info}], history: [{role, content, message_type, agent, thought, action,
 * tool_calls, tool_call_ids, thinking_blocks, is_demo}], info: {exit_status, submission, model_stats},
 * replay_config, environment}`. `history` is what the model saw and is preferred; `trajectory` is read
 * when there is no history. Demonstrations (`is_demo`) are skipped.
 */
import { basename } from 'node:path';
import type { TrajectoryAssembler } from '../assembler.js';
import { contentText, isRecord, readJsonDocument } from '../json-document.js';
import type { FormatReader, ReaderOutput, SessionSeed } from '../reader.js';
import { commandToolCall, isErrorObservation, openFileAfter, withOpenFile } from './commands.js';
import { rootArrayElementLines } from '../element-lines.js';

/** A record's fields, or an empty object. */
function recordOf(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** A non-empty string, or undefined. */
function nonEmptyText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 ? value : undefined;
}

/** The replay configuration, which some versions store as a JSON string. */
function replayConfigOf(value: unknown): Record<string, unknown> {
  if (typeof value !== 'string') return recordOf(value);
  try {
    return recordOf(JSON.parse(value));
  } catch {
    return {};
  }
}

/** The session seed of a `.traj` document. */
function sessionSeed(root: Record<string, unknown>, file: string): SessionSeed {
  const info = recordOf(root.info);
  const replayConfig = replayConfigOf(root.replay_config);
  const problem = recordOf(replayConfig.problem_statement);
  const taskId = nonEmptyText(problem.id) ?? basename(file).replace(/\.traj$/i, '');
  const modelName = nonEmptyText(recordOf(recordOf(replayConfig.agent).model).name);
  const extra: Record<string, unknown> = {};
  if (isRecord(info.model_stats)) extra.modelStats = info.model_stats;
  if (nonEmptyText(root.environment)) extra.environment = root.environment;
  return {
    id: taskId,
    agent: 'swe-agent',
    agentVersion: nonEmptyText(info.swe_agent_version),
    environment: 'benchmark',
    model: modelName,
    taskId,
    repository: nonEmptyText(recordOf(recordOf(replayConfig.env).repo).github_url),
    exitStatus: nonEmptyText(info.exit_status),
    submission: nonEmptyText(info.submission),
    extra: Object.keys(extra).length > 0 ? extra : undefined,
  };
}

/** Tracks the open file, the pending call and a pending submission while steps are added. */
class SweAgentSteps {
  /** The file open in SWE-agent's editor window. */
  openFile: string | undefined;
  /** The unique call id given to each logged call id (replayed runs reuse the ids of the run they replay). */
  private readonly callIdAliases = new Map<string, string>();
  /** Call ids still waiting for their observation, oldest first, with the action text. */
  private readonly pending: { callId: string; action: string; submit: boolean }[] = [];

  constructor(readonly assembler: TrajectoryAssembler) {}

  /** Adds the tool call of one action (command string or function call) and remembers it as pending. */
  call(fields: { id: string; line: number }, loggedCallId: string, tool: string, input: Record<string, unknown>, action: string): void {
    const callId = this.assembler.hasCall(loggedCallId) ? `${loggedCallId}@${fields.id}` : loggedCallId;
    this.callIdAliases.set(loggedCallId, callId);
    this.assembler.toolCall({ ...fields, callId, tool, input });
    const path = typeof input.path === 'string' ? input.path : undefined;
    if ((tool === 'open' || tool === 'create') && path) this.openFile = path;
    this.pending.push({ callId, action, submit: tool === 'submit' });
  }

  /** True when a call waits for its observation. */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Adds an observation: the result of the given call, or of the oldest pending one. */
  result(fields: { id: string; line: number }, output: string, loggedCallId?: string): void {
    const callId = loggedCallId === undefined ? undefined : (this.callIdAliases.get(loggedCallId) ?? loggedCallId);
    const index = callId === undefined ? 0 : this.pending.findIndex((call) => call.callId === callId);
    const [call] = index >= 0 ? this.pending.splice(index, 1) : [];
    const resultCallId = callId ?? call?.callId;
    if (resultCallId === undefined) return;
    // SWE-agent logs no exit code or error flag: the observation's text is all there is.
    this.assembler.toolResult({ ...fields, callId: resultCallId, output, isError: isErrorObservation(output, call?.action ?? ''), hasErrorFlag: false });
    const open = openFileAfter(output);
    if (open !== undefined) this.openFile = open ?? undefined;
    if (call?.submit) this.assembler.event({ ...fields, id: `${fields.id}.submit`, event: 'task-complete', text: 'submitted' });
  }

  /**
   * Forgets calls that got no observation (the next message is the agent's again, or the log ends); a
   * submit among them still completes the task (SWE-agent often logs no observation for it).
   */
  settleSubmit(): void {
    for (const call of this.pending.splice(0)) {
      if (call.submit) this.assembler.event({ id: `${call.callId}.submit`, event: 'task-complete', text: 'submitted' });
    }
  }
}

/** The reasoning text of Anthropic thinking blocks. */
function thinkingText(blocks: unknown): string | undefined {
  if (!Array.isArray(blocks)) return undefined;
  const parts = blocks.map((block) => (isRecord(block) && typeof block.thinking === 'string' ? block.thinking : '')).filter((part) => part.length > 0);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

/** Reads the `history` list. */
function readHistory(history: unknown[], lines: number[], steps: SweAgentSteps, output: ReaderOutput): void {
  let sawTask = false;
  history.forEach((message, position) => {
    const line = lines[position] ?? 1;
    if (!isRecord(message) || typeof message.role !== 'string') {
      output.diagnostic(line, `history message ${position} has no role; skipped`);
      return;
    }
    if (message.is_demo === true || message.message_type === 'demonstration') return;
    const id = `h${position}`;
    const content = contentText(message.content);
    const assembler = steps.assembler;
    if (message.role === 'system') {
      assembler.event({ id, event: 'other', text: content, data: { role: 'system' }, line });
      return;
    }
    if (message.role === 'assistant') {
      steps.settleSubmit();
      const thought = typeof message.thought === 'string' ? message.thought : content;
      assembler.assistant({ id, text: thought.trim(), reasoning: thinkingText(message.thinking_blocks), line });
      const action = typeof message.action === 'string' ? message.action : '';
      const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls.filter(isRecord) : [];
      if (toolCalls.length > 0) {
        toolCalls.forEach((toolCall, callPosition) => {
          const callFunction = recordOf(toolCall.function);
          const tool = nonEmptyText(callFunction.name) ?? 'unknown';
          let input = recordOf(callFunction.arguments);
          if (typeof callFunction.arguments === 'string') {
            try {
              input = recordOf(JSON.parse(callFunction.arguments));
            } catch {
              output.diagnostic(line, `tool call ${callPosition} of message ${position} has arguments that are not JSON; kept as text`);
              input = { arguments: callFunction.arguments };
            }
          }
          const callId = nonEmptyText(toolCall.id) ?? `${id}.call${callPosition}`;
          steps.call({ id: `${id}.call${callPosition}`, line }, callId, tool, withOpenFile(tool, input, steps.openFile), action);
        });
      } else if (action.trim().length > 0) {
        const { tool, input } = commandToolCall(action, steps.openFile);
        steps.call({ id: `${id}.call`, line }, `${id}.call`, tool, input, action);
      }
      return;
    }
    if (message.role === 'tool') {
      const callIds = Array.isArray(message.tool_call_ids) ? message.tool_call_ids.filter((value): value is string => typeof value === 'string') : [];
      if (callIds.length > 0 && assembler.hasCall(callIds[0])) steps.result({ id, line }, content, callIds[0]);
      else if (steps.hasPending) steps.result({ id, line }, content);
      else assembler.user({ id, text: content, origin: 'injected', line });
      return;
    }
    if (steps.hasPending) {
      steps.result({ id, line }, content);
      return;
    }
    assembler.user({ id, text: content, origin: sawTask ? 'injected' : 'prompt', line });
    sawTask = true;
  });
}

/** Reads the `trajectory` list, for files without history. */
function readTrajectory(trajectory: unknown[], lines: number[], steps: SweAgentSteps, output: ReaderOutput): void {
  trajectory.forEach((entry, position) => {
    const line = lines[position] ?? 1;
    if (!isRecord(entry)) {
      output.diagnostic(line, `trajectory entry ${position} is not an object; skipped`);
      return;
    }
    const id = `t${position}`;
    const thought = nonEmptyText(entry.thought) ?? nonEmptyText(entry.response) ?? '';
    steps.settleSubmit();
    steps.assembler.assistant({ id, text: thought.trim(), line });
    const action = typeof entry.action === 'string' ? entry.action : '';
    if (action.trim().length === 0) return;
    const { tool, input } = commandToolCall(action, steps.openFile);
    steps.call({ id: `${id}.call`, line }, `${id}.call`, tool, input, action);
    if (typeof entry.observation === 'string') steps.result({ id: `${id}.result`, line }, entry.observation);
    const state = typeof entry.state === 'string' ? entry.state : JSON.stringify(entry.state ?? {});
    const openFile = /"open_file"\s*:\s*"([^"]*)"/.exec(state)?.[1];
    if (openFile !== undefined) steps.openFile = openFile === 'n/a' ? undefined : openFile;
  });
}

const reader: FormatReader = {
  id: 'swe-agent',
  description: 'SWE-agent trajectory (.traj): history of thought/action/observation messages, info.exit_status and submission',
  sniff(sample) {
    const head = sample.head;
    if (!/^\s*\{/.test(head)) return 0;
    const hasTrajectory = /"trajectory"\s*:\s*\[/.test(head);
    const hasHistory = /"history"\s*:\s*\[/.test(head);
    const sweAgentShape = /"(?:execution_time|message_type|exit_status|replay_config|thought)"\s*:/.test(head);
    if (sample.path.endsWith('.traj') && (hasTrajectory || hasHistory)) return 0.95;
    if (hasTrajectory && sweAgentShape) return 0.85;
    if (hasHistory && /"message_type"\s*:\s*"(?:thought|action|observation|system_prompt)"/.test(head)) return 0.8;
    return 0;
  },
  async read(file, output) {
    const document = await readJsonDocument(file);
    if (!document.ok) {
      output.diagnostic(document.line, document.message);
      return;
    }
    const root = document.value;
    if (!isRecord(root) || (!Array.isArray(root.history) && !Array.isArray(root.trajectory))) {
      output.diagnostic(1, 'not a SWE-agent trajectory: no "history" or "trajectory" array');
      return;
    }
    const steps = new SweAgentSteps(output.begin(sessionSeed(root, file)));
    if (Array.isArray(root.history) && root.history.length > 0) readHistory(root.history, rootArrayElementLines(document.text, 'history'), steps, output);
    else if (Array.isArray(root.trajectory)) readTrajectory(root.trajectory, rootArrayElementLines(document.text, 'trajectory'), steps, output);
    steps.settleSubmit();
  },
};

export default reader;
