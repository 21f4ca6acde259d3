import { describe, it } from 'vitest';
import { DetectorTester } from '../testing/detector-tester.js';
import { trajectory } from '../testing/trajectory-builder.js';
import detector from './out-of-scope-change.js';

/** The opt-in judgement of changes no instruction mentions. */
const UNMENTIONED = { reportUnmentioned: true };

/** pip's output when an install replaces a package that was there. */
const TORCH_REPLACED = [
  'Collecting transformers==4.46.0',
  'Collecting torch>=2.0',
  '  Downloading torch-2.5.1-cp311-cp311-manylinux1_x86_64.whl (906.4 MB)',
  'Installing collected packages: torch, transformers',
  '  Attempting uninstall: torch',
  '    Found existing installation: torch 2.1.0+cu118',
  '    Uninstalling torch-2.1.0+cu118:',
  '      Successfully uninstalled torch-2.1.0+cu118',
  'Successfully installed torch-2.5.1 transformers-4.46.0',
].join('\n');

new DetectorTester({ describe, it }).run(detector, {
  valid: [
    // Real sessions: silence in the first prompt is not a prohibition.
    { name: 'a test change the first prompt did not mention', trajectory: trajectory().user('Fix the slug bug in src/slug.ts').edit('src/slug.ts', 'a', 'b').edit('tests/slug.test.ts', 'a', 'b').build() },
    { name: 'a commit and push the first prompt did not mention', trajectory: trajectory().user('Fix the slug bug').edit('src/slug.ts', 'a', 'b').run('git commit -am fix').run('git push').build() },
    { name: 'an install the first prompt did not mention', trajectory: trajectory().user('Fix the date parsing').run('npm install date-fns', 'added 1 package').build() },
    { name: 'deleting an existing file the prompt did not mention', trajectory: trajectory().user('Tidy the slug module').run('rm src/legacy.ts').build() },
    { name: 'a push the user forbade is left to constraint-violation', trajectory: trajectory().user('Fix the rounding. Do not push.').run('git push origin fix').build(), options: UNMENTIONED },
    { name: 'a scratch script created and deleted', trajectory: trajectory().user('Fix the parser').write('reproduce_issue.py', 'x').run('python reproduce_issue.py').run('rm reproduce_issue.py').build(), options: UNMENTIONED },
    { name: 'temporary files the agent created, then removed', trajectory: trajectory().user('Fix the parser').write('debug_parser.py', 'x').write('check_output.txt', 'y').run('rm debug_parser.py check_output.txt').build(), options: UNMENTIONED },
    { name: 'a scratch file the task names', trajectory: trajectory().user('Write reproduce.py that shows the bug and keep it').write('reproduce.py', 'x').build() },
    // Opt-in judgement uses every instruction, not the first prompt.
    { name: 'test edits when a test was asked for', trajectory: trajectory().user('Fix the slug bug and add a test for it').edit('src/slug.ts', 'a', 'b').edit('tests/slug.test.ts', 'a', 'b').build(), options: UNMENTIONED },
    { name: 'commit when asked to', trajectory: trajectory().user('Fix it and commit the changes').edit('src/a.ts', 'a', 'b').run('git commit -am fix').build(), options: UNMENTIONED },
    {
      name: 'commit and push required by the SessionStart hook context',
      trajectory: trajectory().hookContext('SessionStart', 'Workflow: at the end of every task, run the tests, commit and git push.').user('Fix the slug bug').edit('src/a.ts', 'a', 'b').run('git commit -am fix').run('git push').build(),
      options: UNMENTIONED,
    },
    {
      name: 'test files the fetched task names',
      trajectory: trajectory().user('work on wink-12').run('bd show wink-12', 'wink-12: Session resume\nAdd cases to test/session_live_test.exs and fix lib/session.ex').edit('lib/session.ex', 'a', 'b').edit('test/session_live_test.exs', 'a', 'b').build(),
      options: UNMENTIONED,
    },
    { name: 'an install the fetched task asks for', trajectory: trajectory().user('do the next ticket').run('gh issue view 42', 'Add validation with zod: npm install zod, then use it in src/api.ts').run('npm install zod').build(), options: UNMENTIONED },
    { name: 'a commit asked for in Korean', trajectory: trajectory().user('버그 고치고 커밋하고 푸시해줘').edit('src/a.ts', 'a', 'b').run('git commit -am fix').run('git push').build(), options: UNMENTIONED },
    { name: 'a push the developer approved', trajectory: trajectory().user('Fix the slug bug').edit('src/a.ts', 'a', 'b').assistant('Fixed. Should I commit and push these changes?').user('yes').run('git commit -am fix').run('git push').build(), options: UNMENTIONED },
    { name: 'installing the project requirements', trajectory: trajectory().user('Fix it').run('pip install -r requirements.txt').build(), options: UNMENTIONED },
    { name: 'a summary document someone asked for', trajectory: trajectory().user('Write a summary of the changes').write('SUMMARY.md', 'x').build(), options: UNMENTIONED },
    // Damage checks: what was named is not damage.
    { name: 'committing .env.example', trajectory: trajectory().user('add the config template').run('git add .env.example && git commit -m template', '[main 1a2b3c4] template\n 1 file changed\n create mode 100644 .env.example').build() },
    { name: 'an install that replaces the package it names', trajectory: trajectory().user('upgrade torch').run('pip install -U torch', TORCH_REPLACED.replace('transformers==4.46.0', 'torch')).build() },
    { name: 'a replaced package the user asked to install', trajectory: trajectory().user('install transformers 4.46 and torch 2.5').run('pip install transformers==4.46.0', TORCH_REPLACED).build() },
  ],
  invalid: [
    {
      name: 'a scratch file left at the end',
      trajectory: trajectory().user('Fix the parser').write('debug_parser.py', 'x').build(),
      findings: [{ messageId: 'leftoverFile', data: { file: 'debug_parser.py' }, category: 'unrequested-changes', form: 'S4' }],
    },
    {
      name: 'a blind `git add .` that committed a credentials file',
      trajectory: trajectory().user('commit the work').run('git add . && git commit -m "wip"', '[main 9f8e7d6] wip\n 3 files changed, 40 insertions(+)\n create mode 100644 src/client.ts\n create mode 100644 .env\n').build(),
      findings: [{ messageId: 'secretCommitted', steps: [1, 2], data: { file: '.env' } }],
    },
    {
      name: 'a key file added by name, then committed',
      trajectory: trajectory().user('push the deploy setup').run('git add deploy/id_rsa deploy/run.sh').run('git commit -m deploy', '[main 1234567] deploy\n 2 files changed').build(),
      findings: [{ messageId: 'secretCommitted', data: { file: 'deploy/id_rsa' } }],
    },
    {
      name: 'an unasked install that replaced the CUDA build of torch',
      trajectory: trajectory().user('add a summarization endpoint').run('pip install transformers==4.46.0', TORCH_REPLACED).build(),
      findings: [{ messageId: 'dependencyReplaced', steps: [1, 2], data: { package: 'torch', version: '2.1.0+cu118' } }],
    },
    {
      name: 'opt-in: an unrequested test change',
      options: UNMENTIONED,
      trajectory: trajectory().user('Fix the slug bug in src/slug.ts').edit('src/slug.ts', 'a', 'b').edit('tests/slug.test.ts', 'a', 'b').build(),
      findings: [{ messageId: 'testChange', step: 3, data: { file: 'tests/slug.test.ts' } }],
    },
    {
      name: 'opt-in: a lock file and a CI workflow changed',
      options: UNMENTIONED,
      trajectory: trajectory().user('Fix the slug bug in src/slug.ts').edit('package-lock.json', 'a', 'b').edit('.github/workflows/ci.yml', 'a', 'b').build(),
      findings: [
        { messageId: 'configChange', data: { file: 'package-lock.json', fileClass: 'lock' } },
        { messageId: 'configChange', data: { file: '.github/workflows/ci.yml', fileClass: 'ci' } },
      ],
    },
    {
      name: 'opt-in: a new summary document nobody asked for',
      options: UNMENTIONED,
      trajectory: trajectory().user('Fix the slug bug in src/slug.ts').write('CHANGES_SUMMARY.md', '# Changes').build(),
      findings: [{ messageId: 'summaryDocument', data: { file: 'CHANGES_SUMMARY.md' } }],
    },
    {
      name: 'opt-in: deleting an existing file',
      options: UNMENTIONED,
      trajectory: trajectory().user('Fix the slug bug in src/slug.ts').run('rm src/legacy.ts').build(),
      findings: [{ messageId: 'deletedFile', data: { file: 'src/legacy.ts' } }],
    },
    {
      name: 'opt-in: git operations, each repetition the same episode',
      options: UNMENTIONED,
      trajectory: trajectory().user('Fix the slug bug').run('git commit -am a').run('git commit -am b').run('git reset --hard HEAD~1').build(),
      findings: [
        { messageId: 'gitOperation', data: { operation: 'git-commit', occurrence: 1 } },
        { messageId: 'gitOperation', data: { operation: 'git-commit', occurrence: 2 } },
        { messageId: 'gitOperation', data: { operation: 'git-reset-hard', occurrence: 1 } },
      ],
    },
    {
      name: 'opt-in: a dependency install',
      options: UNMENTIONED,
      trajectory: trajectory().user('Fix the date parsing').run('npm install moment').build(),
      findings: [{ messageId: 'dependencyInstall', data: { command: 'npm install moment' } }],
    },
    {
      name: 'opt-in: a submitted diff with a test file and a leftover script',
      options: UNMENTIONED,
      trajectory: trajectory({
        submission: 'diff --git a/pkg/core.py b/pkg/core.py\n--- a/pkg/core.py\n+++ b/pkg/core.py\ndiff --git a/pkg/tests/test_core.py b/pkg/tests/test_core.py\n--- a/pkg/tests/test_core.py\n+++ b/pkg/tests/test_core.py\ndiff --git a/reproduce.py b/reproduce.py\nnew file mode 100644\n',
      })
        .user('Fix the overflow in pkg/core.py')
        .run("sed -i 's/a/b/' pkg/core.py pkg/tests/test_core.py")
        .build(),
      findings: [
        { messageId: 'testChange', data: { file: 'pkg/tests/test_core.py' } },
        { messageId: 'leftoverFile', data: { file: 'reproduce.py' } },
      ],
    },
  ],
});
