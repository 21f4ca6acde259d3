/**
 * OpenAI Codex CLI rollout files: `~/.codex/sessions/YYYY/MM/DD/rollout-<time>-<session id>.jsonl`, one
 * JSON object a line. Current versions wrap each line as `{timestamp, type, payload}` (`session_meta`,
 * `turn_context`, `response_item`, `event_msg`, `compacted`); older versions wrote a bare session header
 * and bare response items. How lines map to steps is documented in {@link RolloutTranslator}.
 */
import { basename } from 'node:path';
import { firstLineObject } from '../detect.js';
import { isRecord } from '../json-document.js';
import { forEachLine, skippedLinesReportedTo } from '../line-reader.js';
import type { FormatReader } from '../reader.js';
import { RolloutTranslator } from './rollout-translator.js';

/** The file name Codex gives a rollout. */
const ROLLOUT_FILE_NAME = /^rollout-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-[0-9a-f-]+\.jsonl$/i;
/** Line types only a wrapped Codex rollout has. */
const WRAPPED_LINE_TYPES = new Set(['session_meta', 'turn_context', 'response_item', 'event_msg', 'compacted']);
/** A bare response item of the older format, as it appears in the sample. */
const BARE_RESPONSE_ITEM = /^\{"type":"(?:message|reasoning|function_call|function_call_output|local_shell_call)"/m;

const reader: FormatReader = {
  id: 'codex',
  description: 'OpenAI Codex CLI rollout (.jsonl): session_meta, turn_context, response_item and event_msg lines',
  sniff(sample) {
    const first = firstLineObject(sample);
    if (!first) return 0;
    if (typeof first.type === 'string' && WRAPPED_LINE_TYPES.has(first.type) && isRecord(first.payload)) return 1;
    // Older format: a bare header `{id, timestamp, instructions, git}` without a type.
    const bareHeader = first.type === undefined && typeof first.id === 'string' && typeof first.timestamp === 'string' && ('instructions' in first || 'git' in first);
    if (bareHeader && (ROLLOUT_FILE_NAME.test(basename(sample.path)) || sample.head.includes('{"record_type":"state"}') || BARE_RESPONSE_ITEM.test(sample.head))) return 0.9;
    return 0;
  },
  async read(file, output) {
    const translator = new RolloutTranslator(output);
    await forEachLine(file, (text, lineNumber) => {
      if (text.trim().length === 0) return;
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch (error) {
        output.diagnostic(lineNumber, `invalid JSON: ${(error as Error).message}`);
        return;
      }
      if (!isRecord(record)) {
        output.diagnostic(lineNumber, 'line is not a JSON object');
        return;
      }
      translator.line(record, lineNumber);
    }, skippedLinesReportedTo(output));
    translator.finish();
  },
};

export default reader;
