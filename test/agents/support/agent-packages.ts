/**
 * Installs the real agent CLIs from npm, pinned, into a cache folder outside the project's node_modules
 * (`$WINK_AGENTS_CACHE`, default `~/.cache/wink/agents/<package>@<version>`), once per machine. An agent that
 * cannot be installed or started here is reported with the reason, never faked.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Pinned versions: the ones `reference/integrations.md` verified against. */
export const CLAUDE_CODE_PACKAGE = '@anthropic-ai/claude-code';
export const CLAUDE_CODE_VERSION = '2.1.329';

/** How long an npm install may take (the Claude Code binary is a few hundred megabytes). */
const INSTALL_TIMEOUT_MILLISECONDS = 8 * 60_000;
/** How long `--version` may take. */
const PROBE_TIMEOUT_MILLISECONDS = 30_000;

/** A ready binary, or the reason there is none. */
export type AgentBinary = { binary: string; version: string } | { skipReason: string };

export function agentsCacheFolder(): string {
  return process.env.WINK_AGENTS_CACHE || join(homedir(), '.cache', 'wink', 'agents');
}

function errorText(error: unknown): string {
  const { stderr, message } = error as { stderr?: string; message?: string };
  return (stderr || message || String(error)).trim().split('\n').slice(-5).join(' | ');
}

async function npmInstall(prefix: string, specification: string, extraArguments: readonly string[] = []): Promise<void> {
  mkdirSync(prefix, { recursive: true });
  await run('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', ...extraArguments, specification], {
    timeout: INSTALL_TIMEOUT_MILLISECONDS,
    maxBuffer: 16 * 1024 * 1024,
  });
}

async function probe(binary: string): Promise<string | undefined> {
  if (!existsSync(binary)) return undefined;
  try {
    const { stdout } = await run(binary, ['--version'], { timeout: PROBE_TIMEOUT_MILLISECONDS });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/**
 * The Claude Code CLI. Its package declares node ≥22 but ships a native binary per platform through optional
 * dependencies; the postinstall copies it over `bin/claude.exe`. When the postinstall did not run, the platform
 * package's binary is used directly.
 */
export async function claudeCodeBinary(): Promise<AgentBinary> {
  const prefix = join(agentsCacheFolder(), `claude-code@${CLAUDE_CODE_VERSION}`);
  const modules = join(prefix, 'node_modules', '@anthropic-ai');
  const platform = `${process.platform}-${process.arch}`;
  const candidates = [join(modules, 'claude-code', 'bin', 'claude.exe'), join(modules, `claude-code-${platform}`, 'claude'), join(modules, `claude-code-${platform}-musl`, 'claude')];
  for (let attempt = 0; attempt < 2; attempt++) {
    for (const binary of candidates) {
      const version = await probe(binary);
      if (version?.startsWith(CLAUDE_CODE_VERSION)) return { binary, version };
    }
    if (attempt === 1) break;
    try {
      await npmInstall(prefix, `${CLAUDE_CODE_PACKAGE}@${CLAUDE_CODE_VERSION}`);
    } catch (error) {
      return { skipReason: `npm install ${CLAUDE_CODE_PACKAGE}@${CLAUDE_CODE_VERSION} failed: ${errorText(error)}` };
    }
  }
  return { skipReason: `${CLAUDE_CODE_PACKAGE}@${CLAUDE_CODE_VERSION} installed in ${prefix} but no binary for ${platform} runs here (node ${process.version})` };
}

/** Codex: an npm wrapper (`bin/codex.js`) that starts the native binary of the platform's optional dependency. */
export const CODEX_PACKAGE = '@openai/codex';
export const CODEX_VERSION = '0.169.0';
/** Gemini CLI: a bundled Node program (node ≥20). */
export const GEMINI_CLI_PACKAGE = '@google/gemini-cli';
export const GEMINI_CLI_VERSION = '0.61.0';

/** An agent started as `node <script>`, or the reason it cannot be. */
export type AgentScript = { script: string; version: string } | { skipReason: string };

async function probeScript(script: string): Promise<string | undefined> {
  if (!existsSync(script)) return undefined;
  try {
    const { stdout } = await run(process.execPath, [script, '--version'], { timeout: PROBE_TIMEOUT_MILLISECONDS, env: { ...process.env, NO_COLOR: '1' } });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/** Installs `<package>@<version>` into the cache once and returns its Node entry when `--version` names that version. */
async function nodeAgentScript(packageName: string, version: string, entry: string): Promise<AgentScript> {
  const prefix = join(agentsCacheFolder(), `${packageName.split('/').at(-1)}@${version}`);
  const script = join(prefix, 'node_modules', ...packageName.split('/'), ...entry.split('/'));
  for (let attempt = 0; attempt < 2; attempt++) {
    const reported = await probeScript(script);
    if (reported?.includes(version)) return { script, version: reported };
    if (attempt === 1) return { skipReason: `${packageName}@${version} installed in ${prefix} but \`node ${entry} --version\` ${reported === undefined ? 'failed' : `printed "${reported}"`} here (${process.platform}-${process.arch}, node ${process.version})` };
    try {
      await npmInstall(prefix, `${packageName}@${version}`);
    } catch (error) {
      return { skipReason: `npm install ${packageName}@${version} failed: ${errorText(error)}` };
    }
  }
  return { skipReason: `${packageName}@${version} could not be installed` };
}

export function codexScript(): Promise<AgentScript> {
  return nodeAgentScript(CODEX_PACKAGE, CODEX_VERSION, 'bin/codex.js');
}

export function geminiCliScript(): Promise<AgentScript> {
  return nodeAgentScript(GEMINI_CLI_PACKAGE, GEMINI_CLI_VERSION, 'bundle/gemini.js');
}

/**
 * The Claude Agent SDK, pinned to the release bundled with Claude Code {@link CLAUDE_CODE_VERSION}. Installed
 * without its optional per-platform binary (`--omit=optional`, a few hundred megabytes): the tests run it with
 * `pathToClaudeCodeExecutable` set to the Claude Code binary {@link claudeCodeBinary} already installs.
 */
export const CLAUDE_AGENT_SDK_PACKAGE = '@anthropic-ai/claude-agent-sdk';
export const CLAUDE_AGENT_SDK_VERSION = '0.3.329';

/** The SDK's package folder (its `node_modules/@anthropic-ai/claude-agent-sdk`), or the reason there is none. */
export type AgentSdkPackage = { folder: string; version: string } | { skipReason: string };

function installedVersion(folder: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

export async function claudeAgentSdkPackage(): Promise<AgentSdkPackage> {
  const prefix = join(agentsCacheFolder(), `claude-agent-sdk@${CLAUDE_AGENT_SDK_VERSION}`);
  const folder = join(prefix, 'node_modules', ...CLAUDE_AGENT_SDK_PACKAGE.split('/'));
  if (installedVersion(folder) !== CLAUDE_AGENT_SDK_VERSION) {
    try {
      await npmInstall(prefix, `${CLAUDE_AGENT_SDK_PACKAGE}@${CLAUDE_AGENT_SDK_VERSION}`, ['--omit=optional']);
    } catch (error) {
      return { skipReason: `npm install ${CLAUDE_AGENT_SDK_PACKAGE}@${CLAUDE_AGENT_SDK_VERSION} failed: ${errorText(error)}` };
    }
  }
  const version = installedVersion(folder);
  return version === CLAUDE_AGENT_SDK_VERSION ? { folder, version } : { skipReason: `${CLAUDE_AGENT_SDK_PACKAGE}@${CLAUDE_AGENT_SDK_VERSION} is not in ${prefix} after npm install (found ${version ?? 'nothing'})` };
}
