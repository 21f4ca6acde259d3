/**
 * wink's Claude Agent SDK hooks pass the integration contract, driven by a loop that plays the SDK's own: the
 * prompt goes through UserPromptSubmit; each tool call through PreToolUse, then runs unless denied (a denied call's
 * result is `PreToolUse:<tool> hook error: <reason>`, and no PostToolUse follows), then PostToolUse or
 * PostToolUseFailure; an additionalContext is put after the tool result it came with, as Claude Code does, and so
 * reaches the model in the next request; the final answer goes through Stop.
 */
import { createWinkClaudeAgent } from '../../src/claude-agent-sdk/index.js';
import type { ClaudeAgentHookInput, ClaudeAgentHookOutput, ClaudeAgentHooks } from '../../src/claude-agent-sdk/index.js';
import { CONTRACT_COMMANDS, CONTRACT_TASK, CONTRACT_TOOL, contractToolOutput, FINAL_ANSWER, contractSessionOptions, runIntegrationContract, type ContractRun, type ContractRunOptions } from '../support/integration-contract.js';


const BASE = { session_id: 'contract-session', transcript_path: '/tmp/contract/session.jsonl', cwd: '/tmp/contract', permission_mode: 'default' };
const SIGNAL = { signal: new AbortController().signal };

/** Runs every wink callback registered for the input's event, as the SDK does; returns their answers. */
async function fire(hooks: ClaudeAgentHooks, input: ClaudeAgentHookInput, toolUseId?: string): Promise<ClaudeAgentHookOutput[]> {
  const answers: ClaudeAgentHookOutput[] = [];
  for (const matcher of hooks[input.hook_event_name as keyof ClaudeAgentHooks] ?? []) for (const hook of matcher.hooks) answers.push(await hook(input, toolUseId, SIGNAL));
  return answers;
}

function additionalContexts(answers: ClaudeAgentHookOutput[]): string[] {
  return answers.flatMap((answer) => (answer.hookSpecificOutput?.additionalContext ? [answer.hookSpecificOutput.additionalContext] : []));
}

async function runSimulatedLoop(options: ContractRunOptions): Promise<ContractRun> {
  const run: ContractRun = { injectedPerRequest: [], requestTexts: [], executed: [], callerErrors: [], finalText: '' };
  const { hooks, session } = createWinkClaudeAgent({
    ...contractSessionOptions(options),
  });
  /** What the model sees, in order: prompt, calls, results, hook contexts. */
  const conversation: string[] = [CONTRACT_TASK];
  let fresh: string[] = [];
  try {
    await fire(hooks, { ...BASE, hook_event_name: 'SessionStart', source: 'startup' });
    await fire(hooks, { ...BASE, hook_event_name: 'UserPromptSubmit', prompt: CONTRACT_TASK });
    for (let turn = 0; ; turn++) {
      run.injectedPerRequest.push(fresh);
      run.requestTexts.push(conversation.join('\n'));
      fresh = [];
      const command = CONTRACT_COMMANDS[turn];
      if (command === undefined) {
        const [stop] = await fire(hooks, { ...BASE, hook_event_name: 'Stop', stop_hook_active: false, last_assistant_message: FINAL_ANSWER });
        if (stop?.decision === 'block') throw new Error(`the honest final answer was blocked: ${stop.reason}`);
        conversation.push(FINAL_ANSWER);
        run.finalText = FINAL_ANSWER;
        break;
      }
      const toolUseId = `toolu_${turn}`;
      const input: Record<string, unknown> = { command };
      if (options.sabotage && turn === 0) input.self = input;
      conversation.push(`${CONTRACT_TOOL} ${command}`);
      const before = await fire(hooks, { ...BASE, hook_event_name: 'PreToolUse', tool_name: CONTRACT_TOOL, tool_input: input, tool_use_id: toolUseId }, toolUseId);
      const denial = before.find((answer) => answer.hookSpecificOutput?.hookEventName === 'PreToolUse' && answer.hookSpecificOutput.permissionDecision === 'deny');
      let after: ClaudeAgentHookOutput[] = [];
      if (denial?.hookSpecificOutput?.hookEventName === 'PreToolUse') {
        conversation.push(`PreToolUse:${CONTRACT_TOOL} hook error: ${denial.hookSpecificOutput.permissionDecisionReason}`);
      } else {
        run.executed.push(command);
        const result = contractToolOutput(command);
        conversation.push(result.output);
        after = result.isError
          ? await fire(hooks, { ...BASE, hook_event_name: 'PostToolUseFailure', tool_name: CONTRACT_TOOL, tool_input: input, tool_use_id: toolUseId, error: result.output }, toolUseId)
          : await fire(hooks, { ...BASE, hook_event_name: 'PostToolUse', tool_name: CONTRACT_TOOL, tool_input: input, tool_use_id: toolUseId, tool_response: result.output }, toolUseId);
      }
      for (const context of additionalContexts([...before, ...after])) {
        conversation.push(context);
        fresh.push(context);
      }
    }
    await fire(hooks, { ...BASE, hook_event_name: 'SessionEnd', reason: 'other' });
    await session.close();
  } catch (error) {
    run.callerErrors.push(error);
  }
  return run;
}

runIntegrationContract('claude-agent-sdk hooks (simulated loop)', { run: runSimulatedLoop });
