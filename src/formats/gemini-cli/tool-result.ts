/**
 * The result of one Gemini CLI tool call, from its `ToolCallRecord`: the text the model saw (the
 * `functionResponse` parts of `result`, or `resultDisplay` when there is no result), the shell exit code
 * and whether the call failed, was refused or was interrupted.
 */
import { isHookRefusal } from '../../trajectory/hook-refusal.js';
import { contentText, isRecord } from '../json-document.js';

/** Statuses after which a tool call has a result. */
export const FINISHED_STATUSES = new Set(['success', 'error', 'cancelled']);

/** The exit code line `run_shell_command` writes into its output. */
const EXIT_CODE_LINE = /(?:^|\n)Exit Code: (-?\d+)/;
/** Outputs of cancelled calls that mean the developer refused the call (rather than stopped it). */
const REFUSED_OUTPUT = /did not allow|denied|declined|rejected|not approved/i;

/** How a tool call ended. */
export interface ToolCallOutcome {
  output: string;
  isError: boolean;
  exitCode?: number;
  rejected: boolean;
  interrupted: boolean;
  /** True when a BeforeTool hook refused the call before it ran (`Tool execution blocked: …`): not a failure. */
  refusedByHook: boolean;
}

/** Text of one `functionResponse.response`: its output, its error, or the whole object as JSON. */
function responseText(response: unknown): { text: string; isError: boolean } {
  if (typeof response === 'string') return { text: response, isError: false };
  if (!isRecord(response)) return { text: '', isError: false };
  if (typeof response.error === 'string' || isRecord(response.error)) {
    const error = typeof response.error === 'string' ? response.error : JSON.stringify(response.error);
    return { text: typeof response.output === 'string' && response.output.length > 0 ? `${response.output}\n${error}` : error, isError: true };
  }
  if (typeof response.output === 'string') return { text: response.output, isError: false };
  if (typeof response.llmContent === 'string') return { text: response.llmContent, isError: false };
  return { text: JSON.stringify(response), isError: false };
}

/** Text of a `result` (a string, a part, or a list of parts) and whether a part carries an error. */
function resultText(result: unknown): { text: string; isError: boolean } {
  if (typeof result === 'string') return { text: result, isError: false };
  const parts = Array.isArray(result) ? result : isRecord(result) ? [result] : [];
  const texts: string[] = [];
  let isError = false;
  for (const part of parts) {
    if (isRecord(part) && isRecord(part.functionResponse)) {
      const response = responseText(part.functionResponse.response);
      if (response.text.length > 0) texts.push(response.text);
      isError ||= response.isError;
    } else {
      const partText = contentText(part);
      if (partText.length > 0) texts.push(partText);
    }
  }
  return { text: texts.join('\n'), isError };
}

/** Text of a `resultDisplay`: a string, or the diff of a file edit. */
function displayText(display: unknown): string {
  if (typeof display === 'string') return display;
  if (isRecord(display) && typeof display.fileDiff === 'string') return display.fileDiff;
  return '';
}

/** The outcome of a finished tool call record. */
export function toolCallOutcome(toolCall: Record<string, unknown>): ToolCallOutcome {
  const result = resultText(toolCall.result);
  const output = result.text.length > 0 ? result.text : displayText(toolCall.resultDisplay);
  const exitMatch = EXIT_CODE_LINE.exec(output);
  const exitCode = exitMatch ? Number(exitMatch[1]) : undefined;
  const status = toolCall.status;
  const cancelled = status === 'cancelled';
  const rejected = cancelled && REFUSED_OUTPUT.test(output);
  const refusedByHook = isHookRefusal(output);
  return {
    output,
    isError: !refusedByHook && (status === 'error' || cancelled || result.isError || (exitCode !== undefined && exitCode !== 0)),
    exitCode,
    rejected,
    interrupted: cancelled && !rejected,
    refusedByHook,
  };
}
