import { describe, it } from 'vitest';
import { DetectorTester } from '../testing/detector-tester.js';
import { trajectory } from '../testing/trajectory-builder.js';
import detector from './repeated-tool-call.js';

const failing = { exitCode: 1 };

new DetectorTester({ describe, it }).run(detector, {
  valid: [
    {
      name: 'three sub-agents launched together each read the same README once (a streak is one agent’s)',
      trajectory: trajectory()
        .user('give me an overview of the repository')
        .user('Map src/cart', 'injected', { sidechain: 'cart' })
        .user('Map src/payment', 'injected', { sidechain: 'payment' })
        .user('Map src/orders', 'injected', { sidechain: 'orders' })
        .subAgentTool('cart', 'Read', { file_path: 'README.md' }, '# Shop')
        .subAgentTool('payment', 'Read', { file_path: 'README.md' }, '# Shop')
        .subAgentTool('orders', 'Read', { file_path: 'README.md' }, '# Shop')
        .build(),
    },
    { name: 'a command run twice', trajectory: trajectory().user('fix it').run('npm test', 'FAIL', failing).run('npm test', 'FAIL', failing).build() },
    {
      name: 'Codex polling a long test run with write_stdin, then waiting for its sub-agent',
      trajectory: (() => {
        const builder = trajectory({ agent: 'codex' }).user('Run the full test suite and fix what fails.');
        builder.tool('exec_command', { cmd: 'npm test', yield_time_ms: 10000 }, 'Process running with session ID 3\nOutput:\n> test');
        for (let poll = 0; poll < 5; poll++) builder.tool('write_stdin', { session_id: 3, chars: '', yield_time_ms: 30000 }, 'Process running with session ID 3\nOutput:\n');
        builder.tool('write_stdin', { session_id: 3, chars: '' }, 'Process exited with code 0\nOutput:\n120 passing');
        for (let poll = 0; poll < 4; poll++) builder.tool('wait', { ids: ['agent-1'], timeout_ms: 30000 }, '{"status":{},"timed_out":true}');
        return builder.build();
      })(),
    },
    {
      name: 'polling a running process whose output changes',
      trajectory: trajectory().user('deploy').run('kubectl get pods', 'pending').run('kubectl get pods', 'creating').run('kubectl get pods', 'running').run('kubectl get pods', 'ready').build(),
    },
    {
      name: 're-running the tests after each edit',
      trajectory: trajectory()
        .user('fix the test')
        .run('npm test', 'FAIL a', failing)
        .edit('src/a.ts', 'x', 'y')
        .run('npm test', 'FAIL a', failing)
        .edit('src/a.ts', 'y', 'z')
        .run('npm test', 'FAIL a', failing)
        .build(),
    },
    {
      name: 'paginated reads returning different pages',
      trajectory: trajectory().user('list').tool('read_output', { page: 'next' }, 'rows 1-50').tool('read_output', { page: 'next' }, 'rows 51-100').tool('read_output', { page: 'next' }, 'rows 101-150').build(),
    },
    {
      name: 'sleeping while waiting for a build',
      trajectory: trajectory().user('build').run('sleep 30').run('sleep 30').run('sleep 30').run('sleep 30').build(),
    },
    {
      name: 'a new user message resets the count',
      trajectory: trajectory().user('run it').run('make', 'ok').run('make', 'ok').user('again please').run('make', 'ok').run('make', 'ok').build(),
    },
  ],
  invalid: [
    {
      name: 'one sub-agent reads the same file three times, the main agent’s calls in between',
      trajectory: trajectory()
        .user('summarise the README')
        .user('Summarise README.md', 'injected', { sidechain: 'reader' })
        .subAgentTool('reader', 'Read', { file_path: 'README.md' }, '# Shop')
        .tool('Bash', { command: 'git status' }, 'clean')
        .subAgentTool('reader', 'Read', { file_path: 'README.md' }, '# Shop')
        .subAgentTool('reader', 'Read', { file_path: 'README.md' }, '# Shop')
        .build(),
      findings: [{ messageId: 'repeated', step: 9, steps: [2, 3, 6, 7, 8, 9], data: { tool: 'Read', count: 3 } }],
    },
    {
      name: 'the same failing command three times',
      trajectory: trajectory().user('fix it').run('npm test', 'FAIL', failing).run('npm test', 'FAIL', failing).run('npm test', 'FAIL', failing).build(),
      findings: [{ messageId: 'repeated', step: 6, steps: [1, 2, 3, 4, 5, 6], data: { tool: 'Bash', count: 3, input: 'npm test', failing: true } }],
    },
    {
      name: 'key order does not hide a repeat',
      trajectory: trajectory()
        .user('look')
        .tool('Grep', { pattern: 'foo', path: 'src' }, 'none')
        .tool('Grep', { path: 'src', pattern: 'foo' }, 'none')
        .assistant('Let me search again.')
        .tool('Grep', { pattern: 'foo', path: 'src' }, 'none')
        .build(),
      findings: [{ messageId: 'repeated', step: 7, data: { count: 3 } }],
    },
    {
      name: 'the same call failing three times in a row with differing error texts',
      trajectory: trajectory().user('x').tool('Bash', { command: 'invalid_command' }, 'Command not found', { error: true }).tool('Bash', { command: 'invalid_command' }, 'Different error', { error: true }).tool('Bash', { command: 'invalid_command' }, 'Command not found', { error: true }).build(),
      findings: [{ messageId: 'repeated', step: 6, data: { count: 3, failing: true } }],
    },
    {
      name: 'reported again at every repeat while the loop goes on (each is a recurrence)',
      trajectory: trajectory().user('x').run('ls', 'a').run('ls', 'a').run('ls', 'a').run('ls', 'a').run('ls', 'a').build(),
      findings: [
        { messageId: 'repeated', step: 6, data: { count: 3 } },
        { messageId: 'repeated', step: 8, data: { count: 4 } },
        { messageId: 'repeated', step: 10, data: { count: 5 } },
      ],
    },
  ],
});
