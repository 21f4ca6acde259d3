import { describe, it } from 'vitest';
import { DetectorTester } from '../testing/detector-tester.js';
import { trajectory } from '../testing/trajectory-builder.js';
import detector from './malformed-tool-call.js';

const noSuchTool = '<tool_use_error>Error: No such tool available: ReadFile</tool_use_error>';
const missingOldString = '<tool_use_error>InputValidationError: Edit failed due to the following issue:\nThe required parameter `old_string` is missing</tool_use_error>';

new DetectorTester({ describe, it }).run(detector, {
  valid: [
    {
      name: 'two sub-agents running side by side each call a tool that does not exist once',
      trajectory: trajectory()
        .user('review the cart and the payment code')
        .user('Review src/cart', 'injected', { sidechain: 'cart' })
        .user('Review src/payment', 'injected', { sidechain: 'payment' })
        .subAgentTool('cart', 'ReadFile', { path: 'src/cart/index.ts' }, noSuchTool, { error: true })
        .subAgentTool('payment', 'ReadFile', { path: 'src/payment/index.ts' }, noSuchTool, { error: true })
        .build(),
    },
    {
      name: 'one unknown tool, then the right one',
      trajectory: trajectory().user('read a.ts').tool('ReadFile', { path: 'a.ts' }, noSuchTool, { error: true }).read('a.ts', 'x').build(),
    },
    {
      name: 'invalid arguments corrected at once',
      trajectory: trajectory()
        .user('edit')
        .tool('Edit', { file_path: 'a.ts', new_string: 'b' }, missingOldString, { error: true })
        .edit('a.ts', 'a', 'b')
        .tool('Edit', { file_path: 'a.ts', new_string: 'c' }, missingOldString, { error: true })
        .build(),
    },
    {
      name: 'two different tools malformed once each',
      trajectory: trajectory()
        .user('go')
        .tool('ReadFile', { path: 'a.ts' }, noSuchTool, { error: true })
        .tool('Edit', { file_path: 'a.ts' }, missingOldString, { error: true })
        .build(),
    },
    {
      name: 'a failed edit is not a malformed call',
      trajectory: trajectory()
        .user('edit')
        .edit('a.ts', 'x', 'y', { error: true, output: '<tool_use_error>String to replace not found in file.</tool_use_error>' })
        .edit('a.ts', 'x', 'y', { error: true, output: '<tool_use_error>String to replace not found in file.</tool_use_error>' })
        .build(),
    },
    {
      name: 'an exception in the agent’s code is not a malformed call',
      trajectory: trajectory()
        .user('count')
        .codeCall('n = int(s)')
        .result("Code execution failed at line 'n = int(s)' due to: ValueError: invalid literal for int()", { error: true })
        .codeCall('n = int(s.strip())')
        .result("Code execution failed at line 'n = int(s.strip())' due to: ValueError: invalid literal for int()", { error: true })
        .build(),
    },
    {
      name: 'real user input clears the record',
      trajectory: trajectory()
        .user('read')
        .tool('ReadFile', { path: 'a.ts' }, noSuchTool, { error: true })
        .user('use the Read tool please')
        .tool('ReadFile', { path: 'a.ts' }, noSuchTool, { error: true })
        .build(),
    },
    {
      name: 'two different mistakes of the interpreter: a refused import, then a syntax error',
      trajectory: trajectory()
        .user('read data.csv')
        .codeCall('import pandas')
        .result("Code execution failed at line 'import pandas' due to: InterpreterError: Import of pandas is not allowed. Authorized imports are: ['re', 'csv']", { error: true })
        .codeCall('rows = [line.split(",") for line in data.splitlines()')
        .result("Code parsing failed on line 1 due to: SyntaxError\nrows = [line.split(\",\") for line in data.splitlines()\n       ^\nError: '[' was never closed (<unknown>, line 1)", { error: true })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'code the interpreter refuses, written again differently',
      trajectory: trajectory()
        .user('read data.csv')
        .codeCall('import pandas')
        .result("Code execution failed at line 'import pandas' due to: InterpreterError: Import of pandas is not allowed. Authorized imports are: ['re', 'csv']", { error: true })
        .codeCall('with open("data.csv") as f: rows = f.read()')
        .result("Code execution failed at line 'with open(\"data.csv\") as f: rows = f.read()' due to: InterpreterError: It is not permitted to evaluate other functions than the provided tools or functions defined/imported in previous code (tried to execute open).", { error: true })
        .build(),
      findings: [{ messageId: 'repeated-malformed-call', steps: [1, 2, 3, 4], data: { tool: 'python_interpreter', count: 2, kind: 'code-refused', identical: false, cause: 'agent' } }],
    },
    {
      name: 'the same unknown tool called again unchanged',
      trajectory: trajectory()
        .user('read a.ts')
        .tool('ReadFile', { path: 'a.ts' }, noSuchTool, { error: true })
        .assistant('Let me read the file.')
        .tool('ReadFile', { path: 'a.ts' }, noSuchTool, { error: true })
        .build(),
      findings: [{ messageId: 'repeated-malformed-call', steps: [1, 2, 4, 5], data: { tool: 'ReadFile', count: 2, kind: 'unknown-tool', identical: true, cause: 'agent', error: 'Error: No such tool available: ReadFile' } }],
    },
    {
      name: 'missing argument again with a different input',
      trajectory: trajectory()
        .user('edit')
        .tool('Edit', { file_path: 'a.ts', new_string: 'b' }, missingOldString, { error: true })
        .tool('Edit', { file_path: 'a.ts', new_string: 'bb' }, missingOldString, { error: true })
        .build(),
      findings: [{ messageId: 'repeated-malformed-call', step: 4, data: { kind: 'invalid-arguments', identical: false, count: 2 } }],
    },
    {
      name: 'Gemini CLI unknown tool, across other calls',
      trajectory: trajectory({ agent: 'gemini-cli' })
        .user('list files')
        .tool('list_dir', { path: '.' }, 'Tool "list_dir" not found in registry. Tools must use the exact names that are registered.', { error: true })
        .tool('read_file', { absolute_path: '/repo/README.md' }, '# repo')
        .tool('list_dir', { path: 'src' }, 'Tool "list_dir" not found in registry. Tools must use the exact names that are registered.', { error: true })
        .build(),
      findings: [{ messageId: 'repeated-malformed-call', steps: [1, 2, 5, 6], data: { tool: 'list_dir', kind: 'unknown-tool' } }],
    },
  ],
});
