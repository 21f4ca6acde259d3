/**
 * Hostile log files: the hand-picked ones of corpus/files (invalid UTF-8, NUL bytes, lone surrogates, JSON nested
 * 10,000 deep, truncated documents, binary), and generated ones too large to commit: a 10 MB line, and sessions of
 * any number of steps.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIRECTORY } from './hostile-texts.js';

/** Size of the generated long line. */
export const LONG_LINE_CHARACTERS = 10 * 1024 * 1024;

/** The hand-picked files, as absolute paths. */
export function corpusFiles(): string[] {
  const directory = join(CORPUS_DIRECTORY, 'files');
  return readdirSync(directory)
    .sort()
    .map((name) => join(directory, name));
}

/** One line of a Claude Code transcript. */
export function claudeCodeLine(fields: Record<string, unknown>): string {
  return JSON.stringify({ parentUuid: null, isSidechain: false, userType: 'external', cwd: '/work/app', sessionId: 'hostile-session', version: '2.1.329', timestamp: '2026-11-21T10:00:00.000Z', ...fields });
}

/** The lines of one tool call and its result in a Claude Code transcript. */
export function claudeCodeToolPair(index: number, command: string, output: string): string[] {
  return [
    claudeCodeLine({ type: 'assistant', uuid: `call-${index}`, message: { id: `msg_${index}`, role: 'assistant', model: 'claude-opus-5-5', content: [{ type: 'tool_use', id: `toolu_${index}`, name: 'Bash', input: { command } }] } }),
    claudeCodeLine({ type: 'user', uuid: `result-${index}`, message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: `toolu_${index}`, content: output, is_error: false }] } }),
  ];
}

/** Commands a generated session cycles through (a realistic, mostly loop-free mix). */
const COMMANDS = ['npm test', 'npm run build', 'git status', 'ls src', 'cat package.json', 'npm run lint', 'git diff', 'node scripts/check.js'];

/** The lines of a Claude Code session of `pairs` tool calls, each with its result (two steps a pair). */
export function* claudeCodeSessionLines(pairs: number, outputLine = 'ok'): Generator<string> {
  yield claudeCodeLine({ type: 'user', uuid: 'prompt', message: { role: 'user', content: 'Fix the failing build and keep the tests green.' } });
  for (let index = 0; index < pairs; index++) yield* claudeCodeToolPair(index, `${COMMANDS[index % COMMANDS.length]} # ${index}`, `${outputLine} ${index}`);
}

/** Writes the generated files into `directory` and returns their paths by name. */
export function writeGeneratedFiles(directory: string): Record<string, string> {
  const files: Record<string, string> = {
    'claude-code-10mb-prompt.jsonl': [claudeCodeLine({ type: 'user', uuid: 'u1', message: { role: 'user', content: 'x'.repeat(LONG_LINE_CHARACTERS) } }), ...claudeCodeToolPair(1, 'ls', 'a')].join('\n'),
    'claude-code-10mb-output.jsonl': [claudeCodeLine({ type: 'user', uuid: 'u1', message: { role: 'user', content: 'fix it' } }), ...claudeCodeToolPair(1, 'cat big.txt', '#'.repeat(LONG_LINE_CHARACTERS))].join('\n'),
    '10mb-garbage-line.jsonl': `${claudeCodeLine({ type: 'user', uuid: 'u1', message: { role: 'user', content: 'fix it' } })}\n${'{'.repeat(LONG_LINE_CHARACTERS)}\n`,
    '10mb-spaces.json': `${' '.repeat(LONG_LINE_CHARACTERS)}[]`,
  };
  const paths: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) {
    paths[name] = join(directory, name);
    writeFileSync(paths[name], content);
  }
  return paths;
}
