import { describe, it } from 'vitest';
import { DetectorTester } from '../testing/detector-tester.js';
import { trajectory } from '../testing/trajectory-builder.js';
import detector from './repeated-tool-error.js';

const noResults = (query: string) => `No results found for query: '${query}'. Use a less specific query.`;
const conversionCrash = "cannot access local variable 'res' where it is not associated with a value";
const notArchived = (url: string) => `Your url='${url}' was not archived on Wayback Machine, try a different url.`;
const unsupported = (file: string) => `Could not convert '${file}' to Markdown. The formats ['.jsonld'] are not supported.`;

new DetectorTester({ describe, it }).run(detector, {
  valid: [
    {
      name: 'two search agents running side by side, each told once that its query found nothing',
      trajectory: trajectory()
        .user('find the 2015 paper and its venue')
        .user('Find the paper', 'injected', { sidechain: 'paper' })
        .user('Find the venue', 'injected', { sidechain: 'venue' })
        .subAgentTool('paper', 'web_search', { query: 'pie menus 2015 paper exact title' }, noResults('pie menus 2015 paper exact title'), { error: true })
        .subAgentTool('venue', 'web_search', { query: 'pie menus 2015 venue proceedings' }, noResults('pie menus 2015 venue proceedings'), { error: true })
        .build(),
    },
    {
      name: 'one search that found nothing, then a broader one that found something',
      trajectory: trajectory()
        .user('find the record')
        .tool('web_search', { query: 'Tri-Rail May 27 2019 record ridership Pompano Beach arrival' }, noResults('Tri-Rail May 27 2019 record ridership Pompano Beach arrival'), { error: true })
        .tool('web_search', { query: 'Tri-Rail ridership record' }, 'Title: Tri-Rail sets ridership record …')
        .build(),
    },
    {
      name: 'two different errors from the same tool',
      trajectory: trajectory()
        .user('read the paper')
        .tool('inspect_file_as_text', { file_path: 'paper.pdf' }, conversionCrash, { error: true })
        .tool('inspect_file_as_text', { file_path: 'paper.jsonld' }, unsupported('paper.jsonld'), { error: true })
        .build(),
    },
    {
      name: 'the same error from two different tools',
      trajectory: trajectory()
        .user('find it')
        .tool('web_search', { query: 'a b c' }, noResults('a b c'), { error: true })
        .tool('news_search', { query: 'a b c' }, noResults('a b c'), { error: true })
        .build(),
    },
    {
      name: 'a success of the tool in between clears its record',
      trajectory: trajectory()
        .user('find it')
        .tool('web_search', { query: 'x y z w' }, noResults('x y z w'), { error: true })
        .tool('web_search', { query: 'x y' }, 'Title: X Y')
        .tool('web_search', { query: 'x y z v' }, noResults('x y z v'), { error: true })
        .build(),
    },
    {
      name: 'a failing test run twice is a fix in progress (shell output is the program’s)',
      trajectory: trajectory()
        .user('fix the test')
        .run('pytest tests/test_text.py', 'FAILED tests/test_text.py::test_slug - AssertionError', { error: true, exitCode: 1 })
        .edit('src/text.py', 'a', 'b')
        .run('pytest tests/test_text.py', 'FAILED tests/test_text.py::test_slug - AssertionError', { error: true, exitCode: 1 })
        .build(),
    },
    {
      name: 'code actions that raise the same exception are left to the code detectors',
      trajectory: trajectory()
        .user('count')
        .codeCall('n = int(s)')
        .result("Code execution failed at line 'n = int(s)' due to: ValueError: invalid literal for int()", { error: true })
        .codeCall('n = int(s.strip())')
        .result("Code execution failed at line 'n = int(s.strip())' due to: ValueError: invalid literal for int()", { error: true })
        .build(),
    },
    {
      name: 'failed edits are left to ignored-tool-failure',
      trajectory: trajectory()
        .user('edit')
        .edit('a.ts', 'x', 'y', { error: true, output: '<tool_use_error>String to replace not found in file.</tool_use_error>' })
        .edit('a.ts', 'x2', 'y', { error: true, output: '<tool_use_error>String to replace not found in file.</tool_use_error>' })
        .build(),
    },
    {
      name: 'malformed calls are left to malformed-tool-call',
      trajectory: trajectory()
        .user('read on')
        .tool('page_down', { '': {} }, "PageDownTool.forward() got an unexpected keyword argument ''", { error: true })
        .tool('page_down', { page_down: '' }, "PageDownTool.forward() got an unexpected keyword argument 'page_down'", { error: true })
        .build(),
    },
    {
      name: 'a missing file asked for again is left to ignored-tool-failure',
      trajectory: trajectory()
        .user('read the recording')
        .tool('inspect_file_as_text', { file_path: 'a.mp3', question: 'transcribe' }, "Could not convert 'a.mp3' to Markdown. FileNotFoundError: [Errno 2] No such file or directory: 'a.mp3'", { error: true })
        .tool('inspect_file_as_text', { file_path: 'a.mp3', question: 'the spoken line' }, "Could not convert 'a.mp3' to Markdown. FileNotFoundError: [Errno 2] No such file or directory: 'a.mp3'", { error: true })
        .build(),
    },
    {
      name: 'environment failures never count',
      trajectory: trajectory()
        .user('fetch the page')
        .tool('WebFetch', { url: 'https://example.com/a' }, 'Request failed: 503 Service Unavailable', { error: true })
        .tool('WebFetch', { url: 'https://example.com/b' }, 'Request failed: 503 Service Unavailable', { error: true })
        .build(),
    },
    {
      name: 'HTTP 401 and 403 are the service refusing, not the call',
      trajectory: trajectory()
        .user('read the paper')
        .tool('inspect_file_as_text', { file_path: 'https://example.org/a.pdf', question: 'the abstract' }, '403 Client Error: Forbidden for url: https://example.org/a.pdf', { error: true })
        .tool('inspect_file_as_text', { file_path: 'https://example.org/a.pdf', question: 'the first page' }, '403 Client Error: Forbidden for url: https://example.org/a.pdf', { error: true })
        .build(),
    },
    {
      name: 'refused credentials are the environment’s',
      trajectory: trajectory()
        .user('show issue 12')
        .tool('mcp__github__get_issue', { owner: 'acme', repo: 'app', issue_number: 12 }, 'Error: Bad credentials', { error: true })
        .tool('mcp__github__get_issue', { owner: 'acme', repo: 'app', issue_number: 12 }, 'Error: Bad credentials', { error: true })
        .build(),
    },
    {
      name: 'another kind of failure in between ends the run of the same error',
      trajectory: trajectory()
        .user('read the paper')
        .tool('inspect_file_as_text', { file_path: 'paper.pdf', question: 'the abstract' }, conversionCrash, { error: true })
        .tool('inspect_file_as_text', { file_path: 'paper.pdf', question: 'the title' }, 'Request failed: 503 Service Unavailable', { error: true })
        .tool('inspect_file_as_text', { file_path: 'paper.pdf', question: 'the first page' }, conversionCrash, { error: true })
        .build(),
    },
    {
      name: 'real user input clears the record',
      trajectory: trajectory()
        .user('find it')
        .tool('web_search', { query: 'a b c d' }, noResults('a b c d'), { error: true })
        .user('try once more with the exact title')
        .tool('web_search', { query: '"a b c d e"' }, noResults('"a b c d e"'), { error: true })
        .build(),
    },
  ],
  invalid: [
    {
      name: 'the manager’s search found nothing, and the search agent it started afterwards got the same answer',
      trajectory: trajectory()
        .user('find the 2015 paper')
        .tool('web_search', { query: 'pie menus 2015 paper exact title' }, noResults('pie menus 2015 paper exact title'), { error: true })
        .user('Find the 2015 paper on pie menus', 'injected', { sidechain: 'search' })
        .subAgentTool('search', 'web_search', { query: 'pie menus linear menus 2015 exact title' }, noResults('pie menus linear menus 2015 exact title'), { error: true })
        .build(),
      findings: [{ messageId: 'same-error-again', steps: [1, 2, 4, 5], data: { tool: 'web_search', count: 2 } }],
    },
    {
      name: 'a browser tool told to take a new snapshot, called again without one',
      trajectory: trajectory()
        .user('submit the form')
        .tool('mcp__playwright__browser_click', { element: 'Submit', ref: 'e41' }, 'Error: Ref e41 not found in the current page snapshot. Try capturing new snapshot.', { error: true })
        .tool('mcp__playwright__browser_click', { element: 'Submit button', ref: 'e42' }, 'Error: Ref e42 not found in the current page snapshot. Try capturing new snapshot.', { error: true })
        .build(),
      findings: [{ messageId: 'same-error-again', step: 4, data: { tool: 'mcp__playwright__browser_click', count: 2, kind: 'unclassified' } }],
    },
    {
      name: 'a converter that crashes on a file, asked about the same file again',
      trajectory: trajectory()
        .user('read the paper')
        .tool('inspect_file_as_text', { file_path: 'sciadv.pdf', question: 'Extract the abstract.' }, conversionCrash, { error: true })
        .assistant('Let me ask for the relevant excerpt instead.')
        .tool('inspect_file_as_text', { file_path: 'sciadv.pdf', question: 'Extract the relevant excerpt of the abstract.' }, conversionCrash, { error: true })
        .build(),
      findings: [{ messageId: 'same-error-again', steps: [1, 2, 4, 5], data: { tool: 'inspect_file_as_text', count: 2, error: conversionCrash, cause: 'agent' } }],
    },
    {
      name: 'a search that found nothing, reworded and still over-specific',
      trajectory: trajectory()
        .user('find the video analysis')
        .tool('web_search', { query: 'L1vXCYZAYYM maximum number of bird species timestamp' }, noResults('L1vXCYZAYYM maximum number of bird species timestamp'), { error: true })
        .tool('web_search', { query: 'YouTube L1vXCYZAYYM max bird species scene analysis' }, noResults('YouTube L1vXCYZAYYM max bird species scene analysis'), { error: true })
        .build(),
      findings: [{ messageId: 'same-error-again', step: 4, data: { tool: 'web_search', count: 2 } }],
    },
    {
      name: 'tools called from code count like direct calls, across other tools’ calls',
      trajectory: trajectory()
        .user('find the archived page')
        .codeCall('find_archived_url(url="https://example.com/graveyard", date="20221231")', ['find_archived_url'])
        .calledFromCode('find_archived_url', { url: 'https://example.com/graveyard', date: '20221231' }, notArchived('https://example.com/graveyard'), { error: true })
        .result('Code execution failed', { error: true })
        .tool('visit_page', { url: 'https://example.com' }, 'Title: Example')
        .codeCall('find_archived_url(url="https://example.com/graveyard", date="20221230")', ['find_archived_url'])
        .calledFromCode('find_archived_url', { url: 'https://example.com/graveyard', date: '20221230' }, notArchived('https://example.com/graveyard'), { error: true })
        .result('Code execution failed', { error: true })
        .build(),
      findings: [{ messageId: 'same-error-again', steps: [2, 3, 8, 9], data: { tool: 'find_archived_url', count: 2 } }],
    },
    {
      name: 'reported again at every second repeat, under one signature',
      trajectory: trajectory()
        .user('read the file')
        .tool('inspect_file_as_text', { file_path: 'a.jsonld' }, unsupported('a.jsonld'), { error: true })
        .tool('inspect_file_as_text', { file_path: 'a.jsonld', question: 'the text' }, unsupported('a.jsonld'), { error: true })
        .tool('inspect_file_as_text', { file_path: 'a.jsonld', question: 'plain text' }, unsupported('a.jsonld'), { error: true })
        .tool('inspect_file_as_text', { file_path: 'a.jsonld', question: 'as JSON' }, unsupported('a.jsonld'), { error: true })
        .build(),
      findings: [
        { messageId: 'same-error-again', step: 4, data: { count: 2 } },
        { messageId: 'same-error-again', step: 8, data: { count: 4 } },
      ],
    },
  ],
});
