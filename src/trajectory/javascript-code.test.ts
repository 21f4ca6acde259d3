import { describe, expect, it } from 'vitest';
import { insideString, javascriptCode } from './javascript-code.js';

describe('javascriptCode', () => {
  it.each<{ name: string; source: string; text: string; strings: string[] }>([
    { name: 'a line comment is blanked, the line break kept', source: "a(); // rm('x')\nb()", text: 'a();           \nb()', strings: [] },
    { name: 'a block comment over lines', source: "/* x\n'y' */z", text: '    \n      z', strings: [] },
    { name: 'strings of three quotes', source: `f('a', "b", \`c\`)`, text: `f('a', "b", \`c\`)`, strings: ["'a'", '"b"', '`c`'] },
    { name: 'a comment marker inside a string is no comment', source: "u = 'http://x'; // y", text: "u = 'http://x';     ", strings: ["'http://x'"] },
    { name: 'an escaped quote stays inside its string', source: String.raw`s = 'it\'s'; t()`, text: String.raw`s = 'it\'s'; t()`, strings: [String.raw`'it\'s'`] },
    { name: 'a quote in a regular expression opens no string', source: "x = s.replace(/'/g, ''); fs.rmSync('a')", text: "x = s.replace(/'/g, ''); fs.rmSync('a')", strings: ["''", "'a'"] },
    { name: 'a slash in a class does not close the expression', source: "r = /[/']/; w('b')", text: "r = /[/']/; w('b')", strings: ["'b'"] },
    { name: 'a division is no expression', source: "n = a / b; m = c / d; w('e')", text: "n = a / b; m = c / d; w('e')", strings: ["'e'"] },
    { name: 'an unclosed quoted string ends with its line', source: "s = 'open\nw('b')", text: "s = 'open\nw('b')", strings: ["'open", "'b'"] },
    { name: 'a template spans lines', source: 'q = `a\nb`; w()', text: 'q = `a\nb`; w()', strings: ['`a\nb`'] },
  ])('$name', ({ source, text, strings }) => {
    const code = javascriptCode(source);
    expect(code.text).toBe(text);
    expect(code.text).toHaveLength(source.length);
    expect(code.strings.map(([start, end]) => source.slice(start, end))).toEqual(strings);
  });

  it('knows which positions lie inside a string', () => {
    const source = "a('xy', b, \"z\")";
    const { strings } = javascriptCode(source);
    expect([...source].map((_, position) => (insideString(strings, position) ? 's' : '.')).join('')).toBe('..ssss.....sss.');
  });

  it('reads a long hostile text in one pass', () => {
    const source = `${"'".repeat(50_000)}${'/*'.repeat(25_000)}${'/'.repeat(50_000)}`;
    const code = javascriptCode(source);
    expect(code.text).toHaveLength(source.length);
  });
});
