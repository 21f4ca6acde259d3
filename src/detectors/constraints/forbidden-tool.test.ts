import { describe, expect, it } from 'vitest';
import { extractConstraints } from './extract.js';

/** The tool rules and command rules a sentence states, as `kind subject`. */
function rulesOf(text: string): string[] {
  return extractConstraints(text, 0, 'prompt')
    .filter((constraint) => constraint.kind === 'forbidden-tool' || constraint.kind === 'forbidden-command')
    .map((constraint) => `${constraint.kind} ${constraint.subject}`);
}

describe('a tool forbidden outright', () => {
  it.each([
    { text: 'Do not use the web_search tool.', rules: ['forbidden-tool web_search'] },
    { text: "Don't call visit_page.", rules: ['forbidden-tool visit_page'] },
    { text: 'Never use `WebFetch` again!', rules: ['forbidden-tool WebFetch'] },
    { text: 'You must not use the python_interpreter tool at all.', rules: ['forbidden-tool python_interpreter'] },
    { text: '- Do not use the Task tool in this task.', rules: ['forbidden-tool Task'] },
    // Qualified: the tool is forbidden for some use only, which a call alone does not show.
    { text: 'Never use the Bash tool for file edits.', rules: [] },
    { text: 'You must not use the python_interpreter tool to browse.', rules: [] },
    { text: 'Do not use any external libraries.', rules: [] },
    // Programs are command rules ("don't use npm"), judged on command lines.
    { text: "Don't use npm.", rules: ['forbidden-command program:npm'] },
    // Not a prohibition.
    { text: 'Use the web_search tool to check the date.', rules: [] },
    { text: 'The agent did not use the web_search tool.', rules: [] },
  ])('$text → $rules', ({ text, rules }) => {
    expect(rulesOf(text)).toEqual(rules);
  });

  it('reads a long run of separators after the name', () => {
    expect(rulesOf(`Do not use the web_search tool${' ,'.repeat(50_000)}.`)).toEqual(['forbidden-tool web_search']);
  });
});
