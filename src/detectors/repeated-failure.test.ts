import { describe, it } from 'vitest';
import { DetectorTester } from '../testing/detector-tester.js';
import { trajectory } from '../testing/trajectory-builder.js';
import detector from './repeated-failure.js';

const failing = { exitCode: 1 };
const refused = { error: true };
const notConverted = "Could not convert 'report.pdf' to Markdown.";
const pageDownRefused = "PageDownTool.forward() got an unexpected keyword argument ''";
const readReport = { file_path: 'report.pdf', question: 'Give the whole text' };

new DetectorTester({ describe, it }).run(detector, {
  valid: [
    {
      name: 'three failures in a row are repeated-tool-call’s',
      trajectory: trajectory().user('x').run('npm test', 'FAIL', failing).run('npm test', 'FAIL', failing).run('npm test', 'FAIL', failing).build(),
    },
    {
      name: 'retried after an edit each time',
      trajectory: trajectory().user('x').run('npm test', 'FAIL', failing).edit('a.ts', '1', '2').run('npm test', 'FAIL', failing).edit('a.ts', '2', '3').run('npm test', 'FAIL', failing).build(),
    },
    {
      name: 'three in a row and one return: the run is repeated-tool-call’s and counts once here',
      trajectory: trajectory().user('x').run('make', 'error 2', failing).run('make', 'error 2', failing).run('make', 'error 2', failing).run('ls', 'a').run('make', 'error 2', failing).build(),
    },
    {
      name: 'sub-agents running side by side each fail once on the same file (none knew of the others)',
      trajectory: trajectory().user('Summarise report.pdf')
        .user('Read the introduction of report.pdf', 'injected', { sidechain: 'first' })
        .user('Read the conclusion of report.pdf', 'injected', { sidechain: 'second' })
        .user('Read the tables of report.pdf', 'injected', { sidechain: 'third' })
        .subAgentTool('first', 'inspect_file_as_text', readReport, notConverted, refused)
        .subAgentTool('second', 'inspect_file_as_text', readReport, notConverted, refused)
        .subAgentTool('third', 'inspect_file_as_text', readReport, notConverted, refused).build(),
    },
    {
      name: 'sub-agents that ran side by side, their steps appended one after the other (as Claude Code keeps them in files of their own): their times say so',
      trajectory: trajectory().user('Summarise report.pdf')
        .user('Read the introduction of report.pdf', 'injected', { sidechain: 'first', timestamp: '2026-01-05T10:00:01Z' })
        .subAgentTool('first', 'inspect_file_as_text', readReport, notConverted, { ...refused, timestamp: '2026-01-05T10:00:09Z' })
        .user('Read the conclusion of report.pdf', 'injected', { sidechain: 'second', timestamp: '2026-01-05T10:00:02Z' })
        .subAgentTool('second', 'inspect_file_as_text', readReport, notConverted, { ...refused, timestamp: '2026-01-05T10:00:08Z' })
        .user('Read the tables of report.pdf', 'injected', { sidechain: 'third', timestamp: '2026-01-05T10:00:03Z' })
        .subAgentTool('third', 'inspect_file_as_text', readReport, notConverted, { ...refused, timestamp: '2026-01-05T10:00:07Z' }).build(),
    },
    {
      name: 'a command failing once in each of three sub-agents is not one call (only calls on one target are the team’s)',
      trajectory: trajectory().user('x')
        .run('npm test', 'FAIL', failing)
        .user('Fix the tests', 'injected', { sidechain: 'first' }).subAgentTool('first', 'Bash', { command: 'npm test' }, 'FAIL', refused)
        .user('Fix the tests', 'injected', { sidechain: 'second' }).subAgentTool('second', 'Bash', { command: 'npm test' }, 'FAIL', refused).build(),
    },
    {
      name: 'a different error each time',
      trajectory: trajectory().user('x').run('npm test', 'FAIL a', failing).run('cat a.ts', 'x').run('npm test', 'FAIL b', failing).run('cat b.ts', 'y').run('npm test', 'FAIL c', failing).build(),
    },
    {
      name: 'the call succeeded in between',
      trajectory: trajectory().user('x').run('curl localhost', 'refused', failing).run('pwd', '/w').run('curl localhost', 'ok').run('ls', 'a').run('curl localhost', 'refused', failing).run('date', 'd').run('curl localhost', 'refused', failing).build(),
    },
    {
      name: 'real user input resets',
      trajectory: trajectory().user('x').run('npm test', 'FAIL', failing).run('pwd', '/w').run('npm test', 'FAIL', failing).user('try once more').run('npm test', 'FAIL', failing).build(),
    },
    {
      name: 'the same tool failing the same way on three different files',
      trajectory: trajectory().user('x')
        .tool('inspect_file_as_text', { file_path: 'a.pdf', question: 'q' }, 'Could not convert the file to Markdown.', refused).tool('web_search', { query: 'a' }, 'found')
        .tool('inspect_file_as_text', { file_path: 'b.pdf', question: 'q' }, 'Could not convert the file to Markdown.', refused).tool('web_search', { query: 'b' }, 'found')
        .tool('inspect_file_as_text', { file_path: 'c.pdf', question: 'q' }, 'Could not convert the file to Markdown.', refused).build(),
    },
    {
      name: 'the same file answered once in between (another question worked)',
      trajectory: trajectory().user('x')
        .tool('inspect_file_as_text', { file_path: 'report.pdf', question: 'q1' }, notConverted, refused).tool('web_search', { query: 'a' }, 'found')
        .tool('inspect_file_as_text', { file_path: 'report.pdf', question: 'q2' }, 'page 1 text')
        .tool('inspect_file_as_text', { file_path: 'report.pdf', question: 'q3' }, notConverted, refused).tool('web_search', { query: 'b' }, 'found')
        .tool('inspect_file_as_text', { file_path: 'report.pdf', question: 'q4' }, notConverted, refused).build(),
    },
    {
      name: 'edits to the same file with different text are different attempts, not one target',
      trajectory: trajectory().user('x')
        .edit('a.ts', 'one', 'two', { error: true, output: 'String to replace not found in file.' }).read('a.ts', 'x')
        .edit('a.ts', 'uno', 'dos', { error: true, output: 'String to replace not found in file.' }).read('a.ts', 'x')
        .edit('a.ts', 'eins', 'zwei', { error: true, output: 'String to replace not found in file.' }).build(),
    },
  ],
  invalid: [
    {
      name: 'F X F Y F with the same error (durations differ)',
      trajectory: trajectory().user('x').run('npm test', 'FAIL a.test.ts (1.2 s)', failing).run('cat a.ts', 'x').run('npm test', 'FAIL a.test.ts (0.9 s)', failing).run('git status', 'clean').run('npm test', 'FAIL a.test.ts (1.0 s)', failing).build(),
      findings: [{ messageId: 'same-error', step: 10, steps: [1, 2, 5, 6, 9, 10], data: { tool: 'Bash', count: 3, input: 'npm test' } }],
    },
    {
      name: 'two in a row and a return are three attempts (F F X F), reported again at the next return',
      trajectory: trajectory().user('x').run('make', 'error 2', failing).run('make', 'error 2', failing).run('ls', 'a').run('make', 'error 2', failing).run('ls -l', 'a').run('make', 'error 2', failing).build(),
      findings: [
        { messageId: 'same-error', step: 8, steps: [1, 2, 3, 4, 7, 8], data: { count: 3 } },
        { messageId: 'same-error', step: 12, data: { count: 4 } },
      ],
    },
    {
      name: 'page_down with an argument it rejects, once and then twice more after opening another page (F X F F)',
      trajectory: trajectory().user('x')
        .tool('page_down', { '': {} }, pageDownRefused, refused).tool('visit_page', { url: 'https://example.org/2020' }, 'page 1 of 91')
        .tool('page_down', { '': {} }, pageDownRefused, refused).tool('page_down', { '': {} }, pageDownRefused, refused).build(),
      findings: [{ messageId: 'same-error', step: 8, steps: [1, 2, 5, 6, 7, 8], data: { tool: 'page_down', count: 3 } }],
    },
    {
      name: 'the manager’s read of a file failed, then it handed the same read to a sub-agent twice, each failing the same way',
      trajectory: trajectory().user('What does the attached script print?')
        .tool('inspect_file_as_text', { file_path: 'script.py', question: null }, notConverted, refused)
        .user('Please retrieve the full content of script.py', 'injected', { sidechain: 'first' })
        .subAgentTool('first', 'inspect_file_as_text', { file_path: 'script.py', question: 'the complete text' }, notConverted, refused)
        .user('Dear search_agent, I need the content of script.py', 'injected', { sidechain: 'second' })
        .subAgentTool('second', 'inspect_file_as_text', { file_path: './script.py', question: 'the whole file' }, notConverted, refused).build(),
      findings: [{ messageId: 'same-error-across-agents', step: 8, steps: [1, 2, 4, 5, 7, 8], data: { tool: 'inspect_file_as_text', count: 3, input: 'script.py' } }],
    },
    {
      name: 'the same, with times: each sub-agent started after the last failure',
      trajectory: trajectory().user('What does the attached script print?')
        .tool('inspect_file_as_text', { file_path: 'script.py', question: null }, notConverted, refused)
        .user('Please retrieve the full content of script.py', 'injected', { sidechain: 'first', timestamp: '2026-01-05T10:01:00Z' })
        .subAgentTool('first', 'inspect_file_as_text', { file_path: 'script.py', question: 'the complete text' }, notConverted, { ...refused, timestamp: '2026-01-05T10:01:05Z' })
        .user('Dear search_agent, I need the content of script.py', 'injected', { sidechain: 'second', timestamp: '2026-01-05T10:02:00Z' })
        .subAgentTool('second', 'inspect_file_as_text', { file_path: './script.py', question: 'the whole file' }, notConverted, { ...refused, timestamp: '2026-01-05T10:02:05Z' }).build(),
      findings: [{ messageId: 'same-error-across-agents', step: 8, data: { count: 3 } }],
    },
    {
      name: 'the same tool asked about the same file three times, each question reworded, the same error each time',
      trajectory: trajectory().user('x')
        .tool('inspect_file_as_text', { file_path: 'report.pdf', question: 'What is the total?' }, notConverted, refused).tool('web_search', { query: 'report total' }, 'found')
        .tool('inspect_file_as_text', { file_path: './report.pdf', question: 'Give the whole text' }, notConverted, refused).tool('final_answer', { answer: 'could not read it' }, '')
        .tool('inspect_file_as_text', { file_path: 'report.pdf', question: 'Please return the full content' }, notConverted, refused).build(),
      findings: [{ messageId: 'same-error', step: 10, steps: [1, 2, 5, 6, 9, 10], data: { tool: 'inspect_file_as_text', count: 3 } }],
    },
    {
      name: 'the same page visited three times with other calls between, refused the same way',
      trajectory: trajectory().user('x')
        .tool('visit_page', { url: 'https://example.org/paper' }, 'HTTP 404: Not Found', refused).tool('web_search', { query: 'paper' }, 'found')
        .tool('visit_page', { url: 'https://example.org/paper', wait: 2 }, 'HTTP 404: Not Found', refused).tool('web_search', { query: 'paper pdf' }, 'found')
        .tool('visit_page', { url: 'https://example.org/paper', wait: 5 }, 'HTTP 404: Not Found', refused).build(),
      findings: [{ messageId: 'same-error', step: 10, data: { tool: 'visit_page', count: 3 } }],
    },
  ],
});
