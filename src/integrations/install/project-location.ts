/**
 * Where a project's settings go and how a committed settings file finds wink on any machine: the project root
 * (the nearest folder upwards holding `.git`), and wink's hook entry relative to that root — inside the
 * project's own `node_modules` (wink installed as a dependency) or, in wink's own checkout, its `dist/`.
 */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { PACKAGE_ROOT, readPackageManifest } from '../../package-file.js';
import { WinkError } from '../../errors.js';

/** The bundled hook entry inside the package (what `wink install` runs; see scripts/build-hook.mjs). */
export const PACKAGE_HOOK_ENTRY = join('dist', 'hook.cjs');

/** The installed package's root folder and name, read from its package.json at run time. */
export function installedPackage(): { root: string; name: string } {
  const { name } = readPackageManifest();
  return { root: PACKAGE_ROOT, name: typeof name === 'string' ? name : 'agent-wink' };
}

/**
 * The project root for `start`: the nearest folder from `start` upwards that holds `.git` (a folder, or a
 * file in a worktree or submodule); `start` itself when there is none.
 */
export function findProjectRoot(start: string): string {
  const origin = resolve(start);
  let folder = origin;
  for (;;) {
    if (existsSync(join(folder, '.git'))) return folder;
    const parent = dirname(folder);
    if (parent === folder) return origin;
    folder = parent;
  }
}

/** wink is not where a committed settings file could find it on another machine. */
export class NotPortableError extends WinkError {
  constructor(readonly projectRoot: string, readonly packageName: string, readonly installedAt: string) {
    super(
      `wink is not a dependency of ${projectRoot}: project settings are shared through the repository and must not point to this machine's copy (${installedAt}). ` +
        `Run \`npm install --save-dev ${packageName}\` in ${projectRoot} first, or install with --scope user.`,
    );
    this.name = 'NotPortableError';
  }
}

function isInside(folder: string, path: string): boolean {
  const fromFolder = relative(folder, path);
  return fromFolder.length > 0 && !fromFolder.startsWith('..') && !isAbsolute(fromFolder);
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Whether `<root>/node_modules/<name>` holds a package of that name (the project depends on it). */
function dependencyFolder(root: string, name: string): string | undefined {
  const folder = join(root, 'node_modules', ...name.split('/'));
  try {
    return readPackageManifest(join(folder, 'package.json')).name === name ? folder : undefined;
  } catch {
    return undefined;
  }
}

/**
 * wink's hook entry as a path relative to the project root, with `/` separators: the project's dependency
 * (`node_modules/<name>/dist/hook.cjs`) first, else this installation when it lies inside the project (wink's
 * own checkout). Throws {@link NotPortableError} when neither holds.
 */
export function portableHookEntry(projectRoot: string, installation: { root: string; name: string } = installedPackage()): string {
  const root = realPath(projectRoot);
  const entryIn = (folder: string) => relative(root, join(folder, PACKAGE_HOOK_ENTRY)).split(sep).join('/');
  // The dependency folder is kept as the project names it (a linked package stays under node_modules/).
  const dependency = dependencyFolder(root, installation.name);
  if (dependency) return entryIn(dependency);
  const installed = realPath(installation.root);
  if (installed === root || isInside(root, installed)) return entryIn(installed);
  throw new NotPortableError(projectRoot, installation.name, installation.root);
}
