/** The tests' temporary folders: which entries count as test-made, removal after the processes started into them, and the run's check. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { leftEntriesMessage, setup } from './temporary-folder-check.js';
import { environmentUsesFolder, processesUsingFolder, removeTemporaryFolder, temporaryFolder, testMadeEntries } from './temporary-folders.js';

describe('testMadeEntries', () => {
  it.each([
    { name: 'folders and files of the tests and of the commands they run', names: ['wink-hook-a1', 'wink-demo-report.html', 'wink-contract-b2'], made: ['wink-contract-b2', 'wink-demo-report.html', 'wink-hook-a1'] },
    { name: 'entries of other programs', names: ['tsx-0', 'ls-0ZmF2W', 'systemd-private-1', 'winkle', 'my-wink-notes'], made: [] },
    { name: 'nothing', names: [], made: [] },
  ])('keeps $name', ({ names, made }) => {
    expect(testMadeEntries(names)).toEqual(made);
  });
});

describe('environmentUsesFolder', () => {
  const folder = join('/base', 'wink-hook-x1');
  it.each([
    { name: 'WINK_HOME in the folder', environ: `PATH=/bin\0WINK_HOME=${join(folder, 'home')}\0`, uses: true },
    { name: 'WINK_HOME the folder itself', environ: `WINK_HOME=${folder}`, uses: true },
    { name: 'WINK_HOME in a folder whose name starts the same', environ: `WINK_HOME=${folder}2/home`, uses: false },
    { name: 'the folder in another variable', environ: `HOME=${folder}\0OTHER_WINK_HOME=${folder}`, uses: false },
    { name: 'no WINK_HOME', environ: 'PATH=/bin\0', uses: false },
  ])('$name: $uses', ({ environ, uses }) => {
    expect(environmentUsesFolder(environ, folder)).toBe(uses);
  });
});

describe.skipIf(!existsSync('/proc/self/environ'))('removeTemporaryFolder', () => {
  it('finds a process started with WINK_HOME in the folder, and removes the folder only after it ended, so that it cannot make it again', async () => {
    const folder = temporaryFolder('wink-removal-');
    const home = join(folder, 'home');
    // A detached worker's stand-in: it writes into its WINK_HOME (making the folder again) a little later.
    const script = `setTimeout(() => { require('node:fs').mkdirSync(process.env.WINK_HOME, { recursive: true }); require('node:fs').writeFileSync(process.env.WINK_HOME + '/late.log', 'x'); }, 700);`;
    const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, WINK_HOME: home }, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await new Promise((resolve) => child.on('spawn', resolve));
    expect(processesUsingFolder(folder)).toEqual([child.pid]);
    await removeTemporaryFolder(folder);
    expect(existsSync(folder)).toBe(false);
    expect(await exited).toBe(0);
    expect(existsSync(folder)).toBe(false);
    expect(processesUsingFolder(folder)).toEqual([]);
  });
});

describe('the run check (global setup)', () => {
  let savedExitCode: typeof process.exitCode;
  afterEach(() => {
    process.exitCode = savedExitCode;
  });

  it('points the temp folder at a folder of the run, passes when the tests left nothing there, and removes it', () => {
    savedExitCode = process.exitCode;
    const outer = tmpdir();
    const teardown = setup();
    const runFolder = tmpdir();
    expect(runFolder).not.toBe(outer);
    expect(readdirSync(outer)).toContain(runFolder.slice(outer.length + 1));
    writeFileSync(join(runFolder, 'tsx-cache'), 'another program');
    teardown();
    expect(tmpdir()).toBe(outer);
    expect(existsSync(runFolder)).toBe(false);
    expect(process.exitCode).toBe(savedExitCode);
  });

  it('fails the run, naming them, when the tests left entries there', () => {
    savedExitCode = process.exitCode;
    const teardown = setup();
    const runFolder = tmpdir();
    mkdirSync(join(runFolder, 'wink-hook-left1'));
    writeFileSync(join(runFolder, 'wink-demo-report.html'), '<html>');
    expect(() => teardown()).toThrow('the tests left 2 temporary entries in the temp folder (each test must remove what it makes): wink-demo-report.html, wink-hook-left1');
    expect(process.exitCode).toBe(1);
    expect(existsSync(runFolder)).toBe(false);
  });
});

describe('leftEntriesMessage', () => {
  it.each([
    { name: 'one entry', left: ['wink-a'], message: 'the tests left 1 temporary entry in the temp folder (each test must remove what it makes): wink-a' },
    { name: 'more than it lists', left: Array.from({ length: 23 }, (_, index) => `wink-${String(index).padStart(2, '0')}`), message: /: wink-00, .*wink-19, and 3 more$/ },
  ])('$name', ({ left, message }) => {
    expect(leftEntriesMessage(left)).toMatch(message);
  });
});
