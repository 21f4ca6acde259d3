import { describe, expect, it } from 'vitest';
import { lastMeaningfulLine, OUTCOME_RULES, toolOutcomeOf, type OutcomeCall, type OutcomeResult, type ToolOutcome } from './tool-outcome.js';
import { deriveToolEffects } from './tool-effects.js';

interface Case {
  name: string;
  output: string;
  /** The call: a shell command line, a code blob (with the tools it calls), or a tool and its input. */
  command?: string;
  code?: { text: string; calls?: string[] };
  tool?: string;
  input?: unknown;
  /** Flags as the log records them; when absent, the log has no error flag for this result. */
  flags?: Partial<Pick<OutcomeResult, 'isError' | 'exitCode' | 'rejected' | 'interrupted' | 'refusedByHook'>>;
  outcome: ToolOutcome;
}

function callOf(testCase: Case): OutcomeCall | undefined {
  if (testCase.command !== undefined) return { tool: 'bash', input: { command: testCase.command }, effects: deriveToolEffects('bash', { command: testCase.command }) };
  if (testCase.code) return { tool: 'python_interpreter', input: { code: testCase.code.text }, code: { calls: (testCase.code.calls ?? []).map((tool) => ({ tool })) } };
  if (testCase.tool) return { tool: testCase.tool, input: testCase.input ?? {}, effects: deriveToolEffects(testCase.tool, testCase.input ?? {}) };
  return undefined;
}

function classify(testCase: Case): ToolOutcome {
  const flagged = testCase.flags !== undefined;
  const result: OutcomeResult = { output: testCase.output, isError: testCase.flags?.isError ?? false, hasErrorFlag: flagged, ...testCase.flags };
  return toolOutcomeOf(result, callOf(testCase));
}

const TRACEBACK = 'Traceback (most recent call last):\n  File "reproduce.py", line 4, in <module>\n    print(slugify(None))\n  File "/repo/slug.py", line 2, in slugify\n    return title.lower()\n';

/** Results with no error flag in the log: the text decides. */
const UNFLAGGED: Case[] = [
  // Code interpreters (smolagents CodeAgent, OpenHands IPython)
  { name: 'smolagents forbidden import', code: { text: 'import requests' }, output: "Code execution failed at line 'import requests' due to: InterpreterError: Import of requests is not allowed. Authorized imports are: ['re', 'math']", outcome: { status: 'error', basis: 'content', cause: 'agent', kind: 'sandbox-refusal' } },
  { name: 'smolagents forbidden function', code: { text: 'open("a.txt")' }, output: "Code execution failed at line 'with open(\"a.txt\") as f: text = f.read()' due to: InterpreterError: It is not permitted to evaluate other functions than the provided tools or functions defined/imported in previous code (tried to execute open).", outcome: { status: 'error', basis: 'content', cause: 'agent', kind: 'sandbox-refusal' } },
  { name: 'smolagents assignment to a tool name', code: { text: 'final_answer = 3' }, output: "Code execution failed at line 'final_answer = 3' due to: InterpreterError: Cannot assign to name 'final_answer': doing this would erase the existing tool!", outcome: { status: 'error', basis: 'content', cause: 'agent', kind: 'sandbox-refusal' } },
  { name: 'smolagents parse failure', code: { text: 'final_answer("a' }, output: 'Code parsing failed on line 1 due to: SyntaxError\nfinal_answer("a\n             ^\nError: unterminated string literal (detected at line 1)', outcome: { status: 'error', basis: 'content', cause: 'agent', kind: 'code-syntax' } },
  { name: 'smolagents exception in the agent code', code: { text: "count = int(result.split(':')[1])" }, output: "Code execution failed at line 'count = int(result.split(':')[1])' due to: ValueError: invalid literal for int() with base 10: ' fourteen'", outcome: { status: 'error', basis: 'content', cause: 'agent', kind: 'code-exception' } },
  { name: 'smolagents exception raised by a tool the code calls', code: { text: 'text = inspect_file_as_text(file_path="a.mp3")', calls: ['inspect_file_as_text'] }, output: "Code execution failed at line 'text = inspect_file_as_text(file_path=\"a.mp3\")' due to: FileConversionException: Could not convert 'a.mp3' to Markdown.", outcome: { status: 'error', basis: 'content', cause: 'unknown', kind: 'tool-exception' } },
  { name: 'smolagents tool called with a wrong keyword', code: { text: 'final_answer(task=t)', calls: ['final_answer'] }, output: "Code execution failed at line 'final_answer(task=t)' due to: TypeError: evaluate_python_code.<locals>.final_answer() got an unexpected keyword argument 'task'", outcome: { status: 'error', basis: 'content', cause: 'agent', kind: 'tool-arguments' } },
  { name: 'smolagents network failure', code: { text: 'r = requests.get(u)' }, output: "Code execution failed at line 'r = requests.get(u)' due to: ConnectionError: HTTPSConnectionPool(host='example.org', port=443)", outcome: { status: 'error', basis: 'content', cause: 'environment', kind: 'environment' } },
  { name: 'openhands IPython cell with a traceback', code: { text: 'import slug; slug.slugify(None)' }, output: `${TRACEBACK}AttributeError: 'NoneType' object has no attribute 'lower'\n[Jupyter current working directory: /workspace]`, outcome: { status: 'error', basis: 'content', cause: 'unknown', kind: 'python-exception' } },
  { name: 'openhands IPython failed edit', code: { text: "edit_file_by_replace('a.tsx', to_replace='x', new_content='y')", calls: ['edit_file_by_replace'] }, output: '[Your proposed edit has introduced new syntax error(s). Please understand the errors and retry your edit command.]\n/workspace/src/App.tsx:22', outcome: { status: 'error', basis: 'content', cause: 'agent', kind: 'failed-edit' } },
  { name: 'code that prints an error word is a success', code: { text: 'print(log)' }, output: 'Execution logs:\nValueError was raised in 3 of 10 runs\nLast output from code snippet: None', outcome: { status: 'success', basis: 'content' } },
  // Shell (SWE-agent and other logs with no exit code)
  { name: 'shell command not found', command: 'pnpmx test', output: 'bash: pnpmx: command not found', outcome: { status: 'error', basis: 'content', cause: 'agent', kind: 'command-not-found' } },
  { name: 'dash command not found', command: 'rg foo', output: '/bin/sh: 1: rg: not found', outcome: { status: 'error', basis: 'content', cause: 'agent', kind: 'command-not-found' } },
  { name: 'shell missing file', command: 'python reproduce.py', output: "python: can't open file '/repo/reproduce.py': [Errno 2] No such file or directory", outcome: { status: 'error', basis: 'content', cause: 'agent', kind: 'file-not-found' } },
  { name: 'shell syntax error', command: 'echo $(ls))', output: "bash: syntax error near unexpected token `)'", outcome: { status: 'error', basis: 'content', cause: 'agent', kind: 'command-syntax' } },
  { name: 'python script traceback', command: 'python reproduce.py', output: `${TRACEBACK}AttributeError: 'NoneType' object has no attribute 'lower'`, outcome: { status: 'error', basis: 'content', cause: 'unknown', kind: 'python-exception' } },
  { name: 'a traceback the program logged and survived', command: 'python server.py --check', output: `${TRACEBACK}KeyError: 'x'\nretrying with defaults\nall checks passed`, outcome: { status: 'success', basis: 'content' } },
  { name: 'node stack trace', command: 'node build.js', output: "/repo/build.js:3\nTypeError: Cannot read properties of undefined (reading 'map')\n    at main (/repo/build.js:3:15)\n    at Object.<anonymous> (/repo/build.js:9:1)", outcome: { status: 'error', basis: 'content', cause: 'unknown', kind: 'node-exception' } },
  { name: 'typescript compiler', command: 'npx tsc --noEmit', output: "src/slug.ts(3,7): error TS2322: Type 'number' is not assignable to type 'string'.", outcome: { status: 'error', basis: 'content', cause: 'agent', kind: 'compiler-error' } },
  { name: 'rust compiler', command: 'cargo build', output: 'error[E0425]: cannot find value `x` in this scope\n --> src/main.rs:2:13', outcome: { status: 'error', basis: 'content', cause: 'agent', kind: 'compiler-error' } },
  { name: 'gcc', command: 'make', output: "main.c:4:5: error: unknown type name 'strng'", outcome: { status: 'error', basis: 'content', cause: 'agent', kind: 'compiler-error' } },
  { name: 'mypy', command: 'mypy src', output: 'src/a.py:3:1: error: Incompatible return value type (got "int", expected "str")  [return-value]\nFound 1 error in 1 file', outcome: { status: 'error', basis: 'content', cause: 'agent', kind: 'compiler-error' } },
  { name: 'exit line', command: 'make deploy', output: 'deploying…\nCommand exited with code 2', outcome: { status: 'error', basis: 'content', cause: 'unknown', kind: 'exit-status' } },
  { name: 'curl 404', command: 'curl -i https://example.org/missing', output: 'HTTP/1.1 404 Not Found\ncontent-type: text/html', outcome: { status: 'error', basis: 'content', cause: 'agent', kind: 'http-client-error' } },
  { name: 'curl 503', command: 'curl -i https://example.org/', output: 'HTTP/2 503\nretry-after: 30', outcome: { status: 'error', basis: 'content', cause: 'environment', kind: 'http-server-error' } },
  // Test runners: failing tests are the run's result.
  { name: 'pytest failures', command: 'pytest tests', output: `${TRACEBACK}AssertionError\n=========================== short test summary info ============================\nFAILED tests/test_slug.py::test_none - AssertionError\n========================= 1 failed, 12 passed in 0.41s =========================`, outcome: { status: 'tests-failed', basis: 'content', cause: 'unknown', kind: 'test-failures' } },
  { name: 'unittest failures', command: 'python -m unittest', output: 'F..\n======================================================================\nFAIL: test_none (tests.test_slug.SlugTest)\n----------------------------------------------------------------------\nRan 3 tests in 0.001s\n\nFAILED (failures=1)', outcome: { status: 'tests-failed', basis: 'content', cause: 'unknown', kind: 'test-failures' } },
  { name: 'jest failures', command: 'npx jest', output: 'FAIL src/slug.test.ts\n  ✕ slugifies titles (4 ms)\n\nTests:       1 failed, 3 passed, 4 total\nTime:        0.8 s', outcome: { status: 'tests-failed', basis: 'content', cause: 'unknown', kind: 'test-failures' } },
  { name: 'vitest failures', command: 'npx vitest run', output: ' ❯ src/slug.test.ts (4 tests | 1 failed) 5ms\n\n Test Files  1 failed (1)\n      Tests  1 failed | 3 passed (4)', outcome: { status: 'tests-failed', basis: 'content', cause: 'unknown', kind: 'test-failures' } },
  { name: 'go test failures', command: 'go test ./...', output: '--- FAIL: TestSlug (0.00s)\n    slug_test.go:9: got "a b", want "a-b"\nFAIL\nFAIL\texample.org/slug\t0.002s', outcome: { status: 'tests-failed', basis: 'content', cause: 'unknown', kind: 'test-failures' } },
  { name: 'cargo test failures', command: 'cargo test', output: "failures:\n    tests::slug\n\ntest result: FAILED. 3 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n\nerror: test failed, to rerun pass '--lib'", outcome: { status: 'tests-failed', basis: 'content', cause: 'unknown', kind: 'test-failures' } },
  { name: 'mocha failures', command: 'npx mocha', output: '  3 passing (12ms)\n  1 failing\n', outcome: { status: 'tests-failed', basis: 'content', cause: 'unknown', kind: 'test-failures' } },
  { name: 'passing pytest run', command: 'pytest tests', output: '============================== 13 passed in 0.40s ==============================', outcome: { status: 'success', basis: 'content' } },
  // Reads: file content is not an error.
  { name: 'cat of a source file that raises', command: 'cat src/slug.py', output: 'def slugify(title):\n    if title is None:\n        raise ValueError("title is required")\n    return title.lower()\nTraceback (most recent call last):\nValueError: documented', outcome: { status: 'success', basis: 'content' } },
  { name: 'viewer showing a test log with failures', tool: 'str_replace_editor', input: { command: 'view', path: '/repo/log.txt' }, output: '1\t=== 2 failed, 1 passed in 0.1s ===\n2\tFAILED (failures=2)', outcome: { status: 'success', basis: 'content' } },
  { name: 'an editor showing a snippet of a test log it wrote', tool: 'str_replace_editor', input: { command: 'create', path: '/repo/log.txt', file_text: 'x' }, output: 'File created successfully at: /repo/log.txt\n=== 2 failed, 1 passed in 0.1s ===', outcome: { status: 'success', basis: 'content' } },
  { name: 'cat of a missing file', command: 'cat src/nope.py', output: 'cat: src/nope.py: No such file or directory', outcome: { status: 'error', basis: 'content', cause: 'agent', kind: 'file-not-found' } },
  { name: 'grep with no match', command: 'grep -rn slugify src', output: '', outcome: { status: 'empty', basis: 'content' } },
  // Tools
  { name: 'tool called with a wrong keyword', tool: 'page_down', input: { '': '' }, output: "PageDownTool.forward() got an unexpected keyword argument ''", outcome: { status: 'error', basis: 'content', cause: 'agent', kind: 'tool-arguments' } },
  { name: 'HTTP client error from a tool', tool: 'visit_page', input: { url: 'https://example.org/x.pdf' }, output: '404 Client Error: Not Found for url: https://example.org/x.pdf', outcome: { status: 'error', basis: 'content', cause: 'agent', kind: 'http-client-error' } },
  { name: 'HTTP server error from a tool', tool: 'visit_page', input: { url: 'https://example.org/' }, output: '503 Server Error: Service Unavailable for url: https://example.org/', outcome: { status: 'error', basis: 'content', cause: 'environment', kind: 'http-server-error' } },
  { name: 'truncated output', tool: 'visit_page', input: { url: 'https://example.org/' }, output: 'Title: Example\n…\n[... 48213 characters truncated]', outcome: { status: 'truncated', basis: 'content' } },
];

/** Results the log flags: the flag decides error or not; the text names the error. */
const FLAGGED: Case[] = [
  { name: 'exit 0 with an error word in the output stays a success', command: 'python check.py', flags: { exitCode: 0 }, output: `${TRACEBACK}KeyError: 'x'`, outcome: { status: 'success', basis: 'flag' } },
  { name: 'is_error false with a smolagents wording stays a success', tool: 'final_answer', flags: { isError: false }, output: 'The answer mentions InterpreterError: Import of os is not allowed. Authorized imports are: []', outcome: { status: 'success', basis: 'flag' } },
  { name: 'exit 1 of a test run is a run with failing tests', command: 'npx jest', flags: { isError: true, exitCode: 1 }, output: 'Tests:       2 failed, 5 passed, 7 total', outcome: { status: 'tests-failed', basis: 'flag', cause: 'unknown', kind: 'test-failures' } },
  { name: 'exit 127 names the missing command', command: 'pnpmx test', flags: { isError: true, exitCode: 127 }, output: 'Exit code 127\n/bin/bash: line 1: pnpmx: command not found', outcome: { status: 'error', basis: 'flag', cause: 'agent', kind: 'command-not-found' } },
  { name: 'an error flag with nothing to name', tool: 'web_search', flags: { isError: true }, output: "No results found for query: 'x y z'. Use a less specific query.", outcome: { status: 'error', basis: 'flag', cause: 'unknown' } },
  { name: 'a success with no output', tool: 'final_answer', flags: { isError: false }, output: '', outcome: { status: 'empty', basis: 'flag' } },
  { name: 'a hook refusal', command: 'rm -rf /', flags: { refusedByHook: true }, output: 'PreToolUse:Bash hook error: blocked', outcome: { status: 'refused', basis: 'flag', cause: 'environment' } },
  { name: 'a rejection', command: 'git push', flags: { isError: true, rejected: true }, output: 'rejected', outcome: { status: 'refused', basis: 'flag', cause: 'environment' } },
  { name: 'an interruption', command: 'npm test', flags: { interrupted: true }, output: '', outcome: { status: 'error', basis: 'flag', cause: 'environment', kind: 'environment' } },
];

describe('toolOutcomeOf', () => {
  it.each(UNFLAGGED)('no flag: $name', (testCase) => {
    expect(classify(testCase)).toEqual(testCase.outcome);
  });

  it.each(FLAGGED)('flagged: $name', (testCase) => {
    expect(classify(testCase)).toEqual(testCase.outcome);
  });

  it('keeps the reader’s own error reading when no row names it', () => {
    expect(toolOutcomeOf({ output: 'ERROR:\nInvalid view range', isError: true, hasErrorFlag: false }, { tool: 'str_replace_editor', input: { command: 'view', path: 'a.py' } })).toEqual({ status: 'error', basis: 'content', cause: 'unknown' });
  });

  it('looks only at the head and tail of long outputs', () => {
    const middle = `${'x'.repeat(10_000)}\nbash: foo: command not found\n${'y'.repeat(10_000)}`;
    expect(toolOutcomeOf({ output: middle, isError: false, hasErrorFlag: false }, { tool: 'bash', input: { command: 'make' } })).toEqual({ status: 'success', basis: 'content' });
  });

  it('classifies a 10 MB output quickly', () => {
    const output = `${TRACEBACK}${'line of output\n'.repeat(700_000)}`;
    const started = performance.now();
    toolOutcomeOf({ output, isError: false, hasErrorFlag: false }, { tool: 'bash', input: { command: 'python a.py' } });
    expect(performance.now() - started).toBeLessThan(50);
  });
});

/** Texts that rows with a `needs` match: each such row must match one, and every text it matches must hold its `needs`. */
const TEXTS_OF_ROWS_WITH_NEEDS: readonly string[] = [
  'InterpreterError: Forbidden access to module: os',
  "Import of requests is not allowed. Authorized imports are: ['re', 'math']",
  "Forbidden function evaluation: 'open' is not among the explicitly allowed tools",
  'Code parsing failed on line 3 due to: SyntaxError',
  "Code execution failed at line 'x = (' due to: SyntaxError: '(' was never closed",
  'FAILED (failures=2)',
  'test result: FAILED. 1 passed; 2 failed; 0 ignored',
  '  3 failing',
  '/bin/sh: 1: pytest: not found',
  'cat: notes.txt: No such file or directory',
  '503 Server Error: Service Unavailable for url: https://example.org/',
  '404 Client Error: Not Found for url: https://example.org/missing',
  'HTTP/1.1 503 Service Unavailable',
  'HTTP/2 404',
  '    at Object.<anonymous> (/repo/index.js:3:9)',
  "src/index.ts(4,7): error TS2304: Cannot find name 'slugify'.",
  'error[E0425]: cannot find value `total` in this scope',
  'main.c:3:5: error: expected expression',
];

describe('rows with a needed text', () => {
  it.each(OUTCOME_RULES.filter((rule) => rule.needs !== undefined).map((rule) => ({ pattern: String(rule.pattern), rule })))('$pattern: every text it matches holds its needed text', ({ rule }) => {
    const matched = TEXTS_OF_ROWS_WITH_NEEDS.filter((text) => rule.pattern.test(text));
    expect(matched.length).toBeGreaterThan(0);
    for (const text of matched) expect(text).toContain(rule.needs);
  });
});

describe('lastMeaningfulLine', () => {
  it.each([
    { output: 'a\nb\n\n', line: 'b' },
    { output: "KeyError: 'x'\n[Jupyter current working directory: /workspace]\n", line: "KeyError: 'x'" },
    { output: 'done\n[The command completed with exit code 0.]', line: 'done' },
    { output: '', line: '' },
  ])('$line', ({ output, line }) => {
    expect(lastMeaningfulLine(output)).toBe(line);
  });
});
