/** End-to-end tests of `wink demo` (what `npm start` runs): spawns the built CLI (`npm run build` first). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_REPORT_FILE } from '../../src/cli/demo.js';
import { repositoryPath } from '../support/shared-data.js';

const CLI = repositoryPath('dist/cli/main.js');
/** The demo must finish in a second or two; allow for a loaded test machine. */
const DEMO_TIME_LIMIT_MS = 5000;

function wink(argumentsList: string[], cwd = tmpdir()): { status: number | null; stdout: string; stderr: string; milliseconds: number } {
  const started = Date.now();
  const result = spawnSync(process.execPath, [CLI, 'demo', ...argumentsList], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' }, cwd });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, milliseconds: Date.now() - started };
}

interface DemoJson {
  recoveryWindow: number;
  sessions: Array<{
    file: string;
    steps: number;
    timeline: Array<{
      step: number;
      findings: Array<{ category: string; messageId: string; confidence: number; signal: boolean }>;
      interventions: Array<{ level: number; delivered: boolean; guidance: string; messageId: string }>;
      guidance: string | null;
      stop: { blocked: boolean; reason: string; findings: Array<{ messageId: string }> } | null;
    }>;
  }>;
  report: { sessions: number; prevalence: Array<{ category: string; trajectories: number; share: number }>; total: number; interventions: { delivered: number }; recovery: { recovered: number; notRecovered: number; insufficient: number } };
}

const temporary = mkdtempSync(join(tmpdir(), 'wink-demo-test-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));
// Every run of the demo writes its HTML report there (the CLI inherits this process's temp folder).
afterAll(() => rmSync(DEMO_REPORT_FILE, { force: true }));

describe('wink demo', () => {
  const human = wink([]);

  it('replays every example and finishes quickly, readable without colours', () => {
    expect(human.status).toBe(0);
    expect(human.milliseconds).toBeLessThan(DEMO_TIME_LIMIT_MS);
    expect(human.stdout.includes('\u001b[')).toBe(false);
    for (const name of ['claude-code-build-loop.jsonl', 'claude-code-ignored-instructions.jsonl', 'claude-code-false-claim.jsonl', 'mini-swe-agent-slugify.traj.json']) expect(human.stdout).toContain(name);
    // The closing hint names what a user runs next: the package for an agent's hooks, the subpaths for a loop of their own.
    expect(human.stdout).toContain('npm install --save-dev agent-wink');
    for (const subpath of ['agent-wink/session', 'agent-wink/ai-sdk', 'agent-wink/claude-agent-sdk']) expect(human.stdout).toContain(subpath);
  });

  it('shows each finding with its category, message and confidence, and the exact guidance injected', () => {
    expect(human.stdout).toMatch(/▲ finding inaccurate-self-report · unsupported-success-claim\/testsFailing · confidence 0\.85/);
    expect(human.stdout).toContain('│ <system-reminder>');
    expect(human.stdout).toContain('│ You claimed "All tests pass ✅", but the last test run (`npm test`, step 12) failed.');
    expect(human.stdout).toMatch(/→ guidance level 1 for forbiddenEdit: injected/);
    expect(human.stdout).toContain("Don't touch the tests");
    expect(human.stdout).toMatch(/`npm run build`/);
  });

  it('never shows a new finding and "✓ recovered" for the same category at one step', () => {
    /** Per printed step (a line starting with its number), the categories of new findings and of recoveries. */
    const steps = human.stdout.split(/\n(?=\s{1,4}\d+\s)/);
    let checked = 0;
    for (const block of steps) {
      const found = new Set([...block.matchAll(/▲ finding (\S+)/g)].map((match) => match[1]));
      for (const recovered of block.matchAll(/✓ recovered (\S+)/g)) {
        expect(found.has(recovered[1]), block).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
    // The forbidden push at step 15 comes after the guidance about the forbidden edit at step 9: not a recovery.
    expect(human.stdout).toContain('✗ not recovered did-not-follow-instructions (intervention at step 9): a misbehavior of the same category recurred (constraint-violation/forbiddenCommand)');
  });

  it.each([
    ['interrupted', 'the developer interrupted the agent after Bash'],
    ['correction', 'the developer pushed back (stop)'],
  ])('prints the developer-pushback signal %s under the label "signal", not a misbehavior category', (messageId, message) => {
    const at = human.stdout.indexOf(`◆ signal developer-pushback · ${messageId} · confidence`);
    expect(at).toBeGreaterThan(-1);
    expect(human.stdout.slice(at)).toContain(message);
    expect(human.stdout).not.toMatch(/◆ signal (?:did-not-follow-instructions|infinite-loop|tool-call-failure|inaccurate-self-report)/);
  });

  it('when a call had "2 spellings", shows the two spellings', () => {
    expect(human.stdout).toContain('Bash called 3 times in a row with the same result; the inputs differ only trivially (2 spellings: description "Build the project" / "Build the project again")');
    for (const match of human.stdout.matchAll(/\((\d+) spellings(\)|: [^\n]*)/g)) expect(match[2], match[0]).not.toBe(')');
  });

  it('ends with a report: prevalence per category, interventions, recovery outcomes', () => {
    expect(human.stdout).toMatch(/Report over 4 example sessions/);
    expect(human.stdout).toMatch(/inaccurate-self-report\s+2\s+50%/);
    expect(human.stdout).toMatch(/interventions: \d+ delivered/);
    expect(human.stdout).toMatch(/recovery \(window \d+ steps\): \d+ recovered, \d+ not recovered, \d+ insufficient/);
  });

  it('writes the HTML report of the same sessions and says where', () => {
    const file = /HTML report of the same sessions.*: (\S+\.html)$/m.exec(human.stdout)?.[1];
    expect(file).toBeDefined();
    const html = readFileSync(file as string, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toMatch(/Did not follow instructions/);
  });

  it('--json prints one document with the same content', () => {
    const result = wink(['--json']);
    expect(result.status).toBe(0);
    const document = JSON.parse(result.stdout) as DemoJson;
    expect(document.sessions).toHaveLength(4);
    expect(document.report.sessions).toBe(4);
    const interventions = document.sessions.flatMap((session) => session.timeline.flatMap((event) => event.interventions));
    expect(interventions.length).toBe(document.report.interventions.delivered);
    const falseClaim = document.sessions.find((session) => session.file === 'claude-code-false-claim.jsonl');
    // The false claim is the turn's final message: the Stop check that runs when the agent stops sends it back once.
    const claim = falseClaim?.timeline.find((event) => event.stop?.blocked === true);
    expect(claim?.step).toBe(14);
    expect(claim?.stop?.reason).toContain('`npm test`');
    expect(claim?.stop?.findings.map((finding) => finding.messageId)).toEqual(['testsFailing']);
    const report = document.report;
    const outcomes = report.recovery.recovered + report.recovery.notRecovered + report.recovery.insufficient;
    expect(outcomes).toBe(interventions.length);
    for (const row of report.prevalence) expect(row.share).toBeCloseTo(row.trajectories / 4);
  });

  it('uses guidance overrides from the configuration file', () => {
    const config = join(temporary, 'wink.config.json');
    writeFileSync(config, JSON.stringify({ guidance: { testsFailing: { title: 'Claim "{{claim}}" contradicted by `{{command}}`.', do: 'Fix the failing test first.' } } }));
    const result = wink(['--json', '--config', config]);
    expect(result.status).toBe(0);
    const text = JSON.stringify(JSON.parse(result.stdout));
    expect(text).toContain('Claim \\"All tests pass ✅\\" contradicted by `npm test`.');
    expect(text).toContain('DO: Fix the failing test first.');
    expect(text).toContain("DON'T: Do not report success while that run is failing.");
  });

  it('finds a configuration file upwards from the working directory; a bad one is a usage error', () => {
    writeFileSync(join(temporary, 'wink.config.json'), JSON.stringify({ guidance: { testsFailing: { dont: 'Never claim green on red.' } } }));
    expect(wink([], temporary).stdout).toContain("DON'T: Never claim green on red.");
    writeFileSync(join(temporary, 'wink.config.json'), JSON.stringify({ guidance: { noSuchMessage: { do: 'x' } } }));
    const bad = wink([], temporary);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/noSuchMessage/);
  });
});
