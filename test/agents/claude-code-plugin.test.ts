/**
 * wink as a Claude Code plugin, the way a user takes it: `claude plugin validate --strict` accepts the repository's
 * marketplace and the packed plugin; `claude plugin marketplace add <this repository>` then `claude plugin install
 * wink@wink` fetch the package by name from a local registry serving this checkout packed; the first session starts
 * the install of the plugin's SQLite driver into its data folder; once it is there, a session whose prompt says "Do
 * not use the Bash tool" gets its Bash call refused by the plugin's hooks, with no wink in the project's settings;
 * and `wink doctor` finds the plugin and gets an answer from its hook.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTemporaryFolder } from '../support/temporary-folders.js';
import { startFakeAnthropicServer, type RecordedRequest } from '../../src/testing/index.js';
import { claudeCodeBinary } from './support/agent-packages.js';
import { PRE_TOOL_USE_DENIAL, toolExchanges } from './support/anthropic-conversation.js';
import { CLAUDE_RUN_TIMEOUT_MILLISECONDS, claudeEnvironment, runClaude } from './support/claude-code-run.js';
import { npmEnvironment, packCheckout, startLocalRegistry, type LocalRegistry, type PackedPackage } from './support/local-registry.js';
import type { AgentRun } from './support/run-agent.js';
import { REPOSITORY, WINK_ENTRY, winkBuildSkipReason } from './support/wink-build.js';

/** How long the plugin's driver install may take (a download, and a compile where no prebuilt addon exists). */
const DRIVER_INSTALL_TIMEOUT_MILLISECONDS = 8 * 60_000;
const NOTES = 'notes.txt';
const PROMPT = `How many lines does ${NOTES} have? Do not use the Bash tool.`;
const COUNT_COMMAND = `wc -l ${NOTES}`;

const agent = await claudeCodeBinary();
const skipReason = 'skipReason' in agent ? agent.skipReason : winkBuildSkipReason();
if (skipReason) process.stderr.write(`\n[test:agents] Claude Code plugin: SKIPPED — ${skipReason}\n`);

/**
 * Runs `claude <parameters>` to the end, asynchronously: the local registry answers from this process, so it must
 * not be blocked while Claude Code (or the npm it starts) talks to it.
 */
async function claude(parameters: string[], environment: NodeJS.ProcessEnv, cwd = REPOSITORY): Promise<{ status: number; stdout: string; stderr: string }> {
  if (!('binary' in agent)) throw new Error('no Claude Code binary');
  try {
    const { stdout, stderr } = await promisify(execFile)(agent.binary, parameters, { cwd, env: environment, encoding: 'utf8', timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? String(error) };
  }
}

async function waitFor(condition: () => boolean, timeoutMilliseconds: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMilliseconds;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  return condition();
}

describe.skipIf(Boolean(skipReason))(`Claude Code ${'version' in agent ? agent.version : ''}: wink as a plugin from the marketplace`, () => {
  let root: string;
  let home: string;
  let project: string;
  let packed: PackedPackage;
  let registry: LocalRegistry;
  let environment: NodeJS.ProcessEnv;
  let dataFolder: string;
  let run: AgentRun;
  let lastRequest: RecordedRequest | undefined;

  beforeAll(async () => {
    if (!('binary' in agent)) return;
    root = mkdtempSync(join(tmpdir(), 'wink-agents-claude-plugin-'));
    home = join(root, 'home');
    project = join(root, 'project');
    mkdirSync(home);
    mkdirSync(project);
    writeFileSync(join(project, NOTES), 'one\ntwo\nthree\n');
    packed = packCheckout(root);
    registry = await startLocalRegistry(packed);
    dataFolder = join(home, '.claude', 'plugins', 'data', 'wink-wink', 'dependencies');
  }, 120_000);

  afterAll(async () => {
    await registry?.close();
    if (root) await removeTemporaryFolder(root);
  });

  it('claude plugin validate --strict accepts the marketplace and the packed plugin', async () => {
    const environment = { ...process.env, HOME: home };
    const marketplace = await claude(['plugin', 'validate', '--strict', join(REPOSITORY, '.claude-plugin', 'marketplace.json')], environment);
    expect(marketplace.status, marketplace.stdout + marketplace.stderr).toBe(0);
    const unpacked = join(root, 'unpacked');
    mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', packed.tarball, '-C', unpacked]);
    const plugin = await claude(['plugin', 'validate', '--strict', join(unpacked, 'package', '.claude-plugin', 'plugin.json')], environment);
    expect(plugin.status, plugin.stdout + plugin.stderr).toBe(0);
  });

  it('marketplace add, then plugin install wink@wink, fetch the package by name', async () => {
    const server = { url: 'http://127.0.0.1:9' };
    environment = { ...claudeEnvironment(home, server.url, join(root, 'wink-home')), ...npmEnvironment(registry) };
    const added = await claude(['plugin', 'marketplace', 'add', REPOSITORY], environment);
    expect(added.status, added.stdout + added.stderr).toBe(0);
    const installed = await claude(['plugin', 'install', 'wink@wink'], environment);
    expect(installed.status, installed.stdout + installed.stderr).toBe(0);
    expect(registry.served).toContain(`/${packed.name}`);
    const plugins = JSON.parse(readFileSync(join(home, '.claude', 'plugins', 'installed_plugins.json'), 'utf8')) as { plugins: Record<string, { installPath: string }[]> };
    const installPath = plugins.plugins['wink@wink'][0].installPath;
    expect(existsSync(join(installPath, 'dist', 'hook.cjs'))).toBe(true);
    expect(readFileSync(join(installPath, 'hooks', 'hooks.json'), 'utf8')).toBe(readFileSync(join(REPOSITORY, 'hooks', 'hooks.json'), 'utf8'));
  });

  it('the first session starts the install of the SQLite driver; it completes in the background', async () => {
    const server = await startFakeAnthropicServer({ script: [{ text: 'Hello.' }] });
    try {
      const first = await runClaude((agent as { binary: string }).binary, project, { ...environment, ANTHROPIC_BASE_URL: server.url }, 'Say hello.', 'Read');
      expect(first.status, first.stderr).toBe(0);
    } finally {
      await server.close();
    }
    expect(existsSync(join(dataFolder, 'package.json'))).toBe(true);
    const started = Date.now();
    const done = await waitFor(() => !existsSync(join(dataFolder, 'install.lock')), DRIVER_INSTALL_TIMEOUT_MILLISECONDS);
    process.stderr.write(`[test:agents] plugin driver install: ${Math.round((Date.now() - started) / 1000)} s after the first session\n`);
    const log = existsSync(join(dataFolder, 'install.log')) ? readFileSync(join(dataFolder, 'install.log'), 'utf8') : '';
    expect(done, log.slice(-2000)).toBe(true);
    expect(existsSync(join(dataFolder, 'install.failed')), log.slice(-2000)).toBe(false);
    expect(existsSync(join(dataFolder, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
  }, DRIVER_INSTALL_TIMEOUT_MILLISECONDS + CLAUDE_RUN_TIMEOUT_MILLISECONDS);

  it("then the plugin's hooks refuse the Bash call the prompt forbids, with no wink in the project's settings", async () => {
    const server = await startFakeAnthropicServer({
      script: [{ toolUses: [{ name: 'Bash', input: { command: COUNT_COMMAND, description: 'Count the lines' } }] }, { text: '3' }],
    });
    try {
      run = await runClaude((agent as { binary: string }).binary, project, { ...environment, ANTHROPIC_BASE_URL: server.url }, PROMPT, 'Bash,Read');
      lastRequest = server.mainLoopRequests().at(-1);
    } finally {
      await server.close();
    }
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(project, '.claude', 'settings.json'))).toBe(false);
    const bash = toolExchanges(lastRequest as RecordedRequest).find((exchange) => exchange.command === COUNT_COMMAND);
    expect(bash?.result, 'the Bash call is refused by the plugin').toMatch(PRE_TOOL_USE_DENIAL);
    expect(bash?.result).toContain('Do not use the Bash tool.');
    process.stderr.write(`[test:agents] Claude Code plugin: Bash refused with: ${bash?.result?.slice(0, 200)}\n`);
  }, CLAUDE_RUN_TIMEOUT_MILLISECONDS + 30_000);

  it('wink doctor finds the plugin and gets an answer from its hook', async () => {
    const doctor = await promisify(execFile)(process.execPath, [WINK_ENTRY, 'doctor', 'claude-code', '--json', '--project', project], { env: { ...environment, WINK_HOME: join(root, 'doctor-home') }, encoding: 'utf8', timeout: 120_000 }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(doctor.stdout) as { ok: boolean; checks: { status: string; place?: string; check: string; message: string }[] };
    const plugin = report.checks.filter((check) => check.place === 'plugin');
    expect(plugin.find((check) => check.check === 'round-trip'), JSON.stringify(plugin)).toMatchObject({ status: 'pass' });
    expect(report.ok, JSON.stringify(report.checks.filter((check) => check.status === 'fail'))).toBe(true);
  }, 120_000);
});
