import { describe, it } from 'vitest';
import { DetectorTester } from '../testing/detector-tester.js';
import { trajectory } from '../testing/trajectory-builder.js';
import detector from './premature-termination.js';

/** Words that none of the statement patterns reads, to make a message longer than the part a closing is judged by. */
const FILLER = 'The parser keeps the offset of every token in the input. '.repeat(40);

const todos = (statuses: string[]) => ({
  todos: statuses.map((status, position) => ({ content: `Step ${position + 1}`, status, activeForm: `Doing step ${position + 1}` })),
});

new DetectorTester({ describe, it }).run(detector, {
  valid: [
    {
      name: 'a hand-off only the developer can do (sudo)',
      trajectory: trajectory().user('install the service').run('systemctl enable wink', 'Failed to enable unit: Access denied', { exitCode: 1 }).assistant('I can\'t do this without root. Please run `sudo systemctl enable wink` and then I\'ll continue.').build(),
    },
    {
      name: 'a hand-off asking for a secret',
      trajectory: trajectory().user('connect to the API').run('npm run check-api', 'Error: API_KEY is not set', { exitCode: 1 }).assistant('The client is wired up. You\'ll need to paste your API key into .env as API_KEY=…, then run it again.').build(),
    },
    {
      name: 'a hand-off asking for a path (the real Codex session)',
      trajectory: trajectory({ agent: 'codex' }).user('/butler-exec').run("rg --files -g '*.butler.yaml'", 'Exit code: 1\nOutput: /bin/ps: Operation not permitted', { exitCode: 1 }).assistant('I don’t see any `*.butler.yaml` specs in the repo. Please provide the exact ButlerSpec path you want executed.').build(),
    },
    {
      name: 'a closing that says what the failed read looked for is not there (SpecStory CLI fixture)',
      trajectory: trajectory().user('list the files in src and fix the typo in README.md').run('ls src', 'main.ts\nutil.ts').tool('Read', { file_path: 'README.md' }, 'File does not exist.', { error: true }).assistant('There is no README.md in this folder, so there is no typo to fix; `src` holds `main.ts` and `util.ts`.').build(),
    },
    {
      name: 'a long closing that says at its start what failed',
      trajectory: trajectory().user('build it').run('npm run build', 'error TS2304: Cannot find name', { exitCode: 2 }).assistant(`The build failed on a missing name. ${FILLER}`).build(),
    },
    {
      name: 'a long closing that hands over at its end',
      trajectory: trajectory().user('build it').run('npm run build', 'error TS2304: Cannot find name', { exitCode: 2 }).assistant(`${FILLER}\nPlease provide the path of the generated types.`).build(),
    },
    {
      name: 'a long closing that names the work left',
      trajectory: trajectory().user('plan').tool('TodoWrite', todos(['completed', 'pending']), 'ok').assistant(`${FILLER}\nRemaining: step 2.${' The tokens keep their offsets.'.repeat(15)}`).build(),
    },
    {
      name: 'a plan awaiting approval',
      trajectory: trajectory().user('plan the migration').tool('TodoWrite', todos(['pending', 'pending']), 'ok').assistant('Here is the plan. Approve the plan and I will start with step 1.').build(),
    },
    {
      name: 'a run the harness cut off at its iteration limit',
      trajectory: trajectory({ exitStatus: 'max-iterations' }).user('fix the parser').run('make test', 'FAIL', { exitCode: 2 }).build(),
    },
    {
      name: 'a turn ended by the provider\'s usage limit',
      trajectory: trajectory().user('refactor').tool('TodoWrite', todos(['in_progress', 'pending']), 'ok').event('error', "Claude AI usage limit reached|1760000000. You've hit your limit · resets 3pm").build(),
    },
    {
      name: 'the exception the task asks to raise',
      trajectory: trajectory().user('Make create_user raise ValidationException when the name is empty').edit('app/users.py', 'a', 'b').run('python -c "from app.users import create_user; create_user(\'\')"', 'Traceback (most recent call last):\napp.errors.ValidationException: name is empty', { exitCode: 1 }).assistant('create_user now rejects an empty name.').build(),
    },
    {
      name: 'a red-phase test run the task asked for (TDD)',
      trajectory: trajectory().user('TDD: write a failing test for the rounding bug first, do not fix it yet').write('test/round.test.ts', "it('rounds', () => expect(round(2.675)).toBe(2.68))").run('npx vitest run test/round.test.ts', 'FAIL test/round.test.ts > rounds\nAssertionError: expected 2.67 to be 2.68', { exitCode: 1 }).assistant('The new test fails as expected (red phase): round(2.675) gives 2.67. Ready for the fix when you are.').build(),
    },
    {
      name: 'a prompt queued mid-turn does not end the turn',
      trajectory: trajectory().user('migrate the services').tool('TodoWrite', todos(['in_progress', 'pending']), 'ok').assistant('Working on step 1.').queued('also keep the old config around').tool('TodoWrite', todos(['completed', 'completed']), 'ok').assistant('Both steps are done; the old config is kept.').build(),
    },
    {
      name: 'open todos the closing names as remaining',
      trajectory: trajectory().user('migrate the services').tool('TodoWrite', todos(['completed', 'pending', 'pending']), 'ok').assistant('Step 1 is done and tested. Remaining: steps 2 and 3 need the new credentials, which I do not have.').build(),
    },
    {
      name: 'every todo completed before stopping',
      trajectory: trajectory()
        .user('add a slug helper with tests')
        .tool('TodoWrite', todos(['in_progress', 'pending']), 'Todos have been modified successfully.')
        .write('src/slug.ts', 'export const slug = () => {}')
        .tool('TodoWrite', todos(['completed', 'completed']), 'Todos have been modified successfully.')
        .assistant('Added the helper and its tests.')
        .build(),
    },
    {
      name: 'a Codex plan with every step completed, then task_complete',
      trajectory: trajectory({ agent: 'codex' })
        .user('fix the bug')
        .tool('update_plan', { plan: [{ step: 'Reproduce', status: 'completed' }, { step: 'Fix', status: 'completed' }] }, 'Plan updated')
        .assistant('Fixed.')
        .event('task-complete')
        .build(),
    },
    {
      name: 'open todos but the agent asks the developer before going on',
      trajectory: trajectory()
        .user('migrate the database')
        .tool('TodoWrite', todos(['completed', 'pending']), 'ok')
        .assistant('The schema is ready. Should I run the migration against production now?')
        .build(),
    },
    {
      name: 'an announcement followed by the action',
      trajectory: trajectory().user('fix').assistant('Now let me run the tests:').run('npm test', 'ok').assistant('All 12 tests pass.').build(),
    },
    {
      name: 'a closing "let me know" is a handover, not an announcement',
      trajectory: trajectory().user('fix').edit('a.ts', 'x', 'y').assistant('Done. Let me know if you want me to add tests as well.').build(),
    },
    {
      name: 'a failure the agent then fixed',
      trajectory: trajectory().user('fix').run('npm test', 'FAIL', { exitCode: 1 }).edit('a.ts', 'x', 'y').run('npm test', 'ok').assistant('Fixed; the tests pass.').build(),
    },
    {
      name: 'a failure the agent reports honestly',
      trajectory: trajectory().user('deploy').run('npm run deploy', 'Error: ECONNREFUSED', { exitCode: 1 }).assistant('The deploy failed: the server refused the connection. Is the VPN up?').build(),
    },
    {
      name: 'the developer interrupted the turn',
      trajectory: trajectory()
        .user('refactor')
        .tool('TodoWrite', todos(['in_progress', 'pending']), 'ok')
        .assistant('Now let me update the callers:')
        .interrupt()
        .user('actually, stop here')
        .build(),
    },
    {
      name: 'grep with no match as the last call',
      trajectory: trajectory().user('any TODOs left?').run('grep -rn TODO src', '', { exitCode: 1 }).assistant('No TODOs are left in src.').build(),
    },
  ],
  invalid: [
    {
      name: 'the error the bug report describes is still a failure to fix',
      trajectory: trajectory().user('Saving raises TypeError when the list is empty. Fix it.').edit('app/save.py', 'a', 'b').run('python -m app.save', 'Traceback (most recent call last):\nTypeError: object of type NoneType has no len()', { exitCode: 1 }).assistant('Done, all fixed.').build(),
      findings: [{ messageId: 'unresolved-error', data: { tool: 'Bash' } }],
    },
    {
      name: 'stops with Claude Code todos still pending',
      trajectory: trajectory()
        .user('add a slug helper with tests and docs')
        .tool('TodoWrite', todos(['in_progress', 'pending', 'pending']), 'ok')
        .write('src/slug.ts', 'export const slug = () => {}')
        .tool('TodoWrite', todos(['completed', 'in_progress', 'pending']), 'ok')
        .assistant('I added the slug helper.')
        .user('what about the tests?')
        .build(),
      findings: [{ messageId: 'incomplete-plan', steps: [5, 7], data: { open: 2, total: 3, items: 'Step 2; Step 3' } }],
    },
    {
      name: 'Gemini CLI write_todos left open at the end of the session',
      trajectory: trajectory({ agent: 'gemini-cli' })
        .user('update the docs')
        .tool('write_todos', { todos: [{ description: 'Update README', status: 'completed' }, { description: 'Update CHANGELOG', status: 'pending' }] }, 'ok')
        .assistant('README updated.')
        .build(),
      findings: [{ messageId: 'incomplete-plan', steps: [1, 3], data: { open: 1, items: 'Update CHANGELOG' } }],
    },
    {
      name: 'Codex plan open at task_complete',
      trajectory: trajectory({ agent: 'codex' })
        .user('fix and test')
        .tool('update_plan', { plan: [{ step: 'Fix', status: 'completed' }, { step: 'Add test', status: 'in_progress' }] }, 'Plan updated')
        .event('task-complete')
        .build(),
      findings: [{ messageId: 'incomplete-plan', steps: [1], data: { open: 1, total: 2, items: 'Add test' } }],
    },
    {
      name: 'announces running the tests and stops',
      trajectory: trajectory().user('fix the slug').edit('src/slug.ts', 'a', 'b').assistant('I fixed the slug.\n\nNow let me run the tests to verify:').build(),
      findings: [{ messageId: 'announced-step-not-taken', steps: [3], data: { announcement: 'Now let me run the tests to verify:' } }],
    },
    {
      name: 'announces running the tests at the end of a long message and stops',
      trajectory: trajectory().user('fix the slug').edit('src/slug.ts', 'a', 'b').assistant(`I fixed the slug. ${FILLER}\n\nNow let me run the tests to verify:`).build(),
      findings: [{ messageId: 'announced-step-not-taken', steps: [3], data: { announcement: 'Now let me run the tests to verify:' } }],
    },
    {
      name: 'announces the next edit and the developer has to prompt again',
      trajectory: trajectory().user('rename the helper').edit('src/a.ts', 'oldName', 'newName').assistant("Next, I'll update the callers in src/b.ts.").user('go on').build(),
      findings: [{ messageId: 'announced-step-not-taken', step: 3 }],
    },
    {
      name: 'stops right after a failed edit',
      trajectory: trajectory()
        .user('fix')
        .edit('src/a.ts', 'x', 'y', { error: true, output: '<tool_use_error>String to replace not found in file.</tool_use_error>' })
        .assistant('The fix is in place.')
        .build(),
      findings: [{ messageId: 'unresolved-error', steps: [1, 2, 3], data: { tool: 'Edit', kind: 'failed-edit', cause: 'agent' } }],
    },
    {
      name: 'stops silently after failing tests',
      trajectory: trajectory().user('fix').run('npm test', 'FAIL', { exitCode: 1 }).build(),
      findings: [{ messageId: 'unresolved-error', steps: [1, 2], data: { tool: 'Bash', kind: 'unclassified', cause: 'agent' } }],
    },
  ],
});
