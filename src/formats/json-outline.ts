/**
 * A bounded outline of a JSON file, for format detection. Where a key falls in a document must not decide
 * whether wink recognises it: a mini-swe-agent run may put a 100 KB diff (`info.submission`) before
 * `messages`, so a prefix of the file says nothing about its format. The outline is built by one streaming
 * pass over the bytes, with memory bounded whatever the file size:
 *
 * - every string longer than {@link OUTLINE_STRING_BYTES} is cut (marked with `…`), so long texts take no room;
 * - every member of a top-level object is kept (its key, and its value within an allowance), wherever it is
 *   in the file; content nested deeper is kept until the outline reaches {@link OUTLINE_BUDGET_BYTES};
 * - a file of JSON values one after the other (JSON Lines) gives one outline per value, for its first
 *   {@link OUTLINE_RECORDS} values; a line that is not JSON is kept as far as it parsed, and scanning goes
 *   on at the next line;
 * - the scan stops early when nothing more can be learnt: enough records, a top-level array past the
 *   budget, or the outline at {@link OUTLINE_LIMIT_BYTES}.
 *
 * Each outline is compact JSON (no whitespace between tokens) and valid JSON when its value was complete,
 * so readers sniff it with the same patterns they would use on the raw text, and can parse it. The scan
 * itself is `json-outline-scanner.ts`; the bytes it writes, `json-outline-output.ts`.
 */
import { open } from 'node:fs/promises';
import { JsonOutliner } from './json-outline-scanner.js';

export {
  JsonOutliner,
  OUTLINE_BROKEN_RECORDS,
  OUTLINE_BUDGET_BYTES,
  OUTLINE_LIMIT_BYTES,
  OUTLINE_MEMBER_ALLOWANCE_BYTES,
  OUTLINE_RECORDS,
  OUTLINE_STRING_BYTES,
} from './json-outline-scanner.js';

/** Bytes read from the file at a time. */
export const OUTLINE_READ_BYTES = 1024 * 1024;

/** How the JSON text of a file is laid out. */
export type JsonLayout = 'json-document' | 'json-records';

/** The outline of one top-level value. */
export interface OutlinedRecord {
  /** The outline (compact JSON; valid JSON when `complete`). */
  text: string;
  /** False when the value broke off: a syntax error, or the end of the file. */
  complete: boolean;
}

/** What the scan learnt of a JSON file. */
export interface JsonOutline {
  /** One outline per top-level value, in file order: one for a document, the first values of JSON Lines. */
  records: OutlinedRecord[];
  /** `json-document` when the file is one value (as far as it was read), `json-records` when values follow each other. */
  layout: JsonLayout;
  /** True when the scan reached the end of the file. */
  scannedToEnd: boolean;
  /** Bytes of the file scanned. */
  bytesScanned: number;
}

/** Outlines a JSON file (see the module comment); reads only as much of it as the outline needs. */
export async function outlineJsonFile(path: string): Promise<JsonOutline> {
  const handle = await open(path, 'r');
  try {
    const outliner = new JsonOutliner();
    const buffer = Buffer.allocUnsafe(OUTLINE_READ_BYTES);
    let offset = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, OUTLINE_READ_BYTES, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
      if (!outliner.push(buffer.subarray(0, bytesRead))) break;
    }
    return outliner.finish();
  } finally {
    await handle.close();
  }
}
