/**
 * Overhead of the in-process integrations per step (issue 15): each integration's per-step path on the same
 * generated steps, against a bare `Observer.observe` of them (the detectors' own cost); beside them, the steps
 * built as a reader builds them (canonical input, effects, outcome) and observed — wink's evidence layer and
 * detectors without any integration, the cost a hook pays per transcript line after parsing it. Target: at most 50 µs
 * median per step beyond the detectors, and no model round trip added (the integrations make none). Each path
 * is run {@link RUNS} times, alternating, and the run with the median median is reported.
 *
 * Runs under `bench/run.ts` or alone: `npx tsx bench/integrations.bench.ts`.
 */
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Trajectory } from '../src/trajectory/trajectory.js';
import { measureAiSdkOverhead } from './integration-overhead-ai-sdk.js';
import { measureClaudeAgentSdkOverhead } from './integration-overhead-claude-agent-sdk.js';
import { timeBareObserver, timeReaderAndObserver, timeSessionHistory, timeSessionSteps, type PathTiming } from './integration-overhead-session.js';
import { generateStepStream } from './step-stream.js';
import { renderTable, type BenchmarkTable } from './table.js';

/** Stream lengths measured. */
const STREAM_LENGTHS = [1_000, 10_000];
/** Runs of each path; the run with the median median is kept. */
const RUNS = 3;
/** The overhead target, microseconds per step beyond the detectors. */
const OVERHEAD_TARGET_MICROSECONDS = 50;

/** The paths measured, the baseline first. */
const PATHS: ReadonlyArray<(stream: Trajectory) => PathTiming> = [timeBareObserver, timeReaderAndObserver, timeSessionSteps, timeSessionHistory];

function medianRun(timings: PathTiming[]): PathTiming {
  const sorted = [...timings].sort((left, right) => left.median - right.median);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run(): Promise<BenchmarkTable> {
  const rows: (string | number)[][] = [];
  let worstOverhead = 0;
  for (const length of STREAM_LENGTHS) {
    const stream = generateStepStream(length);
    for (const path of PATHS) path(generateStepStream(200, 3));
    const timings: PathTiming[][] = PATHS.map(() => []);
    for (let attempt = 0; attempt < RUNS; attempt++) PATHS.forEach((path, index) => timings[index].push(path(stream)));
    const baseline = medianRun(timings[0]);
    for (const runs of timings) {
      const timing = medianRun(runs);
      const overhead = timing === baseline ? 0 : timing.median - baseline.median;
      worstOverhead = Math.max(worstOverhead, overhead);
      rows.push([stream.steps.length, timing.path, timing.median, timing.p99, timing === baseline ? '—' : overhead.toFixed(1)]);
    }
  }
  const toolChecks: number[] = [];
  for (const length of STREAM_LENGTHS) {
    const runs = [];
    for (let attempt = 0; attempt < RUNS; attempt++) runs.push(await measureAiSdkOverhead(length));
    runs.sort((left, right) => left.overheadMicroseconds - right.overheadMicroseconds);
    const middle = runs[Math.floor(runs.length / 2)];
    worstOverhead = Math.max(worstOverhead, middle.overheadMicroseconds);
    toolChecks.push(middle.toolCheckMedianMicroseconds);
    rows.push([middle.steps, `ai-sdk: winkPrepareStep per model turn (${middle.turns} turns), per step`, middle.integrationMedianMicroseconds, '', middle.overheadMicroseconds.toFixed(1)]);
  }
  const hookChecks: number[] = [];
  for (const length of STREAM_LENGTHS) {
    const runs = [];
    for (let attempt = 0; attempt < RUNS; attempt++) runs.push(await measureClaudeAgentSdkOverhead(length));
    runs.sort((left, right) => left.overhead - right.overhead);
    const middle = runs[Math.floor(runs.length / 2)];
    worstOverhead = Math.max(worstOverhead, middle.overhead);
    hookChecks.push(middle.hooks.check.median);
    rows.push([length, middle.hooks.observe.path, middle.hooks.observe.median, middle.hooks.observe.p99, middle.overhead.toFixed(1)]);
  }
  return {
    title: 'Integrations: per-step cost beyond the detectors (µs)',
    columns: ['steps', 'path', 'median', 'p99', 'overhead (median)'],
    rows,
    notes: [
      `Worst median overhead ${worstOverhead.toFixed(1)} µs per step; target ≤ ${OVERHEAD_TARGET_MICROSECONDS} µs: ${worstOverhead <= OVERHEAD_TARGET_MICROSECONDS ? 'met' : 'missed'}. No path makes a model call.`,
      `${RUNS} runs per path, alternating; ${availableParallelism()} cores, load ${loadavg()[0].toFixed(2)}.`,
      `Checking a proposed tool call, per call, not per step (the detectors judge it on a copy of their state): winkTools median ${toolChecks.map((value) => value.toFixed(0)).join(' / ')} µs, the PreToolUse hook ${hookChecks.map((value) => value.toFixed(0)).join(' / ')} µs, at ${STREAM_LENGTHS.join(' / ')} steps.`,
      'The ai-sdk and claude-agent-sdk rows are against their own bare-observer run of the same steps, made in the same measurement.',
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.stdout.write(`${renderTable(await run())}\n`);
