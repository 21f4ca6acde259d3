/**
 * Trajectories that carry one hostile text in every place a detector reads: the prompt, injected rule-file context,
 * a read of CLAUDE.md, assistant text and reasoning, a shell command, a file path, an edit, a tool output, an error
 * output, and the final claim. Each place is its own trajectory, so a slow pattern shows up with its place.
 */
import { TrajectoryBuilder } from '../../src/testing/trajectory-builder.js';
import type { Trajectory } from '../../src/trajectory/trajectory.js';

/** One place a text can sit in a trajectory. */
export interface HostilePlacement {
  place: string;
  build(text: string): Trajectory;
}

function session(): TrajectoryBuilder {
  return new TrajectoryBuilder({ id: 'hostile-session' });
}

export const HOSTILE_PLACEMENTS: readonly HostilePlacement[] = [
  { place: 'prompt', build: (text) => session().user(text).assistant('Done.').build() },
  { place: 'injected rule-file context', build: (text) => session().user(`Contents of /work/CLAUDE.md (project instructions):\n${text}`, 'injected').user('fix it').run('npm test', 'ok').build() },
  { place: 'read of CLAUDE.md', build: (text) => session().user('fix the parser').read('CLAUDE.md', text).edit('tests/a.test.ts', 'a', 'b').run('git push', '').build() },
  { place: 'assistant text', build: (text) => session().user('fix it').assistant(text).run('ls', 'a').assistant(`${text}\nAll tests pass.`).build() },
  { place: 'assistant reasoning', build: (text) => session().user('fix it').assistant('Working.', { reasoning: text }).build() },
  { place: 'shell command', build: (text) => session().user('fix it').run(text, 'out').run(text, 'out').run(text, 'out').run(`git commit -m "${text}"`, '').build() },
  { place: 'file path', build: (text) => session().user('only edit src/').read(text, 'x').edit(text, 'a', 'b').write(`${text}/SUMMARY.md`, 'x').build() },
  { place: 'edit text', build: (text) => session().user('fix it').edit('src/a.ts', text, `${text}!`).edit('src/a.ts', text, `${text}!`).build() },
  { place: 'tool output', build: (text) => session().user('fix it').run('npm test', text).run('npm test', text).assistant('All tests pass now.').build() },
  { place: 'error output', build: (text) => session().user('fix it').run('npm test', text, { exitCode: 1 }).run('npm test', text, { exitCode: 1 }).run('npm test', text, { exitCode: 1 }).assistant('Fixed.').build() },
  { place: 'tool input of an unknown tool', build: (text) => session().user('fix it').tool('mcp__x__y', { query: text, nested: { value: text } }, text).build() },
];
