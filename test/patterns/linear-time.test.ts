/**
 * Every pattern wink applies to agent or user text matches in linear time: recheck finds no input that makes it
 * backtrack or move super-linearly. Covers regex literals anywhere in the core and integration folders (also the
 * ones inside functions), every RegExp the modules export (also inside tables), and the patterns built at run time
 * (the registry in runtime-pattern-builders.ts). Verdicts come from redos-verdicts.json when the pattern is
 * unchanged; a pattern without one is checked now (slow: run `npm run check-patterns` to record it).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectPatterns, dynamicPatternSites, scannedSourceFiles, type CollectedPattern } from './collect-patterns.js';
import { checkPattern, readVerdicts, verdictKey, type Verdict } from './redos-check.js';
import { RUNTIME_PATTERN_BUILDERS } from './runtime-pattern-builders.js';

const ROOT = join(import.meta.dirname, '..', '..');
/** Collecting imports every core module; checking a new pattern can take a minute. */
const COLLECTION_TIMEOUT_MILLISECONDS = 120_000;
/** Time allowed to check the patterns that have no recorded verdict. */
const LIVE_CHECK_TIMEOUT_MILLISECONDS = 600_000;

type Collected = CollectedPattern & { alsoNamed: string[] };

let patterns: Collected[] = [];
const verdicts = new Map<string, Verdict>();
const recorded = readVerdicts();

beforeAll(async () => {
  patterns = await collectPatterns(ROOT);
}, COLLECTION_TIMEOUT_MILLISECONDS);

describe('the pattern collection', () => {
  it.each([
    { what: 'an exported pattern assembled with new RegExp (constraint table)', name: 'src/detectors/constraints/patterns.ts#FORBIDDEN_EDIT' },
    { what: 'a pattern inside an exported table', name: 'src/detectors/failure-classifier.ts#TOOL_LEVEL_AGENT_PATTERNS[0].pattern' },
    { what: 'a literal that is not exported', name: 'src/detectors/constraints/claims.ts:' },
    { what: 'a literal inside a function body', name: 'src/trajectory/shell-effects.ts:' },
    { what: 'a pattern from a runtime builder', name: 'builder:keyed line lookups of the ATIF and OTel readers[0]' },
  ])('finds $what', ({ name }) => {
    expect(patterns.some((pattern) => [pattern.name, ...pattern.alsoNamed].some((found) => found.startsWith(name)))).toBe(true);
  });

  it('registers every file that builds a pattern from a non-constant string', () => {
    const unregistered: string[] = [];
    for (const path of scannedSourceFiles(ROOT)) {
      const file = path.slice(ROOT.length + 1);
      const sites = dynamicPatternSites(ROOT, path);
      const registered = RUNTIME_PATTERN_BUILDERS.filter((builder) => builder.file === file).reduce((total, builder) => total + builder.sites, 0);
      if (sites !== registered) unregistered.push(`${file}: ${sites} non-constant RegExp calls, ${registered} registered in runtime-pattern-builders.ts`);
    }
    expect(unregistered).toEqual([]);
  });
});

describe('linear-time patterns (recheck)', () => {
  beforeAll(async () => {
    for (const pattern of patterns) {
      const key = verdictKey(pattern.source, pattern.flags);
      verdicts.set(key, recorded[key] ?? (await checkPattern(pattern.source, pattern.flags)));
    }
  }, LIVE_CHECK_TIMEOUT_MILLISECONDS);

  it('has a recorded verdict for every pattern, and none for patterns that are gone (npm run check-patterns)', () => {
    const keys = new Set(patterns.map((pattern) => verdictKey(pattern.source, pattern.flags)));
    expect({ missing: patterns.filter((pattern) => !(verdictKey(pattern.source, pattern.flags) in recorded)).map((pattern) => pattern.name), stale: Object.keys(recorded).filter((key) => !keys.has(key)) }).toEqual({ missing: [], stale: [] });
  });

  it('finds no pattern that can take super-linear time', () => {
    const flagged = patterns
      .filter((pattern) => verdicts.get(verdictKey(pattern.source, pattern.flags))?.status !== 'safe')
      .map((pattern) => ({ name: pattern.name, ...verdicts.get(verdictKey(pattern.source, pattern.flags)) }));
    expect(flagged).toEqual([]);
  });
});
