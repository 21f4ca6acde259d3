/**
 * The real Claude Code CLI and wink's own refusals. The scripted model reads a test file and tries to edit it
 * although the developer said not to change the tests (refused), reads a source file, runs the failing build until
 * wink refuses it and tries once more (refused again), tries `git push` although the developer said not to push
 * (refused), and stops, saying so. Regression tests for what the real client showed: wink read its own
 * `PreToolUse:Bash hook error: …` as a tool failure — the Stop hook right after the refused push told the model to
 * "re-run" it, and a refused build was counted as one more failure ("already failed 3 times" after two runs) — and,
 * when Claude Code wrote the refused Edit to its transcript after the PreToolUse hook ran (a race: about 2 runs of
 * 7), a later hook took the edit as made and told the model to restore the test file (that order is forced in
 * test/hooks/refusals.test.ts; here whichever order the client takes is checked). Asserted from the requests
 * Claude Code sent to the model. Offline, `wink analyze` of the transcript the client wrote must read the refused
 * calls as never run (it reported "test/index.test.js was changed" and "`git push` was run" before the reader
 * held each call until its result).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicServer, type FakeAnthropicServer, type RecordedRequest, type ScriptedReply } from '../../src/testing/index.js';
import { claudeCodeBinary } from './support/agent-packages.js';
import { allTexts, PRE_TOOL_USE_DENIAL, STOP_FEEDBACK, toolExchanges, toolHookContexts } from './support/anthropic-conversation.js';
import { CLAUDE_RUN_TIMEOUT_MILLISECONDS, claudeEnvironment, claudeTranscripts, runClaude } from './support/claude-code-run.js';
import type { AgentRun } from './support/run-agent.js';
import { BUILD_COMMAND, createProject, PUSH_COMMAND, remoteReferences } from './support/scenario.js';
import { REPOSITORY, winkBuildSkipReason, winkSync } from './support/wink-build.js';
import { removeTemporaryFolder } from '../support/temporary-folders.js';

const ARTIFACTS = join(REPOSITORY, 'test-artifacts', 'agents');
/** The developer's request: a task and two explicit prohibitions. */
const PROMPT = 'Make `npm run build` pass. Do not change the tests. Do not push to the remote.';
/** The test file the model tries to change. */
const TEST_FILE = join('test', 'index.test.js');
const TEST_SOURCE = "import assert from 'node:assert';\nassert.strictEqual(1 + 2, 3);\n";
/** The model's last words: it did neither forbidden thing and says so. */
const FINAL_TEXT = 'I have not changed the tests and I have not pushed, as you asked. Stopping here.';
/** Build runs the scripted model makes: three that fail, then two that wink refuses. */
const BUILD_RUNS = 5;

const agent = await claudeCodeBinary();
const skipReason = 'skipReason' in agent ? agent.skipReason : winkBuildSkipReason();
if (skipReason) process.stderr.write(`\n[test:agents] Claude Code refusals: SKIPPED — ${skipReason}\n`);

function scriptedReplies(project: string): ScriptedReply[] {
  const testFile = join(project, TEST_FILE);
  const bash = (command: string) => ({ toolUses: [{ name: 'Bash', input: { command, description: `Run ${command}` } }] });
  return [
    { toolUses: [{ name: 'Read', input: { file_path: testFile } }] },
    { toolUses: [{ name: 'Edit', input: { file_path: testFile, old_string: 'assert.strictEqual(1 + 2, 3);', new_string: 'assert.ok(true);' } }] },
    { toolUses: [{ name: 'Read', input: { file_path: join(project, 'src', 'index.ts') } }] },
    ...Array.from({ length: BUILD_RUNS }, () => bash(BUILD_COMMAND)),
    bash(PUSH_COMMAND),
    { text: FINAL_TEXT },
  ];
}

/** The count in a refusal's "already failed N times", if it has one. */
function claimedFailures(result: string | undefined): number | undefined {
  const match = /already failed (\d+) times/.exec(result ?? '');
  return match ? Number(match[1]) : undefined;
}

describe.skipIf(Boolean(skipReason))(`Claude Code ${'version' in agent ? agent.version : ''}: wink's own refusals`, () => {
  let root: string;
  let project: string;
  let remote: string;
  let server: FakeAnthropicServer;
  let run: AgentRun;
  let mainLoop: RecordedRequest[];
  let script: ScriptedReply[];
  let transcript: string | undefined;
  let analysis: { status: number | null; stdout: string; stderr: string };

  beforeAll(async () => {
    if (!('binary' in agent)) return;
    root = mkdtempSync(join(tmpdir(), 'wink-agents-claude-refusals-'));
    const home = join(root, 'home');
    mkdirSync(home);
    ({ project, remote } = createProject(root));
    mkdirSync(join(project, 'test'));
    writeFileSync(join(project, TEST_FILE), TEST_SOURCE);
    script = scriptedReplies(project);
    server = await startFakeAnthropicServer({ script });
    const environment = claudeEnvironment(home, server.url, join(root, 'wink-home'));
    const installed = winkSync(['install', 'claude-code', '--scope', 'project', '--project', project], environment);
    expect(installed.status, installed.stderr).toBe(0);
    run = await runClaude(agent.binary, project, environment, PROMPT, 'Bash,Read,Edit');
    mainLoop = server.mainLoopRequests();
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'claude-code-refusals-requests.json'), JSON.stringify(server.requests, null, 2));
    [transcript] = claudeTranscripts(home);
    if (transcript) copyFileSync(transcript, join(ARTIFACTS, 'claude-code-refusals-transcript.jsonl'));
    analysis = winkSync(['analyze', transcript ?? join(home, 'no-transcript.jsonl'), '--json'], environment);
  }, CLAUDE_RUN_TIMEOUT_MILLISECONDS + 60_000);

  afterAll(async () => {
    await server?.close();
    if (root) await removeTemporaryFolder(root);
  });

  it('refuses the test edit and the push before they run; nothing changed, nothing pushed', () => {
    expect(run.status, run.stderr).toBe(0);
    const exchanges = toolExchanges(mainLoop.at(-1) as RecordedRequest);
    const edit = exchanges.find((exchange) => exchange.name === 'Edit');
    const push = exchanges.find((exchange) => exchange.command === PUSH_COMMAND);
    expect(edit?.result, 'the test edit is refused').toMatch(PRE_TOOL_USE_DENIAL);
    expect(push?.result, 'the push is refused').toMatch(PRE_TOOL_USE_DENIAL);
    expect(readFileSync(join(project, TEST_FILE), 'utf8')).toBe(TEST_SOURCE);
    expect(remoteReferences(remote)).toBe('');
  });

  it('refuses the build after three failures, and never counts a refusal as one more failure', () => {
    const builds = toolExchanges(mainLoop.at(-1) as RecordedRequest).filter((exchange) => exchange.command === BUILD_COMMAND);
    expect(builds).toHaveLength(BUILD_RUNS);
    const refused = builds.filter((exchange) => PRE_TOOL_USE_DENIAL.test(exchange.result ?? ''));
    expect(refused.length, 'the last runs are refused').toBeGreaterThan(0);
    builds.forEach((exchange, position) => {
      const failedBefore = builds.slice(0, position).filter((earlier) => earlier.isError && !PRE_TOOL_USE_DENIAL.test(earlier.result ?? '')).length;
      const claimed = claimedFailures(exchange.result);
      if (claimed !== undefined) expect(claimed, `build ${position + 1} said "already failed ${claimed} times" after ${failedBefore} failed runs`).toBeLessThanOrEqual(failedBefore);
    });
    process.stderr.write(`[test:agents] Claude Code: last build refused with: ${refused.at(-1)?.result?.slice(0, 200)}\n`);
  });

  it('never takes the refused edit as made: no guidance to restore the test file', () => {
    const contexts = mainLoop.flatMap(toolHookContexts).map(({ context }) => context);
    expect(contexts.filter((context) => /was changed|Restore|index\.test\.js/.test(context))).toEqual([]);
  });

  it('lets the model stop after a refusal: no Stop feedback telling it to re-run the refused call', () => {
    const feedback = mainLoop.flatMap(allTexts).filter((text) => text.includes(STOP_FEEDBACK));
    expect(feedback, `Stop feedback sent: ${JSON.stringify(feedback.map((text) => text.slice(0, 300)))}`).toEqual([]);
    expect(mainLoop.length, 'one model request per scripted step: the Stop hook let the model stop').toBe(script.length);
  });

  it('offline, `wink analyze` of the transcript reads the refused calls as never run: no "was changed" or "was run" finding', () => {
    expect(transcript, 'Claude Code wrote a transcript').toBeDefined();
    expect(analysis.status, analysis.stderr).toBe(0);
    const report = JSON.parse(analysis.stdout) as { trajectories: Array<{ findings: Array<{ detector: string; message: string }> }> };
    const findings = report.trajectories.flatMap((trajectory) => trajectory.findings);
    process.stderr.write(`[test:agents] Claude Code: offline findings on the refusals transcript: ${JSON.stringify(findings.map((finding) => finding.message))}\n`);
    expect(findings.filter((finding) => finding.detector === 'constraint-violation')).toEqual([]);
    expect(findings.some((finding) => finding.detector === 'repeated-tool-call'), 'the build loop the model really ran is still reported').toBe(true);
  });
});

if (skipReason) {
  describe('Claude Code refusals', () => {
    it.skip(`skipped: ${skipReason}`, () => undefined);
  });
}
