import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { finalMessageOfTurn } from './final-message.js';

let folder: string | undefined;
afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

/** A chat log as Gemini CLI 0.61 appends it: metadata, messages (re-appended whole when they change), `$set` updates. */
function chatLog(records: object[]): string {
  folder = mkdtempSync(join(tmpdir(), 'wink-gemini-chat-'));
  const file = join(folder, 'session.jsonl');
  writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n') + '\n');
  return file;
}

const META = { sessionId: 's', projectHash: 'p', startTime: '2026-11-21T10:00:00Z', lastUpdated: '2026-11-21T10:00:00Z', kind: 'main' };
const USER = { id: 'u1', timestamp: '2026-11-21T10:00:01Z', type: 'user', content: [{ text: 'Fix the build.' }] };
const CHECKING = { id: 'g1', timestamp: '2026-11-21T10:00:02Z', type: 'gemini', content: 'Let me check the build.', model: 'gemini-2.5-pro' };
const CHECKING_WITH_CALL = { ...CHECKING, toolCalls: [{ id: 'c1', name: 'run_shell_command', args: { command: 'npm run build' }, status: 'error' }] };
const CLAIM = { id: 'g2', timestamp: '2026-11-21T10:00:05Z', type: 'gemini', content: 'I fixed the build. All tests pass.', model: 'gemini-2.5-pro' };
const JOINED = 'Let me check the build.\nI fixed the build. All tests pass.';

describe('finalMessageOfTurn', () => {
  it.each([
    { name: 'text before a tool call, then the final claim: only the claim', records: [META, USER, CHECKING, CHECKING_WITH_CALL, { $set: { lastUpdated: 'x' } }, CLAIM, { $set: { lastUpdated: 'y' } }], response: JOINED, expected: 'I fixed the build. All tests pass.' },
    {
      name: 'prompt_response as the real client sends it (chunks joined with spaces, a repeated tail): the logged claim',
      records: [META, USER, CHECKING_WITH_CALL, CLAIM],
      response: 'Let me check the build. \nI fixed the build. All tests pass. ests pass.',
      expected: 'I fixed the build. All tests pass.',
    },
    { name: 'a final message of several lines stays whole', records: [META, USER, CHECKING_WITH_CALL, { ...CLAIM, content: 'Done.\n\nAll tests pass.' }], response: 'Let me check the build.\nDone.\n\nAll tests pass.', expected: 'Done.\n\nAll tests pass.' },
    { name: 'content as parts', records: [META, USER, CHECKING_WITH_CALL, { ...CLAIM, content: [{ text: 'I fixed the build. All tests pass.' }] }], response: JOINED, expected: 'I fixed the build. All tests pass.' },
    { name: 'the last response only made tool calls: nothing was said after them', records: [META, USER, CHECKING_WITH_CALL], response: 'Let me check the build.', expected: '' },
    { name: 'the log disagrees with prompt_response: the whole response is kept', records: [META, USER, CHECKING_WITH_CALL, CLAIM], response: 'Something else entirely.', expected: 'Something else entirely.' },
    { name: 'no model response in the log: the whole response is kept', records: [META, USER], response: JOINED, expected: JOINED },
  ])('$name', ({ records, response, expected }) => {
    expect(finalMessageOfTurn(response, chatLog(records))).toBe(expected);
  });

  it.each([
    { name: 'no chat log named', chatLog: undefined },
    { name: 'a chat log that does not exist', chatLog: join(tmpdir(), 'wink-no-such-folder', 'session.jsonl') },
  ])('keeps the whole prompt_response with $name', ({ chatLog: file }) => {
    expect(finalMessageOfTurn(JOINED, file)).toBe(JOINED);
  });
});
