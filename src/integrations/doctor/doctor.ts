/**
 * `wink doctor`: whether wink's hooks will run and answer for each agent, in plain words, one check a line.
 * For every place wink is installed (project settings, user settings, the Claude Code plugin): the settings
 * parse, the agent has hooks switched on, every event wink needs is there, the command's program and entry
 * exist, and one synthetic event gets an answer within the hook budget. Then what concerns all agents (the Node
 * version, the store) and what the agent itself loses (see `surfaces.ts`).
 */
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_HOOK_BUDGET_MS } from '../hook-runtime.js';
import { AGENT_TARGETS, INSTALL_AGENTS, type InstallAgent, type InstallScope } from '../install/agent-targets.js';
import { codexHooksWarning } from '../install/codex-features.js';
import { SettingsFileError, SettingsShapeError } from '../install/errors.js';
import { isWinkHandler } from '../install/hook-command.js';
import { hookHandlers, type JsonObject } from '../install/hook-entries.js';
import { findProjectRoot } from '../install/project-location.js';
import { readSettingsFile } from '../install/settings-file.js';
import { defaultDatabasePath, winkHome } from '../../store/home.js';
import { openStore } from '../../store/open.js';
import { resolveCommand } from './resolve-command.js';
import { hookRoundTrip } from './round-trip.js';
import { HOOK_SURFACES } from './surfaces.js';

/** Lowest Node.js major version wink supports (package.json `engines`). */
export const MINIMUM_NODE_MAJOR = 20;

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'info';

/** One line of the doctor's report. */
export interface DoctorCheck {
  status: CheckStatus;
  /** The agent the check is about, when it is about one. */
  agent?: InstallAgent;
  /** Where wink is installed for that agent, when the check is about one installation. */
  place?: InstallScope | 'plugin';
  /** Short id of the check (`settings`, `events`, `round-trip`, …). */
  check: string;
  message: string;
}

export interface DoctorReport {
  /** True when no check failed. */
  ok: boolean;
  checks: DoctorCheck[];
}

export interface DoctorOptions {
  /** Agents to check; a named agent without wink is a failure. Default: every agent, reporting the installed ones. */
  agents?: InstallAgent[];
  /** Project folder (default: the repository root above the current directory). */
  project?: string;
  /** Home folder (default: `HOME`). */
  home?: string;
  environment?: NodeJS.ProcessEnv;
  /** Node.js version to judge (default: this process's). */
  nodeVersion?: string;
}

/** One place wink's hooks are configured for an agent. */
interface Installation {
  place: InstallScope | 'plugin';
  file: string;
  document: JsonObject;
  /** Variables the agent sets for this installation's commands. */
  variables: Record<string, string>;
}

/** Variables each agent sets for hook commands, from the project root. */
function agentVariables(agent: InstallAgent, projectRoot: string): Record<string, string> {
  if (agent === 'claude-code') return { CLAUDE_PROJECT_DIR: projectRoot };
  if (agent === 'gemini-cli') return { GEMINI_PROJECT_DIR: projectRoot, CLAUDE_PROJECT_DIR: projectRoot };
  return {};
}

function nodeCheck(version: string): DoctorCheck {
  const major = Number(version.replace(/^v/, '').split('.')[0]);
  return major >= MINIMUM_NODE_MAJOR
    ? { status: 'pass', check: 'node', message: `Node.js ${version} is supported (wink needs ${MINIMUM_NODE_MAJOR} or newer)` }
    : { status: 'fail', check: 'node', message: `Node.js ${version} is too old: wink needs ${MINIMUM_NODE_MAJOR} or newer` };
}

async function storeCheck(environment: NodeJS.ProcessEnv): Promise<DoctorCheck> {
  const file = defaultDatabasePath(environment);
  try {
    mkdirSync(winkHome(environment), { recursive: true });
    accessSync(winkHome(environment), constants.W_OK);
    if (existsSync(file)) accessSync(file, constants.W_OK);
    const store = await openStore({ file });
    try {
      await store.getSession('wink-doctor-probe');
    } finally {
      await store.close();
    }
    return { status: 'pass', check: 'store', message: `the store ${file} opens and is writable` };
  } catch (error) {
    return { status: 'fail', check: 'store', message: `the store ${file} cannot be used: ${(error as Error).message.split('\n')[0]} (hooks then record nothing; set WINK_HOME to a writable folder)` };
  }
}

/**
 * The Claude Code plugin's data folder (`CLAUDE_PLUGIN_DATA` for its hooks): `plugins/data/<id>` with every
 * character of the plugin id outside letters, digits, `_` and `-` turned into `-` (`wink@wink` → `wink-wink`),
 * as Claude Code 2.1.329 lays it out.
 */
export function claudePluginDataFolder(configFolder: string, pluginId: string): string {
  return join(configFolder, 'plugins', 'data', pluginId.replace(/[^\w-]/g, '-'));
}

/** Plugins the user switched off in Claude Code's user settings (`enabledPlugins: {"<id>": false}`). */
function disabledPlugins(configFolder: string): Set<string> {
  try {
    const settings = JSON.parse(readFileSync(join(configFolder, 'settings.json'), 'utf8')) as { enabledPlugins?: Record<string, unknown> };
    return new Set(Object.entries(settings.enabledPlugins ?? {}).flatMap(([id, enabled]) => (enabled === false ? [id] : [])));
  } catch {
    return new Set();
  }
}

/** The Claude Code plugin, when installed and not switched off: its hooks file, root and data folder. */
function claudePlugin(configFolder: string): { file: string; root: string; data: string } | undefined {
  try {
    const installed = JSON.parse(readFileSync(join(configFolder, 'plugins', 'installed_plugins.json'), 'utf8')) as { plugins?: Record<string, { installPath?: string }[]> };
    const disabled = disabledPlugins(configFolder);
    for (const [id, entries] of Object.entries(installed.plugins ?? {})) {
      if (!id.startsWith('wink@') || disabled.has(id)) continue;
      const root = entries.find((entry) => typeof entry.installPath === 'string')?.installPath;
      if (root) return { file: join(root, 'hooks', 'hooks.json'), root, data: claudePluginDataFolder(configFolder, id) };
    }
  } catch {
    // No plugin registry: no plugin.
  }
  return undefined;
}

/** wink's handlers in a settings document: event → commands. */
function winkHandlers(document: JsonObject): Map<string, { matcher?: string; command: string }[]> {
  const found = new Map<string, { matcher?: string; command: string }[]>();
  for (const { event, matcher, handler } of hookHandlers(document)) {
    if (!isWinkHandler(handler)) continue;
    found.set(event, [...(found.get(event) ?? []), { matcher, command: (handler as { command: string }).command }]);
  }
  return found;
}

/** Other handlers on the events wink answers: their answers are combined with wink's, and a block or stop of theirs wins. */
function otherHandlers(document: JsonObject, events: readonly string[]): string[] {
  const others = hookHandlers(document).filter(({ handler }) => !isWinkHandler(handler));
  return events.flatMap((event) =>
    others
      .filter((entry) => entry.event === event)
      .map(({ handler }) => {
        const command = (handler as { command?: unknown }).command;
        return `${event}: ${typeof command === 'string' ? command.slice(0, 80) : JSON.stringify(handler).slice(0, 80)}`;
      }),
  );
}

function onPath(program: string, environment: NodeJS.ProcessEnv): boolean {
  if (isAbsolute(program) || program.includes('/')) return existsSync(program);
  return (environment.PATH ?? '').split(delimiter).some((folder) => folder.length > 0 && existsSync(join(folder, program)));
}

async function installationChecks(agent: InstallAgent, installation: Installation, projectRoot: string, environment: NodeJS.ProcessEnv): Promise<DoctorCheck[]> {
  const target = AGENT_TARGETS[agent];
  const base = { agent, place: installation.place };
  const checks: DoctorCheck[] = [];
  const handlers = winkHandlers(installation.document);
  const missing = target.events.filter(({ event }) => !handlers.has(event)).map(({ event }) => event);
  checks.push(
    missing.length === 0
      ? { ...base, status: 'pass', check: 'events', message: `${installation.file}: wink answers every event it needs (${target.events.map(({ event }) => event).join(', ')})` }
      : { ...base, status: 'fail', check: 'events', message: `${installation.file}: wink is missing on ${missing.join(', ')}; run wink install ${agent} again` },
  );
  if (agent === 'gemini-cli' && installation.place !== 'plugin') {
    const config = installation.document.hooksConfig as { enabled?: unknown; disabled?: unknown } | undefined;
    const disabled = Array.isArray(config?.disabled) && config.disabled.includes('wink');
    checks.push(
      config?.enabled === true && !disabled
        ? { ...base, status: 'pass', check: 'enabled', message: 'Gemini CLI hooks are switched on (hooksConfig.enabled)' }
        : { ...base, status: 'fail', check: 'enabled', message: disabled ? 'hooksConfig.disabled lists "wink": Gemini CLI skips it' : 'hooksConfig.enabled is not true: Gemini CLI runs no hooks' },
    );
  }
  if (agent === 'codex') {
    const warning = await codexHooksWarning(installation.file);
    if (warning) checks.push({ ...base, status: 'fail', check: 'enabled', message: warning });
  }
  const commands = [...new Set([...handlers.values()].flat().map(({ command }) => command))];
  for (const command of commands) {
    const resolved = resolveCommand(command, { ...environment, ...installation.variables }, projectRoot);
    if ('problem' in resolved) {
      checks.push({ ...base, status: 'warn', check: 'command', message: `cannot check \`${command}\`: ${resolved.problem}` });
      continue;
    }
    const [program, entry] = resolved.words;
    const entryPath = entry === undefined ? undefined : resolve(projectRoot, entry);
    if (!onPath(program, environment)) {
      checks.push({ ...base, status: 'fail', check: 'command', message: `\`${program}\` is not found (the hook command runs \`${command}\`)` });
      continue;
    }
    if (entryPath !== undefined && /\.[cm]?js$/.test(entryPath) && !existsSync(entryPath)) {
      const hint = entryPath.includes('node_modules') ? ' — run npm install in the project' : '';
      checks.push({ ...base, status: 'fail', check: 'command', message: `the hook entry ${entryPath} does not exist${hint}` });
      continue;
    }
    checks.push({ ...base, status: 'pass', check: 'command', message: `the hook command resolves: ${[program, entryPath ?? ''].join(' ').trim()}` });
    const trip = await hookRoundTrip(command, projectRoot, installation.variables, environment);
    if (!trip.ok) checks.push({ ...base, status: 'fail', check: 'round-trip', message: `a synthetic SessionStart event got no proper answer: ${trip.problem} (${trip.milliseconds} ms)` });
    else if (trip.milliseconds > DEFAULT_HOOK_BUDGET_MS) checks.push({ ...base, status: 'warn', check: 'round-trip', message: `a synthetic SessionStart event was answered in ${trip.milliseconds} ms, over the hook budget of ${DEFAULT_HOOK_BUDGET_MS} ms (a loaded machine, or a slow disk)` });
    else checks.push({ ...base, status: 'pass', check: 'round-trip', message: `a synthetic SessionStart event was answered in ${trip.milliseconds} ms (budget ${DEFAULT_HOOK_BUDGET_MS} ms)` });
  }
  const others = otherHandlers(installation.document, target.events.map(({ event }) => event));
  if (others.length > 0) {
    checks.push({
      ...base,
      status: 'warn',
      check: 'other-hooks',
      message: `${others.length} other hook${others.length === 1 ? '' : 's'} on wink's events (${others.slice(0, 3).join('; ')}${others.length > 3 ? '; …' : ''}): the agent combines their answers with wink's, and a block or stop of theirs takes precedence — make sure they print nothing when they have nothing to say`,
    });
  }
  return checks;
}

/** Runs every check. Never throws for a broken installation: that is a failed check. */
export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorReport> {
  const environment = options.environment ?? process.env;
  const home = resolve(options.home ?? environment.HOME ?? homedir());
  const projectRoot = options.project === undefined ? findProjectRoot(process.cwd()) : resolve(options.project);
  const named = options.agents !== undefined;
  const checks: DoctorCheck[] = [nodeCheck(options.nodeVersion ?? process.version), await storeCheck(environment)];
  for (const agent of options.agents ?? INSTALL_AGENTS) {
    const target = AGENT_TARGETS[agent];
    const installations: Installation[] = [];
    for (const scope of ['project', 'user'] as const) {
      const file = target.settingsPath(scope, { home, project: projectRoot, environment });
      try {
        const settings = await readSettingsFile(file);
        if (!settings.existed) continue;
        if (winkHandlers(settings.document).size === 0) continue;
        installations.push({ place: scope, file, document: settings.document, variables: agentVariables(agent, projectRoot) });
      } catch (error) {
        const problem = error instanceof SettingsFileError ? error.message : error instanceof SettingsShapeError ? `${file}: ${error.message}` : `${file}: ${(error as Error).message}`;
        checks.push({ agent, place: scope, status: 'fail', check: 'settings', message: `the settings do not parse: ${problem}` });
      }
    }
    if (agent === 'claude-code') {
      const plugin = claudePlugin(environment.CLAUDE_CONFIG_DIR || join(home, '.claude'));
      if (plugin) {
        try {
          const document = JSON.parse(readFileSync(plugin.file, 'utf8')) as JsonObject;
          installations.push({ place: 'plugin', file: plugin.file, document, variables: { ...agentVariables(agent, projectRoot), CLAUDE_PLUGIN_ROOT: plugin.root, CLAUDE_PLUGIN_DATA: plugin.data } });
        } catch (error) {
          checks.push({ agent, place: 'plugin', status: 'fail', check: 'settings', message: `the plugin's hooks file ${plugin.file} cannot be read: ${(error as Error).message}` });
        }
      }
    }
    if (installations.length === 0) {
      if (!checks.some((check) => check.agent === agent)) {
        checks.push(
          named
            ? { agent, status: 'fail', check: 'installed', message: `wink is not installed for ${target.displayName}: run \`npx wink install ${agent} --scope project\`` }
            : { agent, status: 'info', check: 'installed', message: `not installed for ${target.displayName}` },
        );
      }
      continue;
    }
    for (const installation of installations) {
      checks.push({ agent, place: installation.place, status: 'pass', check: 'settings', message: `${installation.file} parses and holds wink's hooks` });
      checks.push(...(await installationChecks(agent, installation, projectRoot, environment)));
    }
    if (installations.length > 1) {
      const places = installations.map((installation) => installation.place).join(' and ');
      checks.push({ agent, status: 'fail', check: 'duplicate', message: `wink is installed ${installations.length} times (${places}): every event runs it twice and the agent gets each reminder twice — remove one (\`wink uninstall ${agent} --scope user\`, or disable the plugin)` });
    }
    for (const surface of HOOK_SURFACES[agent]) checks.push({ agent, status: 'info', check: 'surface', message: `${surface.text} (${surface.source})` });
  }
  return { ok: !checks.some((check) => check.status === 'fail'), checks };
}

/** Sign in front of each line. */
const STATUS_SIGN: Readonly<Record<CheckStatus, string>> = { pass: '✓', fail: '✗', warn: '!', info: '·' };

/** The report for a person: one line per check. */
export function doctorLines(report: DoctorReport): string[] {
  const lines = report.checks.map((check) => {
    const where = check.agent === undefined ? '' : `${check.agent}${check.place ? ` (${check.place})` : ''}: `;
    return `${STATUS_SIGN[check.status]} ${where}${check.message}`;
  });
  const failed = report.checks.filter((check) => check.status === 'fail').length;
  lines.push(failed === 0 ? 'no problem found' : `${failed} problem${failed === 1 ? '' : 's'} found`);
  return lines;
}

