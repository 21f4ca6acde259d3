import { describe, expect, it } from 'vitest';
import { describeReaderContract } from '../../../test/support/reader-contract.js';
import { fixture } from '../../../test/support/shared-data.js';
import { readFileTrajectories } from '../read.js';
import type { FileSample } from '../reader.js';
import anthropicReader from '../anthropic-messages/reader.js';
import reader from './reader.js';

const exportFix = fixture('openai-messages/export-fix.json');
const weather = fixture('openai-messages/weather.jsonl');

describeReaderContract({ reader, corruption: 'document', fixtures: [{ file: exportFix, recordList: 'messages', summary: { userMessages: 1, assistantMessages: 2, toolCalls: 4, toolResults: 4, toolErrors: 1 } }] });
describeReaderContract({ reader, corruption: 'line', fixtures: [{ file: weather, summary: { userMessages: 1, assistantMessages: 2, toolCalls: 1, toolResults: 1, toolErrors: 0 } }] });

function sample(path: string, head: string): FileSample {
  return { path, head, firstLines: head.split('\n').filter((line) => line.trim().length > 0).slice(0, 5) };
}

describe('openai-messages reader', () => {
  it('maps developer messages, parallel tool calls with JSON-string arguments, results and errors', async () => {
    const [trajectory] = (await readFileTrajectories(exportFix)).trajectories;
    expect(trajectory.session).toMatchObject({ agent: 'openai-messages', environment: 'sdk', model: 'example-model-5' });
    const steps = trajectory.steps;
    expect(steps.map((step) => step.kind)).toEqual(['event', 'user', 'tool-call', 'tool-call', 'tool-result', 'tool-result', 'assistant', 'tool-call', 'tool-result', 'tool-call', 'tool-result', 'assistant']);
    expect(steps[0]).toMatchObject({ event: 'other', data: { role: 'developer' } });
    expect(steps[1]).toMatchObject({ text: 'The CSV export drops the last row. Please fix it in src/export.py.', origin: 'prompt' });
    expect(steps[3]).toMatchObject({ callId: 'call_Cd34', tool: 'run_shell', input: { command: 'pytest tests/test_export.py -q' } });
    expect(steps[5]).toMatchObject({ callStepId: 'm2.call2', isError: true });
    expect(steps[7]).toMatchObject({ tool: 'edit_file', effects: { filesEdited: ['src/export.py'] } });
  });

  it('reads JSONL with one message per line', async () => {
    const [trajectory] = (await readFileTrajectories(weather)).trajectories;
    expect(trajectory.steps.map((step) => step.source?.line)).toEqual([1, 2, 3, 3, 4, 5]);
  });

  it('sniffs OpenAI markers and leaves other formats alone', () => {
    const openAiArray = '[\n  {"role": "user", "content": "hi"},\n  {"role": "assistant", "content": null, "tool_calls": []}\n]';
    expect(reader.sniff(sample('/logs/chat.json', openAiArray))).toBeGreaterThan(0.7);
    // mini-swe-agent bare arrays (plain text messages) stay mini-swe-agent's (it scores 0.7).
    const plain = '[\n  {"role": "system", "content": "You are a helpful assistant"},\n  {"role": "user", "content": "fix it"}\n]';
    expect(reader.sniff(sample('/runs/example.traj.json', plain))).toBe(0);
    expect(reader.sniff(sample('/logs/chat.json', plain))).toBeLessThan(0.7);
    expect(anthropicReader.sniff(sample('/runs/example.traj.json', plain))).toBe(0);
    const claudeCode = '{"parentUuid":null,"uuid":"1","type":"user","message":{"role":"user","content":"hi"}}\n{"parentUuid":"1","uuid":"2","type":"assistant","message":{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{}}]}}';
    expect(reader.sniff(sample('/p/session.jsonl', claudeCode))).toBe(0);
    expect(anthropicReader.sniff(sample('/p/session.jsonl', claudeCode))).toBe(0);
    const codex = '{"timestamp":"2025-01-01T00:00:00Z","type":"session_meta","payload":{"id":"x"}}\n{"timestamp":"2025-01-01T00:00:01Z","type":"response_item","payload":{"type":"message","role":"user","content":[]}}';
    expect(reader.sniff(sample('/p/rollout.jsonl', codex))).toBe(0);
    expect(anthropicReader.sniff(sample('/p/rollout.jsonl', codex))).toBe(0);
  });
});
