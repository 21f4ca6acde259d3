import { describe, expect, it } from 'vitest';
import { isReadOnlyCommand, shellCommandEffects } from './shell-effects.js';

describe('a command that changes files it does not name resolves to their patterns', () => {
  it.each<{ name: string; command: string; patterns: string[] }>([
    { name: 'find -name -exec sed -i … \\;', command: `find . -name "*.cfg" -exec sed -i 's/a b/c/' {} \\;`, patterns: ['**/*.cfg'] },
    { name: 'find in a folder -exec sed -i … {} +', command: "find tests -name '*.py' -exec sed -i 's/x/y/' {} +", patterns: ['tests/**/*.py'] },
    { name: 'find ./folder -type f -delete', command: 'find ./tests -type f -delete', patterns: ['tests/**'] },
    { name: 'find -maxdepth 1 -exec perl -pi', command: "find . -maxdepth 1 -name setup.cfg -exec perl -pi -e 's/a/b/' {} \\;", patterns: ['setup.cfg'] },
    { name: 'find -path (a `*` there crosses folders)', command: "find . -path '*/tests/*.py' -exec sed -i 's/a/b/' {} +", patterns: ['**/tests/**.py'] },
    { name: 'find with -o narrows by folder only', command: "find src -name a.py -o -name b.py -exec sed -i 's/a/b/' {} +", patterns: ['src/**'] },
    { name: 'find -execdir rm', command: "find tests -name '*.orig' -execdir rm {} \\;", patterns: ['tests/**/*.orig'] },
    { name: 'grep -rl | xargs sed -i', command: "grep -rl foo tests/ | xargs sed -i 's/foo/bar/g'", patterns: ['tests/**'] },
    { name: 'grep -rl --include over two folders | xargs sed -i', command: "grep -rl --include='*.py' foo src tests | xargs sed -i 's/foo/bar/'", patterns: ['src/**/*.py', 'tests/**/*.py'] },
    { name: 'grep -l over named files | xargs sed -i', command: "grep -l foo setup.cfg tox.ini | xargs sed -i 's/foo/bar/'", patterns: ['setup.cfg', 'tox.ini'] },
    { name: 'rg -l | xargs -I{} sed -i … {}', command: "rg -l foo tests | xargs -I{} sed -i 's/a/b/' {}", patterns: ['tests/**'] },
    { name: 'git ls-files folder | xargs sed -i', command: "git ls-files tests | xargs sed -i 's/a/b/'", patterns: ['tests/**'] },
    { name: 'find | grep -v | xargs -n 1 sed -i', command: "find tests -name '*.py' | grep -v conftest | xargs -n 1 sed -i 's/x/y/'", patterns: ['tests/**/*.py'] },
    { name: 'rm of a shell glob', command: 'rm -f tests/test_*.py', patterns: ['tests/test_*.py'] },
    { name: 'sed -i on a shell glob', command: "sed -i 's/a/b/' ./src/*.py", patterns: ['src/*.py'] },
  ])('$name', ({ command, patterns }) => {
    expect(shellCommandEffects(command).changedFilePatterns).toEqual(patterns);
    expect(isReadOnlyCommand(command)).toBe(false);
  });
});

describe('a command over files it does not name that only reads them changes nothing', () => {
  it.each<{ name: string; command: string }>([
    { name: 'find -exec grep -l', command: "find . -name '*.py' -exec grep -l foo {} +" },
    { name: 'find | xargs grep -l', command: 'find astropy -name "*.py" | xargs grep -l "class SlicedLowLevelWCS"' },
    { name: 'find | xargs wc -l', command: "find . -name '*.py' | xargs wc -l" },
    { name: 'find with no action', command: "find . -name '*.pyc'" },
    { name: 'a quoted pipe is a word, not a pipeline', command: "grep -n '|' notes.txt" },
    { name: 'xargs echo', command: 'echo a b | xargs echo' },
  ])('$name', ({ command }) => {
    expect(shellCommandEffects(command).changedFilePatterns).toEqual([]);
    expect(isReadOnlyCommand(command)).toBe(true);
  });
});

describe('what a find or xargs command does to the files it names', () => {
  it('find -fprint writes its listing into the named file', () => {
    const effects = shellCommandEffects("find . -name '*.py' -fprint /tmp/python-files.txt");
    expect(effects.filesWritten).toEqual(['/tmp/python-files.txt']);
    expect(effects.changedFilePatterns).toEqual([]);
  });
  it('an empty xargs replace string puts the files after the command, as if none were given', () => {
    expect(shellCommandEffects("grep -rl foo tests | xargs -I '' sed -i 's/a/b/'").changedFilePatterns).toEqual(['tests/**']);
  });
  it('a script run by xargs on listed files may change anything: not read-only, no pattern claimed', () => {
    const command = "find . -name '*.py' | xargs python fix_imports.py";
    expect(isReadOnlyCommand(command)).toBe(false);
    expect(shellCommandEffects(command).changedFilePatterns).toEqual([]);
  });
  it('find -exec sed -i is a change for the rules on commands too: its inner command is a simple command', () => {
    expect(shellCommandEffects("find tests -name '*.py' -exec sed -i 's/x/y/' {} +").simpleCommands).toContain("sed -i s/x/y/ {}");
  });
});
