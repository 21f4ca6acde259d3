/** `examples/session-loop.mjs` runs with plain `node` against the scripted OpenAI server, as the docs say. */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');

describe('examples/session-loop.mjs', () => {
  it('loops, is reminded, recovers, and its forbidden push is refused', async () => {
    const { stdout } = await promisify(execFile)('node', ['examples/session-loop.mjs'], { cwd: ROOT, timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
    const lines = stdout.split('\n');
    expect(lines.filter((line) => line === '$ npm test').length).toBe(4);
    expect(stdout).toContain('wink → model:');
    expect(stdout).toContain('Do not run `npm test` again unchanged.');
    expect(stdout).toMatch(/\$ git push origin main\n {2}refused by wink: wink refused this call before it ran/);
    expect(stdout).not.toContain('`git push origin main` was run');
    expect(stdout).toContain('PASS test/slug.test.js');
    expect(stdout).toMatch(/1 reminder\(s\) delivered, 0 errors\./);
  });
});
