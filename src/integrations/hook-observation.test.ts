import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyConfig } from '../config/schema.js';
import { initialTranscriptState, MAXIMUM_CHUNK_BYTES } from '../formats/claude-code/incremental.js';
import { readFileTrajectories } from '../formats/read.js';
import type { SessionRecord } from '../store/types.js';
import { GENERATED_SESSION_ID, generatedCall, generatedLine, generatedSession } from '../testing/claude-code-session.js';
import claudeCode from './claude-code/index.js';
import { observeHookEvent, type HookObservation, type HookSessionState } from './hook-observation.js';

let folder: string | undefined;
afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

/** A transcript: a failing build run three times (a loop wink reports), then a long generated session. */
function longTranscript(): { file: string; lastCall: number } {
  folder = mkdtempSync(join(tmpdir(), 'wink-observation-'));
  const file = join(folder, 'session.jsonl');
  const { text, calls } = generatedSession(5000);
  const [prompt, ...rest] = text.split('\n');
  const loop = [0, 1, 2].map((attempt) =>
    generatedLine({ type: 'assistant', uuid: `build-${attempt}`, message: { id: `msg_build_${attempt}`, role: 'assistant', content: [{ type: 'tool_use', id: `toolu_build_${attempt}`, name: 'Bash', input: { command: 'npm run build' } }] } }) +
    generatedLine({ type: 'user', uuid: `build-result-${attempt}`, message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: `toolu_build_${attempt}`, content: 'Exit code 2\nerror TS2304', is_error: true }] } }),
  );
  writeFileSync(file, [prompt, ...loop.map((pair) => pair.trimEnd()), ...rest].join('\n'));
  return { file, lastCall: calls - 1 };
}

describe('observeHookEvent catching up with a long transcript', () => {
  it('reads one bounded slice per hook when its time is up, delivers nothing until it has caught up, and schedules at most one job per hook', async () => {
    const { file, lastCall } = longTranscript();
    let record: SessionRecord | undefined;
    const observations: HookObservation[] = [];
    for (let hook = 0; hook < 50 && !observations.at(-1)?.caughtUp; hook++) {
      const state = (record?.integrationState as HookSessionState | undefined) ?? initialTranscriptState();
      const request = claudeCode.translate({ session_id: GENERATED_SESSION_ID, transcript_path: file, cwd: folder, ...generatedCall(lastCall).payload });
      if (!request) throw new Error('no request');
      // A slice that is already over: each hook reads one chunk.
      const observation = observeHookEvent({ integration: claudeCode, request, record, state, config: emptyConfig(), settings: { checkInterval: 5 }, schedulesChecks: true, finishedJobs: [], sliceDeadline: 0 });
      observations.push(observation);
      record = observation.session;
    }
    const chunks = Math.ceil(statSync(file).size / MAXIMUM_CHUNK_BYTES);
    expect(observations.length).toBeGreaterThanOrEqual(chunks - 1);
    expect(observations.at(-1)?.caughtUp).toBe(true);
    const behind = observations.slice(0, -1);
    expect(behind.every((observation) => !observation.caughtUp)).toBe(true);
    // The loop at the start is found and recorded, but nothing is delivered while catching up.
    expect(behind[0].findings.some((finding) => finding.category === 'infinite-loop')).toBe(true);
    for (const observation of behind) {
      expect(observation.decision).toEqual({});
      expect(observation.interventions.every((intervention) => !intervention.delivered)).toBe(true);
    }
    // One job per hook at most (a slice holds many times k steps), covering the hook's last step.
    expect(observations.every((observation) => observation.job !== undefined && observation.job.upToStep === observation.steps.at(-1)?.index)).toBe(true);

    const [full] = (await readFileTrajectories(file)).trajectories;
    const steps = observations.flatMap((observation) => observation.steps);
    expect(steps.map((step) => step.index)).toEqual(full.steps.map((_step, index) => index));
    expect(steps.map((step) => step.kind)).toEqual(full.steps.map((step) => step.kind));
  });
});

describe('observeHookEvent: the calls of sub-agents (Claude Code `agent_id`)', () => {
  /** PostToolUse payloads reading the same README with the same answer, made by `agents` (undefined: the main agent). */
  function observeReads(agents: ReadonlyArray<string | undefined>, missing = false): HookObservation[] {
    let record: SessionRecord | undefined;
    const state = initialTranscriptState();
    return agents.map((agent, position) => {
      const read = { session_id: 'subagent-reads', tool_name: 'Read', tool_use_id: `toolu_read_${position}`, tool_input: { file_path: '/home/dev/shop/README.md' } };
      const outcome = missing
        ? { hook_event_name: 'PostToolUseFailure', error: 'File does not exist. Note: your current working directory is /home/dev/shop.' }
        : { hook_event_name: 'PostToolUse', tool_response: { type: 'text', file: { filePath: '/home/dev/shop/README.md', content: '# Shop', numLines: 1, startLine: 1, totalLines: 1 } } };
      const payload = { ...read, ...outcome, ...(agent ? { agent_id: agent, agent_type: 'Explore' } : {}) };
      const request = claudeCode.translate(payload);
      if (!request) throw new Error('no request');
      const observation = observeHookEvent({ integration: claudeCode, request, record, state, config: emptyConfig(), settings: {}, schedulesChecks: false, finishedJobs: [], sliceDeadline: Number.POSITIVE_INFINITY });
      record = observation.session;
      return observation;
    });
  }

  it('puts a sub-agent’s call in its own lane: three Explore agents each reading the README once are no loop', () => {
    const observations = observeReads(['a1c0ffee', 'b2c0ffee', 'c3c0ffee']);
    expect(observations.flatMap((observation) => observation.steps).filter((step) => step.kind === 'tool-call').map((step) => step.sidechain)).toEqual(['a1c0ffee', 'b2c0ffee', 'c3c0ffee']);
    expect(observations.flatMap((observation) => observation.findings).filter((finding) => finding.category === 'infinite-loop')).toEqual([]);
  });

  it('and three Explore agents each failing once on a missing file ignored nothing: a hook sees their calls, not when they started', () => {
    expect(observeReads(['a1c0ffee', 'b2c0ffee', 'c3c0ffee'], true).flatMap((observation) => observation.findings)).toEqual([]);
  });

  it('while the main agent reading it three times in a row is', () => {
    const observations = observeReads([undefined, undefined, undefined]);
    expect(observations.flatMap((observation) => observation.findings).map((finding) => finding.detector)).toContain('repeated-tool-call');
  });
});
