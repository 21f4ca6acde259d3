import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeCutLength } from './json-outline-cut.js';
import {
  JsonOutliner,
  OUTLINE_BUDGET_BYTES,
  OUTLINE_LIMIT_BYTES,
  OUTLINE_MEMBER_ALLOWANCE_BYTES,
  OUTLINE_RECORDS,
  OUTLINE_STRING_BYTES,
  outlineJsonFile,
  type JsonOutline,
} from './json-outline.js';

/** Chunk sizes every case is fed in: the outline must not depend on where reads split the text. */
const CHUNK_SIZES = [1, 3, 7, 64, 65_536];

function outline(text: string, chunkSize: number): JsonOutline {
  const outliner = new JsonOutliner();
  const bytes = Buffer.from(text, 'utf8');
  for (let start = 0; start < bytes.length; start += chunkSize) {
    if (!outliner.push(bytes.subarray(start, start + chunkSize))) break;
  }
  return outliner.finish();
}

/** The outline, checked to be the same for every chunk size. */
function outlineOf(text: string): JsonOutline {
  const [first, ...others] = CHUNK_SIZES.map((size) => outline(text, size));
  for (const other of others) expect({ ...other, bytesScanned: 0 }).toEqual({ ...first, bytesScanned: 0 });
  return first;
}

const LONG = 'x'.repeat(OUTLINE_STRING_BYTES * 100);

describe('JSON outline', () => {
  const cases: Array<{ name: string; text: string; records: unknown[]; layout?: JsonOutline['layout'] }> = [
    { name: 'a small document is kept whole, compacted', text: '{ "a": [1, 2.5e3, true, null],\n  "b": {"c": "d"} }', records: [{ a: [1, 2500, true, null], b: { c: 'd' } }] },
    { name: 'escaped quotes and backslashes', text: '{"a": "say \\"hi\\" \\\\", "b": "\\\\\\""}', records: [{ a: 'say "hi" \\', b: '\\"' }] },
    { name: 'a key after a long string is kept', text: `{"info": {"submission": "${LONG}"}, "messages": [{"role": "user"}]}`, records: [{ info: { submission: `${'x'.repeat(OUTLINE_STRING_BYTES)}…` }, messages: [{ role: 'user' }] }] },
    { name: 'a top-level array', text: '[{"role": "user"}, {"role": "assistant"}]', records: [[{ role: 'user' }, { role: 'assistant' }]] },
    { name: 'JSON Lines give one record per line', text: '{"a":1}\n{"b":2}\n\n{"c":3}\n', records: [{ a: 1 }, { b: 2 }, { c: 3 }], layout: 'json-records' },
    { name: 'a byte order mark is passed over', text: '\ufeff{"a": 1}', records: [{ a: 1 }] },
  ];
  for (const { name, text, records, layout } of cases) {
    it(name, () => {
      const result = outlineOf(text);
      expect(result.records.map((record) => JSON.parse(record.text) as unknown)).toEqual(records);
      expect(result.records.every((record) => record.complete)).toBe(true);
      expect(result.layout).toBe(layout ?? 'json-document');
      expect(result.scannedToEnd).toBe(true);
    });
  }

  it('keeps every top-level key of a document wherever it falls, past the budget, with some of its value', () => {
    const bulky = Array.from({ length: 2000 }, (_, index) => ({ index, text: 'y'.repeat(200) }));
    const text = JSON.stringify({ first: bulky, second: bulky, last: { kind: 'marker', list: [1, 2, 3] } });
    const result = outlineOf(text);
    const root = JSON.parse(result.records[0].text) as Record<string, unknown[]>;
    expect(Object.keys(root)).toEqual(['first', 'second', 'last']);
    expect(root.last).toEqual({ kind: 'marker', list: [1, 2, 3] });
    expect(root.first.length).toBeGreaterThan(0);
    expect(root.first.length).toBeLessThan(bulky.length);
    expect(root.second.length).toBeGreaterThan(0);
    expect(result.records[0].text.length).toBeLessThan(OUTLINE_BUDGET_BYTES + 3 * (OUTLINE_MEMBER_ALLOWANCE_BYTES + OUTLINE_STRING_BYTES));
  });

  it('stops a top-level array past the budget and closes it', () => {
    const text = JSON.stringify(Array.from({ length: 5000 }, (_, index) => ({ index, text: 'z'.repeat(100) })));
    const result = outlineOf(text);
    expect(result.scannedToEnd).toBe(false);
    expect(result.bytesScanned).toBeLessThan(text.length);
    const elements = JSON.parse(result.records[0].text) as unknown[];
    expect(elements.length).toBeGreaterThan(10);
    expect(elements.length).toBeLessThan(5000);
  });

  it('stops at the outline limit on a document with a huge number of top-level keys', () => {
    const members = Array.from({ length: 60_000 }, (_, index) => `"key-${index}": ${index}`);
    const result = outline(`{${members.join(', ')}}`, 65_536);
    expect(result.scannedToEnd).toBe(false);
    expect(result.records[0].text.length).toBeLessThan(OUTLINE_LIMIT_BYTES + OUTLINE_MEMBER_ALLOWANCE_BYTES + OUTLINE_STRING_BYTES);
    expect(() => JSON.parse(result.records[0].text) as unknown).not.toThrow();
  });

  it(`outlines the first ${OUTLINE_RECORDS} records of JSON Lines and stops`, () => {
    const lines = Array.from({ length: 50 }, (_, index) => JSON.stringify({ index }));
    const result = outlineOf(lines.join('\n'));
    expect(result.records.map((record) => JSON.parse(record.text) as unknown)).toEqual(Array.from({ length: OUTLINE_RECORDS }, (_, index) => ({ index })));
    expect(result.scannedToEnd).toBe(false);
  });

  const brokenCases: Array<{ name: string; text: string; complete: unknown[]; broken: number }> = [
    { name: 'a line that is not JSON in the middle', text: '{"a":1}\n{"this is": not json\n{"c":3}\n', complete: [{ a: 1 }, { c: 3 }], broken: 1 },
    { name: 'a line cut inside a string', text: '{"a":1}\n{"b": "cut here\n{"c":3}\n', complete: [{ a: 1 }, { c: 3 }], broken: 1 },
    { name: 'a line cut inside a long string left out of the outline', text: `{"a":1}\n{"b": "${LONG}\n{"c":3}\n`, complete: [{ a: 1 }, { c: 3 }], broken: 1 },
    { name: 'a truncated last line', text: '{"a":1}\n{"b":2}\n{"c": [1, 2', complete: [{ a: 1 }, { b: 2 }], broken: 1 },
    { name: 'a truncated document', text: '{"info": {"exit_status": "Submitted"}, "messages": [{"role": "sys', complete: [], broken: 1 },
    { name: 'brackets that do not match', text: '{"a": [1, 2}\n{"b": 2}\n', complete: [{ b: 2 }], broken: 1 },
  ];
  for (const { name, text, complete, broken } of brokenCases) {
    it(`keeps the records around ${name}`, () => {
      const result = outlineOf(text);
      expect(result.records.filter((record) => record.complete).map((record) => JSON.parse(record.text) as unknown)).toEqual(complete);
      expect(result.records.filter((record) => !record.complete)).toHaveLength(broken);
    });
  }

  it('keeps what a truncated document had, for patterns', () => {
    const result = outlineOf('{"info": {"mini_version": "1.0"}, "messages": [{"role": "system", "content": "You are');
    expect(result.records[0].text).toBe('{"info":{"mini_version":"1.0"},"messages":[{"role":"system","content":"You are');
  });
});

describe('safe cut of a string', () => {
  const cases: Array<{ name: string; source: string; length: number; expected: number }> = [
    { name: 'plain text', source: 'abcdef', length: 4, expected: 4 },
    { name: 'inside a short escape', source: 'ab\\ncd', length: 3, expected: 2 },
    { name: 'after a short escape', source: 'ab\\ncd', length: 4, expected: 4 },
    { name: 'inside a unicode escape', source: 'ab\\u00e9cd', length: 6, expected: 2 },
    { name: 'after a unicode escape', source: 'ab\\u00e9cd', length: 8, expected: 8 },
    { name: 'inside a two-byte character', source: 'aé', length: 2, expected: 1 },
    { name: 'inside a four-byte character', source: 'a😀b', length: 4, expected: 1 },
    { name: 'after a four-byte character', source: 'a😀b', length: 5, expected: 5 },
  ];
  for (const { name, source, length, expected } of cases) {
    it(name, () => {
      expect(safeCutLength(Buffer.from(source, 'utf8'), length)).toBe(expected);
    });
  }

  it('never leaves an outline that is not valid JSON, wherever the cut falls', () => {
    for (let offset = 0; offset < 8; offset++) {
      const text = JSON.stringify({ a: `${'q'.repeat(OUTLINE_STRING_BYTES - offset)}\u00e9\n"\\😀${'r'.repeat(20)}` });
      const cut = (JSON.parse(outlineOf(text).records[0].text) as { a: string }).a;
      expect(cut.endsWith('…')).toBe(true);
    }
  });
});

describe('outlineJsonFile', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'wink-outline-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('reads a whole document to find a key at its end, and only the first records of JSON Lines', async () => {
    const document = join(directory, 'document.json');
    await writeFile(document, JSON.stringify({ info: { submission: 'd'.repeat(3_000_000) }, messages: [{ role: 'user', content: 'fix it' }] }));
    const documentOutline = await outlineJsonFile(document);
    expect(documentOutline.scannedToEnd).toBe(true);
    expect(JSON.parse(documentOutline.records[0].text)).toMatchObject({ messages: [{ role: 'user', content: 'fix it' }] });

    const lines = join(directory, 'lines.jsonl');
    const record = JSON.stringify({ type: 'user', text: 'e'.repeat(100_000) });
    await writeFile(lines, `${Array.from({ length: 100 }, () => record).join('\n')}\n`);
    const linesOutline = await outlineJsonFile(lines);
    expect(linesOutline.layout).toBe('json-records');
    expect(linesOutline.records).toHaveLength(OUTLINE_RECORDS);
    expect(linesOutline.bytesScanned).toBeLessThan(record.length * 100);
  });
});
