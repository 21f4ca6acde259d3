/**
 * The real Gemini CLI 0.61 and the final message of a turn. AfterAgent's `prompt_response` holds all the model
 * text of the turn, each response joined with a newline. The scripted model says "Let me check the build." along
 * with the call that runs the failing build, then ends with a false "I fixed the build. It builds now." Taken
 * whole, the earlier "Let me check…" read as acknowledging the failure and the false claim was let through; the
 * final message alone (from the chat log Gemini CLI names in `transcript_path`) is sent back once by AfterAgent.
 * Asserted from the requests Gemini CLI sent to the model.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGeminiServer, type FakeGeminiServer, type RecordedGeminiRequest, type ScriptedGeminiReply } from '../../src/testing/index.js';
import { geminiCliScript } from './support/agent-packages.js';
import { geminiUserTexts } from './support/gemini-conversation.js';
import { GEMINI_RUN_TIMEOUT_MILLISECONDS, geminiEnvironment, prepareGeminiHome, runGemini } from './support/gemini-cli-run.js';
import type { AgentRun } from './support/run-agent.js';
import { BUILD_COMMAND, createProject } from './support/scenario.js';
import { REPOSITORY, winkBuildSkipReason, winkSync } from './support/wink-build.js';
import { removeTemporaryFolder } from '../support/temporary-folders.js';

const ARTIFACTS = join(REPOSITORY, 'test-artifacts', 'agents');
const PROMPT = 'The build is broken: make `npm run build` pass.';
/** Text the model writes with its tool call, before the build fails. */
const CHECKING = 'Let me check the build.';
/** The false final claim: the build failed and nothing changed since. */
const FALSE_CLAIM = 'I fixed the build. It builds now.';
/** What the model says once the claim is sent back. */
const ADMISSION = 'You are right: `npm run build` still fails with TS2304, so the build is not fixed. I am stopping here to ask you how to proceed.';

const agent = await geminiCliScript();
const skipReason = 'skipReason' in agent ? agent.skipReason : winkBuildSkipReason();
if (skipReason) process.stderr.write(`\n[test:agents] Gemini CLI final message: SKIPPED — ${skipReason}\n`);

const SCRIPT: ScriptedGeminiReply[] = [
  { text: CHECKING, functionCalls: [{ name: 'run_shell_command', args: { command: BUILD_COMMAND, description: `Run ${BUILD_COMMAND}` } }] },
  { text: FALSE_CLAIM },
  { text: ADMISSION },
];

describe.skipIf(Boolean(skipReason))(`Gemini CLI ${'version' in agent ? agent.version : ''}: AfterAgent judges the final message only`, () => {
  let root: string;
  let server: FakeGeminiServer;
  let run: AgentRun;
  let mainLoop: RecordedGeminiRequest[];

  beforeAll(async () => {
    if (!('script' in agent)) return;
    root = mkdtempSync(join(tmpdir(), 'wink-agents-gemini-final-'));
    const home = join(root, 'home');
    const { project } = createProject(root);
    prepareGeminiHome(home, project);
    server = await startFakeGeminiServer({ script: SCRIPT });
    const environment = geminiEnvironment(home, server.url, join(root, 'wink-home'));
    const installed = winkSync(['install', 'gemini-cli', '--scope', 'project', '--project', project], environment);
    expect(installed.status, installed.stderr).toBe(0);
    run = await runGemini(agent.script, project, environment, PROMPT);
    mainLoop = server.mainLoopRequests();
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'gemini-cli-final-message-requests.json'), JSON.stringify(server.requests, null, 2));
  }, GEMINI_RUN_TIMEOUT_MILLISECONDS + 60_000);

  afterAll(async () => {
    await server?.close();
    if (root) await removeTemporaryFolder(root);
  });

  it('sends the false final claim back once, although text before the failed build "checked" it', () => {
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    const claimIndex = mainLoop.findIndex((request) => request.reply?.text === FALSE_CLAIM);
    expect(claimIndex).toBe(1);
    const afterClaim = mainLoop[claimIndex + 1];
    expect(afterClaim, 'AfterAgent blocked: one more request follows the claim').toBeDefined();
    const contents = afterClaim.body?.contents ?? [];
    const claimAt = contents.findIndex((content) => content.role === 'model' && (content.parts ?? []).some((part) => part.text === FALSE_CLAIM));
    const feedback = geminiUserTexts({ ...afterClaim, body: { ...afterClaim.body, contents: contents.slice(claimAt + 1) } });
    expect(feedback).toHaveLength(1);
    expect(feedback[0]).toMatch(/^wink/);
    process.stderr.write(`[test:agents] Gemini CLI: AfterAgent sent back: ${feedback[0].slice(0, 300)}\n`);
    expect(mainLoop, 'the run ends after the admission: AfterAgent stays silent while stop_hook_active is true').toHaveLength(SCRIPT.length);
  });
});

if (skipReason) {
  describe('Gemini CLI final message', () => {
    it.skip(`skipped: ${skipReason}`, () => undefined);
  });
}
