/**
 * The Claude Code plugin's database driver. A plugin installed from the marketplace is the npm package alone,
 * without its dependencies, and better-sqlite3 has a native addon built per platform; so the first hook that
 * needs the store in a plugin install starts `npm install better-sqlite3@<the bundled version>` in the
 * plugin's data folder (`$CLAUDE_PLUGIN_DATA/dependencies`, kept across plugin updates), detached, once (a lock
 * file, stale after {@link INSTALL_LOCK_STALE_MILLISECONDS}; a failed install is retried after the same time),
 * and every hook until it is done fails open with that reason in `wink.log`. Outside a plugin (no
 * `CLAUDE_PLUGIN_DATA`) nothing here runs.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The variable Claude Code sets for a plugin's hooks: a folder the plugin may keep files in. */
export const PLUGIN_DATA_VARIABLE = 'CLAUDE_PLUGIN_DATA';
/** An install lock older than this is from an install that died: a new one may start. */
export const INSTALL_LOCK_STALE_MILLISECONDS = 15 * 60_000;
/** Where better-sqlite3's build puts its addon, from its package folder. */
const ADDON_PATH = ['build', 'Release', 'better_sqlite3.node'];

/** The folder the plugin's dependencies go to, or undefined outside a plugin. */
export function pluginDependencyFolder(environment: NodeJS.ProcessEnv = process.env): string | undefined {
  const data = environment[PLUGIN_DATA_VARIABLE];
  return data && data.length > 0 ? join(data, 'dependencies') : undefined;
}

/** better-sqlite3 installed in the plugin's folder, at `version`, with its addon built: its package folder. */
export function pluginSqlitePackage(folder: string, version: string): string | undefined {
  const packageFolder = join(folder, 'node_modules', 'better-sqlite3');
  try {
    const manifest = JSON.parse(readFileSync(join(packageFolder, 'package.json'), 'utf8')) as { version?: unknown };
    return manifest.version === version && existsSync(join(packageFolder, ...ADDON_PATH)) ? packageFolder : undefined;
  } catch {
    return undefined;
  }
}

/** What {@link startPluginDependencyInstall} did: started one, found one running, or found one that failed lately. */
export type PluginInstallState = 'started' | 'installing' | 'failed';

function isRecent(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs < INSTALL_LOCK_STALE_MILLISECONDS;
  } catch {
    return false;
  }
}

/**
 * Starts the detached install of better-sqlite3 `version` into `folder` unless one is running. Costs a few
 * milliseconds of the hook that calls it; the install itself (a download, and a compile where no prebuilt addon
 * exists) runs on after the hook exits. Its output goes to `install.log` in the folder.
 */
export function startPluginDependencyInstall(folder: string, version: string, environment: NodeJS.ProcessEnv = process.env): PluginInstallState {
  mkdirSync(folder, { recursive: true });
  const lock = join(folder, 'install.lock');
  if (isRecent(lock)) return 'installing';
  // A failed install is not retried by every hook: once per stale period.
  if (isRecent(join(folder, 'install.failed'))) return 'failed';
  writeFileSync(lock, `${process.pid} ${new Date().toISOString()}\n`);
  // A package.json of its own, so npm installs here and does not walk up into another project.
  if (!existsSync(join(folder, 'package.json'))) writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'wink-plugin-dependencies', private: true }) + '\n');
  const log = openSync(join(folder, 'install.log'), 'w');
  const script = 'npm install --no-save --no-audit --no-fund --omit=dev "better-sqlite3@$1"; status=$?; if [ $status -ne 0 ]; then date > install.failed; else rm -f install.failed; fi; rm -f install.lock; exit $status';
  const child = spawn('sh', ['-c', script, 'wink-plugin-install', version], { cwd: folder, env: environment, detached: true, stdio: ['ignore', log, log] });
  child.on('error', () => undefined);
  child.unref();
  return 'started';
}
