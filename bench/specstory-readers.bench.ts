/**
 * SpecStory reader throughput (part of `npm run bench readers`): the reader streaming a 50 MB Markdown history
 * against a plain line split of the same file — readline (the ceiling, as for the JSON readers, without a parse)
 * and wink's own line splitter. The history is the largest shared real one (a 47,000-line Cursor session in
 * Portuguese) repeated, where the shared data is present; else the test fixture's turns repeated.
 */
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { forEachLine } from '../src/formats/line-reader.js';
import { streamFile } from '../src/formats/read.js';
import { fixture, realTrajectory } from '../test/support/shared-data.js';
import type { BenchmarkTable } from './table.js';
import { garbageCollector, measureInTurns } from './turns.js';

/** Size of the generated history. */
const HISTORY_FILE_BYTES = 50 * 1024 * 1024;
/** Each method runs this many times; its best run counts. */
const REPETITIONS = 5;
/** The reader must reach this share of the line split. */
const REQUIRED_SHARE_OF_CEILING = 0.7;
const MEGABYTE = 1024 * 1024;
/** Bytes per step of the largest shared real history (52 MB repeated gives 33,825 steps), for the fallback's note. */
const REAL_BYTES_PER_STEP = 1_600;

const REAL_HISTORY = realTrajectory('real-users/specstory/hpm27__agente-bsc-rag/.specstory/history/2025-10-14_22-20Z-leia-o-plano-e-aguarde-instruções.md');
const FIXTURE_HISTORY = fixture('specstory/project-a/.specstory/history/2025-10-14_22-20Z-corrigir-os-testes.md');

/** A history of about `bytes`: the source's preamble, then its turns repeated. */
async function writeHistory(source: string, file: string, bytes: number): Promise<number> {
  const text = (await readFile(source, 'utf8')).replaceAll('\r\n', '\n');
  const firstTurn = text.indexOf('_**User');
  const turns = `${text.slice(firstTurn).trimEnd()}\n\n---\n\n`;
  const body = text.slice(0, firstTurn) + turns.repeat(Math.ceil(bytes / Buffer.byteLength(turns)));
  await writeFile(file, body);
  return Buffer.byteLength(body);
}

async function readlineSplit(file: string): Promise<number> {
  let count = 0;
  const lines = createInterface({ input: createReadStream(file, { highWaterMark: MEGABYTE }), crlfDelay: Infinity });
  for await (const line of lines) if (line.length > 0) count++;
  return count;
}

async function forEachLineSplit(file: string): Promise<number> {
  let count = 0;
  await forEachLine(file, (line) => {
    if (line.length > 0) count++;
  });
  return count;
}

async function specStoryReader(file: string): Promise<number> {
  let steps = 0;
  await streamFile(file, { onStep: () => steps++ }, { format: 'specstory' });
  return steps;
}

/** Runs the benchmark; see the file comment. */
export async function run(): Promise<BenchmarkTable[]> {
  const collect = garbageCollector();
  const directory = await mkdtemp(join(tmpdir(), 'wink-bench-'));
  try {
    const real = existsSync(REAL_HISTORY);
    const file = join(directory, 'history.md');
    const megabytes = (await writeHistory(real ? REAL_HISTORY : FIXTURE_HISTORY, file, HISTORY_FILE_BYTES)) / MEGABYTE;
    const [ceiling, splitter, reader] = await measureInTurns(collect, [() => readlineSplit(file), () => forEachLineSplit(file), () => specStoryReader(file)], REPETITIONS);
    const share = (seconds: number): number => ceiling.seconds / seconds;
    const percent = (seconds: number): string => `${(share(seconds) * 100).toFixed(0)}%`;
    return [
      {
        title: `SpecStory history (${real ? 'the largest shared real one' : 'the test fixture'}, repeated), ${megabytes.toFixed(0)} MB, ${ceiling.count} non-empty lines (best of ${REPETITIONS})`,
        columns: ['method', 'seconds', 'MB/s', 'of ceiling', 'counted'],
        rows: [
          ['readline line split (ceiling)', ceiling.seconds.toFixed(2), megabytes / ceiling.seconds, '100%', `${ceiling.count} lines`],
          ['forEachLine line split', splitter.seconds.toFixed(2), megabytes / splitter.seconds, percent(splitter.seconds), `${splitter.count} lines`],
          ['wink specstory reader (streamFile)', reader.seconds.toFixed(2), megabytes / reader.seconds, percent(reader.seconds), `${reader.count} steps`],
        ],
        notes: [
          real
            ? `reader at ${percent(reader.seconds)} of the readline split (required: ${REQUIRED_SHARE_OF_CEILING * 100}%) — ${share(reader.seconds) >= REQUIRED_SHARE_OF_CEILING ? 'ok' : 'BELOW TARGET'}; at ${((splitter.seconds / reader.seconds) * 100).toFixed(0)}% of wink's own splitter`
            : `reader at ${percent(reader.seconds)} of the readline split; the fixture's steps average ${Math.round((megabytes * MEGABYTE) / reader.count)} bytes (real histories: about ${REAL_BYTES_PER_STEP.toLocaleString('en-US')}), so per-step cost dominates here: the ${REQUIRED_SHARE_OF_CEILING * 100}% target is judged on the shared real history, which is absent`,
        ],
      },
    ];
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
