/**
 * Nuisance rate: reminders wink would deliver per 100 steps, replaying recorded sessions through the observer
 * in intervene mode (guidance after steps, and a Stop block when a turn ends), on the sessions where the
 * developer never corrected the agent (no developer-pushback signal) — the sessions where any reminder is at
 * best unneeded. Target: at most 1 per 100 steps. Also, for every set: reminders on all sessions, and the
 * sessions that got any.
 *
 * Sets: the real users' sessions in shared/ (Claude Code, Codex and SpecStory histories), wink's own real-world fixtures
 * (test/fixtures/real-world, modelled on real developer sessions; their misbehaviors are deliberate), and
 * the benchmark runs in shared/ (no developer in the loop). Runs under `bench/run.ts` or alone:
 * `npx tsx bench/nuisance.bench.ts`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { allDetectors } from '../src/detectors/index.js';
import { listInputFiles } from '../src/engine/analyze-files.js';
import { readFileTrajectories } from '../src/formats/read.js';
import { findingsOf, interventionsOf, replayTrajectory } from '../src/observer/replay.js';
import { realWorldSessions } from '../test/fixtures/real-world/sessions.js';
import { renderTable, type BenchmarkTable } from './table.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHARED = join(ROOT, '..', 'shared', 'data', 'real-trajectories');

/** The session sets replayed, in the order shown. */
const FIXTURES = join(ROOT, 'test', 'fixtures', 'real-world', 'claude-code');
const fixtures = realWorldSessions();
const SETS: ReadonlyArray<{ name: string; paths: string[] }> = [
  { name: 'real users (Claude Code, Codex, SpecStory)', paths: [join(SHARED, 'real-users', 'claude'), join(SHARED, 'real-users', 'codex'), join(SHARED, 'real-users', 'specstory')] },
  { name: 'real-world fixtures without a misbehavior', paths: fixtures.filter((session) => session.expected.length === 0).map((session) => join(FIXTURES, session.name)) },
  { name: 'real-world fixtures with misbehaviors', paths: fixtures.filter((session) => session.expected.length > 0).map((session) => join(FIXTURES, session.name)) },
  { name: 'mini-swe-agent (SWE-bench)', paths: [join(SHARED, 'mini-swe-agent-gemini3')] },
  { name: 'SWE-agent', paths: [join(SHARED, 'swe-agent')] },
  { name: 'OpenHands', paths: [join(SHARED, 'openhands')] },
  { name: 'TRAIL GAIA (smolagents)', paths: [join(SHARED, 'trail-gaia')] },
];

interface Tally {
  sessions: number;
  steps: number;
  reminders: number;
  sessionsReminded: number;
  quietSessions: number;
  quietSteps: number;
  quietReminders: number;
}

function perHundred(reminders: number, steps: number): string {
  return steps === 0 ? '—' : ((reminders * 100) / steps).toFixed(2);
}

async function tally(paths: string[]): Promise<Tally> {
  const counts: Tally = { sessions: 0, steps: 0, reminders: 0, sessionsReminded: 0, quietSessions: 0, quietSteps: 0, quietReminders: 0 };
  const existing = paths.filter((path) => existsSync(path));
  if (existing.length === 0) return counts;
  const files = await listInputFiles(existing);
  for (const file of files) {
    let trajectories;
    try {
      trajectories = (await readFileTrajectories(file)).trajectories;
    } catch {
      continue;
    }
    for (const trajectory of trajectories) {
      const replay = replayTrajectory(trajectory, { detectors: allDetectors });
      const delivered = interventionsOf(replay).filter((intervention) => intervention.delivered).length;
      const stops = replay.entries.filter((entry) => entry.stop?.blocked).length + (replay.ending.stopBlocked ? 1 : 0);
      const reminders = delivered + stops;
      const corrected = findingsOf(replay).some((finding) => finding.signal === true && finding.detector === 'developer-pushback');
      counts.sessions++;
      counts.steps += trajectory.steps.length;
      counts.reminders += reminders;
      if (reminders > 0) counts.sessionsReminded++;
      if (!corrected) {
        counts.quietSessions++;
        counts.quietSteps += trajectory.steps.length;
        counts.quietReminders += reminders;
      }
    }
  }
  return counts;
}

export async function run(): Promise<BenchmarkTable> {
  const rows: (string | number)[][] = [];
  for (const set of SETS) {
    const counts = await tally(set.paths);
    if (counts.sessions === 0) continue;
    rows.push([set.name, counts.sessions, counts.steps, counts.sessionsReminded, counts.reminders, perHundred(counts.reminders, counts.steps), counts.quietSessions, perHundred(counts.quietReminders, counts.quietSteps)]);
  }
  return {
    title: 'Nuisance rate: reminders delivered per 100 steps, replaying sessions through the observer (intervene mode)',
    columns: ['set', 'sessions', 'steps', 'sessions reminded', 'reminders', 'per 100 steps', 'never corrected', 'per 100 steps (never corrected)'],
    rows,
    notes: [
      'A reminder is guidance delivered after a step, or a Stop block at the end of a turn. "Never corrected": no developer-pushback signal in the session.',
      'Target: at most 1 reminder per 100 steps on sessions the developer never corrected. The real-world fixtures hold deliberate misbehaviors; the benchmark runs have no developer.',
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.stdout.write(`${renderTable(await run())}\n`);
