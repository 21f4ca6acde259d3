/**
 * Generated Claude Code sessions of any length, shaped like the real transcript lines (one content block per
 * assistant line, `toolUseResult` beside each tool result) with the hook payload Claude Code sends for each
 * call: for the hook tests and the hook benchmark (a long session met for the first time, steady state).
 */

/** The session id of every generated session. */
export const GENERATED_SESSION_ID = 'generated-session';
/** The developer's prompt that opens every generated session. */
export const GENERATED_PROMPT = 'Tidy up the scripts and keep the tests green.';
/** Commands cycled through, so the detectors see a realistic, mostly loop-free session. */
const COMMANDS = ['npm test', 'npm run build', 'git status', 'ls src', 'cat package.json', 'npm run lint', 'git diff', 'node scripts/check.js'];
/** Lines of output of every generated command. */
const OUTPUT_LINES = 20;

/** One transcript line of the generated session, with the fields every Claude Code line carries. */
export function generatedLine(fields: Record<string, unknown>): string {
  return JSON.stringify({ parentUuid: null, isSidechain: false, userType: 'external', cwd: '/work/app', sessionId: GENERATED_SESSION_ID, version: '2.1.329', gitBranch: 'main', timestamp: '2026-11-21T10:00:00.000Z', ...fields }) + '\n';
}

/** One generated tool call (two steps): its transcript lines and the PostToolUse payload of its hook. */
export interface GeneratedCall {
  text: string;
  payload: Record<string, unknown>;
}

/** The `index`-th call of a generated session: a Bash command that succeeds. */
export function generatedCall(index: number): GeneratedCall {
  const command = `${COMMANDS[index % COMMANDS.length]} # ${index}`;
  const output = `output of step ${index}\n`.repeat(OUTPUT_LINES);
  const text =
    generatedLine({ type: 'assistant', uuid: `call-${index}`, message: { id: `msg_${index}`, role: 'assistant', model: 'claude-opus-5-5', content: [{ type: 'tool_use', id: `toolu_${index}`, name: 'Bash', input: { command } }] } }) +
    generatedLine({ type: 'user', uuid: `result-${index}`, message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: `toolu_${index}`, content: output, is_error: false }] }, toolUseResult: { stdout: output, stderr: '', interrupted: false } });
  return { text, payload: { hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command }, tool_use_id: `toolu_${index}`, tool_response: { stdout: output, stderr: '' } } };
}

/** A generated session of (about) `stepCount` steps: the prompt, then calls; `calls` is how many calls it holds. */
export function generatedSession(stepCount: number): { text: string; calls: number } {
  let text = generatedLine({ type: 'user', uuid: 'prompt', message: { role: 'user', content: GENERATED_PROMPT } });
  const calls = Math.floor((stepCount - 1) / 2);
  for (let index = 0; index < calls; index++) text += generatedCall(index).text;
  return { text, calls };
}
