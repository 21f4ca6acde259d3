import { describe, expect, it } from 'vitest';
import { describeReaderContract } from '../../../test/support/reader-contract.js';
import { fixture, hasSharedData, realTrajectory } from '../../../test/support/shared-data.js';
import { readFileTrajectories } from '../read.js';
import reader, { actionBlock, statedWorkingDirectory } from './reader.js';

describeReaderContract({
  reader,
  corruption: 'document',
  fixtures: [
    { file: fixture('mini-swe-agent/slugify.traj.json'), recordList: 'messages', summary: { userMessages: 1, assistantMessages: 6, toolCalls: 5, toolResults: 5, toolErrors: 1 } },
    ...(hasSharedData
      ? [
          { file: realTrajectory('mini-swe-agent-gemini3/trajs/astropy__astropy-12907/astropy__astropy-12907.traj.json'), summary: { userMessages: 1, toolCalls: 20 } },
          { file: realTrajectory('swe-agent/mini-swe-agent/tests/test_data/local.traj.json') },
          { file: realTrajectory('swe-agent/mini-swe-agent/tests/test_data/github_issue.traj.json') },
        ]
      : []),
  ],
});

describe('mini-swe-agent reader', () => {
  it('reads commands, exit codes, format errors, submission and metadata', async () => {
    const { trajectories } = await readFileTrajectories(fixture('mini-swe-agent/slugify.traj.json'));
    const [trajectory] = trajectories;
    expect(trajectory.session).toMatchObject({ agent: 'mini-swe-agent', environment: 'benchmark', taskId: 'example__slugify-1', exitStatus: 'Submitted', model: 'example/model-1' });
    const kinds = trajectory.steps.map((step) => step.kind);
    expect(kinds.slice(0, 5)).toEqual(['event', 'user', 'assistant', 'tool-call', 'tool-result']);
    const calls = trajectory.steps.filter((step) => step.kind === 'tool-call');
    expect(calls.map((call) => (call.input as { command: string }).command)[2]).toBe('sed -i "s/\\[^a-z\\]+/[^a-z0-9]+/" src/text.py');
    expect(calls[2].effects.filesEdited).toEqual(['src/text.py']);
    expect(calls[1].effects.filesRead).toEqual(['src/text.py']);
    const failed = trajectory.steps.find((step) => step.kind === 'tool-result' && step.isError);
    expect(failed).toMatchObject({ exitCode: 1, output: 'F.\n1 failed, 1 passed\n' });
    expect(trajectory.steps.some((step) => step.kind === 'event' && step.event === 'error')).toBe(true);
    expect(trajectory.steps[trajectory.steps.length - 1]).toMatchObject({ kind: 'event', event: 'task-complete' });
    const assistant = trajectory.steps.find((step) => step.kind === 'assistant');
    expect(assistant).toMatchObject({ text: 'Let me find the slugify function.', reasoning: 'Searching first.', usage: { inputTokens: 900, outputTokens: 40, costUsd: 0.001 } });
    expect(trajectory.steps[1].source).toEqual({ file: fixture('mini-swe-agent/slugify.traj.json'), line: expect.any(Number) });
  });

  it.skipIf(!hasSharedData)('reads all 100 Gemini 3 runs without diagnostics', async () => {
    const { readdirSync } = await import('node:fs');
    const directory = realTrajectory('mini-swe-agent-gemini3/trajs');
    for (const instance of readdirSync(directory)) {
      const result = await readFileTrajectories(`${directory}/${instance}/${instance}.traj.json`);
      expect(result.format).toBe('mini-swe-agent');
      expect(result.diagnostics).toEqual([]);
      expect(result.trajectories[0].session.taskId).toBe(instance);
    }
  });
});

describe('the working folder a SWE-bench task states', () => {
  it.each<{ task: string; expected: string | undefined }>([
    { task: '- MODIFY: Regular source code files in /testbed (this is the working directory for all your subsequent commands)', expected: '/testbed' },
    { task: 'files in /work/repo-1.2 (this is the working directory)', expected: '/work/repo-1.2' },
    { task: 'Fix the bug in /testbed/src/a.py.', expected: undefined },
    { task: 'in testbed (this is the working directory)', expected: undefined },
  ])('$task', ({ task, expected }) => {
    expect(statedWorkingDirectory(task)).toBe(expected);
  });

  it.skipIf(!hasSharedData)('is the session working folder of a real run, so /testbed paths read as the project files', async () => {
    const { trajectories } = await readFileTrajectories(realTrajectory('mini-swe-agent-gemini3/trajs/astropy__astropy-12907/astropy__astropy-12907.traj.json'));
    expect(trajectories[0].session.workingDirectory).toBe('/testbed');
  });
});

describe('mini-swe-agent action block', () => {
  it.each([
    ['a bash block', 'THOUGHT: look\n\n```bash\nls -la\n```', 'ls -la'],
    ['quoted python before the bash block', "THOUGHT: The code is:\n```python\ndef f():\n    return 1\n```\nThis confirms it.\n\n```bash\nsed -i 's/1/2/' f.py\n```", "sed -i 's/1/2/' f.py"],
    ["mini-swe-agent's own label", 'Run it.\n\n```mswea_bash_command\necho hi\n```', 'echo hi'],
    ['an unlabelled block', 'Run it.\n\n```\npwd\n```', 'pwd'],
  ])('%s', (_name, content, command) => {
    expect(actionBlock(content)?.command.trim()).toBe(command);
  });

  it('finds no action in prose or a quoted python block alone', () => {
    expect(actionBlock('I will fix the regex.')).toBeUndefined();
    expect(actionBlock('```python\nx = 1\n```')).toBeUndefined();
  });
});
