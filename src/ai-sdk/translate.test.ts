import { describe, expect, it } from 'vitest';
import type { WinkStepInput } from '../session/types.js';
import { EXECUTION_DENIED_TEXT, messageSteps, toolOutputText, type AiSdkMessage } from './translate.js';

function toolMessage(output: unknown): AiSdkMessage {
  return { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', toolName: 'bash', output }] };
}

function result(output: string, isError: boolean, rejected?: true): WinkStepInput[] {
  return [{ kind: 'tool-result', callId: 'call_1', tool: 'bash', output, isError, ...(rejected ? { rejected } : {}) }];
}

describe('messageSteps', () => {
  it.each<{ name: string; message: AiSdkMessage; steps: WinkStepInput[] }>([
    { name: 'user text as a string', message: { role: 'user', content: 'Fix the build.' }, steps: [{ kind: 'user', text: 'Fix the build.' }] },
    {
      name: 'user text parts, joined; file and image parts carry no text',
      message: { role: 'user', content: [{ type: 'text', text: 'Fix it.' }, { type: 'image', image: 'data' }, { type: 'file', data: 'x', mediaType: 'text/plain' }, { type: 'text', text: 'Quickly.' }] },
      steps: [{ kind: 'user', text: 'Fix it.\nQuickly.' }],
    },
    { name: 'a user message with a file only', message: { role: 'user', content: [{ type: 'file', data: 'x', mediaType: 'image/png' }] }, steps: [] },
    { name: 'a system message: the instructions the agent runs under', message: { role: 'system', content: 'You are careful.' }, steps: [{ kind: 'user', origin: 'injected', text: 'You are careful.', context: { kind: 'rule-file', source: 'the system prompt' } }] },
    { name: 'an empty system message', message: { role: 'system', content: '' }, steps: [] },
    { name: 'assistant text as a string', message: { role: 'assistant', content: 'Done.' }, steps: [{ kind: 'assistant', text: 'Done.' }] },
    { name: 'an empty assistant string', message: { role: 'assistant', content: '' }, steps: [] },
    {
      name: 'assistant text, reasoning and a tool call',
      message: {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'The build needs typescript.' },
          { type: 'text', text: 'Installing.' },
          { type: 'tool-call', toolCallId: 'call_1', toolName: 'bash', input: { command: 'npm install' } },
        ],
      },
      steps: [
        { kind: 'assistant', text: 'Installing.', reasoning: 'The build needs typescript.' },
        { kind: 'tool-call', callId: 'call_1', tool: 'bash', input: { command: 'npm install' } },
      ],
    },
    {
      name: 'tool calls without text; a call without input gets an empty one',
      message: { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'a', toolName: 'read', input: { path: 'x' } }, { type: 'tool-call', toolCallId: 'b', toolName: 'list' }] },
      steps: [
        { kind: 'tool-call', callId: 'a', tool: 'read', input: { path: 'x' } },
        { kind: 'tool-call', callId: 'b', tool: 'list', input: {} },
      ],
    },
    {
      name: 'a provider-executed call and its result in the assistant message; approval requests carry nothing',
      message: {
        role: 'assistant',
        content: [
          { type: 'tool-call', toolCallId: 'web_1', toolName: 'web_search', input: { query: 'vitest' }, providerExecuted: true },
          { type: 'tool-result', toolCallId: 'web_1', toolName: 'web_search', output: { type: 'json', value: [{ url: 'u' }] } },
          { type: 'tool-approval-request', approvalId: 'p', toolCallId: 'web_1' },
        ],
      },
      steps: [
        { kind: 'tool-call', callId: 'web_1', tool: 'web_search', input: { query: 'vitest' } },
        { kind: 'tool-result', callId: 'web_1', tool: 'web_search', output: '[{"url":"u"}]', isError: false },
      ],
    },
    { name: 'a text result', message: toolMessage({ type: 'text', value: 'ok' }), steps: result('ok', false) },
    { name: 'a JSON result', message: toolMessage({ type: 'json', value: { exitCode: 0 } }), steps: result('{"exitCode":0}', false) },
    { name: 'an error-text result (a tool that threw)', message: toolMessage({ type: 'error-text', value: 'Error: ENOENT' }), steps: result('Error: ENOENT', true) },
    { name: 'an error-json result', message: toolMessage({ type: 'error-json', value: { message: 'boom' } }), steps: result('{"message":"boom"}', true) },
    { name: 'a denied execution with its reason', message: toolMessage({ type: 'execution-denied', reason: 'The user said no.' }), steps: result('The user said no.', true, true) },
    { name: 'a denied execution without a reason', message: toolMessage({ type: 'execution-denied' }), steps: result(EXECUTION_DENIED_TEXT, true, true) },
    {
      name: 'content parts: text, and a placeholder for media',
      message: toolMessage({ type: 'content', value: [{ type: 'text', text: 'screenshot taken' }, { type: 'image-data', data: 'x', mediaType: 'image/png' }] }),
      steps: result('screenshot taken\n[image-data image/png]', false),
    },
    {
      name: 'approval responses and results without a call id carry nothing',
      message: { role: 'tool', content: [{ type: 'tool-approval-response', approvalId: 'p', approved: false }, { type: 'tool-result', toolName: 'bash', output: { type: 'text', value: 'x' } }] },
      steps: [],
    },
    { name: 'an unknown role', message: { role: 'developer', content: 'x' }, steps: [] },
    { name: 'content that is not a list', message: { role: 'tool', content: 'oops' }, steps: [] },
  ])('$name', ({ message, steps }) => {
    expect(messageSteps(message)).toEqual(steps);
  });
});

describe('toolOutputText', () => {
  it.each<{ name: string; output: unknown; expected: { output: string; isError: boolean } }>([
    { name: 'a bare string', output: 'plain', expected: { output: 'plain', isError: false } },
    { name: 'an output of an unknown type', output: { type: 'future', value: 'v' }, expected: { output: 'v', isError: false } },
    { name: 'a JSON value holding a cycle', output: { type: 'json', value: cyclic() }, expected: { output: '[object Object]', isError: false } },
  ])('$name', ({ output, expected }) => {
    expect(toolOutputText(output)).toEqual(expected);
  });
});

function cyclic(): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  value.self = value;
  return value;
}
