import { describe, expect, it } from 'vitest';
import { diagnosticLines, diagnosticsByFile, failsStrict, type FileDiagnostics } from './input-problems.js';

function file(name: string, count: number, kept = count): FileDiagnostics {
  return { file: name, diagnostics: Array.from({ length: kept }, (_, index) => ({ file: name, line: index + 1, message: 'invalid JSON' })), diagnosticCount: count };
}

describe('diagnosticLines', () => {
  const cases: Array<{ name: string; files: FileDiagnostics[]; listed: number; lines: string[] }> = [
    { name: 'none', files: [file('a.jsonl', 0)], listed: 3, lines: [] },
    { name: 'all listed', files: [file('a.jsonl', 2)], listed: 3, lines: ['a.jsonl:1: invalid JSON', 'a.jsonl:2: invalid JSON'] },
    {
      name: 'the first listed, the rest counted with their files',
      files: [file('a.jsonl', 2), file('b.jsonl', 2), file('c.jsonl', 1)],
      listed: 3,
      lines: ['a.jsonl:1: invalid JSON', 'a.jsonl:2: invalid JSON', 'b.jsonl:1: invalid JSON', '… and 2 more diagnostics in 2 files'],
    },
    { name: 'diagnostics that were counted but not kept', files: [file('a.jsonl', 150, 100)], listed: 1, lines: ['a.jsonl:1: invalid JSON', '… and 149 more diagnostics in 1 file'] },
    { name: 'one more', files: [file('a.jsonl', 2)], listed: 1, lines: ['a.jsonl:1: invalid JSON', '… and 1 more diagnostic in 1 file'] },
  ];
  for (const { name, files, listed, lines } of cases) {
    it(name, () => {
      expect(diagnosticLines(files, listed)).toEqual(lines);
    });
  }

  it('groups diagnostics by file in order of appearance', () => {
    const grouped = diagnosticsByFile([...file('b', 1).diagnostics, ...file('a', 2).diagnostics]);
    expect(grouped.map((item) => [item.file, item.diagnosticCount])).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
  });
});

describe('failsStrict', () => {
  const cases: Array<{ name: string; diagnosticCount: number; kinds: string[]; fails: boolean }> = [
    { name: 'a clean input', diagnosticCount: 0, kinds: [], fails: false },
    { name: 'a diagnostic', diagnosticCount: 1, kinds: [], fails: true },
    { name: 'side files only', diagnosticCount: 0, kinds: ['not-an-agent-log'], fails: false },
    { name: 'a log with no reader', diagnosticCount: 0, kinds: ['no-reader'], fails: true },
    { name: 'a file of unknown format', diagnosticCount: 0, kinds: ['unknown-format'], fails: true },
    { name: 'an unreadable file', diagnosticCount: 0, kinds: ['unreadable'], fails: true },
  ];
  for (const { name, diagnosticCount, kinds, fails } of cases) {
    it(`${fails ? 'fails' : 'passes'} on ${name}`, () => {
      expect(failsStrict({ diagnosticCount, errors: kinds.map((kind) => ({ kind })) })).toBe(fails);
    });
  }
});
