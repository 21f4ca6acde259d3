/**
 * The HTML report: built from the examples, from hand-made store-like records, from a real SQLite store and
 * from the shared real data; checked to be self-contained (no network references, no scripts), to hold the
 * SVG charts and tables with the right numbers, and to escape text from logs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/engine/analyze-files.js';
import { sessionsFromAnalysis } from '../../src/eval/from-analysis.js';
import { sessionsFromStore } from '../../src/eval/from-store.js';
import type { EvaluationSession } from '../../src/eval/records.js';
import { computeEvaluationViews } from '../../src/eval/views/index.js';
import { buildReportHtml } from '../../src/report/build-report.js';
import { openStore } from '../../src/store/open.js';
import { hasSharedData, realTrajectory, repositoryPath } from '../support/shared-data.js';
import { finding, intervention, pushback, session } from './records.js';

/** Tags that can load a resource, and the attributes that would name it. */
const RESOURCE_ATTRIBUTES = /<(?:script|link|img|iframe|object|embed|source|video|audio|image|use)\b[^>]*>/gi;

/** Checks that the HTML opens offline: no network URL, no script, no external resource of any kind. */
function expectSelfContained(html: string): void {
  expect(html).not.toMatch(/https?:\/\//i);
  expect(html).not.toMatch(/<script\b/i);
  expect(html.match(RESOURCE_ATTRIBUTES) ?? []).toEqual([]);
  expect(html).not.toMatch(/\burl\s*\(/i);
  expect(html).not.toMatch(/@import/i);
  expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["'](?!#)/i);
}

/** The text of every table cell of the section with this id. */
function sectionCells(html: string, id: string): string[] {
  const start = html.indexOf(`<section id="${id}">`);
  const end = html.indexOf('</section>', start);
  return [...html.slice(start, end).matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((match) => match[1]);
}

function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}">`);
  return html.slice(start, html.indexOf('</section>', start));
}

describe('report from the examples (recorded logs)', async () => {
  const analysis = await analyzeFiles([repositoryPath('examples')], { jobs: 1 });
  const views = computeEvaluationViews(sessionsFromAnalysis(analysis), { source: 'logs' });
  const html = buildReportHtml(views, { generatedAt: '2026-01-01T00:00:00Z', inputs: ['examples'] });

  it('is one self-contained document with SVG charts', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expectSelfContained(html);
    expect((html.match(/<svg\b/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(sectionOf(html, 'prevalence')).toContain('<rect class="bar"');
  });

  it('Table 1 in the report equals the wink analyze table', () => {
    expect(views.prevalence.basis.sessions).toBe(analysis.trajectoryCount);
    const cells = sectionCells(html, 'prevalence');
    for (const row of analysis.prevalence) {
      const at = cells.indexOf(row.name);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(cells[at + 2]).toBe(String(row.trajectories));
      expect(cells[at + 3]).toBe(`${(row.share * 100).toFixed(2)}%`);
    }
    expect(html).toContain(`Based on ${analysis.trajectoryCount} sessions and ${analysis.trajectories.reduce((sum, entry) => sum + entry.steps, 0)} steps`);
  });

  it('says "no data" for what logs cannot show instead of drawing empty charts', () => {
    for (const id of ['misbehavior-rate', 'recovery', 'ab-test']) {
      expect(sectionOf(html, id)).toContain('class="no-data"');
      expect(sectionOf(html, id)).not.toContain('<svg');
    }
    expect(html).toContain('<section id="methods">');
  });
});

/** Store-like records with modes, arms, interventions and an injected string in every text field. */
function liveRecords(): EvaluationSession[] {
  const records: EvaluationSession[] = [];
  for (let index = 0; index < 40; index++) {
    const treatment = index % 2 === 0;
    const month = String(1 + (index % 4)).padStart(2, '0');
    records.push(
      session({
        mode: 'ab',
        arm: treatment ? 'treatment' : 'control',
        model: index % 3 === 0 ? 'model-a' : 'model-b',
        environment: index % 2 === 0 ? 'ide' : 'cli',
        repository: `repository-${index % 5}`,
        startedAt: `2026-${month}-1${index % 10}T10:00:00Z`,
        endedAt: `2026-${month}-1${index % 10}T10:0${1 + (index % 9)}:00Z`,
        steps: 20,
        userMessages: 3,
        toolCalls: 8,
        toolErrors: treatment ? 1 : 2,
        tokens: 1000 + index * 37,
        findings: index % 7 === 6 ? [] : index % 3 === 0 ? [finding('infinite-loop', 4, 'S6'), finding('did-not-follow-instructions', 12, 'S3'), pushback(13)] : [finding('tool-call-failure', 7, 'S6')],
        interventions: treatment ? (index % 4 === 0 ? [intervention('infinite-loop', 'recovered'), intervention('tool-call-failure', 'insufficient')] : [intervention('tool-call-failure', 'recovered')]) : [intervention('tool-call-failure', undefined, false)],
      }),
    );
  }
  return records;
}

const MALICIOUS = '<script>alert("wink")</script><img src=x onerror=alert(1)>';

describe('report from live-run records', () => {
  const records = liveRecords();
  records[0].model = MALICIOUS;
  records[1].environment = MALICIOUS;
  records[2].findings.push({ detector: MALICIOUS, category: MALICIOUS, step: 1, signal: true });
  records[3].interventions.push({ category: MALICIOUS, step: 2, delivered: true, recovery: 'recovered' });
  const views = computeEvaluationViews(records, { source: 'store' });
  const html = buildReportHtml(views, { title: MALICIOUS, inputs: [MALICIOUS] });

  it('escapes every string that came from a log or the store', () => {
    expectSelfContained(html);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(&quot;wink&quot;)&lt;/script&gt;');
  });

  it('fills RQ2, recovery and A/B with charts and the computed numbers', () => {
    for (const id of ['misbehavior-rate', 'recovery', 'models', 'trend', 'forms', 'persistence', 'environments']) expect(sectionOf(html, id)).not.toContain('class="no-data"');
    for (const id of ['misbehavior-rate', 'recovery', 'models', 'trend', 'forms']) expect(sectionOf(html, id)).toContain('<svg');
    const abCells = sectionCells(html, 'ab-test');
    const failures = views.abTest.metrics[0];
    expect(abCells[abCells.indexOf('Tool call failures') + 1]).toBe('25.00%');
    expect(abCells[abCells.indexOf('Tool call failures') + 2]).toBe('12.50%');
    expect(abCells[abCells.indexOf('Tool call failures') + 3]).toBe(`−50.0%${failures.stars}`);
    const recoveryCells = sectionCells(html, 'recovery');
    expect(recoveryCells).toContain('Overall');
    expect(sectionOf(html, 'trend')).toContain('<path class="line"');
  });

  it('prints the sessions and steps behind each figure', () => {
    expect(sectionOf(html, 'prevalence')).toContain('Based on 40 sessions and 800 steps');
    expect(sectionOf(html, 'ab-test')).toContain('Without guidance (control arm): 20 sessions, 400 steps');
  });
});

describe('report from a real SQLite store', () => {
  const directory = mkdtempSync(join(tmpdir(), 'wink-report-store-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('reads sessions, steps, findings and interventions with recovery outcomes', async () => {
    const store = await openStore({ file: join(directory, 'wink.db') });
    try {
      await store.withSession('live-1', async (access) => {
        await access.saveSession({ id: 'live-1', agent: 'claude-code', model: 'sonnet', environment: 'cli', mode: 'intervene', startedAt: '2026-03-01T10:00:00Z', endedAt: '2026-03-01T10:05:00Z', stepCount: 4, transcriptOffset: 0, workingDirectory: '/work/app' });
        await access.addSteps([
          { sessionId: 'live-1', index: 0, stepId: 'u0', kind: 'user', summary: 'fix it' },
          { sessionId: 'live-1', index: 1, stepId: 'c1', kind: 'tool-call', tool: 'Bash', summary: 'npm test' },
          { sessionId: 'live-1', index: 2, stepId: 'r2', kind: 'tool-result', isError: true, summary: 'failed' },
          { sessionId: 'live-1', index: 3, stepId: 'a3', kind: 'assistant', summary: 'done' },
        ]);
        await access.addFindings([
          { sessionId: 'live-1', step: 2, detector: 'ignored-tool-failure', category: 'tool-call-failure', form: 'S6', messageId: 'ignored', signature: 's', confidence: 0.9, data: {}, evidenceSteps: [1, 2], source: 'deterministic', delivered: true },
          { sessionId: 'live-1', step: 0, detector: 'developer-pushback', category: 'did-not-follow-instructions', messageId: 'pushback', signature: 'p', confidence: 0.8, data: {}, evidenceSteps: [0], source: 'deterministic', delivered: false },
        ]);
        await access.addInterventions([{ id: 'live-1:2:0', sessionId: 'live-1', step: 2, signature: 's', category: 'tool-call-failure', messageId: 'ignored', level: 1, guidance: 'check the failure', delivered: true, channel: 'additional-context', source: 'deterministic' }]);
        await access.updateRecoveries([{ interventionId: 'live-1:2:0', outcome: 'recovered', step: 3, reason: 'no recurrence' }]);
      });
      const [record] = await sessionsFromStore(store);
      expect(record).toMatchObject({ id: 'live-1', mode: 'intervene', model: 'sonnet', environment: 'cli', repository: '/work/app', steps: 4, userMessages: 1, toolCalls: 1, toolErrors: 1 });
      expect(record.findings.map((entry) => [entry.category, entry.signal]).sort()).toEqual([
        ['did-not-follow-instructions', true],
        ['tool-call-failure', false],
      ]);
      expect(record.interventions).toEqual([{ category: 'tool-call-failure', step: 2, delivered: true, recovery: 'recovered' }]);
      const views = computeEvaluationViews([record], { source: 'store' });
      expect(views.recovery.single.overall).toMatchObject({ sample: 1, recovered: 1 });
      expect(views.prevalence.signals[0]).toMatchObject({ detector: 'developer-pushback', successes: 1 });
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!hasSharedData)('report from the shared real data', () => {
  it('reports the mini-swe-agent runs self-contained, with their prevalence', async () => {
    const analysis = await analyzeFiles([realTrajectory('mini-swe-agent-gemini3/trajs')], { jobs: 2 });
    const views = computeEvaluationViews(sessionsFromAnalysis(analysis), { source: 'logs' });
    const html = buildReportHtml(views);
    expectSelfContained(html);
    expect(views.basis.sessions).toBe(analysis.trajectoryCount);
    expect(views.basis.sessions).toBeGreaterThanOrEqual(100);
    expect(views.prevalence.total.successes).toBe(analysis.total);
    expect(sectionOf(html, 'prevalence')).toContain('<svg');
    expect(sectionCells(html, 'prevalence')).toContain(`${(analysis.totalShare * 100).toFixed(2)}%`);
    // The runs name their model `google/gemini-3-pro-preview` and, in six files, `@google/gemini-3-pro-preview`: one model.
    expect(views.models.models.map((model) => [model.model, model.basis.sessions, model.spellings])).toEqual([
      ['gemini-3-pro-preview', analysis.trajectoryCount, ['@google/gemini-3-pro-preview', 'google/gemini-3-pro-preview']],
    ]);
  }, 120_000);
});
