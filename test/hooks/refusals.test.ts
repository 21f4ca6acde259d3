/**
 * A call wink refuses at PreToolUse is a refusal, never a tool failure, and has no effects — whether Claude Code
 * wrote the call to its transcript before the PreToolUse hook ran or after it (a race the real client shows in
 * about 2 runs of 7). Real built hook processes, the transcript lines the client writes, both orders.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import { contextOf, runHook, temporaryHome, type HookRun } from './hook-process.js';

const SESSION = 'refusal-session';
const PROMPT = 'Fix the rounding bug in src/round.ts. Do not change the tests. Do not push to the remote.';
const PUSH = { command: 'git push origin main', description: 'Push the fix' };
const TEST_EDIT = { file_path: 'test/round.test.ts', old_string: 'expect(round(2.5)).toBe(3)', new_string: 'expect(round(2.5)).toBe(2)' };

function line(fields: Record<string, unknown>): string {
  return JSON.stringify({ parentUuid: null, isSidechain: false, userType: 'external', cwd: '/work/app', sessionId: SESSION, version: '2.1.329', gitBranch: 'main', timestamp: '2026-11-21T10:00:00.000Z', ...fields }) + '\n';
}
const toolUse = (id: string, name: string, input: unknown) => line({ type: 'assistant', uuid: `use-${id}`, message: { id: `msg_${id}`, role: 'assistant', model: 'claude-opus-5-5', content: [{ type: 'tool_use', id, name, input }] } });
const toolResult = (id: string, content: string, isError: boolean) => line({ type: 'user', uuid: `result-${id}`, message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content, is_error: isError }] } });
/** What Claude Code puts in the tool result of a call a PreToolUse hook denied. */
const refusal = (tool: string, reason: string) => `PreToolUse:${tool} hook error: ${reason}`;

function reasonOf(run: HookRun): string | undefined {
  return (run.output?.hookSpecificOutput as { permissionDecisionReason?: string } | undefined)?.permissionDecisionReason;
}

/** Whether Claude Code wrote the proposed call's line before its PreToolUse hook ran. */
const ORDERS = [
  { name: 'the call written before PreToolUse', callWrittenFirst: true },
  { name: 'the call written after PreToolUse (the race)', callWrittenFirst: false },
];

describe.each(ORDERS)('a call wink refused, $name', ({ callWrittenFirst }) => {
  /** A session with the prompt and a read; `propose` runs PreToolUse for a call and then writes its refusal. */
  function setUp() {
    const { home, workingDirectory, environment } = temporaryHome();
    const transcript = join(workingDirectory, 'session.jsonl');
    writeFileSync(transcript, line({ type: 'user', uuid: 'prompt', message: { role: 'user', content: PROMPT } }) + toolUse('toolu_read', 'Read', { file_path: 'src/round.ts' }) + toolResult('toolu_read', 'export const round = Math.floor;', false));
    const base = { session_id: SESSION, transcript_path: transcript, cwd: workingDirectory };
    const hook = (payload: Record<string, unknown>) => runHook('claude-code', { ...base, ...payload }, environment);
    const propose = async (id: string, tool: string, input: unknown): Promise<HookRun> => {
      if (callWrittenFirst) appendFileSync(transcript, toolUse(id, tool, input));
      const run = await hook({ hook_event_name: 'PreToolUse', tool_name: tool, tool_input: input, tool_use_id: id });
      if (!callWrittenFirst) appendFileSync(transcript, toolUse(id, tool, input));
      const reason = reasonOf(run);
      if (reason) appendFileSync(transcript, toolResult(id, refusal(tool, reason), true));
      return run;
    };
    const run = async (id: string, tool: string, input: unknown, output: string) => {
      appendFileSync(transcript, toolUse(id, tool, input) + toolResult(id, output, false));
      return hook({ hook_event_name: 'PostToolUse', tool_name: tool, tool_input: input, tool_use_id: id, tool_response: output });
    };
    return { home, hook, propose, run };
  }

  it('refuses the forbidden push every time, never as "already failed", and a later Stop does not read the refusal as a failure to re-run', async () => {
    const { hook, propose, run } = setUp();
    const first = await propose('toolu_push_1', 'Bash', PUSH);
    expect(reasonOf(first)).toMatch(/^wink refused this call before it ran: it goes against what the user says: "Do not push to the remote\."/);
    await run('toolu_status', 'Bash', { command: 'git status' }, 'On branch main');
    const second = await propose('toolu_push_2', 'Bash', PUSH);
    const third = await propose('toolu_push_3', 'Bash', PUSH);
    for (const refused of [second, third]) {
      expect(reasonOf(refused), 'the push is refused again: the refused call had no effect').toMatch(/^wink refused this call before it ran/);
      expect(reasonOf(refused)).not.toMatch(/already failed/);
    }
    const stop = await hook({ hook_event_name: 'Stop', stop_hook_active: false, last_assistant_message: 'I have not pushed, as you asked; the push is left to you. Stopping here.' });
    expect(stop.stdout, 'no Stop feedback telling the model to re-run the refused push').toBe('');
  });

  it('leaves a refused edit of a test file out of the changes: no later "was changed … restore it"', async () => {
    const { home, propose, run } = setUp();
    const refused = await propose('toolu_edit_test', 'Edit', TEST_EDIT);
    expect(reasonOf(refused)).toMatch(/^wink refused this call before it ran: .*Do not change the tests/);
    const later = [await run('toolu_read_2', 'Read', { file_path: 'src/round.ts' }, 'export const round = Math.floor;'), await run('toolu_ls', 'Bash', { command: 'ls test' }, 'round.test.ts')];
    for (const answer of later) expect(contextOf(answer) ?? '', 'no guidance about a change that never happened').not.toMatch(/test\/round\.test\.ts|was changed|Restore/i);
    const store = new SqliteStore({ file: join(home, 'wink.db') });
    try {
      const steps = (await store.listSteps(SESSION)).items;
      const refusalStep = steps.find((step) => step.kind === 'tool-result' && step.summary.startsWith('PreToolUse:Edit hook error'));
      expect(refusalStep, 'the refusal is stored as the call\'s result').toBeDefined();
      expect(refusalStep?.isError, 'a refusal is not a failure').toBe(false);
      const aboutTheEdit = (await store.listFindings(SESSION)).items.filter((finding) => JSON.stringify(finding.data).includes('test/round.test.ts'));
      expect(aboutTheEdit, 'only the refusal\'s own finding: none from observing the refused edit as if it had run').toHaveLength(1);
      const interventions = (await store.listInterventions(SESSION)).items.filter((item) => item.messageId === 'forbiddenEdit');
      expect(interventions.map((item) => item.channel)).toEqual(['pre-tool-use-deny']);
    } finally {
      await store.close();
    }
  });
});
