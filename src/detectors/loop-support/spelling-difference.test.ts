import { describe, expect, it } from 'vitest';
import { inputFields, spellingDifference } from './spelling-difference.js';

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
