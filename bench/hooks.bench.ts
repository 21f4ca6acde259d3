/**
 * Hook round trip: the time from spawning `wink hook claude-code` with a PostToolUse payload to its exit,
 * in steady state (the session already caught up, one new call and result appended before each run), on a
 * 100-step and a 5,000-step transcript — it must not grow with transcript length — next to bare
 * `node -e 0` measured in the same run. Entries: the full CLI (`dist/cli/main.js hook`), the small hook
 * entry (`dist/cli/hook-entry.js`), the ES module shim kept for commands written by earlier versions
 * (`dist/hook.mjs`), and the entry `wink install` writes into the agents' settings (`defaultHookEntry()`:
 * `dist/hook.cjs`, the loader that compiles the bundle with a V8 code cache under `$WINK_HOME/cache/`; the first
 * run of each configuration writes that cache, as an agent's first hook does). All with the default
 * configuration: no checker, so no jobs and no worker processes. Then the first contact with a 5,000-step
 * session (`hook-first-contact.ts`), the watchdog's cost (`hook-watchdog-cost.ts`) and the observer's per-step
 * cost. Needs `npm run build` first.
 *
 * `WINK_BENCH_COMPARE_ENTRY=<another build>/dist/hook.cjs` adds that build's first-contact rows (an earlier commit's
 * build, to compare before and after).
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { allDetectors } from '../src/detectors/index.js';
import { Observer, type ObserverState } from '../src/observer/observer.js';
import { TrajectoryAssembler } from '../src/formats/assembler.js';
import { GENERATED_SESSION_ID, generatedCall, generatedSession } from '../src/testing/claude-code-session.js';
import type { Step } from '../src/trajectory/step.js';
import { firstContactTable } from './hook-first-contact.js';
import { watchdogCostTable } from './hook-watchdog-cost.js';
import { summarize, timeBareNode, timeProcess, timeShellCommand, type Timing } from './process-timing.js';
import type { BenchmarkTable } from './table.js';

/** Timed runs per configuration. */
const RUNS = 30;
/** Goal of issue 4: the installed hook's p50 round trip within this multiple of bare `node -e 0`. */
const TARGET_RATIO = 1.5;
/** Transcript sizes, in steps. */
const STEP_COUNTS = [100, 5000];
/** Steps fed to the observer for the per-step cost. */
const OBSERVER_STEPS = 5000;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SESSION = GENERATED_SESSION_ID;
/** Environment variable naming another build's hook entry for the first-contact comparison. */
const COMPARE_ENTRY_VARIABLE = 'WINK_BENCH_COMPARE_ENTRY';
/** Commands cycled through so the detectors see a realistic, mostly loop-free session. */
const COMMANDS = ['npm test', 'npm run build', 'git status', 'ls src', 'cat package.json', 'npm run lint', 'git diff', 'node scripts/check.js'];

/**
 * Steady-state round trips of one entry on a transcript of `stepCount` steps, each followed by a bare `node -e 0`
 * (so a machine's changing load weighs on both alike); also the first (catch-up) run.
 */
async function hookRoundTrips(entry: string[], stepCount: number, bareSamples: number[]): Promise<{ steady: Timing; bare: Timing; catchUp: number }> {
  const directory = mkdtempSync(join(tmpdir(), 'wink-hook-bench-'));
  const transcript = join(directory, 'session.jsonl');
  const environment = { ...process.env, WINK_HOME: join(directory, 'home'), WINK_HOOK_BUDGET_MS: '60000', WINK_LLM_MODEL: '', WINK_ASYNC_CHECKER: '' };
  const { text, calls } = generatedSession(stepCount);
  writeFileSync(transcript, text);
  const base = { session_id: SESSION, transcript_path: transcript, cwd: directory };
  const last = generatedCall(calls - 1);
  const catchUp = await timeProcess(entry, JSON.stringify({ ...base, ...last.payload }), environment);
  const samples: number[] = [];
  const bare: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const next = generatedCall(calls + run);
    appendFileSync(transcript, next.text);
    samples.push(await timeProcess(entry, JSON.stringify({ ...base, ...next.payload }), environment));
    bare.push(await timeBareNode());
  }
  bareSamples.push(...bare);
  rmSync(directory, { recursive: true, force: true });
  return { steady: summarize(samples), bare: summarize(bare), catchUp };
}

/** Steps of a generated session, for the observer cost. */
function observerSteps(count: number): { steps: Step[]; session: TrajectoryAssembler['session'] } {
  const steps: Step[] = [];
  const assembler = new TrajectoryAssembler({ id: SESSION, agent: 'claude-code', environment: 'cli', format: 'claude-code' }, { file: 'bench', format: 'claude-code', keepSteps: false, onStep: (step) => steps.push(step), diagnostic: () => undefined });
  assembler.user({ text: 'Tidy up the scripts and keep the tests green.' });
  for (let index = 0; steps.length < count; index++) {
    assembler.toolCall({ callId: `call-${index}`, tool: 'Bash', input: { command: `${COMMANDS[index % COMMANDS.length]} # ${index}` } });
    assembler.toolResult({ callId: `call-${index}`, output: `output of step ${index}\n`.repeat(20), isError: index % 11 === 0 });
  }
  return { steps: steps.slice(0, count), session: assembler.session };
}

function observerCost(): BenchmarkTable {
  const { steps, session } = observerSteps(OBSERVER_STEPS);
  const observer = new Observer({ session, detectors: allDetectors, guidanceFormat: 'plain' });
  const started = process.hrtime.bigint();
  for (const step of steps) observer.observe(step);
  const perStep = Number(process.hrtime.bigint() - started) / 1e3 / steps.length;
  // What a hook does on top: restore the saved state, observe one step, save it again.
  const state = JSON.stringify(observer.snapshot());
  const extra = observerSteps(OBSERVER_STEPS + 50).steps.slice(OBSERVER_STEPS);
  const restoreStarted = process.hrtime.bigint();
  for (const step of extra) {
    const restored = new Observer({ session, detectors: allDetectors, guidanceFormat: 'plain', state: JSON.parse(state) as ObserverState });
    restored.observe(step);
    JSON.stringify(restored.snapshot());
  }
  const restoreCost = Number(process.hrtime.bigint() - restoreStarted) / 1e3 / extra.length;
  return {
    title: `Observer cost per step (${allDetectors.length} detectors, ${OBSERVER_STEPS}-step session)`,
    columns: ['measure', 'microseconds'],
    rows: [
      ['observe(step), in process', perStep],
      ['restore state + observe + save state (per hook)', restoreCost],
      ['saved state size (bytes)', Buffer.byteLength(state)],
    ],
  };
}

/** The built install module: the commands `wink install` writes for each scope. */
interface InstallModule {
  hookCommand(agent: 'claude-code'): string;
  projectHookCommand(agent: 'claude-code' | 'codex', relativeEntry: string): string;
  portableHookEntry(projectRoot: string): string;
}

/**
 * The round trip of exactly what each scope writes into the settings, run through `sh -c` from the project root as
 * the agents run it (Claude Code sets CLAUDE_PROJECT_DIR): the user scope's absolute command and the project
 * scope's portable one, through a project whose node_modules links this build as `agent-wink`; steady state on a
 * 100-step transcript, next to bare `node -e 0` interleaved.
 */
export async function scopeRoundTrips(): Promise<BenchmarkTable> {
  const module = (await import(pathToFileURL(join(ROOT, 'dist', 'integrations', 'install', 'index.js')).href)) as InstallModule;
  const directory = mkdtempSync(join(tmpdir(), 'wink-hook-scope-bench-'));
  try {
    const project = join(directory, 'project');
    mkdirSync(join(project, 'node_modules'), { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: project });
    symlinkSync(ROOT, join(project, 'node_modules', 'agent-wink'));
    const relativeEntry = module.portableHookEntry(project);
    const transcript = join(directory, 'session.jsonl');
    const { text, calls } = generatedSession(100);
    writeFileSync(transcript, text);
    const commands: Array<[string, string]> = [
      ['user scope (absolute paths)', module.hookCommand('claude-code')],
      ['project scope (portable, $CLAUDE_PROJECT_DIR)', module.projectHookCommand('claude-code', relativeEntry)],
    ];
    const rows: (string | number)[][] = [];
    const verdicts: string[] = [];
    let next = calls;
    for (const [scope, command] of commands) {
      const environment = { ...process.env, CLAUDE_PROJECT_DIR: project, WINK_HOME: join(directory, `home-${rows.length}`), WINK_HOOK_BUDGET_MS: '60000', WINK_LLM_MODEL: '', WINK_ASYNC_CHECKER: '' };
      const base = { session_id: SESSION, transcript_path: transcript, cwd: project };
      await timeShellCommand(command, JSON.stringify({ ...base, ...generatedCall(calls - 1).payload }), environment, project);
      const samples: number[] = [];
      const bare: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const call = generatedCall(next++);
        appendFileSync(transcript, call.text);
        samples.push(await timeShellCommand(command, JSON.stringify({ ...base, ...call.payload }), environment, project));
        bare.push(await timeBareNode());
      }
      const steady = summarize(samples);
      const bareTiming = summarize(bare);
      const ratio = Number((steady.p50 / bareTiming.p50).toFixed(2));
      rows.push([scope, command, steady.p50, steady.p95, bareTiming.p50, ratio]);
      verdicts.push(`${scope}: ${ratio}× (${ratio <= TARGET_RATIO ? 'within' : 'OVER'} the ${TARGET_RATIO}× goal)`);
    }
    const rootLookup: number[] = [];
    const codexRoot = module.projectHookCommand('codex', relativeEntry).replace(/^node "/, 'echo "').replace(/ codex$/, ' >/dev/null');
    for (let run = 0; run < RUNS; run++) rootLookup.push(await timeShellCommand(codexRoot, '', process.env, project));
    const lookup = summarize(rootLookup);
    rows.push(["Codex project scope: its root lookup alone (git rev-parse, through sh)", codexRoot, lookup.p50, lookup.p95, '-', '-']);
    return {
      title: `Hook round trip of what each install scope writes, through sh -c as the agents run it (${RUNS} runs each, 100-step transcript, milliseconds)`,
      columns: ['scope', 'command', 'p50', 'p95', 'bare node p50 (interleaved)', 'p50 / bare node'],
      rows,
      notes: [`Goal: p50 within ${TARGET_RATIO}× bare \`node -e 0\` for both scopes. ${verdicts.join('; ')}.`, 'Codex names no project variable, so its project command adds the root lookup of the last row to the Claude Code project row.'],
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The hook entry `wink install` writes into the agents' settings, from the build. */
async function installedHookEntry(): Promise<string> {
  const module = (await import(pathToFileURL(join(ROOT, 'dist', 'integrations', 'install', 'hook-command.js')).href)) as { defaultHookEntry(): string };
  return module.defaultHookEntry();
}

export async function run(): Promise<BenchmarkTable[]> {
  const mainScript = join(ROOT, 'dist', 'cli', 'main.js');
  if (!existsSync(mainScript)) throw new Error('hooks.bench needs `npm run build` first');
  const installed = await installedHookEntry();
  const installedName = `${relative(ROOT, installed)} claude-code (wink install)`;
  const entries: Array<[string, string[]]> = [
    ['dist/cli/main.js hook claude-code', [mainScript, 'hook', 'claude-code']],
    ['dist/cli/hook-entry.js claude-code', [join(ROOT, 'dist', 'cli', 'hook-entry.js'), 'claude-code']],
  ];
  const shim = join(ROOT, 'dist', 'hook.mjs');
  if (existsSync(shim) && shim !== installed) entries.push(['dist/hook.mjs claude-code (earlier installs)', [shim, 'claude-code']]);
  entries.push([installedName, [installed, 'claude-code']]);

  const bareSamples: number[] = [];
  const rows: (string | number)[][] = [];
  const verdicts: string[] = [];
  for (const [name, entry] of entries) {
    for (const stepCount of STEP_COUNTS) {
      const { steady, bare, catchUp } = await hookRoundTrips(entry, stepCount, bareSamples);
      const ratio = Number((steady.p50 / bare.p50).toFixed(2));
      rows.push([name, stepCount, steady.p50, steady.p95, catchUp, bare.p50, ratio, Number((steady.p95 / bare.p95).toFixed(2))]);
      if (name === installedName) verdicts.push(`${stepCount} steps: p50 ${steady.p50.toFixed(1)} ms = ${ratio}× bare node (${ratio <= TARGET_RATIO ? 'within' : 'OVER'} the ${TARGET_RATIO}× goal)`);
    }
  }
  const bare = summarize(bareSamples);
  rows.unshift(['node -e 0 (bare start-up, all runs)', '-', bare.p50, bare.p95, '-', bare.p50, 1, 1]);
  const hooks: BenchmarkTable = {
    title: `Hook round trip, PostToolUse with one new call + result appended before each run (${RUNS} runs each, milliseconds)`,
    columns: ['entry', 'transcript steps', 'p50', 'p95', 'first run (catch-up)', 'bare node p50 (interleaved)', 'p50 / bare node', 'p95 / bare node'],
    rows,
    notes: [
      'Steady state reads only the bytes added since the last run (saved offset), so it must not grow with the transcript.',
      'The first run on an existing transcript catches up (with the 60 s budget of these rows, in one call); it is shown, not part of p50/p95. The first-contact table below uses the default budget.',
      'The default configuration names no checker: no job is scheduled and no worker process competes for the CPU.',
      'Each hook run is followed by a bare `node -e 0`; the ratios compare a row with the bare runs interleaved with it.',
      `Installed hook (${installedName}): ${verdicts.join('; ')}.`,
    ],
  };
  const compared = process.env[COMPARE_ENTRY_VARIABLE];
  const firstContactEntries: Array<[string, string[]]> = [[installedName, [installed, 'claude-code']]];
  if (compared) firstContactEntries.push([`${compared} claude-code (${COMPARE_ENTRY_VARIABLE})`, [compared, 'claude-code']]);
  // The watchdog is timed before the first contact: an earlier build's first contact leaves a thousand workers running.
  const watchdog = await watchdogCostTable();
  return [hooks, await scopeRoundTrips(), await firstContactTable(firstContactEntries), watchdog, observerCost()];
}
