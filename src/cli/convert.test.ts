import { readdir, readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixture } from '../../test/support/shared-data.js';
import { temporaryFolder } from '../../test/support/temporary-folders.js';
import { registerConvert } from './convert.js';

async function run(...argumentsList: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerConvert(program);
  let printed = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  await program.parseAsync(['node', 'wink', 'convert', ...argumentsList]);
  return printed;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('wink convert', () => {
  it('prints one ATIF document on stdout for a single trajectory', async () => {
    const printed = await run(fixture('mini-swe-agent/slugify.traj.json'), '--to', 'atif');
    const document = JSON.parse(printed) as { schema_version: string; agent: { name: string } };
    expect(document.schema_version).toMatch(/^ATIF-v1\./);
    expect(document.agent.name).toBe('mini-swe-agent');
  });

  it('writes one file per trajectory into --out and reports them with --json', async () => {
    const directory = temporaryFolder('wink-convert-');
    const printed = await run(fixture('otel'), '--to', 'atif', '--out', directory, '--json');
    const report = JSON.parse(printed) as { written: { file: string }[]; diagnostics: unknown[] };
    expect(report.written).toHaveLength(2);
    expect((await readdir(directory)).sort()).toEqual(['0af7651916cd43dd8448eb211c80319c.atif.json', '5b8c0f2e9a7d4c31b6e2a1f0d9c8b7a6.atif.json']);
    const written = JSON.parse(await readFile(report.written[0].file, 'utf8')) as { steps: unknown[] };
    expect(written.steps.length).toBeGreaterThan(0);
  });

  it('refuses unknown targets and several trajectories without --out', async () => {
    await expect(run(fixture('otel'), '--to', 'parquet')).rejects.toThrow(/cannot convert to "parquet"/);
    await expect(run(fixture('otel'), '--to', 'atif')).rejects.toThrow(/give --out/);
  });
});
