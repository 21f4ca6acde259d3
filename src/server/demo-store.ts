/**
 * Fills a store from replayed sessions, for `wink serve --demo`: each replay becomes a session with its
 * steps, findings, interventions (with the exact guidance) and recovery outcomes, as the hooks would have
 * recorded it live. One session can also be replayed slowly, a step at a time, so the dashboard shows a
 * session in progress.
 */
import type { Finding } from '../detectors/define.js';
import { findingRecord, interventionRecord, recoveryUpdate, stepRecord } from '../integrations/records.js';
import { ReplaySession, type ReplayEntry, type ReplayOptions, type ReplayResult } from '../observer/replay.js';
import type { SessionAccess, WinkStore } from '../store/types.js';
import type { SessionMetadata } from '../trajectory/session.js';
import type { Trajectory } from '../trajectory/trajectory.js';

/** Pause between two steps of the live demo session (milliseconds). */
export const DEFAULT_LIVE_STEP_INTERVAL_MS = 1500;

interface SessionFacts {
  session: SessionMetadata;
  mode: string;
  arm: string;
  /** Reader diagnostics of the session's log. */
  diagnosticCount: number;
}

async function recordEntries(access: SessionAccess, sessionId: string, facts: SessionFacts, entries: readonly ReplayEntry[], ending?: { findings: Finding[]; recoveries: ReplayResult['ending']['recoveries'] }): Promise<void> {
  const { arm } = facts;
  for (const entry of entries) {
    const delivered = new Set(entry.interventions.filter((item) => item.delivered).map((item) => item.signature));
    const sources = new Map(entry.interventions.map((item) => [item.signature, item.source]));
    await access.addSteps([stepRecord(sessionId, entry.step)]);
    await access.addFindings(entry.findings.map((finding) => findingRecord(sessionId, entry.step.index, finding, { source: sources.get(finding.signature) ?? 'deterministic', arm, delivered: delivered.has(finding.signature) })));
    await access.addInterventions(entry.interventions.map((intervention) => interventionRecord(sessionId, intervention, arm, 'additional-context')));
    await access.updateRecoveries(entry.recoveries.map(recoveryUpdate));
  }
  if (ending) {
    const lastStep = Math.max(0, (access.session?.stepCount ?? entries.length) - 1);
    await access.addFindings(ending.findings.map((finding) => findingRecord(sessionId, Math.max(lastStep, ...finding.steps), finding, { source: 'deterministic', arm, delivered: false })));
    await access.updateRecoveries(ending.recoveries.map(recoveryUpdate));
  }
}

async function saveSession(access: SessionAccess, sessionId: string, facts: SessionFacts, stepCount: number, lastTimestamp: string | undefined): Promise<void> {
  const { session } = facts;
  await access.saveSession({
    id: sessionId,
    agent: session.agent,
    model: session.model,
    environment: session.environment,
    sourceFile: session.sourceFile,
    workingDirectory: session.workingDirectory,
    mode: facts.mode,
    arm: facts.arm,
    startedAt: session.startedAt,
    endedAt: lastTimestamp ?? session.endedAt,
    stepCount,
    transcriptOffset: 0,
    diagnosticCount: facts.diagnosticCount,
  });
}

/** Records one whole replay as a session of the store, with the diagnostic count of its log. */
export async function recordReplay(store: WinkStore, result: ReplayResult, sessionId = result.session.id, diagnosticCount = 0): Promise<void> {
  const facts = { session: result.session, mode: result.mode, arm: result.arm, diagnosticCount };
  await store.withSession(sessionId, async (access) => {
    await saveSession(access, sessionId, facts, result.entries.length, result.session.endedAt);
    await recordEntries(access, sessionId, facts, result.entries, result.ending);
  });
}

/** A session being replayed slowly into the store. */
export interface LiveReplay {
  /** Resolves when every step is recorded (or the replay was stopped). */
  finished: Promise<void>;
  stop(): void;
}

/** Replays a trajectory into the store one step every `intervalMs`, as a session in progress. */
export function startLiveReplay(store: WinkStore, trajectory: Trajectory, options: ReplayOptions, sessionId: string, intervalMs = DEFAULT_LIVE_STEP_INTERVAL_MS, diagnosticCount = 0): LiveReplay {
  const replay = new ReplaySession({ ...trajectory.session, id: sessionId }, options);
  const facts = { session: { ...trajectory.session, endedAt: undefined }, mode: replay.observer.settings.mode, arm: replay.observer.arm, diagnosticCount };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: () => void = () => undefined;
  const pause = (): Promise<void> =>
    new Promise((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, intervalMs);
      timer.unref();
    });
  const run = async (): Promise<void> => {
    for (const step of trajectory.steps) {
      if (stopped) return;
      const entry = replay.observe(step);
      await store.withSession(sessionId, async (access) => {
        await recordEntries(access, sessionId, facts, [entry]);
        await saveSession(access, sessionId, facts, step.index + 1, step.timestamp);
      });
      await pause();
    }
    if (stopped) return;
    const ending = replay.end();
    await store.withSession(sessionId, async (access) => recordEntries(access, sessionId, facts, [], ending));
  };
  return {
    finished: run(),
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake();
    },
  };
}
