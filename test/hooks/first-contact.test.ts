/**
 * wink meeting a session that is already long (installed mid-session, `claude --resume`), and asynchronous jobs:
 * a hook schedules no job and starts no worker unless a checker is configured, and at most one job (one worker)
 * per hook call, for the latest step — never one per k steps of the backlog. Counts only: speed is measured by
 * `npm run bench hooks`.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileTrajectories } from '../../src/formats/read.js';
import { GENERATED_SESSION_ID, generatedCall, generatedSession } from '../../src/testing/claude-code-session.js';
import { readStore, runHook, temporaryHome } from './hook-process.js';

/** Steps of the long session. */
const LONG_SESSION_STEPS = 5000;
/** A checker that finds nothing (so workers have something to run). */
const SILENT_CHECKER = 'export default async (job) => ({ jobId: job.id, findings: [] });\n';

async function jobCount(home: string): Promise<number> {
  return readStore(home, async (store) => {
    let count = 0;
    for (let number = 1; number <= 2000; number++) if (await store.getJob(`${GENERATED_SESSION_ID}#check-${number}`)) count++;
    return count;
  });
}

/** A working directory with a transcript and the given config; `hook(index)` appends call `index` and runs its PostToolUse hook. */
function session(config: Record<string, unknown> | undefined, environment: Record<string, string> = {}, initialSteps = 1) {
  const setup = temporaryHome();
  const transcript = join(setup.workingDirectory, 'session.jsonl');
  const initial = generatedSession(initialSteps);
  writeFileSync(transcript, initial.text);
  if (config) writeFileSync(join(setup.workingDirectory, 'wink.config.json'), JSON.stringify(config));
  writeFileSync(join(setup.workingDirectory, 'checker.mjs'), SILENT_CHECKER);
  const hookEnvironment = { ...setup.environment, WINK_LLM_MODEL: '', WINK_ASYNC_CHECKER: '', ...environment };
  const hook = async (index: number) => {
    const call = generatedCall(index);
    appendFileSync(transcript, call.text);
    return runHook('claude-code', { session_id: GENERATED_SESSION_ID, transcript_path: transcript, cwd: setup.workingDirectory, ...call.payload }, hookEnvironment);
  };
  return { ...setup, transcript, hook, hookEnvironment, calls: initial.calls };
}

describe('asynchronous jobs from hooks', () => {
  it.each<{ name: string; config: Record<string, unknown> | undefined; environment: Record<string, string>; scheduled: boolean }>([
    { name: 'no checker and no model: nothing scheduled', config: undefined, environment: {}, scheduled: false },
    { name: 'a model, but asyncChecks false: nothing scheduled', config: { llm: { model: 'openai:gpt-4o-mini' }, observer: { asyncChecks: false } }, environment: {}, scheduled: false },
    { name: 'a checker module: jobs, one per hook at most', config: { observer: { asyncChecker: './checker.mjs', checkInterval: 2 } }, environment: {}, scheduled: true },
    { name: 'a checker named by WINK_ASYNC_CHECKER: jobs, one per hook at most', config: { observer: { checkInterval: 2 } }, environment: { WINK_ASYNC_CHECKER: 'checker.mjs' }, scheduled: true },
  ])('$name', { timeout: 120_000 }, async ({ config, environment, scheduled }) => {
    const { home, hook } = session(config, environment);
    let jobs = 0;
    for (let index = 0; index < 6; index++) {
      const run = await hook(index);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      const now = await jobCount(home);
      expect(now - jobs, 'at most one job (one worker) per hook call').toBeLessThanOrEqual(1);
      jobs = now;
    }
    if (scheduled) expect(jobs).toBeGreaterThan(0);
    else expect(jobs, 'no job without a configured checker').toBe(0);
  });
});

describe('a hook meeting a long session for the first time', () => {
  it(`catches up with a ${LONG_SESSION_STEPS}-step transcript storing every step once, with one job and one worker, not one per ${5} steps`, { timeout: 180_000 }, async () => {
    // A generous budget, so that the first hook catches up in one call whatever the machine's load (the time
    // slices of a normal budget are tested in src/integrations/hook-observation.test.ts).
    const { home, transcript, hook, calls } = session({ observer: { asyncChecker: './checker.mjs' } }, { WINK_HOOK_BUDGET_MS: '120000' }, LONG_SESSION_STEPS);
    const first = await hook(calls);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout === '' || JSON.parse(first.stdout)).toBeTruthy();
    expect(await jobCount(home), 'one job for the latest step, not one per k steps of the backlog').toBe(1);
    await hook(calls + 1);
    await hook(calls + 2);
    expect(await jobCount(home)).toBeLessThanOrEqual(3);

    const [full] = (await readFileTrajectories(transcript)).trajectories;
    const steps = await readStore(home, async (store) => {
      const all = [];
      for (let offset = 0; ; offset += 1000) {
        const page = (await store.listSteps(GENERATED_SESSION_ID, { limit: 1000, offset })).items;
        all.push(...page);
        if (page.length < 1000) return all;
      }
    });
    expect(steps).toHaveLength(full.steps.length);
    expect(steps.map((step) => step.index)).toEqual(steps.map((_step, index) => index));
    expect(new Set(steps.map((step) => step.stepId)).size).toBe(steps.length);
  });
});
