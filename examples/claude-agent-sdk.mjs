/**
 * wink inside a Claude Agent SDK session. A scripted model (wink's fake Anthropic server, so no API key is
 * needed) keeps re-running a failing build; wink's hooks put a reminder in front of it after the third identical
 * failure, and the scripted model changes approach once it sees the reminder.
 *
 *   npm install agent-wink @anthropic-ai/claude-agent-sdk
 *   node claude-agent-sdk.mjs
 *
 * CLAUDE_CODE_EXECUTABLE may name a Claude Code binary to run instead of the one bundled with the SDK.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { query } from '@anthropic-ai/claude-agent-sdk';
import { createWinkClaudeAgent } from 'agent-wink/claude-agent-sdk';
import { startFakeAnthropicServer } from 'agent-wink/testing';

const BUILD = 'npm run build';
const REMINDER_MARK = 'wink (course correction)';
const bash = (command) => ({ toolUses: [{ name: 'Bash', input: { command, description: `Run ${command}` } }] });

/** The scripted model: retries the build until wink's reminder is in its context, then reads the build script and stops. */
function scriptedModel(request) {
  const seen = JSON.stringify(request.body?.messages ?? []);
  if (seen.includes('cat package.json')) return { text: 'The build needs the typescript package, which is not installed here. I stopped retrying: please install it or tell me how to proceed.' };
  if (seen.includes(REMINDER_MARK)) return bash('cat package.json');
  return bash(BUILD);
}

const folder = mkdtempSync(join(tmpdir(), 'wink-example-claude-agent-sdk-'));
const server = await startFakeAnthropicServer({ script: scriptedModel });
let recovered;
try {
  const project = join(folder, 'project');
  const home = join(folder, 'home');
  mkdirSync(project);
  mkdirSync(home);
  const failing = 'node -e "console.error(\\"Error: Cannot find module \'typescript\'\\"); process.exit(1)"';
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'demo', private: true, scripts: { build: failing } }, null, 2));

  const { hooks, session } = createWinkClaudeAgent();
  const environment = {
    PATH: process.env.PATH,
    HOME: home,
    CLAUDE_CONFIG_DIR: join(home, '.claude'),
    WINK_HOME: join(folder, 'wink-home'),
    ANTHROPIC_BASE_URL: server.url,
    ANTHROPIC_API_KEY: 'sk-ant-example-not-a-real-key',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  };
  const options = { cwd: project, env: environment, settingSources: [], allowedTools: ['Bash'], hooks };
  if (process.env.CLAUDE_CODE_EXECUTABLE) options.pathToClaudeCodeExecutable = process.env.CLAUDE_CODE_EXECUTABLE;

  console.log('Task: make `npm run build` pass.\n');
  let finalText = '';
  for await (const message of query({ prompt: 'Make `npm run build` pass.', options })) {
    if (message.type === 'assistant') {
      for (const block of message.message.content) if (block.type === 'tool_use') console.log(`agent runs: ${block.input.command}`);
    }
    if (message.type === 'result') finalText = message.result ?? '';
  }
  const summary = await session.close();

  const requests = server.mainLoopRequests();
  const reminded = requests.findIndex((request) => JSON.stringify(request.body?.messages ?? []).includes(REMINDER_MARK));
  const reminder = summary.interventions.find((intervention) => intervention.delivered);
  console.log(`\nwink found ${summary.findings.length} problem(s); its reminder reached the model with request ${reminded + 1}:`);
  console.log(`  ${(reminder?.guidance ?? '(none)').split('\n').join('\n  ')}`);
  const builds = requests.flatMap((request) => (request.reply?.toolUses ?? []).map((use) => use.input.command)).filter((command) => command === BUILD).length;
  recovered = reminded > 0 && requests.at(-1)?.reply?.text !== undefined && builds === reminded;
  console.log(`\nThe agent ran the build ${builds} times, then ${recovered ? 'recovered: it changed approach after the reminder' : 'did not recover'}.`);
  console.log(`Final answer: ${finalText}`);
} finally {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
}
process.exit(recovered ? 0 : 1);
