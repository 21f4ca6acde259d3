import { describe, expect, it } from 'vitest';
import { defineDetector, type Detector } from '../detectors/define.js';
import { trajectory, type TrajectoryBuilder } from '../testing/trajectory-builder.js';
import type { Step } from '../trajectory/step.js';
import { DetectionEngine } from './engine.js';
import { MAXIMUM_REMEMBERED_SCRIPTS } from './facts.js';

/** The files each tool call changes, as detectors see them: `written|edited|deleted` per call, in order. */
function changesSeen(build: (session: TrajectoryBuilder) => TrajectoryBuilder, workingDirectory?: string): string[] {
  const seen: string[] = [];
  const probe = defineDetector({
    id: 'changes-probe',
    meta: { category: 'unrequested-changes', requiresLlm: false, description: 'test', messages: {}, defaultOptions: {} },
    create: () => ({
      'tool-call': (step) => {
        const { filesWritten, filesEdited, filesDeleted } = step.effects;
        seen.push([filesWritten, filesEdited, filesDeleted].map((files) => files.join(',')).join('|'));
      },
    }),
  }) as Detector<object>;
  const session = build(trajectory({ workingDirectory }).user('go')).build();
  const engine = new DetectionEngine(session.session, { detectors: [probe] });
  for (const step of session.steps) engine.push(step);
  return seen;
}

const REWRITE_TEST = "with open('tests/test_rates.py', 'w') as out:\n    out.write(NEW)\n";

describe('a script written by one call and run by a later one changes what its text says', () => {
  it.each<{ name: string; build: (session: TrajectoryBuilder) => TrajectoryBuilder; workingDirectory?: string; last: string }>([
    {
      name: 'a Python script written by Write, run by python',
      build: (session) => session.write('regen.py', REWRITE_TEST).run('python regen.py'),
      last: 'tests/test_rates.py||',
    },
    {
      name: 'a heredoc script, run in the next command with interpreter options and arguments',
      build: (session) => session.run(`cat > regen.py <<'EOF'\n${REWRITE_TEST}EOF`).run('python3 -u regen.py --apply'),
      last: 'tests/test_rates.py||',
    },
    {
      name: 'written by its absolute path, run by its relative one after cd',
      build: (session) => session.write('/repo/tools/regen.py', REWRITE_TEST).run('cd /repo/tools && python regen.py'),
      workingDirectory: '/repo',
      last: '/repo/tools/tests/test_rates.py||',
    },
    {
      name: 'run from a subfolder: its relative paths are in that folder',
      build: (session) => session.write('regen.py', REWRITE_TEST).run('cd pkg && python ../regen.py'),
      last: 'pkg/tests/test_rates.py||',
    },
    {
      name: 'a shell script run by bash',
      build: (session) => session.write('fix.sh', "sed -i 's/1e-7/1e-5/' setup.cfg\nrm tests/test_slow.py\n").run('bash -e fix.sh'),
      last: '|setup.cfg|tests/test_slow.py',
    },
    {
      name: 'a shell script that only restores a file changes nothing a rule forbids',
      build: (session) => session.write('reset.sh', 'git checkout -- tests/test_rates.py\n').run('sh reset.sh'),
      last: '||',
    },
    {
      name: 'a patch file applied by git apply',
      build: (session) => session.write('loosen.patch', '--- a/setup.cfg\n+++ b/setup.cfg\n@@ -1 +1 @@\n-a\n+b\n').run('git apply loosen.patch'),
      last: '|setup.cfg|',
    },
    {
      name: 'a patch file fed to patch',
      build: (session) => session.run("cat > loosen.diff <<'EOF'\n--- a/setup.cfg\n+++ b/setup.cfg\n@@ -1 +1 @@\n-a\n+b\nEOF").run('patch -p1 < loosen.diff'),
      last: '|setup.cfg|',
    },
    {
      name: 'a script Codex added with apply_patch',
      build: (session) => session.tool('apply_patch', { input: "*** Begin Patch\n*** Add File: drop.py\n+import os\n+os.remove('tests/test_slow.py')\n*** End Patch" }, 'Done!').run('python drop.py'),
      last: '||tests/test_slow.py',
    },
    {
      name: 'an executable script run by its path',
      build: (session) => session.write('fix.sh', 'rm tests/test_slow.py\n').run('chmod +x fix.sh && ./fix.sh'),
      last: '|fix.sh|tests/test_slow.py',
    },
    {
      name: 'a script made executable by one call and run by the next: its text is the same',
      build: (session) => session.run("cat > fix.sh <<'EOF'\nrm tests/test_slow.py\nEOF").run('chmod +x fix.sh').run('./fix.sh'),
      last: '||tests/test_slow.py',
    },
    {
      name: 'a script overwritten by printf in the line that runs it: only the overwrite is known',
      build: (session) => session.write('fix.sh', 'rm tests/test_slow.py\n').run("printf 'ls\\n' > fix.sh && ./fix.sh"),
      last: 'fix.sh||',
    },
    {
      name: 'a script changed by sed in the line that runs it: only the edit is known',
      build: (session) => session.write('regen.py', REWRITE_TEST).run("sed -i 's/tests/src/' regen.py && python regen.py"),
      last: '|regen.py|',
    },
    {
      name: 'a script a failing line wrote is still known',
      build: (session) => session.run(`cat > regen.py <<'EOF'\n${REWRITE_TEST}EOF\npython regen.py`, 'Traceback (most recent call last):\nNameError: NEW', { exitCode: 1 }).run('python regen.py'),
      last: 'tests/test_rates.py||',
    },
    {
      name: 'a run before the line rewrites the script runs the text it had',
      build: (session) => session.write('regen.py', 'print(1)\n').run(`python regen.py; cat > regen.py <<'EOF'\n${REWRITE_TEST}EOF`),
      last: 'regen.py||',
    },
    {
      name: 'a JavaScript script written by Write, run by node',
      build: (session) => session.write('scripts/prune.mjs', "import { rmSync, writeFileSync } from 'node:fs';\nrmSync('tests/flaky.test.js');\nwriteFileSync('package.json', '{}');\n").run('node scripts/prune.mjs'),
      last: 'package.json||tests/flaky.test.js',
    },
    {
      name: 'a TypeScript script run through npx tsx',
      build: (session) => session.write('scripts/regen.ts', "import fs from 'fs';\nfs.writeFileSync('tests/__snapshots__/a.snap', out);\n").run('npx tsx scripts/regen.ts'),
      last: 'tests/__snapshots__/a.snap||',
    },
    {
      name: 'a shell script piped into bash by a later call',
      build: (session) => session.write('fix.sh', 'rm tests/test_slow.py\n').run('cat fix.sh | bash'),
      last: '||tests/test_slow.py',
    },
    {
      name: 'a script that changes folder: only its absolute paths are known',
      build: (session) => session.write('regen.py', "import os\nos.chdir('pkg')\nopen('out.txt', 'w').write('x')\nopen('/tmp/log.txt', 'w').write('x')\n").run('python regen.py'),
      last: '/tmp/log.txt||',
    },
  ])('$name', ({ build, workingDirectory, last }) => {
    expect(changesSeen(build, workingDirectory).at(-1)).toBe(last);
  });

  it.each<{ name: string; build: (session: TrajectoryBuilder) => TrajectoryBuilder }>([
    { name: 'a script never written in the session', build: (session) => session.run('python regen.py') },
    { name: 'a script edited in part after it was written', build: (session) => session.write('regen.py', REWRITE_TEST).edit('regen.py', 'NEW', 'OLD').run('python regen.py') },
    { name: 'a script overwritten by cp, then made executable', build: (session) => session.write('fix.sh', 'rm tests/test_slow.py\n').run('cp other.sh fix.sh && chmod +x fix.sh').run('./fix.sh') },
    { name: 'a script written, then changed by sed in the same call', build: (session) => session.run(`cat > regen.py <<'EOF'\n${REWRITE_TEST}EOF\nsed -i 's/tests/src/' regen.py`).run('python regen.py') },
    { name: 'a script whose Write failed', build: (session) => session.tool('Write', { file_path: 'regen.py', content: REWRITE_TEST }, 'Error: File has not been read yet. Read it first before writing to it.', { error: true }).run('python regen.py') },
    { name: 'a commented-out write', build: (session) => session.write('regen.py', "# with open('tests/test_rates.py', 'w') as out:\nprint(1)\n").run('python regen.py') },
    { name: 'a script overwritten by cp', build: (session) => session.write('regen.py', REWRITE_TEST).run('cp backup.py regen.py').run('python regen.py') },
    { name: 'a script rewritten with text that changes nothing', build: (session) => session.write('regen.py', REWRITE_TEST).write('regen.py', 'print(42)\n').run('python regen.py') },
    { name: 'a script deleted before the run', build: (session) => session.write('regen.py', REWRITE_TEST).run('rm regen.py').run('python regen.py') },
    { name: 'a module run with -m', build: (session) => session.write('regen.py', REWRITE_TEST).run('python -m regen') },
    { name: 'a Python script given to bash', build: (session) => session.write('regen.py', REWRITE_TEST).run('bash regen.py') },
    { name: 'a JavaScript script given to python', build: (session) => session.write('prune.js', "require('fs').rmSync('tests/a.test.js')\n").run('python prune.js') },
    { name: 'a JavaScript script only checked for syntax', build: (session) => session.write('prune.js', "require('fs').rmSync('tests/a.test.js')\n").run('node -c prune.js') },
    { name: 'a patch only checked', build: (session) => session.write('loosen.patch', '--- a/setup.cfg\n+++ b/setup.cfg\n@@ -1 +1 @@\n-a\n+b\n').run('git apply --check loosen.patch') },
  ])('nothing is added: $name', ({ build }) => {
    expect(changesSeen(build).at(-1)).toBe('||');
  });

  it(`remembers the last ${MAXIMUM_REMEMBERED_SCRIPTS} scripts written`, () => {
    const withScripts = (count: number) => (session: TrajectoryBuilder) => {
      for (let index = 0; index < count; index++) session.write(`regen${index}.py`, REWRITE_TEST);
      return session.run('python regen0.py');
    };
    expect(changesSeen(withScripts(MAXIMUM_REMEMBERED_SCRIPTS)).at(-1)).toBe('tests/test_rates.py||');
    expect(changesSeen(withScripts(MAXIMUM_REMEMBERED_SCRIPTS + 1)).at(-1)).toBe('||');
  });

  it('keeps no place for a script that changes nothing: source files written whole push no script out', () => {
    const build = (session: TrajectoryBuilder) => {
      session.write('regen.py', REWRITE_TEST);
      for (let index = 0; index <= MAXIMUM_REMEMBERED_SCRIPTS; index++) session.write(`src/module${index}.ts`, `export const value${index} = ${index};\n`);
      return session.run('python regen.py');
    };
    expect(changesSeen(build).at(-1)).toBe('tests/test_rates.py||');
  });

  it('a hook process restored from a snapshot still knows the script, and counts the change as a new version', () => {
    const session = trajectory().user('go').write('regen.py', REWRITE_TEST).run('python regen.py').build();
    const [prompt, write, writeResult, run] = session.steps as Step[];
    const first = new DetectionEngine(session.session, { detectors: [] });
    for (const step of [prompt, write, writeResult]) first.push(step);
    const restored = new DetectionEngine(session.session, { detectors: [] }, JSON.parse(JSON.stringify(first.snapshot())));
    restored.push(run);
    expect(restored.snapshot().facts.fileVersions['tests/test_rates.py']).toBe(1);
    expect(Object.keys(restored.snapshot().facts.scripts)).toEqual(['regen.py']);
  });
});
