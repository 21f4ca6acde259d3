import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeReaderContract } from '../../../test/support/reader-contract.js';
import { fixture, hasSharedData, realTrajectory } from '../../../test/support/shared-data.js';
import { temporaryFolder } from '../../../test/support/temporary-folders.js';
import { readFileTrajectories } from '../read.js';
import type { Step, ToolCallStep, ToolResultStep } from '../../trajectory/step.js';
import { roleHeader, preambleLine, specStoryDate } from './history-header.js';
import reader, { agentId, projectFolder } from './reader.js';

const history = (name: string): string => fixture(`specstory/project-a/.specstory/history/${name}`);
const cursor2024 = history('2024-08-29_styling-the-title.md');
const cursor2025 = history('2025-10-14_22-20Z-corrigir-os-testes.md');
const cliMarkdown = history('2025-11-13_21-12Z-cli-session.md');
const copilot = history('2025-07-08_01-00Z-copilot-no-answer.md');
const realHistories = 'real-users/specstory';

describeReaderContract({
  reader,
  corruption: 'markdown',
  fixtures: [
    { file: cursor2024, summary: { userMessages: 2, assistantMessages: 3, toolCalls: 0 } },
    { file: cursor2025, summary: { userMessages: 4, assistantMessages: 3, toolCalls: 8, toolResults: 4 } },
    { file: cliMarkdown, summary: { userMessages: 1, assistantMessages: 2, toolCalls: 3, toolResults: 2 } },
    { file: copilot, summary: { userMessages: 1, assistantMessages: 0 } },
    ...(hasSharedData
      ? [
          { file: realTrajectory(`${realHistories}/hpm27__agente-bsc-rag/.specstory/history/2025-10-15_00-22Z-me-ajude-a-resolver.md`) },
          { file: realTrajectory(`${realHistories}/closup__process-xbrl/.specstory/history/resolving-typescript-process-error.md`), summary: { userMessages: 21, assistantMessages: 21 } },
        ]
      : []),
  ],
});

async function stepsOf(file: string): Promise<Step[]> {
  const { trajectories, diagnostics } = await readFileTrajectories(file);
  expect(diagnostics).toEqual([]);
  return trajectories[0].steps;
}

function calls(steps: readonly Step[]): ToolCallStep[] {
  return steps.filter((step): step is ToolCallStep => step.kind === 'tool-call');
}

function resultOf(steps: readonly Step[], call: ToolCallStep): ToolResultStep | undefined {
  return steps.find((step): step is ToolResultStep => step.kind === 'tool-result' && step.callId === call.callId);
}

describe('specstory session metadata', () => {
  const cases = [
    { name: 'a 2024 Cursor export (no session comment)', file: cursor2024, session: { agent: 'cursor', environment: 'ide', startedAt: '2024-08-29T18:27:08', id: '2024-08-29_styling-the-title' }, generation: 'extension-2024' },
    { name: 'a 2025 Cursor export', file: cursor2025, session: { agent: 'cursor', environment: 'ide', startedAt: '2025-10-14T22:20:00Z', id: '0b8a51f2-0000-4000-8000-00000000000a', model: 'claude-4.5-sonnet-thinking' }, generation: 'extension-2025' },
    { name: "the CLI's Markdown v2 of a Claude Code session", file: cliMarkdown, session: { agent: 'claude-code', environment: 'cli', startedAt: '2025-11-13T21:12:14Z', model: 'claude-sonnet-4-5-20250929' }, generation: 'markdown-v2' },
    { name: 'a 2025 export that names no agent', file: copilot, session: { agent: 'ide-assistant', environment: 'ide', startedAt: '2025-07-08T01:00:00Z' }, generation: 'extension-2025' },
  ];
  it.each(cases)('$name', async ({ file, session, generation }) => {
    const { trajectories } = await readFileTrajectories(file);
    expect(trajectories[0].session).toMatchObject({ ...session, format: 'specstory', repository: fixture('specstory/project-a'), extra: { exporter: 'specstory', generation } });
  });
});

describe('specstory turns and blocks', () => {
  it.each([
    { name: 'a request in Portuguese is the developer prompt, with its time', file: cursor2025, index: 0, expected: { kind: 'user', origin: 'prompt', text: 'Rode os testes de integração e corrija o que falhar. Não altere os testes.', timestamp: '2025-10-14T22:25:00Z' } },
    { name: 'a think block is the reasoning of the text after it', file: cursor2025, index: 1, expected: { kind: 'assistant', text: 'Vou ler o arquivo de testes primeiro.', reasoning: 'O usuário quer rodar os testes e corrigir as falhas sem mudar os testes.', model: 'claude-4.5-sonnet-thinking' } },
    { name: 'a think block before a tool block is a message of reasoning alone', file: cursor2025, index: 7, expected: { kind: 'assistant', text: '', reasoning: 'A função parse_date não aceita o formato ISO. Vou corrigir em src/dates.py.' } },
    { name: 'Cancelled is the developer interrupting the agent', file: cursor2025, index: 10, expected: { kind: 'user', origin: 'interrupt', text: 'Cancelled' } },
    { name: 'the follow-up typed after the cancel is a prompt (the export does not mark queued prompts), its repeated stale time left out', file: cursor2025, index: 11, expected: { kind: 'user', origin: 'prompt', text: 'segue, rode somente o teste que falhou' }, timestampLeftOut: true },
    { name: 'a later user time is kept', file: cursor2025, index: 18, expected: { kind: 'user', text: 'obrigado', timestamp: '2025-10-14T22:40:00Z' } },
    { name: 'a 2024 user turn', file: cursor2024, index: 0, expected: { kind: 'user', origin: 'prompt', text: 'can you make the title in @index.html use a gradient text?' } },
    { name: "a 2024 assistant turn keeps its code citations as text", file: cursor2024, index: 1, expected: { kind: 'assistant', text: expect.stringContaining('```12:14:static/style.css') } },
    { name: 'an empty user turn gives no step', file: cursor2024, index: 4, expected: { kind: 'assistant', text: 'Anything else?' } },
    { name: 'a CLI think block alone is a message of reasoning', file: cliMarkdown, index: 1, expected: { kind: 'assistant', text: '', reasoning: 'Look at the folder first.', timestamp: '2025-11-13T21:12:20Z' } },
  ])('$name', async ({ file, index, expected, timestampLeftOut }) => {
    const steps = await stepsOf(file);
    expect(steps[index]).toMatchObject(expected);
    if (timestampLeftOut) expect(steps[index].timestamp).toBeUndefined();
  });

  it.each([
    { name: 'read_file: the file read, no output shown', file: cursor2025, position: 0, tool: 'read_file', input: { file_path: 'tests/test_api.py' }, action: 'read', output: undefined },
    { name: 'grep: pattern and path, the result table as output', file: cursor2025, position: 1, tool: 'grep', input: { pattern: 'def parse_date', path: 'src/dates.py' }, action: 'search', output: expect.stringContaining('`def parse_date(text):`') },
    { name: 'run_terminal_cmd: the command and its output, read from its text', file: cursor2025, position: 2, tool: 'run_terminal_cmd', input: { command: 'cd /projeto && python -m pytest tests/test_api.py -q' }, action: 'shell', output: expect.stringContaining('1 failed, 1 passed') },
    { name: 'search_replace: the diff as old and new text', file: cursor2025, position: 3, tool: 'search_replace', input: { file_path: 'src/dates.py', old_string: expect.stringContaining('strptime'), new_string: expect.stringContaining('fromisoformat') }, action: 'edit', output: undefined },
    { name: 'run_terminal_cmd with no output (cancelled)', file: cursor2025, position: 4, tool: 'run_terminal_cmd', input: { command: 'cd /projeto && python -m pytest tests/integration -q' }, action: 'shell', output: undefined },
    { name: 'an MCP call: server, tool, parameters (a value on two lines) and result', file: cursor2025, position: 6, tool: 'mcp_Sequential_Thinking_sequentialthinking', input: { server: 'Sequential_Thinking', tool: 'sequentialthinking', thought: 'Conferir se a correção cobre\ndatas com hora.', thoughtNumber: '1' }, action: 'other', output: expect.stringContaining('"thoughtNumber": 1') },
    { name: 'todo_write: the list kept as input, a plan', file: cursor2025, position: 7, tool: 'todo_write', input: { text: expect.stringContaining('- [x] Corrigir parse_date') }, action: 'plan', output: undefined },
    { name: '<tool-use> shell: the input pairs and the result', file: cliMarkdown, position: 0, tool: 'Bash', input: { command: 'ls src', description: 'List the source folder' }, action: 'shell', output: 'main.ts\nutil.ts' },
    { name: '<tool-use> read: an **Error:** block is a failed result', file: cliMarkdown, position: 1, tool: 'Read', input: { file_path: 'README.md' }, action: 'read', output: 'File does not exist.' },
    { name: '<tool-use> with nothing in it: a call with no result', file: cliMarkdown, position: 2, tool: 'WebSearch', input: { summary: 'Tool use: **WebSearch**' }, action: 'web', output: undefined },
  ])('$name', async ({ file, position, tool, input, action, output }) => {
    const steps = await stepsOf(file);
    const call = calls(steps)[position];
    expect(call).toMatchObject({ tool, input, effects: { action } });
    expect(resultOf(steps, call)?.output).toEqual(output);
  });

  it('reads the flag of a <tool-use> result and the text of an export without flags', async () => {
    const cli = await stepsOf(cliMarkdown);
    expect(calls(cli).map((call) => resultOf(cli, call)?.isError)).toEqual([false, true, undefined]);
    const cursorSteps = await stepsOf(cursor2025);
    const failedRun = resultOf(cursorSteps, calls(cursorSteps)[2]);
    expect(failedRun).toMatchObject({ isError: false, outcome: { status: 'tests-failed' } });
  });
});

describe('specstory headers', () => {
  it.each([
    { line: '_**User**_', expected: { role: 'user', sidechain: false } },
    { line: '_**User (2025-10-14 22:25Z)**_', expected: { role: 'user', timestamp: '2025-10-14T22:25:00Z' } },
    { line: '_**Assistant (default)**_', expected: { role: 'assistant', model: undefined } },
    { line: '_**Assistant (claude-4.5-sonnet-thinking)**_', expected: { role: 'assistant', model: 'claude-4.5-sonnet-thinking' } },
    { line: '_**Agent (gpt-5-codex 2025-11-13 21:12:14-0700)**_', expected: { role: 'assistant', model: 'gpt-5-codex', timestamp: '2025-11-13T21:12:14-07:00' } },
    { line: '_**Agent - sidechain (2025-11-13 21:12:14Z)**_', expected: { role: 'assistant', sidechain: true, timestamp: '2025-11-13T21:12:14Z' } },
    { line: '_**Assistant (claude-4.5', expected: { role: 'assistant', problem: expect.stringContaining('**_') } },
    { line: '_**User (yesterday)**_', expected: { role: 'user', problem: expect.stringContaining('not a date') } },
    { line: '_**Note**_', expected: undefined },
    { line: `_**User (${'9'.repeat(100_000)}`, expected: undefined },
  ])('role header $line', ({ line, expected }) => {
    const header = roleHeader(line);
    if (expected === undefined) expect(header).toBeUndefined();
    else expect(header).toMatchObject(expected);
  });

  it.each([
    { line: '## SpecStory', expected: { kind: 'generator', generation: 'extension-2024' } },
    { line: '<!-- Generated by SpecStory -->', expected: { kind: 'generator', generation: 'extension-2025' } },
    { line: '<!-- Generated by SpecStory, Markdown v2.1.0 -->', expected: { kind: 'generator', generation: 'markdown-v2' } },
    { line: '<!-- cursor Session 3fe6cb3b-5d72 (2025-10-15 00:14Z) -->', expected: { kind: 'session', provider: 'cursor', sessionId: '3fe6cb3b-5d72', startedAt: '2025-10-15T00:14:00Z' } },
    { line: '## look at the python files in @models  (10/16/2024, 10:22:51 PM)', expected: { kind: 'title', title: 'look at the python files in @models', startedAt: '2024-10-16T22:22:51' } },
    { line: '# Executar benchmark da fase 2A (2025-10-15 00:14Z)', expected: { kind: 'title', title: 'Executar benchmark da fase 2A', startedAt: '2025-10-15T00:14:00Z' } },
    { line: 'some text', expected: undefined },
  ])('preamble line $line', ({ line, expected }) => {
    const read = preambleLine(line);
    if (expected === undefined) expect(read).toBeUndefined();
    else expect(read).toMatchObject(expected);
  });

  it.each([
    { text: '12/9/2024, 4:34:35 PM', expected: '2024-12-09T16:34:35' },
    { text: '8/22/2024, 12:05:19 AM', expected: '2024-08-22T00:05:19' },
    { text: '2025-10-14 22:25Z', expected: '2025-10-14T22:25:00Z' },
    { text: '2025-13', expected: undefined },
  ])('date $text', ({ text, expected }) => {
    expect(specStoryDate(text)).toBe(expected);
  });

  it.each([
    { provider: 'cursor', expected: 'cursor' },
    { provider: 'Claude Code', expected: 'claude-code' },
    { provider: 'Cursor CLI', expected: 'cursor-cli' },
  ])('agent id of $provider', ({ provider, expected }) => {
    expect(agentId(provider)).toBe(expected);
  });

  it.each([
    { file: '/home/dev/shop/.specstory/history/a.md', expected: '/home/dev/shop' },
    { file: '/home/dev/exports/a.md', expected: undefined },
  ])('project of $file', ({ file, expected }) => {
    expect(projectFolder(file)).toBe(expected);
  });
});

describe('specstory reader on hostile input', () => {
  const write = (name: string, text: string): string => {
    const file = join(temporaryFolder('wink-specstory-'), name);
    writeFileSync(file, text);
    return file;
  };
  const head = '<!-- Generated by SpecStory -->\n\n# Hostile (2025-10-14 22:20Z)\n\n_**User**_\n\ngo\n\n---\n\n_**Assistant (default)**_\n\n';
  it.each([
    { name: 'an unclosed <details> of a tool block', text: `${head}Tool use: **grep**\n\n<details>\n<summary>Grep for "x" • 1 match</summary>\n${'row\n'.repeat(5000)}`, diagnostics: 1, calls: 1 },
    { name: 'an unclosed fence in a terminal block', text: `${head}Tool use: **run_terminal_cmd**\n\n\`\`\`bash\nls\n${'---\n'.repeat(5000)}`, diagnostics: 1, calls: 1 },
    { name: 'an unclosed <think>', text: `${head}<think><details><summary>Thought Process</summary>\n${'hmm\n'.repeat(5000)}`, diagnostics: 1, calls: 0 },
    { name: '10,000 nested <details> on one line', text: `${head}Tool use: **grep**\n\n${'<details>'.repeat(10_000)}\n\n---\n\n_**User**_\n\nok\n`, diagnostics: 1, calls: 1 },
    { name: 'a huge line of text', text: `${head}${'x'.repeat(2_000_000)}\n`, diagnostics: 0, calls: 0 },
    { name: 'a history without turns', text: '<!-- Generated by SpecStory -->\n\n# Empty\n', diagnostics: 1, calls: 0 },
    { name: 'text before the first turn (kept as an event)', text: `<!-- Generated by SpecStory -->\n\nnotes\n${head.slice(head.indexOf('_**User'))}`, diagnostics: 1, calls: 0 },
  ])('$name: read in linear time, with its diagnostics', async ({ text, diagnostics, calls: callCount }) => {
    const started = performance.now();
    const result = await readFileTrajectories(write('hostile.md', text), { format: 'specstory' });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.diagnostics).toHaveLength(diagnostics);
    expect(calls(result.trajectories[0]?.steps ?? [])).toHaveLength(callCount);
  });
});

describe('specstory reader keeps what it cannot place', () => {
  it('keeps text before the first turn as an event, with a diagnostic at its line', async () => {
    const file = join(temporaryFolder('wink-specstory-'), 'preamble.md');
    writeFileSync(file, '<!-- Generated by SpecStory -->\n\nnotes the export did not write\nsecond line\n\n_**User**_\n\nhi\n');
    const result = await readFileTrajectories(file);
    expect(result.diagnostics).toEqual([{ file, line: 3, message: expect.stringContaining('kept as an event') }]);
    expect(result.trajectories[0].steps.map((step) => step.kind)).toEqual(['event', 'user']);
    expect(result.trajectories[0].steps[0]).toMatchObject({ event: 'other', text: 'notes the export did not write\nsecond line', source: { line: 3 } });
  });
});

describe.runIf(hasSharedData)('specstory reader on the shared real histories', () => {
  it('reads all ten with no diagnostics, every Cursor tool block a call', async () => {
    const { listTrajectoryFiles } = await import('../read.js');
    const files = await listTrajectoryFiles(realTrajectory(realHistories));
    expect(files).toHaveLength(10);
    let toolBlocks = 0;
    let toolCalls = 0;
    for (const file of files) {
      const { readFile } = await import('node:fs/promises');
      toolBlocks += (await readFile(file, 'utf8')).split('\n').filter((line) => line.startsWith('Tool use: **')).length;
      const result = await readFileTrajectories(file);
      expect(result.format).toBe('specstory');
      expect(result.diagnostics).toEqual([]);
      toolCalls += result.trajectories.flatMap((trajectory) => calls(trajectory.steps)).length;
    }
    expect(toolCalls).toBe(toolBlocks);
  });
});
