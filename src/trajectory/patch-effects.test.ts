import { describe, expect, it } from 'vitest';
import { diffHeaderPath, patchEffects } from './patch-effects.js';

type Files = { filesWritten?: string[]; filesEdited?: string[]; filesDeleted?: string[] };

describe('patchEffects', () => {
  it.each<{ name: string; patch: string; expected: Files }>([
    {
      name: 'Codex: add, update, delete and move',
      patch: '*** Begin Patch\n*** Add File: src/new.ts\n+export {};\n*** Update File: src/a.ts\n@@\n-old\n+new\n*** Delete File: src/gone.ts\n*** Update File: src/from.ts\n*** Move to: src/to.ts\n*** End Patch',
      expected: { filesWritten: ['src/new.ts', 'src/to.ts'], filesEdited: ['src/a.ts', 'src/from.ts'], filesDeleted: ['src/gone.ts', 'src/from.ts'] },
    },
    {
      name: 'unified diff: an edit, a new file and a removed one',
      patch: 'diff --git a/setup.cfg b/setup.cfg\n--- a/setup.cfg\n+++ b/setup.cfg\n@@ -1 +1 @@\n-a\n+b\n--- /dev/null\n+++ b/tests/test_new.py\n@@ -0,0 +1 @@\n+x\n--- a/tests/test_old.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-x',
      expected: { filesWritten: ['tests/test_new.py'], filesEdited: ['setup.cfg'], filesDeleted: ['tests/test_old.py'] },
    },
    {
      name: 'a removed file after an edited one leaves the edited one edited',
      patch: '--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1 +1 @@\n-a\n+b\n--- a/src/b.ts\n+++ /dev/null\n@@ -1 +0,0 @@\n-x',
      expected: { filesEdited: ['src/a.ts'], filesDeleted: ['src/b.ts'] },
    },
    {
      name: 'diff -u headers with timestamps',
      patch: '--- tox.ini\t2024-01-01 10:00:00.000000000 +0000\n+++ tox.ini\t2024-01-02 10:00:00.000000000 +0000\n@@ -1 +1 @@\n-a\n+b',
      expected: { filesEdited: ['tox.ini'], filesWritten: [], filesDeleted: [] },
    },
  ])('$name', ({ patch, expected }) => {
    const effects = patchEffects(patch);
    for (const [list, files] of Object.entries(expected)) expect(effects[list as keyof Files], list).toEqual(files);
  });

  it('keeps the text each hunk replaces', () => {
    expect(patchEffects('--- a/a.ts\n+++ b/a.ts\n@@ -1 +1 @@\n-one\n+two').edits).toEqual([{ file: 'a.ts', oldText: 'one', newText: 'two' }]);
  });
});

describe('diffHeaderPath', () => {
  it.each<{ name: string; line: string; marker: '+++ ' | '--- '; prefix: 'a/' | 'b/'; expected: string | undefined }>([
    { name: 'a git header', line: '+++ b/src/a.ts', marker: '+++ ', prefix: 'b/', expected: 'src/a.ts' },
    { name: 'a timestamp after a tab', line: '--- a/src/a.ts\t2024-01-02 10:00', marker: '--- ', prefix: 'a/', expected: 'src/a.ts' },
    { name: 'a long run of trailing spaces', line: `+++ b/src/a.ts${' '.repeat(100_000)}`, marker: '+++ ', prefix: 'b/', expected: 'src/a.ts' },
    { name: 'a header naming nothing', line: '+++ ', marker: '+++ ', prefix: 'b/', expected: undefined },
    { name: 'an added line', line: '+ added line', marker: '+++ ', prefix: 'b/', expected: undefined },
  ])('$name', ({ line, marker, prefix, expected }) => {
    expect(diffHeaderPath(line, marker, prefix)).toBe(expected);
  });
});
