/**
 * The watchdog preempts a hook stuck in synchronous work. The stall here takes a real path, no test-only
 * switch: a configuration whose exempt-command pattern backtracks catastrophically (`^(a+)+$`), and a command
 * that makes it do so. Without the watchdog the hook would block its event loop for hours and the agent would
 * wait for the hook's own timeout; with it, every run exits 0 with nothing on stdout, and after
 * MAXIMUM_PREEMPTIONS stops the session is left alone. Counts only: the watchdog's cost is in `npm run bench hooks`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAXIMUM_PREEMPTIONS } from '../../src/integrations/hook-runtime.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { runHook, temporaryHome } from './hook-process.js';

/** A pattern that backtracks exponentially on a run of "a" that does not end the way it wants. */
const HOSTILE_PATTERN = '^(a+)+$';
/** A command that makes it do so. */
const HOSTILE_COMMAND = `${'a'.repeat(64)}!`;
const SESSION = 'watchdog-session';

describe('the hook watchdog', () => {
  it(`stops a hook stuck in a catastrophic regular expression, fails open every time, and leaves the session alone after ${MAXIMUM_PREEMPTIONS} stops in a row`, { timeout: 120_000 }, async () => {
    const { home, workingDirectory, environment } = temporaryHome();
    writeFileSync(join(workingDirectory, 'wink.config.json'), JSON.stringify({ detectors: { 'repeated-failure': { exemptCommands: [HOSTILE_PATTERN] } } }));
    const payload = (index: number, command: string) => ({ session_id: SESSION, cwd: workingDirectory, hook_event_name: 'PostToolUseFailure', tool_name: 'Bash', tool_input: { command }, tool_use_id: `toolu_${index}`, error: `Exit code 127\n/bin/sh: ${command}: not found` });
    // The default budget (1.5 s): the watchdog must stop the work well before the agent's own hook timeout.
    const hookEnvironment = { ...environment, WINK_HOOK_BUDGET_MS: '1500' };
    const hook = (index: number, command: string) => runHook('claude-code', payload(index, command), hookEnvironment);
    const runs = [await hook(0, HOSTILE_COMMAND)]; // stopped once
    runs.push(await hook(1, 'npm test')); // completes: the count starts again
    for (let index = 2; index < 2 + MAXIMUM_PREEMPTIONS; index++) runs.push(await hook(index, HOSTILE_COMMAND)); // stopped, in a row: left alone
    runs.push(await hook(10, HOSTILE_COMMAND)); // left alone: answered at once
    runs.push(await hook(11, 'npm run lint')); // left alone
    for (const run of runs) expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });

    const log = existsSync(join(home, 'wink.log')) ? readFileSync(join(home, 'wink.log'), 'utf8') : '';
    expect(log.match(/stopped by its watchdog/g)).toHaveLength(1 + MAXIMUM_PREEMPTIONS);
    expect(log.match(/wink no longer observes it/g)).toHaveLength(1);
    const store = new SqliteStore({ file: join(home, 'wink.db') });
    try {
      const steps = (await store.listSteps(SESSION)).items;
      expect(steps.map((step) => step.summary), 'only the completed hook stored its steps: the stopped ones were rolled back, and nothing since').toEqual(['Bash {"command":"npm test"}', 'Exit code 127 /bin/sh: npm test: not found']);
      expect((await store.getSession(SESSION))?.integrationState).toMatchObject({ preemptions: MAXIMUM_PREEMPTIONS });
    } finally {
      await store.close();
    }
  });
});
