import { describe, it } from 'vitest';
import { DetectorTester } from '../testing/detector-tester.js';
import { trajectory } from '../testing/trajectory-builder.js';
import detector from './near-identical-call.js';
import { normalizeCommandLine } from './loop-support/call-keys.js';

describe('normalizeCommandLine', () => {
  it('ignores quoting, spacing, flag order, ./ prefixes and trailing slashes', () => {
    const forms = ['grep -rn "foo" src/', "grep  -n -r 'foo' ./src", 'grep -nr foo src'];
    for (const form of forms) if (normalizeCommandLine(form) !== normalizeCommandLine(forms[0])) throw new Error(`${form} differs`);
  });
  it('keeps operands and their order', () => {
    if (normalizeCommandLine('cp a b') === normalizeCommandLine('cp b a')) throw new Error('operand order lost');
  });
});

new DetectorTester({ describe, it }).run(detector, {
  valid: [
    {
      name: 'heredocs writing different file bodies, with the same output (edge cases tried one by one)',
      trajectory: trajectory()
        .user('check the edge cases')
        .run("cat <<'EOF' > app/models.py\nordering = ['related__pk']\nEOF\npython3 run_edge_tests.py", 'Checking MyModel...')
        .run("cat <<'EOF' > app/models.py\nordering = ['related__pk__name']\nEOF\npython3 run_edge_tests.py", 'Checking MyModel...')
        .run("cat <<'EOF' >  app/models.py\nordering = ['pk__name']\nEOF\npython3  run_edge_tests.py", 'Checking MyModel...')
        .build(),
    },
    { name: 'identical calls are repeated-tool-call’s', trajectory: trajectory().user('x').run('ls src', 'a').run('ls src', 'a').run('ls src', 'a').build() },
    { name: 'two paraphrases only', trajectory: trajectory().user('x').run('ls -la src', 'a').run('ls -al src/', 'a').build() },
    {
      name: 'paraphrases whose result changes (progress)',
      trajectory: trajectory().user('x').run('grep -rn TODO src', '3 hits').run('grep -nr TODO ./src', '2 hits').run("grep -r -n 'TODO' src/", '1 hit').build(),
    },
    {
      name: 'different operands are different calls',
      trajectory: trajectory().user('x').run('cat a.ts', 'x').run('cat b.ts', 'x').run('cat c.ts', 'x').build(),
    },
    {
      name: 'a file change between the calls',
      trajectory: trajectory().user('x').run('npm  test', 'FAIL', { exitCode: 1 }).edit('a.ts', '1', '2').run('npm test', 'FAIL', { exitCode: 1 }).edit('a.ts', '2', '3').run(' npm test ', 'FAIL', { exitCode: 1 }).build(),
    },
    {
      name: 'real user input resets',
      trajectory: trajectory().user('x').run('ls -la src', 'a').run('ls -al src/', 'a').user('again').run('ls -a -l ./src', 'a').build(),
    },
  ],
  invalid: [
    {
      name: 'flag order, quoting and trailing slashes varied',
      trajectory: trajectory().user('x').run('grep -rn "foo" src/', 'none').run('grep -nr foo ./src', 'none').run("grep -r -n 'foo' src", 'none').build(),
      findings: [{ messageId: 'near-identical', step: 6, steps: [1, 2, 3, 4, 5, 6], data: { tool: 'Bash', count: 3, spellings: 3, difference: 'command "grep -rn "foo" src/" / "grep -nr foo ./src"' } }],
    },
    {
      name: 'tool inputs with whitespace and ./ prefixes varied',
      trajectory: trajectory().user('x').tool('Glob', { pattern: '**/*.ts', path: './src' }, 'a.ts').tool('Glob', { pattern: ' **/*.ts', path: 'src/' }, 'a.ts').tool('Glob', { pattern: '**/*.ts', path: 'src' }, 'a.ts').build(),
      findings: [{ messageId: 'near-identical', step: 6, data: { tool: 'Glob', count: 3, difference: 'path "./src" / "src/"' } }],
    },
  ],
});
