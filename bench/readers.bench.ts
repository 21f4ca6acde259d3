/**
 * Reader throughput and memory: wink's Claude Code reader against the ceiling of reading the same file
 * with readline + JSON.parse, on a generated transcript of at least 100 MB; and memory while streaming a
 * 50 MB and a 100 MB file, to show it stays flat (the reader never holds the file or its steps).
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { forEachLine } from '../src/formats/line-reader.js';
import { streamFile } from '../src/formats/read.js';
import { writeClaudeCodeTranscript } from './claude-code-transcript-generator.js';
import type { BenchmarkTable } from './table.js';
import { garbageCollector, measureInTurns } from './turns.js';

/** Size of the large generated transcript. */
const LARGE_FILE_BYTES = 105 * 1024 * 1024;
/** Size of the smaller transcript, for the memory comparison. */
const SMALL_FILE_BYTES = 50 * 1024 * 1024;
/** Each method runs this many times; its best run counts (the one least disturbed by other load). */
const REPETITIONS = 5;
/** Memory is sampled every this many steps while streaming. */
const MEMORY_SAMPLE_STEPS = 500;
/** A full collection runs every this many steps, to measure the heap that is really kept. */
const LIVE_HEAP_SAMPLE_STEPS = 4000;
/** The reader must reach this share of the readline + JSON.parse ceiling. */
const REQUIRED_SHARE_OF_CEILING = 0.7;
const MEGABYTE = 1024 * 1024;

async function readlineAndParse(file: string): Promise<number> {
  let count = 0;
  const lines = createInterface({ input: createReadStream(file, { highWaterMark: MEGABYTE }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.length === 0) continue;
    JSON.parse(line);
    count++;
  }
  return count;
}

async function forEachLineAndParse(file: string): Promise<number> {
  let count = 0;
  await forEachLine(file, (line) => {
    if (line.length === 0) return;
    JSON.parse(line);
    count++;
  });
  return count;
}

async function claudeCodeReader(file: string): Promise<number> {
  let steps = 0;
  await streamFile(file, { onStep: () => steps++ }, { format: 'claude-code' });
  return steps;
}

/** A method measured on the large file: what it counted and its best wall time in seconds. */

/** Memory figures of one streaming run. */
interface StreamingMemory {
  /** Highest resident set size seen. */
  peakRss: number;
  /** Highest heap use above the starting heap (includes garbage not yet collected). */
  heapGrowth: number;
  /** Highest heap use above the starting heap right after a full collection: what is really kept. */
  liveHeapGrowth: number;
  steps: number;
}

/** Streams `file` with the reader, sampling memory, and collecting garbage now and then to see what is kept. */
async function streamingMemory(collect: () => void, file: string): Promise<StreamingMemory> {
  collect();
  const startHeap = process.memoryUsage().heapUsed;
  let peakRss = process.memoryUsage.rss();
  let peakHeap = startHeap;
  let peakLiveHeap = startHeap;
  let steps = 0;
  await streamFile(
    file,
    {
      onStep: () => {
        steps++;
        if (steps % MEMORY_SAMPLE_STEPS !== 0) return;
        const usage = process.memoryUsage();
        if (usage.rss > peakRss) peakRss = usage.rss;
        if (usage.heapUsed > peakHeap) peakHeap = usage.heapUsed;
        if (steps % LIVE_HEAP_SAMPLE_STEPS !== 0) return;
        collect();
        peakLiveHeap = Math.max(peakLiveHeap, process.memoryUsage().heapUsed);
      },
    },
    { format: 'claude-code' },
  );
  return { peakRss, heapGrowth: peakHeap - startHeap, liveHeapGrowth: peakLiveHeap - startHeap, steps };
}

/** Runs the benchmark; see the file comment. */
export async function run(): Promise<BenchmarkTable[]> {
  const collect = garbageCollector();
  const directory = await mkdtemp(join(tmpdir(), 'wink-bench-'));
  try {
    const largeFile = join(directory, 'large-session.jsonl');
    const smallFile = join(directory, 'small-session.jsonl');
    const largeBytes = await writeClaudeCodeTranscript(largeFile, LARGE_FILE_BYTES);
    const smallBytes = await writeClaudeCodeTranscript(smallFile, SMALL_FILE_BYTES);
    const megabytes = largeBytes / MEGABYTE;

    const [ceiling, lineReader, reader] = await measureInTurns(collect, [() => readlineAndParse(largeFile), () => forEachLineAndParse(largeFile), () => claudeCodeReader(largeFile)], REPETITIONS);
    const ceilingRate = megabytes / ceiling.seconds;
    const share = (seconds: number): string => `${(((megabytes / seconds) / ceilingRate) * 100).toFixed(0)}%`;
    const throughput: BenchmarkTable = {
      title: `Claude Code transcript, ${megabytes.toFixed(0)} MB, ${ceiling.count} lines (best of ${REPETITIONS})`,
      columns: ['method', 'seconds', 'MB/s', 'of ceiling', 'counted'],
      rows: [
        ['readline + JSON.parse (ceiling)', ceiling.seconds.toFixed(2), megabytes / ceiling.seconds, '100%', `${ceiling.count} lines`],
        ['forEachLine + JSON.parse', lineReader.seconds.toFixed(2), megabytes / lineReader.seconds, share(lineReader.seconds), `${lineReader.count} lines`],
        ['wink claude-code reader (streamFile)', reader.seconds.toFixed(2), megabytes / reader.seconds, share(reader.seconds), `${reader.count} steps`],
      ],
      notes: [
        `reader at ${share(reader.seconds)} of the ceiling (required: ${REQUIRED_SHARE_OF_CEILING * 100}%) — ${megabytes / reader.seconds >= REQUIRED_SHARE_OF_CEILING * ceilingRate ? 'ok' : 'BELOW TARGET'}`,
      ],
    };

    const small = await streamingMemory(collect, smallFile);
    const large = await streamingMemory(collect, largeFile);
    const memory: BenchmarkTable = {
      title: 'Memory while streaming with the claude-code reader',
      columns: ['file', 'MB', 'steps', 'peak RSS MB', 'peak heap growth MB', 'kept heap MB (after GC)'],
      rows: [
        ['small', smallBytes / MEGABYTE, small.steps, small.peakRss / MEGABYTE, small.heapGrowth / MEGABYTE, small.liveHeapGrowth / MEGABYTE],
        ['large', largeBytes / MEGABYTE, large.steps, large.peakRss / MEGABYTE, large.heapGrowth / MEGABYTE, large.liveHeapGrowth / MEGABYTE],
      ],
      notes: [
        `file ${(largeBytes / smallBytes).toFixed(1)}x larger: peak RSS ${(large.peakRss / small.peakRss).toFixed(2)}x, kept heap ${(large.liveHeapGrowth / Math.max(small.liveHeapGrowth, 1)).toFixed(1)}x`,
        "what stays in memory is the assembler's index of call ids and step ids (strings only, to link results to calls); outputs and steps are not kept",
      ],
    };
    return [throughput, memory];
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
