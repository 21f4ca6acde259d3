/**
 * This checkout packed (`npm pack`, as it would be published) and a local npm registry that serves it under the
 * package's name, passing every other request on to the registry npm uses here — so `npm install agent-wink` and
 * Claude Code's npm plugin source install the package exactly as users will get it, before it is published.
 * It also stands in for better-sqlite3's prebuilt-addon download (GitHub releases, unreachable here): under
 * `/prebuilds/` it serves the addon this checkout built for this very platform, packed as prebuild-install packs
 * them, so installs take the prebuilt path users take instead of compiling SQLite for minutes.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { REPOSITORY } from './wink-build.js';

/** The packed package. */
export interface PackedPackage {
  name: string;
  version: string;
  tarball: string;
  /** Paths inside the package, as `npm pack` lists them. */
  files: string[];
}

/** Packs the checkout's current build into `folder` (no scripts: the build is already there). */
export function packCheckout(folder: string): PackedPackage {
  const output = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', folder], { cwd: REPOSITORY, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const [packed] = JSON.parse(output) as { name: string; version: string; filename: string; files: { path: string }[] }[];
  return { name: packed.name, version: packed.version, tarball: join(folder, packed.filename), files: packed.files.map((file) => file.path) };
}

/** The registry npm is configured with on this machine (where other packages come from). */
export function upstreamRegistry(): string {
  try {
    return execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim().replace(/\/$/, '');
  } catch {
    return 'https://registry.npmjs.org';
  }
}

export interface LocalRegistry {
  url: string;
  /** Paths requested for the packed package (packument and tarball). */
  served: string[];
  close(): Promise<void>;
}

/** better-sqlite3's addon as this checkout built it, packed as a prebuilt (`build/Release/better_sqlite3.node`), or undefined. */
function prebuiltAddon(): Buffer | undefined {
  const packageFolder = join(REPOSITORY, 'node_modules', 'better-sqlite3');
  if (!existsSync(join(packageFolder, 'build', 'Release', 'better_sqlite3.node'))) return undefined;
  const folder = mkdtempSync(join(tmpdir(), 'wink-prebuilt-'));
  try {
    const file = join(folder, 'prebuilt.tar.gz');
    execFileSync('tar', ['-czf', file, '-C', packageFolder, 'build/Release/better_sqlite3.node']);
    return readFileSync(file);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Path prefix of the prebuilt-addon host (`npm_config_better_sqlite3_binary_host`). */
const PREBUILDS = '/prebuilds';

/** Starts the registry on a free loopback port. */
export async function startLocalRegistry(packed: PackedPackage): Promise<LocalRegistry> {
  const data = readFileSync(packed.tarball);
  const addon = prebuiltAddon();
  const manifest = JSON.parse(readFileSync(join(REPOSITORY, 'package.json'), 'utf8')) as Record<string, unknown>;
  const upstream = upstreamRegistry();
  const served: string[] = [];
  const tarballPath = `/${packed.name}/-/${packed.name}-${packed.version}.tgz`;
  let base = '';
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    if (path.startsWith(`${PREBUILDS}/`) && path.endsWith('.tar.gz')) {
      served.push(path);
      response.statusCode = addon ? 200 : 404;
      response.end(addon ?? 'no prebuilt addon in this checkout');
      return;
    }
    if (path === `/${packed.name}` || path === tarballPath) {
      served.push(path);
      if (path === tarballPath) {
        response.end(data);
        return;
      }
      const version = {
        ...manifest,
        name: packed.name,
        version: packed.version,
        dist: { tarball: `${base}${tarballPath}`, integrity: `sha512-${createHash('sha512').update(data).digest('base64')}`, shasum: createHash('sha1').update(data).digest('hex') },
      };
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ name: packed.name, 'dist-tags': { latest: packed.version }, versions: { [packed.version]: version } }));
      return;
    }
    void fetch(`${upstream}${path}`, { headers: { accept: request.headers.accept ?? '*/*' } })
      .then(async (answer) => {
        response.statusCode = answer.status;
        response.setHeader('content-type', answer.headers.get('content-type') ?? 'application/octet-stream');
        response.end(Buffer.from(await answer.arrayBuffer()));
      })
      .catch((error: unknown) => {
        response.statusCode = 502;
        response.end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${base}/`, served, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function npmSetting(key: string): string | undefined {
  try {
    const value = execFileSync('npm', ['config', 'get', key], { encoding: 'utf8' }).trim();
    return value.length > 0 && value !== 'undefined' && value !== 'null' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * npm's settings for a private HOME: this registry, and the machine's own package cache and node headers folder
 * (so nothing is fetched twice, and node-gyp does not download headers).
 */
export function npmEnvironment(registry: LocalRegistry): NodeJS.ProcessEnv {
  const cache = npmSetting('cache');
  const nodedir = npmSetting('nodedir');
  return {
    npm_config_registry: registry.url,
    npm_config_better_sqlite3_binary_host: `${registry.url.replace(/\/$/, '')}${PREBUILDS}`,
    ...(cache ? { npm_config_cache: cache } : {}),
    ...(nodedir ? { npm_config_nodedir: nodedir } : {}),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}
