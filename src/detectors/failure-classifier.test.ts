import { describe, expect, it } from 'vitest';
import { classifyFailure, errorExcerpt, type FailureCause, type FailureKind } from './failure-classifier.js';

interface Case {
  name: string;
  output: string;
  exitCode?: number;
  tool?: string;
  input?: unknown;
  cause: FailureCause;
  kind: FailureKind;
}

/** Realistic failed results, by agent, with their expected classification. */
const FAILURES: Case[] = [
  // Claude Code
  { name: 'claude code unknown tool', output: '<tool_use_error>Error: No such tool available: ReadFile</tool_use_error>', cause: 'agent', kind: 'unknown-tool' },
  { name: 'claude code missing parameter', output: '<tool_use_error>InputValidationError: Edit failed due to the following issue:\nThe required parameter `old_string` is missing</tool_use_error>', cause: 'agent', kind: 'invalid-arguments' },
  { name: 'claude code wrong type', output: '<tool_use_error>InputValidationError: Read failed due to the following issue:\nThe parameter `limit` type is expected as `number` but provided as `string`</tool_use_error>', cause: 'agent', kind: 'invalid-arguments' },
  { name: 'claude code string to replace not found', output: '<tool_use_error>String to replace not found in file.\nString:   const slug = title.toLowerCase()</tool_use_error>', cause: 'agent', kind: 'failed-edit' },
  { name: 'claude code several matches', output: '<tool_use_error>Found 3 matches of the string to replace, but replace_all is false. To replace all occurrences, set replace_all to true.</tool_use_error>', cause: 'agent', kind: 'failed-edit' },
  { name: 'claude code file does not exist', output: '<tool_use_error>File does not exist.</tool_use_error>', cause: 'agent', kind: 'file-not-found' },
  { name: 'claude code write before read', output: '<tool_use_error>File has not been read yet. Read it first before writing to it.</tool_use_error>', cause: 'agent', kind: 'precondition' },
  { name: 'claude code command not found', output: 'Exit code 127\n/bin/bash: line 1: pnpmx: command not found', exitCode: 127, tool: 'Bash', input: { command: 'pnpmx test' }, cause: 'agent', kind: 'command-not-found' },
  { name: 'claude code bash syntax error', output: "Exit code 2\n/bin/bash: eval: line 1: syntax error near unexpected token `)'", exitCode: 2, tool: 'Bash', input: { command: 'echo $(ls))' }, cause: 'agent', kind: 'command-syntax' },
  { name: 'claude code timeout', output: 'Command timed out after 2m 0.0s', tool: 'Bash', input: { command: 'npm run e2e' }, cause: 'environment', kind: 'timeout' },
  { name: 'claude code user rejection', output: "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). STOP what you are doing and wait for the user to tell you how to proceed.", cause: 'environment', kind: 'rejected' },
  { name: 'claude code permission not granted', output: "Claude requested permissions to use Bash, but you haven't granted it yet.", cause: 'environment', kind: 'rejected' },
  { name: 'claude code network', output: 'Exit code 1\nnpm error code ENOTFOUND\nnpm error syscall getaddrinfo\nnpm error network request to https://registry.npmjs.org/left-pad failed', exitCode: 1, tool: 'Bash', input: { command: 'npm install left-pad' }, cause: 'environment', kind: 'network' },
  // Codex
  { name: 'codex apply_patch failure', output: 'apply_patch verification failed: Failed to find expected lines in src/slug.ts:\n  return title', cause: 'agent', kind: 'failed-edit' },
  { name: 'codex argument parse error', output: 'failed to parse function arguments: missing field `command` at line 1 column 2', cause: 'agent', kind: 'invalid-arguments' },
  { name: 'codex unsupported call', output: 'unsupported call: read_file', cause: 'agent', kind: 'unknown-tool' },
  { name: 'codex rejected exec', output: 'exec command rejected by user', cause: 'environment', kind: 'rejected' },
  { name: 'codex sandbox permission', output: "Exit code: 1\nbash: /etc/hosts: Permission denied", exitCode: 1, tool: 'shell', input: { command: ['bash', '-lc', 'echo x >> /etc/hosts'] }, cause: 'environment', kind: 'permission' },
  // Gemini CLI
  { name: 'gemini unknown tool', output: 'Tool "read_files" not found in registry. Tools must use the exact names that are registered.', cause: 'agent', kind: 'unknown-tool' },
  { name: 'gemini missing property', output: "params must have required property 'file_path'", cause: 'agent', kind: 'invalid-arguments' },
  { name: 'gemini edit miss', output: 'Failed to edit, 0 occurrences found for old_string in /repo/src/app.ts. No edits made. The exact text in old_string was not found.', cause: 'agent', kind: 'failed-edit' },
  { name: 'gemini rate limit', output: '[API Error: got status: 429 Too Many Requests. Quota exceeded for quota metric]', cause: 'environment', kind: 'rate-limit' },
  // OpenHands
  { name: 'openhands str_replace miss', output: 'ERROR:\nNo replacement was performed, old_str `def slugify(x):` did not appear verbatim in /workspace/repo/slug.py.', cause: 'agent', kind: 'failed-edit' },
  { name: 'openhands invalid path', output: 'ERROR:\nInvalid `path` parameter: /workspace/repo/missing.py. The path /workspace/repo/missing.py does not exist. Please provide a valid path.', cause: 'agent', kind: 'invalid-arguments' },
  { name: 'openhands command timeout', output: '[The command timed out after 120 seconds. You may wait longer to see additional output by sending empty command \'\', send other commands to interact with the current process, or send keys to interrupt/kill the command.]', cause: 'environment', kind: 'timeout' },
  { name: 'openhands connection refused', output: 'curl: (7) Failed to connect to localhost port 8000 after 0 ms: Connection refused', exitCode: 7, tool: 'execute_bash', input: { command: 'curl localhost:8000' }, cause: 'environment', kind: 'network' },
  // SWE-agent and mini-swe-agent
  { name: 'swe-agent timeout', output: "The command 'python reproduce.py' was cancelled because it took more than 300 seconds. Please try a different command that completes more quickly.", cause: 'environment', kind: 'timeout' },
  { name: 'swe-agent multiple occurrences', output: 'No replacement was performed. Multiple occurrences of old_str `return x` in lines [12, 40]. Please ensure it is unique', cause: 'agent', kind: 'failed-edit' },
  { name: 'swe-agent edit rejected by the linter', output: 'Your proposed edit has introduced new syntax error(s). Please understand the fixes and retry your edit commmand.\n\nERRORS:\n- E999 SyntaxError: unmatched \']\'', tool: 'edit', input: { command: 'edit 12:14\nfoo]\nend_of_edit' }, cause: 'agent', kind: 'failed-edit' },
  { name: 'openhands cd into a missing directory', output: "/bin/sh: 1: cd: can't cd to /workspace/repo/build/build_release\nmake: *** [Makefile:192: build] Error 2", exitCode: 2, tool: 'execute_bash', input: { command: 'make build' }, cause: 'agent', kind: 'file-not-found' },
  { name: 'mini-swe-agent missing file', output: "<returncode>1</returncode>\n<output>\nsed: can't read src/utils.py: No such file or directory\n</output>", exitCode: 1, tool: 'bash', input: { command: 'sed -n 1,20p src/utils.py' }, cause: 'agent', kind: 'file-not-found' },
  { name: 'python -c syntax error', output: '  File "<string>", line 1\n    print(\'a\'\n         ^\nSyntaxError: unexpected EOF while parsing', exitCode: 1, tool: 'Bash', input: { command: "python -c \"print('a'\"" }, cause: 'agent', kind: 'command-syntax' },
  { name: 'disk full', output: 'write /tmp/build/out.o: No space left on device', exitCode: 1, tool: 'Bash', input: { command: 'make' }, cause: 'environment', kind: 'disk-full' },
  { name: 'service unavailable', output: 'Error: Request failed with status code 503 (Service Unavailable)', cause: 'environment', kind: 'service-unavailable' },
  // Unclassified: a failing test run is a result, not a malformed call.
  { name: 'failing tests', output: 'Exit code 1\nFAIL src/slug.test.ts\n  ✕ slugifies titles (4 ms)\nTests: 1 failed, 3 passed', exitCode: 1, tool: 'Bash', input: { command: 'npm test' }, cause: 'unknown', kind: 'unclassified' },
  { name: 'a program printing a harness-like wording', output: "Testing Case 1\nCase 1 Failed: 'hello' received unexpected keyword argument 'greeting'", exitCode: 1, tool: 'bash', input: { command: 'python3 reproduce_issue.py' }, cause: 'unknown', kind: 'unclassified' },
  { name: 'a missing file deep in a test log', output: `Testing against Django installed in '/testbed/django'\n${'.'.repeat(400)}\nFileNotFoundError: [Errno 2] No such file or directory: 'fixture.json'`, exitCode: 1, tool: 'bash', input: { command: 'python3 tests/runtests.py dbshell' }, cause: 'unknown', kind: 'unclassified' },
  { name: 'test code syntax error is not a command syntax error', output: 'SyntaxError: invalid syntax (test_slug.py, line 3)', exitCode: 1, tool: 'Bash', input: { command: 'pytest tests' }, cause: 'unknown', kind: 'unclassified' },
];

describe('classifyFailure', () => {
  it.each(FAILURES)('$name → $cause/$kind', (testCase) => {
    const classification = classifyFailure(
      { output: testCase.output, isError: true, exitCode: testCase.exitCode },
      testCase.tool ? { tool: testCase.tool, input: testCase.input } : undefined,
    );
    expect(classification).toMatchObject({ failed: true, benign: false, cause: testCase.cause, kind: testCase.kind });
  });

  it('takes the rejected and interrupted flags over the text', () => {
    expect(classifyFailure({ output: 'anything', isError: true, rejected: true })).toMatchObject({ cause: 'environment', kind: 'rejected' });
    expect(classifyFailure({ output: '', isError: false, interrupted: true })).toMatchObject({ failed: true, cause: 'environment', kind: 'interrupted' });
  });

  it('does not classify a success', () => {
    expect(classifyFailure({ output: 'No such file or directory', isError: false })).toMatchObject({ failed: false, benign: false });
  });

  it.each([
    { command: 'grep -rn "slugify" src', output: 'Exit code 1' },
    { command: 'cat log.txt | grep ERROR', output: '' },
    { command: 'diff a.txt b.txt', output: 'Exit code 1\n' },
    { command: 'test -f dist/index.js', output: '' },
  ])('treats $command exiting 1 with no output as an answer', ({ command, output }) => {
    expect(classifyFailure({ output, isError: true, exitCode: 1 }, { tool: 'Bash', input: { command } })).toMatchObject({ failed: false, benign: true });
  });

  it('still classifies grep when it printed an error', () => {
    expect(classifyFailure({ output: 'grep: src/nope: No such file or directory', isError: true, exitCode: 2 }, { tool: 'Bash', input: { command: 'grep x src/nope' } })).toMatchObject({ failed: true, kind: 'file-not-found' });
  });

  it('looks only at the head and tail of long outputs', () => {
    const output = `${'x'.repeat(10_000)}Connection refused${'y'.repeat(10_000)}`;
    expect(classifyFailure({ output, isError: true })).toMatchObject({ kind: 'unclassified' });
  });
});

const CODE = { tool: 'python_interpreter', input: { code: 'x' }, code: { language: 'python', calls: [{ tool: 'inspect_file_as_text', arguments: '' }], tools: ['inspect_file_as_text'] } };

describe('classifyFailure of code actions and of results with no error flag', () => {
  it.each([
    { name: 'sandbox refusal', output: "Code execution failed at line 'import os' due to: InterpreterError: Import of os is not allowed. Authorized imports are: ['re']", kind: 'code-refused' },
    { name: 'parse failure', output: 'Code parsing failed on line 1 due to: SyntaxError\nfinal_answer("a', kind: 'code-syntax' },
    { name: 'exception in the agent code', output: "Code execution failed at line 'n = int(s)' due to: ValueError: invalid literal for int()", kind: 'code-exception' },
    { name: 'a tool called with a wrong keyword', output: "Code execution failed at line 'final_answer(task=t)' due to: TypeError: final_answer() got an unexpected keyword argument 'task'", kind: 'invalid-arguments' },
  ])('a flagged code action: $name is the agent’s $kind', ({ output, kind }) => {
    expect(classifyFailure({ output, isError: true }, CODE)).toMatchObject({ failed: true, cause: 'agent', kind });
  });

  it('leaves a tool’s own exception inside code to the other tables', () => {
    const output = "Code execution failed at line 'inspect_file_as_text(file_path=\"a.mp3\")' due to: FileConversionException: Could not convert";
    expect(classifyFailure({ output, isError: true }, CODE)).toMatchObject({ failed: true, cause: 'unknown', kind: 'unclassified' });
  });

  it.each([
    { name: 'an IPython edit the editor refused', output: '[Your proposed edit has introduced new syntax error(s). Please understand the errors and retry your edit command.]', failed: true },
    { name: 'a sandbox refusal', output: "Code execution failed at line 'import os' due to: InterpreterError: Import of os is not allowed. Authorized imports are: []", failed: true },
    { name: 'a traceback of the agent’s script (a result of the run)', output: "Traceback (most recent call last):\n  File \"<stdin>\", line 1\nKeyError: 'x'", failed: false },
    { name: 'a success', output: 'Execution logs:\n14', failed: false },
  ])('no error flag: $name → failed $failed', ({ output, failed }) => {
    expect(classifyFailure({ output, isError: false, hasErrorFlag: false }, CODE).failed).toBe(failed);
  });

  it('never overrides an explicit success flag', () => {
    const output = "Code execution failed at line 'import os' due to: InterpreterError: Import of os is not allowed. Authorized imports are: []";
    expect(classifyFailure({ output, isError: false }, CODE)).toMatchObject({ failed: false });
  });
});

describe('errorExcerpt', () => {
  it('drops tags and exit code lines and joins lines', () => {
    expect(errorExcerpt('<tool_use_error>String to replace not found in file.\nString: abc</tool_use_error>')).toBe('String to replace not found in file. String: abc');
    expect(errorExcerpt('Exit code 127\n/bin/bash: foo: command not found')).toBe('/bin/bash: foo: command not found');
  });

  it('bounds the excerpt', () => {
    expect(errorExcerpt('e'.repeat(1000)).length).toBe(200);
  });

  const missingAudio = [
    "Could not convert 'data/a.mp3' to Markdown. File type was recognized as ['.mp3']. While converting the file, the following error was encountered:",
    '',
    'Traceback (most recent call last):',
    '  File "/opt/agent/scripts/mdconvert.py", line 949, in _convert',
    '    res = converter.convert(local_path, **_kwargs)',
    '          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
    '  File "/opt/agent/scripts/mdconvert.py", line 141, in convert',
    '    with open(local_path, "rt", encoding="utf-8") as fh:',
    "FileNotFoundError: [Errno 2] No such file or directory: 'data/a.mp3'",
  ].join('\n');

  it.each([
    { name: 'a traceback after a message: the message, then the exception it ends with', output: missingAudio, expected: "Could not convert 'data/a.mp3' to Markdown. File type was recognized as ['.mp3']. While converting the file, the following error w… FileNotFoundError: [Errno 2] No such file or directory: 'data/a.mp3'" },
    { name: 'a bare traceback: its exception', output: 'Traceback (most recent call last):\n  File "x.py", line 1, in <module>\n    import yaml\nModuleNotFoundError: No module named \'yaml\'', expected: "ModuleNotFoundError: No module named 'yaml'" },
    { name: 'chained tracebacks: the last exception', output: 'Traceback (most recent call last):\n  File "a.py", line 2\nKeyError: \'a\'\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File "a.py", line 4\nValueError: bad value', expected: 'ValueError: bad value' },
    { name: 'a traceback cut before its exception: the text as it is', output: 'Traceback (most recent call last):\n  File "a.py", line 2, in <module>', expected: 'Traceback (most recent call last): File "a.py", line 2, in <module>' },
  ])('$name', ({ output, expected }) => {
    const excerpt = errorExcerpt(output);
    expect(excerpt).toBe(expected);
    expect(excerpt.length).toBeLessThanOrEqual(200);
  });
});
