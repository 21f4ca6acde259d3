import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachLine, READ_CHUNK_BYTES, skippedLineMessage } from './line-reader.js';

const directory = mkdtempSync(join(tmpdir(), 'wink-line-reader-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let written = 0;
function fileWith(content: string): string {
  const file = join(directory, `lines-${written++}.txt`);
  writeFileSync(file, content);
  return file;
}

interface ReadLines {
  lines: Array<[number, string]>;
  skipped: Array<[number, string]>;
}

async function readLines(file: string, maximumLineCharacters?: number): Promise<ReadLines> {
  const result: ReadLines = { lines: [], skipped: [] };
  await forEachLine(file, (line, number) => result.lines.push([number, line]), { maximumLineCharacters, onSkippedLine: (number, message) => result.skipped.push([number, message]) });
  return result;
}

/** Longer than one read from disk, so the line is built from several pieces. */
const ACROSS_CHUNKS = READ_CHUNK_BYTES * 2 + 17;

describe('forEachLine', () => {
  it.each([
    { name: 'empty file', content: '', lines: [] },
    { name: 'one line without a newline', content: 'a', lines: [[1, 'a']] },
    { name: 'LF and CRLF endings', content: 'a\nb\r\nc', lines: [[1, 'a'], [2, 'b'], [3, 'c']] },
    { name: 'empty lines are passed', content: '\n\r\nx\n', lines: [[1, ''], [2, ''], [3, 'x']] },
    { name: 'a final CR is not part of the line', content: 'a\r', lines: [[1, 'a']] },
    { name: 'multi-byte characters', content: 'é€😀\n✓', lines: [[1, 'é€😀'], [2, '✓']] },
  ])('$name', async ({ content, lines }) => {
    expect(await readLines(fileWith(content))).toEqual({ lines, skipped: [] });
  });

  it('builds a line read in several pieces, CRLF split across them', async () => {
    const long = 'x'.repeat(READ_CHUNK_BYTES - 1);
    const { lines, skipped } = await readLines(fileWith(`${long}\r\n${'y'.repeat(ACROSS_CHUNKS)}\nz`));
    expect(skipped).toEqual([]);
    expect(lines.map(([number, line]) => [number, line.length])).toEqual([
      [1, long.length],
      [2, ACROSS_CHUNKS],
      [3, 1],
    ]);
  });
});

describe('a line longer than the maximum', () => {
  it.each([
    { name: 'in the middle, read in several pieces', content: `a\n${'x'.repeat(ACROSS_CHUNKS)}\nb\n`, maximum: 1_000, lines: [[1, 'a'], [3, 'b']], skipped: [[2, ACROSS_CHUNKS]] },
    { name: 'at the end, without a newline', content: `a\n${'x'.repeat(ACROSS_CHUNKS)}`, maximum: 1_000, lines: [[1, 'a']], skipped: [[2, ACROSS_CHUNKS]] },
    { name: 'within one piece', content: 'short\nlonger than ten\nok', maximum: 10, lines: [[1, 'short'], [3, 'ok']], skipped: [[2, 15]] },
    { name: 'exactly the maximum is read', content: `${'x'.repeat(10)}\nok`, maximum: 10, lines: [[1, 'x'.repeat(10)], [2, 'ok']], skipped: [] },
    { name: 'two in a row', content: `${'x'.repeat(20)}\n${'y'.repeat(ACROSS_CHUNKS)}\nok`, maximum: 10, lines: [[3, 'ok']], skipped: [[1, 20], [2, ACROSS_CHUNKS]] },
  ])('$name: skipped with its line number, reading goes on', async ({ content, maximum, lines, skipped }) => {
    const result = await readLines(fileWith(content), maximum);
    expect(result.lines).toEqual(lines);
    expect(result.skipped).toEqual(skipped.map(([number, characters]) => [number, skippedLineMessage(characters, maximum)]));
  });
});
