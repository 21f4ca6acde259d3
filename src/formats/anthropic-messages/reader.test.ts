import { describe, expect, it } from 'vitest';
import { describeReaderContract } from '../../../test/support/reader-contract.js';
import { fixture } from '../../../test/support/shared-data.js';
import { readFileTrajectories } from '../read.js';
import type { FileSample } from '../reader.js';
import openAiReader from '../openai-messages/reader.js';
import reader from './reader.js';

const removeHelper = fixture('anthropic-messages/remove-helper.json');

describeReaderContract({ reader, corruption: 'document', fixtures: [{ file: removeHelper, recordList: 'messages', summary: { userMessages: 2, assistantMessages: 3, toolCalls: 3, toolResults: 3, toolErrors: 1 } }] });

describe('anthropic-messages reader', () => {
  it('maps system, thinking, text and tool_use blocks, tool results with is_error, and user text after results', async () => {
    const [trajectory] = (await readFileTrajectories(removeHelper)).trajectories;
    expect(trajectory.session).toMatchObject({ agent: 'anthropic-messages', environment: 'sdk', model: 'example-claude-1' });
    const steps = trajectory.steps;
    expect(steps.map((step) => step.kind)).toEqual(['event', 'user', 'assistant', 'tool-call', 'tool-result', 'assistant', 'tool-call', 'tool-result', 'user', 'tool-call', 'tool-result', 'assistant']);
    expect(steps[0]).toMatchObject({ text: 'You are a careful coding agent. Ask before deleting files.', data: { role: 'system' } });
    expect(steps[2]).toMatchObject({ text: "I'll search for uses of `legacy_parse` first.", reasoning: 'Find every use of legacy_parse first.' });
    expect(steps[3]).toMatchObject({ callId: 'toolu_01A', tool: 'grep', input: { pattern: 'legacy_parse', path: '.' } });
    expect(steps[7]).toMatchObject({ callId: 'toolu_01B', isError: true, output: 'Error: cli.py: permission denied' });
    expect(steps[8]).toMatchObject({ kind: 'user', text: 'cli.py is generated; ignore it and remove the helper anyway.' });
    expect(steps[9]).toMatchObject({ tool: 'edit_file', effects: { filesEdited: ['utils.py'] } });
    expect(steps[11]).toMatchObject({ kind: 'assistant', text: expect.stringContaining('Removed `legacy_parse`') });
  });

  it('sniffs Anthropic blocks above OpenAI', () => {
    const head = '[\n  {"role": "user", "content": "hi"},\n  {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_1", "name": "grep", "input": {}}]}\n]';
    const sample: FileSample = { path: '/logs/conversation.json', head, firstLines: head.split('\n').slice(0, 5) };
    expect(reader.sniff(sample)).toBeGreaterThan(openAiReader.sniff(sample));
  });
});
