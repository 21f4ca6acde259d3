import { describe, expect, it } from 'vitest';
import { codeOfModelOutput } from './code-block.js';

describe('codeOfModelOutput', () => {
  it.each<{ name: string; text: string; code: string | undefined }>([
    { name: 'a py fence with <end_code> (smolagents as TRAIL recorded it)', text: 'Thought: I add them.\nCode:\n```py\nprint(1 + 1)\n```<end_code>', code: 'print(1 + 1)' },
    { name: 'a python fence (code_block_tags="markdown")', text: 'Thought: I add them.\n```python\nprint(1 + 1)\n```', code: 'print(1 + 1)' },
    { name: '<code> tags (the default of later versions)', text: 'Thought: I add them.\n<code>\nresult = 1 + 1\nprint(result)\n</code>', code: 'result = 1 + 1\nprint(result)' },
    { name: '<code> tags on one line', text: 'Thought: done.<code>final_answer(2)</code>', code: 'final_answer(2)' },
    { name: 'structured outputs', text: '{"thought": "I add them.", "code": "print(1 + 1)"}', code: 'print(1 + 1)' },
    { name: 'a closed fence before a tag quoted in the thought (a Markdown-mode agent)', text: 'Thought: the page says <code>len(x)</code> is slow.\nCode:\n```py\nb = 2\n```<end_code>', code: 'b = 2' },
    { name: 'no code', text: 'Thought: I cannot do this.', code: undefined },
    { name: 'no closing tag: the model stopped at it (a stop sequence), so the code runs to the end', text: 'Thought: I add them.\n<code>\nresult = 1 + 1\nprint(result)\n', code: 'result = 1 + 1\nprint(result)' },
    { name: 'a python fence whose closing fence was the stop sequence', text: 'Thought: I add them.\n```python\nprint(1 + 1)\n', code: 'print(1 + 1)' },
    { name: 'an unlabelled fence that is never closed is not code', text: 'Thought: the output was\n```\nerror: x\n', code: undefined },
    { name: 'an opening tag and nothing after it', text: 'Thought: I add them.\n<code>\n  \n', code: undefined },
    { name: 'many opening tags and no closing one (linear)', text: `Thought: ${'<code> '.repeat(10_000)}`, code: ' <code>'.repeat(9_999) },
    { name: 'JSON without a code field', text: '{"thought": "only thinking"}', code: undefined },
    { name: 'JSON whose code is not text', text: '{"thought": "x", "code": 42}', code: undefined },
    { name: 'a brace that is not JSON falls back to the blocks', text: '{ not json }\n<code>\nprint(2)\n</code>', code: 'print(2)' },
  ])('$name', ({ text, code }) => {
    expect(codeOfModelOutput(text)).toBe(code);
  });
});
