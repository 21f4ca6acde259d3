import { describe, expect, it } from 'vitest';
import { boundedScriptChanges, javascriptScriptOperand, MAXIMUM_SCRIPT_CHANGES, MAXIMUM_SCRIPT_PATH_CHARACTERS, pythonScriptOperand, scriptKindOf, shellScriptOperand } from './script-runs.js';
import { scriptChanges } from './shell-effects.js';
import { deriveToolEffects } from './tool-effects.js';

describe('scriptKindOf', () => {
  it.each<{ file: string; kind: string | undefined }>([
    { file: 'fix.py', kind: 'python' },
    { file: 'tools/REGEN.PY', kind: 'python' },
    { file: 'update.sh', kind: 'shell' },
    { file: 'update.bash', kind: 'shell' },
    { file: 'loosen.patch', kind: 'patch' },
    { file: 'changes.diff', kind: 'patch' },
    { file: 'scripts/bump.mjs', kind: 'javascript' },
    { file: 'fix.js', kind: 'javascript' },
    { file: 'fix.cjs', kind: 'javascript' },
    { file: 'scripts/regen.ts', kind: 'javascript' },
    { file: 'regen.mts', kind: 'javascript' },
    { file: 'package.json', kind: undefined },
    { file: 'types.d.tsx', kind: undefined },
    { file: 'Makefile', kind: undefined },
    { file: 'notes.txt', kind: undefined },
    { file: 'v1.py/run', kind: undefined },
  ])('$file', ({ file, kind }) => {
    expect(scriptKindOf(file)).toBe(kind);
  });
});

describe('the script an interpreter runs', () => {
  it.each<{ words: string[]; python: string | undefined; shell: string | undefined }>([
    { words: ['fix.py'], python: 'fix.py', shell: 'fix.py' },
    { words: ['-u', '-X', 'dev', 'fix.py', '--apply'], python: 'fix.py', shell: 'dev' },
    { words: ['-Wignore', 'fix.py'], python: 'fix.py', shell: 'fix.py' },
    { words: ['-m', 'pytest', 'fix.py'], python: undefined, shell: 'pytest' },
    { words: ['-c', 'import fix'], python: undefined, shell: undefined },
    { words: ['-'], python: undefined, shell: undefined },
    { words: [], python: undefined, shell: undefined },
    { words: ['-e', '-o', 'pipefail', 'update.sh'], python: 'pipefail', shell: 'update.sh' },
    { words: ['-lc', 'bash update.sh'], python: undefined, shell: undefined },
    { words: ['-n', 'update.sh'], python: 'update.sh', shell: undefined },
  ])('$words', ({ words, python, shell }) => {
    expect(pythonScriptOperand(words)).toBe(python);
    expect(shellScriptOperand(words)).toBe(shell);
  });
});

describe('the script a JavaScript runtime runs', () => {
  it.each<{ words: string[]; script: string | undefined }>([
    { words: ['scripts/bump.mjs'], script: 'scripts/bump.mjs' },
    { words: ['--import', 'tsx', 'fix.ts', '--dry-run'], script: 'fix.ts' },
    { words: ['-r', 'ts-node/register', 'fix.ts'], script: 'fix.ts' },
    { words: ['--env-file', '.env', 'fix.js'], script: 'fix.js' },
    { words: ['run', 'fix.ts'], script: 'fix.ts' },
    { words: ['run', '-A', '--allow-write', 'fix.ts'], script: 'fix.ts' },
    { words: ['watch', 'src/index.ts'], script: 'src/index.ts' },
    { words: ['run', 'build'], script: undefined },
    { words: ['-e', "fs.rmSync('x.js')"], script: undefined },
    { words: ['-p', '1 + 1'], script: undefined },
    { words: ['-c', 'fix.js'], script: undefined },
    { words: ['--check', 'fix.js'], script: undefined },
    { words: ['--test', 'test/io.test.mjs'], script: undefined },
    { words: ['-'], script: undefined },
    { words: ['server'], script: undefined },
    { words: ['run', 'run.js'], script: 'run.js' },
    { words: [], script: undefined },
  ])('$words', ({ words, script }) => {
    expect(javascriptScriptOperand(words)).toBe(script);
  });
});

describe('what a script changes is bounded', () => {
  it(`keeps at most ${MAXIMUM_SCRIPT_CHANGES} paths a list, none longer than ${MAXIMUM_SCRIPT_PATH_CHARACTERS} characters, each once`, () => {
    const many = Array.from({ length: 200 }, (_, index) => `out/${index}.txt`);
    const bounded = boundedScriptChanges({ filesWritten: ['a', 'a', 'x'.repeat(MAXIMUM_SCRIPT_PATH_CHARACTERS + 1), ...many], filesEdited: [], filesDeleted: [] });
    expect(bounded.filesWritten).toHaveLength(MAXIMUM_SCRIPT_CHANGES);
    expect(bounded.filesWritten.slice(0, 2)).toEqual(['a', 'out/0.txt']);
  });

  it('reads only the head of a huge script', () => {
    const script = `${'# filler\n'.repeat(5_000)}open('setup.cfg', 'w').write('x')\n`;
    expect(scriptChanges('python', script).filesWritten).toEqual([]);
    expect(scriptChanges('python', script.slice(-40)).filesWritten).toEqual(['setup.cfg']);
  });
});

describe('scripts written by write tools', () => {
  const REMOVE = "import os\nos.remove('tests/test_a.py')\n";
  it.each<{ name: string; tool: string; input: unknown; written: Array<[string, string[]]> | undefined }>([
    { name: 'Claude Code Write', tool: 'Write', input: { file_path: '/repo/fix.py', content: REMOVE }, written: [['/repo/fix.py', ['tests/test_a.py']]] },
    { name: 'Gemini CLI write_file', tool: 'write_file', input: { file_path: 'fix.py', content: REMOVE }, written: [['fix.py', ['tests/test_a.py']]] },
    { name: 'an editor tool creating a file', tool: 'str_replace_editor', input: { command: 'create', path: '/testbed/fix.py', file_text: REMOVE }, written: [['/testbed/fix.py', ['tests/test_a.py']]] },
    { name: 'a file Codex adds with apply_patch', tool: 'apply_patch', input: { input: '*** Begin Patch\n*** Add File: fix.py\n+import os\n+os.remove("tests/test_a.py")\n*** End Patch' }, written: [['fix.py', ['tests/test_a.py']]] },
    { name: 'a file apply_patch only updates', tool: 'apply_patch', input: { input: '*** Begin Patch\n*** Update File: fix.py\n@@\n-x = 1\n+x = 2\n*** End Patch' }, written: undefined },
    { name: 'a file that is no script', tool: 'Write', input: { file_path: 'README.md', content: 'rm -rf tests' }, written: undefined },
    { name: 'a JavaScript script', tool: 'Write', input: { file_path: 'scripts/prune.mjs', content: "import { rmSync } from 'node:fs';\nrmSync('tests/a.test.js');\n" }, written: [['scripts/prune.mjs', ['tests/a.test.js']]] },
  ])('$name', ({ tool, input, written }) => {
    const scripts = deriveToolEffects(tool, input).scriptsWritten;
    expect(scripts?.map((script) => [script.file, script.changes.filesDeleted])).toEqual(written);
  });
});
