/** Running the real Claude Code CLI (`claude -p`) against the scripted local model server, with a private HOME. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runAgent, type AgentRun } from './run-agent.js';

/** How long a whole Claude Code run may take. */
export const CLAUDE_RUN_TIMEOUT_MILLISECONDS = 180_000;

/** Variables not passed on: the user's own agent and wink settings, and the `npm run` environment of this suite. */
const WITHHELD_VARIABLES = /^(?:ANTHROPIC_|CLAUDE_|WINK_|OTEL_|npm_|VITEST|NODE_OPTIONS$)/i;

/** Environment of the CLI: a private HOME, the fake server, no telemetry, updates or other traffic, and nothing of ours. */
export function claudeEnvironment(home: string, serverUrl: string, winkHome: string): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !WITHHELD_VARIABLES.test(key)));
  return {
    ...inherited,
    HOME: home,
    WINK_HOME: winkHome,
    ANTHROPIC_BASE_URL: serverUrl,
    ANTHROPIC_API_KEY: 'sk-ant-wink-test-dummy-key',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_ERROR_REPORTING: '1',
    DISABLE_BUG_COMMAND: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    NPM_CONFIG_UPDATE_NOTIFIER: 'false',
    NO_COLOR: '1',
  };
}

/** Runs `claude -p <prompt>` to the end; the fake server lives in this process, so the child must not block it. */
export function runClaude(binary: string, cwd: string, environment: NodeJS.ProcessEnv, prompt: string, allowedTools: string): Promise<AgentRun> {
  return runAgent(binary, ['-p', prompt, '--output-format', 'stream-json', '--verbose', '--allowedTools', allowedTools], cwd, environment, CLAUDE_RUN_TIMEOUT_MILLISECONDS);
}

/** The session transcripts Claude Code wrote under a private HOME (`~/.claude/projects/<project>/<session>.jsonl`). */
export function claudeTranscripts(home: string): string[] {
  const projects = join(home, '.claude', 'projects');
  if (!existsSync(projects)) return [];
  return readdirSync(projects).flatMap((project) =>
    readdirSync(join(projects, project))
      .filter((name) => name.endsWith('.jsonl'))
      .map((name) => join(projects, project, name)),
  );
}
