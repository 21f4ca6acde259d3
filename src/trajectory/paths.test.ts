import { describe, expect, it } from 'vitest';
import { MAXIMUM_NORMALIZED_PATH_CHARACTERS, normalizePath, pathInFolder } from './paths.js';

describe('normalizePath', () => {
  const long = `a/${'b/'.repeat(MAXIMUM_NORMALIZED_PATH_CHARACTERS / 2)}./c`;
  it.each<{ path: string; workingDirectory?: string; expected: string }>([
    { path: './src/a.ts', expected: 'src/a.ts' },
    { path: 'src//b/../a.ts', expected: 'src/a.ts' },
    { path: ' src\\win\\a.ts ', expected: 'src/win/a.ts' },
    { path: '../up/a.ts', expected: '../up/a.ts' },
    { path: '/repo/src/a.ts', workingDirectory: '/repo/', expected: 'src/a.ts' },
    { path: '/repo', workingDirectory: '/repo', expected: '.' },
    { path: '/other/a.ts', workingDirectory: '/repo', expected: '/other/a.ts' },
    { path: '', expected: '' },
    { path: `a/${'x'.repeat(MAXIMUM_NORMALIZED_PATH_CHARACTERS - 10)}/./b`, expected: `a/${'x'.repeat(MAXIMUM_NORMALIZED_PATH_CHARACTERS - 10)}/b` },
    { path: ` ${long} `, expected: long },
  ])('$path (in $workingDirectory)', ({ path, workingDirectory, expected }) => {
    expect(normalizePath(path, workingDirectory)).toBe(expected);
  });
});

describe('pathInFolder', () => {
  it.each<{ path: string; folder: string; expected: string }>([
    { path: 'fix.py', folder: '', expected: 'fix.py' },
    { path: '../fix.py', folder: 'tools', expected: 'fix.py' },
    { path: 'a.py', folder: 'pkg/sub', expected: 'pkg/sub/a.py' },
    { path: '/abs/a.py', folder: 'pkg', expected: '/abs/a.py' },
    { path: '~/a.py', folder: 'pkg', expected: '~/a.py' },
    { path: '..', folder: 'pkg', expected: '.' },
  ])('$path in $folder', ({ path, folder, expected }) => {
    expect(pathInFolder(path, folder)).toBe(expected);
  });
});
