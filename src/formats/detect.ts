/**
 * Picks the reader for a file by sniffing a sample of it. A JSON file (one document, or JSON Lines) is
 * sampled by its outline (json-outline.ts), which holds every top-level key wherever it falls and the first
 * complete records, in bounded memory; any other file by its first bytes.
 */
import { open } from 'node:fs/promises';
import { NoReaderError, NotAnAgentLogError, UnknownFormatError } from '../errors.js';
import { outlineJsonFile } from './json-outline.js';
import { recogniseOtherFile } from './other-files.js';
import type { FileSample, FormatReader } from './reader.js';

/** How much of a file that is not JSON is sampled for detection. */
export const SAMPLE_BYTES = 64 * 1024;
/** Lines (or JSON records) given to readers as `firstLines`. */
export const SAMPLE_LINES = 5;

/** True when the text starts, after whitespace, with an object or an array. */
function looksLikeJson(head: string): boolean {
  return /^\s*[[{]/.test(head);
}

/** Reads the first bytes of a file, decoded, without a byte order mark. */
async function readHead(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    return head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  } finally {
    await handle.close();
  }
}

/** Reads the sample of a file that readers sniff. */
export async function sampleFile(path: string): Promise<FileSample> {
  const head = await readHead(path);
  if (looksLikeJson(head)) {
    const outline = await outlineJsonFile(path);
    if (outline.records.length > 0) {
      const firstLines = outline.records.filter((record) => record.complete).slice(0, SAMPLE_LINES).map((record) => record.text);
      return { path, head: outline.records.map((record) => record.text).join('\n'), firstLines };
    }
  }
  const firstLines: string[] = [];
  for (const line of head.split('\n')) {
    if (line.trim().length === 0) continue;
    firstLines.push(line);
    if (firstLines.length === SAMPLE_LINES) break;
  }
  return { path, head, firstLines };
}

/**
 * The reader with the highest sniff score for the sample. When none fits: NoReaderError for an agent log
 * wink recognises but cannot read yet, NotAnAgentLogError for a side file it recognises, UnknownFormatError
 * (listing the readers tried) otherwise.
 */
export function chooseReader(sample: FileSample, readers: readonly FormatReader[]): FormatReader {
  let best: FormatReader | undefined;
  let bestScore = 0;
  for (const reader of readers) {
    let score: number;
    try {
      score = reader.sniff(sample);
    } catch {
      score = 0;
    }
    if (score > bestScore) {
      best = reader;
      bestScore = score;
    }
  }
  if (best) return best;
  const other = recogniseOtherFile(sample);
  if (other?.kind === 'no-reader') throw new NoReaderError(sample.path, other.description);
  if (other?.kind === 'not-an-agent-log') throw new NotAnAgentLogError(sample.path, other.description);
  throw new UnknownFormatError(sample.path, readers.map((reader) => reader.id));
}

/** The parsed first line of each sample: several readers sniff it, and an outline can be 64 KiB or more. */
const parsedFirstLines = new WeakMap<FileSample, { line: string; value: Record<string, unknown> | undefined }>();

/** Parses the first line of a sample as JSON, or undefined when it is not a JSON object (parsed once per sample). */
export function firstLineObject(sample: FileSample): Record<string, unknown> | undefined {
  const line = sample.firstLines[0];
  if (!line || !line.trimStart().startsWith('{')) return undefined;
  const cached = parsedFirstLines.get(sample);
  if (cached && cached.line === line) return cached.value;
  let value: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    value = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    value = undefined;
  }
  parsedFirstLines.set(sample, { line, value });
  return value;
}

/**
 * True when a sample is a JSON object holding a list of chat messages under `messages` (each with a
 * `role`), wherever that key is in the file: read from the outline, not from the text's first bytes.
 */
export function holdsMessageList(sample: FileSample): boolean {
  const root = firstLineObject(sample);
  if (!root || !Array.isArray(root.messages)) return false;
  const first: unknown = root.messages[0];
  return first !== null && typeof first === 'object' && typeof (first as Record<string, unknown>).role === 'string';
}
