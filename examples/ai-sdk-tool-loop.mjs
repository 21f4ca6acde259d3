// wink inside a Vercel AI SDK 6 agent: a ToolLoopAgent whose model keeps re-running a failing test command,
// until wink's reminder reaches it and it changes approach. The model is a scripted OpenAI-compatible server
// on 127.0.0.1 (no network, no key), reached through @ai-sdk/openai as a real model would be.
//
// Run from the checkout after `npm run build`:  node examples/ai-sdk-tool-loop.mjs
import { createOpenAI } from '@ai-sdk/openai';
import { jsonSchema, stepCountIs, tool, ToolLoopAgent } from 'ai';
import { winkPrepareStep, winkTools } from 'agent-wink/ai-sdk';
import { startFakeOpenAiServer } from 'agent-wink/testing';

const TASK = 'Make `npm test` pass in this project.';
const MISSING_MODULE = "Error: Cannot find module 'vitest'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1145:15)";
const REMINDER_MARK = 'wink (course correction)';

// The project the agent works on: its tests fail until vitest is installed.
let vitestInstalled = false;
function runCommand(command) {
  if (command === 'npm install --save-dev vitest') {
    vitestInstalled = true;
    return 'added 42 packages in 3s';
  }
  if (command === 'npm test') {
    if (!vitestInstalled) throw new Error(MISSING_MODULE);
    return 'Test Files  4 passed (4)\n     Tests  31 passed (31)';
  }
  throw new Error(`unknown command: ${command}`);
}

// The scripted model: it retries `npm test` as long as nothing tells it otherwise; once a request carries
// wink's reminder, it installs the missing module, runs the tests again and reports.
let recovering = false;
let recoverySteps = 0;
function scriptedModel(request) {
  const body = JSON.stringify(request.body?.messages ?? []);
  if (body.includes(REMINDER_MARK)) recovering = true;
  if (!recovering) return { toolCalls: [{ name: 'run_command', arguments: { command: 'npm test' } }] };
  recoverySteps += 1;
  if (recoverySteps === 1) return { content: 'The module is missing; installing it.', toolCalls: [{ name: 'run_command', arguments: { command: 'npm install --save-dev vitest' } }] };
  if (recoverySteps === 2) return { toolCalls: [{ name: 'run_command', arguments: { command: 'npm test' } }] };
  return { content: 'vitest was missing: I installed it and `npm test` now passes (31 tests).' };
}

const server = await startFakeOpenAiServer({ script: scriptedModel });
const prepareStep = winkPrepareStep({ task: TASK, agent: 'ai-sdk-example' });
const lines = [];
try {
  const openai = createOpenAI({ baseURL: server.url, apiKey: 'test' });
  const agent = new ToolLoopAgent({
    model: openai.chat('scripted-model'),
    instructions: 'You are a careful coding agent.',
    tools: winkTools(
      {
        run_command: tool({
          description: 'Runs a shell command in the project.',
          inputSchema: jsonSchema({ type: 'object', properties: { command: { type: 'string' } }, required: ['command'] }),
          execute: ({ command }) => runCommand(command),
        }),
      },
      { session: prepareStep.session },
    ),
    stopWhen: stepCountIs(12),
    prepareStep,
    onStepFinish: (step) => {
      prepareStep.onStepFinish(step);
      const parts = step.content.map((part) => {
        if (part.type === 'text') return `says "${part.text}"`;
        if (part.type === 'tool-call') return `${part.toolName} ${JSON.stringify(part.input)}`;
        if (part.type === 'tool-result') return `-> ok: ${String(part.output).split('\n')[0]}`;
        if (part.type === 'tool-error') return `-> error: ${String(part.error?.message ?? part.error).split('\n')[0]}`;
        return '';
      });
      lines.push(`step ${lines.length + 1}: ${parts.filter((part) => part.length > 0).join(' ')}`);
    },
  });
  const result = await agent.generate({ prompt: TASK });
  const requests = server.chatRequests();
  const reminded = requests.flatMap((request, index) => (JSON.stringify(request.body?.messages ?? []).includes(REMINDER_MARK) ? [index + 1] : []));
  const summary = await prepareStep.session.close();

  console.log(`task: ${TASK}\n`);
  console.log(lines.join('\n'));
  if (reminded.length > 0) {
    const messages = requests[reminded[0] - 1].body.messages;
    const reminder = String(messages[messages.length - 1].content);
    console.log(`\nwink's reminder, in model request ${reminded.join(', ')} of ${requests.length}:\n${reminder.split('\n').map((line) => `  | ${line}`).join('\n')}`);
  } else {
    console.log('\nwink gave no reminder');
  }
  console.log(`\nfinal answer: ${result.text}`);
  const recoveries = summary.recoveries.map((recovery) => `${recovery.outcome} (${recovery.reason})`).join('; ') || 'none decided';
  console.log(`wink: ${summary.steps} steps observed, ${summary.findings.length} findings, ${summary.interventions.filter((item) => item.delivered).length} reminders delivered, ${summary.errors} errors; recovery: ${recoveries}`);
  process.exitCode = vitestInstalled && reminded.length === 1 ? 0 : 1;
} finally {
  await server.close();
}
