import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeReaderContract } from '../../../test/support/reader-contract.js';
import { fixture, repositoryPath } from '../../../test/support/shared-data.js';
import { temporaryFolder } from '../../../test/support/temporary-folders.js';
import { readFileTrajectories } from '../read.js';
import type { Step } from '../../trajectory/step.js';
import reader from './reader.js';

const TIMEZONE_FIX = fixture('claude-code/timezone-fix.jsonl');
const WITH_SUBAGENTS = fixture('claude-code/with-subagents/c41e7b02-58d3-4a6f-b9e1-0f2a7c5d3e96.jsonl');
const SUBAGENT_FILE = fixture('claude-code/with-subagents/c41e7b02-58d3-4a6f-b9e1-0f2a7c5d3e96/subagents/agent-e41c0d2.jsonl');
const OLD_LAYOUT = fixture('claude-code/old-layout/5b8e1f40-2c7a-4d93-8e6b-1a0f9c4d7e25.jsonl');

describeReaderContract({
  reader,
  corruption: 'line',
  fixtures: [
    { file: TIMEZONE_FIX, summary: { userMessages: 4, assistantMessages: 4, toolCalls: 6, toolResults: 6, toolErrors: 2 } },
    { file: SUBAGENT_FILE, summary: { userMessages: 0, assistantMessages: 1, toolCalls: 2, toolResults: 2, toolErrors: 0 } },
  ],
});

async function stepsOf(file: string): Promise<Step[]> {
  const result = await readFileTrajectories(file, { format: 'claude-code' });
  expect(result.diagnostics).toEqual([]);
  return result.trajectories[0].steps;
}

/** The steps read from one line of the fixture. */
function atLine(steps: Step[], line: number): Step[] {
  return steps.filter((step) => step.source?.line === line && step.sidechain === undefined);
}

describe('claude-code reader: line mappings', () => {
  const cases: { name: string; line: number; expected: Record<string, unknown>[] }[] = [
    { name: 'isMeta caveat is injected', line: 2, expected: [{ kind: 'user', origin: 'injected' }] },
    { name: '<command-name> text is injected', line: 3, expected: [{ kind: 'user', origin: 'injected' }] },
    { name: '<local-command-stdout> text is injected', line: 4, expected: [{ kind: 'user', origin: 'injected' }] },
    { name: 'the typed request is a prompt', line: 6, expected: [{ kind: 'user', origin: 'prompt', text: expect.stringContaining("don't touch the tests") }] },
    { name: 'hook_success attachment is a hook event', line: 7, expected: [{ kind: 'event', event: 'hook', data: expect.objectContaining({ attachment: 'hook_success', hookName: 'UserPromptSubmit', exitCode: 0 }) }] },
    {
      name: 'thinking and text of one message are one assistant step with its usage',
      line: 8,
      expected: [{ kind: 'assistant', text: "I'll look at the parser first.", reasoning: expect.stringContaining('wrong sign'), model: 'claude-sonnet-4-5-20250929', usage: { inputTokens: 9, outputTokens: 30, cachedInputTokens: 14210, cacheCreationInputTokens: 3120 } }],
    },
    { name: 'tool_use is a tool call with the toolu_ id', line: 10, expected: [{ kind: 'tool-call', tool: 'Read', callId: expect.stringMatching(/^toolu_01/), messageId: expect.stringMatching(/^msg_01/) }] },
    { name: 'Bash "Exit code N" error gives the exit code', line: 13, expected: [{ kind: 'tool-result', isError: true, exitCode: 1 }] },
    { name: 'hook_additional_context is a hook event with its content', line: 14, expected: [{ kind: 'event', event: 'hook', text: 'wink: the test run failed; read the assertion before editing.', data: expect.objectContaining({ hookName: 'PostToolUseFailure:Bash' }) }] },
    { name: 'progress lines carry no step', line: 15, expected: [] },
    { name: 'a refused tool use is a rejected error result', line: 18, expected: [{ kind: 'tool-result', isError: true, rejected: true }] },
    { name: '"[Request interrupted by user for tool use]" is an interrupt', line: 19, expected: [{ kind: 'user', origin: 'interrupt' }] },
    { name: 'an API error message is an error event', line: 21, expected: [{ kind: 'event', event: 'error', text: expect.stringContaining('529') }] },
    { name: 'a successful Bash result has no exit code and is not an error', line: 26, expected: [{ kind: 'tool-result', isError: false }] },
    { name: 'compact_boundary is a compaction event', line: 27, expected: [{ kind: 'event', event: 'compaction', data: { trigger: 'auto', preTokens: 155025 } }] },
    { name: 'the compact summary is injected', line: 28, expected: [{ kind: 'user', origin: 'injected' }] },
    {
      name: 'a <system-reminder> block and typed text in one message are split, in order',
      line: 29,
      expected: [
        { kind: 'user', origin: 'injected', text: expect.stringContaining('<system-reminder>') },
        { kind: 'user', origin: 'prompt', text: 'Now run the linter as well, please.' },
      ],
    },
    { name: 'stop_hook_summary is a hook event', line: 33, expected: [{ kind: 'event', event: 'hook', data: expect.objectContaining({ subtype: 'stop_hook_summary', hookCount: 1 }) }] },
    { name: 'summary lines carry no step', line: 1, expected: [] },
    { name: 'queue-operation lines carry no step', line: 34, expected: [] },
    { name: 'unknown line types are passed over', line: 35, expected: [] },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const steps = atLine(await stepsOf(TIMEZONE_FIX), testCase.line);
      expect(steps).toHaveLength(testCase.expected.length);
      testCase.expected.forEach((expected, position) => expect(steps[position]).toMatchObject(expected));
    });
  }

  it('fills the session metadata from the transcript', async () => {
    const { trajectories } = await readFileTrajectories(TIMEZONE_FIX);
    expect(trajectories[0].session).toMatchObject({
      id: '7f3c2a9e-4b1d-4c8e-9a0f-2d6b5e8c1a34',
      agent: 'claude-code',
      environment: 'cli',
      format: 'claude-code',
      agentVersion: '2.0.27',
      workingDirectory: '/home/dana/src/calendar-kit',
      gitBranch: 'fix/timezone-offset',
      model: 'claude-sonnet-4-5-20250929',
      startedAt: '2025-10-14T09:12:23.900Z',
    });
  });

  it('counts the usage of a response once, however many lines it spans', async () => {
    const steps = await stepsOf(TIMEZONE_FIX);
    const usageByMessage = new Map<string, number>();
    for (const step of steps) if (step.kind === 'assistant' && step.usage && step.messageId) usageByMessage.set(step.messageId, (usageByMessage.get(step.messageId) ?? 0) + 1);
    expect([...usageByMessage.values()].every((count) => count === 1)).toBe(true);
  });

  it('links every result to the call with the same toolu_ id', async () => {
    const steps = await stepsOf(TIMEZONE_FIX);
    for (const step of steps) {
      if (step.kind !== 'tool-result') continue;
      const call = steps.find((candidate) => candidate.id === step.callStepId);
      expect(call).toMatchObject({ kind: 'tool-call', callId: step.callId });
    }
  });
});

describe('claude-code reader: sub-agents', () => {
  it('appends sub-agent transcripts as sidechains, in the order the Task results name them', async () => {
    const steps = await stepsOf(WITH_SUBAGENTS);
    const main = steps.filter((step) => step.sidechain === undefined);
    expect(main).toHaveLength(7);
    expect(steps.slice(0, 7)).toEqual(main);
    const sidechains = steps.slice(7).map((step) => step.sidechain);
    expect([...new Set(sidechains)]).toEqual(['e41c0d2', 'a3f9c21']);
    const firstSubagentStep = steps[7];
    expect(firstSubagentStep).toMatchObject({ kind: 'user', origin: 'injected', source: { file: SUBAGENT_FILE, line: 1 } });
    expect(steps[6]).toMatchObject({ kind: 'user', origin: 'interrupt', text: '[Request interrupted by user]' });
  });

  it('keeps the main model as the session model', async () => {
    const { trajectories } = await readFileTrajectories(WITH_SUBAGENTS);
    expect(trajectories[0].session.model).toBe('claude-sonnet-4-5-20250929');
  });

  it('reads older agent-<id>.jsonl files beside the session only when they name the session', async () => {
    const steps = await stepsOf(OLD_LAYOUT);
    expect(steps.find((step) => step.kind === 'assistant' && step.source?.line === 3)).toMatchObject({ sidechain: 'sidechain' });
    const appended = [...new Set(steps.slice(5).map((step) => step.sidechain))];
    expect(appended).toEqual(['5d2e8b1f']);
    expect(steps.some((step) => step.kind === 'user' && step.text.startsWith('Unrelated'))).toBe(false);
  });
});

describe('claude-code reader: tolerance', () => {
  it('reports malformed and non-object lines with their line numbers and reads the rest', async () => {
    const directory = temporaryFolder('wink-claude-code-');
    const file = join(directory, 'damaged.jsonl');
    const user = { parentUuid: null, isSidechain: false, userType: 'external', cwd: '/repo', sessionId: 's-1', version: '2.0.0', type: 'user', message: { role: 'user', content: 'hello' }, uuid: 'u-1', timestamp: '2025-10-14T09:00:00.000Z' };
    await writeFile(file, [JSON.stringify(user), '{"type":"assistant",', '[1,2]', '', '{"type":"brand-new-kind","uuid":"x"}', JSON.stringify({ ...user, uuid: 'u-2', message: { role: 'user', content: 'again' } })].join('\n'));
    const result = await readFileTrajectories(file, { format: 'claude-code' });
    expect(result.diagnostics.map((diagnostic) => diagnostic.line)).toEqual([2, 3]);
    expect(result.trajectories[0].steps.map((step) => (step.kind === 'user' ? step.text : step.kind))).toEqual(['hello', 'again']);
  });

  it('does not claim JSONL files of other agents', () => {
    const codexLine = JSON.stringify({ timestamp: '2025-10-14T09:00:00.000Z', type: 'session_meta', payload: { id: 'x', cwd: '/repo' } });
    expect(reader.sniff({ path: 'rollout.jsonl', head: codexLine, firstLines: [codexLine] })).toBe(0);
    const plain = JSON.stringify({ type: 'user', content: 'hi' });
    expect(reader.sniff({ path: 'chat.jsonl', head: plain, firstLines: [plain] })).toBe(0);
  });
});

describe('claude-code reader: demo examples', () => {
  const examples = ['claude-code-build-loop.jsonl', 'claude-code-ignored-instructions.jsonl', 'claude-code-false-claim.jsonl'].map((name) => repositoryPath(`examples/${name}`));

  it('reads every example without diagnostics', async () => {
    for (const file of examples) {
      const result = await readFileTrajectories(file);
      expect(result.format).toBe('claude-code');
      expect(result.diagnostics).toEqual([]);
    }
  });

  it('records the same failing build five times in the loop example', async () => {
    const steps = await stepsOf(examples[0]);
    const builds = steps.filter((step) => step.kind === 'tool-call' && step.canonicalInput.includes('"npm run build"'));
    expect(builds).toHaveLength(5);
    const outputs = steps.filter((step) => step.kind === 'tool-result' && builds.some((build) => build.id === step.callStepId)).map((step) => step.kind === 'tool-result' && step.output);
    expect(new Set(outputs).size).toBe(1);
  });
});
