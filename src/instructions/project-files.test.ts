import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importsOf, loadRuleFiles, MAXIMUM_IMPORT_DEPTH } from './project-files.js';

const base = mkdtempSync(join(tmpdir(), 'wink-rule-files-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function file(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

const home = join(base, 'home');
const repository = join(base, 'work', 'shop');
const app = join(repository, 'packages', 'app');
file(join(home, '.claude', 'CLAUDE.md'), '- Answer in English.');
file(join(home, '.codex', 'AGENTS.md'), '- Prefer rg over grep.');
file(join(repository, '.git', 'HEAD'), 'ref: refs/heads/main');
file(join(repository, 'CLAUDE.md'), '# shop\nSee @docs/workflow.md for the workflow.\n```\n@docs/not-an-import.md\n```\nEmail ops@example.com about outages.');
file(join(repository, 'docs', 'workflow.md'), 'Commit and push at the end of every task. Details: @./deep/one.md');
file(join(repository, 'docs', 'deep', 'one.md'), 'one @two.md');
file(join(repository, 'docs', 'deep', 'two.md'), 'two @three.md');
file(join(repository, 'docs', 'deep', 'three.md'), 'three @four.md');
file(join(repository, 'docs', 'deep', 'four.md'), 'four @five.md');
file(join(repository, 'docs', 'deep', 'five.md'), 'five @six.md');
file(join(repository, 'docs', 'deep', 'six.md'), 'six: too deep');
file(join(repository, '.claude', 'rules', 'testing.md'), '- Never skip failing tests.');
file(join(app, 'CLAUDE.local.md'), '- Do not push to main.');
file(join(app, 'AGENTS.md'), '- Run pnpm test before finishing.');
file(join(app, 'GEMINI.md'), '- Use the review tool.');
file(join(base, 'work', 'CLAUDE.md'), 'outside the repository: never read');

describe('rule files from disk', () => {
  it('reads the user file, each folder from the repository root down, rules folders and imports', () => {
    const labels = loadRuleFiles('claude-code', app, { home }).map((document) => document.label);
    expect(labels).toEqual([
      'your ~/.claude/CLAUDE.md',
      'CLAUDE.md',
      'docs/workflow.md',
      'docs/deep/one.md',
      'docs/deep/two.md',
      'docs/deep/three.md',
      'docs/deep/four.md',
      '.claude/rules/testing.md',
      'packages/app/CLAUDE.local.md',
    ]);
  });

  it('gives every document as a rule file before the first step', () => {
    for (const document of loadRuleFiles('claude-code', app, { home })) expect(document).toMatchObject({ source: 'rule-file', step: -1, wholeRequest: false });
  });

  it(`follows imports ${MAXIMUM_IMPORT_DEPTH} levels deep and no deeper`, () => {
    const texts = loadRuleFiles('claude-code', app, { home }).map((document) => document.text);
    expect(texts.some((text) => text.startsWith('four'))).toBe(true);
    expect(texts.some((text) => text.startsWith('five'))).toBe(false);
  });

  it('reads AGENTS.md for Codex and GEMINI.md for Gemini CLI', () => {
    expect(loadRuleFiles('codex', app, { home }).map((document) => document.text)).toEqual(['- Prefer rg over grep.', '- Run pnpm test before finishing.']);
    expect(loadRuleFiles('gemini-cli', app, { home }).map((document) => document.text)).toEqual(['- Use the review tool.']);
  });

  it('finds nothing in a folder without rule files, and never throws on a missing folder', () => {
    expect(loadRuleFiles('claude-code', join(base, 'nowhere'), { home: join(base, 'no-home'), root: join(base, 'nowhere') })).toEqual([]);
  });

  it.each([
    ['an import on its own line', '@docs/a.md', ['docs/a.md']],
    ['an import in a sentence and from home', 'See @./b.md and @~/.claude/c.md.', ['./b.md', '~/.claude/c.md']],
    ['not an e-mail address', 'write to ops@example.md', []],
    ['not inside a code span', 'use `@docs/x.md` literally', []],
    ['not inside a fenced block', '```\n@docs/y.md\n```', []],
  ])('imports: %s', (_name, text, expected) => {
    expect(importsOf(text)).toEqual(expected);
  });
});
