import { describe, expect, it } from 'vitest';
import { codeFileEffects } from './code-file-effects.js';
import { deriveToolEffects } from './tool-effects.js';

type Expected = Partial<Record<'filesWritten' | 'filesEdited' | 'filesDeleted', string[]>>;

describe('codeFileEffects: the files a code cell changes', () => {
  it.each<{ name: string; code: string; expected: Expected }>([
    { name: 'open for writing', code: "with open('setup.cfg', 'w') as handle:\n    handle.write('[metadata]')", expected: { filesWritten: ['setup.cfg'] } },
    { name: 'an IPython shell escape', code: "import os\n!sed -i 's/rtol=1e-7/rtol=1e-5/' tests/test_fit.py\nprint('done')", expected: { filesEdited: ['tests/test_fit.py'] } },
    { name: 'a %%bash cell', code: '%%bash\nrm tests/test_old.py\necho removed', expected: { filesDeleted: ['tests/test_old.py'] } },
    { name: 'os.system with a command literal', code: `import os\nos.system("sed -i 's/a/b/' pyproject.toml")`, expected: { filesEdited: ['pyproject.toml'] } },
    { name: 'subprocess.run with shell=True', code: `import subprocess\nsubprocess.run('git checkout -- tests/test_a.py', shell=True)`, expected: { filesEdited: ['tests/test_a.py'] } },
    { name: 'a comparison is no shell escape', code: "if x != 1:\n    print(open('tox.ini').read())", expected: { filesWritten: [], filesEdited: [], filesDeleted: [] } },
    { name: 'a command built at run time is left out', code: "os.system('sed -i ' + expression + ' setup.cfg')", expected: { filesEdited: [] } },
  ])('$name', ({ code, expected }) => {
    const effects = codeFileEffects(code);
    for (const [list, files] of Object.entries(expected)) expect(effects[list as keyof Expected], list).toEqual(files);
  });
});

describe('code-cell tools carry the files their code changes', () => {
  it.each([
    { tool: 'execute_ipython_cell', input: { code: "!sed -i 's/a/b/' setup.cfg" }, action: 'shell' },
    { tool: 'python_interpreter', input: { code: "open('setup.cfg', 'w').write('x')" }, action: 'other' },
  ])('$tool', ({ tool, input, action }) => {
    const effects = deriveToolEffects(tool, input);
    expect(effects.action).toBe(action);
    expect([...effects.filesWritten, ...effects.filesEdited]).toEqual(['setup.cfg']);
  });
});
