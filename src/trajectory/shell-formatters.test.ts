import { describe, expect, it } from 'vitest';
import { formatterEffects, formatterRun } from './shell-formatters.js';

describe('formatterRun finds the formatter a command runs', () => {
  it.each<{ program: string; words: string[]; formatter: string | undefined; rest?: string[] }>([
    { program: 'black', words: ['tests'], formatter: 'black', rest: ['tests'] },
    { program: 'python3', words: ['-m', 'isort', 'a.py'], formatter: 'isort', rest: ['a.py'] },
    { program: 'npx', words: ['--yes', 'prettier', '--write', 'src'], formatter: 'prettier', rest: ['--write', 'src'] },
    { program: 'uv', words: ['run', 'ruff', 'format'], formatter: 'ruff', rest: ['format'] },
    { program: 'python', words: ['-m', 'pytest'], formatter: undefined },
    { program: 'npx', words: ['jest'], formatter: undefined },
    { program: 'poetry', words: ['install'], formatter: undefined },
    { program: 'npx', words: ['prettier@3', '--write', 'src'], formatter: 'prettier', rest: ['--write', 'src'] },
    { program: 'yarn', words: ['prettier', '--write', 'src'], formatter: 'prettier', rest: ['--write', 'src'] },
    { program: 'pnpm', words: ['exec', 'eslint', '--fix'], formatter: 'eslint', rest: ['--fix'] },
    { program: 'uv', words: ['run', '--with', 'black', 'black', 'tests'], formatter: 'black', rest: ['tests'] },
    { program: 'npx', words: ['--package', 'prettier', 'prettier', '--check', 'src'], formatter: 'prettier', rest: ['--check', 'src'] },
    { program: 'yarn', words: ['install'], formatter: undefined },
    { program: 'npx', words: ['@biomejs/biome', 'format'], formatter: undefined },
  ])('$program $words', ({ program, words, formatter, rest }) => {
    const run = formatterRun(program, words);
    expect(run?.formatter).toBe(formatter);
    if (rest) expect(run?.words).toEqual(rest);
  });
});

describe('formatterEffects', () => {
  it.each<{ name: string; program: string; words: string[]; edited?: string[]; patterns?: string[]; checksOnly?: boolean }>([
    { name: 'black on files and a folder', program: 'black', words: ['setup.py', 'tests/'], edited: ['setup.py'], patterns: ['tests/**/*.py'] },
    { name: 'an option value is not a file', program: 'black', words: ['--config', 'pyproject.toml', '-l', '100', 'src/a.py'], edited: ['src/a.py'], patterns: [] },
    { name: 'an option=value is not a file', program: 'black', words: ['--line-length=100', 'src/a.py'], edited: ['src/a.py'], patterns: [] },
    { name: 'black --check only checks', program: 'black', words: ['--check', 'tests'], checksOnly: true },
    { name: 'isort -c only checks', program: 'isort', words: ['-c', 'a.py'], checksOnly: true },
    { name: 'autopep8 without --in-place prints', program: 'autopep8', words: ['a.py'], checksOnly: true },
    { name: 'autopep8 --in-place', program: 'autopep8', words: ['--in-place', 'a.py'], edited: ['a.py'], patterns: [] },
    { name: 'ruff format on the working folder', program: 'ruff', words: ['format', '.'], edited: [], patterns: ['**/*.py'] },
    { name: 'ruff format --check', program: 'ruff', words: ['format', '--check', '.'], checksOnly: true },
    { name: 'ruff check --fix', program: 'ruff', words: ['check', '--fix', 'src'], edited: [], patterns: ['src/**/*.py'] },
    { name: 'ruff check', program: 'ruff', words: ['check', 'src'], checksOnly: true },
    { name: 'prettier --write on a glob', program: 'prettier', words: ['--write', 'src/**/*.ts'], edited: [], patterns: ['src/**/*.ts'] },
    { name: 'prettier on a folder: every file', program: 'prettier', words: ['-w', 'docs'], edited: [], patterns: ['docs/**'] },
    { name: 'eslint without --fix', program: 'eslint', words: ['src'], checksOnly: true },
    { name: 'gofmt -w', program: 'gofmt', words: ['-w', 'main.go'], edited: ['main.go'], patterns: [] },
    { name: 'rustfmt --check', program: 'rustfmt', words: ['--check', 'src/main.rs'], checksOnly: true },
    { name: 'not a formatter', program: 'pytest', words: ['tests'], checksOnly: true },
    { name: "isort's --skip names a folder to leave alone", program: 'isort', words: ['--skip', 'tests', 'src'], edited: [], patterns: ['src/**/*.py'] },
    { name: "isort's --skip-glob", program: 'isort', words: ['--skip-glob', '*/tests/*', 'src'], edited: [], patterns: ['src/**/*.py'] },
    { name: "yapf's -e excludes", program: 'yapf', words: ['-i', '-r', '-e', 'tests/*', 'src'], edited: [], patterns: ['src/**/*.py'] },
    { name: "eslint's --ignore-pattern", program: 'eslint', words: ['--fix', '--ignore-pattern', 'tests/**', 'src'], edited: [], patterns: ['src/**'] },
    { name: "ruff's --output-format value", program: 'ruff', words: ['check', '--fix', '--output-format', 'json', 'tests'], edited: [], patterns: ['tests/**/*.py'] },
    { name: 'ruff format with no path formats the working folder', program: 'ruff', words: ['format'], edited: [], patterns: ['**/*.py'] },
    { name: 'eslint --fix with no path', program: 'eslint', words: ['--fix'], edited: [], patterns: ['**'] },
    { name: 'black with no path changes nothing it names', program: 'black', words: ['-l', '100'], edited: [], patterns: [] },
    { name: "prettier's -l is a flag, not a value", program: 'prettier', words: ['--write', '-l', 'src/a.ts'], edited: ['src/a.ts'], patterns: [] },
  ])('$name', ({ program, words, edited, patterns, checksOnly }) => {
    const effects = formatterEffects(program, words);
    if (checksOnly) {
      expect(effects).toBeUndefined();
      return;
    }
    expect(effects?.filesEdited).toEqual(edited);
    expect(effects?.changedFilePatterns).toEqual(patterns);
  });
});
