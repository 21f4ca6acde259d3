import { describe, expect, it } from 'vitest';
import { globMatches, MAXIMUM_GLOB_CHARACTERS, MAXIMUM_GLOB_MATCHED_PATH_CHARACTERS } from './glob.js';

/** Generous ceiling for one match on a hostile glob and path (the walk takes well under a millisecond). */
const CEILING_MILLISECONDS = 500;

describe('globMatches', () => {
  it.each([
    { glob: 'tests/**/*.py', path: 'tests/unit/test_a.py', expected: true },
    { glob: 'tests/**/*.py', path: 'tests/test_a.py', expected: true },
    { glob: 'tests/**/*.py', path: 'src/tests/test_a.py', expected: false },
    { glob: 'tests/**/*.py', path: 'tests/unit/test_a.pyc', expected: false },
    { glob: '*.lock', path: 'a/b/yarn.lock', expected: true },
    { glob: '*.lock', path: 'yarn.lock', expected: true },
    { glob: '*.lock', path: 'a/yarn.lock/b', expected: false },
    { glob: 'src/*.ts', path: 'src/a.ts', expected: true },
    { glob: 'src/*.ts', path: 'src/deep/a.ts', expected: false },
    { glob: 'docs/**', path: 'docs/a/b.md', expected: true },
    { glob: 'file?.txt', path: 'file1.txt', expected: true },
    { glob: 'file?.txt', path: 'file/.txt', expected: false },
    { glob: 'a.b', path: 'aXb', expected: false },
    { glob: '**/*.test.ts', path: 'src/x.test.ts', expected: true },
    { glob: '*', path: 'anything', expected: true },
  ])('$glob against $path is $expected', ({ glob, path, expected }) => {
    expect(globMatches(glob, path)).toBe(expected);
  });

  it('matches nothing past its caps', () => {
    expect(globMatches('*'.repeat(MAXIMUM_GLOB_CHARACTERS + 1), 'a')).toBe(false);
    expect(globMatches('**', 'a'.repeat(MAXIMUM_GLOB_MATCHED_PATH_CHARACTERS + 1))).toBe(false);
  });

  it('stays fast on a glob of many stars against the longest path it accepts', () => {
    const glob = '*a'.repeat(MAXIMUM_GLOB_CHARACTERS / 2 - 1) + 'b';
    const path = 'a'.repeat(MAXIMUM_GLOB_MATCHED_PATH_CHARACTERS);
    const started = performance.now();
    expect(globMatches(glob, path)).toBe(false);
    expect(performance.now() - started).toBeLessThan(CEILING_MILLISECONDS);
  });
});
