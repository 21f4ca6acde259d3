import { describe, it } from 'vitest';
import { DetectorTester, type InvalidCase } from '../testing/detector-tester.js';
import { trajectory } from '../testing/trajectory-builder.js';
import detector from './developer-pushback.js';

/** A finished agent turn (edit, then a summary at step 3), then the developer's next prompt at step 4. */
const after = (prompt: string) => trajectory().user('add a slug helper').edit('src/slug.ts', 'a', 'b').assistant('Added the slug helper.').user(prompt).build();

/** Prompts that are ordinary follow-ups, not pushback. */
const FOLLOW_UPS = [
  'now add tests',
  'thanks, also add a README section',
  'can you explain why the regex works?',
  'great, commit it',
  'no problem, next: the login page',
  "what's the difference between slug and id here?",
  'Now rename it to toSlug and export it from index.ts',
  'add an undo button to the editor toolbar',
  "I don't know much about regexes, can you walk me through it?",
  'ok, continue with the next item',
  "why is it that when i change the template the numbers are clickable, but if i don't change it, i cannot click on them?",
  // Portuguese follow-ups from the SpecStory histories: handing over an error, saying there is no need, waiting.
  'segue erro',
  'SEgue erro',
  'segue, vc esta vendo algum erro?',
  'não precisa encurtar. Faça o necessario para o trabalho ficar excelente.',
  'nao tem problema, a pasta nao é publica',
  'Ainda não terminou, esta quase. Portanto o ideal agora é aguardar?',
  'agora faça commit and push',
  'Não sei se isso é o ideal, o que você acha?',
];

/** Prompts that push back, with the pattern name they should match. */
const CORRECTIONS: Array<[string, string]> = [
  ['no, I said use pnpm', 'i-said'],
  ["that's not what I asked for", 'not-what-i-asked'],
  ['revert that', 'revert'],
  ['undo your last change to the config', 'revert'],
  ['why did you delete the migration?', 'why-did-you'],
  ['stop', 'stop'],
  ["don't touch the tests", 'do-not'],
  ['please do not add new dependencies', 'do-not'],
  ["you didn't update the callers", 'you-did-not'],
  ['the build is still failing', 'still-broken'],
  ['still broken after your change', 'still-broken'],
  ["it doesn't work, the page is blank", 'does-not-work'],
  ["that's wrong, slugs must keep digits", 'wrong'],
  ['no. Use the existing helper.', 'no'],
  ['não era isso que eu pedi', 'not-what-i-asked'],
  ['eu disse para usar pnpm', 'i-said'],
  ['desfaça isso', 'revert'],
  ['reverta as alterações no config', 'revert'],
  ['por que você apagou a migração?', 'why-did-you'],
  ['pare de mexer nos testes', 'stop'],
  ['não mexa nos testes', 'do-not'],
  ['vc não atualizou os chamadores', 'you-did-not'],
  ['continua com o mesmo erro', 'still-broken'],
  ['ainda dando erro no build', 'still-broken'],
  ['não funcionou, a página está em branco', 'does-not-work'],
  ['isso está errado, o slug precisa manter os dígitos', 'wrong'],
  ['Não, use o helper que já existe.', 'no'],
];

const correctionCases: InvalidCase[] = CORRECTIONS.map(([prompt, pattern]) => ({
  name: `correction: ${prompt}`,
  trajectory: after(prompt),
  findings: [{ messageId: 'correction', steps: [3, 4], data: { pattern, action: 'assistant', kind: 'correction' } }],
}));

new DetectorTester({ describe, it }).run(detector, {
  valid: [
    ...FOLLOW_UPS.map((prompt) => ({ name: `follow-up: ${prompt}`, trajectory: after(prompt) })),
    { name: 'the first prompt reacts to nothing', trajectory: trajectory().user("don't use any new dependencies; add a slug helper").build() },
    { name: 'injected user-role text is not the developer', trajectory: trajectory().user('fix').edit('a.ts', 'x', 'y').user('<system-reminder>stop and check the todo list</system-reminder>', 'injected').build() },
    { name: 'an ordinary failed call is not pushback', trajectory: trajectory().user('fix').run('npm test', 'FAIL', { exitCode: 1 }).build() },
    { name: 'turned off', options: { corrections: false }, trajectory: after('revert that') },
  ],
  invalid: [
    ...correctionCases,
    {
      name: 'an interrupt after a tool call',
      trajectory: trajectory().user('refactor').assistant('Let me rewrite the module.').call('Write', { file_path: 'src/a.ts', content: '' }).result('ok').interrupt().build(),
      findings: [{ messageId: 'interrupted', steps: [2, 4], data: { action: 'Write', kind: 'interrupt' } }],
    },
    {
      name: 'a rejected tool use and its interrupt count once, then the correction',
      trajectory: trajectory()
        .user('clean up')
        .tool('Bash', { command: 'rm -rf build' }, "The user doesn't want to proceed with this tool use.", { error: true, rejected: true })
        .interrupt('[Request interrupted by user for tool use]')
        .user("don't delete build, it holds the fixtures")
        .build(),
      findings: [
        { messageId: 'rejected-tool-use', steps: [1, 2], data: { action: 'Bash', kind: 'rejected' } },
        { messageId: 'correction', steps: [1, 4], data: { pattern: 'do-not' } },
      ],
    },
    {
      name: 'an interrupted tool result',
      trajectory: trajectory().user('build').tool('Bash', { command: 'npm run build' }, 'Interrupted by user', { error: true, interrupted: true }).interrupt().build(),
      findings: [{ messageId: 'interrupted', steps: [1, 2], data: { action: 'Bash' } }],
    },
    {
      name: 'findings are signals in the did-not-follow-instructions category',
      trajectory: after('you forgot the tests'),
      findings: [{ messageId: 'correction', step: 4, category: 'did-not-follow-instructions', data: { pattern: 'you-did-not' } }],
    },
  ],
});
