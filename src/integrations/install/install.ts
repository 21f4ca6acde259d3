/** `wink install` / `wink uninstall`: plan the edit of one agent's settings file, then write it unless asked not to. */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { AGENT_TARGETS, type InstallAgent, type InstallScope } from './agent-targets.js';
import { codexHooksWarning } from './codex-features.js';
import { SettingsFileError, SettingsShapeError } from './errors.js';
import { hookCommand, projectHookCommand, type HookCommandOptions } from './hook-command.js';
import { installHooks, uninstallHooks, type JsonObject, type SettingsChange } from './hook-entries.js';
import { findProjectRoot, installedPackage, portableHookEntry } from './project-location.js';
import { readSettingsFile, removeSettingsFile, writeSettingsFile } from './settings-file.js';

/** What the user asked for. */
export interface InstallOptions extends HookCommandOptions {
  agent: InstallAgent;
  /** `project` (default) or `user`. */
  scope?: InstallScope;
  /** Project folder (default: the repository root above the current directory, see `findProjectRoot`). */
  project?: string;
  /** Home folder (default: `HOME`). */
  home?: string;
  /** Plan and report, write nothing. */
  dryRun?: boolean;
  /** Environment for the agents' own overrides (default: `process.env`). */
  environment?: Readonly<Record<string, string | undefined>>;
  /** The wink installation whose hook a project depends on (default: this one, see `installedPackage`). */
  installation?: { root: string; name: string };
}

/** What happened to the settings file, as `--json` prints it. */
export interface InstallReport {
  action: 'install' | 'uninstall';
  agent: InstallAgent;
  scope: InstallScope;
  dryRun: boolean;
  /** The settings file. */
  file: string;
  /** Whether the file existed before. */
  existed: boolean;
  /** What the file becomes: `created`, `updated`, `deleted` (emptied by uninstall) or `unchanged`. */
  outcome: 'created' | 'updated' | 'deleted' | 'unchanged';
  /** Whether wink wrote to disk (false on a dry run or when nothing changed). */
  written: boolean;
  changes: SettingsChange[];
  /** Things the user should know to make the hooks run (trust, disabled features). */
  notes: string[];
}

/** What each agent needs from the user before project hooks run. */
const TRUST_NOTES: Readonly<Record<InstallAgent, string | undefined>> = {
  'claude-code': undefined,
  codex: 'Codex runs new or changed hooks only after you review and trust them (/hooks in Codex), and project hooks only in a trusted project',
  'gemini-cli': 'Gemini CLI runs project hooks only in a trusted workspace',
};

/** The project folder: `--project` as given, else the repository root above the current directory. */
export function projectFolder(options: Pick<InstallOptions, 'project'>): string {
  return options.project === undefined ? findProjectRoot(process.cwd()) : resolve(options.project);
}

function settingsPathFor(options: InstallOptions): { scope: InstallScope; path: string; project: string } {
  const scope = options.scope ?? 'project';
  const environment = options.environment ?? process.env;
  const project = projectFolder(options);
  const path = AGENT_TARGETS[options.agent].settingsPath(scope, {
    home: resolve(options.home ?? environment.HOME ?? homedir()),
    project,
    environment,
  });
  return { scope, path, project };
}

/**
 * The command written for a scope. User settings stay on this machine: absolute paths of this node and this
 * installation. Project settings are shared through the repository: the project's own dependency, found from
 * the project root the agent names (see `projectHookCommand`).
 */
export function installCommand(options: InstallOptions, scope: InstallScope, project: string): string {
  if (scope === 'user') return hookCommand(options.agent, options);
  return projectHookCommand(options.agent, portableHookEntry(project, options.installation ?? installedPackage()));
}

function edit(action: InstallReport['action'], document: JsonObject, options: InstallOptions, path: string, command: () => string) {
  try {
    return action === 'install' ? installHooks(document, AGENT_TARGETS[options.agent], command()) : uninstallHooks(document);
  } catch (error) {
    if (error instanceof SettingsShapeError) throw new SettingsFileError(path, error.message, { cause: error });
    throw error;
  }
}

async function run(action: InstallReport['action'], options: InstallOptions): Promise<InstallReport> {
  const { scope, path, project } = settingsPathFor(options);
  const file = await readSettingsFile(path);
  const { document, changes } = edit(action, file.document, options, path, () => installCommand(options, scope, project));
  const emptied = action === 'uninstall' && changes.length > 0 && Object.keys(document).length === 0;
  const outcome: InstallReport['outcome'] = changes.length === 0 ? 'unchanged' : emptied ? 'deleted' : file.existed ? 'updated' : 'created';
  const dryRun = options.dryRun ?? false;
  const written = !dryRun && outcome !== 'unchanged';
  if (written) {
    if (emptied) await removeSettingsFile(path);
    else await writeSettingsFile(path, document);
  }
  const notes: string[] = [];
  if (action === 'install') {
    const trust = TRUST_NOTES[options.agent];
    if (trust) notes.push(trust);
    if (options.agent === 'codex') {
      const warning = await codexHooksWarning(path);
      if (warning) notes.push(warning);
    }
  }
  return { action, agent: options.agent, scope, dryRun, file: path, existed: file.existed, outcome, written, changes, notes };
}

/** Merges wink's hook handlers into the agent's settings file (idempotent). */
export function install(options: InstallOptions): Promise<InstallReport> {
  return run('install', options);
}

/** Removes wink's hook handlers, and only them, from the agent's settings file. */
export function uninstall(options: InstallOptions): Promise<InstallReport> {
  return run('uninstall', options);
}
