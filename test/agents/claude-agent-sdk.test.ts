/**
 * The real Claude Agent SDK with wink's hooks (`agent-wink/claude-agent-sdk`), driven by a scripted model on a
 * local Messages API server, through the same misbehaving session as the Claude Code CLI test. Asserts from the
 * requests the SDK's Claude Code sent to the model that wink's reminder (a PostToolUseFailure additionalContext)
 * reached the model in the request after the repeated failure, that `git push` was denied by PreToolUse and never
 * ran, and that the false success claim was blocked exactly once. Also runs `examples/claude-agent-sdk.mjs` from
 * a project that links `agent-wink` and the SDK. Skips, with the reason, when the SDK or the CLI is unavailable.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWinkClaudeAgent, winkQuery } from '../../src/claude-agent-sdk/index.js';
import type { WinkSessionSummary } from '../../src/session/index.js';
import { startFakeAnthropicServer, type FakeAnthropicServer, type RecordedRequest, type ScriptedReply } from '../../src/testing/index.js';
import { removeTemporaryFolder } from '../support/temporary-folders.js';
import { CLAUDE_AGENT_SDK_PACKAGE, claudeAgentSdkPackage, claudeCodeBinary } from './support/agent-packages.js';
import { PRE_TOOL_USE_DENIAL, STOP_FEEDBACK, toolExchanges, toolHookContexts } from './support/anthropic-conversation.js';
import { CLAUDE_RUN_TIMEOUT_MILLISECONDS, claudeEnvironment } from './support/claude-code-run.js';
import { loadClaudeAgentSdk, runSdkQuery, type SdkRun } from './support/claude-agent-sdk-run.js';
import { BUILD_ATTEMPTS, BUILD_COMMAND, createProject, FALSE_CLAIM, PROMPT, PUSH_COMMAND, remoteReferences, SCENARIO_STEPS } from './support/scenario.js';
import { REPOSITORY, winkBuildSkipReason } from './support/wink-build.js';

const ARTIFACTS = join(REPOSITORY, 'test-artifacts', 'agents');
const sdkPackage = await claudeAgentSdkPackage();
const agent = await claudeCodeBinary();
const skipReason = 'skipReason' in sdkPackage ? sdkPackage.skipReason : 'skipReason' in agent ? agent.skipReason : winkBuildSkipReason();
if (skipReason) process.stderr.write(`\n[test:agents] Claude Agent SDK: SKIPPED — ${skipReason}\n`);

function scriptedReplies(): ScriptedReply[] {
  return SCENARIO_STEPS.map((step) => (step.command ? { toolUses: [{ name: 'Bash', input: { command: step.command, description: `Run ${step.command}` } }] } : { text: step.text }));
}

describe.skipIf(Boolean(skipReason))(`Claude Agent SDK ${'version' in sdkPackage ? sdkPackage.version : ''} with winkHooks`, () => {
  let root: string;
  let remote: string;
  let server: FakeAnthropicServer;
  let run: SdkRun;
  let mainLoop: RecordedRequest[];
  let summary: WinkSessionSummary;
  const errors: string[] = [];

  beforeAll(async () => {
    if (!('folder' in sdkPackage) || !('binary' in agent)) return;
    root = mkdtempSync(join(tmpdir(), 'wink-agents-claude-sdk-'));
    const home = join(root, 'home');
    mkdirSync(home);
    const created = createProject(root);
    remote = created.remote;
    server = await startFakeAnthropicServer({ script: scriptedReplies() });
    const { hooks, session } = createWinkClaudeAgent({ onError: (error, where) => errors.push(`${where}: ${error.message}`) });
    const sdk = await loadClaudeAgentSdk(sdkPackage.folder);
    run = await runSdkQuery(sdk, { prompt: PROMPT, cwd: created.project, home, winkHome: join(root, 'wink-home'), serverUrl: server.url, binary: agent.binary, hooks, allowedTools: ['Bash'] });
    summary = await session.close();
    mainLoop = server.mainLoopRequests();
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'claude-agent-sdk-requests.json'), JSON.stringify(server.requests, null, 2));
  }, CLAUDE_RUN_TIMEOUT_MILLISECONDS + 60_000);

  afterAll(async () => {
    await server?.close();
    if (root) await removeTemporaryFolder(root);
  });

  it('runs the whole script and ends normally, with no error inside wink', () => {
    expect(run.result?.subtype, run.stderr).toBe('success');
    expect(mainLoop.length, 'one model request per scripted step, and no more').toBe(SCENARIO_STEPS.length);
    expect(errors).toEqual([]);
    expect(summary.errors).toBe(0);
  });

  it("puts wink's reminder in the request right after the third identical failure, once", () => {
    const reminders = (request: RecordedRequest) => toolHookContexts(request).filter(({ event, tool, context }) => event === 'PostToolUseFailure' && tool === 'Bash' && context.includes(BUILD_COMMAND));
    const first = mainLoop.findIndex((request) => reminders(request).length > 0);
    process.stderr.write(`[test:agents] Claude Agent SDK: wink's reminder first reached the model in request ${first + 1}:\n  ${reminders(mainLoop[first])[0]?.context}\n`);
    expect(first).toBe(BUILD_ATTEMPTS);
    const failed = toolExchanges(mainLoop[first]).filter((exchange) => exchange.command === BUILD_COMMAND && exchange.isError);
    expect(failed).toHaveLength(BUILD_ATTEMPTS);
    expect(reminders(mainLoop[first])).toHaveLength(1);
    expect(reminders(mainLoop[first])[0].context).toContain('wink (course correction)');
  });

  it('denies `git push` in PreToolUse: it never runs, and the model is told why', () => {
    const push = toolExchanges(mainLoop.at(-1) as RecordedRequest).find((exchange) => exchange.command === PUSH_COMMAND);
    expect(push?.result).toMatch(PRE_TOOL_USE_DENIAL);
    expect(push?.result).toContain('wink refused this call before it ran');
    expect(push?.isError).toBe(true);
    expect(remoteReferences(remote), 'nothing reached the remote').toBe('');
  });

  it('blocks the false success claim exactly once, then lets the agent stop', () => {
    const claimIndex = mainLoop.findIndex((request) => request.reply?.text === FALSE_CLAIM);
    expect(claimIndex).toBe(SCENARIO_STEPS.length - 2);
    const feedback = (mainLoop[claimIndex + 1]?.body?.messages ?? []).filter((message) => message.role === 'user' && JSON.stringify(message.content).includes(STOP_FEEDBACK));
    expect(feedback).toHaveLength(1);
    expect(mainLoop.slice(claimIndex + 2)).toEqual([]);
  });

  it("winkQuery finds the SDK in the working directory's project and runs query() with wink's hooks", async () => {
    if (!('folder' in sdkPackage) || !('binary' in agent)) return;
    const project = join(root, 'query-project');
    mkdirSync(join(project, 'node_modules', '@anthropic-ai'), { recursive: true });
    symlinkSync(sdkPackage.folder, join(project, 'node_modules', ...CLAUDE_AGENT_SDK_PACKAGE.split('/')));
    const scripted = await startFakeAnthropicServer({ script: [{ toolUses: [{ name: 'Bash', input: { command: PUSH_COMMAND } }] }, { text: 'I did not push.' }] });
    const startDirectory = process.cwd();
    try {
      process.chdir(project);
      const home = join(root, 'query-home');
      mkdirSync(home);
      const environment = { ...claudeEnvironment(home, scripted.url, join(root, 'wink-home')), CLAUDE_CONFIG_DIR: join(home, '.claude') };
      const options = { cwd: project, env: environment, settingSources: [], allowedTools: ['Bash'], pathToClaudeCodeExecutable: agent.binary };
      const messages = await winkQuery<AsyncIterable<{ type: string; subtype?: string }>>({ prompt: 'Check the repository. Do not run git push.', options });
      const types: string[] = [];
      for await (const message of messages) types.push(message.type === 'result' ? `result:${message.subtype}` : message.type);
      expect(types).toContain('result:success');
    } finally {
      process.chdir(startDirectory);
      await scripted.close();
    }
    const push = toolExchanges(scripted.mainLoopRequests().at(-1) as RecordedRequest).find((exchange) => exchange.command === PUSH_COMMAND);
    expect(push?.result).toMatch(PRE_TOOL_USE_DENIAL);
  }, CLAUDE_RUN_TIMEOUT_MILLISECONDS);

  it('runs examples/claude-agent-sdk.mjs from a project that links agent-wink and the SDK', () => {
    if (!('folder' in sdkPackage) || !('binary' in agent)) return;
    const project = join(root, 'example-project');
    mkdirSync(join(project, 'node_modules', '@anthropic-ai'), { recursive: true });
    symlinkSync(REPOSITORY, join(project, 'node_modules', 'agent-wink'));
    symlinkSync(sdkPackage.folder, join(project, 'node_modules', ...CLAUDE_AGENT_SDK_PACKAGE.split('/')));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'example-project', private: true, type: 'module' }));
    // Copied into the project, so its imports resolve from the project's node_modules as a user's script would.
    copyFileSync(join(REPOSITORY, 'examples', 'claude-agent-sdk.mjs'), join(project, 'example.mjs'));
    const environment = { ...claudeEnvironment(join(root, 'home'), 'http://127.0.0.1:9', join(root, 'wink-home')), CLAUDE_CODE_EXECUTABLE: agent.binary };
    const example = spawnSync(process.execPath, [join(project, 'example.mjs')], { cwd: project, env: environment, encoding: 'utf8', timeout: CLAUDE_RUN_TIMEOUT_MILLISECONDS });
    process.stderr.write(`[test:agents] examples/claude-agent-sdk.mjs printed:\n${example.stdout}\n`);
    expect(example.status, example.stderr).toBe(0);
    expect(example.stdout).toContain('wink (course correction)');
    expect(example.stdout).toMatch(/recovered/i);
  }, CLAUDE_RUN_TIMEOUT_MILLISECONDS + 30_000);
});

if (skipReason) {
  describe('Claude Agent SDK', () => {
    it.skip(`skipped: ${skipReason}`, () => undefined);
  });
}
