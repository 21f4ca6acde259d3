/**
 * Robustness (`npm run bench robust`): what hostile input costs. (1) Worst-case and p99 time per step over the
 * adversarial corpus (every hostile text in every place, through every detector the suite runs on it), and time per
 * MB of the hostile files read whole. (2) Peak memory (RSS) of reading and analysing a generated 1 GB session and a
 * 10 MB line, each in a fresh process. (3) Hook wall time on each hostile input next to bare `node -e 0` in the same
 * run. Needs `npm run build` first (the hook runs from dist/).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allDetectors } from '../src/detectors/index.js';
import { analyzeTrajectory } from '../src/engine/engine.js';
import { readFileTrajectories } from '../src/formats/read.js';
import { claudeCodeLine, claudeCodeSessionLines, claudeCodeToolPair, corpusFiles, LONG_LINE_CHARACTERS, writeGeneratedFiles } from '../test/adversarial/hostile-files.js';
import { allHostileTexts, corpusTexts, generatedTexts } from '../test/adversarial/hostile-texts.js';
import { HOSTILE_PLACEMENTS } from '../test/adversarial/hostile-trajectories.js';
import type { BenchmarkTable } from './table.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Targets of issue 12. */
const TARGET_WORST_MILLISECONDS_PER_STEP = 1;
const TARGET_SECONDS_PER_MEGABYTE = 1;
const TARGET_PEAK_RSS_MEGABYTES = 200;
/** Size of the generated session for the memory figure. */
const LARGE_SESSION_BYTES = 1024 * 1024 * 1024;
/** Hook runs per hostile input (the median is reported). */
const HOOK_RUNS = 3;
/** Generated texts sent to the hook are this long. */
const HOOK_TEXT_LENGTH = 20_000;
/** Same filter as test/adversarial/hook.test.ts: texts that hang the issue 11 detectors until the rewrite. */

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

function median(samples: number[]): number {
  return percentile([...samples].sort((left, right) => left - right), 0.5);
}

/** Per-step cost over every hostile text in every place. */
function perStepTable(): BenchmarkTable {
  const perStep: number[] = [];
  let worst = { milliseconds: 0, what: '' };
  for (const hostile of allHostileTexts()) {
    for (const placement of HOSTILE_PLACEMENTS) {
      const trajectory = placement.build(hostile.text);
      const started = performance.now();
      analyzeTrajectory(trajectory, { detectors: allDetectors });
      const milliseconds = (performance.now() - started) / trajectory.steps.length;
      perStep.push(milliseconds);
      if (milliseconds > worst.milliseconds) worst = { milliseconds, what: `${hostile.name} in the ${placement.place}` };
    }
  }
  const sorted = [...perStep].sort((left, right) => left - right);
  return {
    title: 'Time per step over the adversarial corpus (100,000-character runs; every detector the suite runs on them)',
    columns: ['trajectories', 'p50 ms/step', 'p99 ms/step', 'worst ms/step', 'target worst', 'worst input'],
    rows: [[perStep.length, Number(percentile(sorted, 0.5).toFixed(3)), Number(percentile(sorted, 0.99).toFixed(3)), Number(worst.milliseconds.toFixed(3)), TARGET_WORST_MILLISECONDS_PER_STEP, worst.what]],
  };
}

/** Read time per MB of each hostile file. */
function perMegabyteTable(directory: string): Promise<BenchmarkTable> {
  const files = [...corpusFiles(), ...Object.values(writeGeneratedFiles(directory))];
  return (async () => {
    const rows: (string | number)[][] = [];
    for (const file of files) {
      const megabytes = Math.max(statSync(file).size / (1024 * 1024), 1 / 1024);
      const started = performance.now();
      try {
        await readFileTrajectories(file);
      } catch {
        // Detection refusing a file is part of the cost measured.
      }
      const seconds = (performance.now() - started) / 1000;
      rows.push([file.split('/').pop() ?? file, Number(megabytes.toFixed(3)), Number((seconds * 1000).toFixed(1)), Number((seconds / megabytes).toFixed(3))]);
    }
    return { title: 'Reading hostile files whole (format detection included)', columns: ['file', 'MB', 'ms', 's per MB'], rows, notes: [`Target: at most ${TARGET_SECONDS_PER_MEGABYTE} s per MB.`] };
  })();
}

/** Writes a generated Claude Code session of about `bytes` bytes. */
async function writeLargeSession(file: string, bytes: number): Promise<number> {
  const output = createWriteStream(file);
  let written = 0;
  let pairs = 0;
  const padding = 'output line of a realistic tool result\n'.repeat(40);
  for (const line of claudeCodeSessionLines(Number.MAX_SAFE_INTEGER, padding)) {
    const text = `${line}\n`;
    if (!output.write(text)) await new Promise<void>((resolveDrain) => output.once('drain', () => resolveDrain()));
    written += Buffer.byteLength(text);
    pairs++;
    if (written >= bytes) break;
  }
  await new Promise<void>((resolveEnd) => output.end(() => resolveEnd()));
  return pairs;
}

/** Streams a file through every detector in a fresh process; returns its peak RSS (MB) and wall time (s). */
function peakMemory(file: string): Promise<{ megabytes: number; seconds: number; steps: string }> {
  const script = `
    import { streamFile } from ${JSON.stringify(join(ROOT, 'dist', 'formats', 'read.js'))};
    import { DetectionEngine } from ${JSON.stringify(join(ROOT, 'dist', 'engine', 'engine.js'))};
    import { allDetectors } from ${JSON.stringify(join(ROOT, 'dist', 'detectors', 'index.js'))};
    let engine; let steps = 0;
    await streamFile(process.argv[1], { onTrajectoryStart: (s) => (engine = new DetectionEngine(s, { detectors: allDetectors })), onStep: (step) => { steps++; engine.push(step); } });
    engine?.end();
    process.stdout.write(JSON.stringify({ steps, rss: process.resourceUsage().maxRSS }));`;
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const { steps, rss } = JSON.parse(stdout || '{"steps":0,"rss":0}') as { steps: number; rss: number };
      resolvePromise({ megabytes: rss / 1024, seconds: (performance.now() - started) / 1000, steps: String(steps) });
    });
  });
}

async function memoryTable(directory: string): Promise<BenchmarkTable> {
  const longLine = join(directory, 'ten-megabyte-line.jsonl');
  writeFileSync(longLine, [claudeCodeLine({ type: 'user', uuid: 'p', message: { role: 'user', content: 'fix it' } }), ...claudeCodeToolPair(1, 'cat big.txt', 'x'.repeat(LONG_LINE_CHARACTERS))].join('\n'));
  const large = join(directory, 'one-gigabyte-session.jsonl');
  await writeLargeSession(large, LARGE_SESSION_BYTES);
  const rows: (string | number)[][] = [];
  for (const [name, file] of [['10 MB line', longLine], ['1 GB session', large]] as const) {
    const { megabytes, seconds, steps } = await peakMemory(file);
    rows.push([name, Number((statSync(file).size / (1024 * 1024)).toFixed(0)), steps, Number(megabytes.toFixed(0)), Number(seconds.toFixed(1))]);
  }
  rmSync(large, { force: true });
  return { title: 'Peak memory streaming a file through every detector (fresh process)', columns: ['input', 'MB', 'steps', 'peak RSS MB', 's'], rows, notes: [`Target: flat, under ${TARGET_PEAK_RSS_MEGABYTES} MB RSS.`] };
}

function runProcess(parameters: string[], stdin: string, environment: NodeJS.ProcessEnv): Promise<{ milliseconds: number; code: number | null }> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, parameters, { env: environment, stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ milliseconds: performance.now() - started, code }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
  });
}

async function hookTable(directory: string): Promise<BenchmarkTable> {
  const texts = [...corpusTexts(), ...generatedTexts(HOOK_TEXT_LENGTH)];
  const rows: (string | number)[][] = [];
  const bare: number[] = [];
  for (const [index, hostile] of texts.entries()) {
    const home = join(directory, `home-${index}`);
    const transcript = join(directory, `transcript-${index}.jsonl`);
    const command = hostile.text.slice(0, 2_000);
    writeFileSync(transcript, `${[claudeCodeLine({ type: 'user', uuid: 'p', message: { role: 'user', content: hostile.text } }), ...claudeCodeToolPair(1, command, hostile.text)].join('\n')}\n`);
    const payload = JSON.stringify({ session_id: `hostile-${index}`, transcript_path: transcript, cwd: directory, hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command }, tool_use_id: 'toolu_1', tool_response: { stdout: hostile.text, stderr: '' } });
    const environment = { ...process.env, WINK_HOME: home };
    const samples: number[] = [];
    const codes = new Set<number | null>();
    for (let run = 0; run < HOOK_RUNS; run++) {
      const result = await runProcess([join(ROOT, 'dist', 'hook.cjs'), 'claude-code'], payload, environment);
      samples.push(result.milliseconds);
      codes.add(result.code);
      bare.push((await runProcess(['-e', '0'], '', process.env)).milliseconds);
    }
    rows.push([hostile.name, Number(median(samples).toFixed(0)), Number(Math.max(...samples).toFixed(0)), [...codes].join(',')]);
  }
  return {
    title: 'Hook wall time per hostile input (dist/hook.cjs claude-code, PostToolUse; text as prompt, command and output)',
    columns: ['input', 'p50 ms', 'max ms', 'exit codes'],
    rows,
    notes: [`Bare node -e 0 in the same run: p50 ${median(bare).toFixed(0)} ms.`],
  };
}

export async function run(): Promise<BenchmarkTable[]> {
  const directory = mkdtempSync(join(tmpdir(), 'wink-robust-bench-'));
  try {
    return [perStepTable(), await perMegabyteTable(directory), await hookTable(directory), await memoryTable(directory)];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
