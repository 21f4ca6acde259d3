/**
 * The real Claude Code CLI and rules a developer puts in the task itself: "Do not use the Bash tool" and "Answer
 * with only a number". The scripted model reaches for Bash anyway, then reads the file and answers with a sentence.
 * wink must refuse the Bash call before it runs, citing the prompt, let the Read run, and block the stop once so
 * the model gives the answer again as a number; the number alone then ends the turn.
 * Asserted from the requests Claude Code sent to the model.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicServer, type FakeAnthropicServer, type RecordedRequest, type ScriptedReply } from '../../src/testing/index.js';
import { claudeCodeBinary } from './support/agent-packages.js';
import { allTexts, PRE_TOOL_USE_DENIAL, STOP_FEEDBACK, toolExchanges } from './support/anthropic-conversation.js';
import { CLAUDE_RUN_TIMEOUT_MILLISECONDS, claudeEnvironment, runClaude } from './support/claude-code-run.js';
import type { AgentRun } from './support/run-agent.js';
import { createProject } from './support/scenario.js';
import { REPOSITORY, winkBuildSkipReason, winkSync } from './support/wink-build.js';
import { removeTemporaryFolder } from '../support/temporary-folders.js';

const ARTIFACTS = join(REPOSITORY, 'test-artifacts', 'agents');
const NOTES = 'notes.txt';
const PROMPT = `How many lines does ${NOTES} have? Answer with only a number. Do not use the Bash tool.`;
const COUNT_COMMAND = `wc -l ${NOTES}`;
const SENTENCE_ANSWER = `${NOTES} has 3 lines.`;
const NUMBER_ANSWER = '3';

const agent = await claudeCodeBinary();
const skipReason = 'skipReason' in agent ? agent.skipReason : winkBuildSkipReason();
if (skipReason) process.stderr.write(`\n[test:agents] Claude Code task rules: SKIPPED — ${skipReason}\n`);

describe.skipIf(Boolean(skipReason))(`Claude Code ${'version' in agent ? agent.version : ''}: rules stated in the task`, () => {
  let root: string;
  let server: FakeAnthropicServer;
  let run: AgentRun;
  let mainLoop: RecordedRequest[];
  let script: ScriptedReply[];

  beforeAll(async () => {
    if (!('binary' in agent)) return;
    root = mkdtempSync(join(tmpdir(), 'wink-agents-claude-task-rules-'));
    const home = join(root, 'home');
    mkdirSync(home);
    const { project } = createProject(root);
    writeFileSync(join(project, NOTES), 'one\ntwo\nthree\n');
    execFileSync('git', ['add', NOTES], { cwd: project });
    script = [
      { toolUses: [{ name: 'Bash', input: { command: COUNT_COMMAND, description: 'Count the lines' } }] },
      { toolUses: [{ name: 'Read', input: { file_path: join(project, NOTES) } }] },
      { text: SENTENCE_ANSWER },
      { text: NUMBER_ANSWER },
    ];
    server = await startFakeAnthropicServer({ script });
    const environment = claudeEnvironment(home, server.url, join(root, 'wink-home'));
    const installed = winkSync(['install', 'claude-code', '--scope', 'project', '--project', project], environment);
    expect(installed.status, installed.stderr).toBe(0);
    run = await runClaude(agent.binary, project, environment, PROMPT, 'Bash,Read');
    mainLoop = server.mainLoopRequests();
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'claude-code-task-rules-requests.json'), JSON.stringify(server.requests, null, 2));
  }, CLAUDE_RUN_TIMEOUT_MILLISECONDS + 60_000);

  afterAll(async () => {
    await server?.close();
    if (root) await removeTemporaryFolder(root);
  });

  it('refuses the Bash call before it runs, citing the prompt, and lets the Read run', () => {
    expect(run.status, run.stderr).toBe(0);
    const exchanges = toolExchanges(mainLoop.at(-1) as RecordedRequest);
    const bash = exchanges.find((exchange) => exchange.command === COUNT_COMMAND);
    expect(bash?.result, 'the Bash call is refused').toMatch(PRE_TOOL_USE_DENIAL);
    expect(bash?.result).toContain('Do not use the Bash tool.');
    process.stderr.write(`[test:agents] Claude Code: Bash refused with: ${bash?.result?.slice(0, 300)}\n`);
    const read = exchanges.find((exchange) => exchange.name === 'Read');
    expect(read?.result ?? '').not.toMatch(PRE_TOOL_USE_DENIAL);
    expect(read?.result ?? '').toContain('three');
  });

  it('blocks the stop once for the sentence, asking for the number alone; the number ends the turn', () => {
    const feedback = mainLoop.flatMap(allTexts).filter((text) => text.includes(STOP_FEEDBACK));
    expect(new Set(feedback).size, 'one Stop block').toBe(1);
    expect(feedback[0]).toContain('Answer with only a number.');
    expect(feedback[0]).toContain('a number alone');
    process.stderr.write(`[test:agents] Claude Code: Stop blocked with: ${feedback[0].slice(0, 300)}\n`);
    expect(mainLoop.length, 'one model request per scripted step').toBe(script.length);
  });
});

if (skipReason) {
  describe('Claude Code task rules', () => {
    it.skip(`skipped: ${skipReason}`, () => undefined);
  });
}
