/**
 * Running the real Claude Agent SDK (installed in the agents cache, not in this checkout) against the scripted
 * local model server: its `query()` with a private HOME and CLAUDE_CONFIG_DIR, no setting sources, and the
 * cached Claude Code binary as its executable.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLAUDE_RUN_TIMEOUT_MILLISECONDS, claudeEnvironment } from './claude-code-run.js';

/** A message the SDK yields, as far as the tests read it. */
export interface SdkMessage {
  type: string;
  subtype?: string;
  result?: string;
}

/** The SDK module, as far as the tests use it (declared here: the SDK is not a dependency of this checkout). */
export interface ClaudeAgentSdk {
  query(parameters: { prompt: string; options: Record<string, unknown> }): AsyncIterable<SdkMessage>;
  createSdkMcpServer(options: { name: string; tools: unknown[] }): unknown;
  tool(name: string, description: string, shape: Record<string, unknown>, handler: (input: Record<string, unknown>) => Promise<unknown>): unknown;
}

/** The zod the SDK was installed with (its peer dependency), for in-process tool schemas. */
export interface Zod {
  string(): unknown;
}

export async function loadClaudeAgentSdk(folder: string): Promise<ClaudeAgentSdk> {
  return (await import(pathToFileURL(join(folder, 'sdk.mjs')).href)) as ClaudeAgentSdk;
}

export async function loadSdkZod(folder: string): Promise<Zod> {
  const resolved = createRequire(join(folder, 'package.json')).resolve('zod');
  return ((await import(pathToFileURL(resolved).href)) as { z: Zod }).z;
}

/** How one SDK run is set up. */
export interface SdkRunSetup {
  prompt: string;
  cwd: string;
  home: string;
  winkHome: string;
  serverUrl: string;
  /** The Claude Code binary to run (the SDK's own is not installed). */
  binary: string;
  hooks: unknown;
  allowedTools: string[];
  mcpServers?: Record<string, unknown>;
}

/** What a run yielded. */
export interface SdkRun {
  messages: SdkMessage[];
  result: SdkMessage | undefined;
  stderr: string;
}

/** Runs `query()` to its end (aborted after the CLI run timeout). */
export async function runSdkQuery(sdk: ClaudeAgentSdk, setup: SdkRunSetup): Promise<SdkRun> {
  const abortController = new AbortController();
  const timer = setTimeout(() => abortController.abort(), CLAUDE_RUN_TIMEOUT_MILLISECONDS);
  const environment = { ...claudeEnvironment(setup.home, setup.serverUrl, setup.winkHome), CLAUDE_CONFIG_DIR: join(setup.home, '.claude') };
  const run: SdkRun = { messages: [], result: undefined, stderr: '' };
  try {
    const options = {
      cwd: setup.cwd,
      env: environment,
      settingSources: [],
      hooks: setup.hooks,
      allowedTools: setup.allowedTools,
      mcpServers: setup.mcpServers,
      pathToClaudeCodeExecutable: setup.binary,
      abortController,
      stderr: (text: string) => (run.stderr += text),
    };
    for await (const message of sdk.query({ prompt: setup.prompt, options })) {
      run.messages.push(message);
      if (message.type === 'result') run.result = message;
    }
  } finally {
    clearTimeout(timer);
  }
  return run;
}
