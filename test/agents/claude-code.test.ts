/**
 * The real Claude Code CLI, driven by a scripted model on a local Messages API server, with wink's hooks installed
 * by `wink install claude-code`. Asserts from the requests Claude Code sent to the model that wink's guidance
 * reached the model after the repeated failure, that `git push` was denied before it ran, and that the false
 * success claim was blocked exactly once. Skips, with the reason, when the CLI or the built wink is unavailable.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicServer, type FakeAnthropicServer, type RecordedRequest, type ScriptedReply } from '../../src/testing/index.js';
import { claudeCodeBinary } from './support/agent-packages.js';
import { allTexts, PRE_TOOL_USE_DENIAL, STOP_FEEDBACK, toolExchanges, toolHookContexts } from './support/anthropic-conversation.js';
import { BUILD_ATTEMPTS, BUILD_COMMAND, createProject, FALSE_CLAIM, PROMPT, PUSH_COMMAND, remoteReferences, SCENARIO_STEPS } from './support/scenario.js';
import { CLAUDE_RUN_TIMEOUT_MILLISECONDS, claudeEnvironment, runClaude } from './support/claude-code-run.js';
import type { AgentRun } from './support/run-agent.js';
import { REPOSITORY, winkBuildSkipReason, winkSync } from './support/wink-build.js';
import { removeTemporaryFolder } from '../support/temporary-folders.js';

/** Where the recorded requests and the CLI's output are kept for inspection (git-ignored). */
const ARTIFACTS = join(REPOSITORY, 'test-artifacts', 'agents');

const agent = await claudeCodeBinary();
const skipReason = 'skipReason' in agent ? agent.skipReason : winkBuildSkipReason();
if (skipReason) process.stderr.write(`\n[test:agents] Claude Code: SKIPPED — ${skipReason}\n`);

/** The scripted model: one reply per main-loop request, following the scenario. */
function scriptedReplies(): ScriptedReply[] {
  return SCENARIO_STEPS.map((step) => (step.command ? { toolUses: [{ name: 'Bash', input: { command: step.command, description: `Run ${step.command}` } }] } : { text: step.text }));
}

describe.skipIf(Boolean(skipReason))(`Claude Code ${'version' in agent ? agent.version : ''} with wink's hooks`, () => {
  let root: string;
  let remote: string;
  let server: FakeAnthropicServer;
  let run: AgentRun;
  let mainLoop: RecordedRequest[];

  beforeAll(async () => {
    if (!('binary' in agent)) return;
    root = mkdtempSync(join(tmpdir(), 'wink-agents-claude-'));
    const home = join(root, 'home');
    mkdirSync(home);
    const created = createProject(root);
    remote = created.remote;
    server = await startFakeAnthropicServer({ script: scriptedReplies() });
    const environment = claudeEnvironment(home, server.url, join(root, 'wink-home'));
    const installed = winkSync(['install', 'claude-code', '--scope', 'project', '--project', created.project], environment);
    expect(installed.status, installed.stderr).toBe(0);
    run = await runClaude(agent.binary, created.project, environment, PROMPT, 'Bash');
    mainLoop = server.mainLoopRequests();
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'claude-code-requests.json'), JSON.stringify(server.requests, null, 2));
    writeFileSync(join(ARTIFACTS, 'claude-code-stream.jsonl'), run.stdout);
  }, CLAUDE_RUN_TIMEOUT_MILLISECONDS + 60_000);

  afterAll(async () => {
    await server?.close();
    if (root) await removeTemporaryFolder(root);
  });

  it('runs the whole script and ends normally', () => {
    expect(run.status, run.stderr).toBe(0);
    const result = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { type: string; subtype?: string })
      .find((message) => message.type === 'result');
    expect(result?.subtype).toBe('success');
    expect(mainLoop.length, 'one model request per scripted step, and no more').toBe(SCENARIO_STEPS.length);
  });

  it("puts wink's guidance in front of the model right after the build keeps failing the same way", () => {
    const failedBuilds = (request: RecordedRequest) =>
      toolExchanges(request).filter((exchange) => exchange.command === BUILD_COMMAND && exchange.isError && !PRE_TOOL_USE_DENIAL.test(exchange.result ?? '')).length;
    const buildGuidance = (request: RecordedRequest) => [
      ...toolHookContexts(request)
        .filter(({ tool, context }) => tool === 'Bash' && context.includes(BUILD_COMMAND))
        .map(({ context }) => context),
      ...toolExchanges(request)
        .filter((exchange) => exchange.command === BUILD_COMMAND && PRE_TOOL_USE_DENIAL.test(exchange.result ?? ''))
        .map((exchange) => exchange.result ?? ''),
    ];
    const first = mainLoop.findIndex((request) => buildGuidance(request).length > 0);
    expect(first, 'no request carried wink guidance naming the repeated build command').toBeGreaterThan(0);
    const failuresBefore = failedBuilds(mainLoop[first]);
    process.stderr.write(`[test:agents] Claude Code: wink's guidance first reached the model in request ${first + 1}, after ${failuresBefore} failed builds:\n  ${buildGuidance(mainLoop[first])[0]}\n`);
    expect(failuresBefore).toBeGreaterThanOrEqual(2);
    expect(failuresBefore).toBeLessThanOrEqual(BUILD_ATTEMPTS);
    expect(first).toBeLessThanOrEqual(BUILD_ATTEMPTS);
    expect(mainLoop[first - 1].reply?.toolUses?.[0]?.input.command).toBe(BUILD_COMMAND);
  });

  it('denies `git push` before it runs, and the model is told why', () => {
    const last = mainLoop.at(-1) as RecordedRequest;
    const push = toolExchanges(last).find((exchange) => exchange.command === PUSH_COMMAND);
    expect(push, 'the push call is in the conversation').toBeDefined();
    process.stderr.write(`[test:agents] Claude Code: result of ${PUSH_COMMAND}: ${push?.result}\n`);
    expect(push?.result, 'PreToolUse must deny the push (permissionDecision "deny"), not only warn about it').toMatch(PRE_TOOL_USE_DENIAL);
    expect(push?.isError).toBe(true);
    expect((push?.result ?? '').replace(PRE_TOOL_USE_DENIAL, '').trim().length).toBeGreaterThan(0);
    expect(remoteReferences(remote), 'nothing reached the remote').toBe('');
  });

  it('blocks the false success claim exactly once, then lets the agent stop', () => {
    const claimIndex = mainLoop.findIndex((request) => request.reply?.text === FALSE_CLAIM);
    expect(claimIndex).toBe(SCENARIO_STEPS.length - 2);
    const afterClaim = mainLoop[claimIndex + 1];
    expect(afterClaim, 'one more request follows the claim').toBeDefined();
    const messages = afterClaim.body?.messages ?? [];
    const feedback = messages.filter((message) => message.role === 'user' && JSON.stringify(message.content).includes(STOP_FEEDBACK));
    expect(feedback).toHaveLength(1);
    process.stderr.write(`[test:agents] Claude Code: Stop blocked with: ${JSON.stringify(feedback[0].content).slice(0, 400)}\n`);
    const later = mainLoop.slice(claimIndex + 2);
    const laterStopOutput = later.flatMap((request) => allTexts(request).filter((text) => /Stop hook (?:feedback|additional context|blocking error)/.test(text)).map((text) => text.slice(0, 300)));
    expect(later.length, `the run must end after the one blocked stop: the Stop hook must stay silent while stop_hook_active is true (it sent: ${JSON.stringify(laterStopOutput.slice(-1))})`).toBe(0);
  });
});

if (skipReason) {
  describe('Claude Code', () => {
    it.skip(`skipped: ${skipReason}`, () => undefined);
  });
}
