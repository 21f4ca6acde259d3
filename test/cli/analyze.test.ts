/** End-to-end tests of `wink analyze`: spawns the built CLI (`npm run build` first). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDamagedLogs } from '../support/damaged-logs.js';
import { cleanMiniSweAgentLog, corruptMiniSweAgentLog, loopingMiniSweAgentLog } from '../support/looping-trajectory.js';
import { hasSharedData, realTrajectory, repositoryPath } from '../support/shared-data.js';

const CLI = repositoryPath('dist/cli/main.js');

interface AnalysisJson {
  trajectories: { source: string; format: string; steps: number; findings: { detector: string; category: string; form: string | null; messageId: string; message: string; steps: number[]; confidence: number }[] }[];
  prevalence: { category: string; trajectories: number; share: number }[];
  total: number;
  errors: { file: string; message: string; kind: string }[];
  diagnostics: { file: string; line: number; message: string }[];
  diagnosticCount: number;
}

/** The findings of a document, without the source file (which differs between copies of a log). */
function findingsOf(document: AnalysisJson): unknown[] {
  return document.trajectories.map((trajectory) => ({ steps: trajectory.steps, findings: trajectory.findings }));
}

function wink(argumentsList: string[], environment: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'analyze', ...argumentsList], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...environment }, cwd: tmpdir() });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Checks the documented JSON shape and that Table 1 is the arithmetic of the per-trajectory findings. */
function checkDocument(document: AnalysisJson): void {
  expect(Object.keys(document)).toEqual(expect.arrayContaining(['trajectories', 'prevalence', 'total']));
  for (const trajectory of document.trajectories) {
    expect(typeof trajectory.source).toBe('string');
    expect(typeof trajectory.format).toBe('string');
    expect(Number.isInteger(trajectory.steps)).toBe(true);
    for (const finding of trajectory.findings) {
      expect(Object.keys(finding)).toEqual(expect.arrayContaining(['detector', 'category', 'form', 'messageId', 'message', 'steps', 'confidence']));
    }
  }
  const count = document.trajectories.length;
  for (const row of document.prevalence) {
    const detected = document.trajectories.filter((trajectory) => trajectory.findings.some((finding) => finding.category === row.category)).length;
    expect(row.trajectories).toBe(detected);
    expect(row.share).toBeCloseTo(count === 0 ? 0 : detected / count, 10);
  }
  expect(document.total).toBe(document.trajectories.filter((trajectory) => trajectory.findings.length > 0).length);
}

describe.skipIf(!existsSync(CLI))('wink analyze', () => {
  const root = mkdtempSync(join(tmpdir(), 'wink-analyze-cli-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const corpus = join(root, 'corpus');
  mkdirSync(corpus);
  writeFileSync(join(corpus, 'a-loop.traj.json'), loopingMiniSweAgentLog());
  writeFileSync(join(corpus, 'b-clean.traj.json'), cleanMiniSweAgentLog());
  writeFileSync(join(corpus, 'c-corrupt.traj.json'), corruptMiniSweAgentLog());

  it('prints one JSON document for the examples', () => {
    const result = wink([repositoryPath('examples'), '--json']);
    expect(result.status).toBe(0);
    const document = JSON.parse(result.stdout) as AnalysisJson;
    expect(document.trajectories.length).toBeGreaterThan(0);
    expect(document.prevalence.map((row) => row.category)).toEqual([
      'did-not-follow-instructions',
      'unrequested-changes',
      'infinite-loop',
      'tool-call-failure',
      'inaccurate-self-report',
      'premature-termination',
    ]);
    checkDocument(document);
  });

  it('skips a corrupt file, reports it on stderr and analyses the others', () => {
    const result = wink([corpus, '--json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`${join(corpus, 'c-corrupt.traj.json')}: `);
    const document = JSON.parse(result.stdout) as AnalysisJson;
    expect(document.trajectories.map((trajectory) => trajectory.source)).toEqual([join(corpus, 'a-loop.traj.json'), join(corpus, 'b-clean.traj.json')]);
    expect(document.prevalence.find((row) => row.category === 'infinite-loop')).toMatchObject({ trajectories: 1, share: 0.5 });
    expect(document.total).toBe(1);
    checkDocument(document);
  });

  it('prints findings grouped by session and Table 1 for a person', () => {
    const result = wink([corpus]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(join(corpus, 'a-loop.traj.json'));
    expect(result.stdout).toMatch(/infinite-loop\s+bash called \d+ times/);
    expect(result.stdout).toMatch(/Infinite loop\s+1\s+50\.00%/);
    expect(result.stdout).toMatch(/Total with at least one\s+1\s+50\.00%/);
  });

  const failOnCases: { name: string; options: string[]; status: number }[] = [
    { name: 'a category that is found', options: ['--fail-on', 'infinite-loop'], status: 1 },
    { name: 'a comma list including a found category', options: ['--fail-on', 'tool-call-failure,infinite-loop'], status: 1 },
    { name: 'repeated options', options: ['--fail-on', 'tool-call-failure', '--fail-on', 'infinite-loop'], status: 1 },
    { name: 'a category that is not found', options: ['--fail-on', 'unrequested-changes'], status: 0 },
    { name: 'an unknown category', options: ['--fail-on', 'loops'], status: 2 },
  ];
  it.each(failOnCases)('--fail-on with $name exits $status', ({ options, status }) => {
    const result = wink([join(corpus, 'a-loop.traj.json'), '--json', ...options]);
    expect(result.status).toBe(status);
    if (status !== 2) expect(() => JSON.parse(result.stdout)).not.toThrow();
  });

  const usageErrors: { name: string; options: string[]; environment?: Record<string, string>; message: RegExp }[] = [
    { name: 'a missing path', options: [join(root, 'missing')], message: /missing: no such file or directory/ },
    { name: 'no path and no ~/.claude/projects', options: [], environment: { HOME: root }, message: /\.claude\/projects does not exist/ },
    { name: 'a bad --jobs', options: [corpus, '--jobs', '0'], message: /--jobs/ },
    { name: 'only unreadable files', options: [join(corpus, 'c-corrupt.traj.json')], message: /c-corrupt/ },
  ];
  it.each(usageErrors)('exits 2 on $name', ({ options, environment, message }) => {
    const result = wink(options, environment);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('reads ~/.claude/projects when no path is given', () => {
    const home = join(root, 'home');
    mkdirSync(join(home, '.claude', 'projects', 'some-project'), { recursive: true });
    writeFileSync(join(home, '.claude', 'projects', 'some-project', 'run.traj.json'), loopingMiniSweAgentLog());
    const result = wink(['--json'], { HOME: home });
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as AnalysisJson).trajectories).toHaveLength(1);
  });

  it('applies --config and rejects a bad one with the file and key', () => {
    const off = join(root, 'off.json');
    writeFileSync(off, JSON.stringify({ detectors: { 'repeated-tool-call': false } }));
    const quiet = wink([join(corpus, 'a-loop.traj.json'), '--json', '--config', off, '--fail-on', 'infinite-loop']);
    expect(quiet.status).toBe(0);
    const bad = join(root, 'bad.json');
    writeFileSync(bad, JSON.stringify({ detectors: { 'no-such-detector': {} } }));
    const rejected = wink([corpus, '--config', bad]);
    expect(rejected.status).toBe(2);
    expect(rejected.stderr).toContain(`${bad}: detectors.no-such-detector: unknown detector id`);
  });

  it.skipIf(!hasSharedData)('analyses the 100 real mini-swe-agent runs on worker threads', () => {
    const result = wink([realTrajectory('mini-swe-agent-gemini3'), '--json', '--jobs', '2']);
    expect(result.status).toBe(0);
    const document = JSON.parse(result.stdout) as AnalysisJson;
    expect(document.trajectories).toHaveLength(100);
    expect(document.trajectories.every((trajectory) => trajectory.format === 'mini-swe-agent')).toBe(true);
    checkDocument(document);
  });

  it.skipIf(!hasSharedData)('analyses every real trajectory in shared/ with no unreadable file and no diagnostic', () => {
    const result = wink([realTrajectory(''), '--json']);
    expect(result.status).toBe(0);
    const document = JSON.parse(result.stdout) as AnalysisJson;
    expect(document.trajectories.length).toBeGreaterThan(200);
    checkDocument(document);
    // SpecStory Markdown histories are read (IDE sessions); TRAIL annotations are not logs.
    expect(document.errors.filter((error) => error.kind === 'no-reader')).toEqual([]);
    expect(document.trajectories.filter((trajectory) => trajectory.format === 'specstory' && trajectory.source.includes('/.specstory/history/')).length).toBe(10);
    expect(document.errors.filter((error) => error.kind === 'not-an-agent-log').every((error) => error.file.includes('/trail-gaia/annotations/'))).toBe(true);
    expect(document.errors.filter((error) => error.kind !== 'no-reader' && error.kind !== 'not-an-agent-log')).toEqual([]);
    expect(document.diagnostics).toEqual([]);
  });
  describe('no silent drops', () => {
    const logs = writeDamagedLogs(join(root, 'damaged'));
    const analyse = (file: string, extra: string[] = []) => {
      const result = wink([file, '--json', ...extra]);
      return { ...result, document: JSON.parse(result.stdout) as AnalysisJson };
    };
    const cases = [
      { name: 'a malformed line in the middle', file: logs.malformedMiddle, line: logs.malformedLine, undamaged: logs.clean },
      { name: 'a truncated last line', file: logs.truncatedLast, line: logs.truncatedLine, undamaged: logs.withoutLast },
    ];
    it.each(cases)('reports $name on stderr and in --json, and still analyses the rest of the file', ({ file, line, undamaged }) => {
      const expected = analyse(undamaged).document;
      expect(expected.trajectories[0].findings.length).toBeGreaterThan(0);
      const result = analyse(file);
      expect(result.status).toBe(0);
      expect(result.stderr).toContain(`wink: ${file}:${line}: invalid JSON`);
      expect(result.document.diagnostics).toEqual([{ file, line, message: expect.stringMatching(/^invalid JSON/) }]);
      expect(result.document.diagnosticCount).toBe(1);
      expect(findingsOf(result.document)).toEqual(findingsOf(expected));
    });

    it.each(cases)('--strict exits 2 on $name, after printing the whole analysis', ({ file }) => {
      const result = analyse(file, ['--strict']);
      expect(result.status).toBe(2);
      expect(result.document.trajectories).toHaveLength(1);
      expect(result.document.diagnosticCount).toBe(1);
    });

    it('--strict exits 0 on a clean log, and 2 before 1 when --fail-on also matches', () => {
      expect(analyse(logs.clean, ['--strict']).status).toBe(0);
      expect(analyse(logs.clean, ['--strict', '--fail-on', 'infinite-loop']).status).toBe(1);
      expect(analyse(logs.malformedMiddle, ['--strict', '--fail-on', 'infinite-loop']).status).toBe(2);
    });

    it('prints the count for a person and lists the first diagnostics, then how many more in how many files', () => {
      const many = join(root, 'many');
      mkdirSync(many);
      const lines = readFileSync(logs.clean, 'utf8').split('\n').filter((text) => text.length > 0);
      const damaged = lines.flatMap((text, index) => (index < 12 ? [text, '{not json'] : [text]));
      writeFileSync(join(many, 'first.jsonl'), damaged.join('\n') + '\n');
      writeFileSync(join(many, 'second.jsonl'), damaged.join('\n') + '\n');
      const result = wink([many]);
      expect(result.status).toBe(0);
      const listed = result.stderr.split('\n').filter((text) => /\.jsonl:\d+: invalid JSON/.test(text));
      expect(listed).toHaveLength(20);
      expect(result.stderr).toContain('wink: … and 4 more diagnostics in 1 file');
      expect(result.stdout).toMatch(/2 trajectories from 2 files · .* · 0 files skipped · 24 diagnostics/);
      const document = analyse(many).document;
      expect(document.diagnostics).toHaveLength(24);
    });
  });
});
