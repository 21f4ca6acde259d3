/**
 * The real-world fixtures (test/fixtures/real-world/): each committed transcript is what its generator writes,
 * wink's episodes on it are exactly the misbehaviors a developer would name, and replaying it through the
 * observer delivers guidance only about those — never about what an instruction asked for.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allDetectors } from '../../src/detectors/index.js';
import { analyzeFile } from '../../src/engine/analyze-file.js';
import { readFileTrajectories } from '../../src/formats/read.js';
import { interventionsOf, replayTrajectory } from '../../src/observer/replay.js';
import { realWorldSessions } from '../fixtures/real-world/sessions.js';
import { fixture } from '../support/shared-data.js';

const sessions = realWorldSessions();

function fileOf(name: string, sessionId: string): string {
  return fixture(join('real-world', 'claude-code', name, `${sessionId}.jsonl`));
}

describe('real-world fixtures', () => {
  for (const session of sessions) {
    describe(session.name, () => {
      const file = fileOf(session.name, session.writer.sessionId);

      it('is the committed transcript its generator writes (npm run fixtures)', async () => {
        expect((await readFile(file, 'utf8')).trimEnd().split('\n')).toEqual(session.writer.lines());
        for (const [agentId, lines] of session.writer.subagentFiles()) {
          const subagentFile = fixture(join('real-world', 'claude-code', session.name, session.writer.sessionId, 'subagents', `agent-${agentId}.jsonl`));
          expect((await readFile(subagentFile, 'utf8')).trimEnd().split('\n')).toEqual(lines);
        }
      });

      it(session.expected.length === 0 ? 'has no findings' : `has exactly its episodes: ${session.expected.join(', ')}`, async () => {
        const analysis = await analyzeFile(file);
        expect(analysis.error).toBeUndefined();
        // A transcript the reader has to repair (a call id used twice) would not be the session it stands for.
        expect(analysis.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([]);
        expect(analysis.trajectories.flatMap((trajectory) => trajectory.findings.map((finding) => `${finding.detector}/${finding.messageId}`))).toEqual(session.expected);
      });

      it('delivers guidance only about those episodes', async () => {
        const { trajectories } = await readFileTrajectories(file);
        const replay = replayTrajectory(trajectories[0], { detectors: allDetectors });
        const delivered = interventionsOf(replay).filter((intervention) => intervention.delivered);
        const allowed = new Set(session.guidance ?? []);
        for (const intervention of delivered) expect(allowed.has(intervention.messageId), `${intervention.messageId}: ${intervention.guidance}`).toBe(true);
        if (session.expected.length === 0) {
          expect(delivered).toEqual([]);
          expect(replay.ending.stopBlocked).toBe(false);
        }
      });
    });
  }
});
