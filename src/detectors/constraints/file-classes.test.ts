import { describe, expect, it } from 'vitest';
import { classOfFile, isCacheOrLeftover } from './file-classes.js';

describe('isCacheOrLeftover: files that are not the project\'s', () => {
  it.each<{ path: string; expected: boolean }>([
    { path: 'tests/__pycache__/test_a.cpython-311.pyc', expected: true },
    { path: '.pytest_cache', expected: true },
    { path: 'setup.cfg.orig', expected: true },
    { path: 'setup.cfg', expected: false },
    { path: 'tmp/setup.cfg', expected: false },
    { path: '/tmp/setup.cfg', expected: false },
    { path: 'src/tmp/cache.py', expected: false },
    { path: '/testbed/setup.cfg', expected: false },
  ])('$path', ({ path, expected }) => {
    expect(isCacheOrLeftover(path)).toBe(expected);
  });
});

describe('classOfFile', () => {
  it.each<{ path: string; expected: string | undefined }>([
    { path: 'tests/unit/conftest.py', expected: 'test' },
    { path: 'pkg/test_models.py', expected: 'test' },
    { path: 'setup.cfg', expected: 'config' },
    { path: 'tests/setup.cfg', expected: 'test' },
    { path: 'package-lock.json', expected: 'lock' },
    { path: '.github/workflows/ci.yml', expected: 'ci' },
    { path: 'docs/index.md', expected: 'docs' },
    { path: 'FIX_SUMMARY.md', expected: 'summary-document' },
    { path: 'reproduce_issue.py', expected: 'scratch' },
    { path: 'src/models.py', expected: undefined },
  ])('$path', ({ path, expected }) => {
    expect(classOfFile(path)).toBe(expected);
  });
});
