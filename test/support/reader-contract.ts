/**
 * The reader contract suite: every reader runs it on its fixtures. It checks the trajectory invariants,
 * that no step is lost or duplicated (expected counts), that streaming gives the same steps as reading
 * whole, that reading is deterministic, and that a malformed line in the middle or a truncated last line
 * becomes exactly one diagnostic with file and line while every other record is still read.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseReader, sampleFile } from '../../src/formats/detect.js';
import { readFileTrajectories, streamFile } from '../../src/formats/read.js';
import type { FormatReader } from '../../src/formats/reader.js';
import { allReaders } from '../../src/formats/registry.js';
import { trajectoryViolations } from '../../src/testing/trajectory-invariants.js';
import type { Step } from '../../src/trajectory/step.js';
import type { Trajectory } from '../../src/trajectory/trajectory.js';
import { summarize, type TrajectorySummary } from '../../src/trajectory/summary.js';
import { temporaryFolder } from './temporary-folders.js';

export interface ReaderFixture {
  /** Path of the fixture file. */
  file: string;
  /** Expected number of trajectories in the file (default 1). */
  trajectories?: number;
  /** Expected step counts of the first trajectory (exact for the keys given). */
  summary?: Partial<TrajectorySummary>;
  /** Expected number of diagnostics on the untouched file (default 0). */
  diagnostics?: number;
  /**
   * For a single JSON document: the member of its root that lists its records (messages, steps, spans, …),
   * or `''` when the root is that list. The contract then checks that a record that is not an object, in the
   * middle of the list, gives exactly one diagnostic at its line while every other record is still read.
   */
  recordList?: string;
}

export interface ReaderContractOptions {
  reader: FormatReader;
  fixtures: ReaderFixture[];
  /**
   * How to damage a fixture to check tolerance. `line` (a line-oriented file): a line that is not JSON in
   * the middle, and a last line cut in half, each give exactly one diagnostic at their line while every
   * other record is still read (the same steps as without that line). `document` (a single JSON document):
   * a file cut in half gives exactly one diagnostic with its line, and no exception. `markdown` (a Markdown
   * history): a role header that cannot be read, put before the middle turn, gives exactly one diagnostic at its
   * line and the same steps; a file cut just after the line that opens its last block (`<think>`, `<details>`,
   * `<tool-use>`) gives exactly one diagnostic, at or before the cut, and keeps the steps before the block.
   */
  corruption: 'line' | 'document' | 'markdown';
}

/** A line that is not JSON, put in the middle of a line-oriented fixture. */
const MALFORMED_LINE = '{"this is": not json';

/** What must not change when a malformed record is added: the kinds of the steps, trajectory by trajectory, and their ids. */
function stepShapes(trajectories: readonly Trajectory[]): string[][] {
  return trajectories.map((trajectory) => trajectory.steps.map((step) => `${step.kind}:${step.id}`));
}

/** A role header of a Markdown history that cannot be read whole (its parenthesis is not closed). */
const MALFORMED_ROLE_HEADER = '_**Assistant (claude-4.5-sonnet';
/** A line of a Markdown history that opens a role header. */
const ROLE_HEADER_START = /^_\*\*(?:User|Assistant|Agent)\b/;
/** A line of a Markdown history that opens a block and does not close it on the same line. */
function opensBlock(line: string): boolean {
  if (line.startsWith('<think>')) return !line.includes('</think>');
  if (line.startsWith('<tool-use ')) return !line.includes('</tool-use>');
  return line.trimStart().startsWith('<details') && !line.includes('</details>');
}

/** A record of a JSON document that is not an object. */
const MALFORMED_RECORD = 'a malformed record (not an object)';

/** The kinds of the steps, trajectory by trajectory (ids may follow positions in a document's list). */
function stepKinds(trajectories: readonly Trajectory[]): string[][] {
  return trajectories.map((trajectory) => trajectory.steps.map((step) => step.kind));
}

/** Writes damaged text under the fixture's own name (readers look at file names) in a new folder, removed when the test finishes. */
async function damagedCopy(file: string, text: string, folder = 'damaged'): Promise<string> {
  const directory = join(temporaryFolder('wink-contract-'), folder);
  await mkdir(directory);
  const damaged = join(directory, basename(file));
  await writeFile(damaged, text);
  return damaged;
}

export function describeReaderContract({ reader, fixtures, corruption }: ReaderContractOptions): void {
  describe(`reader contract: ${reader.id}`, () => {
    for (const fixture of fixtures) {
      describe(basename(fixture.file), () => {
        it('is detected as this format', async () => {
          expect(chooseReader(await sampleFile(fixture.file), allReaders).id).toBe(reader.id);
        });

        it('yields well-formed trajectories with the expected steps', async () => {
          const result = await readFileTrajectories(fixture.file, { format: reader.id });
          expect(result.diagnostics).toHaveLength(fixture.diagnostics ?? 0);
          expect(result.trajectories).toHaveLength(fixture.trajectories ?? 1);
          for (const trajectory of result.trajectories) {
            expect(trajectoryViolations(trajectory)).toEqual([]);
            expect(trajectory.session.format).toBe(reader.id);
            expect(trajectory.session.sourceFile).toBe(fixture.file);
            expect(trajectory.steps.length).toBeGreaterThan(0);
          }
          if (fixture.summary) expect(summarize(result.trajectories[0].steps)).toMatchObject(fixture.summary);
        });

        it('streams the same steps it reads whole, and reads deterministically', async () => {
          const whole = await readFileTrajectories(fixture.file, { format: reader.id });
          const again = await readFileTrajectories(fixture.file, { format: reader.id });
          expect(JSON.stringify(again.trajectories)).toBe(JSON.stringify(whole.trajectories));
          const streamed: Step[] = [];
          await streamFile(fixture.file, { onStep: (step) => streamed.push(step) }, { format: reader.id });
          expect(streamed).toEqual(whole.trajectories.flatMap((trajectory) => trajectory.steps));
        });

        if (corruption === 'line') {
          it('turns a malformed line in the middle into exactly one diagnostic with file and line, and reads every other record', async () => {
            const clean = await readFileTrajectories(fixture.file, { format: reader.id });
            const lines = (await readFile(fixture.file, 'utf8')).split('\n');
            const middle = Math.max(1, Math.floor(lines.length / 2));
            lines.splice(middle, 0, MALFORMED_LINE);
            const damaged = await damagedCopy(fixture.file, lines.join('\n'));
            const result = await readFileTrajectories(damaged, { format: reader.id });
            expect(result.diagnostics).toHaveLength(clean.diagnostics.length + 1);
            expect(result.diagnostics.filter((diagnostic) => diagnostic.line === middle + 1)).toEqual([{ file: damaged, line: middle + 1, message: expect.stringMatching(/\S/) }]);
            expect(stepShapes(result.trajectories)).toEqual(stepShapes(clean.trajectories));
          });

          it('turns a truncated last line into exactly one diagnostic with file and line, and reads every other record', async () => {
            const lines = (await readFile(fixture.file, 'utf8')).split('\n');
            while (lines.length > 0 && lines[lines.length - 1].trim().length === 0) lines.pop();
            const last = lines.length - 1;
            const withoutLast = await readFileTrajectories(await damagedCopy(fixture.file, lines.slice(0, last).join('\n') + '\n', 'without-last'), { format: reader.id });
            const truncated = [...lines.slice(0, last), lines[last].slice(0, Math.ceil(lines[last].length / 2))].join('\n');
            const damaged = await damagedCopy(fixture.file, truncated);
            const result = await readFileTrajectories(damaged, { format: reader.id });
            expect(result.diagnostics).toHaveLength(withoutLast.diagnostics.length + 1);
            expect(result.diagnostics.filter((diagnostic) => diagnostic.line === last + 1)).toEqual([{ file: damaged, line: last + 1, message: expect.stringMatching(/\S/) }]);
            expect(stepShapes(result.trajectories)).toEqual(stepShapes(withoutLast.trajectories));
          });
        } else if (corruption === 'markdown') {
          it('turns a role header it cannot read, before the middle turn, into exactly one diagnostic at its line, and reads the same steps', async () => {
            const clean = await readFileTrajectories(fixture.file, { format: reader.id });
            const lines = (await readFile(fixture.file, 'utf8')).split('\n');
            const headers = lines.flatMap((text, index) => (ROLE_HEADER_START.test(text) ? [index] : []));
            const middle = headers[Math.floor(headers.length / 2)];
            lines.splice(middle, 0, MALFORMED_ROLE_HEADER, '');
            const damaged = await damagedCopy(fixture.file, lines.join('\n'));
            const result = await readFileTrajectories(damaged, { format: reader.id });
            expect(result.diagnostics).toHaveLength(clean.diagnostics.length + 1);
            expect(result.diagnostics.filter((diagnostic) => diagnostic.line === middle + 1)).toEqual([{ file: damaged, line: middle + 1, message: expect.stringMatching(/\S/) }]);
            expect(stepShapes(result.trajectories)).toEqual(stepShapes(clean.trajectories));
          });

          const hasBlock = readFileSync(fixture.file, 'utf8').split('\n').some(opensBlock);
          if (hasBlock) it('turns a file cut inside its last block into exactly one diagnostic at or before the cut, and keeps the steps before it', async () => {
            const lines = (await readFile(fixture.file, 'utf8')).split('\n');
            const opening = lines.findLastIndex(opensBlock);
            expect(opening).toBeGreaterThan(0);
            const before = await readFileTrajectories(await damagedCopy(fixture.file, lines.slice(0, opening).join('\n') + '\n', 'before-block'), { format: reader.id });
            const damaged = await damagedCopy(fixture.file, lines.slice(0, opening + 2).join('\n'));
            const result = await readFileTrajectories(damaged, { format: reader.id });
            expect(result.diagnostics).toHaveLength(before.diagnostics.length + 1);
            const added = result.diagnostics.filter((diagnostic) => !before.diagnostics.some((known) => known.line === diagnostic.line && known.message === diagnostic.message));
            expect(added).toEqual([{ file: damaged, line: expect.any(Number), message: expect.stringMatching(/not closed/) }]);
            expect(added[0].line).toBeLessThanOrEqual(opening + 1);
            const kept = stepShapes(before.trajectories)[0] ?? [];
            expect((stepShapes(result.trajectories)[0] ?? []).slice(0, kept.length)).toEqual(kept);
          });
        } else {
          const recordList = fixture.recordList;
          if (recordList !== undefined) {
            it('turns a malformed record in the middle of the document into exactly one diagnostic with file and line, and reads every other record', async () => {
              const root = JSON.parse(await readFile(fixture.file, 'utf8')) as Record<string, unknown> | unknown[];
              const listOf = (value: typeof root): unknown[] => (recordList === '' ? (value as unknown[]) : ((value as Record<string, unknown>)[recordList] as unknown[]));
              const middle = Math.floor(listOf(root).length / 2);
              const withoutRecord = structuredClone(root);
              listOf(withoutRecord).splice(middle, 1);
              const damagedRoot = structuredClone(root);
              listOf(damagedRoot)[middle] = MALFORMED_RECORD;
              const damagedText = JSON.stringify(damagedRoot, null, 2);
              const line = damagedText.split('\n').findIndex((text) => text.includes(MALFORMED_RECORD)) + 1;
              const reference = await readFileTrajectories(await damagedCopy(fixture.file, JSON.stringify(withoutRecord, null, 2), 'without-record'), { format: reader.id });
              const damaged = await damagedCopy(fixture.file, damagedText);
              const result = await readFileTrajectories(damaged, { format: reader.id });
              expect(result.diagnostics).toHaveLength(reference.diagnostics.length + 1);
              expect(result.diagnostics.filter((diagnostic) => diagnostic.line === line)).toEqual([{ file: damaged, line, message: expect.stringMatching(/\S/) }]);
              expect(stepKinds(result.trajectories)).toEqual(stepKinds(reference.trajectories));
            });
          }

          it('turns a truncated document into exactly one diagnostic with file and line', async () => {
            const text = await readFile(fixture.file, 'utf8');
            const damaged = await damagedCopy(fixture.file, text.slice(0, Math.floor(text.length / 2)));
            const result = await readFileTrajectories(damaged, { format: reader.id });
            expect(result.diagnostics).toEqual([{ file: damaged, line: expect.any(Number), message: expect.stringMatching(/\S/) }]);
            expect(result.diagnostics[0].line).toBeGreaterThanOrEqual(1);
          });
        }
      });
    }
  });
}
