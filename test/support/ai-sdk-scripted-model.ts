/**
 * A scripted AI SDK model for tests: a `MockLanguageModelV3` whose answer to each call (generate or stream) is a
 * tool call or a text, chosen by a script from the call's index and prompt; and readers of what the model saw.
 */
import type { LanguageModelV3CallOptions, LanguageModelV3GenerateResult, LanguageModelV3Prompt, LanguageModelV3StreamPart, LanguageModelV3StreamResult } from '@ai-sdk/provider';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';

/** One scripted answer: a call of `tool` with `input`, or a text. */
export type ScriptedAnswer = { tool: string; input: Record<string, unknown> } | { text: string };

/** Chooses the answer to a call from its index (from 0) and prompt. */
export type AnswerScript = (call: number, prompt: LanguageModelV3Prompt) => ScriptedAnswer;

const USAGE = { inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } };

function generateResult(answer: ScriptedAnswer, call: number): LanguageModelV3GenerateResult {
  if ('text' in answer) return { content: [{ type: 'text', text: answer.text }], finishReason: { unified: 'stop', raw: 'stop' }, usage: USAGE, warnings: [] };
  return {
    content: [{ type: 'tool-call', toolCallId: `call_${call}`, toolName: answer.tool, input: JSON.stringify(answer.input) }],
    finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
    usage: USAGE,
    warnings: [],
  };
}

function streamResult(answer: ScriptedAnswer, call: number): LanguageModelV3StreamResult {
  const finish: LanguageModelV3StreamPart = { type: 'finish', usage: USAGE, finishReason: 'text' in answer ? { unified: 'stop', raw: 'stop' } : { unified: 'tool-calls', raw: 'tool_calls' } };
  const body: LanguageModelV3StreamPart[] =
    'text' in answer
      ? [{ type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: answer.text }, { type: 'text-end', id: 't' }]
      : [{ type: 'tool-call', toolCallId: `call_${call}`, toolName: answer.tool, input: JSON.stringify(answer.input) }];
  return { stream: simulateReadableStream({ chunks: [{ type: 'stream-start', warnings: [] }, ...body, finish] }) };
}

/** A mock model answering by the script; its `doGenerateCalls` / `doStreamCalls` keep every prompt. */
export function scriptedModel(script: AnswerScript): MockLanguageModelV3 {
  let calls = 0;
  return new MockLanguageModelV3({
    doGenerate: (options: LanguageModelV3CallOptions) => {
      const call = calls++;
      return Promise.resolve(generateResult(script(call, options.prompt), call));
    },
    doStream: (options: LanguageModelV3CallOptions) => {
      const call = calls++;
      return Promise.resolve(streamResult(script(call, options.prompt), call));
    },
  });
}

/** JSON text of a value; a value that cannot be serialized (a cycle) reads as a placeholder. */
function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value ?? '');
  } catch {
    return '[unserializable]';
  }
}

/** The text of a tool result's output as the model gets it. */
function outputText(output: unknown): string {
  const value = (output as { value?: unknown; reason?: unknown }).value ?? (output as { reason?: unknown }).reason;
  return typeof value === 'string' ? value : jsonText(value);
}

/** Every text of a prompt (system, user and assistant text, tool inputs and outputs), joined. */
export function promptText(prompt: LanguageModelV3Prompt): string {
  const texts: string[] = [];
  for (const message of prompt) {
    if (message.role === 'system') {
      texts.push(message.content);
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'text' || part.type === 'reasoning') texts.push(part.text);
      else if (part.type === 'tool-call') texts.push(jsonText(part.input));
      else if (part.type === 'tool-result') texts.push(outputText(part.output));
    }
  }
  return texts.join('\n');
}

/** The texts of a prompt's user messages. */
export function userTexts(prompt: LanguageModelV3Prompt): string[] {
  return prompt.flatMap((message) => (message.role === 'user' ? message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])) : []));
}

/** Per prompt, the user texts other than the task that were not in an earlier prompt: what was injected. */
export function injectedPerPrompt(prompts: readonly LanguageModelV3Prompt[], task: string): string[][] {
  const seen = new Set<string>([task]);
  return prompts.map((prompt) => {
    const fresh = userTexts(prompt).filter((text) => !seen.has(text));
    for (const text of fresh) seen.add(text);
    return fresh;
  });
}
