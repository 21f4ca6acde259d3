/**
 * The AI SDK integrations pass the integration contract, driven by the SDK's own loop (`generateText` with
 * tools and `stopWhen`) against a scripted `MockLanguageModelV3`: once through `winkPrepareStep`, once through
 * `winkMiddleware` in `wrapLanguageModel`; tools wrapped by `winkTools` in both.
 */
import { generateText, stepCountIs, tool, wrapLanguageModel, type LanguageModel } from 'ai';
import { z } from 'zod';
import { winkMiddleware, winkPrepareStep, winkTools } from '../../src/ai-sdk/index.js';
import type { WinkSession } from '../../src/session/index.js';
import { injectedPerPrompt, promptText, scriptedModel } from '../support/ai-sdk-scripted-model.js';
import { CONTRACT_COMMANDS, CONTRACT_TASK, CONTRACT_TOOL, contractToolOutput, FINAL_ANSWER, contractSessionOptions, runIntegrationContract, type ContractRun, type ContractRunOptions } from '../support/integration-contract.js';


/** The command input; under sabotage the first parsed input holds a cycle (it cannot be serialized). */
function commandSchema(sabotage: boolean) {
  let parsed = 0;
  return z.object({ command: z.string() }).transform((input) => {
    if (!sabotage || parsed++ > 0) return input;
    const cyclic: Record<string, unknown> = { ...input };
    cyclic.self = cyclic;
    return cyclic as { command: string };
  });
}

type Wiring = 'prepareStep' | 'middleware';

async function runAgent(wiring: Wiring, options: ContractRunOptions): Promise<ContractRun> {
  const run: ContractRun = { injectedPerRequest: [], requestTexts: [], executed: [], callerErrors: [], finalText: '' };
  const sessionOptions = {
    task: CONTRACT_TASK,
    ...contractSessionOptions(options),
  };
  const model = scriptedModel((call) => {
    const command = CONTRACT_COMMANDS[call];
    return command === undefined ? { text: FINAL_ANSWER } : { tool: CONTRACT_TOOL, input: { command } };
  });
  const prepareStep = wiring === 'prepareStep' ? winkPrepareStep(sessionOptions) : undefined;
  const middleware = wiring === 'middleware' ? winkMiddleware(sessionOptions) : undefined;
  const session = (prepareStep?.session ?? middleware?.session) as WinkSession;
  const tools = winkTools(
    {
      [CONTRACT_TOOL]: tool({
        inputSchema: commandSchema(options.sabotage === true),
        execute: ({ command }) => {
          run.executed.push(command);
          const result = contractToolOutput(command);
          if (result.isError) throw new Error(result.output);
          return result.output;
        },
      }),
    },
    { session },
  );
  try {
    const result = await generateText({
      model: middleware ? wrapLanguageModel({ model, middleware }) : (model as LanguageModel),
      tools,
      messages: [{ role: 'user', content: CONTRACT_TASK }],
      stopWhen: stepCountIs(CONTRACT_COMMANDS.length + 2),
      prepareStep,
      onStepFinish: prepareStep?.onStepFinish,
    });
    run.finalText = result.text;
    await session.close();
  } catch (error) {
    run.callerErrors.push(error);
  }
  const prompts = model.doGenerateCalls.map((call) => call.prompt);
  run.injectedPerRequest = injectedPerPrompt(prompts, CONTRACT_TASK);
  run.requestTexts = prompts.map(promptText);
  return run;
}

runIntegrationContract('ai-sdk prepareStep', { run: (options) => runAgent('prepareStep', options) });
runIntegrationContract('ai-sdk middleware', { run: (options) => runAgent('middleware', options) });
