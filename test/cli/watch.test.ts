/**
 * End-to-end tests of `wink watch`: spawns the built CLI (`npm run build` first) on a temporary session file
 * that grows line by line, as a live agent writes it, and checks the findings and guidance appear.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDamagedLogs } from '../support/damaged-logs.js';
import { repositoryPath } from '../support/shared-data.js';

const CLI = repositoryPath('dist/cli/main.js');
const EXAMPLE = repositoryPath('examples/claude-code-false-claim.jsonl');
/** Pause between two appended lines (the agent writing). */
const LINE_PAUSE_MS = 30;
/** Longest wait for expected output. */
const OUTPUT_TIMEOUT_MS = 8000;

const temporary = mkdtempSync(join(tmpdir(), 'wink-watch-test-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

const exampleLines = readFileSync(EXAMPLE, 'utf8').split('\n').filter((line) => line.length > 0);
/** Index of the line holding the false "All tests pass" claim. */
const claimLine = exampleLines.findIndex((line) => line.includes('All tests pass'));

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

function startWatch(file: string, extra: string[] = []): { child: ChildProcessWithoutNullStreams; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI, 'watch', file, '--interval', '50', ...extra], { env: { ...process.env, NO_COLOR: '1' }, cwd: tmpdir() });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => stdout, exited };
}

async function waitFor(output: () => string, pattern: RegExp | string): Promise<void> {
  const deadline = Date.now() + OUTPUT_TIMEOUT_MS;
  const found = () => (typeof pattern === 'string' ? output().includes(pattern) : pattern.test(output()));
  while (!found()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}; output so far:\n${output()}`);
    await sleep(20);
  }
}

describe('wink watch', () => {
  it('prints the finding and the would-be guidance as the session file grows, handling a partial last line', async () => {
    const file = join(temporary, 'live.jsonl');
    writeFileSync(file, '');
    const watch = startWatch(file);
    try {
      for (const [index, line] of exampleLines.entries()) {
        if (index === claimLine) {
          // The claim arrives in two writes: the first half must wait for its newline.
          appendFileSync(file, line.slice(0, 40));
          await sleep(200);
          expect(watch.output()).not.toContain('testsFailing');
          appendFileSync(file, line.slice(40) + '\n');
          break;
        }
        appendFileSync(file, line + '\n');
        await sleep(LINE_PAUSE_MS);
      }
      // The claim is the turn's final message: it is judged when the turn ends, at the developer's next prompt.
      await waitFor(watch.output, /^\s+13\s+assistant/m);
      expect(watch.output()).not.toContain('testsFailing');
      appendFileSync(file, exampleLines[claimLine + 1] + '\n');
      await waitFor(watch.output, 'unsupported-success-claim/testsFailing');
      await waitFor(watch.output, 'You claimed "All tests pass ✅", but the last test run (`npm test`, step 12) failed.');
      expect(watch.output()).toContain('→ stop blocked once');
      const before = watch.output().match(/^\s+\d+\s+assistant/gm)?.length ?? 0;
      appendFileSync(file, exampleLines.slice(claimLine + 2).join('\n') + '\n');
      await waitFor(watch.output, 'test suite is green');
      expect(watch.output().match(/^\s+\d+\s+assistant/gm)?.length ?? 0).toBeGreaterThan(before);
    } finally {
      watch.child.kill('SIGINT');
    }
    expect(await watch.exited).toBe(0);
  });

  it('--once processes what is there and exits, ending the session', () => {
    const file = join(temporary, 'finished.jsonl');
    // No newline at the end of the last line: a finished file still counts whole.
    writeFileSync(file, exampleLines.join('\n'));
    const result = spawnSync(process.execPath, [CLI, 'watch', file, '--once'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('unsupported-success-claim/testsFailing');
    expect(result.stdout).toContain('test suite is green');
    expect(result.stdout).toContain('── end of what was written ──');
  });

  it('--json prints one JSON object per event line', () => {
    const file = join(temporary, 'json.jsonl');
    writeFileSync(file, exampleLines.join('\n') + '\n');
    const result = spawnSync(process.execPath, [CLI, 'watch', file, '--once', '--json'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { event: string; step?: number; findings?: Array<{ messageId: string }>; guidance?: string | null });
    expect(events[0]).toMatchObject({ event: 'session', format: 'claude-code' });
    const events2 = events as Array<{ event: string; step?: number; stop?: { blocked: boolean; reason: string } | null }>;
    const claim = events2.find((event) => event.event === 'step' && event.stop?.blocked === true);
    expect(claim).toMatchObject({ step: 14 });
    expect(claim?.stop?.reason).toContain('`npm test`');
    expect(events[events.length - 1]).toMatchObject({ event: 'end' });
  });

  it('exits 2 with a clear message for a missing file', () => {
    const result = spawnSync(process.execPath, [CLI, 'watch', join(temporary, 'missing.jsonl'), '--once'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/missing\.jsonl: no such file/);
    expect(result.stdout).toBe('');
  });

  describe('no silent drops', () => {
    const logs = writeDamagedLogs(join(temporary, 'damaged'));
    type Event = { event: string; step?: number; findings?: unknown[]; file?: string; line?: number; message?: string };
    const watchOnce = (file: string, extra: string[] = []) => spawnSync(process.execPath, [CLI, 'watch', file, '--once', ...extra], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const events = (file: string): Event[] => watchOnce(file, ['--json']).stdout.trim().split('\n').map((line) => JSON.parse(line) as Event);
    /** What the watch found, step by step and at the end (file names and diagnostics left out). */
    const findingsOf = (list: Event[]) => list.filter((event) => event.event === 'step' || event.event === 'end').map((event) => ({ event: event.event, step: event.step, findings: event.findings }));

    const cases = [
      { name: 'a malformed line in the middle', file: logs.malformedMiddle, line: logs.malformedLine, undamaged: logs.clean },
      { name: 'a truncated last line', file: logs.truncatedLast, line: logs.truncatedLine, undamaged: logs.withoutLast },
    ];
    it.each(cases)('--once reports $name with file and line, and still watches the rest of the file', ({ file, line, undamaged }) => {
      const human = watchOnce(file);
      expect(human.status).toBe(0);
      expect(human.stderr).toContain(`wink: ${file}:${line}: invalid JSON`);
      expect(human.stdout).toContain('── end of what was written ──');
      const damagedEvents = events(file);
      expect(damagedEvents.filter((event) => event.event === 'diagnostic')).toEqual([{ event: 'diagnostic', file, line, message: expect.stringMatching(/^invalid JSON/) }]);
      const expected = findingsOf(events(undamaged));
      expect(expected.some((event) => (event.findings?.length ?? 0) > 0)).toBe(true);
      expect(findingsOf(damagedEvents)).toEqual(expected);
      expect(watchOnce(file, ['--strict']).status).toBe(2);
    });

    it('--strict exits 0 when every line was read', () => {
      expect(watchOnce(logs.clean, ['--strict']).status).toBe(0);
    });

    it('reports a malformed line of a live session once, while it grows', async () => {
      const file = join(temporary, 'live-damaged.jsonl');
      writeFileSync(file, '');
      const watch = startWatch(file, ['--strict']);
      try {
        const lines = readFileSync(logs.malformedMiddle, 'utf8').split('\n').filter((line) => line.length > 0);
        for (const line of lines) {
          appendFileSync(file, line + '\n');
          await sleep(LINE_PAUSE_MS);
        }
        await waitFor(watch.output, `${file}:${logs.malformedLine}: invalid JSON`);
        await sleep(300);
        expect(watch.output().split(`${file}:${logs.malformedLine}:`).length - 1).toBe(1);
      } finally {
        watch.child.kill('SIGINT');
      }
      expect(await watch.exited).toBe(2);
    });
  });
});
