/**
 * Gemini CLI chat logs: `~/.gemini/tmp/<project hash>/chats/session-<time>-<id8>.jsonl` (a header record
 * `{sessionId, projectHash, startTime, lastUpdated, kind}`, message records, `{"$set": …}` and
 * `{"$rewindTo": id}` records), and the older single JSON document `session-….json`
 * `{sessionId, projectHash, startTime, lastUpdated, messages: […]}`. How records map to steps is
 * documented in {@link ConversationTranslator}.
 */
import { firstLineObject } from '../detect.js';
import { isRecord, readJsonDocument } from '../json-document.js';
import { forEachLine, skippedLinesReportedTo } from '../line-reader.js';
import type { FormatReader, ReaderOutput } from '../reader.js';
import { ConversationTranslator } from './conversation-translator.js';
import { rootArrayElementLines } from '../element-lines.js';

/** Message types Gemini CLI records. */
const MESSAGE_TYPES = new Set(['user', 'gemini', 'info', 'error', 'warning']);
/** Where Gemini CLI keeps its chat files. */
const CHAT_FILE_PATH = /(?:^|[\\/])chats[\\/](?:[^\\/]+[\\/])?session-[^\\/]*\.jsonl?$/;

/** Sends one JSONL record to the translator; returns false when it is not a Gemini CLI record. */
function readRecord(translator: ConversationTranslator, record: Record<string, unknown>, line: number): boolean {
  if (typeof record.$rewindTo === 'string') {
    translator.rewind(record.$rewindTo, line);
  } else if (isRecord(record.$set)) {
    translator.update(record.$set);
  } else if (typeof record.id === 'string' && typeof record.type === 'string') {
    translator.message(record, line);
  } else if (typeof record.sessionId === 'string') {
    translator.header(record);
  } else {
    return false;
  }
  return true;
}

async function readLines(file: string, output: ReaderOutput): Promise<void> {
  const translator = new ConversationTranslator(output);
  await forEachLine(file, (text, lineNumber) => {
    if (text.trim().length === 0) return;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      output.diagnostic(lineNumber, `invalid JSON: ${(error as Error).message}`);
      return;
    }
    if (!isRecord(record) || !readRecord(translator, record, lineNumber)) output.diagnostic(lineNumber, 'not a Gemini CLI chat record; skipped');
  }, skippedLinesReportedTo(output));
  translator.finish();
}

async function readDocument(file: string, output: ReaderOutput): Promise<void> {
  const document = await readJsonDocument(file);
  if (!document.ok) {
    output.diagnostic(document.line, document.message);
    return;
  }
  const root = document.value;
  if (!isRecord(root) || !Array.isArray(root.messages)) {
    output.diagnostic(1, 'not a Gemini CLI chat file: no "messages" array');
    return;
  }
  const translator = new ConversationTranslator(output);
  translator.header(root);
  const lines = rootArrayElementLines(document.text, 'messages');
  root.messages.forEach((message: unknown, position: number) => {
    const line = lines[position] ?? 1;
    if (isRecord(message) && typeof message.id === 'string' && typeof message.type === 'string') translator.message(message, line);
    else output.diagnostic(line, `message ${position} has no id or type; skipped`);
  });
  translator.finish();
}

const reader: FormatReader = {
  id: 'gemini-cli',
  description: 'Gemini CLI chat log (session-*.jsonl, or the older session-*.json document)',
  sniff(sample) {
    const onChatPath = CHAT_FILE_PATH.test(sample.path);
    const first = firstLineObject(sample);
    if (first) {
      // Claude Code lines carry a sessionId too, but never a projectHash.
      if (typeof first.sessionId === 'string' && typeof first.projectHash === 'string') return 1;
      const isMessage = typeof first.id === 'string' && typeof first.timestamp === 'string' && MESSAGE_TYPES.has(first.type as string) && !('uuid' in first) && !('payload' in first);
      if (isMessage && (first.type === 'gemini' || onChatPath)) return 0.8;
      return 0;
    }
    const head = sample.head.slice(0, 4096);
    if (/^\s*\{/.test(head) && /"sessionId"\s*:/.test(head) && /"projectHash"\s*:/.test(head)) return 0.95;
    return 0;
  },
  async read(file, output) {
    if (file.endsWith('.json')) await readDocument(file, output);
    else await readLines(file, output);
  },
};

export default reader;
