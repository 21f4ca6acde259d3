/** `examples/ai-sdk-tool-loop.mjs` runs as a user would run it (plain `node`, wink imported by package name) and tells its story. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const EXAMPLE = fileURLToPath(new URL('../../examples/ai-sdk-tool-loop.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

it('the AI SDK example loops on a failing test run, gets one reminder, recovers, and exits 0', async () => {
  const { stdout, stderr } = await run(process.execPath, [EXAMPLE], { cwd: ROOT, timeout: 30_000 });
  expect(stderr).toBe('');
  const failing = 'run_command {"command":"npm test"} -> error: Error: Cannot find module \'vitest\'';
  expect(stdout).toContain(`step 1: ${failing}\nstep 2: ${failing}\nstep 3: ${failing}\nstep 4: says`);
  expect(stdout).toContain('step 5: run_command {"command":"npm test"} -> ok: Test Files  4 passed (4)');
  expect(stdout).toMatch(/wink's reminder, in model request 4 of 6:\n {2}\| <system-reminder>\n {2}\| wink \(course correction\):/);
  expect(stdout).toContain('DON\'T: Do not run `npm test` again unchanged.');
  expect(stdout).toContain('final answer: vitest was missing: I installed it and `npm test` now passes (31 tests).');
  expect(stdout).toMatch(/1 reminders delivered, 0 errors/);
}, 40_000);
