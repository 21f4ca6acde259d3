import { afterEach, describe, expect, it } from 'vitest';
import { allDetectors } from '../../detectors/index.js';
import { interventionsOf, replayTrajectory } from '../../observer/replay.js';
import type { Intervention } from '../../observer/types.js';
import { startFakeOpenAiServer, type FakeOpenAiServer, type ScriptedChatResponse } from '../../testing/fake-openai-server.js';
import { trajectory, type TrajectoryBuilder } from '../../testing/trajectory-builder.js';
import type { Trajectory } from '../../trajectory/trajectory.js';
import { createLanguageModel, type LoadedModel } from '../providers.js';
import { resolveLlmSettings } from '../settings.js';
import { judgeRecovery } from './recovery-judge.js';

/** The agent re-reads the same unchanged file until it is told to stop. */
function looping(): TrajectoryBuilder {
  return trajectory({ id: 'judge-session' }).user('Fix the greeting in src/greeting.ts.').read('src/greeting.ts', 'hello').read('src/greeting.ts', 'hello').read('src/greeting.ts', 'hello');
}

/**
 * Varied, successful work: `count` different commands (at most 12). Different programs, not `echo step-1`,
 * `echo step-2`, …: those are the same approach re-run (a loop of its own, which now counts against recovery
 * from the earlier loop).
 */
const VARIED_COMMANDS = ['git status', 'ls src', 'cat package.json', 'node --version', 'npm ls', 'git log -1', 'wc -l src/greeting.ts', 'grep -n hello src/greeting.ts', 'git diff', 'head -5 README.md', 'pwd', 'date'];
function progress(builder: TrajectoryBuilder, count: number): TrajectoryBuilder {
  for (const command of VARIED_COMMANDS.slice(0, count)) builder.run(command, `output of ${command}`);
  return builder;
}

function firstIntervention(session: Trajectory): Intervention {
  const [intervention] = interventionsOf(replayTrajectory(session, { detectors: allDetectors }));
  expect(intervention).toBeDefined();
  return intervention;
}

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function judgeModel(responses: ScriptedChatResponse[]): Promise<LoadedModel> {
  server = await startFakeOpenAiServer({ script: responses });
  return createLanguageModel(resolveLlmSettings({ model: 'openai:judge', baseUrl: server.url, environment: { OPENAI_API_KEY: 'test-key' }, overrides: { maxRetries: 0, timeoutMs: 5_000 } }));
}

describe('recovery judge', () => {
  it('recovered: no recurrence, progress, and the model agrees with sufficient evidence', async () => {
    const session = progress(looping(), 10).build();
    const intervention = firstIntervention(session);
    const deterministicOnly = await judgeRecovery(session, intervention);
    expect(deterministicOnly).toMatchObject({ recovered: true, deterministic: { outcome: 'recovered', from: 'detectors' } });

    const model = await judgeModel([{ json: { reasoning: 'It stopped re-reading and ran new commands.', evidence: 'sufficient', recovered: true, evidenceSteps: [intervention.step + 2, 999] } }]);
    const judged = await judgeRecovery(session, intervention, { model });
    expect(judged.recovered).toBe(true);
    expect(judged.evidenceSteps).toEqual([intervention.step + 2]);
    const body = server?.chatRequests()[0].rawBody ?? '';
    expect(body).toContain(intervention.category);
    expect(body).toContain('Steps after the intervention');
  });

  it('not recovered: the loop recurs, and the model cannot overrule the deterministic check', async () => {
    const builder = looping();
    for (let count = 0; count < 12; count++) builder.read('src/greeting.ts', 'hello');
    const session = progress(builder, 6).build();
    const intervention = firstIntervention(session);
    const model = await judgeModel([{ json: { reasoning: 'Looks fine.', evidence: 'sufficient', recovered: true, evidenceSteps: [] } }]);
    const judged = await judgeRecovery(session, intervention, { model });
    expect(judged.deterministic).toMatchObject({ outcome: 'not-recovered', recurred: true });
    expect(judged.recovered).toBe(false);
    expect(judged.reasoning).toMatch(/recurred/);
  });

  it('insufficient evidence counts as not recovered, with or without a model', async () => {
    const session = progress(looping(), 1).build();
    const intervention = firstIntervention(session);
    const deterministicOnly = await judgeRecovery(session, intervention);
    expect(deterministicOnly).toMatchObject({ recovered: false, deterministic: { outcome: 'insufficient' } });

    const longer = progress(looping(), 10).build();
    const model = await judgeModel([{ json: { reasoning: 'The output after the guidance is cut.', evidence: 'insufficient', recovered: true, evidenceSteps: [] } }]);
    const judged = await judgeRecovery(longer, firstIntervention(longer), { model });
    expect(judged.recovered).toBe(false);
    expect(judged.reasoning).toMatch(/^insufficient evidence/);
  });

  it('falls back to the deterministic outcome when the model is unavailable', async () => {
    const session = progress(looping(), 10).build();
    const model = await judgeModel([{ content: 'no' }, { content: 'still no' }]);
    const judged = await judgeRecovery(session, firstIntervention(session), { model });
    expect(judged.llm?.status).toBe('unavailable');
    expect(judged.recovered).toBe(true);
  });

  it('uses the observer outcome when one is recorded', async () => {
    const session = progress(looping(), 10).build();
    const intervention = firstIntervention(session);
    const judged = await judgeRecovery(session, intervention, { observerOutcome: { interventionId: intervention.id, signature: intervention.signature, category: intervention.category, outcome: 'not-recovered', decidedAtStep: 9, reason: 'the same misbehavior recurred' } });
    expect(judged).toMatchObject({ recovered: false, deterministic: { from: 'observer', recurred: true, steps: [9] } });
  });
});
