/**
 * Robustness (`npm run bench robust`): what hostile input costs. (1) Worst-case and p99 time per step over the
 * adversarial corpus (every hostile text in every place, through every detector the suite runs on it; the median of
 * a few warm runs of each trajectory, the cold first pass shown apart), and time per MB of the hostile files read
 * whole. (2) Peak memory (RSS) of reading and analysing a 10 MB line, a generated 1 GB session and a 2 GB single
 * line (skipped by the line cap), each in a fresh process. (3) Hook wall time on each hostile input next to bare
 * `node -e 0` in the same run. Needs `npm run build` first (the hook and the memory runs use dist/).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allDetectors } from '../src/detectors/index.js';
import { analyzeTrajectory } from '../src/engine/engine.js';
import { readFileTrajectories } from '../src/formats/read.js';
import type { Trajectory } from '../src/trajectory/trajectory.js';
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
/** Size of the generated single line for the memory figure: past the line cap, and past what V8 can hold as one string. */
const HUGE_LINE_BYTES = 2 * 1024 * 1024 * 1024;
/** Hook runs per hostile input (the median is reported). */
const HOOK_RUNS = 3;
/** Generated texts sent to the hook are this long. */
const HOOK_TEXT_LENGTH = 20_000;
/**
 * Runs of each hostile trajectory once the engine is warm (the median is reported): one run's time can hold a
 * garbage collection or, for the first trajectories, the compilation of the detectors' code and patterns.
 */
const STEP_RUNS = 5;

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

function median(samples: number[]): number {
  return percentile([...samples].sort((left, right) => left - right), 0.5);
}

/** A time in milliseconds with two decimals (the table shows one, too few next to a 1 ms target). */
function formatMilliseconds(value: number): string {
  return value.toFixed(2);
}

/** Milliseconds per step of one run of the trajectory through every detector. */
function millisecondsPerStep(trajectory: Trajectory): number {
  const started = performance.now();
  analyzeTrajectory(trajectory, { detectors: allDetectors });
  return (performance.now() - started) / trajectory.steps.length;
}

/**
 * Per-step cost over every hostile text in every place: a first pass over the whole corpus (cold: it includes
 * compiling the code and patterns), then the median of {@link STEP_RUNS} warm runs of each trajectory.
 */
function perStepTable(): BenchmarkTable {
  const cases = allHostileTexts().flatMap((hostile) => HOSTILE_PLACEMENTS.map((placement) => ({ what: `${hostile.name} in the ${placement.place}`, trajectory: placement.build(hostile.text) })));
  let coldWorst = { milliseconds: 0, what: '' };
  for (const { what, trajectory } of cases) {
    const milliseconds = millisecondsPerStep(trajectory);
    if (milliseconds > coldWorst.milliseconds) coldWorst = { milliseconds, what };
  }
  const perStep: number[] = [];
  let worst = { milliseconds: 0, what: '' };
  for (const { what, trajectory } of cases) {
    const milliseconds = median(Array.from({ length: STEP_RUNS }, () => millisecondsPerStep(trajectory)));
    perStep.push(milliseconds);
    if (milliseconds > worst.milliseconds) worst = { milliseconds, what };
  }
  const sorted = [...perStep].sort((left, right) => left - right);
  return {
    title: 'Time per step over the adversarial corpus (100,000-character runs; every detector the suite runs on them)',
    columns: ['trajectories', 'p50 ms/step', 'p99 ms/step', 'worst ms/step', 'target worst', 'worst input', 'first pass worst ms/step', 'first pass worst input'],
    rows: [
      [
        perStep.length,
        formatMilliseconds(percentile(sorted, 0.5)),
        formatMilliseconds(percentile(sorted, 0.99)),
        formatMilliseconds(worst.milliseconds),
        TARGET_WORST_MILLISECONDS_PER_STEP,
        worst.what,
        formatMilliseconds(coldWorst.milliseconds),
        coldWorst.what,
      ],
    ],
    notes: [`p50, p99 and worst: the median of ${STEP_RUNS} runs of each trajectory after a first pass over the corpus; the first pass (cold) is shown apart.`],
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

/** Writes a Claude Code session whose second line is one JSON string of about `bytes` bytes, then a tool call and its result. */
async function writeHugeLine(file: string, bytes: number): Promise<void> {
  const output = createWriteStream(file);
  const write = async (text: string | Buffer) => {
    if (!output.write(text)) await new Promise<void>((resolveDrain) => output.once('drain', () => resolveDrain()));
  };
  await write(`${claudeCodeLine({ type: 'user', uuid: 'p', message: { role: 'user', content: 'fix it' } })}\n{"type":"user","message":{"content":"`);
  const block = Buffer.alloc(8 * 1024 * 1024, 'x');
  for (let written = 0; written < bytes; written += block.length) await write(block);
  await write(`"}}\n${claudeCodeToolPair(1, 'npm test', 'ok').join('\n')}\n`);
  await new Promise<void>((resolveEnd) => output.end(() => resolveEnd()));
}

/** Streams a file through every detector in a fresh process; returns its peak RSS (MB), wall time (s), steps and diagnostics. */
function peakMemory(file: string): Promise<{ megabytes: number; seconds: number; steps: string; diagnostics: number }> {
  const script = `
    import { streamFile } from ${JSON.stringify(join(ROOT, 'dist', 'formats', 'read.js'))};
    import { DetectionEngine } from ${JSON.stringify(join(ROOT, 'dist', 'engine', 'engine.js'))};
    import { allDetectors } from ${JSON.stringify(join(ROOT, 'dist', 'detectors', 'index.js'))};
    let engine; let steps = 0;
    const { diagnostics } = await streamFile(process.argv[1], { onTrajectoryStart: (s) => (engine = new DetectionEngine(s, { detectors: allDetectors })), onStep: (step) => { steps++; engine.push(step); } });
    engine?.end();
    process.stdout.write(JSON.stringify({ steps, diagnostics: diagnostics.length, rss: process.resourceUsage().maxRSS }));`;
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const { steps, diagnostics, rss } = JSON.parse(stdout || '{"steps":0,"diagnostics":0,"rss":0}') as { steps: number; diagnostics: number; rss: number };
      resolvePromise({ megabytes: rss / 1024, seconds: (performance.now() - started) / 1000, steps: String(steps), diagnostics });
    });
  });
}

async function memoryTable(directory: string): Promise<BenchmarkTable> {
  const longLine = join(directory, 'ten-megabyte-line.jsonl');
  writeFileSync(longLine, [claudeCodeLine({ type: 'user', uuid: 'p', message: { role: 'user', content: 'fix it' } }), ...claudeCodeToolPair(1, 'cat big.txt', 'x'.repeat(LONG_LINE_CHARACTERS))].join('\n'));
  const rows: (string | number)[][] = [];
  const measure = async (name: string, file: string) => {
    const { megabytes, seconds, steps, diagnostics } = await peakMemory(file);
    rows.push([name, Number((statSync(file).size / (1024 * 1024)).toFixed(0)), steps, diagnostics, Number(megabytes.toFixed(0)), Number(seconds.toFixed(1))]);
    rmSync(file, { force: true });
  };
  await measure('10 MB line', longLine);
  const large = join(directory, 'one-gigabyte-session.jsonl');
  await writeLargeSession(large, LARGE_SESSION_BYTES);
  await measure('1 GB session', large);
  const hugeLine = join(directory, 'two-gigabyte-line.jsonl');
  await writeHugeLine(hugeLine, HUGE_LINE_BYTES);
  await measure('2 GB line (skipped)', hugeLine);
  return { title: 'Peak memory streaming a file through every detector (fresh process)', columns: ['input', 'MB', 'steps', 'diagnostics', 'peak RSS MB', 's'], rows, notes: [`Target: flat, under ${TARGET_PEAK_RSS_MEGABYTES} MB RSS.`] };
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
