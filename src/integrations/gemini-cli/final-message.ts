/**
 * The final message of a Gemini CLI turn, for AfterAgent. Gemini CLI 0.61 sends as `prompt_response` all the
 * model text of the turn, each model response's text joined with a newline (`cumulativeResponse` in its client):
 * "Let me check the build." written before a tool call comes before the final "All tests pass.". Only the final
 * message — the text after the turn's last tool call — is what the agent says it did. The newline cannot tell
 * where it starts (the final message may hold newlines itself), and the text is not even verbatim: each response's
 * text is its streamed chunks joined with spaces (`Turn.getResponseText`), which against the real client showed
 * spaces inside words and a repeated tail ("It builds now. ilds now."). So the final message is taken from the
 * chat log the payload names (`transcript_path`): Gemini CLI appends each model response there, whole, as a
 * `gemini` record before AfterAgent fires, so the last `gemini` record is the final response (its text empty when
 * it only made tool calls).
 *
 * The chat log's answer is used only when `prompt_response` contains it (spacing aside); otherwise (no log, an
 * unreadable one, another layout) the whole `prompt_response` is kept, as before: a missed pushback costs less than
 * a wrong one.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { contentText, isRecord } from '../../formats/json-document.js';

/** Bytes read from the end of the chat log: the final response and whatever follows it. */
export const FINAL_MESSAGE_TAIL_BYTES = 512 * 1024;

/** The last bytes of a file as text (from a line start when the file is longer), or undefined when it cannot be read. */
function tailText(file: string): string | undefined {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file, 'r');
    const size = fstatSync(descriptor).size;
    const length = Math.min(size, FINAL_MESSAGE_TAIL_BYTES);
    const buffer = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const count = readSync(descriptor, buffer, filled, length - filled, size - length + filled);
      if (count === 0) break;
      filled += count;
    }
    const text = buffer.toString('utf8', 0, filled);
    return length < size ? text.slice(text.indexOf('\n') + 1) : text;
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** The text of the last model response recorded in a Gemini CLI chat log (JSONL), or undefined when none is found. */
export function lastModelResponse(chatLog: string): string | undefined {
  const text = tailText(chatLog);
  if (text === undefined) return undefined;
  const lines = text.split('\n');
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index].trim();
    if (!line.startsWith('{')) continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      continue;
    }
    if (!isRecord(record) || record.type !== 'gemini') continue;
    // A response that made tool calls is not the final message: nothing was said after its calls.
    if (Array.isArray(record.toolCalls) && record.toolCalls.length > 0) return '';
    return contentText(record.content);
  }
  return undefined;
}

/** Text without any whitespace, to compare texts whose spacing Gemini CLI changed. */
function withoutSpacing(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The final message of the turn: the last model response when the chat log shows it, else the whole `prompt_response`. */
export function finalMessageOfTurn(promptResponse: string | undefined, chatLog: string | undefined): string | undefined {
  if (promptResponse === undefined || !chatLog) return promptResponse;
  const last = lastModelResponse(chatLog);
  if (last === undefined) return promptResponse;
  const final = last.trim();
  return withoutSpacing(promptResponse).includes(withoutSpacing(final)) ? final : promptResponse;
}
