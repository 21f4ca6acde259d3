/**
 * The store contract suite: every store driver (SQLite now, PostgreSQL next) runs it. It checks sessions
 * round-trip with their JSON state, steps and interventions are stored once whatever the retries, paging
 * and filters, recovery updates, job idempotency and life cycle, and that `withSession` gives exclusive
 * read-modify-write access (concurrent increments are never lost) and rolls back on error; LLM check records
 * are stored once per job, attempt and category and summed per session for the budgets; each session keeps
 * its count of reader diagnostics, which a writer that does not know it never resets.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FindingRecord, InterventionRecord, LlmCheckRecord, SessionRecord, StepRecord, WinkStore } from '../../src/store/types.js';

/** Creates a fresh, empty store, and removes it afterwards. */
export interface StoreFactory {
  create(): Promise<WinkStore>;
  destroy?(store: WinkStore): Promise<void>;
}

/** Number of concurrent read-modify-write rounds in the exclusivity test. */
const CONCURRENT_ROUNDS = 40;

function session(id: string, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return { id, agent: 'claude-code', mode: 'intervene', stepCount: 0, transcriptOffset: 0, ...overrides };
}

function step(sessionId: string, index: number, overrides: Partial<StepRecord> = {}): StepRecord {
  return { sessionId, index, stepId: `step-${index}`, kind: 'tool-call', tool: 'Bash', isError: false, summary: `npm test #${index}`, sourceLine: index + 1, ...overrides };
}

function intervention(sessionId: string, id: string, stepIndex: number): InterventionRecord {
  return {
    id, sessionId, step: stepIndex, signature: 'loop:npm test', category: 'infinite-loop', messageId: 'repeated', level: 1,
    guidance: 'wink (course correction): stop repeating npm test', arm: 'treatment', delivered: true, channel: 'additional-context', source: 'deterministic',
  };
}

function finding(sessionId: string, stepIndex: number): FindingRecord {
  return {
    sessionId, step: stepIndex, detector: 'repeated-tool-call', category: 'infinite-loop', messageId: 'repeated', signature: 'loop:npm test',
    confidence: 0.9, data: { tool: 'Bash', count: 3 }, evidenceSteps: [1, 3, 5], source: 'deterministic', arm: 'treatment', delivered: true,
  };
}

function llmCheck(sessionId: string, jobId: string, overrides: Partial<LlmCheckRecord> = {}): LlmCheckRecord {
  return {
    sessionId, jobId, attempt: 1, category: 'infinite-loop', status: 'ok', model: 'openai:gpt-4o-mini', misbehaving: true, calls: 1,
    inputTokens: 500, outputTokens: 40, cachedInputTokens: 300, cacheWriteInputTokens: 0, costUsd: 0.001, ...overrides,
  };
}

/** Registers the contract suite for one driver. */
export function runStoreContract(driverName: string, factory: StoreFactory): void {
  describe(`store contract: ${driverName}`, () => {
    let store: WinkStore;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      if (factory.destroy) await factory.destroy(store);
      else await store.close();
    });

    it('creates a session and round-trips every field, JSON state included', async () => {
      const state = { version: 1, ladders: { a: { level: 2 } }, text: 'quote " and \n newline' };
      await store.withSession('s1', async (access) => {
        expect(access.session).toBeUndefined();
        await access.saveSession(session('s1', { model: 'claude-sonnet-4-5', environment: 'cli', sourceFile: '/tmp/t.jsonl', workingDirectory: '/w', arm: 'treatment', startedAt: '2025-01-01T00:00:00Z', stepCount: 7, transcriptOffset: 1234, observerState: state, integrationState: { pending: null } }));
      });
      const saved = await store.getSession('s1');
      expect(saved).toMatchObject({ id: 's1', agent: 'claude-code', model: 'claude-sonnet-4-5', environment: 'cli', sourceFile: '/tmp/t.jsonl', workingDirectory: '/w', mode: 'intervene', arm: 'treatment', stepCount: 7, transcriptOffset: 1234, observerState: state, integrationState: { pending: null } });
      expect(typeof saved?.updatedAt).toBe('string');
      await store.withSession('s1', async (access) => {
        expect(access.session?.transcriptOffset).toBe(1234);
        await access.saveSession({ ...(access.session as SessionRecord), transcriptOffset: 2000, endedAt: '2025-01-01T01:00:00Z' });
      });
      expect(await store.getSession('s1')).toMatchObject({ transcriptOffset: 2000, endedAt: '2025-01-01T01:00:00Z', stepCount: 7 });
      expect(await store.getSession('missing')).toBeUndefined();
    });

    it('keeps a count of reader diagnostics per session, which a save without it leaves alone', async () => {
      await store.withSession('fresh', async (access) => access.saveSession(session('fresh')));
      expect((await store.getSession('fresh'))?.diagnosticCount).toBe(0);
      await store.withSession('s1', async (access) => access.saveSession(session('s1', { diagnosticCount: 2 })));
      expect((await store.getSession('s1'))?.diagnosticCount).toBe(2);
      await store.withSession('s1', async (access) => {
        const { diagnosticCount: _unknown, ...withoutCount } = access.session as SessionRecord;
        await access.saveSession({ ...withoutCount, stepCount: 9 });
      });
      expect(await store.getSession('s1')).toMatchObject({ diagnosticCount: 2, stepCount: 9 });
      await store.withSession('s1', async (access) => access.saveSession({ ...(access.session as SessionRecord), diagnosticCount: (access.session?.diagnosticCount ?? 0) + 3 }));
      expect((await store.getSession('s1'))?.diagnosticCount).toBe(5);
      const listed = await store.listSessions();
      expect(listed.items.map((item) => [item.id, item.diagnosticCount]).sort()).toEqual([
        ['fresh', 0],
        ['s1', 5],
      ]);
    });

    it('stores each step once, whatever the retries, and pages them in order', async () => {
      await store.withSession('s1', async (access) => {
        await access.saveSession(session('s1'));
        expect(await access.addSteps([step('s1', 0), step('s1', 1), step('s1', 2)])).toBe(3);
        expect(await access.addSteps([step('s1', 1), step('s1', 3, { stepId: 'step-2' }), step('s1', 3)])).toBe(1);
      });
      const page = await store.listSteps('s1', { limit: 2, offset: 1 });
      expect(page.total).toBe(4);
      expect(page.items.map((item) => item.index)).toEqual([1, 2]);
      expect(page.items[0]).toMatchObject({ stepId: 'step-1', kind: 'tool-call', tool: 'Bash', isError: false, sourceLine: 2 });
    });

    it('cuts step summaries to 200 characters', async () => {
      await store.withSession('s1', async (access) => {
        await access.addSteps([step('s1', 0, { summary: 'x'.repeat(500) })]);
      });
      expect((await store.listSteps('s1')).items[0].summary).toHaveLength(200);
    });

    it('records findings and interventions, an intervention id once, and recovery outcomes later', async () => {
      await store.withSession('s1', async (access) => {
        await access.addFindings([finding('s1', 5)]);
        expect(await access.addInterventions([intervention('s1', 's1#5#1', 5)])).toBe(1);
        expect(await access.addInterventions([intervention('s1', 's1#5#1', 5), intervention('s1', 's1#9#2', 9)])).toBe(1);
      });
      await store.withSession('s1', async (access) => {
        await access.updateRecoveries([{ interventionId: 's1#5#1', outcome: 'recovered', step: 20, reason: 'no recurrence' }]);
      });
      const findings = await store.listFindings('s1');
      expect(findings.total).toBe(1);
      expect(findings.items[0]).toMatchObject({ step: 5, detector: 'repeated-tool-call', data: { tool: 'Bash', count: 3 }, evidenceSteps: [1, 3, 5], arm: 'treatment', delivered: true });
      const interventions = await store.listInterventions('s1');
      expect(interventions.total).toBe(2);
      expect(interventions.items[0]).toMatchObject({ id: 's1#5#1', level: 1, channel: 'additional-context', delivered: true, recoveryOutcome: 'recovered', recoveryStep: 20, recoveryReason: 'no recurrence' });
      expect(interventions.items[1].recoveryOutcome).toBeUndefined();
      expect((await store.listInterventions('s1', { limit: 1, offset: 1 })).items.map((item) => item.id)).toEqual(['s1#9#2']);
    });

    it('lists sessions by agent and model, newest first, with a total', async () => {
      for (const [id, agent, model] of [['a', 'claude-code', 'm1'], ['b', 'codex', 'm2'], ['c', 'claude-code', 'm2']] as const) {
        await store.withSession(id, async (access) => access.saveSession(session(id, { agent, model })));
      }
      expect((await store.listSessions({ agent: 'claude-code' })).items.map((item) => item.id).sort()).toEqual(['a', 'c']);
      expect((await store.listSessions({ model: 'm2' })).total).toBe(2);
      const all = await store.listSessions({ limit: 2 });
      expect(all.total).toBe(3);
      expect(all.items).toHaveLength(2);
      expect((await store.listSessions({ since: '2999-01-01T00:00:00Z' })).total).toBe(0);
    });

    it('enqueues a job id once and runs it through claim, finish and consumption', async () => {
      expect(await store.enqueueJob({ id: 's1#check-1', sessionId: 's1', upToStep: 4 })).toBe(true);
      expect(await store.enqueueJob({ id: 's1#check-1', sessionId: 's1', upToStep: 4 })).toBe(false);
      expect(await store.getJob('s1#check-1')).toMatchObject({ status: 'queued', attempts: 0, consumed: false });
      const claimed = await store.claimJob('s1#check-1');
      expect(claimed).toMatchObject({ status: 'running', attempts: 1 });
      expect(await store.claimJob('s1#check-1')).toBeUndefined();
      await store.finishJob('s1#check-1', { result: { jobId: 's1#check-1', findings: [] } });
      await store.withSession('s1', async (access) => {
        const finished = await access.finishedJobs();
        expect(finished.map((job) => job.id)).toEqual(['s1#check-1']);
        expect(finished[0].result).toEqual({ jobId: 's1#check-1', findings: [] });
        await access.markJobsConsumed(['s1#check-1']);
      });
      await store.withSession('s1', async (access) => expect(await access.finishedJobs()).toEqual([]));
      expect(await store.getJob('s1#check-1')).toMatchObject({ status: 'done', consumed: true });
    });

    it('lets a failed job be claimed again (retry) and keeps its error', async () => {
      await store.withSession('s1', async (access) => expect(await access.enqueueJob({ id: 'j', sessionId: 's1', upToStep: 1 })).toBe(true));
      await store.claimJob('j');
      await store.finishJob('j', { error: 'model unreachable' });
      expect(await store.getJob('j')).toMatchObject({ status: 'failed', error: 'model unreachable' });
      expect(await store.claimJob('j')).toMatchObject({ status: 'running', attempts: 2 });
    });

    it('lists the jobs of a session, the latest first', async () => {
      await store.enqueueJob({ id: 's1#check-1', sessionId: 's1', upToStep: 4 });
      await store.enqueueJob({ id: 's1#check-2', sessionId: 's1', upToStep: 9 });
      await store.enqueueJob({ id: 's2#check-1', sessionId: 's2', upToStep: 4 });
      await store.claimJob('s1#check-1');
      await store.finishJob('s1#check-1', { result: { jobId: 's1#check-1', findings: [], state: { lastCheckedStep: 4 } } });
      const page = await store.listJobs('s1');
      expect(page.total).toBe(2);
      expect(page.items.map((job) => [job.id, job.status])).toEqual([['s1#check-2', 'queued'], ['s1#check-1', 'done']]);
      expect(page.items[1].result).toEqual({ jobId: 's1#check-1', findings: [], state: { lastCheckedStep: 4 } });
      expect((await store.listJobs('s1', { limit: 1, offset: 1 })).items.map((job) => job.id)).toEqual(['s1#check-1']);
      expect((await store.listJobs('missing')).total).toBe(0);
    });

    it('stores LLM checks once per job, attempt and category, and sums their tokens per session', async () => {
      const first = [llmCheck('s1', 's1#check-1'), llmCheck('s1', 's1#check-1', { category: 'tool-call-failure', misbehaving: false, costUsd: 0.002 })];
      expect(await store.addLlmChecks(first)).toBe(2);
      expect(await store.addLlmChecks(first)).toBe(0);
      // A retry is a new attempt; a job-level record has no category.
      expect(await store.addLlmChecks([llmCheck('s1', 's1#check-1', { attempt: 2 }), llmCheck('s1', 's1#check-2', { category: undefined, status: 'budget-exceeded', misbehaving: undefined, reason: 'session token budget', calls: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, costUsd: 0 })])).toBe(2);
      await store.withSession('s2', async (access) => {
        await access.saveSession(session('s2'));
        expect(await store.addLlmChecks([llmCheck('s2', 's2#check-1', { status: 'unavailable', misbehaving: undefined, reason: 'malformed-output', cacheWriteInputTokens: 100 })])).toBe(1);
      });
      const checks = await store.listLlmChecks('s1');
      expect(checks.total).toBe(4);
      expect(checks.items[0]).toMatchObject({ sessionId: 's1', jobId: 's1#check-1', attempt: 1, category: 'infinite-loop', status: 'ok', model: 'openai:gpt-4o-mini', misbehaving: true, calls: 1, inputTokens: 500, outputTokens: 40, cachedInputTokens: 300, cacheWriteInputTokens: 0, costUsd: 0.001 });
      expect(typeof checks.items[0].createdAt).toBe('string');
      expect(checks.items[1].misbehaving).toBe(false);
      expect(checks.items[3]).toMatchObject({ jobId: 's1#check-2', status: 'budget-exceeded', reason: 'session token budget', calls: 0 });
      expect(checks.items[3].category).toBeUndefined();
      expect(checks.items[3].misbehaving).toBeUndefined();
      expect((await store.listLlmChecks('s1', { limit: 1, offset: 2 })).items.map((check) => check.attempt)).toEqual([2]);
      const usage = await store.llmUsage('s1');
      expect(usage).toMatchObject({ checks: 4, calls: 3, inputTokens: 1500, outputTokens: 120, cachedInputTokens: 900, cacheWriteInputTokens: 0 });
      expect(usage.costUsd).toBeCloseTo(0.004, 10);
      expect(await store.llmUsage('s2')).toMatchObject({ checks: 1, inputTokens: 500, cacheWriteInputTokens: 100, costUsd: 0.001 });
      expect((await store.llmUsage()).inputTokens).toBe(2000);
      expect(await store.llmUsage('missing')).toEqual({ checks: 0, calls: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteInputTokens: 0, costUsd: 0 });
    });

    it('discards everything written inside withSession when the work throws', async () => {
      await expect(
        store.withSession('s1', async (access) => {
          await access.saveSession(session('s1'));
          await access.addSteps([step('s1', 0)]);
          throw new Error('budget exceeded');
        }),
      ).rejects.toThrow('budget exceeded');
      expect(await store.getSession('s1')).toBeUndefined();
      expect((await store.listSteps('s1')).total).toBe(0);
      await store.withSession('s1', async (access) => access.saveSession(session('s1')));
      expect(await store.getSession('s1')).toBeDefined();
    });

    it('gives exclusive read-modify-write access: concurrent increments are never lost', async () => {
      await Promise.all(
        Array.from({ length: CONCURRENT_ROUNDS }, () =>
          store.withSession('counter', async (access) => {
            const current = access.session?.stepCount ?? 0;
            await new Promise((resolve) => setTimeout(resolve, 0));
            await access.addSteps([step('counter', current)]);
            await access.saveSession(session('counter', { stepCount: current + 1 }));
          }),
        ),
      );
      expect((await store.getSession('counter'))?.stepCount).toBe(CONCURRENT_ROUNDS);
      expect((await store.listSteps('counter', { limit: 1000 })).total).toBe(CONCURRENT_ROUNDS);
    });
  });
}
