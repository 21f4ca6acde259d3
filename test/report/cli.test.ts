/** End-to-end tests of `wink report`, run from the TypeScript sources with tsx (no build needed). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import { writeDamagedLogs } from '../support/damaged-logs.js';
import { repositoryPath } from '../support/shared-data.js';

const TSX = repositoryPath('node_modules/.bin/tsx');
const MAIN = repositoryPath('src/cli/main.ts');

function wink(argumentsList: string[], cwd: string, environment: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [TSX, MAIN, 'report', ...argumentsList], { encoding: 'utf8', cwd, env: { ...process.env, NO_COLOR: '1', ...environment } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!existsSync(TSX))('wink report', () => {
  const directory = mkdtempSync(join(tmpdir(), 'wink-report-cli-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('writes one HTML file from the examples', () => {
    const out = join(directory, 'report.html');
    const result = wink([repositoryPath('examples'), '--out', out], directory);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/https?:\/\//);
    expect(result.stderr).toMatch(/wrote .*report\.html \(\d+ sessions, \d+ steps, 0 diagnostics\)/);
  });

  it('--json prints the views as one JSON document and nothing else', () => {
    const result = wink([repositoryPath('examples'), '--json'], directory);
    expect(result.status).toBe(0);
    const document = JSON.parse(result.stdout) as { source: string; basis: { sessions: number }; prevalence: { rows: { category: string }[] }; misbehaviorRate: unknown; abTest: { metrics: unknown[] } };
    expect(document.source).toBe('logs');
    expect(document.basis.sessions).toBeGreaterThan(0);
    expect(document.prevalence.rows.map((row) => row.category)).toContain('infinite-loop');
    expect(document.abTest.metrics).toEqual([]);
    expect(existsSync(join(directory, 'wink-report.html'))).toBe(false);
  });

  it('reads an empty store and says so in every section', () => {
    const out = join(directory, 'store.html');
    const result = wink(['--store', '--store-path', join(directory, 'wink.db'), '--out', out], directory);
    expect(result.status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('0 sessions, 0 steps, from the store of live runs');
    expect(html).toContain('No data: no session was analysed.');
  });

  it('exits 2 with a clear message on usage errors', () => {
    expect(wink([], directory).status).toBe(2);
    const both = wink([repositoryPath('examples'), '--store'], directory);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('either log paths or --store');
    expect(wink([repositoryPath('examples'), '--check-interval', '0'], directory).status).toBe(2);
  });

  describe('no silent drops', () => {
    const logs = writeDamagedLogs(join(directory, 'damaged'));
    interface ReportJson {
      basis: unknown;
      prevalence: unknown;
      diagnostics: { file: string; line: number; message: string }[];
      diagnosticCount: number;
    }
    const cases = [
      { name: 'a malformed line in the middle', file: logs.malformedMiddle, line: logs.malformedLine, undamaged: logs.clean },
      { name: 'a truncated last line', file: logs.truncatedLast, line: logs.truncatedLine, undamaged: logs.withoutLast },
    ];
    it.each(cases)('reports $name on stderr, in --json and in the HTML, and reports on the rest of the file', ({ file, line, undamaged }) => {
      const expected = JSON.parse(wink([undamaged, '--json'], directory).stdout) as ReportJson;
      const out = join(directory, 'damaged.html');
      const result = wink([file, '--json', '--out', out], directory);
      expect(result.status).toBe(0);
      expect(result.stderr).toContain(`wink: ${file}:${line}: invalid JSON`);
      const document = JSON.parse(result.stdout) as ReportJson;
      expect(document.diagnostics).toEqual([{ file, line, message: expect.stringMatching(/^invalid JSON/) }]);
      expect(document.diagnosticCount).toBe(1);
      expect(document.basis).toEqual(expected.basis);
      expect(document.prevalence).toEqual(expected.prevalence);
      expect(readFileSync(out, 'utf8')).toContain('1 records skipped (reader diagnostics) · 0 files skipped');
      const strict = wink([file, '--strict', '--out', out], directory);
      expect(strict.status).toBe(2);
      expect(existsSync(out)).toBe(true);
    });

    it('--strict exits 0 when everything was read', () => {
      expect(wink([logs.clean, '--strict', '--json'], directory).status).toBe(0);
    });

    it('counts the diagnostics the store kept per session, and --strict exits 2 on them', async () => {
      const file = join(directory, 'diagnostics.db');
      const store = new SqliteStore({ file });
      for (const [id, diagnosticCount] of [['a', 2], ['b', 0], ['c', 1]] as const) {
        await store.withSession(id, async (access) => access.saveSession({ id, agent: 'claude-code', mode: 'intervene', stepCount: 0, transcriptOffset: 0, diagnosticCount }));
      }
      await store.close();
      const result = wink(['--store-path', file, '--json'], directory);
      expect(result.status).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ diagnosticCount: 3, diagnostics: [], errors: [] });
      expect(wink(['--store-path', file, '--json', '--strict'], directory).status).toBe(2);
    });
  });
});
