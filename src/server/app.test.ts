import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../store/sqlite.js';
import type { WinkStore } from '../store/types.js';
import { createDashboardApp } from './app.js';
import type { Overview } from './overview.js';
import { fillSampleSessions, type SampleSession } from './sample-sessions.js';
import { startDashboard, TokenRequiredError } from './server.js';

const LOCAL = { headers: { host: '127.0.0.1:7077' } };
let directory: string;
let store: WinkStore;
let samples: SampleSession[];

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'wink-server-'));
  store = new SqliteStore({ file: join(directory, 'wink.db') });
  samples = await fillSampleSessions(store, { sessions: 120, seed: 7 });
  const log = join(directory, 'session.jsonl');
  writeFileSync(log, ['{"type":"user","n":1}', '{"type":"assistant","text":"<script>alert(1)</script>"}', 'third line'].join('\n') + '\n');
  await store.withSession('hostile<img src=x onerror=alert(1)>', async (access) => {
    await access.saveSession({ id: 'hostile<img src=x onerror=alert(1)>', agent: 'claude-code', model: '<b>model</b>', mode: 'intervene', sourceFile: log, startedAt: '2025-06-01T00:00:00Z', stepCount: 3, transcriptOffset: 0, diagnosticCount: 1 });
    await access.addSteps([
      { sessionId: 'hostile<img src=x onerror=alert(1)>', index: 0, stepId: 'a', kind: 'user', summary: 'hello', sourceLine: 1 },
      { sessionId: 'hostile<img src=x onerror=alert(1)>', index: 1, stepId: 'b', kind: 'assistant', summary: '<script>alert(1)</script>', sourceLine: 2 },
      { sessionId: 'hostile<img src=x onerror=alert(1)>', index: 2, stepId: 'c', kind: 'event', summary: 'no line' },
    ]);
  });
});

afterAll(async () => {
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('access control', () => {
  it('refuses to bind a non-loopback host without a token', async () => {
    await expect(startDashboard({ store, host: '0.0.0.0', port: 0 })).rejects.toBeInstanceOf(TokenRequiredError);
  });

  it('on loopback without a token, answers only requests addressed to localhost', async () => {
    const app = createDashboardApp({ store, loopback: true });
    expect((await app.request('/api/sessions', LOCAL)).status).toBe(200);
    expect((await app.request('/api/sessions', { headers: { host: 'localhost:9' } })).status).toBe(200);
    expect((await app.request('/api/sessions', { headers: { host: 'rebound.example:7077' } })).status).toBe(403);
  });

  it('with a token, requires it as a Bearer header, a ?token= query (which sets a cookie) or that cookie', async () => {
    const app = createDashboardApp({ store, loopback: false, token: 'secret-token' });
    const host = { host: '192.0.2.10:7077' };
    expect((await app.request('/api/sessions', { headers: host })).status).toBe(401);
    expect((await app.request('/api/sessions', { headers: { ...host, authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await app.request('/api/sessions', { headers: { ...host, authorization: 'Bearer secret-token' } })).status).toBe(200);
    expect((await app.request('/?token=nope', { headers: host })).status).toBe(401);
    const visit = await app.request('/?token=secret-token', { headers: host });
    expect(visit.status).toBe(200);
    const cookie = visit.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/wink_token=secret-token/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect((await app.request('/sessions', { headers: { ...host, cookie: cookie.split(';')[0] } })).status).toBe(200);
  });

  it('a real server on a free port checks the token too', async () => {
    const server = await startDashboard({ store, host: '127.0.0.1', port: 0, token: 'tcp-token' });
    try {
      expect((await fetch(`${server.url}/api/overview`)).status).toBe(401);
      expect((await fetch(`${server.url}/api/overview`, { headers: { authorization: 'Bearer tcp-token' } })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('JSON API', () => {
  const app = () => createDashboardApp({ store, loopback: true });
  const json = async (path: string) => {
    const response = await app().request(path, LOCAL);
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown> & { items: Array<Record<string, unknown>>; total: number };
  };

  it('pages the session list with limit and offset and a total', async () => {
    const first = await json('/api/sessions?limit=10');
    const second = await json('/api/sessions?limit=10&offset=10');
    expect(first.total).toBe(samples.length + 1);
    expect(first.items).toHaveLength(10);
    expect(second.items).toHaveLength(10);
    const ids = new Set([...first.items, ...second.items].map((item) => item.id));
    expect(ids.size).toBe(20);
    expect(first.items[0]).not.toHaveProperty('observerState');
    expect((await json('/api/sessions?limit=100000')).items.length).toBeLessThanOrEqual(1000);
  });

  it('filters by agent, model, category and start date, with counts matching the generated data', async () => {
    const expectTotal = async (query: string, predicate: (sample: SampleSession) => boolean) => expect((await json(`/api/sessions?${query}`)).total).toBe(samples.filter(predicate).length);
    await expectTotal('agent=codex', (sample) => sample.agent === 'codex');
    await expectTotal('model=model-beta', (sample) => sample.model === 'model-beta');
    await expectTotal('category=infinite-loop', (sample) => sample.categories.includes('infinite-loop'));
    await expectTotal('agent=claude-code&category=tool-call-failure', (sample) => sample.agent === 'claude-code' && sample.categories.includes('tool-call-failure'));
    const day = samples[30].startedAt.slice(0, 10);
    await expectTotal(`from=${day}&to=${day}`, (sample) => sample.startedAt.slice(0, 10) === day);
    const page = await json('/api/sessions?category=infinite-loop&limit=5');
    for (const item of page.items) expect(item.findings).toBeGreaterThan(0);
  });

  it('aggregates the overview in the store: prevalence, per model, recovery and trend agree with the data', async () => {
    const overview = (await json('/api/overview')) as unknown as Overview;
    expect(overview.basis.sessions).toBe(samples.length + 1);
    const loop = overview.prevalence.find((row) => row.category === 'infinite-loop');
    expect(loop?.successes).toBe(samples.filter((sample) => sample.categories.includes('infinite-loop')).length);
    expect(overview.models.models.map((model) => model.model)).toContain('model-alpha');
    expect(overview.recovery.length).toBeGreaterThan(0);
    expect(overview.trend.reduce((sum, row) => sum + row.sessions, 0)).toBe(samples.length + 1);
    const filtered = (await json('/api/overview?agent=codex')) as unknown as Overview;
    expect(filtered.basis.sessions).toBe(samples.filter((sample) => sample.agent === 'codex').length);
  });

  it('serves a session timeline page by page from a step', async () => {
    const id = samples[0].id;
    const timeline = (await json(`/api/sessions/${id}/timeline?fromStep=5`)) as unknown as { steps: Array<{ index: number }>; totalSteps: number };
    expect(timeline.steps[0].index).toBe(5);
    expect(timeline.totalSteps).toBe(12);
    expect((await app().request('/api/sessions/nope/timeline', LOCAL)).status).toBe(404);
  });
});

describe('raw log lines', () => {
  const hostile = encodeURIComponent('hostile<img src=x onerror=alert(1)>');
  it('returns the recorded line of the session source file, and nothing for steps without one', async () => {
    const app = createDashboardApp({ store, loopback: true });
    const line = (await (await app.request(`/api/sessions/${hostile}/steps/1/source`, LOCAL)).json()) as { line: number; text: string };
    expect(line).toMatchObject({ line: 2, text: '{"type":"assistant","text":"<script>alert(1)</script>"}' });
    expect((await app.request(`/api/sessions/${hostile}/steps/2/source`, LOCAL)).status).toBe(404);
    expect((await app.request(`/api/sessions/${hostile}/steps/99/source`, LOCAL)).status).toBe(404);
    expect((await app.request(`/api/sessions/${samples[0].id}/steps/1/source?file=/etc/passwd`, LOCAL)).status).toBe(404);
    const page = await (await app.request(`/sessions/${hostile}/steps/1/source`, LOCAL)).text();
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert');
  });
});

describe('pages', () => {
  it('escape everything from the logs and send a same-origin content security policy', async () => {
    const app = createDashboardApp({ store, loopback: true });
    const list = await app.request('/sessions?limit=1000', LOCAL);
    const text = await list.text();
    expect(text).toContain('hostile&lt;img src=x onerror=alert(1)&gt;');
    expect(text).not.toContain('<img src=x');
    expect(text).toContain('&lt;b&gt;model&lt;/b&gt;');
    expect(list.headers.get('content-security-policy')).toContain("default-src 'none'");
    const session = await (await app.request(`/sessions/${encodeURIComponent('hostile<img src=x onerror=alert(1)>')}`, LOCAL)).text();
    expect(session).not.toContain('<img src=x');
    expect(session).toContain('/assets/session.js');
  });

  it('draws the overview charts as inline SVG bars and links paging in the sessions list', async () => {
    const app = createDashboardApp({ store, loopback: true });
    const overview = await (await app.request('/', LOCAL)).text();
    expect(overview.match(/<svg class="chart"/g)?.length).toBeGreaterThanOrEqual(4);
    expect(overview).toContain('class="bar"');
    const list = await (await app.request('/sessions?agent=codex&limit=10&offset=10', LOCAL)).text();
    expect(list).toContain('href="/sessions?agent=codex&amp;offset=0&amp;limit=10"');
    expect(list).toContain('href="/sessions?agent=codex&amp;offset=20&amp;limit=10"');
    expect((await app.request('/assets/session.js', LOCAL)).headers.get('content-type')).toContain('javascript');
    expect((await app.request('/assets/..%2Fpackage.json', LOCAL)).status).toBe(404);
  });

  it('show the diagnostic count of each session in the list, on the session page and in the API', async () => {
    const app = createDashboardApp({ store, loopback: true });
    const id = 'hostile<img src=x onerror=alert(1)>';
    const list = await (await app.request('/sessions?agent=claude-code&limit=1000', LOCAL)).text();
    expect(list).toContain('<th title="records of the session log wink could not read');
    const row = list.split('<tr>').find((text) => text.includes('hostile&lt;img'));
    expect(row).toContain('<td class="number diagnostic-count has-diagnostics">1</td>');
    expect(list).toContain('<td class="number diagnostic-count">0</td>');
    const page = await (await app.request(`/sessions/${encodeURIComponent(id)}`, LOCAL)).text();
    expect(page).toContain('<span id="diagnostic-count">1</span> diagnostics');
    const api = (await (await app.request(`/api/sessions/${encodeURIComponent(id)}`, LOCAL)).json()) as { diagnosticCount: number };
    expect(api.diagnosticCount).toBe(1);
    const listed = (await (await app.request('/api/sessions?limit=1000', LOCAL)).json()) as { items: Array<{ id: string; diagnosticCount: number }> };
    expect(listed.items.find((item) => item.id === id)?.diagnosticCount).toBe(1);
  });
});
