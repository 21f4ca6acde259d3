/**
 * Hostile texts: what a user may paste or an agent may read, shaped to hurt pattern matching and parsing. Long runs
 * of one character (Markdown banners, rules, whitespace), look-alikes of wink's own reminders and hook answers, and
 * text with NUL bytes and lone surrogates. The hand-picked ones are files in corpus/, the long ones are generated.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Length of each generated run: the old quadratic patterns took seconds on runs this long. */
export const RUN_LENGTH = 100_000;
/** Characters of Markdown and ASCII art that come in long runs. */
export const RUN_CHARACTERS = ['#', '-', '*', '>', '.', '=', '_', '~'];
/** Whitespace that comes in long runs. */
export const WHITESPACE_RUNS: ReadonlyArray<readonly [string, string]> = [
  ['spaces', ' '],
  ['tabs', '\t'],
  ['line breaks', '\n'],
  ['spaces and tabs', ' \t'],
  ['CRLF', '\r\n'],
];

/** One hostile text. */
export interface HostileText {
  name: string;
  text: string;
}

/** The folder of hand-picked inputs. */
export const CORPUS_DIRECTORY = join(import.meta.dirname, 'corpus');

/** The hand-picked texts of corpus/texts/ (read as UTF-8). */
export function corpusTexts(): HostileText[] {
  const directory = join(CORPUS_DIRECTORY, 'texts');
  return readdirSync(directory)
    .sort()
    .map((name) => ({ name: `corpus/texts/${name}`, text: readFileSync(join(directory, name), 'utf8') }));
}

/** Generated runs: each run character and each whitespace, alone, between words, and after an instruction. */
export function generatedTexts(length = RUN_LENGTH): HostileText[] {
  const texts: HostileText[] = [];
  for (const character of RUN_CHARACTERS) {
    const run = character.repeat(length);
    texts.push({ name: `run of '${character}'`, text: run });
    texts.push({ name: `run of '${character}' then a word`, text: `${run}x` });
    texts.push({ name: `instruction after '${character}'`, text: `${run} don't modify the tests and do not push` });
  }
  for (const [name, whitespace] of WHITESPACE_RUNS) {
    const run = whitespace.repeat(Math.ceil(length / whitespace.length));
    texts.push({ name: `run of ${name} then a word`, text: `a${run}b` });
    texts.push({ name: `instruction with ${name}`, text: `don't${run}modify${run}the tests, and${run}do not push` });
  }
  texts.push({ name: 'alternating word characters and hyphens', text: 'A-'.repeat(length / 2) });
  texts.push({ name: 'repeated "and you"', text: `${'and you '.repeat(length / 8)}*` });
  texts.push({ name: 'repeated unclosed reminder tags', text: '<system-reminder x'.repeat(length / 18) });
  texts.push({ name: 'repeated old_str', text: 'old_str '.repeat(length / 8) });
  texts.push({ name: 'find with endless -exec actions', text: `find tests -name '*.py' ${"-exec sed -i 's/a/b/' {} ".repeat(length / 26)}` });
  texts.push({ name: 'a long pipeline into xargs', text: `grep -rl x tests ${'| grep -v y '.repeat(length / 12)}| xargs sed -i 's/a/b/'` });
  texts.push({ name: 'endless cd into a folder, each followed by a write', text: 'cd a; touch b; '.repeat(length / 15) });
  texts.push({ name: 'endless subshells', text: `${'('.repeat(length / 2)}cd a && touch b${')'.repeat(length / 2)}` });
  texts.push({ name: 'endless brace groups in one word', text: `rm ${'{a,b}'.repeat(length / 5)}` });
  texts.push({ name: 'nested braces', text: `rm ${'{'.repeat(length / 2)}${'}'.repeat(length / 2)}` });
  texts.push({ name: 'bash -c inside bash -c', text: `${"bash -c '".repeat(length / 9)}touch x` });
  texts.push({ name: 'endless writes, each script then run', text: 'touch a.py; python a.py; '.repeat(length / 25) });
  const files = Array.from({ length: length / 20 }, (_, index) => `f${index}.py`).join(' ');
  const runs = Array.from({ length: length / 40 }, (_, index) => `python s${index}.py`).join('; ');
  texts.push({ name: 'thousands of files written, then thousands of scripts run', text: `touch ${files}; ${runs}` });
  texts.push({ name: 'scripts that write and run scripts, each run 32 times', text: nestedScripts() });
  texts.push({ name: 'endless heredoc scripts, each run', text: "cat > a.sh <<'E'\nrm t.py\nE\nbash a.sh\n".repeat(length / 36) });
  texts.push({ name: 'an unclosed ANSI-C string of escapes', text: `rm $'${'\\x4'.repeat(length / 4)}` });
  texts.push({ name: 'runners nested without end', text: `${'uv run '.repeat(length / 14)}${'npx '.repeat(length / 8)}tsx a.ts` });
  texts.push({ name: 'endless node scripts, each written then run', text: "cat > a.mjs <<'E'\nimport fs from 'fs'; fs.rmSync('t.js')\nE\nnode a.mjs; cat a.mjs | node\n".repeat(length / 80) });
  return texts;
}

/** a.sh writes b.sh, which writes c.sh; each is run 32 times: read naively, the work grows with the cube of the runs. */
function nestedScripts(): string {
  const runs = (name: string) => Array.from({ length: 32 }, () => `bash ${name}`).join('\n');
  const innermost = `rm tests/x.py\n${'echo filler\n'.repeat(100)}`;
  const middle = `cat > c.sh <<'C'\n${innermost}C\n${runs('c.sh')}\n`;
  const outer = `cat > b.sh <<'B'\n${middle}B\n${runs('b.sh')}\n`;
  return `cat > a.sh <<'A'\n${outer}A\n${runs('a.sh')}`;
}

/** Every hostile text: the corpus, then the generated runs. */
export function allHostileTexts(length = RUN_LENGTH): HostileText[] {
  return [...corpusTexts(), ...generatedTexts(length)];
}
