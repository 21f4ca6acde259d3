/**
 * The observer on hostile trajectories: observing, checking a proposed call and checking a stop never throw, and
 * guidance that quotes hostile text carries no reminder tag but wink's own wrapper (a tool output that imitates
 * `<system-reminder>` must not open or close one in the agent's context).
 */
import { describe, expect, it } from 'vitest';
import { allDetectors } from '../../src/detectors/index.js';
import { Observer } from '../../src/observer/observer.js';
import type { SessionMetadata } from '../../src/trajectory/session.js';
import { allHostileTexts, corpusTexts } from './hostile-texts.js';
import { HOSTILE_PLACEMENTS } from './hostile-trajectories.js';

/** Ceiling for one hostile trajectory through the observer (linear code: well under 100 ms). */
const CEILING_MILLISECONDS_PER_TRAJECTORY = 5_000;
/** Reminder-like tags, wink's own and look-alikes. */
const REMINDER_TAG = /<\/?\s*(?:system-reminder|system_reminder|hook_context|post-tool-use-hook)/gi;

function observerFor(session: SessionMetadata): Observer {
  return new Observer({ session, detectors: allDetectors, settings: { mode: 'intervene' } });
}

const cases = allHostileTexts().flatMap((hostile) => HOSTILE_PLACEMENTS.map((placement) => ({ text: hostile.name, place: placement.place, hostile, placement })));

describe('the observer on hostile text', () => {
  it.each(cases)('$text in the $place', ({ hostile, placement }) => {
    const trajectory = placement.build(hostile.text);
    const observer = observerFor(trajectory.session);
    const started = performance.now();
    for (const step of trajectory.steps) {
      const outcome = observer.observe(step);
      // wink's own wrapper opens and closes once; nothing quoted adds a tag.
      if (outcome.guidance) expect(outcome.guidance.match(REMINDER_TAG)?.length ?? 0).toBeLessThanOrEqual(2);
    }
    const decision = observer.checkProposedCall('Bash', { command: hostile.text });
    expect(['allow', 'warn', 'deny', 'ask']).toContain(decision.decision);
    const stop = observer.checkStop(hostile.text, false);
    expect(stop).toBeDefined();
    observer.end();
    expect(JSON.parse(JSON.stringify(observer.snapshot()))).toBeDefined();
    expect(performance.now() - started).toBeLessThan(CEILING_MILLISECONDS_PER_TRAJECTORY);
  });

  it('defuses reminder look-alikes quoted as evidence in guidance', () => {
    const lookalike = corpusTexts().find((hostile) => hostile.name.includes('reminder-lookalike'));
    expect(lookalike).toBeDefined();
    // Three failures with the same look-alike output: the failure detectors quote it.
    const placement = HOSTILE_PLACEMENTS.find((candidate) => candidate.place === 'error output');
    const trajectory = placement?.build(lookalike?.text ?? '');
    if (!trajectory) throw new Error('no error-output placement');
    const observer = observerFor(trajectory.session);
    const guidance = trajectory.steps.map((step) => observer.observe(step).guidance).filter((text): text is string => text !== undefined);
    expect(guidance.length).toBeGreaterThan(0);
    for (const text of guidance) expect(text.match(REMINDER_TAG)?.length ?? 0).toBeLessThanOrEqual(2);
  });
});
