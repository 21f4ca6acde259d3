/** `wink --version` and the internal commands: spawns the built CLI (`npm run build` first). */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_FILE, readPackageVersion } from '../../src/cli/version.js';
import { repositoryPath } from '../support/shared-data.js';
import { temporaryFolder } from '../support/temporary-folders.js';

const CLI = repositoryPath('dist/cli/main.js');
const PACKAGE_VERSION = (JSON.parse(readFileSync(repositoryPath('package.json'), 'utf8')) as { version: string }).version;

function wink(argumentsList: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...argumentsList], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!existsSync(CLI))('wink --version', () => {
  it.each([{ flag: '--version' }, { flag: '-V' }])('$flag prints the version of package.json and nothing else', ({ flag }) => {
    expect(wink([flag])).toEqual({ status: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: '' });
  });

  it('is listed in --help', () => {
    expect(wink(['--help']).stdout).toMatch(/^\s+-V, --version\s+print the version of wink$/m);
  });
});

describe('the version is read from package.json when asked', () => {
  it('is the package.json at the root of the package', () => {
    expect(PACKAGE_FILE).toBe(repositoryPath('package.json'));
    expect(readPackageVersion()).toBe(PACKAGE_VERSION);
  });

  const cases = [
    { name: 'a release', manifest: { name: 'wink', version: '2.3.4' }, version: '2.3.4' },
    { name: 'a prerelease', manifest: { name: 'wink', version: '3.0.0-rc.1' }, version: '3.0.0-rc.1' },
  ];
  it.each(cases)('reads $name', ({ manifest, version }) => {
    const file = join(temporaryFolder('wink-version-'), 'package.json');
    writeFileSync(file, JSON.stringify(manifest));
    expect(readPackageVersion(file)).toBe(version);
  });

  it.each([
    { name: 'no version', manifest: { name: 'wink' } },
    { name: 'an empty version', manifest: { name: 'wink', version: '' } },
    { name: 'a version that is not text', manifest: { name: 'wink', version: 1 } },
  ])('fails on a package.json with $name', ({ manifest }) => {
    const file = join(temporaryFolder('wink-version-'), 'package.json');
    writeFileSync(file, JSON.stringify(manifest));
    expect(() => readPackageVersion(file)).toThrow(/has no version/);
  });
});

describe.skipIf(!existsSync(CLI))('internal commands', () => {
  const help = wink(['--help']).stdout;
  const internal = [{ command: 'worker', usage: /^Usage: wink worker \[options\]$/m, option: '--job <id>' }];

  it.each(internal)('`$command` is not listed in --help', ({ command }) => {
    expect(help).toMatch(/^Commands:$/m);
    expect(help).not.toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it.each(internal)('`$command` still runs and has its own help', ({ command, usage, option }) => {
    const result = wink([command, '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(usage);
    expect(result.stdout).toContain(option);
  });

  it('the commands a person uses are all listed', () => {
    for (const command of ['inspect', 'demo', 'convert', 'analyze', 'watch', 'serve', 'hook', 'install', 'uninstall', 'report', 'eval', 'episodes']) expect(help).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });
});
