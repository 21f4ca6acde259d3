import { describe, expect, it } from 'vitest';
import { pythonFileEffects } from './python-file-effects.js';

type Expected = Partial<Record<'filesWritten' | 'filesEdited' | 'filesDeleted', string[]>>;

describe('pythonFileEffects', () => {
  it.each<{ name: string; code: string; expected: Expected }>([
    { name: 'exclusive creation', code: "open('new.cfg', 'x')", expected: { filesWritten: ['new.cfg'] } },
    { name: 'read-write mode', code: "open('setup.py', 'r+')", expected: { filesEdited: ['setup.py'] } },
    { name: 'a computed path is left out', code: "open(base + '/setup.py', 'w')", expected: { filesWritten: [] } },
    { name: 'a name with no string assignment is left out', code: "open(target, 'w')", expected: { filesWritten: [] } },
    { name: 'shutil.copy writes the destination', code: "import shutil\nshutil.copy('/tmp/setup.cfg', 'setup.cfg')", expected: { filesWritten: ['setup.cfg'], filesDeleted: [] } },
    { name: 'shutil.copyfile through names', code: "src = 'a.cfg'\ndst = 'tox.ini'\nshutil.copyfile(src, dst)", expected: { filesWritten: ['tox.ini'], filesDeleted: [] } },
    { name: 'shutil.move deletes the source and writes the destination', code: "shutil.move('tests/test_a.py', 'tests/old.py')", expected: { filesWritten: ['tests/old.py'], filesDeleted: ['tests/test_a.py'] } },
    { name: 'os.replace', code: "os.replace('setup.cfg.new', 'setup.cfg')", expected: { filesWritten: ['setup.cfg'], filesDeleted: ['setup.cfg.new'] } },
    { name: 'os.rename from a computed source is left out', code: "os.rename(base + '.bak', 'setup.cfg')", expected: { filesWritten: [], filesDeleted: [] } },
    { name: 'shutil.rmtree with options', code: "shutil.rmtree('tests/fixtures', ignore_errors=True)", expected: { filesDeleted: ['tests/fixtures'] } },
    { name: 'Path.unlink', code: "Path('tests/test_b.py').unlink(missing_ok=True)", expected: { filesDeleted: ['tests/test_b.py'] } },
    { name: 'unlink on a Path bound to a name', code: "p = Path('conftest.py')\np.unlink()", expected: { filesDeleted: ['conftest.py'] } },
    { name: 'a name resolves to its binding before the use', code: "path = 'a.txt'\nopen(path, 'w').write('x')\ndef show():\n    path = 'tests/readme.txt'\n    print(open(path).read())", expected: { filesWritten: ['a.txt'] } },
    { name: 'a name bound only after the function that uses it', code: "def main():\n    open(OUT, 'w').write('x')\n\nOUT = 'report.txt'\nmain()", expected: { filesWritten: ['report.txt'] } },
    { name: 'a comment line is no write', code: "# open('tests/test_a.py', 'w')\nprint(1)", expected: { filesWritten: [] } },
    { name: 'os.unlink is not a name bound to a path', code: "os.unlink(path)", expected: { filesDeleted: [] } },
  ])('$name', ({ code, expected }) => {
    const effects = pythonFileEffects(code);
    for (const [list, files] of Object.entries(expected)) expect(effects[list as keyof Expected], list).toEqual(files);
  });
});
