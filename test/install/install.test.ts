/** `wink install` / `wink uninstall` on tables of existing settings files, in temporary project and home folders. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGENT_TARGETS, findProjectRoot, INSTALL_AGENTS, hookCommand, install, isWinkHandler, NotPortableError, portableHookEntry, projectHookCommand, SettingsFileError, summaryLines, uninstall, type InstallAgent, type InstallOptions } from '../../src/integrations/install/index.js';

/** Fixed paths so commands are predictable; one has a space to exercise quoting. */
const NODE_PATH = '/opt/node 20/bin/node';
const ENTRY_PATH = '/opt/wink/dist/cli/hook-entry.js';
/** The wink installation the tests install from: outside the project, like a global or npx copy. */
const INSTALLATION = { root: '/opt/wink', name: 'agent-wink' };
/** The project-scope command each agent gets, word for word: the project's dependency, from the root the agent names. */
const PROJECT_COMMAND: Record<InstallAgent, string> = {
  'claude-code': 'node "$CLAUDE_PROJECT_DIR/node_modules/agent-wink/dist/hook.cjs" claude-code',
  codex: 'node "$(git rev-parse --show-toplevel 2>/dev/null || pwd)/node_modules/agent-wink/dist/hook.cjs" codex',
  'gemini-cli': 'node "$GEMINI_PROJECT_DIR/node_modules/agent-wink/dist/hook.cjs" gemini-cli',
};

/** Settings file of each agent, relative to the project folder. */
const PROJECT_FILE: Record<InstallAgent, string> = {
  'claude-code': '.claude/settings.json',
  codex: '.codex/hooks.json',
  'gemini-cli': '.gemini/settings.json',
};

/** Settings file of each agent, relative to the home folder. */
const USER_FILE: Record<InstallAgent, string> = {
  'claude-code': '.claude/settings.json',
  codex: '.codex/hooks.json',
  'gemini-cli': '.gemini/settings.json',
};

/** A user's own hook on the same event, with the matcher wink uses on tool events. */
function userToolHook(agent: InstallAgent): Record<string, unknown> {
  const event = agent === 'gemini-cli' ? 'AfterTool' : 'PostToolUse';
  const matcher = agent === 'gemini-cli' ? '.*' : '*';
  return { [event]: [{ matcher, hooks: [{ type: 'command', command: 'node ./scripts/format.mjs', timeout: 5 }] }] };
}

interface Existing {
  name: string;
  /** File content before install; undefined: no file. */
  content?: (agent: InstallAgent) => string;
}

/** The table of settings files found before `wink install`. */
const EXISTING: Existing[] = [
  { name: 'no file' },
  { name: 'empty file', content: () => '' },
  { name: 'empty object', content: () => '{}\n' },
  { name: 'user hook on the same event and matcher', content: (agent) => JSON.stringify({ hooks: userToolHook(agent) }, null, 2) },
  { name: 'other settings', content: () => JSON.stringify({ model: 'some-model', permissions: { allow: ['Bash(npm test)'] }, env: { A: '1' } }, null, 4) },
  {
    name: 'other settings and user hooks on other events',
    content: () => JSON.stringify({ theme: 'dark', hooks: { Notification: [{ hooks: [{ type: 'command', command: 'notify-send done' }] }] } }),
  },
];

let project: string;
let home: string;

beforeEach(() => {
  const root = mkdtempSync(join(tmpdir(), 'wink-install-'));
  project = join(root, 'project');
  home = join(root, 'home');
  mkdirSync(project);
  mkdirSync(home);
  // wink is a dependency of the project, as after `npm install --save-dev agent-wink`.
  mkdirSync(join(project, 'node_modules', 'agent-wink'), { recursive: true });
  writeFileSync(join(project, 'node_modules', 'agent-wink', 'package.json'), JSON.stringify({ name: 'agent-wink', version: '0.1.0' }));
});

afterEach(() => rmSync(dirname(project), { recursive: true, force: true }));

function options(agent: InstallAgent, extra: Partial<InstallOptions> = {}): InstallOptions {
  return { agent, project, home, nodePath: NODE_PATH, entryPath: ENTRY_PATH, installation: INSTALLATION, environment: {}, ...extra };
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** Every handler in a hooks table, with its event. */
function handlers(document: Record<string, unknown>): { event: string; matcher?: string; handler: Record<string, unknown> }[] {
  const table = (document.hooks ?? {}) as Record<string, { matcher?: string; hooks: Record<string, unknown>[] }[]>;
  return Object.entries(table).flatMap(([event, groups]) => groups.flatMap((group) => group.hooks.map((handler) => ({ event, matcher: group.matcher, handler }))));
}

/** The document without wink's handlers, for comparison with what the user had. */
function withoutWink(document: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(document), (key, value) => (Array.isArray(value) ? value.filter((item) => !isWinkHandler(item)) : value)) as Record<string, unknown>;
}

describe.each(INSTALL_AGENTS)('wink install %s', (agent) => {
  const target = AGENT_TARGETS[agent];
  const file = () => join(project, PROJECT_FILE[agent]);

  it.each(EXISTING)('$name: adds one wink handler per event, keeps the rest, is idempotent, uninstalls cleanly', async ({ content }) => {
    const before = content?.(agent);
    if (before !== undefined) {
      mkdirSync(dirname(file()), { recursive: true });
      writeFileSync(file(), before);
    }
    const first = await install(options(agent));
    expect(first.file).toBe(file());
    expect(first.written).toBe(true);
    expect(first.outcome).toBe(before === undefined ? 'created' : 'updated');
    const installed = readJson(file());
    expect(readFileSync(file(), 'utf8')).toBe(JSON.stringify(installed, null, 2) + '\n');

    const wink = handlers(installed).filter(({ handler }) => isWinkHandler(handler));
    expect(wink.map(({ event }) => event).sort()).toEqual(target.events.map(({ event }) => event).sort());
    for (const { event, matcher, handler } of wink) {
      expect(matcher).toBe(target.events.find((spec) => spec.event === event)?.matcher);
      expect(handler).toMatchObject({ type: 'command', command: PROJECT_COMMAND[agent], timeout: target.timeout });
    }
    expect(wink[0].handler.command).toBe(projectHookCommand(agent, 'node_modules/agent-wink/dist/hook.cjs'));
    if (agent === 'gemini-cli') {
      expect(installed.hooksConfig).toEqual({ enabled: true });
      expect(wink[0].handler.timeout).toBe(30_000);
    }

    const original = before === undefined || before.trim() === '' ? {} : (JSON.parse(before) as Record<string, unknown>);
    const userHandlers = handlers(original);
    expect(handlers(installed).filter(({ handler }) => !isWinkHandler(handler))).toEqual(userHandlers);
    for (const [key, value] of Object.entries(original)) if (key !== 'hooks') expect(installed[key]).toEqual(value);

    const second = await install(options(agent));
    expect(second.changes).toEqual([]);
    expect(second.written).toBe(false);
    expect(readJson(file())).toEqual(installed);

    const removed = await uninstall(options(agent));
    expect(removed.changes.map((change) => change.action)).toEqual(target.events.map(() => 'remove'));
    const remaining = existsSync(file()) ? readJson(file()) : {};
    expect(withoutWink(installed).hooksConfig).toEqual(remaining.hooksConfig);
    delete remaining.hooksConfig;
    expect(remaining).toEqual(original);
    expect((await uninstall(options(agent))).changes).toEqual([]);
  });

  it('user scope writes under HOME; --dry-run writes nothing', async () => {
    const dry = await install(options(agent, { scope: 'user', dryRun: true }));
    expect(dry.file).toBe(join(home, USER_FILE[agent]));
    expect(dry.changes.length).toBeGreaterThan(0);
    expect(dry.written).toBe(false);
    expect(existsSync(dry.file)).toBe(false);
    const real = await install(options(agent, { scope: 'user' }));
    expect(real.written).toBe(true);
    expect(existsSync(real.file)).toBe(true);
    expect(existsSync(file())).toBe(false);
    // User settings stay on this machine: this node and this installation, by absolute path.
    const written = handlers(readJson(real.file)).filter(({ handler }) => isWinkHandler(handler));
    expect(written.every(({ handler }) => handler.command === `"${NODE_PATH}" ${ENTRY_PATH} ${agent}`)).toBe(true);
  });

  it('replaces an older wink command (other node, main.js hook) in place and drops it from events no longer used', async () => {
    const old = { type: 'command', command: `/usr/bin/node /old/wink/dist/cli/main.js hook ${agent}`, timeout: 10 };
    const hooks = Object.fromEntries([...target.events.map(({ event }) => event), 'Notification'].map((event) => [event, [{ hooks: [old] }]]));
    mkdirSync(dirname(file()), { recursive: true });
    writeFileSync(file(), JSON.stringify({ hooks }));
    const report = await install(options(agent));
    expect(report.changes.filter((change) => change.action === 'update')).toHaveLength(target.events.length);
    expect(report.changes.filter((change) => change.action === 'remove').map((change) => change.target)).toEqual(['Notification']);
    const wink = handlers(readJson(file())).filter(({ handler }) => isWinkHandler(handler));
    expect(wink).toHaveLength(target.events.length);
    expect(wink.every(({ handler }) => handler.command === PROJECT_COMMAND[agent])).toBe(true);
  });

  const malformed: { name: string; content: string; problem: RegExp }[] = [
    { name: 'not JSON', content: '{"hooks": {', problem: /not valid JSON/ },
    { name: 'JSON with comments', content: '{\n  // mine\n  "a": 1\n}', problem: /not valid JSON/ },
    { name: 'an array', content: '[]', problem: /JSON object/ },
    { name: 'hooks not an object', content: '{"hooks": []}', problem: /"hooks" must be an object/ },
    { name: 'event not an array', content: '{"hooks": {"Stop": {"hooks": []}}}', problem: /"hooks.Stop" must be an array/ },
    { name: 'group without hooks', content: '{"hooks": {"Stop": [{"matcher": "*"}]}}', problem: /"hooks.Stop\[0\]"/ },
  ];
  it.each(malformed)('malformed settings ($name): clear error naming the file, file untouched', async ({ content, problem }) => {
    mkdirSync(dirname(file()), { recursive: true });
    writeFileSync(file(), content);
    for (const action of [install, uninstall]) {
      const error = await action(options(agent)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SettingsFileError);
      expect((error as Error).message).toContain(file());
      expect((error as Error).message).toMatch(problem);
      expect(readFileSync(file(), 'utf8')).toBe(content);
    }
  });
});

describe('install details', () => {
  it('keeps a user handler that shares a group with wink when wink is removed', async () => {
    const file = join(project, '.claude/settings.json');
    const command = hookCommand('claude-code', { nodePath: NODE_PATH, entryPath: ENTRY_PATH });
    const mine = { type: 'command', command: 'echo mine' };
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ hooks: { Stop: [{ hooks: [mine, { type: 'command', command }] }] } }));
    await uninstall(options('claude-code'));
    expect(readJson(file)).toEqual({ hooks: { Stop: [{ hooks: [mine] }] } });
  });

  it('recognises wink commands and nothing else', () => {
    const winkCommands = ['/usr/bin/node /x/dist/cli/main.js hook claude-code', '/usr/bin/node /x/dist/cli/hook-entry.js codex', 'node "${CLAUDE_PLUGIN_ROOT}/dist/cli/hook-entry.js" claude-code', 'wink-hook gemini-cli', '/n /x/dist/hook.mjs hook codex', '"/a b/node" "/c d/main.js" hook codex', 'wink hook gemini-cli', 'npx wink hook claude-code'];
    const others = ['node main.js build', 'echo hook claude-code', 'node hook-entry.js claude-code --debug', 'node ./my-hook.js codex', 'node ./hooks/wink-like.mjs', 'wink hook claude-code && rm -rf /tmp/x'];
    for (const command of winkCommands) expect(isWinkHandler({ type: 'command', command })).toBe(true);
    for (const command of others) expect(isWinkHandler({ type: 'command', command })).toBe(false);
    expect(isWinkHandler({ type: 'http', command: 'wink hook codex' })).toBe(false);
  });

  it('honours CLAUDE_CONFIG_DIR and CODEX_HOME for the user scope', async () => {
    const claude = await install(options('claude-code', { scope: 'user', dryRun: true, environment: { CLAUDE_CONFIG_DIR: join(home, 'cc') } }));
    expect(claude.file).toBe(join(home, 'cc', 'settings.json'));
    const codex = await install(options('codex', { scope: 'user', dryRun: true, environment: { CODEX_HOME: join(home, 'cx') } }));
    expect(codex.file).toBe(join(home, 'cx', 'hooks.json'));
  });

  it('warns when Codex config.toml turns hooks off, and notes trust', async () => {
    mkdirSync(join(project, '.codex'), { recursive: true });
    writeFileSync(join(project, '.codex', 'config.toml'), 'model = "x"\n\n[features]\nhooks = false # off\n');
    const report = await install(options('codex'));
    expect(report.notes.join('\n')).toMatch(/config\.toml:4: "hooks = false # off" turns Codex hooks off/);
    expect(report.notes.join('\n')).toMatch(/trust/);
  });

  it('summarises changes like a diff', async () => {
    const report = await install(options('claude-code'));
    const lines = summaryLines(report);
    expect(lines[0]).toBe(`wink install claude-code (Claude Code, project scope): ${join(project, '.claude/settings.json')}`);
    expect(lines).toContain(`  + PreToolUse [*]: ${PROJECT_COMMAND['claude-code']}`);
    expect(lines.at(-1)).toBe('  7 changes; file created');
    expect(summaryLines(await install(options('claude-code')))).toContain('  wink hooks already installed; nothing changed');
    expect(summaryLines(await uninstall(options('claude-code', { dryRun: true }))).at(-1)).toBe('  7 changes; dry run: would be deleted, nothing written');
  });
});

describe('project scope: commands that work on every machine', () => {
  it('refuses, naming the fix, when wink is not a dependency of the project (nothing written)', async () => {
    rmSync(join(project, 'node_modules'), { recursive: true, force: true });
    const error = await install(options('claude-code')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotPortableError);
    expect((error as Error).message).toContain('npm install --save-dev agent-wink');
    expect((error as Error).message).toContain('--scope user');
    expect(existsSync(join(project, '.claude'))).toBe(false);
    // Uninstall needs no command: it still works without the dependency.
    expect((await uninstall(options('claude-code'))).changes).toEqual([]);
  });

  it('a dependency of another name is not wink', async () => {
    writeFileSync(join(project, 'node_modules', 'agent-wink', 'package.json'), JSON.stringify({ name: 'wink' }));
    await expect(install(options('claude-code'))).rejects.toBeInstanceOf(NotPortableError);
  });

  const entries: { name: string; layout: (root: string) => { installation: { root: string; name: string } }; entry: string }[] = [
    { name: 'the project depends on wink', layout: () => ({ installation: INSTALLATION }), entry: 'node_modules/agent-wink/dist/hook.cjs' },
    {
      name: "wink's own checkout (the installation is the project)",
      layout: (root) => {
        rmSync(join(root, 'node_modules'), { recursive: true, force: true });
        return { installation: { root, name: 'agent-wink' } };
      },
      entry: 'dist/hook.cjs',
    },
    {
      name: 'a linked dependency (npm link, workspaces) keeps its node_modules path',
      layout: (root) => {
        rmSync(join(root, 'node_modules', 'agent-wink'), { recursive: true, force: true });
        const elsewhere = join(dirname(root), 'wink-checkout');
        mkdirSync(elsewhere);
        writeFileSync(join(elsewhere, 'package.json'), JSON.stringify({ name: 'agent-wink' }));
        symlinkSync(elsewhere, join(root, 'node_modules', 'agent-wink'));
        return { installation: { root: elsewhere, name: 'agent-wink' } };
      },
      entry: 'node_modules/agent-wink/dist/hook.cjs',
    },
  ];
  it.each(entries)('$name', ({ layout, entry }) => {
    expect(portableHookEntry(project, layout(project).installation)).toBe(entry);
  });

  it('run from a subfolder, the settings go to the repository root', () => {
    mkdirSync(join(project, '.git'));
    mkdirSync(join(project, 'packages', 'app', 'src'), { recursive: true });
    expect(findProjectRoot(join(project, 'packages', 'app', 'src'))).toBe(project);
    // A worktree or submodule has a .git file.
    rmSync(join(project, '.git'), { recursive: true });
    writeFileSync(join(project, '.git'), 'gitdir: /elsewhere/.git/worktrees/project\n');
    expect(findProjectRoot(join(project, 'packages', 'app'))).toBe(project);
    // No repository: the folder itself.
    rmSync(join(project, '.git'));
    expect(findProjectRoot(join(project, 'packages'))).toBe(join(project, 'packages'));
  });
});

