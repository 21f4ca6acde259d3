import { describe, expect, it } from 'vitest';
import { DetectorTester } from '../testing/detector-tester.js';
import { trajectory } from '../testing/trajectory-builder.js';
import detector, { reportHead } from './answer-over-failed-lookup.js';

/** The task wrapper of a question-answering benchmark (GAIA through smolagents): the answer must be found. */
const QUESTION_TASK =
  "You have one question to answer. It is paramount that you provide a correct answer. Failure or 'I cannot answer' or 'None found' will not be tolerated, success will be rewarded. Run verification steps if that's needed, you must make sure you find the correct answer! Here is the task: how many studio albums did Mercedes Sosa publish between 2000 and 2009?";
const TOOLS = ['search_agent', 'inspect_file_as_text', 'final_answer'];

/** A manager that hands the lookup to its search_agent, which runs as a sub-agent and reports `summary`. */
function delegated(summary: string, task = QUESTION_TASK) {
  return trajectory()
    .user(task)
    .assistant('Thought: I will ask the search_agent for the discography.')
    .codeCall('answer = search_agent(task="Find the studio albums of Mercedes Sosa from 2000 to 2009.")\nprint(answer)', TOOLS)
    .user('You are search_agent. Find the studio albums of Mercedes Sosa from 2000 to 2009.', 'prompt', { sidechain: 'search_agent' })
    .assistant('I searched the discography pages.', { sidechain: 'search_agent' })
    .result(`Execution logs:\nLast output from code snippet: Here is the final answer from your managed agent 'search_agent': ### 1. Task outcome (short version): ${summary}\n\n### 2. Task outcome (extremely detailed version): I searched several sources.`);
}

/** The manager's final answer, given from code. */
function answered(builder: ReturnType<typeof delegated>, answer: string) {
  return builder.assistant('Thought: I will give the answer.').codeCall(`final_answer("${answer}")`, TOOLS).calledFromCode('final_answer', { args: [answer] }, answer).result(answer);
}

new DetectorTester({ describe, it }).run(detector, {
  valid: [
    { name: 'the sub-agent found it', trajectory: answered(delegated('Mercedes Sosa published 3 studio albums between 2000 and 2009.'), '3').build() },
    {
      name: 'another lookup after the failed one',
      trajectory: answered(
        delegated('I was unable to locate a discography for those years.')
          .codeCall('answer = search_agent(task="Look at the Spanish Wikipedia discography of Mercedes Sosa.")', TOOLS)
          .user('You are search_agent.', 'prompt', { sidechain: 'search_agent' })
          .result("Here is the final answer from your managed agent 'search_agent': ### 1. Task outcome (short version): 3 albums: Misa Criolla (2000), Corazón libre (2005), Cantora 1 (2009)."),
        '3',
      ).build(),
    },
    {
      name: 'an answer an earlier lookup returned, then a verification that failed',
      trajectory: answered(
        trajectory()
          .user(QUESTION_TASK)
          .tool('Task', { prompt: 'Find the studio albums of Mercedes Sosa from 2000 to 2009.' }, 'Three studio albums: Misa Criolla, Corazón Libre and Cantora 1.')
          .codeCall('answer = search_agent(task="Verify: Misa Criolla, Corazón Libre, Cantora 1.")', TOOLS)
          .user('You are search_agent.', 'prompt', { sidechain: 'search_agent' })
          .result("Here is the final answer from your managed agent 'search_agent': ### 1. Task outcome (short version): I was unable to verify the list against a second source."),
        'Misa Criolla, Corazón Libre and Cantora 1',
      ).build(),
    },
    { name: 'a negative result is a result: "no errors were found"', trajectory: answered(delegated('I checked every slide; no errors were found in the deck.'), 'No').build() },
    { name: 'a final answer that says it could not be found (gaveUp, not this)', trajectory: answered(delegated('I was unable to locate a discography for those years.'), 'The number could not be determined.').build() },
    { name: 'a task that does not say the answer must be found', trajectory: answered(delegated('I was unable to locate any usage of parseSlug.', 'Is parseSlug used anywhere? Use the search_agent.'), 'No').build() },
    {
      name: 'its own read failed, then code that downloads the data itself',
      trajectory: trajectory()
        .user(QUESTION_TASK)
        .codeCall('text = inspect_file_as_text(file_path="sosa.pdf", question="albums")', TOOLS)
        .calledFromCode('inspect_file_as_text', { file_path: 'sosa.pdf', question: 'albums' }, "FileNotFoundError: [Errno 2] No such file or directory: 'sosa.pdf'", { error: true })
        .result("Code execution failed at line 'text = inspect_file_as_text(…)' due to: FileNotFoundError: [Errno 2] No such file or directory: 'sosa.pdf'", { error: true })
        .codeCall('import requests\npage = requests.get("https://en.wikipedia.org/wiki/Mercedes_Sosa_discography").text\nfinal_answer(page.count("studio album"))', TOOLS)
        .calledFromCode('final_answer', { args: [3] }, '3')
        .result('3')
        .build(),
    },
    {
      name: 'code that failed after its lookup ran (a bad import at the end) may have printed what it found',
      trajectory: trajectory()
        .user(QUESTION_TASK)
        .codeCall('import requests\npage = requests.get("https://en.wikipedia.org/wiki/Mercedes_Sosa").text\nprint(page.count("album"))\nfrom final_answer import final_answer', TOOLS)
        .result("Code execution failed at line 'from final_answer import final_answer' due to: InterpreterError: Import from final_answer is not allowed.", { error: true })
        .tool('final_answer', { answer: '3' }, '')
        .build(),
    },
    { name: 'a lookup that returned something, then one that failed', trajectory: trajectory().user(QUESTION_TASK).tool('web_search', { query: 'Mercedes Sosa discography' }, 'Mercedes Sosa discography: Misa Criolla (2000), Corazón libre (2005), Cantora 1 (2009).').tool('visit_page', { url: 'https://example.org/sosa' }, 'Error: 404 Not Found', { error: true }).tool('final_answer', { answer: '3' }, '').build() },
  ],
  invalid: [
    {
      name: 'the answer right after the sub-agent said it could not find it',
      trajectory: answered(delegated('I was unable to locate a discography of Mercedes Sosa covering 2000 to 2009.'), '3').build(),
      findings: [{ messageId: 'answer-over-failed-lookup', steps: [5, 8], data: { tool: 'search_agent', report: 'I was unable to locate a discography of Mercedes Sosa covering 2000 to 2009.', answer: '"3"', cause: 'agent' } }],
    },
    {
      name: 'code that only computes is no lookup',
      trajectory: answered(delegated('The file data/sosa.pdf was not found, so no album could be extracted.').assistant('Thought: compute it.').codeCall('print(2009 - 2000)', TOOLS).result('9'), '3').build(),
      findings: [{ messageId: 'answer-over-failed-lookup', data: { report: 'The file data/sosa.pdf was not found, so no album could be extracted.' } }],
    },
    {
      name: "the agent's own read of the attached file failed, and it answered from a guess",
      trajectory: trajectory()
        .user(QUESTION_TASK)
        .tool('inspect_file_as_text', { file_path: 'data/sosa.mp3', question: 'Which albums are named?' }, "Could not convert 'data/sosa.mp3' to Markdown. The formats ['.mp3'] are not supported.", { error: true })
        .assistant('Thought: the audio cannot be read, so I will rely on a typical discography.')
        .tool('final_answer', { answer: '3' }, '')
        .build(),
      findings: [{ messageId: 'answer-over-failed-lookup', steps: [2, 4], data: { tool: 'inspect_file_as_text', answer: '"3"' } }],
    },
    {
      name: "a delegate tool's report (Task) and a final answer",
      trajectory: trajectory().user(QUESTION_TASK).tool('Task', { prompt: 'Find the studio albums of Mercedes Sosa from 2000 to 2009.' }, 'No reliable discography was found for those years.').tool('final_answer', { answer: '3' }, '').build(),
      findings: [{ messageId: 'answer-over-failed-lookup', steps: [2, 3], data: { tool: 'Task' } }],
    },
  ],
});

describe('reportHead', () => {
  it.each([
    { name: "a smolagents managed agent's short version", output: "Execution logs:\nHere is the final answer from your managed agent 'search_agent': ### 1. Task outcome (short version): Not found.\n\n### 2. Task outcome (extremely detailed version): I tried.", head: 'Not found.' },
    { name: 'a report without a short version, after the managed-agent line', output: "Here is the final answer from your managed agent 'search_agent': 3 albums.", head: '3 albums.' },
    { name: 'any other report: its first characters', output: `I could not find it. ${'x'.repeat(2000)}`, head: `I could not find it. ${'x'.repeat(579)}` },
  ])('$name', ({ output, head }) => {
    expect(reportHead(output)).toBe(head);
  });
});
