import { describe, expect, it } from 'vitest';
import { DetectorTester } from '../testing/detector-tester.js';
import { trajectory } from '../testing/trajectory-builder.js';
import detector, { announcedTool, thoughtOf } from './announced-tool-not-called.js';

const TOOLS = ['search_agent', 'inspect_file_as_text', 'final_answer'];
const composeOnly = 'task = (\n    "Please find the number of stations on the Brightwater line."\n)\nprint(task)';
const printedBack = 'Execution logs:\nPlease find the number of stations on the Brightwater line.\nLast output from code snippet: None';

function announced(thought: string, code = composeOnly) {
  return trajectory().user('How many stations does the Brightwater line have?').assistant(`Thought: ${thought}\nCode:\n\`\`\`py\n${code}\n\`\`\`<end_code>`).codeCall(code, TOOLS).result(printedBack);
}

new DetectorTester({ describe, it }).run(detector, {
  valid: [
    { name: 'the announced tool is called', trajectory: announced('I will now call the search_agent with a detailed request.', 'answer = search_agent(task="Find the stations")\nprint(answer)').build() },
    { name: 'a plain computation announces no tool', trajectory: announced('I will compute the ratio from the numbers above.', 'print(3947 / 7)').build() },
    { name: 'a tool mentioned as already answered', trajectory: announced('The search_agent returned 14 stations. I will print the total.', 'print(14)').build() },
    { name: 'a call deferred until later', trajectory: announced('Once I have the list, I will ask search_agent to verify it.', 'items = [1, 2]\nprint(items)').build() },
    { name: 'a call denied', trajectory: announced('I will not call search_agent again; the file has the answer.', 'print(len("abc"))').build() },
    { name: 'final_answer announced a step early', trajectory: announced('I will compute the total, then give it with final_answer.', 'print(2 + 2)').build() },
    { name: 'a tool-calling agent (no code action) is not checked', trajectory: trajectory().user('go').assistant('I will now call search_agent.').tool('web_search', { query: 'a' }, 'results').build() },
    { name: 'a code action of an agent that declares no tools', trajectory: trajectory().user('go').assistant('I will now call search_agent.').codeCall('print(1)').result('1').build() },
  ],
  invalid: [
    {
      name: 'the agent composes the request for its team member and never sends it',
      trajectory: announced('I need the station count. I will now call the search_agent with a detailed request.').build(),
      findings: [{ messageId: 'announced-call-not-made', steps: [1, 2], data: { tool: 'search_agent', sentence: 'I will now call the search_agent with a detailed request', codeTool: 'python_interpreter', cause: 'agent' } }],
    },
    {
      name: 'the same again after the printed request came back',
      trajectory: announced('I’ll ask our search_agent team member to find it.').assistant('Thought: Let me send a more detailed task to search_agent.\nCode:\n```py\nprint(task)\n```').codeCall('task = "more details"\nprint(task)', TOOLS).result('more details').build(),
      findings: [
        { messageId: 'announced-call-not-made', steps: [1, 2] },
        { messageId: 'announced-call-not-made', steps: [4, 5] },
      ],
    },
  ],
});

describe('thoughtOf', () => {
  it.each([
    { text: 'Thought: I will ask.\nCode:\n```py\nx = 1\n```', thought: 'Thought: I will ask.' },
    { text: 'I will ask.\n```python\nx = 1\n```', thought: 'I will ask.\n' },
    { text: 'No code here.', thought: 'No code here.' },
    { text: 'Thought: I will ask search_agent.\n<code>\nx = 1\n</code>', thought: 'Thought: I will ask search_agent.\n' },
  ])('$thought', ({ text, thought }) => {
    expect(thoughtOf(text)).toBe(thought);
  });

  it('keeps only the end of a long thought', () => {
    expect(thoughtOf(`${'a'.repeat(5000)} I will call search_agent.`).length).toBe(1500);
  });
});

describe('announcedTool', () => {
  it.each([
    { thought: 'I will now ask our search_agent team member.', tool: 'search_agent' },
    { thought: "I'll now issue the detailed request to our search_agent.", tool: 'search_agent' },
    { thought: 'Let me inspect the file with inspect_file_as_text.', tool: 'inspect_file_as_text' },
    { thought: 'I will ask my_search_agent_v2 for help.', tool: undefined },
    { thought: 'If the file fails, I will use search_agent.', tool: undefined },
    { thought: 'search_agent found nothing.', tool: undefined },
  ])('$thought → $tool', ({ thought, tool }) => {
    expect(announcedTool(thought, ['search_agent', 'inspect_file_as_text'])?.tool).toBe(tool);
  });
});
