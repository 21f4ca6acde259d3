import { describe, it } from 'vitest';
import { DetectorTester } from '../testing/detector-tester.js';
import { trajectory } from '../testing/trajectory-builder.js';
import detector from './ignored-tool-failure.js';

const notFound = '<tool_use_error>String to replace not found in file.\nString: return title</tool_use_error>';
const editFailed = { error: true, output: notFound };
const MISSING_REPORT = "Could not convert 'data/report.pdf' to Markdown. While converting the file, the following error was encountered: FileNotFoundError: [Errno 2] No such file or directory: 'data/report.pdf'";

const MISSING_READ = '<tool_use_error>File does not exist. Note: your current working directory is /home/dev/shop.</tool_use_error>';
const GUIDE = { file_path: '/home/dev/shop/docs/ARCHITECTURE.md' };

/** Three Explore sub-agents launched together, their steps appended one after another (as Claude Code's reader does). */
function parallelExplorers(claim = 'src/cart holds the totals.') {
  return trajectory()
    .user('give me an overview of the checkout flow')
    .user('Map src/cart; read docs/ARCHITECTURE.md if it exists.', 'injected', { sidechain: 'cart', timestamp: '2026-03-02T10:00:15Z' })
    .subAgentTool('cart', 'Read', GUIDE, MISSING_READ, { error: true, timestamp: '2026-03-02T10:00:21Z' })
    .user('Map src/payment; read docs/ARCHITECTURE.md if it exists.', 'injected', { sidechain: 'payment', timestamp: '2026-03-02T10:00:15Z' })
    .assistant(claim, { sidechain: 'payment' })
    .subAgentTool('payment', 'Read', GUIDE, MISSING_READ, { error: true, timestamp: '2026-03-02T10:00:21Z' })
    .user('Map src/orders; read docs/ARCHITECTURE.md if it exists.', 'injected', { sidechain: 'orders', timestamp: '2026-03-02T10:00:16Z' })
    .subAgentTool('orders', 'Read', GUIDE, MISSING_READ, { error: true, timestamp: '2026-03-02T10:00:22Z' });
}

new DetectorTester({ describe, it }).run(detector, {
  valid: [
    { name: 'sub-agents running side by side each try the same missing file once (none saw another fail)', trajectory: parallelExplorers().build() },
    { name: 'a sub-agent’s message after another sub-agent’s failure is no claim about it', trajectory: parallelExplorers('Great, the cart module is updated and works.').build() },
    {
      name: 'a tool that reported a file missing, called on another file',
      trajectory: trajectory()
        .user('summarise the report')
        .tool('inspect_file_as_text', { file_path: 'data/report.pdf', question: 'summary?' }, MISSING_REPORT, { error: true })
        .tool('inspect_file_as_text', { file_path: 'data/report-2024.pdf', question: 'summary?' }, 'The report says …')
        .build(),
    },
    {
      name: 'the missing file created, then read again by the same tool',
      trajectory: trajectory()
        .user('summarise the report')
        .tool('inspect_file_as_text', { file_path: 'data/report.pdf', question: 'summary?' }, MISSING_REPORT, { error: true })
        .run('curl -o data/report.pdf https://example.com/report.pdf', '')
        .write('data/report.pdf', '%PDF')
        .tool('inspect_file_as_text', { file_path: 'data/report.pdf', question: 'what is the total?' }, MISSING_REPORT, { error: true })
        .build(),
    },
    {
      name: 'a shell command naming the same missing file with other flags is the program’s business',
      trajectory: trajectory()
        .user('count lines')
        .run('wc -l data/report.txt', 'wc: data/report.txt: No such file or directory', { exitCode: 1 })
        .run('wc -w data/report.txt', 'wc: data/report.txt: No such file or directory', { exitCode: 1 })
        .build(),
    },
    {
      name: 'the exception the task asks to raise, then a report of it',
      trajectory: trajectory().user('Make save() raise ValidationException for an empty name').edit('app/model.py', 'a', 'b').run('python -c "import app.model as m; m.save(\'\')"', 'Traceback (most recent call last):\napp.errors.ValidationException: empty name', { exitCode: 1 }).assistant('Great — save() now raises ValidationException for an empty name.').build(),
    },
    {
      name: 'a failed edit, a re-read, and a corrected edit',
      trajectory: trajectory()
        .user('fix the slug')
        .edit('src/slug.ts', 'return title', 'return slugify(title)', editFailed)
        .assistant('The text differs; let me read the file again.')
        .read('src/slug.ts', 'export const slug = (t) => t;')
        .edit('src/slug.ts', 'export const slug = (t) => t;', 'export const slug = (t) => slugify(t);')
        .assistant('Great, the slug now uses slugify.')
        .build(),
    },
    {
      name: 'a retry after a timeout is not ignoring the failure',
      trajectory: trajectory().user('run e2e').run('npm run e2e', 'Command timed out after 2m 0.0s', { error: true }).run('npm run e2e', 'Command timed out after 2m 0.0s', { error: true }).build(),
    },
    {
      name: 'the same command after creating the missing file',
      trajectory: trajectory()
        .user('run the script')
        .run('python scripts/seed.py', "python: can't open file 'scripts/seed.py': [Errno 2] No such file or directory", { exitCode: 2 })
        .write('scripts/seed.py', 'print(1)')
        .run('python scripts/seed.py', "python: can't open file 'scripts/seed.py': [Errno 2] No such file or directory", { exitCode: 2 })
        .build(),
    },
    {
      name: 'an honest message after a failure',
      trajectory: trajectory().user('install it').run('npm install left-pad', 'npm error code ENOTFOUND', { exitCode: 1 }).assistant('The install failed: the registry cannot be reached from here.').build(),
    },
    {
      name: 'grep with no match, then a confident message',
      trajectory: trajectory().user('any callers left?').run('grep -rn oldName src', '', { exitCode: 1 }).assistant('Great, there are no callers of oldName left.').build(),
    },
    {
      name: 'a new user message forgets earlier failures',
      trajectory: trajectory().user('deploy').run('kubectl apply -f k8s.yaml', 'bash: kubectl: command not found', { exitCode: 127 }).user('I installed kubectl, try again').run('kubectl apply -f k8s.yaml', 'deployment created').build(),
    },
    {
      name: 'a success message after a later call succeeded',
      trajectory: trajectory()
        .user('build')
        .run('npm run biuld', 'npm error Missing script: "biuld"', { exitCode: 1 })
        .run('npm run build', 'built in 2s')
        .assistant('Great, the build succeeded.')
        .build(),
    },
    {
      name: 'an edit building on a successful edit',
      trajectory: trajectory().user('rename').edit('src/a.ts', 'const oldName = 1', 'const newName = 1').edit('src/a.ts', 'const newName = 1', 'export const newName = 1').build(),
    },
    {
      name: 'malformed calls are left to malformed-tool-call',
      trajectory: trajectory()
        .user('read it')
        .tool('ReadFile', { path: 'a.ts' }, '<tool_use_error>Error: No such tool available: ReadFile</tool_use_error>', { error: true })
        .tool('ReadFile', { path: 'a.ts' }, '<tool_use_error>Error: No such tool available: ReadFile</tool_use_error>', { error: true })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'the agent’s read failed, then a sub-agent it started afterwards made the same read',
      trajectory: trajectory()
        .user('summarise docs/ARCHITECTURE.md')
        .tool('Read', GUIDE, MISSING_READ, { error: true })
        .user('Read docs/ARCHITECTURE.md and summarise it.', 'injected', { sidechain: 'reader' })
        .subAgentTool('reader', 'Read', GUIDE, MISSING_READ, { error: true })
        .build(),
      findings: [{ messageId: 'repeated-failed-call', steps: [1, 2, 4] }],
    },
    {
      name: 'the same missing file asked again with another question (TRAIL b159cbc7)',
      trajectory: trajectory()
        .user('summarise the report')
        .tool('inspect_file_as_text', { file_path: 'data/report.pdf', question: 'summary?' }, MISSING_REPORT, { error: true })
        .assistant('The file could not be read; let me ask a more specific question.')
        .tool('inspect_file_as_text', { file_path: 'data/report.pdf', question: 'what is the total on page 2?' }, MISSING_REPORT, { error: true })
        .build(),
      findings: [{ messageId: 'repeated-missing-file', steps: [1, 2, 4], data: { tool: 'inspect_file_as_text', file: 'data/report.pdf', kind: 'file-not-found', cause: 'agent', failedStep: 1 } }],
    },
    {
      name: 'the same failed edit again, nothing changed in between',
      trajectory: trajectory()
        .user('fix the slug')
        .edit('src/slug.ts', 'return title', 'return slugify(title)', editFailed)
        .assistant('Let me try that again.')
        .edit('src/slug.ts', 'return title', 'return slugify(title)', editFailed)
        .build(),
      findings: [{ messageId: 'repeated-failed-call', steps: [1, 2, 4], data: { tool: 'Edit', kind: 'failed-edit', cause: 'agent', error: 'String to replace not found in file. String: return title', failedStep: 1 } }],
    },
    {
      name: 'a non-consecutive repeat of a missing command, reported once',
      trajectory: trajectory()
        .user('deploy')
        .run('kubectl apply -f k8s.yaml', 'bash: kubectl: command not found', { exitCode: 127 })
        .read('k8s.yaml', 'kind: Deployment')
        .run('kubectl apply -f k8s.yaml', 'bash: kubectl: command not found', { exitCode: 127 })
        .run('kubectl apply -f k8s.yaml', 'bash: kubectl: command not found', { exitCode: 127 })
        .build(),
      findings: [{ messageId: 'repeated-failed-call', steps: [1, 2, 5], data: { kind: 'command-not-found', cause: 'agent' } }],
    },
    {
      name: 'a rejected call made again unchanged',
      trajectory: trajectory()
        .user('clean up')
        .tool('Bash', { command: 'rm -rf build' }, "The user doesn't want to proceed with this tool use. The tool use was rejected.", { error: true, rejected: true })
        .tool('Bash', { command: 'rm -rf build' }, 'ok')
        .build(),
      findings: [{ messageId: 'repeated-failed-call', step: 3, data: { kind: 'rejected', cause: 'environment' } }],
    },
    {
      name: 'claims success right after a failed edit',
      trajectory: trajectory().user('fix the slug').edit('src/slug.ts', 'return title', 'return slugify(title)', editFailed).assistant('Perfect! The slug function now uses slugify. Let me run the tests.').build(),
      findings: [{ messageId: 'claimed-success', steps: [1, 2, 3], data: { tool: 'Edit', cause: 'agent', kind: 'failed-edit' } }],
    },
    {
      name: 'claims success after an environment failure, with the environment as cause',
      trajectory: trajectory().user('install').run('npm install zod', 'npm error code ECONNRESET\nnpm error network aborted', { exitCode: 1 }).assistant('Great, zod is installed. Now let me use it.').build(),
      findings: [{ messageId: 'claimed-success', step: 3, data: { cause: 'environment', kind: 'network' } }],
    },
    {
      name: 'claims success after a failing test run',
      trajectory: trajectory().user('fix it').run('npm test', 'FAIL src/a.test.ts\nTests: 1 failed', { exitCode: 1 }).assistant('Excellent! All tests pass now.').build(),
      findings: [{ messageId: 'claimed-success', step: 3, data: { cause: 'agent', kind: 'unclassified', tool: 'Bash' } }],
    },
    {
      name: 'builds on an edit that failed',
      trajectory: trajectory()
        .user('fix the slug')
        .edit('src/slug.ts', 'return title', 'return slugify(title)', editFailed)
        .edit('src/slug.ts', 'return slugify(title)', 'return slugify(title).trim()')
        .build(),
      findings: [{ messageId: 'built-on-failed-edit', steps: [1, 2, 3], data: { file: 'src/slug.ts', kind: 'failed-edit', cause: 'agent' } }],
    },
  ],
});
