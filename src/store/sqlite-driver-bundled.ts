/**
 * better-sqlite3 for the hook's bundle (`scripts/build-hook.mjs` puts this module in place of `sqlite-driver.ts`):
 * its JavaScript is compiled into the bundle, and so into the hook's V8 code cache, instead of a dozen files
 * resolved, read and compiled by every hook process; its native addon is loaded straight from the installed
 * package by its path (no `bindings` search). Used only when the installed better-sqlite3 is the version the bundle was built
 * with and its addon sits where its build puts it; otherwise the installed package is loaded as usual.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import BundledDatabase from 'better-sqlite3';
import { loadDatabase as loadInstalledDatabase } from './sqlite-driver.js';
import { pluginDependencyFolder, pluginSqlitePackage, startPluginDependencyInstall, type PluginInstallState } from './plugin-dependencies.js';

/** better-sqlite3's version at build time (esbuild `define`). */
declare const WINK_BUNDLED_SQLITE_VERSION: string;
/** Where better-sqlite3's build puts its addon, from the package folder. */
const ADDON_PATH = ['build', 'Release', 'better_sqlite3.node'];

/** What the hook's log says about the plugin's driver install. */
const PLUGIN_INSTALL_STATE_TEXT: Readonly<Record<PluginInstallState, string>> = {
  started: 'its install started (first use only)',
  installing: 'its install is running',
  failed: 'its last install failed and is retried in a quarter of an hour',
};

/** The bundled `Database` class bound to an addon file. */
function boundTo(addonFile: string): typeof BundledDatabase {
  return class extends BundledDatabase {
    constructor(file?: string | Buffer, options: BundledDatabase.Options = {}) {
      super(file, { ...options, nativeBinding: addonFile });
    }
  } as typeof BundledDatabase;
}

/**
 * In a Claude Code plugin install (no dependencies beside the package): better-sqlite3 from the plugin's data
 * folder, or, while it is not there yet, the start of its install and an error saying so (the hook fails open).
 */
function loadPluginDatabase(): typeof BundledDatabase | undefined {
  const folder = pluginDependencyFolder();
  if (folder === undefined) return undefined;
  const installed = pluginSqlitePackage(folder, WINK_BUNDLED_SQLITE_VERSION);
  if (installed) return boundTo(join(installed, ...ADDON_PATH));
  const state = startPluginDependencyInstall(folder, WINK_BUNDLED_SQLITE_VERSION);
  throw new Error(
    `the plugin's SQLite driver (better-sqlite3 ${WINK_BUNDLED_SQLITE_VERSION}) is not installed yet: ${PLUGIN_INSTALL_STATE_TEXT[state]} in ${folder} (see install.log there); wink records nothing until it is done`,
  );
}

/** The bundled `Database` class bound to the installed addon, or the installed package's own. */
export function loadDatabase(): typeof BundledDatabase {
  try {
    const localRequire = createRequire(import.meta.url);
    const packageFile = localRequire.resolve('better-sqlite3/package.json');
    const addonFile = join(dirname(packageFile), ...ADDON_PATH);
    const { version } = JSON.parse(readFileSync(packageFile, 'utf8')) as { version?: string };
    if (version === WINK_BUNDLED_SQLITE_VERSION && existsSync(addonFile)) return boundTo(addonFile);
  } catch {
    // Not beside the package: a plugin install, or the installed package reports its own errors.
  }
  return loadPluginDatabase() ?? loadInstalledDatabase();
}
