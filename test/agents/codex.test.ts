/**
 * The real Codex CLI (`codex exec`), driven by a scripted model on a local Responses API server (Codex 0.169 speaks
 * only `wire_api = "responses"` to a custom provider), with wink's hooks installed by `wink install codex --scope
 * project`. Asserts from the requests Codex sent to the model that wink's guidance reached the model after the
 * repeated failure (a developer message between the call and its output, or the denial of the next identical
 * call), that `git push` was denied before it ran, and that the false success claim was blocked exactly once (a
 * `<hook_prompt>` user message). Skips, with the reason, when the CLI or the built wink is unavailable.
 *
 * Trust: the project is trusted in `$CODEX_HOME/config.toml` (`[projects."<dir>"] trust_level = "trusted"`, what
 * Codex writes when a person trusts a folder); hook trust has no file a person writes (Codex keeps hashes approved
 * in its `/hooks` screen), so the run passes `--dangerously-bypass-hook-trust`, Codex's documented switch for
 * automation that vets its hooks itself. Without it Codex skips the hooks silently.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAiResponsesServer, type FakeOpenAiResponsesServer, type RecordedResponsesRequest, type ScriptedResponsesReply } from '../../src/testing/index.js';
import { codexScript } from './support/agent-packages.js';
import { CODEX_HOOK_PROMPT, CODEX_PRE_TOOL_USE_DENIAL, codexCallFailed, codexToolExchanges, codexUserTexts } from './support/codex-conversation.js';
import { BUILD_ATTEMPTS, BUILD_COMMAND, createProject, FALSE_CLAIM, PROMPT, PUSH_COMMAND, remoteReferences, SCENARIO_STEPS } from './support/scenario.js';
import { runAgent, type AgentRun } from './support/run-agent.js';
import { REPOSITORY, winkBuildSkipReason, winkSync } from './support/wink-build.js';
import { removeTemporaryFolder } from '../support/temporary-folders.js';

/** Where the recorded requests and the CLI's output are kept for inspection (git-ignored). */
const ARTIFACTS = join(REPOSITORY, 'test-artifacts', 'agents');
/** How long the whole Codex run may take. */
const RUN_TIMEOUT_MILLISECONDS = 180_000;
/** The model name Codex is told to use (any name: the scripted server answers for all). */
const MODEL = 'gpt-5.5';
/** The provider id in config.toml, and the variable its key is read from. */
const PROVIDER = 'wink-scripted';
const API_KEY_VARIABLE = 'WINK_SCRIPTED_MODEL_KEY';
/** Codex's shell tool (unified exec) and its argument. */
const SHELL_TOOL = 'exec_command';

const agent = await codexScript();
const skipReason = 'skipReason' in agent ? agent.skipReason : winkBuildSkipReason();
if (skipReason) process.stderr.write(`\n[test:agents] Codex: SKIPPED — ${skipReason}\n`);

/** The scripted model: one reply per main-loop request, following the scenario. */
function scriptedReplies(): ScriptedResponsesReply[] {
  return SCENARIO_STEPS.map((step) => (step.command ? { functionCalls: [{ name: SHELL_TOOL, arguments: { cmd: step.command } }] } : { text: step.text }));
}

/** `$CODEX_HOME/config.toml`: the scripted provider, no update check, analytics or feedback, hooks on, the project trusted. */
function codexConfig(serverUrl: string, project: string): string {
  return [
    `model = ${JSON.stringify(MODEL)}`,
    `model_provider = ${JSON.stringify(PROVIDER)}`,
    'check_for_update_on_startup = false',
    '',
    `[model_providers.${PROVIDER}]`,
    'name = "wink scripted model"',
    `base_url = ${JSON.stringify(serverUrl)}`,
    `env_key = ${JSON.stringify(API_KEY_VARIABLE)}`,
    'wire_api = "responses"',
    '',
    '[features]',
    'hooks = true',
    '',
    '[analytics]',
    'enabled = false',
    '',
    '[feedback]',
    'enabled = false',
    '',
    `[projects.${JSON.stringify(project)}]`,
    'trust_level = "trusted"',
    '',
  ].join('\n');
}

/** Variables not passed on: the user's own agent and wink settings, and the `npm run` environment of this suite. */
const WITHHELD_VARIABLES = /^(?:OPENAI_|CODEX_|WINK_|OTEL_|RUST_LOG$|npm_|VITEST|NODE_OPTIONS$)/i;

function agentEnvironment(home: string, codexHome: string, winkHome: string): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !WITHHELD_VARIABLES.test(key)));
  return {
    ...inherited,
    HOME: home,
    CODEX_HOME: codexHome,
    WINK_HOME: winkHome,
    [API_KEY_VARIABLE]: 'sk-wink-test-dummy-key',
    NPM_CONFIG_UPDATE_NOTIFIER: 'false',
    NO_COLOR: '1',
  };
}

/** Runs `codex exec` to the end; the fake server lives in this process, so the child must not block it. */
function runCodex(script: string, cwd: string, environment: NodeJS.ProcessEnv): Promise<AgentRun> {
  const argumentsList = [script, 'exec', '--strict-config', '--dangerously-bypass-hook-trust', '--sandbox', 'danger-full-access', '--json', PROMPT];
  return runAgent(process.execPath, argumentsList, cwd, environment, RUN_TIMEOUT_MILLISECONDS);
}

describe.skipIf(Boolean(skipReason))(`Codex ${'version' in agent ? agent.version : ''} with wink's hooks`, () => {
  let root: string;
  let remote: string;
  let server: FakeOpenAiResponsesServer;
  let run: AgentRun;
  let mainLoop: RecordedResponsesRequest[];

  beforeAll(async () => {
    if (!('script' in agent)) return;
    root = mkdtempSync(join(tmpdir(), 'wink-agents-codex-'));
    const home = join(root, 'home');
    const codexHome = join(home, '.codex');
    mkdirSync(codexHome, { recursive: true });
    const created = createProject(root);
    remote = created.remote;
    server = await startFakeOpenAiResponsesServer({ script: scriptedReplies() });
    writeFileSync(join(codexHome, 'config.toml'), codexConfig(server.url, created.project));
    const environment = agentEnvironment(home, codexHome, join(root, 'wink-home'));
    const installed = winkSync(['install', 'codex', '--scope', 'project', '--project', created.project], environment);
    expect(installed.status, installed.stderr).toBe(0);
    run = await runCodex(agent.script, created.project, environment);
    mainLoop = server.mainLoopRequests();
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'codex-requests.json'), JSON.stringify(server.requests, null, 2));
    writeFileSync(join(ARTIFACTS, 'codex-events.jsonl'), run.stdout);
    writeFileSync(join(ARTIFACTS, 'codex-stderr.txt'), run.stderr);
  }, RUN_TIMEOUT_MILLISECONDS + 60_000);

  afterAll(async () => {
    await server?.close();
    if (root) await removeTemporaryFolder(root);
  });

  it('runs the whole script and ends normally', () => {
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    const events = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { type: string });
    expect(events.some((event) => event.type === 'turn.completed'), 'codex exec --json reports a completed turn').toBe(true);
    expect(events.some((event) => event.type === 'turn.failed' || event.type === 'error')).toBe(false);
    expect(mainLoop.length, 'one model request per scripted step, and no more').toBe(SCENARIO_STEPS.length);
  });

  it("puts wink's guidance in front of the model right after the build keeps failing the same way", () => {
    const builds = (request: RecordedResponsesRequest) => codexToolExchanges(request).filter((exchange) => exchange.command === BUILD_COMMAND);
    const buildGuidance = (request: RecordedResponsesRequest) => [
      ...builds(request).flatMap((exchange) => exchange.contexts.filter((context) => context.includes(BUILD_COMMAND))),
      ...builds(request)
        .filter((exchange) => CODEX_PRE_TOOL_USE_DENIAL.test(exchange.output ?? ''))
        .map((exchange) => exchange.output ?? ''),
    ];
    const first = mainLoop.findIndex((request) => buildGuidance(request).length > 0);
    expect(first, 'no request carried wink guidance about the repeated build command').toBeGreaterThan(0);
    const failuresBefore = builds(mainLoop[first]).filter(codexCallFailed).length;
    process.stderr.write(`[test:agents] Codex: wink's guidance first reached the model in request ${first + 1}, after ${failuresBefore} failed builds:\n  ${buildGuidance(mainLoop[first])[0]}\n`);
    expect(failuresBefore).toBeGreaterThanOrEqual(2);
    expect(failuresBefore).toBeLessThanOrEqual(BUILD_ATTEMPTS);
    expect(first).toBeLessThanOrEqual(BUILD_ATTEMPTS);
    expect(mainLoop[first - 1].reply?.functionCalls?.[0]?.arguments).toEqual({ cmd: BUILD_COMMAND });
    for (const exchange of builds(mainLoop[first])) {
      for (const context of exchange.contexts) expect(context, 'PostToolUse context reaches the model raw, as a developer message').toMatch(/^wink/);
    }
  });

  it('denies `git push` before it runs, and the model is told why', () => {
    const last = mainLoop.at(-1) as RecordedResponsesRequest;
    const push = codexToolExchanges(last).find((exchange) => exchange.command === PUSH_COMMAND);
    expect(push, 'the push call is in the conversation').toBeDefined();
    process.stderr.write(`[test:agents] Codex: output of ${PUSH_COMMAND}: ${push?.output}\n`);
    expect(push?.output, 'PreToolUse must deny the push (permissionDecision "deny"), not only warn about it').toMatch(CODEX_PRE_TOOL_USE_DENIAL);
    expect(push?.output).toContain('Do not push to the remote.');
    expect(push?.output).toMatch(new RegExp(`Command: ${PUSH_COMMAND}$`));
    expect(remoteReferences(remote), 'nothing reached the remote').toBe('');
  });

  it('blocks the false success claim exactly once, then lets the agent stop', () => {
    const claimIndex = mainLoop.findIndex((request) => request.reply?.text === FALSE_CLAIM);
    expect(claimIndex).toBe(SCENARIO_STEPS.length - 2);
    const afterClaim = mainLoop[claimIndex + 1];
    expect(afterClaim, 'one more request follows the claim').toBeDefined();
    const hookPrompts = codexUserTexts(afterClaim)
      .map((text) => CODEX_HOOK_PROMPT.exec(text)?.[1])
      .filter((reason): reason is string => reason !== undefined);
    expect(hookPrompts).toHaveLength(1);
    expect(hookPrompts[0]).toMatch(/^wink/);
    expect(hookPrompts[0]).toContain('npm test');
    process.stderr.write(`[test:agents] Codex: Stop blocked with: ${hookPrompts[0].slice(0, 300)}\n`);
    expect(mainLoop.slice(claimIndex + 2), 'the run ends after the one blocked stop: the Stop hook stays silent while stop_hook_active is true').toHaveLength(0);
  });
});

if (skipReason) {
  describe('Codex', () => {
    it.skip(`skipped: ${skipReason}`, () => undefined);
  });
}
