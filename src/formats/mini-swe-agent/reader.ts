/**
 * mini-swe-agent `.traj.json`: `{ info: { exit_status, submission, model_stats, config }, messages: [ { role,
 * content, extra? } ], trajectory_format, instance_id }`. Assistant turns are a THOUGHT plus one fenced
 * bash block (the action); the next user message is the observation: `<returncode>N</returncode>` and
 * `<output>…</output>` (or `<output_head>`/`<output_tail>` for long output), or a format error.
 */
import { firstLineObject } from '../detect.js';
import { rootArrayElementLines } from '../element-lines.js';
import { isRecord, readJsonDocument, contentText, topLevelElementLines } from '../json-document.js';
import type { FormatReader } from '../reader.js';

/** The fenced block holding the command in an assistant turn. */
const FENCED_BLOCK = /```([\w-]*)[ \t]*\n([\s\S]*?)\n?```/g;
/** Languages of the fenced block that holds the action (other blocks are code the agent quotes). */
const ACTION_LANGUAGES = new Set(['bash', 'sh', 'shell', 'mswea_bash_command']);

/**
 * The action block of an assistant turn: the first fenced block labelled bash (or mini-swe-agent's own
 * label), else the last unlabelled one. Blocks are paired open/close in order, so a quoted ```python block
 * never makes its closing fence look like an opening one.
 */
export function actionBlock(content: string): { index: number; command: string } | undefined {
  let unlabelled: { index: number; command: string } | undefined;
  for (const match of content.matchAll(FENCED_BLOCK)) {
    const language = match[1].toLowerCase();
    if (ACTION_LANGUAGES.has(language)) return { index: match.index ?? 0, command: match[2] };
    if (language === '') unlabelled = { index: match.index ?? 0, command: match[2] };
  }
  return unlabelled;
}
/** The return code in an observation. */
const RETURN_CODE = /^\s*<returncode>(-?\d+)<\/returncode>/;
/** The command mini-swe-agent's prompt asks for to submit the work. */
const SUBMIT_MARKER = 'COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT';

/** The observation's parts, in the order they are joined. */
const OBSERVATION_TAGS = ['output', 'output_head', 'elided_chars', 'output_tail'];

/**
 * The text between the first `<tag>` (and the line break after it) and the next `</tag>`, if both are there. Found
 * with indexOf: a lazy pattern over the body re-read the rest of the text for every unclosed tag.
 */
export function taggedText(content: string, tag: string): string | undefined {
  const opening = `<${tag}>`;
  const start = content.indexOf(opening);
  if (start === -1) return undefined;
  let bodyStart = start + opening.length;
  if (content[bodyStart] === '\n') bodyStart++;
  const end = content.indexOf(`</${tag}>`, bodyStart);
  return end === -1 ? undefined : content.slice(bodyStart, end);
}

/** Pulls the output text out of an observation message. */
function observationOutput(content: string): string {
  const parts: string[] = [];
  for (const tag of OBSERVATION_TAGS) {
    const text = taggedText(content, tag);
    if (text !== undefined) parts.push(tag === 'elided_chars' ? `[${text.trim()} characters elided]` : text);
  }
  return parts.length > 0 ? parts.join('\n') : content;
}

const reader: FormatReader = {
  id: 'mini-swe-agent',
  description: 'mini-swe-agent trajectory (.traj.json): THOUGHT + bash block turns, <returncode> observations',
  sniff(sample) {
    const head = sample.head.slice(0, 4096);
    if (/"trajectory_format"\s*:\s*"mini-swe-agent/.test(sample.head)) return 1;
    // The document's own keys, wherever they are in the file (a long info.submission may come first).
    const root = firstLineObject(sample);
    const hasMessages = root !== undefined && Array.isArray(root.messages);
    if (sample.path.endsWith('.traj.json') && (hasMessages || /"messages"\s*:/.test(head))) return 0.8;
    if (hasMessages && isRecord(root.info) && typeof root.info.mini_version === 'string') return 0.8;
    // Older runs are a bare array of messages.
    if (/^\s*\[\s*\{\s*"role"/.test(head) && (sample.path.endsWith('.traj.json') || /mswea_bash_command|COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT/.test(sample.head))) return 0.7;
    if (/"mini_version"/.test(sample.head) && /"messages"\s*:/.test(sample.head)) return 0.8;
    return 0;
  },
  async read(file, output) {
    const document = await readJsonDocument(file);
    if (!document.ok) {
      output.diagnostic(document.line, document.message);
      return;
    }
    const root = Array.isArray(document.value) ? { messages: document.value } : document.value;
    if (!isRecord(root) || !Array.isArray(root.messages)) {
      output.diagnostic(1, 'not a mini-swe-agent trajectory: no "messages" array');
      return;
    }
    const info = isRecord(root.info) ? root.info : {};
    const config = isRecord(info.config) ? info.config : {};
    const modelConfig = isRecord(config.model) ? config.model : {};
    const instanceId = typeof root.instance_id === 'string' ? root.instance_id : undefined;
    const task = root.messages.find((message: unknown) => isRecord(message) && message.role === 'user');
    const assembler = output.begin({
      workingDirectory: isRecord(task) ? statedWorkingDirectory(contentText(task.content)) : undefined,
      id: instanceId,
      agent: 'mini-swe-agent',
      agentVersion: typeof info.mini_version === 'string' ? info.mini_version : undefined,
      model: typeof modelConfig.model_name === 'string' ? modelConfig.model_name : undefined,
      environment: 'benchmark',
      taskId: instanceId,
      exitStatus: typeof info.exit_status === 'string' ? info.exit_status : undefined,
      submission: typeof info.submission === 'string' ? info.submission : undefined,
    });
    const lines = Array.isArray(document.value) ? topLevelElementLines(document.text) : rootArrayElementLines(document.text, 'messages');
    let pendingCallId: string | undefined;
    let pendingSubmit = false;
    let sawTask = false;
    root.messages.forEach((message: unknown, position: number) => {
      const line = lines[position] ?? 1;
      if (!isRecord(message) || typeof message.role !== 'string') {
        output.diagnostic(line, `message ${position} has no role; skipped`);
        return;
      }
      const content = contentText(message.content);
      const id = `m${position}`;
      if (message.role === 'system') {
        assembler.event({ id, event: 'other', text: content, data: { role: 'system' }, line });
        return;
      }
      if (message.role === 'assistant') {
        const extra = isRecord(message.extra) ? message.extra : {};
        const response = isRecord(extra.response) ? extra.response : {};
        const choice = Array.isArray(response.choices) && isRecord(response.choices[0]) ? response.choices[0] : {};
        const choiceMessage = isRecord(choice.message) ? choice.message : {};
        const usage = isRecord(response.usage) ? response.usage : undefined;
        const promptDetails = usage && isRecord(usage.prompt_tokens_details) ? usage.prompt_tokens_details : {};
        const block = actionBlock(content);
        const thought = (block ? content.slice(0, block.index) : content).replace(/^\s*THOUGHT:\s*/, '').trim();
        assembler.assistant({
          id,
          text: thought,
          reasoning: typeof choiceMessage.reasoning === 'string' ? choiceMessage.reasoning : undefined,
          model: typeof response.model === 'string' ? response.model : undefined,
          messageId: typeof response.id === 'string' ? response.id : undefined,
          usage: usage
            ? {
                inputTokens: typeof usage.prompt_tokens === 'number' ? usage.prompt_tokens : undefined,
                outputTokens: typeof usage.completion_tokens === 'number' ? usage.completion_tokens : undefined,
                cachedInputTokens: typeof promptDetails.cached_tokens === 'number' ? promptDetails.cached_tokens : undefined,
                costUsd: typeof usage.cost === 'number' ? usage.cost : undefined,
              }
            : undefined,
          line,
        });
        if (block) {
          const command = block.command.trim();
          const call = assembler.toolCall({ id: `${id}.call`, callId: `call-${position}`, tool: 'bash', input: { command }, line });
          pendingCallId = call.callId;
          pendingSubmit = command.includes(SUBMIT_MARKER);
        }
        return;
      }
      // user role: the task, an observation, or a format error message.
      if (pendingCallId !== undefined) {
        const returnCode = RETURN_CODE.exec(content);
        if (returnCode) {
          const exitCode = Number(returnCode[1]);
          assembler.toolResult({ id, callId: pendingCallId, output: observationOutput(content), isError: exitCode !== 0, exitCode, line });
        } else {
          // Submission output (the final diff) or a timeout message answers the pending call too.
          const timedOut = /timed out|TimeoutExpired/i.test(content.slice(0, 400));
          assembler.toolResult({ id, callId: pendingCallId, output: content, isError: timedOut, line });
        }
        pendingCallId = undefined;
        if (pendingSubmit) assembler.event({ id: `${id}.submit`, event: 'task-complete', text: 'submitted', line });
        pendingSubmit = false;
        return;
      }
      const formatError = /EXACTLY ONE bash code block|found \d+ actions|Please always provide EXACTLY ONE/i.test(content);
      if (formatError && sawTask) {
        assembler.event({ id, event: 'error', text: content, data: { kind: 'format-error' }, line });
        return;
      }
      sawTask = true;
      assembler.user({ id, text: content, origin: 'prompt', line });
    });
  },
};

/** How mini-swe-agent's SWE-bench task names the folder every command runs in ("… in /testbed (this is the working directory …"). */
const STATED_WORKING_DIRECTORY = /\bin (\/[\w./-]{1,200}) \(this is the working directory\b/;

/** The working folder the task states, or undefined (only the task's first 20,000 characters are read). */
export function statedWorkingDirectory(task: string): string | undefined {
  return STATED_WORKING_DIRECTORY.exec(task.slice(0, 20_000))?.[1];
}

export default reader;
