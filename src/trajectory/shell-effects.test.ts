import { describe, expect, it } from 'vitest';
import { expandBraces, isReadOnlyCommand, shellCommandEffects } from './shell-effects.js';

type Expected = Partial<Record<'filesWritten' | 'filesEdited' | 'filesDeleted' | 'filesRestored' | 'filesRead' | 'changedFilePatterns', string[]>>;

describe('shellCommandEffects resolves a shell write to the file it changes', () => {
  it.each<{ name: string; command: string; expected: Expected }>([
    { name: 'sed -i', command: "sed -i 's/setuptools\"/setuptools==68\"/' pyproject.toml", expected: { filesEdited: ['pyproject.toml'] } },
    { name: 'perl -pi -e', command: "perl -pi -e 's/a/b/' setup.cfg", expected: { filesEdited: ['setup.cfg'] } },
    { name: 'a redirect', command: 'echo "[pytest]" > pytest.ini', expected: { filesWritten: ['pytest.ini'] } },
    { name: 'an appending redirect', command: 'printf "x\\n" >> tox.ini', expected: { filesEdited: ['tox.ini'] } },
    { name: 'tee', command: 'echo x | tee tests/conftest.py', expected: { filesWritten: ['tests/conftest.py'] } },
    { name: 'a heredoc into a file', command: "cat <<'EOF' > setup.cfg\n[metadata]\nname = x\nEOF", expected: { filesWritten: ['setup.cfg'] } },
    { name: 'python -c opening a file for writing', command: `python -c "open('pyproject.toml', 'w').write('x')"`, expected: { filesWritten: ['pyproject.toml'] } },
    { name: 'python3 -c appending through a named path', command: `python3 -c "p = 'setup.cfg'; f = open(p, mode='a'); f.write('x')"`, expected: { filesEdited: ['setup.cfg'] } },
    { name: 'python -c with Path.write_text', command: `python -c "from pathlib import Path; Path('tests/test_a.py').write_text('')"`, expected: { filesWritten: ['tests/test_a.py'] } },
    {
      name: 'a python heredoc rewriting a file',
      command: "python3 - <<'EOF'\npath = 'pyproject.toml'\ntext = open(path).read()\nwith open(path, 'w') as handle:\n    handle.write(text.replace('a', 'b'))\nEOF",
      expected: { filesWritten: ['pyproject.toml'] },
    },
    { name: 'python -c removing a file', command: `python -c "import os; os.remove('tests/test_b.py')"`, expected: { filesDeleted: ['tests/test_b.py'] } },
    { name: 'git checkout -- restores files', command: 'git checkout -- tests/test_a.py setup.cfg', expected: { filesRestored: ['tests/test_a.py', 'setup.cfg'] } },
    { name: 'git checkout HEAD -- restores a file', command: 'git checkout HEAD -- pyproject.toml', expected: { filesRestored: ['pyproject.toml'] } },
    { name: 'git restore restores a file', command: 'git restore --source HEAD tests/test_a.py', expected: { filesRestored: ['tests/test_a.py'] } },
    { name: "perl's -0pi (a record separator before the flags)", command: "perl -0pi -e 's/a\\nb/c/' tests/test_x.py", expected: { filesEdited: ['tests/test_x.py'] } },
    { name: 'ruby -pi -e', command: `ruby -pi -e 'gsub(/a/, "b")' setup.cfg`, expected: { filesEdited: ['setup.cfg'] } },
    { name: 'python -c through a Path bound to a name', command: `python -c "import pathlib; p = pathlib.Path('tox.ini'); p.write_text(p.read_text().replace('a', 'b'))"`, expected: { filesWritten: ['tox.ini'] } },
    { name: 'a python heredoc opening a Path bound to a name for appending', command: "python3 - <<'EOF'\nfrom pathlib import Path\nconf = Path('tests/conftest.py')\nwith conf.open('a') as handle:\n    handle.write('x')\nEOF", expected: { filesEdited: ['tests/conftest.py'] } },
    {
      name: 'git apply of a patch written by a heredoc earlier in the line',
      command: "cat > /tmp/fix.patch <<'EOF'\ndiff --git a/setup.cfg b/setup.cfg\n--- a/setup.cfg\n+++ b/setup.cfg\n@@ -1 +1 @@\n-a\n+b\n--- /dev/null\n+++ b/tests/test_new.py\n@@ -0,0 +1 @@\n+x\nEOF\ngit apply /tmp/fix.patch",
      expected: { filesWritten: ['/tmp/fix.patch', 'tests/test_new.py'], filesEdited: ['setup.cfg'] },
    },
    { name: 'patch reading a heredoc', command: "patch -p1 <<'EOF'\n--- a/tox.ini\t2024-01-01\n+++ b/tox.ini\t2024-01-02\n@@ -1 +1 @@\n-a\n+b\n--- a/tests/test_old.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\nEOF", expected: { filesEdited: ['tox.ini'], filesDeleted: ['tests/test_old.py'] } },
    { name: "Codex's apply_patch through the shell, from a heredoc", command: "apply_patch <<'EOF'\n*** Begin Patch\n*** Update File: pyproject.toml\n@@\n-a\n+b\n*** Add File: tests/test_new.py\n+x\n*** End Patch\nEOF", expected: { filesEdited: ['pyproject.toml'], filesWritten: ['tests/test_new.py'] } },
    { name: "Codex's apply_patch through the shell, as an argument", command: "apply_patch '*** Begin Patch\n*** Delete File: tests/test_old.py\n*** End Patch'", expected: { filesDeleted: ['tests/test_old.py'] } },
    { name: "BSD sed's -i '' (an empty backup suffix as its own word)", command: "sed -i '' 's/a/b/' setup.cfg", expected: { filesEdited: ['setup.cfg'] } },
    { name: "gawk's -i inplace", command: "gawk -i inplace -v x=1 '{ print }' tox.ini", expected: { filesEdited: ['tox.ini'] } },
    { name: 'a clobbering redirect (>|)', command: 'echo x >| setup.cfg', expected: { filesWritten: ['setup.cfg'] } },
    { name: 'dd of=', command: 'dd if=/tmp/x.cfg of=setup.cfg', expected: { filesWritten: ['setup.cfg'], filesRead: ['/tmp/x.cfg'] } },
    { name: "bash -c's command line", command: `bash -c "sed -i 's/a/b/' setup.cfg"`, expected: { filesEdited: ['setup.cfg'] } },
    { name: 'sh -lc with a cd inside', command: "sh -lc 'cd tests && echo x > conftest.py'", expected: { filesWritten: ['tests/conftest.py'] } },
    { name: 'a file named after cd into a folder', command: "cd tests && sed -i 's/a/b/' conftest.py", expected: { filesEdited: ['tests/conftest.py'] } },
    { name: 'two cds, the second inside the first', command: 'cd tests; cd unit && echo x > conftest.py', expected: { filesWritten: ['tests/unit/conftest.py'] } },
    { name: 'cd into an absolute folder', command: 'cd /repo/tests && rm test_a.py', expected: { filesDeleted: ['/repo/tests/test_a.py'] } },
    { name: 'a find after cd', command: "cd tests && find . -name '*.py' -exec sed -i 's/a/b/' {} +", expected: { changedFilePatterns: ['tests/**/*.py'] } },
    { name: "a subshell's cd ends with it", command: "(cd docs && make html); sed -i 's/a/b/' setup.cfg", expected: { filesEdited: ['setup.cfg'] } },
    { name: 'cd .. is not followed (a persistent shell may be back at the root)', command: 'cd .. && echo x > setup.cfg', expected: { filesWritten: ['setup.cfg'] } },
    { name: 'cd to a variable is not followed', command: 'cd "$REPO" && echo x > setup.cfg', expected: { filesWritten: ['setup.cfg'] } },
    { name: 'nor a relative cd after one that was not followed', command: 'cd "$REPO"; cd tests && echo x > conftest.py', expected: { filesWritten: ['conftest.py'] } },
    { name: 'cd back up inside the line is followed', command: 'cd tests && cd .. && echo x > setup.cfg', expected: { filesWritten: ['setup.cfg'] } },
    { name: 'an absolute cd after one that was not followed is', command: 'cd ..; cd /repo && echo x > setup.cfg', expected: { filesWritten: ['/repo/setup.cfg'] } },
    { name: 'cd into a new temporary folder', command: `cd "$(mktemp -d)" && echo x > setup.cfg`, expected: { filesWritten: ['/tmp/setup.cfg'] } },
    { name: 'cd into $TMPDIR', command: 'cd "$TMPDIR" && touch conftest.py', expected: { filesWritten: ['/tmp/conftest.py'] } },
    { name: 'a folder longer than any real one is not followed', command: `${'cd a; '.repeat(200)}touch x`, expected: { filesWritten: ['x'] } },
    { name: 'black on a file', command: 'black tests/test_a.py', expected: { filesEdited: ['tests/test_a.py'] } },
    { name: 'black on a folder, through python -m', command: 'python -m black -l 100 tests', expected: { changedFilePatterns: ['tests/**/*.py'] } },
    { name: 'prettier --write through npx', command: "npx --yes prettier --write 'src/**/*.ts'", expected: { changedFilePatterns: ['src/**/*.ts'] } },
    { name: 'ruff format on the project', command: 'ruff format .', expected: { changedFilePatterns: ['**/*.py'] } },
    { name: 'ruff check --fix through poetry run', command: 'poetry run ruff check --fix tests/test_a.py', expected: { filesEdited: ['tests/test_a.py'] } },
    { name: 'gofmt -w', command: 'gofmt -w pkg', expected: { changedFilePatterns: ['pkg/**/*.go'] } },
    { name: 'python -c moving a file', command: `python -c "import shutil; shutil.move('tests/test_a.py', 'tests/old_a.py')"`, expected: { filesWritten: ['tests/old_a.py'], filesDeleted: ['tests/test_a.py'] } },
    { name: 'a test moved aside with braces', command: 'mv tests/test_fitters.py{,.disabled}', expected: { filesDeleted: ['tests/test_fitters.py'], filesWritten: ['tests/test_fitters.py.disabled'] } },
    { name: 'two tests named with braces', command: "sed -i 's/1e-7/1e-5/' tests/{test_a,test_b}.py", expected: { filesEdited: ['tests/test_a.py', 'tests/test_b.py'] } },
    { name: 'a backup copy made with braces', command: 'cp setup.cfg{,.orig}', expected: { filesWritten: ['setup.cfg.orig'], filesRead: ['setup.cfg'] } },
    { name: 'nested braces', command: 'rm -f {src,tests}/{a,b}.cfg', expected: { filesDeleted: ['src/a.cfg', 'src/b.cfg', 'tests/a.cfg', 'tests/b.cfg'] } },
    { name: "a subshell's cd after one that was not followed", command: `cd "$REPO_ROOT" && (cd /tmp && pip download numpy) && sed -i 's/a/b/' setup.cfg`, expected: { filesEdited: ['setup.cfg'] } },
    { name: 'a move up out of the folder cd went into', command: 'cd tests && mv test_a.py ../', expected: { filesDeleted: ['tests/test_a.py'], filesWritten: ['.'] } },
    { name: "a group's cd lasts after it", command: '{ cd tests; rm a.py; }; rm b.py', expected: { filesDeleted: ['tests/a.py', 'tests/b.py'] } },
    { name: 'gawk -i inplace with the program in a file', command: 'gawk -i inplace -f fix.awk data.txt', expected: { filesEdited: ['data.txt'] } },
    { name: 'a formatter xargs runs on the files find lists', command: "find tests -name '*.py' | xargs black", expected: { changedFilePatterns: ['tests/**/*.py'] } },
    { name: 'a formatter find -exec runs', command: "find tests -name '*.py' -exec autopep8 -i {} +", expected: { changedFilePatterns: ['tests/**/*.py'] } },
    { name: 'patch -i a patch written earlier in the line', command: "cat <<'EOF' > fix.diff\n--- pyproject.toml\n+++ pyproject.toml\n@@ -1 +1 @@\n-a\n+b\nEOF\npatch -i fix.diff", expected: { filesEdited: ['pyproject.toml'] } },
    {
      name: 'a Python script written earlier in the line and run',
      command: "cat > fix.py <<'EOF'\nwith open('setup.cfg', 'w') as out:\n    out.write('[metadata]')\nEOF\npython3 fix.py",
      expected: { filesWritten: ['fix.py', 'setup.cfg'] },
    },
    { name: 'a shell script tee wrote earlier in the line, run by sh', command: "tee drop.sh <<'EOF'\nrm tests/test_slow.py\nEOF\nsh drop.sh", expected: { filesWritten: ['drop.sh'], filesDeleted: ['tests/test_slow.py'] } },
    {
      name: 'a shell script written earlier in the line that restores a test',
      command: "cat <<'EOF' > reset.sh\ngit checkout -- tests/test_a.py\nsed -i 's/a/b/' setup.cfg\nEOF\nbash reset.sh",
      expected: { filesWritten: ['reset.sh'], filesEdited: ['setup.cfg'], filesRestored: ['tests/test_a.py'] },
    },
    { name: 'a download written to a file', command: 'curl -sSL -o fix.py https://example.org/fix.py && wget -q -O setup.cfg https://example.org/cfg', expected: { filesWritten: ['fix.py', 'setup.cfg'] } },
    { name: 'a script run in the folder cd moved into', command: "cd pkg && cat > fix.py <<'EOF'\nimport os\nos.remove('tests/test_a.py')\nEOF\npython fix.py", expected: { filesWritten: ['pkg/fix.py'], filesDeleted: ['pkg/tests/test_a.py'] } },
    { name: 'node -e rewriting package.json', command: `node -e "const p = require('./package.json'); p.scripts.test = 'vitest'; require('fs').writeFileSync('package.json', JSON.stringify(p, null, 2))"`, expected: { filesWritten: ['package.json'] } },
    { name: 'node --eval with the fs global', command: `node --eval "fs.unlinkSync('tests/slow.test.js')"`, expected: { filesDeleted: ['tests/slow.test.js'] } },
    { name: 'node reading an ES module heredoc', command: "node --input-type=module <<'EOF'\nimport fs from 'node:fs';\nfs.writeFileSync('package.json', '{}');\nEOF", expected: { filesWritten: ['package.json'] } },
    { name: "node -e with ANSI-C quoting ($'…\\n…')", command: `node -e $'const fs = require("fs");\\nfs.rmSync("tests/a.test.js")'`, expected: { filesDeleted: ['tests/a.test.js'] } },
    { name: "python -c with ANSI-C quoting and an escaped quote", command: `python -c $'import os\\nos.remove(\\'tests/a.py\\')'`, expected: { filesDeleted: ['tests/a.py'] } },
    { name: 'a file named with ANSI-C and locale quoting', command: `rm $'a b.txt' && echo x > $"c\\x41.txt" && touch $'d\\x41.txt'`, expected: { filesDeleted: ['a b.txt'], filesWritten: ['c\\x41.txt', 'dA.txt'] } },
    { name: 'node -pe', command: `node -pe "require('fs').writeFileSync('a.json', '{}')"`, expected: { filesWritten: ['a.json'] } },
    { name: 'node reading a heredoc', command: "node <<'EOF'\nconst fs = require('fs');\nfs.appendFileSync('.eslintignore', 'tests/\\n');\nEOF", expected: { filesEdited: ['.eslintignore'] } },
    {
      name: 'a JavaScript script written earlier in the line and run with node',
      command: "cat > prune.mjs <<'EOF'\nimport { rmSync } from 'node:fs';\nrmSync('tests/flaky.test.js');\nEOF\nnode prune.mjs",
      expected: { filesWritten: ['prune.mjs'], filesDeleted: ['tests/flaky.test.js'] },
    },
    { name: 'a shell script piped into bash', command: "cat > drop.sh <<'EOF'\nrm tests/test_slow.py\nEOF\ncat drop.sh | bash", expected: { filesWritten: ['drop.sh'], filesDeleted: ['tests/test_slow.py'] } },
    { name: 'a patch piped into git apply', command: "cat > fix.diff <<'EOF'\n--- a/setup.cfg\n+++ b/setup.cfg\n@@ -1 +1 @@\n-a\n+b\nEOF\ncat fix.diff | git apply", expected: { filesEdited: ['setup.cfg'] } },
  ])('$name', ({ command, expected }) => {
    const effects = shellCommandEffects(command);
    for (const [list, files] of Object.entries(expected)) expect(effects[list as keyof Expected], list).toEqual(files);
    expect(isReadOnlyCommand(command)).toBe(false);
  });
});

describe('shellCommandEffects leaves alone what does not change a file', () => {
  it.each<{ name: string; command: string }>([
    { name: 'python -c opening a file for reading', command: `python -c "print(open('pyproject.toml').read())"` },
    { name: 'python -c opening a file in mode r', command: `python -c "open('setup.cfg', 'r').read()"` },
    { name: 'a python heredoc that only reads', command: "python3 - <<'EOF'\nwith open('tox.ini') as handle:\n    print(handle.read())\nEOF" },
    { name: 'a heredoc fed to cat whose body opens a file for writing', command: "cat <<'EOF'\nopen('setup.cfg', 'w')\nEOF" },
    { name: 'a python script run by name', command: 'python reproduce.py' },
    { name: 'git checkout of a branch', command: 'git checkout main' },
    { name: 'git restore --staged (the index only)', command: 'git restore --staged tests/test_a.py' },
    { name: 'git apply --check of a patch written earlier (only tests it)', command: "git apply --check <<'EOF'\n--- a/setup.cfg\n+++ b/setup.cfg\n@@ -1 +1 @@\n-a\n+b\nEOF" },
    { name: 'a diff shown by cat, not applied', command: "cat <<'EOF'\n--- a/setup.cfg\n+++ b/setup.cfg\nEOF" },
    { name: 'patch --dry-run', command: "patch --dry-run -p1 <<'EOF'\n--- a/setup.cfg\n+++ b/setup.cfg\n@@ -1 +1 @@\n-a\n+b\nEOF" },
    { name: 'git apply --cached (the index only)', command: "git apply --cached <<'EOF'\n--- a/setup.cfg\n+++ b/setup.cfg\n@@ -1 +1 @@\n-a\n+b\nEOF" },
    { name: 'black --check', command: 'black --check tests' },
    { name: 'python -m isort --diff', command: 'python -m isort --diff tests/test_a.py' },
    { name: 'ruff check without --fix', command: 'ruff check tests' },
    { name: 'prettier without --write', command: 'npx prettier --check src' },
    { name: 'awk reading a file', command: "awk '{ print $1 }' setup.cfg" },
    { name: 'bash -c that only reads', command: "bash -c 'cat setup.cfg | grep name'" },
    { name: 'bash running a script by name', command: 'bash run_tests.sh' },
    { name: 'a cd and a read', command: 'cd tests && cat conftest.py' },
    { name: 'dd onto a device', command: 'dd if=image.iso of=/dev/sdb' },
    { name: 'a Path bound to a name that is only read', command: `python -c "from pathlib import Path; p = Path('setup.cfg'); print(p.read_text())"` },
    { name: 'node -e that only reads', command: `node -e "console.log(require('fs').readFileSync('package.json', 'utf8'))"` },
    { name: 'node -p', command: `node -p "require('./package.json').version"` },
    { name: 'a commented-out write in a Python heredoc', command: "python3 - <<'EOF'\n# os.remove('tests/test_a.py')\nprint(1)\nEOF" },
    { name: 'a commented-out write in a Node heredoc', command: "node <<'EOF'\n// require('fs').rmSync('tests', { recursive: true })\nconsole.log(1)\nEOF" },
    { name: 'a node script run by name', command: 'node scripts/check.mjs && npx tsx scripts/report.ts' },
    { name: 'a file printed into a pipe that is no interpreter', command: 'cat drop.sh | grep rm' },
  ])('$name', ({ command }) => {
    const effects = shellCommandEffects(command);
    expect([...effects.filesWritten, ...effects.filesEdited, ...effects.filesDeleted, ...effects.filesRestored, ...effects.changedFilePatterns]).toEqual([]);
  });
});

describe('expandBraces', () => {
  it.each<{ word: string; expected: string[] }>([
    { word: 'tests/{a,b}.py', expected: ['tests/a.py', 'tests/b.py'] },
    { word: 'setup.cfg{,.orig}', expected: ['setup.cfg', 'setup.cfg.orig'] },
    { word: '{a,b}{1,2}', expected: ['a1', 'a2', 'b1', 'b2'] },
    { word: 'x{a,{b,c}}y', expected: ['xay', 'xby', 'xcy'] },
    { word: '{}', expected: ['{}'] },
    { word: 'file{1..3}', expected: ['file{1..3}'] },
    { word: '${HOME},x', expected: ['${HOME},x'] },
    { word: '{a}{b,c}', expected: ['{a}b', '{a}c'] },
    { word: '{a,b'.repeat(3), expected: ['{a,b{a,b{a,b'] },
    { word: '{a,b}'.repeat(7), expected: ['{a,b}'.repeat(7)] },
    { word: `${'{'.repeat(200)}${'{a,b}'.repeat(7)}`, expected: [`${'{'.repeat(200)}${'{a,b}'.repeat(7)}`] },
    { word: '{a,{b,c}', expected: ['{a,b', '{a,c'] },
    { word: `${'{'.repeat(400)}${'}'.repeat(400)}`, expected: [`${'{'.repeat(400)}${'}'.repeat(400)}`] },
  ])('$word', ({ word, expected }) => {
    expect(expandBraces(word)).toEqual(expected);
  });
});

describe('isReadOnlyCommand on formatters', () => {
  it.each<{ command: string; readOnly: boolean }>([
    { command: 'black --check tests', readOnly: true },
    { command: 'ruff check src tests', readOnly: true },
    { command: 'npx prettier --check src', readOnly: true },
    { command: 'black tests', readOnly: false },
    { command: 'ruff check --fix src', readOnly: false },
  ])('$command', ({ command, readOnly }) => {
    expect(isReadOnlyCommand(command)).toBe(readOnly);
  });
});

describe('scripts a line writes whole and runs', () => {
  const REWRITE = "open('tests/test_a.py', 'w').write('')";
  it.each<{ name: string; command: string; written: Array<[string, string, string[]]>; run: Array<[string, string, string]> }>([
    { name: 'a Python heredoc', command: `cat <<'EOF' > fix.py\n${REWRITE}\nEOF`, written: [['fix.py', 'python', ['tests/test_a.py']]], run: [] },
    { name: 'a script that changes nothing is still known', command: "cat > repro.py <<'EOF'\nprint(1)\nEOF", written: [['repro.py', 'python', []]], run: [] },
    { name: 'a heredoc into a file that is no script', command: "cat > notes.txt <<'EOF'\nrm -rf tests\nEOF", written: [], run: [] },
    { name: 'a patch file, in the folder cd moved into', command: "cd pkg && cat > a.patch <<'EOF'\n--- a/setup.cfg\n+++ b/setup.cfg\n@@ -1 +1 @@\n-a\n+b\nEOF", written: [['pkg/a.patch', 'patch', ['setup.cfg']]], run: [] },
    { name: 'python with options and arguments', command: 'python3 -B -W ignore fix.py --dry', written: [], run: [['fix.py', 'python', '']] },
    { name: 'python with a warning filter attached', command: 'python -Werror::DeprecationWarning fix.py', written: [], run: [['fix.py', 'python', '']] },
    { name: 'a module, inline code', command: "python -m pytest tests; python -c 'print(1)'", written: [], run: [] },
    { name: 'a script on standard input', command: 'python < fix.py; python3 - < g.py; bash < h.sh', written: [], run: [['fix.py', 'python', ''], ['g.py', 'python', ''], ['h.sh', 'shell', '']] },
    {
      name: 'through package runners',
      command: 'uv run --with rich python fix.py && poetry run bash a.sh && conda run -n env python b.py',
      written: [],
      run: [['fix.py', 'python', ''], ['a.sh', 'shell', ''], ['b.py', 'python', '']],
    },
    { name: 'after prefixes whose options take values', command: 'sudo -u app python fix.py; timeout -s KILL 60 python g.py', written: [], run: [['fix.py', 'python', ''], ['g.py', 'python', '']] },
    { name: 'after a cd that cannot be followed, which file runs is unknown', command: 'cd "$REPO" && python fix.py', written: [], run: [] },
    { name: 'a script the line changed under another spelling', command: "sed -i 's/a/b/' ./x/../fix.py && python fix.py; printf x > a//g.py && bash -c 'python a/g.py'", written: [], run: [] },
    { name: 'bash -c after the line overwrote the script', command: "echo 'print(1)' > fix.py && bash -c 'python fix.py'", written: [], run: [] },
    {
      name: 'a heredoc script is not the one run in another folder',
      command: "cat > fix.py <<'EOF'\nimport os\nos.remove('tests/a.py')\nEOF\ncd sub && python fix.py",
      written: [['fix.py', 'python', ['tests/a.py']]],
      run: [['sub/fix.py', 'python', 'sub']],
    },
    { name: 'run from a folder', command: 'cd tools && python ../fix.py', written: [], run: [['fix.py', 'python', 'tools']] },
    { name: 'run from an absolute folder', command: 'cd /testbed && python fix.py', written: [], run: [['/testbed/fix.py', 'python', '/testbed']] },
    { name: 'bash, sh, source and . run shell scripts', command: 'bash -e a.sh; sh b.sh; source c.sh; . ./d.sh', written: [], run: [['a.sh', 'shell', ''], ['b.sh', 'shell', ''], ['c.sh', 'shell', ''], ['./d.sh', 'shell', '']] },
    { name: 'bash -c runs no script file', command: "bash -lc 'ls'", written: [], run: [] },
    { name: 'a script run by its path', command: './fix.sh && ./tools/regen.py', written: [], run: [['./fix.sh', 'shell', ''], ['./tools/regen.py', 'python', '']] },
    { name: 'git apply and patch', command: 'git apply -p1 a.patch && patch -p0 < b.diff', written: [], run: [['a.patch', 'patch', ''], ['b.diff', 'patch', '']] },
    { name: 'git apply --check only reads', command: 'git apply --check a.patch', written: [], run: [] },
    { name: 'a patch on the standard input of git apply', command: 'git apply < a.patch && cat b.patch | git apply -p1', written: [], run: [['a.patch', 'patch', ''], ['b.patch', 'patch', '']] },
    { name: 'a script piped into a shell or python', command: 'cat drop.sh | bash; cat fix.py | python3 -; sudo cat g.sh | sh', written: [], run: [['drop.sh', 'shell', ''], ['fix.py', 'python', ''], ['g.sh', 'shell', '']] },
    { name: 'only the command right after the cat is fed', command: 'cat drop.sh | tee copy.sh | bash; cat a.sh b.sh | bash; cat drop.sh > x.sh | bash', written: [], run: [] },
    { name: 'a written JavaScript script that changes nothing is still known', command: "cat > check.mjs <<'EOF'\nconsole.log(1)\nEOF", written: [['check.mjs', 'javascript', []]], run: [] },
    {
      name: 'JavaScript runtimes and runners',
      command: 'node scripts/bump.mjs; node --import tsx fix.ts; npx tsx@4 a.ts; npx -y ts-node b.ts; pnpm dlx tsx c.ts; bun run d.ts; deno run -A e.ts; ./f.mjs; node < g.js; cat h.js | node',
      written: [],
      run: [['scripts/bump.mjs', 'javascript', ''], ['fix.ts', 'javascript', ''], ['a.ts', 'javascript', ''], ['b.ts', 'javascript', ''], ['c.ts', 'javascript', ''], ['d.ts', 'javascript', ''], ['e.ts', 'javascript', ''], ['./f.mjs', 'javascript', ''], ['g.js', 'javascript', ''], ['h.js', 'javascript', '']],
    },
    { name: 'runners nested in runners, to a depth', command: `uv run npx tsx a.ts; ${'npx '.repeat(5)}tsx b.ts; ${'npx '.repeat(6)}tsx c.ts`, written: [], run: [['a.ts', 'javascript', ''], ['b.ts', 'javascript', '']] },
    { name: 'npx -c runs a command line, not a script', command: "npx -c 'node fix.js'; pnpm dlx -c 'tsx a.ts'", written: [], run: [] },
    { name: 'npm exec, and a runner path with an @', command: 'npm exec -- tsx a.ts; uv run /home/me@corp/bin/python fix.py', written: [], run: [['a.ts', 'javascript', ''], ['fix.py', 'python', '']] },
    { name: 'a syntax check reads the script without running it', command: 'cat drop.sh | bash -n; bash -n drop.sh; node --test test/io.test.mjs', written: [], run: [] },
    { name: 'node with no script it can name', command: "node -c fix.js; bun run build; node -e 'fs.rmSync(x)'; node", written: [], run: [] },
  ])('$name', ({ command, written, run }) => {
    const effects = shellCommandEffects(command);
    expect(effects.scriptsWritten.map((script) => [script.file, script.kind, [...script.changes.filesWritten, ...script.changes.filesEdited, ...script.changes.filesDeleted]])).toEqual(written);
    expect(effects.scriptsRun.map((script) => [script.file, script.kind, script.folder])).toEqual(run);
  });
});
