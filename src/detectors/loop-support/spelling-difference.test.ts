import { describe, expect, it } from 'vitest';
import { hashText } from '../../trajectory/hash.js';
import { inputFields, spacingHash, spellingDifference } from './spelling-difference.js';

describe('spellingDifference: how two spellings of one call differ, readably', () => {
  it.each([
    ['only the description differs (the demo build loop)', { command: 'npm run build', description: 'Build the project' }, { command: 'npm run build', description: 'Build the project again' }, 'description "Build the project" / "Build the project again"'],
    ['the command differs in spacing only', { command: 'npm run build' }, { command: 'npm  run  build ' }, 'command "npm run build": spacing only'],
    ['the command differs in flag order', { command: 'grep -rn foo src/' }, { command: 'grep -nr foo ./src' }, 'command "grep -rn foo src/" / "grep -nr foo ./src"'],
    ['a field only one spelling has', { pattern: '**/*.ts' }, { pattern: '**/*.ts', path: 'src' }, 'path absent / "src"'],
    ['a non-object input', 'ls src', 'ls  src', '"ls src": spacing only'],
    ['a long value is shortened', { command: `echo ${'a'.repeat(80)}` }, { command: `echo  ${'a'.repeat(80)}` }, `command "echo ${'a'.repeat(42)}…": spacing only`],
    ['nothing differs', { command: 'ls' }, { command: 'ls' }, 'no visible difference'],
  ])('%s', (_, first, second, expected) => {
    expect(spellingDifference(inputFields(first), inputFields(second))).toBe(expected);
  });
});

describe('spacingHash: the hash of a text with its white-space runs made one space, read in one pass', () => {
  it.each([
    ['plain words', 'npm run build'],
    ['runs of spaces and tabs', 'npm  run\t\tbuild'],
    ['leading and trailing white space', '  \n npm run build \r\n'],
    ['only white space', ' \t\n '],
    ['empty', ''],
    ['the other white space `\\s` matches', 'a\u00a0b\u1680c\u2000d\u200ae\u2028f\u2029g\u202fh\u205fi\u3000j\ufeffk\u000bl\u000cm'],
    ['characters `\\s` does not match', 'a\u200bb\u0085c\u180ed'],
    ['non-ASCII words', 'café  naïve  日本語'],
  ])('%s', (_, text) => {
    expect(spacingHash(text)).toBe(hashText(text.split(/\s+/).filter((word) => word.length > 0).join(' ')));
    // The same pass gives a field's own hash.
    expect(inputFields({ command: text })[0].hash).toBe(hashText(text));
    expect(inputFields({ command: text })[0].spacingHash).toBe(spacingHash(text));
  });
});
