/**
 * The real Gemini CLI (`gemini -p`, headless), driven by a scripted model on a local Gemini API server
 * (`GOOGLE_GEMINI_BASE_URL`, `:streamGenerateContent?alt=sse`), with wink's hooks installed by `wink install
 * gemini-cli --scope project`. Asserts from the requests Gemini CLI sent to the model that wink's guidance reached
 * the model after the repeated failure (inside `<hook_context>` after the tool output, or the BeforeTool denial of
 * the next identical call), that `git push` was denied before it ran, and that the false success claim was
 * blocked exactly once by AfterAgent (a new user message). Skips, with the reason, when the CLI or the built wink
 * is unavailable.
 * Trust and authentication: see `support/gemini-cli-run.ts`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGeminiServer, type FakeGeminiServer, type RecordedGeminiRequest, type ScriptedGeminiReply } from '../../src/testing/index.js';
import { geminiCliScript } from './support/agent-packages.js';
import { GEMINI_BEFORE_TOOL_DENIAL, geminiCallFailed, geminiToolExchanges, geminiUserTexts } from './support/gemini-conversation.js';
import { BUILD_ATTEMPTS, BUILD_COMMAND, createProject, FALSE_CLAIM, PROMPT, PUSH_COMMAND, remoteReferences, SCENARIO_STEPS } from './support/scenario.js';
import { GEMINI_RUN_TIMEOUT_MILLISECONDS, geminiEnvironment, prepareGeminiHome, runGemini } from './support/gemini-cli-run.js';
import type { AgentRun } from './support/run-agent.js';
import { REPOSITORY, winkBuildSkipReason, winkSync } from './support/wink-build.js';
import { removeTemporaryFolder } from '../support/temporary-folders.js';

/** Where the recorded requests and the CLI's output are kept for inspection (git-ignored). */
const ARTIFACTS = join(REPOSITORY, 'test-artifacts', 'agents');
/** Gemini CLI's shell tool. */
const SHELL_TOOL = 'run_shell_command';

const agent = await geminiCliScript();
const skipReason = 'skipReason' in agent ? agent.skipReason : winkBuildSkipReason();
if (skipReason) process.stderr.write(`\n[test:agents] Gemini CLI: SKIPPED — ${skipReason}\n`);

/** The scripted model: one reply per main-loop request, following the scenario. */
function scriptedReplies(): ScriptedGeminiReply[] {
  return SCENARIO_STEPS.map((step) => (step.command ? { functionCalls: [{ name: SHELL_TOOL, args: { command: step.command, description: `Run ${step.command}` } }] } : { text: step.text }));
}

describe.skipIf(Boolean(skipReason))(`Gemini CLI ${'version' in agent ? agent.version : ''} with wink's hooks`, () => {
  let root: string;
  let remote: string;
  let server: FakeGeminiServer;
  let run: AgentRun;
  let mainLoop: RecordedGeminiRequest[];

  beforeAll(async () => {
    if (!('script' in agent)) return;
    root = mkdtempSync(join(tmpdir(), 'wink-agents-gemini-'));
    const home = join(root, 'home');
    const created = createProject(root);
    remote = created.remote;
    prepareGeminiHome(home, created.project);
    server = await startFakeGeminiServer({ script: scriptedReplies() });
    const environment = geminiEnvironment(home, server.url, join(root, 'wink-home'));
    const installed = winkSync(['install', 'gemini-cli', '--scope', 'project', '--project', created.project], environment);
    expect(installed.status, installed.stderr).toBe(0);
    run = await runGemini(agent.script, created.project, environment, PROMPT);
    mainLoop = server.mainLoopRequests();
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'gemini-cli-requests.json'), JSON.stringify(server.requests, null, 2));
    writeFileSync(join(ARTIFACTS, 'gemini-cli-stream.jsonl'), run.stdout);
    writeFileSync(join(ARTIFACTS, 'gemini-cli-stderr.txt'), run.stderr);
  }, GEMINI_RUN_TIMEOUT_MILLISECONDS + 60_000);

  afterAll(async () => {
    await server?.close();
    if (root) await removeTemporaryFolder(root);
  });

  it('runs the whole script with the project hooks loaded, and ends normally', () => {
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    const result = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { type: string; status?: string })
      .find((event) => event.type === 'result');
    expect(result?.status).toBe('success');
    expect(run.stderr, 'Gemini CLI names the project hooks it runs').toMatch(/project-level hooks[\s\S]*- wink/);
    expect(mainLoop.length, 'one model request per scripted step, and no more').toBe(SCENARIO_STEPS.length);
  });

  it("puts wink's guidance in front of the model right after the build keeps failing the same way", () => {
    const builds = (request: RecordedGeminiRequest) => geminiToolExchanges(request).filter((exchange) => exchange.command === BUILD_COMMAND);
    const buildGuidance = (request: RecordedGeminiRequest) => [
      ...builds(request)
        .map((exchange) => exchange.hookContext)
        .filter((context): context is string => context !== undefined && context.includes(BUILD_COMMAND)),
      ...builds(request)
        .filter((exchange) => GEMINI_BEFORE_TOOL_DENIAL.test(exchange.error ?? ''))
        .map((exchange) => exchange.error ?? ''),
    ];
    const first = mainLoop.findIndex((request) => buildGuidance(request).length > 0);
    expect(first, 'no request carried wink guidance about the repeated build command').toBeGreaterThan(0);
    const failuresBefore = builds(mainLoop[first]).filter(geminiCallFailed).length;
    process.stderr.write(`[test:agents] Gemini CLI: wink's guidance first reached the model in request ${first + 1}, after ${failuresBefore} failed builds:\n  ${buildGuidance(mainLoop[first])[0]}\n`);
    expect(failuresBefore).toBeGreaterThanOrEqual(2);
    expect(failuresBefore).toBeLessThanOrEqual(BUILD_ATTEMPTS);
    expect(first).toBeLessThanOrEqual(BUILD_ATTEMPTS);
    expect(mainLoop[first - 1].reply?.functionCalls?.[0]?.args.command).toBe(BUILD_COMMAND);
    for (const exchange of builds(mainLoop[first])) expect(exchange.hookContext ?? '', 'AfterTool context is plain text: no tags of wink inside <hook_context>').not.toMatch(/<system-reminder>|&lt;system-reminder&gt;/);
  });

  it('denies `git push` before it runs, and the model is told why', () => {
    const last = mainLoop.at(-1) as RecordedGeminiRequest;
    const push = geminiToolExchanges(last).find((exchange) => exchange.command === PUSH_COMMAND);
    expect(push, 'the push call is in the conversation').toBeDefined();
    process.stderr.write(`[test:agents] Gemini CLI: response to ${PUSH_COMMAND}: ${push?.error}\n`);
    expect(push?.output, 'the push never ran').toBeUndefined();
    expect(push?.error, 'BeforeTool must deny the push ({"decision": "deny"}), not only warn about it').toMatch(GEMINI_BEFORE_TOOL_DENIAL);
    expect(push?.error).toContain('Do not push to the remote.');
    expect(remoteReferences(remote), 'nothing reached the remote').toBe('');
  });

  it('blocks the false success claim exactly once, then lets the agent stop', () => {
    const claimIndex = mainLoop.findIndex((request) => request.reply?.text === FALSE_CLAIM);
    expect(claimIndex).toBe(SCENARIO_STEPS.length - 2);
    const afterClaim = mainLoop[claimIndex + 1];
    expect(afterClaim, 'one more request follows the claim').toBeDefined();
    const contents = afterClaim.body?.contents ?? [];
    const claimAt = contents.findIndex((content) => content.role === 'model' && (content.parts ?? []).some((part) => part.text === FALSE_CLAIM));
    expect(claimAt, 'the claim is in the conversation').toBeGreaterThan(0);
    const feedback = geminiUserTexts({ ...afterClaim, body: { ...afterClaim.body, contents: contents.slice(claimAt + 1) } });
    expect(feedback, 'AfterAgent block: the reason comes back as one new user message').toHaveLength(1);
    expect(feedback[0]).toMatch(/^wink/);
    expect(feedback[0]).toContain('npm test');
    expect(geminiUserTexts(afterClaim).filter((text) => text.startsWith('wink'))).toHaveLength(1);
    process.stderr.write(`[test:agents] Gemini CLI: AfterAgent blocked with: ${feedback[0].slice(0, 300)}\n`);
    expect(mainLoop.slice(claimIndex + 2), 'the run ends after the one blocked stop: AfterAgent stays silent while stop_hook_active is true').toHaveLength(0);
  });
});

if (skipReason) {
  describe('Gemini CLI', () => {
    it.skip(`skipped: ${skipReason}`, () => undefined);
  });
}
