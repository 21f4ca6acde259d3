/**
 * Parallel tool calls fire hooks in parallel: 60 simultaneous `wink hook claude-code` processes on one
 * session must store every step exactly once, inject no intervention twice, and leave a consistent state —
 * also while the transcript lags behind the hooks (Claude Code writes it after some hooks ran), so that hooks
 * build steps from their payloads that the transcript shows again later, with or without a call id.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import { contextOf, runHook, temporaryHome } from './hook-process.js';

/** Simultaneous hook processes. */
const PARALLEL_HOOKS = 60;
/** Simultaneous hook processes while the transcript lags. */
const LAGGING_HOOKS = 50;
/** Calls whose lines are in the transcript before the lagging hooks start. */
const WRITTEN_BEFORE = 10;
/** How often the lagging transcript gets its next lines (milliseconds). */
const LAG_STEP_MS = 25;
const SESSION = 'parallel-session';

function transcriptLine(fields: Record<string, unknown>): string {
  return JSON.stringify({ parentUuid: null, isSidechain: false, userType: 'external', cwd: '/work/app', sessionId: SESSION, version: '2.1.329', gitBranch: 'main', timestamp: '2026-11-21T10:00:00.000Z', ...fields });
}

describe('concurrent hooks on one session', () => {
  it(`stores every step once and injects nothing twice with ${PARALLEL_HOOKS} simultaneous processes`, { timeout: 120_000 }, async () => {
    const { home, workingDirectory, environment } = temporaryHome();
    const transcript = join(workingDirectory, 'session.jsonl');
    // The same failing command, run again and again: a loop every process could report. The first half of
    // the calls have their results in the file; the rest are still in flight (results only in the payloads).
    const lines = [transcriptLine({ type: 'user', uuid: 'prompt', message: { role: 'user', content: 'Make the tests pass.' } })];
    for (let index = 0; index < PARALLEL_HOOKS; index++) {
      lines.push(transcriptLine({ type: 'assistant', uuid: `call-${index}`, message: { id: `msg_${index}`, role: 'assistant', model: 'claude-opus-5-5', content: [{ type: 'tool_use', id: `toolu_${index}`, name: 'Bash', input: { command: 'npm test' } }] } }));
      if (index < PARALLEL_HOOKS / 2) lines.push(transcriptLine({ type: 'user', uuid: `result-${index}`, message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: `toolu_${index}`, content: 'Exit code 1\nFAIL test/app.test.ts', is_error: true }] } }));
    }
    writeFileSync(transcript, lines.join('\n') + '\n');
    const runs = await Promise.all(
      Array.from({ length: PARALLEL_HOOKS }, (_unused, index) =>
        runHook('claude-code', { session_id: SESSION, transcript_path: transcript, cwd: workingDirectory, hook_event_name: 'PostToolUseFailure', tool_name: 'Bash', tool_input: { command: 'npm test' }, tool_use_id: `toolu_${index}`, error: 'Exit code 1\nFAIL test/app.test.ts' }, { ...environment, WINK_HOOK_BUDGET_MS: '60000' }),
      ),
    );
    expect(runs.every((run) => run.code === 0 && run.stderr === '')).toBe(true);

    const store = new SqliteStore({ file: join(home, 'wink.db') });
    try {
      const steps = (await store.listSteps(SESSION, { limit: 1000 })).items;
      const calls = steps.filter((step) => step.kind === 'tool-call');
      const results = steps.filter((step) => step.kind === 'tool-result');
      expect(calls).toHaveLength(PARALLEL_HOOKS);
      expect(results).toHaveLength(PARALLEL_HOOKS);
      expect(steps).toHaveLength(1 + 2 * PARALLEL_HOOKS);
      expect(steps.map((step) => step.index)).toEqual(steps.map((_step, index) => index));
      expect(new Set(steps.map((step) => step.stepId)).size).toBe(steps.length);
      const session = await store.getSession(SESSION);
      expect(session?.stepCount).toBe(steps.length);
      expect(session?.transcriptOffset).toBe(Buffer.byteLength(lines.join('\n') + '\n'));

      const interventions = (await store.listInterventions(SESSION, { limit: 1000 })).items;
      expect(new Set(interventions.map((item) => item.id)).size).toBe(interventions.length);
      const delivered = interventions.filter((item) => item.delivered);
      const injected = runs.map(contextOf).filter((context): context is string => context !== undefined);
      // Every delivered intervention went out in exactly one process's answer.
      for (const item of delivered) expect(injected.filter((context) => context.includes(item.guidance)).length).toBe(1);
      expect(injected.length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it(`stores every step once while the transcript lags behind ${LAGGING_HOOKS} simultaneous hooks, half of them without a call id`, { timeout: 180_000 }, async () => {
    const { home, workingDirectory, environment } = temporaryHome();
    const transcript = join(workingDirectory, 'session.jsonl');
    const session = 'lagging-session';
    const line = (fields: Record<string, unknown>) => transcriptLine({ ...fields, sessionId: session });
    const file = (index: number) => `src/module${index}.ts`;
    const callLines = (index: number) => [
      line({ type: 'assistant', uuid: `call-${index}`, message: { id: `msg_${index}`, role: 'assistant', model: 'claude-opus-5-5', content: [{ type: 'tool_use', id: `toolu_${index}`, name: 'Read', input: { file_path: file(index) } }] } }),
      line({ type: 'user', uuid: `result-${index}`, message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: `toolu_${index}`, content: `contents of ${file(index)}` }] }, toolUseResult: { type: 'text', file: { filePath: file(index), content: `contents of ${file(index)}` } } }),
    ];
    const pending = Array.from({ length: LAGGING_HOOKS }, (_unused, index) => callLines(index)).flat();
    const initial = [line({ type: 'user', uuid: 'prompt', message: { role: 'user', content: 'Read the modules and summarise them.' } }), ...pending.splice(0, 2 * WRITTEN_BEFORE)];
    writeFileSync(transcript, initial.join('\n') + '\n');
    // The client writes the rest of its transcript while the hooks run.
    const writer = setInterval(() => {
      const next = pending.splice(0, 3);
      if (next.length > 0) appendFileSync(transcript, next.join('\n') + '\n');
    }, LAG_STEP_MS);
    const payload = (index: number) => ({
      session_id: session, transcript_path: transcript, cwd: workingDirectory, hook_event_name: 'PostToolUse', tool_name: 'Read', tool_input: { file_path: file(index) }, tool_response: `contents of ${file(index)}`,
      // Half of the payloads carry no call id: their steps are matched to the transcript's copy by tool and input.
      ...(index % 2 === 0 ? { tool_use_id: `toolu_${index}` } : {}),
    });
    const runs = await Promise.all(Array.from({ length: LAGGING_HOOKS }, (_unused, index) => runHook('claude-code', payload(index), { ...environment, WINK_HOOK_BUDGET_MS: '60000' })));
    clearInterval(writer);
    if (pending.length > 0) appendFileSync(transcript, pending.splice(0).join('\n') + '\n');
    // One more hook once the transcript is complete: it reads whatever the others left.
    const last = await runHook('claude-code', { session_id: session, transcript_path: transcript, cwd: workingDirectory, hook_event_name: 'Stop', stop_hook_active: false }, { ...environment, WINK_HOOK_BUDGET_MS: '60000' });
    expect([...runs, last].every((run) => run.code === 0 && run.stderr === '')).toBe(true);

    const store = new SqliteStore({ file: join(home, 'wink.db') });
    try {
      const steps = (await store.listSteps(session, { limit: 1000 })).items;
      expect(steps.filter((step) => step.kind === 'tool-call'), 'each call stored once').toHaveLength(LAGGING_HOOKS);
      expect(steps.filter((step) => step.kind === 'tool-result'), 'each result stored once').toHaveLength(LAGGING_HOOKS);
      expect(steps).toHaveLength(1 + 2 * LAGGING_HOOKS);
      expect(steps.map((step) => step.index)).toEqual(steps.map((_step, index) => index));
      expect(new Set(steps.map((step) => step.stepId)).size).toBe(steps.length);
      const summaries = steps.filter((step) => step.kind === 'tool-call').map((step) => step.summary);
      expect(new Set(summaries).size, 'no call twice: every Read is of its own file').toBe(LAGGING_HOOKS);
      expect((await store.getSession(session))?.stepCount).toBe(steps.length);
      const findings = (await store.listFindings(session, { limit: 1000 })).items;
      expect(findings.filter((finding) => finding.category === 'infinite-loop'), 'a doubled call would be a false repeat').toEqual([]);
    } finally {
      await store.close();
    }
  });
});
