import { describe, expect, it } from 'vitest';
import { MessageHistory } from './message-history.js';
import type { ChatMessage } from './types.js';

const prompt: ChatMessage = { role: 'user', content: 'fix the build' };
const call: ChatMessage = { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'bash', arguments: '{"command":"npm run build"}' } }] };
const result: ChatMessage = { role: 'tool', tool_call_id: 'c1', content: 'Error: failed' };
const answer: ChatMessage = { role: 'assistant', content: 'It fails.' };
const summary: ChatMessage = { role: 'user', content: 'Summary of the conversation so far: the build fails.' };
const copy = (messages: ChatMessage[]): ChatMessage[] => JSON.parse(JSON.stringify(messages)) as ChatMessage[];

describe('MessageHistory', () => {
  it.each([
    { name: 'the same list, grown', first: [prompt, call], second: [prompt, call, result, answer], fresh: [result, answer] },
    { name: 'a rebuilt list of equal messages, grown', first: [prompt, call], second: copy([prompt, call, result, answer]), fresh: copy([result, answer]) },
    { name: 'the same list, unchanged', first: [prompt, call], second: [prompt, call], fresh: [] },
    { name: 'a compacted history keeping the last message seen', first: [prompt, call, result], second: [summary, result, answer], fresh: [answer] },
    { name: 'a history with nothing seen before', first: [prompt, call], second: copy([summary, answer]), fresh: copy([summary, answer]) },
    { name: 'a shorter list of new messages', first: [prompt, call, result, answer], second: [summary], fresh: [summary] },
  ])('$name: only the new messages', ({ first, second, fresh }) => {
    const history = new MessageHistory();
    expect(history.newMessages(first)).toEqual(first);
    expect(history.newMessages(second)).toEqual(fresh);
  });
});
