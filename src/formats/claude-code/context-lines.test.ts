import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claudeSession, writeClaudeSession, type ClaudeSessionWriter } from '../../../test/support/claude-session.js';
import type { UserMessageStep } from '../../trajectory/step.js';
import { readFileTrajectories } from '../read.js';

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

async function userSteps(writer: ClaudeSessionWriter): Promise<UserMessageStep[]> {
  const folder = await mkdtemp(join(tmpdir(), 'wink-context-lines-'));
  folders.push(folder);
  const result = await readFileTrajectories(await writeClaudeSession(folder, writer), { format: 'claude-code' });
  expect(result.diagnostics).toEqual([]);
  return result.trajectories[0].steps.filter((step): step is UserMessageStep => step.kind === 'user');
}

describe('claude-code reader: the context the agent works from', () => {
  const cases: { name: string; build: (writer: ClaudeSessionWriter) => void; expected: Partial<UserMessageStep>[] }[] = [
    {
      name: 'a prompt typed mid-turn and handed over (enqueue, remove) is a queued prompt',
      build: (writer) => writer.prompt('fix the cart').bash('npm test', 'ok').queued('check again', 'mid-turn').say('Checked.'),
      expected: [{ text: 'fix the cart', origin: 'prompt' }, { text: 'check again', origin: 'prompt', queued: true }],
    },
    {
      name: 'a queued_command attachment is a queued prompt, added once with its remove',
      build: (writer) => writer.prompt('fix the cart').queued('new tasks were added, tackle them', 'attachment').raw({ type: 'queue-operation', operation: 'remove', timestamp: '2026-03-02T10:01:00.000Z', sessionId: 's' }),
      expected: [{ text: 'fix the cart', origin: 'prompt' }, { text: 'new tasks were added, tackle them', origin: 'prompt', queued: true }],
    },
    {
      name: 'a queued prompt delivered as the next user line (enqueue, dequeue) is read once, from that line',
      build: (writer) => writer.prompt('fix the cart').queued('did you push?', 'next-turn'),
      expected: [{ text: 'fix the cart', origin: 'prompt' }, { text: 'did you push?', origin: 'prompt' }],
    },
    {
      name: 'the same text typed twice is two prompts (attachment and remove each time)',
      build: (writer) => writer.prompt('fix the cart').queued('continue', 'attachment').raw({ type: 'queue-operation', operation: 'remove', timestamp: '2026-03-02T10:01:00.000Z', sessionId: 's' }).queued('continue', 'attachment').raw({ type: 'queue-operation', operation: 'remove', timestamp: '2026-03-02T10:02:00.000Z', sessionId: 's' }),
      expected: [{ text: 'fix the cart' }, { text: 'continue', queued: true }, { text: 'continue', queued: true }],
    },
    {
      name: 'the same text typed twice in an older version (remove only) is two prompts',
      build: (writer) => writer.prompt('fix the cart').queued('continue', 'mid-turn').queued('continue', 'mid-turn'),
      expected: [{ text: 'fix the cart' }, { text: 'continue', queued: true }, { text: 'continue', queued: true }],
    },
    {
      name: 'a queued task notification is harness text, not a prompt',
      build: (writer) => writer.prompt('run the build').queued('<task-notification>\n<task-id>b1</task-id>\n<status>completed</status>\n</task-notification>', 'mid-turn'),
      expected: [{ text: 'run the build', origin: 'prompt' }, { origin: 'injected', context: { kind: 'harness' } }],
    },
    {
      name: 'a nested_memory attachment is rule-file context with its path',
      build: (writer) => writer.ruleFile('/home/dev/project/api/CLAUDE.md', 'Do not ignore credo lintings. Fix them.').prompt('add the endpoint'),
      expected: [{ origin: 'injected', context: { kind: 'rule-file', source: '/home/dev/project/api/CLAUDE.md' }, text: 'Contents of /home/dev/project/api/CLAUDE.md:\n\nDo not ignore credo lintings. Fix them.' }, { origin: 'prompt' }],
    },
    {
      name: 'an instructions attachment gives one rule-file step per file',
      build: (writer) => writer.raw({ type: 'attachment', uuid: 'i-1', sessionId: 's', timestamp: '2026-03-02T10:00:01.000Z', attachment: { type: 'instructions', files: [{ path: '/home/dev/CLAUDE.md', content: 'Always commit and push.' }, { path: '/home/dev/project/CLAUDE.md', content: 'Use pnpm.' }] } }),
      expected: [{ context: { kind: 'rule-file', source: '/home/dev/CLAUDE.md' } }, { context: { kind: 'rule-file', source: '/home/dev/project/CLAUDE.md' } }],
    },
    {
      name: 'the compaction summary is compaction-summary context',
      build: (writer) => writer.prompt('go on').compaction('This session is being continued from a previous conversation that ran out of context. Summary: all 397 tests passed.'),
      expected: [{ origin: 'prompt' }, { origin: 'injected', context: { kind: 'compaction-summary' } }],
    },
    {
      name: 'a <user-prompt-submit-hook> text is hook context',
      build: (writer) => writer.meta('<user-prompt-submit-hook>Workflow: commit and push at the end of every task.</user-prompt-submit-hook>'),
      expected: [{ origin: 'injected', context: { kind: 'hook-context', source: 'UserPromptSubmit' } }],
    },
    {
      name: 'a system reminder carrying CLAUDE.md is rule-file context',
      build: (writer) => writer.meta('<system-reminder>\nAs you answer the user\'s questions, you can use the following context:\n# claudeMd\nContents of /home/dev/project/CLAUDE.md (project instructions, checked into the codebase):\n\nNever push to main.\n</system-reminder>'),
      expected: [{ origin: 'injected', context: { kind: 'rule-file', source: '/home/dev/project/CLAUDE.md' } }],
    },
    {
      name: 'other injected text is harness context',
      build: (writer) => writer.meta('Caveat: The messages below were generated by the user while running local commands.'),
      expected: [{ origin: 'injected', context: { kind: 'harness' } }],
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const writer = claudeSession();
      testCase.build(writer);
      const steps = await userSteps(writer);
      expect(steps).toHaveLength(testCase.expected.length);
      testCase.expected.forEach((expected, position) => expect(steps[position]).toMatchObject(expected));
    });
  }

  it('a sub-agent prompt carries no context kind (it is the parent agent speaking)', async () => {
    const writer = claudeSession().prompt('refactor').task('check', 'Run the tests and report', 'All tests passed', (subagent) => subagent.bash('npm test', 'ok').say('All 397 tests passed.'));
    const steps = await userSteps(writer);
    const sidechain = steps.find((step) => step.sidechain !== undefined);
    expect(sidechain).toMatchObject({ origin: 'injected' });
    expect(sidechain?.context).toBeUndefined();
  });
});
