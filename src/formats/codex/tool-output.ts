/**
 * What a Codex tool output says about how the call went. Outputs come in several shapes across
 * versions: a plain string (with an `Exit code: N` or `Process exited with code N` header), a list of
 * content items, an object `{content, success}`, or (older versions) a JSON string
 * `{"output": "...", "metadata": {"exit_code": N, "duration_seconds": S}}`.
 */
import { isHookRefusal } from '../../trajectory/hook-refusal.js';
import { contentText, isRecord } from '../json-document.js';

/** How a tool call ended, as far as its output tells. */
export interface ToolOutcome {
  /** The output text the model saw. */
  text: string;
  /** Process exit code, where the output states one. */
  exitCode?: number;
  /** True when the output itself says the call failed (besides a non-zero exit code). */
  failed: boolean;
  /** True when the developer refused the call. */
  rejected: boolean;
  /** True when the call was stopped before it finished. */
  interrupted: boolean;
  /** True when a hook refused the call before it ran (`Command blocked by PreToolUse hook: …`): not a failure. */
  refusedByHook: boolean;
}

/** The exit code line of the header Codex puts before a shell command's output. */
const EXIT_CODE_LINE = /(?:^|\n)(?:Exit code:|Process exited with code) (-?\d+)/;
/** Where the header ends and the command's own output begins. */
const OUTPUT_MARKER = '\nOutput:';
/** How far into the text the header can reach. */
const HEADER_SCAN_CHARACTERS = 1000;
/** Outputs that mean the developer refused the call. */
const REJECTED_OUTPUT = /^(?:exec command rejected by user|rejected by user|patch rejected by user|.{0,40}declined by user)/i;
/** Outputs that mean the call was stopped before it finished. */
const INTERRUPTED_OUTPUT = /^aborted(?: by user)?\b/i;
/** Outputs that mean the call failed without an exit code. */
const FAILED_OUTPUT = /^(?:execution error|failed to parse function arguments|failed in sandbox|sandbox error|apply_patch verification failed|Invalid patch|error: )/i;

/** Reads the exit code from the header of a shell output (never from the command's own output). */
export function exitCodeFromHeader(text: string): number | undefined {
  const markerAt = text.indexOf(OUTPUT_MARKER);
  const header = markerAt !== -1 && markerAt < HEADER_SCAN_CHARACTERS ? text.slice(0, markerAt) : text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  const match = EXIT_CODE_LINE.exec(header);
  return match ? Number(match[1]) : undefined;
}

/** Parses the older JSON-string output `{"output": "...", "metadata": {...}}`, if it is one. */
function parseWrappedOutput(text: string): { text: string; exitCode?: number } | undefined {
  if (!text.startsWith('{') || !text.includes('"output"')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value.output !== 'string') return undefined;
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  return { text: value.output, exitCode: typeof metadata.exit_code === 'number' ? metadata.exit_code : undefined };
}

/** Interprets the `output` field of a `function_call_output` or `custom_tool_call_output`. */
export function parseToolOutput(output: unknown): ToolOutcome {
  let text = '';
  let exitCode: number | undefined;
  let failed = false;
  if (typeof output === 'string') {
    const wrapped = parseWrappedOutput(output);
    text = wrapped ? wrapped.text : output;
    exitCode = wrapped?.exitCode;
  } else if (Array.isArray(output)) {
    text = contentText(output);
  } else if (isRecord(output)) {
    text = contentText(output.content ?? output.output);
    if (output.success === false) failed = true;
  }
  if (exitCode === undefined) exitCode = exitCodeFromHeader(text);
  const start = text.trimStart();
  const rejected = REJECTED_OUTPUT.test(start);
  const interrupted = INTERRUPTED_OUTPUT.test(start);
  const refusedByHook = isHookRefusal(start);
  if (rejected || interrupted || FAILED_OUTPUT.test(start)) failed = true;
  if (refusedByHook) failed = false;
  return { text, exitCode, failed, rejected, interrupted, refusedByHook };
}
