import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INSTALL_LOCK_STALE_MILLISECONDS, pluginDependencyFolder, pluginSqlitePackage, startPluginDependencyInstall } from './plugin-dependencies.js';

let root: string;
let folder: string;
let environment: NodeJS.ProcessEnv;

/** A stand-in `npm` on the PATH that "installs" better-sqlite3 at the version asked, addon included, and records its arguments. */
function fakeNpm(delaySeconds: number): void {
  const bin = join(root, 'bin');
  mkdirSync(bin);
  const script = [
    '#!/bin/sh',
    `sleep ${delaySeconds}`,
    'echo "$@" > npm-arguments',
    'version=$(echo "$@" | sed -n "s/.*better-sqlite3@\\([0-9.]*\\).*/\\1/p")',
    'mkdir -p node_modules/better-sqlite3/build/Release',
    'printf \'{"name":"better-sqlite3","version":"%s"}\' "$version" > node_modules/better-sqlite3/package.json',
    ': > node_modules/better-sqlite3/build/Release/better_sqlite3.node',
  ].join('\n');
  writeFileSync(join(bin, 'npm'), script + '\n');
  chmodSync(join(bin, 'npm'), 0o755);
  environment = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, CLAUDE_PLUGIN_DATA: join(root, 'data') };
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !condition(); attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'wink-plugin-dependencies-'));
  folder = join(root, 'data', 'dependencies');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the Claude Code plugin installs its SQLite driver once, in the background', () => {
  it('outside a plugin there is no folder', () => {
    expect(pluginDependencyFolder({})).toBeUndefined();
    expect(pluginDependencyFolder({ CLAUDE_PLUGIN_DATA: '/data' })).toBe(join('/data', 'dependencies'));
  });

  it('starts one install, reports it running while the lock stands, and finds the driver when done', async () => {
    fakeNpm(0.3);
    expect(pluginSqlitePackage(folder, '12.11.1')).toBeUndefined();
    expect(startPluginDependencyInstall(folder, '12.11.1', environment)).toBe('started');
    expect(startPluginDependencyInstall(folder, '12.11.1', environment)).toBe('installing');
    await waitFor(() => !existsSync(join(folder, 'install.lock')));
    expect(existsSync(join(folder, 'install.lock'))).toBe(false);
    expect(readFileSync(join(folder, 'npm-arguments'), 'utf8')).toContain('install --no-save --no-audit --no-fund --omit=dev better-sqlite3@12.11.1');
    expect(pluginSqlitePackage(folder, '12.11.1')).toBe(join(folder, 'node_modules', 'better-sqlite3'));
    // Another version is not the bundled one's driver.
    expect(pluginSqlitePackage(folder, '12.12.0')).toBeUndefined();
    expect(JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'))).toMatchObject({ private: true });
  });

  it('a failed install is not retried by every hook, only after the stale period', async () => {
    fakeNpm(0);
    writeFileSync(join(root, 'bin', 'npm'), '#!/bin/sh\nexit 1\n');
    expect(startPluginDependencyInstall(folder, '12.11.1', environment)).toBe('started');
    await waitFor(() => !existsSync(join(folder, 'install.lock')));
    expect(existsSync(join(folder, 'install.failed'))).toBe(true);
    expect(startPluginDependencyInstall(folder, '12.11.1', environment)).toBe('failed');
    const old = (Date.now() - INSTALL_LOCK_STALE_MILLISECONDS - 60_000) / 1000;
    utimesSync(join(folder, 'install.failed'), old, old);
    expect(startPluginDependencyInstall(folder, '12.11.1', environment)).toBe('started');
    // The install runs on detached: let it finish before the folder is removed under it.
    await waitFor(() => !existsSync(join(folder, 'install.lock')));
    expect(existsSync(join(folder, 'install.lock'))).toBe(false);
  });

  it('a stale lock (an install that died) lets a new install start', async () => {
    fakeNpm(0);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'install.lock'), '1 long ago\n');
    const old = (Date.now() - INSTALL_LOCK_STALE_MILLISECONDS - 60_000) / 1000;
    utimesSync(join(folder, 'install.lock'), old, old);
    expect(startPluginDependencyInstall(folder, '12.11.1', environment)).toBe('started');
    // The install runs on detached: let it finish (it removes the lock) before the folder is removed under it.
    await waitFor(() => !existsSync(join(folder, 'install.lock')));
    expect(pluginSqlitePackage(folder, '12.11.1')).toBe(join(folder, 'node_modules', 'better-sqlite3'));
  });
});
