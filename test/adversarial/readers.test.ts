/**
 * Every reader on hostile files, through format detection and forced: reading never throws (a file no reader
 * recognises is the one typed UnknownFormatError), every problem is a diagnostic with the file and a line, and time
 * stays bounded. Then a 100,000-step session streams through the engine in bounded time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allDetectors } from '../../src/detectors/index.js';
import { DetectionEngine } from '../../src/engine/engine.js';
import { UnknownFormatError } from '../../src/errors.js';
import { readFileTrajectories, streamFile } from '../../src/formats/read.js';
import type { Diagnostic, FormatId } from '../../src/formats/reader.js';
import { MAXIMUM_LINE_CHARACTERS } from '../../src/formats/line-reader.js';
import { formatIds } from '../../src/formats/registry.js';
import { claudeCodeLine, claudeCodeSessionLines, claudeCodeToolPair, corpusFiles, writeGeneratedFiles } from './hostile-files.js';

/** Ceiling for reading one hostile file (the largest is 10 MB): a linear reader takes well under a second. */
const CEILING_MILLISECONDS_PER_FILE = 10_000;
/** Steps of the long session (pairs of a call and its result). */
const LONG_SESSION_PAIRS = 50_000;
/**
 * Ceiling for the long session, read and analysed: 15 s on an idle 2-core machine (about 75 µs a step with the
 * reading), so a share of the cores under a parallel test run stays well inside it, while a quadratic step
 * (the bug this guards against) takes many minutes.
 */
const CEILING_MILLISECONDS_LONG_SESSION = 90_000;

const directory = mkdtempSync(join(tmpdir(), 'wink-hostile-files-'));
const generated = writeGeneratedFiles(directory);
const files = [...corpusFiles(), ...Object.values(generated)];
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function expectWellFormed(diagnostics: Diagnostic[], file: string): void {
  for (const diagnostic of diagnostics) {
    expect(diagnostic.file).toBe(file);
    expect(Number.isInteger(diagnostic.line) && diagnostic.line >= 1).toBe(true);
    expect(diagnostic.message.length).toBeGreaterThan(0);
  }
}

const formats: Array<FormatId | 'detected'> = ['detected', ...formatIds()];
const cases = files.flatMap((file) => formats.map((format) => ({ name: basename(file), format, file })));

describe('readers on hostile files', () => {
  it.each(cases)('$name read as $format', async ({ file, format }) => {
    const started = performance.now();
    try {
      const result = await readFileTrajectories(file, format === 'detected' ? {} : { format });
      expectWellFormed(result.diagnostics, file);
      for (const trajectory of result.trajectories) for (const step of trajectory.steps) expect(step.index).toBeGreaterThanOrEqual(0);
    } catch (error) {
      // Only detection may refuse a file, with its typed error naming the file.
      expect(format).toBe('detected');
      expect(error).toBeInstanceOf(UnknownFormatError);
    }
    expect(performance.now() - started).toBeLessThan(CEILING_MILLISECONDS_PER_FILE);
  });
});

describe('a long session', () => {
  it(`streams ${LONG_SESSION_PAIRS * 2} steps through every detector in bounded time`, async () => {
    const file = join(directory, 'long-session.jsonl');
    writeFileSync(file, [...claudeCodeSessionLines(LONG_SESSION_PAIRS)].join('\n'));
    const started = performance.now();
    let engine: DetectionEngine | undefined;
    let steps = 0;
    const { diagnostics } = await streamFile(file, {
      onTrajectoryStart: (session) => (engine = new DetectionEngine(session, { detectors: allDetectors })),
      onStep: (step) => {
        steps++;
        engine?.push(step);
      },
    });
    engine?.end();
    expect(diagnostics).toEqual([]);
    expect(steps).toBe(LONG_SESSION_PAIRS * 2 + 1);
    expect(engine?.failures).toEqual([]);
    expect(performance.now() - started).toBeLessThan(CEILING_MILLISECONDS_LONG_SESSION);
  }, CEILING_MILLISECONDS_LONG_SESSION + 30_000);
});

describe('a line longer than the line cap', () => {
  it(`is skipped with a diagnostic naming the file and line, and reading goes on (${MAXIMUM_LINE_CHARACTERS} characters)`, async () => {
    const file = join(directory, 'over-the-line-cap.jsonl');
    const tooLong = claudeCodeLine({ type: 'user', uuid: 'huge', message: { role: 'user', content: 'x'.repeat(MAXIMUM_LINE_CHARACTERS) } });
    writeFileSync(file, [claudeCodeLine({ type: 'user', uuid: 'p', message: { role: 'user', content: 'fix it' } }), tooLong, ...claudeCodeToolPair(1, 'npm test', 'ok')].join('\n'));
    const { trajectories, diagnostics } = await readFileTrajectories(file);
    rmSync(file);
    expect(diagnostics.map((diagnostic) => [diagnostic.file, diagnostic.line])).toEqual([[file, 2]]);
    expect(diagnostics[0].message).toContain('skipped');
    expect(trajectories.flatMap((trajectory) => trajectory.steps.map((step) => step.kind))).toEqual(['user', 'tool-call', 'tool-result']);
  });
});
