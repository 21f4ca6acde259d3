/** Fast streaming line splitter: calls back for each line with its 1-based number. */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * Size of each read from disk. Small enough that a chunk's text is an ordinary young object that dies young: with
 * 1 MB chunks every chunk's text went to V8's large-object space and some 30 MB of them waited there for collection.
 */
export const READ_CHUNK_BYTES = 64 * 1024;
/**
 * Longest line built, in characters (32 Mi; a `\r` before the `\n` counts). A log line longer than that (a multi-gigabyte line of a broken or
 * hostile file) is skipped — its characters are read and dropped, never joined — with a diagnostic naming its
 * line, and reading goes on with the next line; memory stays bounded by this cap, whatever the file holds.
 */
export const MAXIMUM_LINE_CHARACTERS = 32 * 1024 * 1024;

/** How to read lines. */
export interface LineReaderOptions {
  /** Longest line built (default {@link MAXIMUM_LINE_CHARACTERS}); a longer one is skipped. */
  maximumLineCharacters?: number;
  /** Told of each line skipped for its length, with a message saying so. */
  onSkippedLine?: (lineNumber: number, message: string) => void;
}

/** The message of a line skipped for its length. */
export function skippedLineMessage(characters: number, maximum: number): string {
  return `line of ${characters.toLocaleString('en-US')} characters skipped: longer than ${maximum.toLocaleString('en-US')} characters`;
}

/** Options that report each skipped line as a diagnostic of the reader's output (at its line). */
export function skippedLinesReportedTo(output: { diagnostic(line: number, message: string): void }): LineReaderOptions {
  return { onSkippedLine: (lineNumber, message) => output.diagnostic(lineNumber, message) };
}

function withoutCarriageReturn(line: string): string {
  return line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
}

/**
 * Reads `file` line by line without holding it in memory. Line endings (`\n` or `\r\n`) are removed.
 * Empty lines are passed too (callers usually skip them). A line is built from its pieces once its end is read,
 * so a long line costs its length once; a line longer than the maximum is skipped (see
 * {@link MAXIMUM_LINE_CHARACTERS}) and `onSkippedLine` is told.
 */
export async function forEachLine(file: string, onLine: (line: string, lineNumber: number) => void, options: LineReaderOptions = {}): Promise<void> {
  const maximum = options.maximumLineCharacters ?? MAXIMUM_LINE_CHARACTERS;
  const stream = createReadStream(file, { highWaterMark: READ_CHUNK_BYTES });
  const decoder = new StringDecoder('utf8');
  /** Pieces of the current line read so far (from earlier chunks), and their length. */
  let pieces: string[] = [];
  let length = 0;
  /** True once the current line is over the maximum: its characters are counted, not kept. */
  let skipping = false;
  let lineNumber = 0;
  const endLine = (last: string): void => {
    lineNumber++;
    const total = length + last.length;
    if (skipping || total > maximum) {
      options.onSkippedLine?.(lineNumber, skippedLineMessage(total, maximum));
    } else {
      onLine(withoutCarriageReturn(pieces.length === 0 ? last : pieces.join('') + last), lineNumber);
    }
    // Most lines lie within one chunk: no pieces, and no new array for them.
    if (pieces.length > 0) pieces = [];
    length = 0;
    skipping = false;
  };
  const continueLine = (piece: string): void => {
    if (piece.length === 0) return;
    length += piece.length;
    if (skipping) return;
    if (length > maximum) {
      skipping = true;
      pieces = [];
    } else {
      pieces.push(piece);
    }
  };
  for await (const chunk of stream) {
    const text = decoder.write(chunk as Buffer);
    let start = 0;
    let end = text.indexOf('\n', start);
    while (end !== -1) {
      endLine(text.slice(start, end));
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    continueLine(start === 0 ? text : text.slice(start));
  }
  continueLine(decoder.end());
  if (length > 0) endLine('');
}

/** 1-based line number of a character offset in a text. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  let position = text.indexOf('\n');
  while (position !== -1 && position < offset) {
    line++;
    position = text.indexOf('\n', position + 1);
  }
  return line;
}
