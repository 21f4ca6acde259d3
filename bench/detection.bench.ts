/**
 * Format detection on huge files: the time and memory of sampling a generated JSON document of more than
 * 200 MB with the keys that name its format at the start and at the end (a mini-swe-agent run whose
 * `info.submission` diff is 200 MB, and one whose `info` holds 200 MB of small objects, the worst case for
 * the scanner), and of a 200 MB JSON Lines file whose first record is 20 MB. Detection must be right in
 * every case, never hold the file in memory, and stay well under a second per 200 MB.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseReader, sampleFile } from '../src/formats/detect.js';
import { allReaders } from '../src/formats/registry.js';
import type { BenchmarkTable } from './table.js';
import { garbageCollector } from './turns.js';

/** Size of each generated file. */
const FILE_BYTES = 210 * 1024 * 1024;
/** Size of the first record of the JSON Lines file. */
const FIRST_RECORD_BYTES = 20 * 1024 * 1024;
/** Each file is sampled this many times; the best run counts. */
const REPETITIONS = 3;
/** Memory is sampled this often while detecting (milliseconds). */
const MEMORY_SAMPLE_MS = 2;
const MEGABYTE = 1024 * 1024;

const MESSAGES = [
  { role: 'system', content: 'You are a helpful assistant that can interact with a computer shell.' },
  { role: 'user', content: '<pr_description>\nFix the greeting.\n</pr_description>' },
];

/** Writes text pieces to a file with back-pressure. */
async function writeFile(path: string, pieces: (write: (text: string) => Promise<void>) => Promise<void>): Promise<number> {
  const stream = createWriteStream(path);
  const write = (text: string): Promise<void> => new Promise((resolve) => (stream.write(text) ? resolve() : stream.once('drain', () => resolve())));
  await pieces(write);
  await new Promise<void>((resolve) => stream.end(resolve));
  return (await stat(path)).size;
}

/** Repeats `block` until about `bytes` are written. */
async function repeat(write: (text: string) => Promise<void>, block: string, bytes: number, separator = ''): Promise<void> {
  for (let written = 0, first = true; written < bytes; written += block.length, first = false) await write(first ? block : separator + block);
}

/** A mini-swe-agent run with a huge diff as its submission; `keysFirst` puts messages before info. */
function largeSubmission(path: string, keysFirst: boolean): Promise<number> {
  const diffBlock = '+    value = helper(value)  # a line of a very large diff\\n'.repeat(10_000);
  return writeFile(path, async (write) => {
    await write('{');
    if (keysFirst) await write(`"messages": ${JSON.stringify(MESSAGES)}, "trajectory_format": "mini-swe-agent-1", `);
    await write('"info": {"exit_status": "Submitted", "submission": "');
    await repeat(write, diffBlock, FILE_BYTES);
    await write('"}');
    if (!keysFirst) await write(`, "messages": ${JSON.stringify(MESSAGES)}, "trajectory_format": "mini-swe-agent-1"`);
    await write('}\n');
  });
}

/** A mini-swe-agent run whose info holds millions of small objects before messages (dense structure). */
function denseInfo(path: string): Promise<number> {
  const item = JSON.stringify({ role: 'tool', id: 12345, ok: true, tags: ['a', 'b'], nested: { x: 1.5, y: null, text: 'short text' } });
  return writeFile(path, async (write) => {
    await write('{"info": {"model_stats": [');
    await repeat(write, Array.from({ length: 10_000 }, () => item).join(','), FILE_BYTES, ',');
    await write(`]}, "messages": ${JSON.stringify(MESSAGES)}, "trajectory_format": "mini-swe-agent-1"}\n`);
  });
}

/** A Codex rollout whose first record carries 20 MB of instructions, then many ordinary records. */
function longFirstRecord(path: string): Promise<number> {
  const meta = { timestamp: '2025-11-03T09:14:22.480Z', type: 'session_meta', payload: { id: 'session-1', instructions: 'x'.repeat(FIRST_RECORD_BYTES), cwd: '/work', originator: 'codex_cli_rs', cli_version: '0.53.0' } };
  const item = JSON.stringify({ timestamp: '2025-11-03T09:14:23.000Z', type: 'response_item', payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'fix the greeting' }] } });
  return writeFile(path, async (write) => {
    await write(JSON.stringify(meta) + '\n');
    await repeat(write, Array.from({ length: 1000 }, () => item).join('\n') + '\n', FILE_BYTES - FIRST_RECORD_BYTES);
  });
}

interface DetectionMeasurement {
  format: string;
  seconds: number;
  peakRssGrowth: number;
  sampleBytes: number;
}

async function measure(collect: () => void, file: string): Promise<DetectionMeasurement> {
  let best: DetectionMeasurement | undefined;
  for (let repetition = 0; repetition < REPETITIONS; repetition++) {
    collect();
    const startRss = process.memoryUsage.rss();
    let peakRss = startRss;
    const timer = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, MEMORY_SAMPLE_MS);
    const start = process.hrtime.bigint();
    const sample = await sampleFile(file);
    const format = chooseReader(sample, allReaders).id;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    clearInterval(timer);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    const measurement = { format, seconds, peakRssGrowth: peakRss - startRss, sampleBytes: Buffer.byteLength(sample.head) };
    if (!best || seconds < best.seconds) best = measurement;
  }
  return best as DetectionMeasurement;
}

/** Runs the benchmark; see the file comment. */
export async function run(): Promise<BenchmarkTable> {
  const collect = garbageCollector();
  const directory = await mkdtemp(join(tmpdir(), 'wink-bench-detection-'));
  try {
    const cases: Array<{ name: string; file: string; write: (path: string) => Promise<number> }> = [
      { name: 'mini-swe-agent, keys first (200 MB submission after)', file: 'keys-first.traj.json', write: (path) => largeSubmission(path, true) },
      { name: 'mini-swe-agent, keys last (200 MB submission before)', file: 'keys-last.traj.json', write: (path) => largeSubmission(path, false) },
      { name: 'mini-swe-agent, keys last (200 MB of small objects before)', file: 'dense.traj.json', write: denseInfo },
      { name: 'codex JSON Lines, 20 MB first record', file: 'rollout-2025-11-03T09-14-22-019a48fe-ff84-7c21-9d3e-5a7b1c2d3e4f.jsonl', write: longFirstRecord },
    ];
    const rows: (string | number)[][] = [];
    for (const item of cases) {
      const path = join(directory, item.file);
      const bytes = await item.write(path);
      const result = await measure(collect, path);
      rows.push([item.name, bytes / MEGABYTE, result.format, result.seconds.toFixed(3), (bytes / MEGABYTE / result.seconds).toFixed(0), result.peakRssGrowth / MEGABYTE, result.sampleBytes / 1024]);
      await rm(path);
    }
    return {
      title: `Format detection on huge files (best of ${REPETITIONS})`,
      columns: ['file', 'MB', 'detected', 'seconds', 'MB/s', 'peak RSS growth MB', 'sample KB'],
      rows,
      notes: [
        'a JSON document is scanned to its end for its top-level keys (strings are skipped with indexOf); JSON Lines only up to its first records',
        'memory: one 1 MB read buffer and an outline of at most 1 MB, whatever the file size',
      ],
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
