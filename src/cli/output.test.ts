import { describe, expect, it } from 'vitest';
import { printFileErrors } from './output.js';

function capture(errors: Array<{ file: string; message: string; kind?: string }>): string[] {
  const lines: string[] = [];
  printFileErrors(errors, (line) => lines.push(line));
  return lines;
}

const unknown = (file: string) => ({ file, message: `${file}: unknown trajectory format (tried: claude-code)` });

describe('printFileErrors', () => {
  it('lists a few unknown-format files one by one', () => {
    expect(capture([unknown('a.json'), unknown('b.json')])).toEqual(['wink: a.json: unknown trajectory format (tried: claude-code)\n', 'wink: b.json: unknown trajectory format (tried: claude-code)\n']);
  });

  it('counts many unknown-format files in one line and still lists real errors', () => {
    const lines = capture([unknown('a.json'), unknown('b.json'), { file: 'bad.jsonl', message: 'cannot read file (EACCES)' }, unknown('c.json'), unknown('d.json')]);
    expect(lines).toEqual(['wink: bad.jsonl: cannot read file (EACCES)\n', 'wink: skipped 4 files that are not agent logs of a known format (first: a.json)\n']);
  });

  it('counts many files skipped for the same recognised reason in one line per reason', () => {
    const annotation = (file: string) => ({ file, message: 'not an agent log (TRAIL error annotations)', kind: 'not-an-agent-log' });
    const history = (file: string) => ({ file, message: 'no reader for this format (SpecStory Markdown history)', kind: 'no-reader' });
    const lines = capture([annotation('a.json'), history('h1.md'), annotation('b.json'), annotation('c.json'), annotation('d.json'), history('h2.md')]);
    expect(lines).toEqual([
      'wink: h1.md: no reader for this format (SpecStory Markdown history)\n',
      'wink: h2.md: no reader for this format (SpecStory Markdown history)\n',
      'wink: 4 files: not an agent log (TRAIL error annotations) (first: a.json)\n',
    ]);
  });
});
