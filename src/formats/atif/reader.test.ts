import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeReaderContract } from '../../../test/support/reader-contract.js';
import { fixture, hasSharedData, realTrajectory } from '../../../test/support/shared-data.js';
import { temporaryFolder } from '../../../test/support/temporary-folders.js';
import { readFileTrajectories } from '../read.js';
import type { Step } from '../../trajectory/step.js';
import type { Trajectory } from '../../trajectory/trajectory.js';
import reader from './reader.js';
import { trajectoryToAtif } from './writer.js';

const harbor = fixture('atif/harbor-terminus.trajectory.json');

describeReaderContract({
  reader,
  corruption: 'document',
  fixtures: [{ file: harbor, recordList: 'steps', summary: { userMessages: 1, assistantMessages: 4, toolCalls: 5, toolResults: 5, toolErrors: 1 } }],
});

/** Steps without their source location, which points at whichever file they were read from. */
function withoutSource(steps: Step[]): Omit<Step, 'source'>[] {
  return steps.map(({ source: _source, ...rest }) => rest);
}

async function roundTrip(trajectory: Trajectory): Promise<Trajectory> {
  const directory = temporaryFolder('wink-atif-');
  const file = join(directory, 'round-trip.atif.json');
  await writeFile(file, JSON.stringify(trajectoryToAtif(trajectory), null, 2));
  const result = await readFileTrajectories(file);
  expect(result.format).toBe('atif');
  expect(result.diagnostics).toEqual([]);
  expect(result.trajectories).toHaveLength(1);
  return result.trajectories[0];
}

describe('atif reader (files from other tools)', () => {
  it('maps system, user and agent steps, calls, results, metrics and session', async () => {
    const [trajectory] = (await readFileTrajectories(harbor)).trajectories;
    expect(trajectory.session).toMatchObject({ id: '7f3c2a10-5b1e-4d2a-9c41-2f0e8b6d1a77', agent: 'terminus-2', agentVersion: '2.0.0', model: 'example/model-2', environment: 'benchmark' });
    expect(trajectory.steps.map((step) => step.kind)).toEqual([
      'event', 'user', 'assistant', 'tool-call', 'tool-result', 'assistant', 'tool-call', 'tool-call', 'tool-result', 'tool-result',
      'assistant', 'tool-call', 'tool-result', 'tool-call', 'tool-result', 'assistant',
    ]);
    expect(trajectory.steps[0]).toMatchObject({ event: 'other', data: { source: 'system' } });
    expect(trajectory.steps[2]).toMatchObject({ id: 's3', text: 'Let me run the failing test first to see the error.', reasoning: 'Start by reproducing the failure.', usage: { inputTokens: 320, cachedInputTokens: 1200, outputTokens: 64, costUsd: 0.0021 } });
    expect(trajectory.steps[3]).toMatchObject({ callId: 'call_01', tool: 'bash', input: { command: 'cd /app && pytest tests/test_dates.py -q' } });
    expect(trajectory.steps[4]).toMatchObject({ callId: 'call_01', callStepId: 's3.call1', isError: false });
    expect(trajectory.steps[10]).toMatchObject({ kind: 'assistant', text: 'Running the tests again.' });
    expect(trajectory.steps[12]).toMatchObject({ kind: 'tool-result', isError: true });
    expect(trajectory.steps[13]).toMatchObject({ kind: 'tool-call', tool: 'action', synthetic: true });
    expect(trajectory.steps[5].source?.line).toBeGreaterThan(trajectory.steps[2].source?.line ?? 0);
  });

  it('reports a step without a valid source and reads the others', async () => {
    const directory = temporaryFolder('wink-atif-');
    const file = join(directory, 'bad-step.json');
    const document = JSON.parse(await readFile(harbor, 'utf8')) as { steps: Record<string, unknown>[] };
    document.steps[1].source = 'robot';
    await writeFile(file, JSON.stringify(document, null, 2));
    const result = await readFileTrajectories(file);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0].message).toContain('step 2');
    expect(result.trajectories[0].steps.some((step) => step.kind === 'user')).toBe(false);
  });
});

describe('atif writer', () => {
  it('writes valid ATIF: sequential step ids, agent steps holding calls and observations', async () => {
    const [trajectory] = (await readFileTrajectories(fixture('mini-swe-agent/slugify.traj.json'))).trajectories;
    const document = trajectoryToAtif(trajectory);
    expect(document.schema_version).toMatch(/^ATIF-v1\.\d+$/);
    expect(document.agent).toMatchObject({ name: 'mini-swe-agent', version: '1.15.0', model_name: 'example/model-1' });
    expect(document.steps.map((step) => step.step_id)).toEqual(document.steps.map((_step, position) => position + 1));
    const withCall = document.steps.find((step) => step.tool_calls);
    expect(withCall).toMatchObject({ source: 'agent', tool_calls: [{ function_name: 'bash' }], observation: { results: [{ source_call_id: withCall?.tool_calls?.[0].tool_call_id }] } });
    expect(document.final_metrics?.total_steps).toBe(document.steps.length);
  });

  it('round-trips the mini-swe-agent fixture and the ATIF fixture', async () => {
    for (const file of [fixture('mini-swe-agent/slugify.traj.json'), harbor]) {
      const [original] = (await readFileTrajectories(file)).trajectories;
      const again = await roundTrip(original);
      expect(withoutSource(again.steps)).toEqual(withoutSource(original.steps));
      const { sourceFile: _first, format: _firstFormat, ...session } = original.session;
      const { sourceFile: _second, format: _secondFormat, ...sessionAgain } = again.session;
      expect(sessionAgain).toEqual(session);
    }
  });

  it.skipIf(!hasSharedData)('round-trips real TRAIL traces and a real mini-swe-agent run', async () => {
    const files = [
      realTrajectory('trail-gaia/traces/0140b3f657eddf76ca82f72c49ac8e58.json'),
      realTrajectory('trail-gaia/traces/0035f455b3ff2295167a844f04d85d34.json'),
      realTrajectory('mini-swe-agent-gemini3/trajs/astropy__astropy-12907/astropy__astropy-12907.traj.json'),
    ];
    for (const file of files) {
      const [original] = (await readFileTrajectories(file)).trajectories;
      const again = await roundTrip(original);
      expect(withoutSource(again.steps)).toEqual(withoutSource(original.steps));
    }
  });
});
