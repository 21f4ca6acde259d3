/**
 * `agent-wink/ai-sdk` through the SDK's own machinery (`generateText`, `streamText`, `ToolLoopAgent`,
 * `wrapLanguageModel`) against a scripted `MockLanguageModelV3`: a failing tool call repeated until wink's
 * reminder reaches the model's prompt, once; refused calls never run; the final answer is observed.
 */
import type { LanguageModelV3Prompt } from '@ai-sdk/provider';
import { generateText, stepCountIs, streamText, tool, ToolLoopAgent, wrapLanguageModel, type LanguageModel, type ModelMessage, type ToolSet } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { winkMiddleware, winkPrepareStep, winkTools } from '../../src/ai-sdk/index.js';
import { createWinkSession, type ProposedToolCall, type WinkSession, type WinkStepInput } from '../../src/session/index.js';
import { scriptedModel, userTexts } from '../support/ai-sdk-scripted-model.js';

const TASK = 'Make the test suite pass. Do not run git push.';
const FAILING_COMMAND = 'npm test';
const FAILING_OUTPUT = "Error: Cannot find module 'vitest'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1145:15)";
const GUIDANCE_MARK = 'wink (course correction)';
const FINAL_ANSWER = 'The vitest module is missing; the suite cannot run until it is installed.';
/** Calls after which the scripted model stops calling the failing command. */
const FAILING_CALLS = 5;

/** A real session whose observed steps and checked calls are kept. */
function recordingSession(): { session: WinkSession; observed: WinkStepInput[]; checked: ProposedToolCall[] } {
  const inner = createWinkSession({ task: TASK, onError: (error) => expect.unreachable(error.message) });
  const observed: WinkStepInput[] = [];
  const checked: ProposedToolCall[] = [];
  const session: WinkSession = {
    id: inner.id,
    get delivers() {
      return inner.delivers;
    },
    observe: (input) => {
      observed.push(...((Array.isArray(input) ? input : [input]) as WinkStepInput[]));
      inner.observe(input);
    },
    guidance: () => inner.guidance(),
    beforeToolCall: (call, options) => {
      checked.push(call);
      return inner.beforeToolCall(call, options);
    },
    beforeStop: (message, options) => inner.beforeStop(message, options),
    summary: () => inner.summary(),
    close: () => inner.close(),
  };
  return { session, observed, checked };
}

function failingTools(executed: string[]): ToolSet {
  return {
    run_command: tool({
      inputSchema: z.object({ command: z.string() }),
      execute: ({ command }) => {
        executed.push(command);
        if (command === FAILING_COMMAND) throw new Error(FAILING_OUTPUT);
        return `ran: ${command}`;
      },
    }),
  };
}

type Wiring = 'generateText + prepareStep' | 'streamText + prepareStep' | 'ToolLoopAgent + prepareStep' | 'generateText + middleware' | 'streamText + middleware';

/** Runs the scripted model (commands, then the final answer) through one wiring; returns the prompts the model got. */
async function runWiring(wiring: Wiring, commands: readonly string[], recording = recordingSession()): Promise<{ prompts: LanguageModelV3Prompt[]; executed: string[]; finalText: string }> {
  const model = scriptedModel((call) => (call < commands.length ? { tool: 'run_command', input: { command: commands[call] } } : { text: FINAL_ANSWER }));
  const executed: string[] = [];
  const tools = winkTools(failingTools(executed), { session: recording.session });
  const usesMiddleware = wiring.endsWith('middleware');
  const prepareStep = usesMiddleware ? undefined : winkPrepareStep({ session: recording.session });
  const wrapped: LanguageModel = usesMiddleware ? wrapLanguageModel({ model, middleware: winkMiddleware({ session: recording.session }) }) : model;
  const settings = { model: wrapped, tools, stopWhen: stepCountIs(commands.length + 2), prepareStep, onStepFinish: prepareStep?.onStepFinish };
  const messages = [{ role: 'user' as const, content: TASK }];
  let finalText: string;
  if (wiring.startsWith('generateText')) finalText = (await generateText({ ...settings, messages })).text;
  else if (wiring.startsWith('streamText')) finalText = await streamText({ ...settings, messages }).text;
  else finalText = (await new ToolLoopAgent(settings).generate({ messages })).text;
  const calls = wiring.startsWith('streamText') ? model.doStreamCalls : model.doGenerateCalls;
  return { prompts: calls.map((call) => call.prompt), executed, finalText };
}

const WIRINGS: Wiring[] = ['generateText + prepareStep', 'streamText + prepareStep', 'ToolLoopAgent + prepareStep', 'generateText + middleware', 'streamText + middleware'];
const REPEATED = Array.from({ length: FAILING_CALLS }, () => FAILING_COMMAND);

describe('ai-sdk: a failing call repeated', () => {
  it.each(WIRINGS)('%s: the reminder reaches the prompt after the third failure, and not the next one', async (wiring) => {
    const { prompts, executed, finalText } = await runWiring(wiring, REPEATED);
    const guided = prompts.map((prompt) => userTexts(prompt).filter((text) => text.includes(GUIDANCE_MARK)));
    expect(guided.slice(0, 3)).toEqual([[], [], []]);
    expect(guided[3]).toHaveLength(1);
    expect(guided[3][0]).toContain(FAILING_COMMAND);
    expect(guided[4]).toEqual([]);
    expect(prompts[3][prompts[3].length - 1]).toEqual({ role: 'user', content: [{ type: 'text', text: guided[3][0] }] });
    // After the reminder, wink's PreToolUse policy refuses the same failing call: it runs three times only.
    expect(executed).toEqual(REPEATED.slice(0, 3));
    expect(JSON.stringify(prompts[4][prompts[4].length - 1])).toContain('wink refused this call before it ran');
    expect(finalText).toBe(FINAL_ANSWER);
  });
});

describe('ai-sdk: refused calls', () => {
  it.each(WIRINGS)('%s: a forbidden call never runs; the model reads why, and the session saw the call id', async (wiring) => {
    const recording = recordingSession();
    const { prompts, executed } = await runWiring(wiring, ['git push origin main'], recording);
    expect(executed).toEqual([]);
    const result = prompts[1].flatMap((message) => (message.role === 'tool' ? message.content : []));
    expect(result).toMatchObject([{ type: 'tool-result', toolCallId: 'call_0', output: { type: 'error-text', value: expect.stringContaining('wink refused this call before it ran') } }]);
    expect(recording.checked).toEqual([{ tool: 'run_command', input: { command: 'git push origin main' }, callId: 'call_0' }]);
    // The session matches the result to the refused call by its id: a refusal, not a failure.
    expect(recording.observed.filter((step) => step.kind === 'tool-result')).toMatchObject([{ callId: 'call_0', isError: true }]);
    expect(recording.session.summary().findings.filter((finding) => finding.category === 'tool-call-failure')).toEqual([]);
  });

  it('a refused call of a tool with its own toModelOutput reaches the model as an error with the reason; allowed ones as the tool renders them', async () => {
    const recording = recordingSession();
    const executed: string[] = [];
    const tools = winkTools(
      {
        run_command: tool({
          inputSchema: z.object({ command: z.string() }),
          execute: ({ command }) => {
            executed.push(command);
            return { exitCode: 0 };
          },
          toModelOutput: ({ output }) => ({ type: 'text', value: `exit code ${output.exitCode}` }),
        }),
      },
      { session: recording.session },
    );
    const commands = ['ls', 'git push origin main'];
    const model = scriptedModel((call) => (call < commands.length ? { tool: 'run_command', input: { command: commands[call] } } : { text: FINAL_ANSWER }));
    await generateText({ model, tools, messages: [{ role: 'user', content: TASK }], stopWhen: stepCountIs(4) });
    const outputs = model.doGenerateCalls[2].prompt.flatMap((message) => (message.role === 'tool' ? message.content.map((part) => part.type === 'tool-result' && part.output) : []));
    expect(executed).toEqual(['ls']);
    expect(outputs).toMatchObject([{ type: 'text', value: 'exit code 0' }, { type: 'error-text', value: expect.stringContaining('wink refused this call before it ran') }]);
  });
});

describe('ai-sdk: the system prompt', () => {
  it('through middleware, a rule of the system prompt refuses the call it forbids, citing the system prompt', async () => {
    const session = createWinkSession({ task: 'Fix the typo in README.md', onError: (error) => expect.unreachable(error.message) });
    const model = scriptedModel((call) => (call === 0 ? { tool: 'run_command', input: { command: 'git push origin main' } } : { text: 'Done.' }));
    const executed: string[] = [];
    const result = await generateText({
      model: wrapLanguageModel({ model, middleware: winkMiddleware({ session }) }),
      system: 'You are a coding agent. Never run git push: the maintainers push.',
      tools: winkTools(failingTools(executed), { session }),
      stopWhen: stepCountIs(3),
      messages: [{ role: 'user', content: 'Fix the typo in README.md' }],
    });
    expect(executed).toEqual([]);
    expect(result.text).toBe('Done.');
    const refusal = JSON.stringify(model.doGenerateCalls[1].prompt);
    expect(refusal).toContain('wink refused this call before it ran');
    expect(refusal).toContain('what the system prompt says');
  });
});

describe('ai-sdk: what the session observes', () => {
  it.each([
    { wiring: 'generateText + prepareStep' as const, finalObserved: true },
    { wiring: 'streamText + prepareStep' as const, finalObserved: true },
    { wiring: 'generateText + middleware' as const, finalObserved: false },
  ])('$wiring: every step once, the final answer when it can be seen ($finalObserved)', async ({ wiring, finalObserved }) => {
    const recording = recordingSession();
    await runWiring(wiring, ['ls'], recording);
    const expected: WinkStepInput[] = [
      { kind: 'user', text: TASK },
      { kind: 'tool-call', callId: 'call_0', tool: 'run_command', input: { command: 'ls' } },
      { kind: 'tool-result', callId: 'call_0', tool: 'run_command', output: 'ran: ls', isError: false },
    ];
    if (finalObserved) expected.push({ kind: 'assistant', text: FINAL_ANSWER, reasoning: undefined });
    expect(recording.observed).toEqual(expected);
    // The task, given at creation, is one step; its user message in the history is not observed twice.
    expect(recording.session.summary().steps).toBe(expected.length);
  });
});

describe('ai-sdk: a tool call the developer did not approve', () => {
  it('is observed once, as rejected, across the two generateText calls of an approval', async () => {
    const recording = recordingSession();
    const prepareStep = winkPrepareStep({ session: recording.session });
    const executed: string[] = [];
    const deploy = tool({
      inputSchema: z.object({ target: z.string() }),
      needsApproval: true,
      execute: ({ target }) => {
        executed.push(target);
        return 'deployed';
      },
    });
    const tools = winkTools({ deploy }, { session: recording.session });
    const model = scriptedModel((call) => (call === 0 ? { tool: 'deploy', input: { target: 'production' } } : { text: 'Not deployed: the deploy was not approved.' }));
    const settings = { model, tools, stopWhen: stepCountIs(4), prepareStep, onStepFinish: prepareStep.onStepFinish };
    const messages: ModelMessage[] = [{ role: 'user', content: TASK }];
    const first = await generateText({ ...settings, messages });
    const request = first.content.find((part) => part.type === 'tool-approval-request');
    expect(request).toBeDefined();
    messages.push(...first.response.messages, { role: 'tool', content: [{ type: 'tool-approval-response', approvalId: request?.approvalId ?? '', approved: false, reason: 'Not on a Friday.' }] });
    await generateText({ ...settings, messages });
    expect(executed).toEqual([]);
    expect(recording.observed.filter((step) => step.kind === 'tool-result')).toEqual([{ kind: 'tool-result', callId: 'call_0', tool: 'deploy', output: 'Not on a Friday.', isError: true, rejected: true }]);
    expect(recording.observed.filter((step) => step.kind === 'assistant')).toHaveLength(1);
    expect(recording.session.summary().findings.map((finding) => finding.messageId)).toEqual(['rejected-tool-use']);
  });
});
