/**
 * The real hook process (`node dist/cli/main.js hook claude-code`) on hostile payloads and transcripts: it exits 0
 * and prints a valid hook answer or nothing, within a generous bound, whatever stdin and the transcript hold.
 * Needs `npm run build` (npm test builds first).
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHook, temporaryHome, type HookRun } from '../hooks/hook-process.js';
import { claudeCodeLine, claudeCodeToolPair, LONG_LINE_CHARACTERS } from './hostile-files.js';
import { corpusTexts, generatedTexts } from './hostile-texts.js';

/** Ceiling for one hook run on a hostile input, start-up included (a normal run takes about 0.3 s here). */
const CEILING_MILLISECONDS_PER_RUN = 20_000;
/** Generated hostile texts sent to the hook (runs of this length). */
const HOOK_RUN_LENGTH = 20_000;

/** Hook budget in these runs: the default 1.5 s is for an idle machine; the point here is exit 0 and valid output. */
const BUDGET_ENVIRONMENT = { WINK_HOOK_BUDGET_MS: '10000' };

function expectValidAnswer(run: HookRun): void {
  expect(run.code).toBe(0);
  const text = run.stdout.trim();
  if (text.length > 0) expect(typeof JSON.parse(text)).toBe('object');
}

async function timedHook(stdin: string | object, environment: Record<string, string>): Promise<HookRun> {
  const started = performance.now();
  const run = await runHook('claude-code', stdin, { ...environment, ...BUDGET_ENVIRONMENT });
  expect(performance.now() - started).toBeLessThan(CEILING_MILLISECONDS_PER_RUN);
  return run;
}

/** A session transcript with a prompt and one tool call; returns the payload of its PostToolUse event. */
function sessionWith(prompt: string, command: string, output: string): { stdin: object; environment: Record<string, string> } {
  const { workingDirectory, environment } = temporaryHome();
  const transcript = join(workingDirectory, 'session.jsonl');
  writeFileSync(transcript, `${[claudeCodeLine({ type: 'user', uuid: 'prompt', message: { role: 'user', content: prompt } }), ...claudeCodeToolPair(1, command, output)].join('\n')}\n`);
  const stdin = { session_id: 'hostile-session', transcript_path: transcript, cwd: workingDirectory, permission_mode: 'default', hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command }, tool_use_id: 'toolu_1', tool_response: { stdout: output, stderr: '' } };
  return { stdin, environment };
}

const texts = [...corpusTexts(), ...generatedTexts(HOOK_RUN_LENGTH)];

describe('the hook process on hostile input', () => {
  it.each(texts.map((hostile) => ({ name: hostile.name, text: hostile.text })))('$name as prompt, command and output', async ({ text }) => {
    const { stdin, environment } = sessionWith(text, text.slice(0, 2_000), text);
    expectValidAnswer(await timedHook(stdin, environment));
  });

  it.each([
    { name: 'empty stdin', stdin: '' },
    { name: 'invalid JSON', stdin: '{"hook_event_name": "PostToolUse", ' },
    { name: 'binary', stdin: '\u0000\u0001\u00ff\ud800garbage' },
    { name: 'JSON nested 10,000 deep', stdin: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}` },
    { name: 'a JSON string', stdin: '"PostToolUse"' },
    { name: 'a payload naming no transcript', stdin: { hook_event_name: 'PostToolUse', session_id: 'x', tool_name: 'Bash', tool_input: { command: 'ls' } } },
    { name: 'a payload naming a missing transcript', stdin: { hook_event_name: 'PostToolUse', session_id: 'x', transcript_path: '/nonexistent/transcript.jsonl', tool_name: 'Bash', tool_input: { command: 'ls' } } },
  ])('$name on stdin', async ({ stdin }) => {
    const { environment } = temporaryHome();
    expectValidAnswer(await timedHook(stdin, environment));
  });

  it('a 10 MB tool output in the payload and the transcript', async () => {
    const output = 'x'.repeat(LONG_LINE_CHARACTERS);
    const { stdin, environment } = sessionWith('fix it', 'cat big.txt', output);
    expectValidAnswer(await timedHook(stdin, environment));
  });

  it('a transcript with invalid UTF-8, NUL bytes and a line that is not JSON', async () => {
    const { stdin, environment } = sessionWith('fix it', 'ls', 'a');
    const transcript = (stdin as { transcript_path: string }).transcript_path;
    appendFileSync(transcript, Buffer.from([0xff, 0xfe, 0x00, 0x0a, 0x7b, 0x0a]));
    expectValidAnswer(await timedHook(stdin, environment));
  });
});
