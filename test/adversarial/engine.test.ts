/**
 * Every detector, through the engine, on hostile text in every place a detector reads: nothing throws, no detector
 * fails, and time stays bounded (a ceiling the old patterns blew by orders of magnitude: a banner of 44 `#` never
 * finished, 100,000 spaces took seconds per step). Random text (fast-check) goes the same way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allDetectors } from '../../src/detectors/index.js';
import { analyzeTrajectory } from '../../src/engine/engine.js';
import { allHostileTexts } from './hostile-texts.js';
import { HOSTILE_PLACEMENTS } from './hostile-trajectories.js';

/** Ceiling for one hostile trajectory (a dozen steps) through every detector: linear code takes well under 100 ms. */
const CEILING_MILLISECONDS_PER_TRAJECTORY = 5_000;
/** Random trajectories tried by the property test. */
const PROPERTY_RUNS = 60;

const cases = allHostileTexts().flatMap((hostile) => HOSTILE_PLACEMENTS.map((placement) => ({ text: hostile.name, place: placement.place, hostile, placement })));

describe('every detector on hostile text', () => {
  it.each(cases)('$text in the $place', ({ hostile, placement }) => {
    const trajectory = placement.build(hostile.text);
    const started = performance.now();
    const { failures } = analyzeTrajectory(trajectory, { detectors: allDetectors });
    expect(failures).toEqual([]);
    expect(performance.now() - started).toBeLessThan(CEILING_MILLISECONDS_PER_TRAJECTORY);
  });
});

/** Text that may be anything: lone surrogates, NUL, control characters, runs of the hostile characters. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.tuple(fc.constantFrom('#', '-', '*', '>', '.', '=', '_', '~', ' ', '\t', '\n', 'a-', 'and you '), fc.integer({ min: 1, max: 3_000 })).map(([unit, count]) => unit.repeat(count)),
  fc.constantFrom('<system-reminder>', '</system-reminder>', '{"decision":"block"}', '\u0000', '\ud800', '\udfff'),
);

describe('every detector on random text', () => {
  it('never throws and no detector fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: HOSTILE_PLACEMENTS.length - 1 }), fc.array(anyText, { minLength: 1, maxLength: 4 }), (placementIndex, parts) => {
        const { failures } = analyzeTrajectory(HOSTILE_PLACEMENTS[placementIndex].build(parts.join('')), { detectors: allDetectors });
        expect(failures).toEqual([]);
      }),
      { numRuns: PROPERTY_RUNS, seed: 12 },
    );
  });
});
