import { describe, it } from 'vitest';
import { DetectorTester } from '../testing/detector-tester.js';
import { trajectory } from '../testing/trajectory-builder.js';
import detector from './tool-failure-streak.js';

const missingFile = '<tool_use_error>File does not exist.</tool_use_error>';
const editMiss = '<tool_use_error>String to replace not found in file.\nString: foo</tool_use_error>';
const timeout = 'Command timed out after 2m 0.0s';
const conversionFailed = "Could not convert 'a.mp3' to Markdown. File type was recognized as ['.mp3'].";
const toolRaised = "Code execution failed at line 'text = inspect_file_as_text(file_path=\"a.mp3\")' due to: FileConversionException: Could not convert 'a.mp3' to Markdown.";
const importRefused = "Code execution failed at line 'import os' due to: InterpreterError: Import of os is not allowed. Authorized imports are: ['re']";
const codeRaised = "Code execution failed at line 'n = int(s)' due to: ValueError: invalid literal for int() with base 10: 'x'";
const parseFailed = 'Code parsing failed on line 1 due to: SyntaxError\nprint("a\n      ^';

new DetectorTester({ describe, it }).run(detector, {
  valid: [
    {
      name: 'three sub-agents running side by side each fail once (a streak is one agent’s)',
      trajectory: trajectory()
        .user('give me an overview')
        .user('Map src/cart', 'injected', { sidechain: 'cart' })
        .user('Map src/payment', 'injected', { sidechain: 'payment' })
        .user('Map src/orders', 'injected', { sidechain: 'orders' })
        .subAgentTool('cart', 'Read', { file_path: 'docs/ARCHITECTURE.md' }, missingFile, { error: true })
        .subAgentTool('payment', 'Read', { file_path: 'docs/DESIGN.md' }, missingFile, { error: true })
        .subAgentTool('orders', 'Read', { file_path: 'docs/OVERVIEW.md' }, missingFile, { error: true })
        .build(),
    },
    {
      name: 'two failures, a success, two failures',
      trajectory: trajectory()
        .user('fix')
        .read('src/a.ts', missingFile)
        .tool('Read', { file_path: 'src/b.ts' }, missingFile, { error: true })
        .read('src/index.ts', 'export {}')
        .tool('Read', { file_path: 'src/c.ts' }, missingFile, { error: true })
        .edit('src/index.ts', 'foo', 'bar', { error: true, output: editMiss })
        .build(),
    },
    {
      name: 'timeouts are the environment, not the agent',
      trajectory: trajectory().user('e2e').run('npm run e2e', timeout, { error: true }).run('npm run e2e -- --shard 1', timeout, { error: true }).run('npm run e2e -- --shard 2', timeout, { error: true }).build(),
    },
    {
      name: 'rejections never count',
      trajectory: trajectory()
        .user('clean')
        .tool('Bash', { command: 'rm -rf dist' }, 'rejected', { error: true, rejected: true })
        .tool('Bash', { command: 'rm -rf build' }, 'rejected', { error: true, rejected: true })
        .tool('Bash', { command: 'git clean -fdx' }, 'rejected', { error: true, rejected: true })
        .build(),
    },
    {
      name: 'failing test runs are not tool-call mistakes',
      trajectory: trajectory().user('fix').run('npm test', 'FAIL', { exitCode: 1 }).run('npm test -- slug', 'FAIL', { exitCode: 1 }).run('npx vitest run', 'FAIL', { exitCode: 1 }).build(),
    },
    {
      name: 'real user input resets the streak',
      trajectory: trajectory()
        .user('fix')
        .tool('Read', { file_path: 'a.ts' }, missingFile, { error: true })
        .tool('Read', { file_path: 'b.ts' }, missingFile, { error: true })
        .user('the files are under lib/, continue')
        .tool('Read', { file_path: 'lib/c.ts' }, missingFile, { error: true })
        .build(),
    },
    {
      name: 'grep finding nothing is not a failure',
      trajectory: trajectory()
        .user('find')
        .tool('Read', { file_path: 'a.ts' }, missingFile, { error: true })
        .run('grep -rn foo src', '', { exitCode: 1 })
        .tool('Read', { file_path: 'b.ts' }, missingFile, { error: true })
        .tool('Read', { file_path: 'c.ts' }, missingFile, { error: true })
        .build(),
    },
    {
      name: 'a tool failing inside a code action counts once, with the code action',
      trajectory: trajectory()
        .user('answer')
        .codeCall('final_answer(task=t)', ['final_answer'])
        .calledFromCode('final_answer', { task: 't' }, "final_answer() got an unexpected keyword argument 'task'", { error: true })
        .result("Code execution failed at line 'final_answer(task=t)' due to: TypeError: final_answer() got an unexpected keyword argument 'task'", { error: true })
        .codeCall('import os')
        .result(importRefused, { error: true })
        .build(),
    },
    {
      name: 'a tool’s own failure inside a code action is not the agent’s',
      trajectory: trajectory()
        .user('transcribe a.mp3')
        .codeCall('text = inspect_file_as_text(file_path="a.mp3")', ['inspect_file_as_text'])
        .calledFromCode('inspect_file_as_text', { file_path: 'a.mp3' }, conversionFailed, { error: true })
        .result(toolRaised, { error: true })
        .codeCall('import os')
        .result(importRefused, { error: true })
        .codeCall('n = int(s)')
        .result(codeRaised, { error: true })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'three code actions in a row refused or broken by the agent’s own code',
      trajectory: trajectory()
        .user('count the rows')
        .codeCall('import os')
        .result(importRefused, { error: true })
        .codeCall('n = int(s)')
        .result(codeRaised, { error: true })
        .codeCall('print("a')
        .result(parseFailed, { error: true })
        .build(),
      findings: [{ messageId: 'streak', steps: [1, 2, 3, 4, 5, 6], data: { count: 3, tool: 'python_interpreter', kinds: 'code-refused,code-exception,code-syntax', cause: 'agent' } }],
    },
    {
      name: 'three agent mistakes in a row, of different kinds',
      trajectory: trajectory()
        .user('fix')
        .tool('Read', { file_path: 'src/a.ts' }, missingFile, { error: true })
        .edit('src/b.ts', 'foo', 'bar', { error: true, output: editMiss })
        .run('pnpmx test', '/bin/bash: line 1: pnpmx: command not found', { exitCode: 127 })
        .build(),
      findings: [{ messageId: 'streak', steps: [1, 2, 3, 4, 5, 6], data: { count: 3, tool: 'Bash', kind: 'command-not-found', kinds: 'file-not-found,failed-edit,command-not-found', cause: 'agent' } }],
    },
    {
      name: 'environment failures in between neither count nor reset',
      trajectory: trajectory()
        .user('fix')
        .tool('Read', { file_path: 'a.ts' }, missingFile, { error: true })
        .run('npm ci', timeout, { error: true })
        .tool('Read', { file_path: 'b.ts' }, missingFile, { error: true })
        .tool('Read', { file_path: 'c.ts' }, missingFile, { error: true })
        .build(),
      findings: [{ messageId: 'streak', steps: [1, 2, 5, 6, 7, 8], data: { count: 3 } }],
    },
    {
      name: 'reported again every three more',
      trajectory: trajectory()
        .user('fix')
        .tool('Read', { file_path: 'a' }, missingFile, { error: true })
        .tool('Read', { file_path: 'b' }, missingFile, { error: true })
        .tool('Read', { file_path: 'c' }, missingFile, { error: true })
        .tool('Read', { file_path: 'd' }, missingFile, { error: true })
        .tool('Read', { file_path: 'e' }, missingFile, { error: true })
        .tool('Read', { file_path: 'f' }, missingFile, { error: true })
        .build(),
      findings: [
        { messageId: 'streak', step: 6, data: { count: 3 } },
        { messageId: 'streak', step: 12, data: { count: 6 } },
      ],
    },
    {
      name: 'failing test runs count when asked',
      options: { countUnclassified: true, threshold: 2 },
      trajectory: trajectory().user('fix').run('npm test', 'FAIL', { exitCode: 1 }).run('npm test', 'FAIL', { exitCode: 1 }).build(),
      findings: [{ messageId: 'streak', step: 4, data: { count: 2, kind: 'unclassified' } }],
    },
  ],
});
