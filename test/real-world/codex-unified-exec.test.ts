/**
 * Codex's unified exec, read from a rollout by the real reader: a long test run started with `exec_command`, then
 * polled with `write_stdin` (empty input) until it ends, and a sub-agent waited for with `wait`. Waiting is not a
 * loop; the same run polled while its output does not change must give no finding and no reminder.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allDetectors } from '../../src/detectors/index.js';
import { analyzeFile } from '../../src/engine/analyze-file.js';
import { readFileTrajectories } from '../../src/formats/read.js';
import { interventionsOf, replayTrajectory } from '../../src/observer/replay.js';
import { temporaryFolder } from '../support/temporary-folders.js';

const SESSION = '019d0a11-2b3c-7d4e-8f50-6a7b8c9d0e1f';
const TURN = '019d0a11-2b3d-7e4f-8a50-1b2c3d4e5f60';
let clock = Date.parse('2026-03-02T09:00:00Z');

function line(type: string, payload: Record<string, unknown>): string {
  clock += 700;
  return JSON.stringify({ timestamp: new Date(clock).toISOString(), type, payload });
}

function call(name: string, callId: string, input: Record<string, unknown>): string {
  return line('response_item', { type: 'function_call', name, arguments: JSON.stringify(input), call_id: callId });
}

function output(callId: string, text: string): string {
  return line('response_item', { type: 'function_call_output', call_id: callId, output: text });
}

function rollout(): string[] {
  const lines = [
    line('session_meta', { id: SESSION, timestamp: new Date(clock).toISOString(), cwd: '/home/dev/projects/ledger', originator: 'codex-tui', cli_version: '0.98.0', source: 'cli', model_provider: 'openai' }),
    line('turn_context', { turn_id: TURN, cwd: '/home/dev/projects/ledger', approval_policy: 'on-request', sandbox_policy: { type: 'workspace-write' }, model: 'gpt-5.2-codex' }),
    line('event_msg', { type: 'task_started', turn_id: TURN }),
    line('event_msg', { type: 'user_message', message: 'Run the whole test suite and tell me what fails.', images: [] }),
    line('response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Run the whole test suite and tell me what fails.' }] }),
    call('exec_command', 'call_run', { cmd: 'python -m pytest -q', workdir: '/home/dev/projects/ledger', yield_time_ms: 10000 }),
    output('call_run', 'Chunk ID: 1a2b3c\nWall time: 10.0 seconds\nProcess running with session ID 7\nOriginal token count: 4\nOutput:\n....'),
  ];
  for (let poll = 1; poll <= 5; poll++) {
    lines.push(call('write_stdin', `call_poll${poll}`, { session_id: 7, chars: '', yield_time_ms: 30000 }));
    lines.push(output(`call_poll${poll}`, 'Chunk ID: 4d5e6f\nWall time: 30.0 seconds\nProcess running with session ID 7\nOriginal token count: 0\nOutput:\n'));
  }
  lines.push(call('write_stdin', 'call_poll6', { session_id: 7, chars: '', yield_time_ms: 30000 }));
  lines.push(output('call_poll6', 'Chunk ID: 7a8b9c\nWall time: 12.5 seconds\nProcess exited with code 0\nOriginal token count: 9\nOutput:\n........\n412 passed in 171.33s\n'));
  for (let wait = 1; wait <= 3; wait++) {
    lines.push(call('wait', `call_wait${wait}`, { ids: ['agent-docs'], timeout_ms: 30000 }));
    lines.push(output(`call_wait${wait}`, '{"status":{},"timed_out":true}'));
  }
  lines.push(line('response_item', { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'The whole suite passes: 412 tests, none failing.' }] }));
  lines.push(line('event_msg', { type: 'task_complete', turn_id: TURN, last_agent_message: 'The whole suite passes: 412 tests, none failing.' }));
  return lines;
}

describe('Codex unified exec, polled until the run ends', () => {
  it('reads every call with no diagnostic, and finds no loop and delivers no reminder', async () => {
    const file = join(temporaryFolder('wink-codex-exec-'), `rollout-2026-03-02T09-00-00-${SESSION}.jsonl`);
    writeFileSync(file, rollout().join('\n') + '\n');
    const analysis = await analyzeFile(file);
    expect(analysis.error).toBeUndefined();
    expect(analysis.diagnostics).toEqual([]);
    const [trajectory] = analysis.trajectories;
    expect(trajectory.format).toBe('codex');
    expect(trajectory.findings.filter((finding) => !finding.signal).map((finding) => `${finding.detector}/${finding.messageId}`)).toEqual([]);

    const read = (await readFileTrajectories(file)).trajectories[0];
    expect(read.steps.filter((step) => step.kind === 'tool-call').map((step) => (step.kind === 'tool-call' ? step.tool : ''))).toEqual(['exec_command', ...Array(6).fill('write_stdin'), 'wait', 'wait', 'wait']);
    expect(interventionsOf(replayTrajectory(read, { detectors: allDetectors })).filter((intervention) => intervention.delivered)).toEqual([]);
  });
});
