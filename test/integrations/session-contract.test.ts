/** The plain session API passes the integration contract, driven by a minimal hand-written agent loop over OpenAI-style messages. */
import { createWinkSession, type ChatMessage } from '../../src/session/index.js';
import { CONTRACT_COMMANDS, CONTRACT_TASK, CONTRACT_TOOL, contractToolOutput, FINAL_ANSWER, contractSessionOptions, runIntegrationContract, type ContractRun, type ContractRunOptions } from '../support/integration-contract.js';


async function runLoop(options: ContractRunOptions): Promise<ContractRun> {
  const run: ContractRun = { injectedPerRequest: [], requestTexts: [], executed: [], callerErrors: [], finalText: '' };
  const session = createWinkSession({
    task: CONTRACT_TASK,
    ...contractSessionOptions(options),
  });
  const messages: ChatMessage[] = [{ role: 'user', content: CONTRACT_TASK }];
  try {
    for (let turn = 0; turn <= CONTRACT_COMMANDS.length; turn++) {
      session.observe(messages);
      const reminder = session.guidance();
      if (reminder) messages.push({ role: 'user', content: reminder });
      run.injectedPerRequest.push(reminder ? [reminder] : []);
      run.requestTexts.push(messages.map((message) => String(message.content ?? '')).join('\n'));
      const command = CONTRACT_COMMANDS[turn];
      if (command === undefined) {
        messages.push({ role: 'assistant', content: FINAL_ANSWER });
        run.finalText = FINAL_ANSWER;
        break;
      }
      const callId = `call_${turn}`;
      const input: Record<string, unknown> = { command };
      if (options.sabotage && turn === 0) input.self = input;
      messages.push({ role: 'assistant', content: null, tool_calls: [{ id: callId, type: 'function', function: { name: CONTRACT_TOOL, arguments: JSON.stringify({ command }) } }] });
      const verdict = session.beforeToolCall({ tool: CONTRACT_TOOL, input, callId });
      if (!verdict.allow) {
        messages.push({ role: 'tool', tool_call_id: callId, content: verdict.reason });
        continue;
      }
      run.executed.push(command);
      const result = contractToolOutput(command);
      messages.push({ role: 'tool', tool_call_id: callId, content: result.output });
      if (options.sabotage && turn === 0) session.observe({ kind: 'tool-call', tool: CONTRACT_TOOL, input, callId: 'cyclic' });
    }
    session.observe(messages);
    await session.close();
  } catch (error) {
    run.callerErrors.push(error);
  }
  return run;
}

runIntegrationContract('session (OpenAI messages)', { run: runLoop });
