/**
 * The integration contract with the real Claude Agent SDK: `query()` with wink's hooks, the scripted model on the
 * local Messages API server, and the contract's tool as an in-process MCP tool (`createSdkMcpServer`) that records
 * what really ran. What the model saw is read from the requests the SDK's Claude Code sent. For the sabotaged run,
 * the driver hands wink's callbacks the first call's input with a cycle in it (a model's JSON input cannot hold one).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWinkClaudeAgent, type ClaudeAgentHookCallback, type ClaudeAgentHooks } from '../../src/claude-agent-sdk/index.js';
import { startFakeAnthropicServer } from '../../src/testing/index.js';
import { CONTRACT_COMMANDS, CONTRACT_TOOL, CONTRACT_TASK, contractToolOutput, FINAL_ANSWER, contractSessionOptions, runIntegrationContract, type ContractRun, type ContractRunOptions } from '../support/integration-contract.js';
import { removeTemporaryFolder } from '../support/temporary-folders.js';
import { claudeAgentSdkPackage, claudeCodeBinary } from './support/agent-packages.js';
import { allTexts, toolHookContexts } from './support/anthropic-conversation.js';
import { CLAUDE_RUN_TIMEOUT_MILLISECONDS } from './support/claude-code-run.js';
import { loadClaudeAgentSdk, loadSdkZod, runSdkQuery } from './support/claude-agent-sdk-run.js';
import { describe, it } from 'vitest';

const MCP_SERVER = 'contract';
/** The name the model calls the in-process tool by. */
const MODEL_TOOL = `mcp__${MCP_SERVER}__${CONTRACT_TOOL}`;

const sdkPackage = await claudeAgentSdkPackage();
const agent = await claudeCodeBinary();
const skipReason = 'skipReason' in sdkPackage ? sdkPackage.skipReason : 'skipReason' in agent ? agent.skipReason : undefined;


/** Wraps wink's callbacks so the first tool call's input reaches them with a cycle in it. */
function withCyclicFirstInput(hooks: ClaudeAgentHooks): void {
  let firstCall: string | undefined;
  for (const matchers of Object.values(hooks)) {
    for (const matcher of matchers ?? []) {
      matcher.hooks = matcher.hooks.map((hook): ClaudeAgentHookCallback => (input, toolUseId, options) => {
        if (typeof input.tool_use_id !== 'string') return hook(input, toolUseId, options);
        firstCall ??= input.tool_use_id;
        if (input.tool_use_id !== firstCall) return hook(input, toolUseId, options);
        const cyclic: Record<string, unknown> = { ...(input.tool_input as Record<string, unknown>) };
        cyclic.self = cyclic;
        return hook({ ...input, tool_input: cyclic }, toolUseId, options);
      });
    }
  }
}

async function runRealSdk(options: ContractRunOptions): Promise<ContractRun> {
  if (!('folder' in sdkPackage) || !('binary' in agent)) throw new Error('unreachable: skipped');
  const run: ContractRun = { injectedPerRequest: [], requestTexts: [], executed: [], callerErrors: [], finalText: '' };
  const root = mkdtempSync(join(tmpdir(), 'wink-agents-claude-sdk-contract-'));
  const server = await startFakeAnthropicServer({ script: [...CONTRACT_COMMANDS.map((command) => ({ toolUses: [{ name: MODEL_TOOL, input: { command } }] })), { text: FINAL_ANSWER }] });
  try {
    const sdk = await loadClaudeAgentSdk(sdkPackage.folder);
    const z = await loadSdkZod(sdkPackage.folder);
    const runCommand = sdk.tool(CONTRACT_TOOL, 'Runs a shell command', { command: z.string() }, (input) => {
      const command = String(input.command);
      run.executed.push(command);
      const result = contractToolOutput(command);
      return Promise.resolve({ content: [{ type: 'text', text: result.output }], isError: result.isError });
    });
    const { hooks, session } = createWinkClaudeAgent({
      ...contractSessionOptions(options),
    });
    if (options.sabotage) withCyclicFirstInput(hooks);
    for (const folder of ['home', 'project']) mkdirSync(join(root, folder));
    const result = await runSdkQuery(sdk, {
      prompt: CONTRACT_TASK, cwd: join(root, 'project'), home: join(root, 'home'), winkHome: join(root, 'wink-home'), serverUrl: server.url, binary: agent.binary,
      hooks, allowedTools: [MODEL_TOOL], mcpServers: { [MCP_SERVER]: sdk.createSdkMcpServer({ name: MCP_SERVER, tools: [runCommand] }) },
    });
    await session.close();
    run.finalText = result.result?.result ?? '';
  } catch (error) {
    run.callerErrors.push(error);
  } finally {
    await server.close();
    await removeTemporaryFolder(root);
  }
  const seen = new Set<string>();
  for (const request of server.mainLoopRequests()) {
    run.requestTexts.push(allTexts(request).join('\n'));
    const fresh = toolHookContexts(request).map(({ context }) => context).filter((context) => !seen.has(context));
    fresh.forEach((context) => seen.add(context));
    run.injectedPerRequest.push(fresh);
  }
  return run;
}

if (skipReason) {
  process.stderr.write(`\n[test:agents] Claude Agent SDK contract: SKIPPED — ${skipReason}\n`);
  describe('integration contract: claude-agent-sdk (real SDK)', () => {
    it.skip(`skipped: ${skipReason}`, () => undefined);
  });
} else {
  runIntegrationContract('claude-agent-sdk (real SDK 0.3.329, Claude Code 2.1.329)', { run: runRealSdk }, CLAUDE_RUN_TIMEOUT_MILLISECONDS);
}
