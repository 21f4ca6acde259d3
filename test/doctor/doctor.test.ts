/**
 * `wink doctor` over a table of installations in temporary project and home folders: what each check reports
 * for a working install and for each way an install breaks. The round trips run the real built hook
 * (`npm run build` first), through the shell, as the agents do.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveCommand, runDoctor, type DoctorCheck, type DoctorReport } from '../../src/integrations/doctor/index.js';
import { install, type InstallAgent } from '../../src/integrations/install/index.js';

const REPOSITORY = join(import.meta.dirname, '..', '..');
const MAIN = join(REPOSITORY, 'dist', 'cli', 'main.js');

let root: string;
let project: string;
let home: string;
let environment: NodeJS.ProcessEnv;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'wink-doctor-test-'));
  project = join(root, 'project');
  home = join(root, 'home');
  mkdirSync(join(project, '.git'), { recursive: true });
  mkdirSync(join(project, 'node_modules'), { recursive: true });
  mkdirSync(home);
  symlinkSync(REPOSITORY, join(project, 'node_modules', 'agent-wink'));
  environment = { ...process.env, HOME: home, WINK_HOME: join(root, 'wink-home'), CLAUDE_CONFIG_DIR: '', CODEX_HOME: '' };
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

async function installFor(agent: InstallAgent, scope: 'project' | 'user' = 'project'): Promise<string> {
  const report = await install({ agent, scope, project, home, environment });
  return report.file;
}

/** Replaces the project's wink with a package whose hook entry runs `source` instead. */
function fakeWink(source: string): void {
  rmSync(join(project, 'node_modules', 'agent-wink'));
  mkdirSync(join(project, 'node_modules', 'agent-wink', 'dist'), { recursive: true });
  writeFileSync(join(project, 'node_modules', 'agent-wink', 'package.json'), JSON.stringify({ name: 'agent-wink' }));
  writeFileSync(join(project, 'node_modules', 'agent-wink', 'dist', 'hook.cjs'), source);
}

function checksOf(report: DoctorReport, name: string): DoctorCheck[] {
  return report.checks.filter((check) => check.check === name);
}

interface Case {
  name: string;
  agent: InstallAgent;
  /** Breaks (or not) the installation after `wink install`. */
  arrange: (file: string) => Promise<void> | void;
  ok: boolean;
  /** Checks expected with their status, and a text their message contains. */
  expect: { check: string; status: DoctorCheck['status']; text: string }[];
  nodeVersion?: string;
}

const CASES: Case[] = [
  {
    name: 'a working project install of Claude Code',
    agent: 'claude-code',
    arrange: () => undefined,
    ok: true,
    expect: [
      { check: 'node', status: 'pass', text: 'is supported' },
      { check: 'store', status: 'pass', text: 'opens and is writable' },
      { check: 'settings', status: 'pass', text: "holds wink's hooks" },
      { check: 'events', status: 'pass', text: 'PostToolUseFailure' },
      { check: 'command', status: 'pass', text: 'node_modules/agent-wink/dist/hook.cjs' },
      { check: 'round-trip', status: 'pass', text: 'was answered in' },
      { check: 'surface', status: 'info', text: 'sub-agent' },
    ],
  },
  {
    name: 'a working project install of Gemini CLI (its own project variable)',
    agent: 'gemini-cli',
    arrange: () => undefined,
    ok: true,
    expect: [
      { check: 'enabled', status: 'pass', text: 'hooksConfig.enabled' },
      { check: 'round-trip', status: 'pass', text: 'was answered in' },
    ],
  },
  {
    name: 'a working project install of Codex (the git root)',
    agent: 'codex',
    arrange: () => undefined,
    ok: true,
    expect: [{ check: 'round-trip', status: 'pass', text: 'was answered in' }],
  },
  {
    name: 'settings that are not JSON',
    agent: 'claude-code',
    arrange: (file) => writeFileSync(file, '{"hooks": {'),
    ok: false,
    expect: [{ check: 'settings', status: 'fail', text: 'is not valid JSON' }],
  },
  {
    name: 'an event removed by hand',
    agent: 'claude-code',
    arrange: (file) => {
      const document = JSON.parse(readFileSync(file, 'utf8')) as { hooks: Record<string, unknown> };
      delete document.hooks.Stop;
      writeFileSync(file, JSON.stringify(document));
    },
    ok: false,
    expect: [{ check: 'events', status: 'fail', text: 'missing on Stop' }],
  },
  {
    name: 'Gemini CLI hooks switched off',
    agent: 'gemini-cli',
    arrange: (file) => {
      const document = JSON.parse(readFileSync(file, 'utf8')) as { hooksConfig: Record<string, unknown> };
      document.hooksConfig.enabled = false;
      writeFileSync(file, JSON.stringify(document));
    },
    ok: false,
    expect: [{ check: 'enabled', status: 'fail', text: 'runs no hooks' }],
  },
  {
    name: 'Codex hooks switched off in config.toml',
    agent: 'codex',
    arrange: (file) => writeFileSync(join(file, '..', 'config.toml'), '[features]\nhooks = false\n'),
    ok: false,
    expect: [{ check: 'enabled', status: 'fail', text: 'turns Codex hooks off' }],
  },
  {
    name: "the project's dependencies not installed (a fresh clone)",
    agent: 'claude-code',
    arrange: () => rmSync(join(project, 'node_modules'), { recursive: true, force: true }),
    ok: false,
    expect: [{ check: 'command', status: 'fail', text: 'run npm install in the project' }],
  },
  {
    name: 'a hook that answers with text that is not JSON',
    agent: 'claude-code',
    arrange: () => fakeWink('process.stdin.resume(); process.stdin.on("end", () => process.stdout.write("hello"));'),
    ok: false,
    expect: [{ check: 'round-trip', status: 'fail', text: 'is not JSON: hello' }],
  },
  {
    name: 'a hook that exits non-zero',
    agent: 'claude-code',
    arrange: () => fakeWink('process.exit(3);'),
    ok: false,
    expect: [{ check: 'round-trip', status: 'fail', text: 'exited with code 3' }],
  },
  {
    name: 'a hook that fails open (its error only in the log)',
    agent: 'claude-code',
    arrange: () =>
      fakeWink('const fs = require("node:fs"); fs.mkdirSync(process.env.WINK_HOME, { recursive: true }); fs.appendFileSync(process.env.WINK_HOME + "/wink.log", "Error: Cannot find module better-sqlite3\\n");'),
    ok: false,
    expect: [{ check: 'round-trip', status: 'fail', text: 'failed open: Error: Cannot find module better-sqlite3' }],
  },
  {
    name: 'another hook on the same events',
    agent: 'claude-code',
    arrange: (file) => {
      const document = JSON.parse(readFileSync(file, 'utf8')) as { hooks: Record<string, { hooks: unknown[] }[]> };
      document.hooks.PostToolUse.push({ hooks: [{ type: 'command', command: 'node ./scripts/format.mjs' }] });
      writeFileSync(file, JSON.stringify(document));
    },
    ok: true,
    expect: [{ check: 'other-hooks', status: 'warn', text: 'PostToolUse: node ./scripts/format.mjs' }],
  },
  {
    name: 'installed in the project and for the user',
    agent: 'gemini-cli',
    arrange: async () => {
      await installFor('gemini-cli', 'user');
    },
    ok: false,
    expect: [{ check: 'duplicate', status: 'fail', text: 'installed 2 times (project and user)' }],
  },
  {
    name: 'a Node.js too old',
    agent: 'claude-code',
    arrange: () => undefined,
    nodeVersion: 'v18.19.0',
    ok: false,
    expect: [{ check: 'node', status: 'fail', text: 'too old' }],
  },
];

describe('wink doctor', () => {
  it.each(CASES)('$name', async ({ agent, arrange, ok, expect: expected, nodeVersion }) => {
    const file = await installFor(agent);
    await arrange(file);
    const report = await runDoctor({ agents: [agent], project, home, environment, nodeVersion });
    for (const { check, status, text } of expected) {
      const found = checksOf(report, check);
      expect(found.some((candidate) => candidate.status === status && candidate.message.includes(text)), `${check} ${status} "${text}" in ${JSON.stringify(found)}`).toBe(true);
    }
    expect(report.ok).toBe(ok);
  }, 60_000);

  it('a named agent wink is not installed for is a failure; unnamed, only a note', async () => {
    const named = await runDoctor({ agents: ['codex'], project, home, environment });
    expect(named.ok).toBe(false);
    expect(checksOf(named, 'installed')[0]).toMatchObject({ status: 'fail', agent: 'codex' });
    const all = await runDoctor({ project, home, environment });
    expect(all.ok).toBe(true);
    expect(checksOf(all, 'installed').map((check) => check.status)).toEqual(['info', 'info', 'info']);
  });

  /** Registers this checkout as the installed Claude Code plugin (it holds hooks/hooks.json and dist/hook.cjs). */
  function installPlugin(enabled: boolean): void {
    const config = join(home, '.claude');
    mkdirSync(join(config, 'plugins'), { recursive: true });
    writeFileSync(join(config, 'plugins', 'installed_plugins.json'), JSON.stringify({ version: 2, plugins: { 'wink@wink': [{ scope: 'user', installPath: REPOSITORY }] } }));
    writeFileSync(join(config, 'settings.json'), JSON.stringify({ enabledPlugins: { 'wink@wink': enabled } }));
  }

  it('finds the Claude Code plugin and runs its hook; a switched-off plugin is not an installation', async () => {
    installPlugin(true);
    const report = await runDoctor({ agents: ['claude-code'], project, home, environment });
    expect(report.checks.filter((check) => check.place === 'plugin').map((check) => [check.check, check.status])).toEqual([
      ['settings', 'pass'],
      ['events', 'pass'],
      ['command', 'pass'],
      ['round-trip', 'pass'],
    ]);
    expect(report.ok).toBe(true);
    await installFor('claude-code');
    const twice = await runDoctor({ agents: ['claude-code'], project, home, environment });
    expect(checksOf(twice, 'duplicate')[0]?.message).toContain('installed 2 times (project and plugin)');
    installPlugin(false);
    const off = await runDoctor({ agents: ['claude-code'], project, home, environment });
    expect(off.checks.some((check) => check.place === 'plugin')).toBe(false);
    expect(off.ok).toBe(true);
  }, 60_000);

  it('a store that cannot be written is a failure (WINK_HOME is a file)', async () => {
    await installFor('claude-code');
    const blocked = join(root, 'not-a-folder');
    writeFileSync(blocked, '');
    const report = await runDoctor({ agents: ['claude-code'], project, home, environment: { ...environment, WINK_HOME: blocked } });
    expect(checksOf(report, 'store')[0]).toMatchObject({ status: 'fail' });
    expect(checksOf(report, 'store')[0].message).toContain('set WINK_HOME to a writable folder');
    expect(report.ok).toBe(false);
  });

  it('as a process: one line per check, exit 1 on a failure, --json', () => {
    const run = (parameters: string[]) => spawnSync(process.execPath, [MAIN, 'doctor', ...parameters, '--project', project], { encoding: 'utf8', env: { ...environment, NO_COLOR: '1' } });
    const missing = run(['codex']);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toContain('✗ codex: wink is not installed for Codex');
    expect(missing.stdout.trim().split('\n').at(-1)).toBe('1 problem found');
    const json = run(['gemini-cli', '--json']);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false });
    expect(run(['cursor']).status).toBe(2);
  });
});

describe('resolveCommand (what a settings command will run)', () => {
  const variables = { CLAUDE_PROJECT_DIR: '/p', CLAUDE_PLUGIN_ROOT: '/plugin root' };
  const cases: { command: string; words?: string[]; problem?: string }[] = [
    { command: 'node "$CLAUDE_PROJECT_DIR/node_modules/agent-wink/dist/hook.cjs" claude-code', words: ['node', '/p/node_modules/agent-wink/dist/hook.cjs', 'claude-code'] },
    { command: 'node "${CLAUDE_PLUGIN_ROOT}/dist/hook.cjs" claude-code', words: ['node', '/plugin root/dist/hook.cjs', 'claude-code'] },
    { command: 'node "$(git rev-parse --show-toplevel 2>/dev/null || pwd)/node_modules/agent-wink/dist/hook.cjs" codex', words: ['node', '/root/node_modules/agent-wink/dist/hook.cjs', 'codex'] },
    { command: '"/opt/node 20/bin/node" /opt/wink/dist/hook.cjs gemini-cli', words: ['/opt/node 20/bin/node', '/opt/wink/dist/hook.cjs', 'gemini-cli'] },
    { command: "node '/a b/hook.cjs' codex", words: ['node', '/a b/hook.cjs', 'codex'] },
    { command: 'node "a \\"quoted\\" \\$HOME" x', words: ['node', 'a "quoted" $HOME', 'x'] },
    { command: 'node "$UNSET_VARIABLE/hook.cjs" codex', problem: '$UNSET_VARIABLE is not set' },
    { command: 'node "$(cat path)/hook.cjs" codex', problem: 'a shell expression wink cannot evaluate' },
    { command: 'wink hook claude-code && rm -rf /tmp/x', problem: 'a shell operator (&)' },
    { command: 'node "unclosed', problem: 'an unclosed double quote' },
    { command: '   ', problem: 'an empty command' },
  ];
  it.each(cases)('$command', ({ command, words, problem }) => {
    const resolved = resolveCommand(command, variables, '/root');
    if (words) expect(resolved).toEqual({ words });
    else expect('problem' in resolved && resolved.problem).toContain(problem);
  });
});
