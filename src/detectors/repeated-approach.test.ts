import { describe, expect, it } from 'vitest';
import { DetectorTester } from '../testing/detector-tester.js';
import { trajectory } from '../testing/trajectory-builder.js';
import detector, { announcesChange } from './repeated-approach.js';
import { errorClass, jaccard, newTokenCount, tokenSet } from './loop-support/similarity.js';

const failing = { error: true };
const pageDownMistake = "PageDownTool.forward() got an unexpected keyword argument ''";
const notArchived = (url: string) => `Your url='${url}' was not archived on Wayback Machine, try a different url.`;
const numpyRefused = (line: string) => `Code execution failed at line '${line}' due to: InterpreterError: Import of numpy is not allowed. Authorized imports are: ['math', 're']`;
const typeError = (line: string) => `Code execution failed at line '${line}' due to: TypeError: unsupported operand type(s) for +: 'int' and 'str'`;
const pandasResults = '## Search Results\n0. [pandas (software) - Wikipedia](https://en.wikipedia.org/wiki/Pandas_(software))\nInitial release 11 January 2008';
const unbound = (line: string) => `Code execution failed at line '${line}' due to: UnboundLocalError: cannot access local variable 'res' where it is not associated with a value`;
const pytestPassed = (file: string, count: number, seconds: string) => `============ test session starts ============\nplatform linux -- Python 3.11.4, pytest-7.4.0\ncollected ${count} items\n\n${file} ${'.'.repeat(count)} [100%]\n\n============ ${count} passed in ${seconds}s ============`;
const nosePluginError = 'ERROR at setup of TestHeaderFunctions.test_rename_keyword\npytest.PytestRemovedIn8Warning: Support for nose tests is deprecated and will be removed in a future release.';
const progressLines = Array.from({ length: 20 }, (_, line) => `worker${line} shard${line} healthy heartbeat${line}`).join('\n');
const progress = (files: number, eta: number, batch: number) => `${progressLines}\nprocessed ${files} of 5000 files, eta ${eta} seconds, batch ${batch}`;
const searchResults = (query: string, links: string[]) => `A Google search for '${query}' found ${links.length} results:\n\n## Web Results\n${links.map((link, position) => `${position + 1}. [${link}](https://${link}.example.org/page)`).join('\n')}`;

describe('similarity', () => {
  it.each([
    ['identical texts', 'grep -rn foo src', 'grep -rn foo src', 1],
    ['one operand changed out of four tokens', 'grep -rn foo src', 'grep -rn bar src', 0.6],
    ['nothing shared', 'ls', 'pwd', 0],
    ['two empty texts', '', '', 1],
  ])('jaccard of %s', (_name, first, second, expected) => {
    expect(jaccard(tokenSet(first), tokenSet(second))).toBeCloseTo(expected, 5);
  });

  it.each([
    ['a page_down mistake with another argument name', pageDownMistake, "PageDownTool.forward() got an unexpected keyword argument 'arguments'", true],
    ['the same exception raised at another line of code', unbound('a = f(1)'), unbound('b = g(2)'), true],
    ['not archived, for another url', notArchived('https://a.example/x'), notArchived('https://a.example/y'), true],
    ['two different exceptions', 'NameError: name x is not defined', 'TypeError: unsupported operand', false],
    ['a traceback whose last exception differs', 'Traceback:\nValueError: bad value\nKeyError: k', 'Traceback:\nValueError: bad value', false],
  ])('error class: %s', (_name, first, second, same) => {
    expect(errorClass(first) === errorClass(second)).toBe(same);
  });

  it('counts the tokens a result adds to what was known', () => {
    expect(newTokenCount(tokenSet('status pending job queued'), tokenSet('status pending'), tokenSet('job queued'))).toBe(0);
    expect(newTokenCount(tokenSet('status done after 41 seconds'), tokenSet('status pending'))).toBe(4);
  });

  it('reads the tail of a long text as well as its head', () => {
    const long = `${'alpha '.repeat(5000)}omega`;
    expect(tokenSet(long)).toContain(tokenSet('omega')[0]);
  });
});

new DetectorTester({ describe, it }).run(detector, {
  valid: [
    {
      name: 'different test files run one after another, each passing (verification, not a loop)',
      trajectory: trajectory()
        .user('fix the bug')
        .run('pytest astropy/units/tests/test_quantity_ufuncs.py', pytestPassed('test_quantity_ufuncs.py', 12, '0.51'))
        .run('pytest astropy/units/tests/test_quantity.py', pytestPassed('test_quantity.py', 40, '1.20'))
        .run('pytest astropy/units/tests/test_quantity_helpers.py', pytestPassed('test_quantity_helpers.py', 7, '0.33'))
        .build(),
    },
    {
      name: 'escalating fixes of one build error (make; make clean && make; rm -rf build && make)',
      trajectory: trajectory()
        .user('build it')
        .run('cd /workspace/ponyc && make', "/bin/sh: 1: cd: can't cd to /workspace/ponyc/build/release\nmake: *** [Makefile:192: build] Error 2", { exitCode: 2 })
        .run('cd /workspace/ponyc && make clean && make', "/bin/sh: 1: cd: can't cd to /workspace/ponyc/build/release\nmake: *** [Makefile:192: build] Error 2", { exitCode: 2 })
        .run('rm -rf /workspace/ponyc/build && cd /workspace/ponyc && make', "/bin/sh: 1: cd: can't cd to /workspace/ponyc/build/release\nmake: *** [Makefile:192: build] Error 2", { exitCode: 2 })
        .build(),
    },
    {
      name: 'diagnosing a failing test file: the whole file, one test, then with warnings ignored',
      trajectory: trajectory()
        .user('fix the header bug')
        .run('pytest astropy/io/fits/tests/test_header.py', nosePluginError, { exitCode: 1 })
        .run('pytest astropy/io/fits/tests/test_header.py::TestHeaderFunctions::test_rename_keyword', nosePluginError, { exitCode: 1 })
        .run('pytest -W ignore astropy/io/fits/tests/test_header.py', nosePluginError, { exitCode: 1 })
        .build(),
    },
    {
      name: 'a progress counter polled with near-same calls, its numbers moving',
      trajectory: trajectory()
        .user('wait for the indexer')
        .tool('job_status', { job: 'indexer-7', verbose: true }, progress(1200, 340, 5))
        .tool('job_status', { job: 'indexer-7' }, progress(2400, 260, 7))
        .tool('job_status', { job: 'indexer-7', verbose: true }, progress(3600, 180, 9))
        .build(),
    },
    {
      name: 'a queue draining: each result says less, but it changed',
      trajectory: trajectory()
        .user('process the queue')
        .tool('queue_status', { queue: 'ingest', details: 'full' }, 'pending: alpha beta gamma delta epsilon zeta eta theta')
        .tool('queue_status', { queue: 'ingest' }, 'pending: epsilon zeta eta theta')
        .tool('queue_status', { queue: 'ingest', details: 'full' }, 'pending: eta theta')
        .build(),
    },
    {
      name: 'an edit between near-same test runs (progress)',
      trajectory: trajectory()
        .user('fix the test')
        .run('npm test -- --grep parser --reporter dot', 'AssertionError: expected 2 to equal 3', { exitCode: 1 })
        .edit('src/parser.ts', 'a', 'b')
        .run('npm test -- --grep parser --reporter dot --bail', 'AssertionError: expected 2 to equal 3', { exitCode: 1 })
        .edit('src/parser.ts', 'b', 'c')
        .run('npm test -- --grep parser --reporter dot', 'AssertionError: expected 2 to equal 3', { exitCode: 1 })
        .build(),
    },
    {
      name: 'small experiments whose output happens to echo their input (python -c)',
      trajectory: trajectory()
        .user('check idna')
        .run(`python3 -c "print('example.com'.encode('idna').decode('ascii'))"`, 'example.com')
        .run(`python3 -c "print('localhost'.encode('idna').decode('ascii'))"`, 'localhost')
        .run(`python3 -c "print(''.encode('idna').decode('ascii'))"`, '')
        .build(),
    },
    {
      name: 'reworded searches that bring new results each time',
      trajectory: trajectory()
        .user('find the paper')
        .tool('web_search', { query: 'Pie Menus or Linear Menus 2015 DBLP' }, searchResults('Pie Menus or Linear Menus 2015 DBLP', ['dblp', 'acm', 'researchgate']))
        .tool('web_search', { query: 'Pie Menus or Linear Menus 2015 DBLP authors' }, searchResults('Pie Menus or Linear Menus 2015 DBLP authors', ['springer', 'semanticscholar', 'ieee']))
        .tool('web_search', { query: 'DBLP "Pie Menus or Linear Menus" 2015' }, searchResults('DBLP "Pie Menus or Linear Menus" 2015', ['uni-trier', 'arxiv', 'scholar']))
        .build(),
    },
    {
      name: 'pagination: the same tool with the next page, new content each time',
      trajectory: trajectory()
        .user('read the log')
        .tool('read_output', { job: 'build-7', page: 1 }, 'compiling alpha beta gamma')
        .tool('read_output', { job: 'build-7', page: 2 }, 'linking delta epsilon zeta')
        .tool('read_output', { job: 'build-7', page: 3 }, 'packaging eta theta iota')
        .build(),
    },
    {
      name: 'polling with sleep (exempt)',
      trajectory: trajectory().user('wait for it').run('sleep 5', '').run('sleep 10', '').run('sleep  5', '').build(),
    },
    {
      name: 'batch edits of several files with the same confirmation',
      trajectory: trajectory().user('rename foo to bar').edit('a.ts', 'foo', 'bar').edit('b.ts', 'foo', 'bar').edit('c.ts', 'foo', 'bar').build(),
    },
    {
      name: 'identical failing calls are repeated-tool-call’s',
      trajectory: trajectory().user('x').tool('page_down', { '': '' }, pageDownMistake, failing).tool('page_down', { '': '' }, pageDownMistake, failing).tool('page_down', { '': '' }, pageDownMistake, failing).build(),
    },
    {
      name: 'identical failing calls, then a variant: the streak is repeated-tool-call’s already',
      trajectory: trajectory()
        .user('x')
        .tool('page_down', { page_down: '' }, "PageDownTool.forward() got an unexpected keyword argument 'page_down'", failing)
        .tool('page_down', { page_down: '' }, "PageDownTool.forward() got an unexpected keyword argument 'page_down'", failing)
        .tool('page_down', { page_down: '' }, "PageDownTool.forward() got an unexpected keyword argument 'page_down'", failing)
        .tool('page_down', { '': '' }, pageDownMistake, failing)
        .build(),
    },
    {
      name: 'the environment refusing different pages (not the same mistake)',
      trajectory: trajectory()
        .user('read the articles')
        .tool('WebFetch', { url: 'https://news.example.com/a' }, 'Request failed with status code 403', failing)
        .tool('WebFetch', { url: 'https://blog.other.org/b' }, 'Request failed with status code 403', failing)
        .tool('WebFetch', { url: 'https://docs.third.net/c' }, 'Request failed with status code 403', failing)
        .build(),
    },
    {
      name: 'two mistakes only, then the right call',
      trajectory: trajectory().user('x').tool('page_down', { '': '' }, pageDownMistake, failing).tool('page_down', { '': {} }, pageDownMistake, failing).tool('page_down', {}, 'Viewport position: Showing page 2 of 21.').build(),
    },
    {
      name: 'real user input resets',
      trajectory: trajectory().user('x').tool('page_down', { '': '' }, pageDownMistake, failing).tool('page_down', { '': {} }, pageDownMistake, failing).user('use it without arguments').tool('page_down', { arguments: {} }, pageDownMistake, failing).build(),
    },
    {
      name: 'an announced change that did change the action',
      trajectory: trajectory()
        .user('read the pdf')
        .tool('python_interpreter', { code: 'text = inspect_file_as_text(file_path="paper.pdf", question="page 45")\nprint(text)' }, unbound('text = inspect_file_as_text(...)'), failing)
        .assistant('Thought: that tool fails; I will try a different approach and ask the search agent.')
        .tool('python_interpreter', { code: 'answer = search_agent(task="Find the sentence on page 45 of the Greetham article on Project MUSE")\nprint(answer)' }, 'Execution logs:\nthe sentence is ...')
        .build(),
    },
    {
      name: 'code that fails on another missing name each time: each fix moved on',
      trajectory: trajectory()
        .user('compute the totals')
        .codeCall('totals = summarize(rows)\nprint(totals)')
        .result("Code execution failed at line 'totals = summarize(rows)' due to: NameError: name 'rows' is not defined", failing)
        .codeCall('rows = load()\ntotals = summarize(rows)\nprint(totals)')
        .result("Code execution failed at line 'rows = load()' due to: NameError: name 'load' is not defined", failing)
        .codeCall('rows = read_rows()\ntotals = summarize(rows)\nprint(totals)')
        .result("Code execution failed at line 'rows = read_rows()' due to: NameError: name 'read_rows' is not defined", failing)
        .build(),
    },
    {
      name: 'code rewritten from scratch that hits the same error: another approach',
      trajectory: trajectory()
        .user('compute the determinant')
        .codeCall('import numpy as np\nprint(np.linalg.det(m))')
        .result(numpyRefused('import numpy as np'), failing)
        .codeCall('from sympy import Matrix\nprint(Matrix(m).det())')
        .result("Code execution failed at line 'from sympy import Matrix' due to: InterpreterError: Import of sympy is not allowed. Authorized imports are: ['math', 're']", failing)
        .codeCall('a, b, c, d = m[0][0], m[0][1], m[1][0], m[1][1]\nprint(a * d - b * c)')
        .result('Execution logs:\n-2')
        .build(),
    },
  ],
  invalid: [
    {
      name: 'reworded code refused for the same import each time',
      trajectory: trajectory()
        .user('compute the determinant')
        .codeCall('import numpy as np\nprint(np.linalg.det(m))')
        .result(numpyRefused('import numpy as np'), failing)
        .codeCall('import numpy\nprint(numpy.linalg.det(m))')
        .result(numpyRefused('import numpy'), failing)
        .codeCall('from numpy import linalg\nprint(linalg.det(m))')
        .result(numpyRefused('from numpy import linalg'), failing)
        .build(),
      findings: [{ messageId: 'same-approach', step: 6, data: { tool: 'python_interpreter', count: 3, spellings: 3, failing: true } }],
    },
    {
      name: 'reworded code that keeps failing on the same line with the same TypeError',
      trajectory: trajectory()
        .user('average the parsed values')
        .codeCall('rows = parse(data)\nprint(mean(rows))')
        .result(typeError('print(mean(rows))'), failing)
        .codeCall('rows = parse(data, sep=",")\nprint(mean(rows))')
        .result(typeError('print(mean(rows))'), failing)
        .codeCall('rows = list(parse(data))\nprint(mean(rows))')
        .result(typeError('print(mean(rows))'), failing)
        .build(),
      findings: [{ messageId: 'same-approach', step: 6, data: { count: 3, failing: true } }],
    },
    {
      name: 'a search reworded inside code that brings back the very same results',
      trajectory: trajectory()
        .user('when was pandas first released?')
        .codeCall('r = web_search(query="pandas first release year")\nprint(r)', ['web_search'])
        .calledFromCode('web_search', { query: 'pandas first release year' }, pandasResults)
        .result(pandasResults)
        .codeCall('r = web_search(query="pandas library first release")\nprint(r)', ['web_search'])
        .calledFromCode('web_search', { query: 'pandas library first release' }, pandasResults)
        .result(pandasResults)
        .codeCall('r = web_search(query="when was pandas first released")\nprint(r)', ['web_search'])
        .calledFromCode('web_search', { query: 'when was pandas first released' }, pandasResults)
        .result(pandasResults)
        .build(),
      findings: [{ messageId: 'same-approach', data: { tool: 'python_interpreter', count: 3, failing: false } }],
    },
    {
      name: 'a named tool refused three times for the same mistake, its arguments varied',
      trajectory: trajectory()
        .user('scroll down')
        .tool('page_down', { arguments: {} }, "PageDownTool.forward() got an unexpected keyword argument 'arguments'", failing)
        .tool('page_down', { '': '' }, pageDownMistake, failing)
        .tool('page_down', { '': {} }, pageDownMistake, failing)
        .build(),
      findings: [{ messageId: 'same-approach', step: 6, steps: [1, 2, 3, 4, 5, 6], data: { tool: 'page_down', count: 3, spellings: 3, failing: true } }],
    },
    {
      name: 'the same target with other dates and paths, the same error each time',
      trajectory: trajectory()
        .user('find the archived page')
        .tool('find_archived_url', { url: 'https://www.benjerry.com/flavors/flavor-graveyard', date: '20221231' }, notArchived('https://www.benjerry.com/flavors/flavor-graveyard'), failing)
        .tool('find_archived_url', { url: 'https://www.benjerry.com/flavors/flavor-graveyard', date: '20221230' }, notArchived('https://www.benjerry.com/flavors/flavor-graveyard'), failing)
        .tool('find_archived_url', { url: 'https://www.benjerry.com/flavor-graveyard', date: '20221231' }, notArchived('https://www.benjerry.com/flavor-graveyard'), failing)
        .build(),
      findings: [{ messageId: 'same-approach', step: 6, data: { tool: 'find_archived_url', count: 3, spellings: 3 } }],
    },
    {
      name: 'a command re-run with extra flags, the same answer each time',
      trajectory: trajectory()
        .user('is the job done?')
        .run('python3 scripts/check_status.py --verbose --env staging', 'status: pending (job queued)')
        .run('python3 scripts/check_status.py --verbose --env staging --retry', 'status: pending (job queued)')
        .run('python3 scripts/check_status.py --verbose --env staging --retry --timeout', 'status: pending (job queued)')
        .build(),
      findings: [{ messageId: 'same-approach', step: 6, data: { tool: 'Bash', count: 3, failing: false } }],
    },
    {
      name: 'a code call that never got its result does not hide a later loop',
      trajectory: (() => {
        const builder = trajectory().user('scroll down').call('python_interpreter', { code: 'print(page)' }, 'orphan');
        for (let filler = 0; filler < 9; filler++) builder.call('web_search', { query: `topic ${filler}` }, `search_${filler}`).result(`results about topic ${filler}`, { callId: `search_${filler}` });
        builder.call('page_down', { arguments: {} }, 'down_1').result("PageDownTool.forward() got an unexpected keyword argument 'arguments'", { callId: 'down_1', error: true });
        builder.call('page_down', { '': '' }, 'down_2').result(pageDownMistake, { callId: 'down_2', error: true });
        builder.call('page_down', { '': {} }, 'down_3').result(pageDownMistake, { callId: 'down_3', error: true });
        return builder.build();
      })(),
      findings: [{ messageId: 'same-approach', data: { tool: 'page_down', count: 3 } }],
    },
    {
      name: 'a different approach announced, then nearly the same code with the same error',
      trajectory: trajectory()
        .user('read the pdf')
        .tool('python_interpreter', { code: '# extract the passage\ntext = inspect_file_as_text(file_path="Greetham_2008.pdf", question="Extract the text of pages 45-46")\nprint(text)' }, unbound('text = inspect_file_as_text(...)'), failing)
        .assistant("Thought: I'll try a slightly different approach with a clearer question.")
        .tool('python_interpreter', { code: '# a more direct question\ntext = inspect_file_as_text(file_path="Greetham_2008.pdf", question="Please extract the sentence on pages 45-46")\nprint(text)' }, unbound('text = inspect_file_as_text(\n    file_path=...)'), failing)
        .build(),
      findings: [{ messageId: 'announced-change', step: 5, data: { tool: 'python_interpreter', count: 2 } }],
    },
    {
      name: 'tools called from inside a code blob are part of the blob',
      trajectory: trajectory()
        .user('read the pdf')
        .call('python_interpreter', { code: 'r = inspect_file_as_text(file_path="a.pdf", question="the title")\nprint(r)' }, 'outer_1')
        .call('inspect_file_as_text', { file_path: 'a.pdf', question: 'the title' }, 'inner_1')
        .result("cannot access local variable 'res' where it is not associated with a value", { callId: 'inner_1', error: true })
        .result(unbound('r = inspect_file_as_text(...)'), { callId: 'outer_1', error: true })
        .call('python_interpreter', { code: 'r = inspect_file_as_text(file_path="a.pdf", question="the title please")\nprint(r)' }, 'outer_2')
        .call('inspect_file_as_text', { file_path: 'a.pdf', question: 'the title please' }, 'inner_2')
        .result("cannot access local variable 'res' where it is not associated with a value", { callId: 'inner_2', error: true })
        .result(unbound('r = inspect_file_as_text(...)'), { callId: 'outer_2', error: true })
        .call('python_interpreter', { code: 'r = inspect_file_as_text(file_path="a.pdf", question="the title, please")\nprint(r)' }, 'outer_3')
        .call('inspect_file_as_text', { file_path: 'a.pdf', question: 'the title, please' }, 'inner_3')
        .result("cannot access local variable 'res' where it is not associated with a value", { callId: 'inner_3', error: true })
        .result(unbound('r = inspect_file_as_text(...)'), { callId: 'outer_3', error: true })
        .build(),
      findings: [{ messageId: 'same-approach', step: 12, steps: [1, 4, 5, 8, 9, 12], data: { tool: 'python_interpreter', count: 3 } }],
    },
  ],
});

describe('announcesChange: every announcement passes the first scan for its words', () => {
  it.each([
    ['a different approach', 'Let me try a different approach.', true],
    ['another strategy (only "strategy")', 'I will use another strategy here', true],
    ['an alternative method (only "method")', 'Trying an alternative method', true],
    ['switching tactics (only "tactic")', "I'll switch tactics", true],
    ['a fresh tactic, in capitals', 'A FRESH TACTIC', true],
    ['a method named, no change announced', 'The method returns None', false],
    ['no announcement', 'Running the tests again', false],
  ])('%s', (_, text, expected) => {
    expect(announcesChange(text)).toBe(expected);
  });
});
