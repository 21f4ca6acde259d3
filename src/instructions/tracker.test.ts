import { describe, expect, it } from 'vitest';
import { trajectory, type TrajectoryBuilder } from '../testing/trajectory-builder.js';
import type { ToolCallStep } from '../trajectory/step.js';
import { InstructionsTracker } from './tracker.js';
import { initialInstructionsState } from './types.js';

/** The tracker after every step of a built trajectory. */
function trackerAfter(builder: TrajectoryBuilder): InstructionsTracker {
  const built = builder.build();
  const tracker = new InstructionsTracker(initialInstructionsState(), '/home/dev/shop');
  for (const step of built.steps) {
    const call = step.kind === 'tool-result' ? (built.steps.find((candidate) => candidate.id === step.callStepId) as ToolCallStep | undefined) : undefined;
    tracker.observe(step, call);
  }
  return tracker;
}

interface SourceCase {
  name: string;
  build: () => TrajectoryBuilder;
  /** Constraints in force at the end: kind, subject and where it came from. */
  constraints?: Array<{ kind: string; subject?: string; source: string; label: string }>;
  /** Subjects requested at the end, with the source of the latest request. */
  requested?: Array<{ subject: string; source: string; label?: string }>;
  /** Subjects not requested at the end. */
  notRequested?: string[];
  /** Files some instruction names. */
  mentions?: string[];
}

describe('instructions in force: every source', () => {
  const cases: SourceCase[] = [
    {
      name: 'a prompt forbids and asks',
      build: () => trajectory().user("Fix the rounding in src/money.ts and add a regression test. Don't push."),
      constraints: [{ kind: 'forbidden-command', subject: 'git-push', source: 'prompt', label: 'the user' }],
      requested: [{ subject: 'tests', source: 'prompt' }],
      mentions: ['src/money.ts'],
    },
    {
      name: 'a request followed by a pasted list of a thousand files keeps the file it names first',
      build: () => trajectory().user(`Fix the crash in src/money.ts. The files git lists as changed:\n${Array.from({ length: 1000 }, (_, index) => `lib/generated/part${index}.ts`).join('\n')}`),
      mentions: ['src/money.ts', 'lib/generated/part0.ts', 'lib/generated/part298.ts'],
    },
    {
      name: 'a file named again before a pasted list of hundreds stays named',
      build: () =>
        trajectory()
          .user('Fix the crash in src/money.ts.')
          .user(`Still broken: fix src/money.ts. The files git lists as changed:\n${Array.from({ length: 400 }, (_, index) => `lib/generated/part${index}.ts`).join('\n')}`),
      mentions: ['src/money.ts', 'lib/generated/part0.ts'],
    },
    {
      name: 'a queued prompt counts like any prompt',
      build: () => trajectory().user('fix the cart').run('npm test', 'ok').user('also commit when done', 'prompt'),
      requested: [{ subject: 'git-commit', source: 'prompt' }],
    },
    {
      name: 'CLAUDE.md loaded by the harness',
      build: () => trajectory().injected('Contents of /home/dev/shop/CLAUDE.md:\n\n- Do not ignore credo lintings. Fix them.\n- Never push to main.\n- Commit and push at the end of every task.', { kind: 'rule-file', source: '/home/dev/shop/CLAUDE.md' }).user('fix the cart'),
      constraints: [
        { kind: 'no-silencing', subject: 'lint', source: 'rule-file', label: 'CLAUDE.md' },
        { kind: 'forbidden-command', subject: 'git-push-branch:main', source: 'rule-file', label: 'CLAUDE.md' },
      ],
      requested: [
        { subject: 'git-commit', source: 'rule-file', label: 'CLAUDE.md' },
        { subject: 'git-push', source: 'rule-file', label: 'CLAUDE.md' },
      ],
    },
    {
      name: 'a rule file the agent read with a tool',
      build: () => trajectory().user('fix the cart').read('/home/dev/shop/api/AGENTS.md', '## Rules\n- Never edit migrations/ by hand.'),
      constraints: [{ kind: 'forbidden-edit', source: 'rule-file', label: 'api/AGENTS.md' }],
    },
    {
      name: 'SessionStart hook context',
      build: () => trajectory().hookContext('SessionStart', '# Workflow\nWhen a task is done: run `mix test`, then git commit and git push.').user('fix the cart'),
      requested: [
        { subject: 'git-commit', source: 'hook-context', label: 'the SessionStart hook' },
        { subject: 'git-push', source: 'hook-context', label: 'the SessionStart hook' },
      ],
    },
    {
      name: 'the same hook context at every prompt is read once',
      build: () => trajectory().hookContext('UserPromptSubmit', 'Never use npm; use pnpm.').user('a').hookContext('UserPromptSubmit', 'Never use npm; use pnpm.').user('b'),
      constraints: [{ kind: 'forbidden-command', subject: 'program:npm', source: 'hook-context', label: 'the UserPromptSubmit hook' }],
    },
    {
      name: 'PostToolUse hook output (reminders, wink among them) is not an instruction',
      build: () => trajectory().user('fix it').event('hook', 'Do not push.', { attachment: 'hook_additional_context', hookEvent: 'PostToolUse', hookName: 'PostToolUse:Bash' }),
      constraints: [],
    },
    {
      name: "wink's own guidance is never read back as an instruction",
      build: () => trajectory().user('fix it').injected('<system-reminder>\nwink (course correction):\n`git push` was run, but the user said: "Do not push".\nDON\'T: Do not run `git push`.\n</system-reminder>', { kind: 'hook-context', source: 'UserPromptSubmit' }),
      constraints: [],
    },
    {
      name: 'a compaction summary restates what the developer asked',
      build: () => trajectory().user('go').injected('This session is being continued from a previous conversation. Summary:\n1. The user asked to add rate limiting and to commit each step.\n2. The user said: do not touch the migrations folder migrations/.', { kind: 'compaction-summary' }),
      constraints: [{ kind: 'forbidden-edit', source: 'compaction-summary', label: 'the conversation summary' }],
      requested: [{ subject: 'git-commit', source: 'compaction-summary' }],
    },
    {
      name: 'task text fetched with bd show names test files and an install',
      build: () => trajectory().user('work on shop-12').run('bd show shop-12', 'shop-12 · Cart totals\nInstall decimal.js and use it in src/cart.ts.\nAdd cases to test/cart.test.ts.'),
      requested: [
        { subject: 'dependency-install', source: 'task-text', label: '`bd show shop-12`' },
        { subject: 'package:decimal.js', source: 'task-text' },
        { subject: 'tests', source: 'task-text' },
      ],
      mentions: ['test/cart.test.ts', 'src/cart.ts'],
    },
    {
      name: 'task text from gh issue view, after cd',
      build: () => trajectory().user('next issue').run('cd /home/dev/shop && gh issue view 42 --comments', 'Title: Broken sign-in\nPlease do not change the public API in src/api/.'),
      constraints: [{ kind: 'forbidden-edit', source: 'task-text', label: '`gh issue view 42 --comments`' }],
    },
    {
      name: 'a task file read with a tool',
      build: () => trajectory().user('do what TODO.md says').read('/home/dev/shop/TODO.md', '- [ ] Remove the legacy exporter in src/legacy/export.ts'),
      requested: [{ subject: 'deletion', source: 'task-text', label: 'TODO.md' }],
    },
    {
      name: 'an MCP tracker fetch',
      build: () => trajectory().user('take SHOP-7').tool('mcp__linear__get_issue', { id: 'SHOP-7' }, 'SHOP-7: install zod and validate the checkout payload'),
      requested: [{ subject: 'package:zod', source: 'task-text' }],
    },
    {
      name: 'a failed fetch carries no task',
      build: () => trajectory().user('next').run('gh issue view 9', 'GraphQL: Could not resolve to an issue', { exitCode: 1 }),
      notRequested: ['deletion', 'git-commit'],
    },
    {
      name: 'a request in Korean',
      build: () => trajectory().user('수정하고 커밋한 다음 푸시해줘'),
      requested: [{ subject: 'git-commit', source: 'prompt' }, { subject: 'git-push', source: 'prompt' }],
    },
    {
      name: 'a request in Japanese and in Portuguese',
      build: () => trajectory().user('テストを追加してコミットしてください').user('pode instalar o pacote axios'),
      requested: [{ subject: 'git-commit', source: 'prompt' }, { subject: 'tests', source: 'prompt' }, { subject: 'dependency-install', source: 'prompt' }],
    },
    {
      name: 'a declined request is no request',
      build: () => trajectory().user("fix it but don't commit yet"),
      notRequested: ['git-commit'],
      constraints: [{ kind: 'forbidden-command', subject: 'git-commit', source: 'prompt', label: 'the user' }],
    },
    {
      name: 'a "yes" approves what the agent proposed',
      build: () => trajectory().user('fix the slug bug').assistant('Fixed and tested. Would you like me to commit and push these changes?').user('yes please'),
      requested: [{ subject: 'git-commit', source: 'approval' }, { subject: 'git-push', source: 'approval' }],
    },
    {
      name: 'a "yes" to a question that proposed nothing approves nothing',
      build: () => trajectory().user('fix the slug bug').assistant('Do you want the slug lowercased?').user('yes'),
      notRequested: ['git-commit', 'git-push'],
    },
    {
      name: 'a sub-agent prompt (the parent speaking) is not an instruction',
      build: () => trajectory().user('refactor').user('Never run the tests.', 'injected'),
      constraints: [],
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      const tracker = trackerAfter(testCase.build());
      if (testCase.constraints) {
        expect(tracker.constraints.map((constraint) => ({ kind: constraint.kind, ...(testCase.constraints?.some((expected) => expected.subject !== undefined) ? { subject: constraint.subject } : {}), source: constraint.source, label: constraint.label }))).toEqual(
          testCase.constraints.map((expected) => ({ kind: expected.kind, ...(expected.subject !== undefined ? { subject: expected.subject } : {}), source: expected.source, label: expected.label })),
        );
      }
      for (const expected of testCase.requested ?? []) expect(tracker.requestFor(expected.subject), expected.subject).toMatchObject({ source: expected.source, ...(expected.label ? { label: expected.label } : {}) });
      for (const subject of testCase.notRequested ?? []) expect(tracker.isRequested(subject), subject).toBe(false);
      for (const file of testCase.mentions ?? []) expect(tracker.mentions(file), file).toBe(true);
    });
  }
});

describe('instructions in force: edits a later order allows', () => {
  const cases: Array<{ name: string; build: () => TrajectoryBuilder; forbiddenTargets: string[][] }> = [
    { name: '"now update the tests" lifts "don\'t modify the tests"', build: () => trajectory().user("Fix it. Don't modify the tests.").user('Now update the tests to match the new rounding.'), forbiddenTargets: [] },
    { name: 'a "yes" to "Shall I update the tests?" lifts it', build: () => trajectory().user("Fix it. Don't modify the tests.").assistant('The fix changes the rounding. Shall I update the tests?').user('yes'), forbiddenTargets: [] },
    { name: 'a question that names the tests does not lift it', build: () => trajectory().user("Fix it. Don't modify the tests.").user('why do the tests fail?'), forbiddenTargets: [['class:test']] },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      const tracker = trackerAfter(testCase.build());
      expect(tracker.constraints.filter((constraint) => constraint.kind === 'forbidden-edit').map((constraint) => constraint.targets)).toEqual(testCase.forbiddenTargets);
    });
  }

  it('an order that names a file lifts a class-wide rule for that file only; a mention does not', () => {
    const ordered = trackerAfter(trajectory().user("Don't modify the tests.").run('bd show shop-41', 'Add cases to test/cart.test.ts for the discount.'));
    expect(ordered.ordersChangeTo('test/cart.test.ts', 0, 'prompt')).toBe(false);
    expect(ordered.ordersChangeTo('test/cart.test.ts', 0, 'task-text')).toBe(true);
    expect(ordered.ordersChangeTo('test/other.test.ts', 0, 'task-text')).toBe(false);
    const mentioned = trackerAfter(trajectory().user("Don't modify the tests.").user('test/cart.test.ts fails, find out why'));
    expect(mentioned.ordersChangeTo('test/cart.test.ts', 0, 'prompt')).toBe(false);
    const told = trackerAfter(trajectory().user("Don't modify the tests.").user('Add a case to test/cart.test.ts for 3 × 0.1.'));
    expect(told.ordersChangeTo('test/cart.test.ts', 0, 'prompt')).toBe(true);
  });
});

describe('instructions in force: the error a task asks for', () => {
  it.each([
    ['an order to raise it', 'Make create_user raise ValidationException for an empty name', 'app.errors.ValidationException: name', true],
    ['a requirement', 'save() must throw a ValidationError when the title is missing', 'ValidationError: title is required', true],
    ['the bug being described', 'Saving raises TypeError when the list is empty. Fix it.', 'TypeError: object of type NoneType', false],
    ['an error that must go', 'save() should not raise KeyError any more', 'KeyError: id', false],
    ['an error a rule file names', '', 'ValidationException', false],
  ])('%s', (_name, prompt, output, expected) => {
    const builder = prompt.length > 0 ? trajectory().user(prompt) : trajectory().injected('Contents of CLAUDE.md:\n\nEndpoints must raise ValidationException on bad input.', { kind: 'rule-file', source: 'CLAUDE.md' });
    expect(trackerAfter(builder).expectsError(output)).toBe(expected);
  });
});

describe('instructions in force: what lifts a prohibition', () => {
  const cases: Array<{ name: string; build: () => TrajectoryBuilder; forbidden: string[] }> = [
    { name: 'a later order lifts it', build: () => trajectory().user("Fix it. Don't push.").user('ok now commit and push'), forbidden: [] },
    { name: 'a later order in Korean lifts it', build: () => trajectory().user("Fix it. Don't push.").user('이제 푸시해줘'), forbidden: [] },
    { name: 'an approval lifts it', build: () => trajectory().user("Fix it. Don't push.").assistant('Done. Shall I push now?').user('go ahead'), forbidden: [] },
    { name: 'a mere mention does not lift it', build: () => trajectory().user("Fix it. Don't push.").user('what does the push notification handler do?'), forbidden: ['git-push'] },
    { name: 'a question about pushing does not lift it', build: () => trajectory().user("Fix it. Don't push.").user('did the tests pass before you pushed?'), forbidden: ['git-push'] },
    { name: 'a request in the same rule file does not lift its own prohibition', build: () => trajectory().injected('Contents of CLAUDE.md:\n\nNever push to main.\nPush your feature branch when done.', { kind: 'rule-file', source: 'CLAUDE.md' }), forbidden: ['git-push-branch:main'] },
    { name: 'a later prohibition stands after an earlier order', build: () => trajectory().injected('Contents of CLAUDE.md:\n\nCommit and push at the end of every task.', { kind: 'rule-file', source: 'CLAUDE.md' }).user("Fix it, but don't push this time."), forbidden: ['git-push'] },
    { name: '"don\'t commit secrets" forbids no commit', build: () => trajectory().injected('Contents of CLAUDE.md:\n\n- Never commit secrets or .env files.\n- Do not push generated files.', { kind: 'rule-file', source: 'CLAUDE.md' }), forbidden: [] },
    { name: '"don\'t install anything globally" forbids global installs only', build: () => trajectory().user("Set it up. Don't install anything globally."), forbidden: ['dependency-install-global'] },
    { name: '"never commit .env files" forbids no commit', build: () => trajectory().user('Never commit .env files. Never push .env files.'), forbidden: [] },
    { name: 'a program named at the end of a sentence ("Don\'t use npm.")', build: () => trajectory().user("Don't use npm. Never run docker."), forbidden: ['program:npm', 'program:docker'] },
    { name: 'the branch a rule names is kept ("never push to production")', build: () => trajectory().user('Never push to production. Do not commit directly to develop. Never push to the default branch.'), forbidden: ['git-push-branch:production', 'git-commit-branch:develop', 'git-push-branch:default'] },
    { name: 'a later order to force-push lifts "never force push"', build: () => trajectory().user('Fix it. Never force push.').user('ok, force-push it'), forbidden: [] },
    { name: 'a rule file loaded later does not lift what the developer forbade', build: () => trajectory().user("Fix it. Don't commit.").injected('Contents of CLAUDE.md:\n\nCommit after every task.', { kind: 'rule-file', source: 'CLAUDE.md' }), forbidden: ['git-commit'] },
    { name: 'a ticket fetched later does not lift what the developer forbade', build: () => trajectory().user("Work on shop-3. Don't push.").run('bd show shop-3', 'shop-3: push the fix to the release branch when done'), forbidden: ['git-push'] },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      const tracker = trackerAfter(testCase.build());
      expect(tracker.constraints.filter((constraint) => constraint.kind === 'forbidden-command').map((constraint) => constraint.subject)).toEqual(testCase.forbidden);
    });
  }
});
