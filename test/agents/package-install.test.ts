/**
 * wink as a user gets it: this checkout packed as it would be published, installed by name into an empty project
 * from a local registry (`npm install --save-dev agent-wink`), then the README's commands run through `npx` from a
 * subfolder — `wink --version`, `wink install claude-code --scope project`, `wink doctor claude-code`, the
 * `wink-hook` entry, `wink uninstall` — and the written command still works after the project moves to another
 * folder (another machine's checkout). Slow (npm fetches the dependencies and builds the SQLite addon), so it runs
 * with the real-agent tests.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTemporaryFolder } from '../support/temporary-folders.js';
import { npmEnvironment, packCheckout, startLocalRegistry, type LocalRegistry, type PackedPackage } from './support/local-registry.js';
import { winkBuildSkipReason } from './support/wink-build.js';

/** npm install of the package and its dependencies (the SQLite addon may be compiled). */
const INSTALL_TIMEOUT_MILLISECONDS = 10 * 60_000;

const skipReason = winkBuildSkipReason();
if (skipReason) process.stderr.write(`\n[test:agents] package install: SKIPPED — ${skipReason}\n`);

describe.skipIf(Boolean(skipReason))('the published package, installed into an empty project', () => {
  let root: string;
  let project: string;
  let subfolder: string;
  let packed: PackedPackage;
  let registry: LocalRegistry;
  let environment: NodeJS.ProcessEnv;

  /** `npx` in the project: only the installed package's bins (`--no-install`), so the registry is not consulted. */
  function npx(cwd: string, parameters: string[], input?: string) {
    return spawnSync('npx', ['--no-install', ...parameters], { cwd, env: environment, encoding: 'utf8', input, timeout: 120_000 });
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'wink-agents-package-'));
    packed = packCheckout(root);
    registry = await startLocalRegistry(packed);
    const home = join(root, 'home');
    mkdirSync(home);
    environment = { ...process.env, HOME: home, WINK_HOME: join(root, 'wink-home'), ...npmEnvironment(registry), NO_COLOR: '1' };
    for (const key of Object.keys(environment)) if (/^(?:CLAUDE_|WINK_HOOK|npm_lifecycle|npm_package)/.test(key)) delete environment[key];
    project = join(root, 'project');
    subfolder = join(project, 'packages', 'app');
    mkdirSync(subfolder, { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'empty-project', version: '1.0.0', private: true }, null, 2) + '\n');
    execFileSync('git', ['init', '-q'], { cwd: project });
    const started = Date.now();
    // Asynchronous: the registry answers from this process, so it must not be blocked while npm talks to it.
    await promisify(execFile)('npm', ['install', '--save-dev', '--no-audit', '--no-fund', packed.name], { cwd: project, env: environment, encoding: 'utf8', timeout: INSTALL_TIMEOUT_MILLISECONDS, maxBuffer: 64 * 1024 * 1024 });
    process.stderr.write(`[test:agents] npm install --save-dev ${packed.name}: ${Math.round((Date.now() - started) / 1000)} s\n`);
  }, INSTALL_TIMEOUT_MILLISECONDS + 60_000);

  afterAll(async () => {
    await registry?.close();
    if (root) await removeTemporaryFolder(root);
  });

  it('was served by name from the registry, and carries no source, test or development files', () => {
    expect(registry.served).toContain(`/${packed.name}`);
    const unwanted = packed.files.filter((file) => /^(?:src|test|bench|scripts|test-artifacts)\/|\.test\.|\.map$|\.meta\.json$|^\.ci\/|^tsconfig|^vitest|^eslint/.test(file));
    expect(unwanted).toEqual([]);
    for (const needed of ['dist/cli/main.js', 'dist/hook.cjs', 'dist/hook-bundle.cjs', '.claude-plugin/plugin.json', '.claude-plugin/marketplace.json', 'hooks/hooks.json', 'models/learned-tier.json', 'README.md', 'package.json']) expect(packed.files).toContain(needed);
    const dependencies = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
    expect(Object.keys(dependencies.devDependencies ?? {})).toEqual([packed.name]);
  });

  it('npx wink --version prints the version', () => {
    const result = npx(subfolder, ['wink', '--version']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(packed.version);
  });

  it('npx wink analyze --learned finds the shipped model inside the installed package', () => {
    const fixture = join(process.cwd(), 'test', 'fixtures', 'otel', 'smolagents-code-agent.json');
    const result = npx(subfolder, ['wink', 'analyze', fixture, '--learned', '--json']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('learned tier: 1 trajectories scored');
    const document = JSON.parse(result.stdout) as { trajectories: { learned?: unknown[] }[] };
    expect(document.trajectories[0]?.learned).toHaveLength(3);
  });

  it('npx wink install claude-code --scope project, from a subfolder: portable settings at the repository root', () => {
    const result = npx(subfolder, ['wink', 'install', 'claude-code', '--scope', 'project']);
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(subfolder, '.claude'))).toBe(false);
    const settings = readFileSync(join(project, '.claude', 'settings.json'), 'utf8');
    expect(settings).toContain('node \\"$CLAUDE_PROJECT_DIR/node_modules/agent-wink/dist/hook.cjs\\" claude-code');
    expect(settings).not.toContain(root);
  });

  it('npx wink doctor claude-code: every check passes', () => {
    const result = npx(subfolder, ['wink', 'doctor', 'claude-code']);
    process.stderr.write(`[test:agents] wink doctor claude-code:\n${result.stdout}`);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/✓ claude-code \(project\): a synthetic SessionStart event was answered in \d+ ms/);
  });

  it('npx wink-hook answers a hook event', () => {
    const transcript = join(root, 'session.jsonl');
    writeFileSync(transcript, '');
    const event = { session_id: 'package-test', transcript_path: transcript, cwd: project, hook_event_name: 'SessionStart', source: 'startup' };
    const result = npx(project, ['wink-hook', 'claude-code'], JSON.stringify(event));
    expect(result.status).toBe(0);
    expect(existsSync(join(root, 'wink-home', 'wink.log')) ? readFileSync(join(root, 'wink-home', 'wink.log'), 'utf8') : '').toBe('');
    expect(existsSync(join(root, 'wink-home', 'wink.db'))).toBe(true);
  });

  it('the written command runs from another checkout of the project (moved folder, same dependencies)', () => {
    const moved = join(root, 'elsewhere', 'project');
    mkdirSync(join(root, 'elsewhere'));
    renameSync(project, moved);
    try {
      const settings = JSON.parse(readFileSync(join(moved, '.claude', 'settings.json'), 'utf8')) as { hooks: Record<string, { hooks: { command: string }[] }[]> };
      const command = settings.hooks.PostToolUse[0].hooks[0].command;
      const transcript = join(root, 'moved.jsonl');
      writeFileSync(transcript, '');
      const event = { session_id: 'moved-project', transcript_path: transcript, cwd: moved, hook_event_name: 'SessionStart', source: 'startup' };
      const home = join(root, 'moved-wink-home');
      const result = spawnSync('sh', ['-c', command], { cwd: moved, env: { ...environment, CLAUDE_PROJECT_DIR: moved, WINK_HOME: home }, input: JSON.stringify(event), encoding: 'utf8' });
      expect(result.status).toBe(0);
      expect(existsSync(join(home, 'wink.log'))).toBe(false);
      expect(existsSync(join(home, 'wink.db'))).toBe(true);
    } finally {
      renameSync(moved, project);
    }
  });

  it('the library imports by name from the installed package: agent-wink/session guides and refuses; the SDK integrations load', () => {
    const script = [
      "import { createWinkSession } from 'agent-wink/session';",
      "import { winkPrepareStep, winkMiddleware, winkTools } from 'agent-wink/ai-sdk';",
      "import { winkHooks, winkQuery } from 'agent-wink/claude-agent-sdk';",
      "const loaded = [typeof winkPrepareStep, typeof winkMiddleware, typeof winkTools, Object.keys(winkHooks()).sort().join(',')];",
      "const missing = await winkQuery({ prompt: 'hello' }).then(() => 'loaded', (error) => error.name);",
      "const session = createWinkSession({ task: 'Make the build pass. Do not run git push.' });",
      "for (let number = 0; number < 3; number++) session.observe([{ kind: 'tool-call', tool: 'Bash', input: { command: 'npm run build' }, callId: 'b' + number }, { kind: 'tool-result', callId: 'b' + number, output: 'Error: build failed', isError: true }]);",
      "const verdict = session.beforeToolCall({ tool: 'Bash', input: { command: 'git push' } });",
      "console.log(JSON.stringify({ guided: Boolean(session.guidance()), allow: verdict.allow, summary: (await session.close()).errors, loaded, missing }));",
    ].join('\n');
    writeFileSync(join(project, 'library-check.mjs'), script);
    const result = spawnSync('node', ['library-check.mjs'], { cwd: project, env: environment, encoding: 'utf8', timeout: 60_000 });
    expect(result.status, result.stderr).toBe(0);
    const answer = JSON.parse(result.stdout.trim()) as { loaded: string[] };
    expect(answer).toMatchObject({ guided: true, allow: false, summary: 0, missing: 'ClaudeAgentSdkMissingError' });
    expect(answer.loaded.slice(0, 3)).toEqual(['function', 'function', 'function']);
    expect(answer.loaded[3]).toContain('PreToolUse');
  });

  it('npx wink uninstall claude-code removes what install wrote', () => {
    const result = npx(subfolder, ['wink', 'uninstall', 'claude-code']);
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(project, '.claude', 'settings.json'))).toBe(false);
  });
});
