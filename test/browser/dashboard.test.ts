/**
 * Browser tests of the dashboard and the HTML report, in Debian's chromium driven by playwright-core:
 * `wink serve --demo` on a free port, the overview's charts, from the overview to a session with its
 * finding and guidance, a raw log line, live updates of the session in progress, and `wink report`'s
 * charts — with no console error and no failed or outside network request. Screenshots go to
 * test-artifacts/ (and to docs/images/ when WINK_UPDATE_SCREENSHOTS=1). Skipped, with the reason printed,
 * where /usr/bin/chromium is missing (`.ci/run` installs it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDamagedLogs } from '../support/damaged-logs.js';
import { repositoryPath } from '../support/shared-data.js';

/** Debian's chromium; playwright's own browser downloads are not used. */
const CHROMIUM = '/usr/bin/chromium';
/** Flags that keep chromium off the network and quiet in a sandbox without one. */
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TSX = repositoryPath('node_modules/.bin/tsx');
const MAIN = repositoryPath('src/cli/main.ts');
const ARTIFACTS = repositoryPath('test-artifacts');
const DOCS_IMAGES = repositoryPath('docs/images');
/** Set to 1 to refresh the README's screenshots. */
const UPDATE_SCREENSHOTS = process.env.WINK_UPDATE_SCREENSHOTS === '1';
/** Longest wait for the server to start, and for a live step to appear (milliseconds). */
const START_TIMEOUT_MS = 30_000;
const LIVE_TIMEOUT_MS = 15_000;
const BROWSER_TEST_TIMEOUT_MS = 90_000;

const available = existsSync(CHROMIUM) && existsSync(TSX);
if (!available) process.stderr.write(`browser tests skipped: ${existsSync(CHROMIUM) ? `${TSX} missing` : `${CHROMIUM} not found (apt-get install chromium)`}\n`);

/** Starts `wink serve --demo --port 0` (with more options when given) and resolves with its URL. */
function startServe(extra: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [TSX, MAIN, 'serve', '--demo', '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`wink serve did not start: ${output}`)), START_TIMEOUT_MS);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /dashboard at (http:\/\/\S+?)\/?\s/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`wink serve exited with ${code}: ${output}`)));
  });
}

/** Stops a `wink serve` and waits until it has exited, so its temporary store is gone before the run's teardown checks. */
async function stopServe(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, START_TIMEOUT_MS))]);
}

describe.skipIf(!available)('dashboard and report in chromium', () => {
  let serve: { child: ChildProcess; url: string };
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  const outsideRequests: string[] = [];
  /** Origins of the servers the tests started: requests anywhere else leave the machine's dashboard. */
  const serverOrigins = new Set<string>();

  async function screenshot(name: string, docsName?: string): Promise<void> {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    if (UPDATE_SCREENSHOTS && docsName) await page.screenshot({ path: join(DOCS_IMAGES, docsName), fullPage: false });
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (UPDATE_SCREENSHOTS) mkdirSync(DOCS_IMAGES, { recursive: true });
    serve = await startServe();
    profile = mkdtempSync(join(tmpdir(), 'wink-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 900 } });
    page = context.pages()[0] ?? (await context.newPage());
    serverOrigins.add(new URL(serve.url).origin);
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
    page.on('requestfailed', (request) => failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`));
    page.on('response', (response) => {
      if (response.status() >= 400) failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
    });
    page.on('request', (request) => {
      const url = request.url();
      if (!serverOrigins.has(new URL(url).origin) && !url.startsWith('file:') && !url.startsWith('data:')) outsideRequests.push(url);
    });
  }, START_TIMEOUT_MS * 2);

  afterAll(async () => {
    await context?.close();
    await stopServe(serve?.child);
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('shows a session in progress growing without a reload', async () => {
    const sessions = (await (await fetch(`${serve.url}/api/sessions?limit=100`)).json()) as { items: Array<{ id: string }> };
    const live = sessions.items.find((session) => session.id.endsWith('-live'));
    expect(live).toBeDefined();
    await page.goto(`${serve.url}/sessions/${encodeURIComponent(live!.id)}`);
    await page.locator('li.step').first().waitFor();
    const before = await page.locator('li.step').count();
    await expect.poll(() => page.locator('li.step').count(), { timeout: LIVE_TIMEOUT_MS, interval: 250 }).toBeGreaterThan(before);
    await expect(page.locator('#live-status').textContent()).resolves.toMatch(/new step/);
  }, BROWSER_TEST_TIMEOUT_MS);

  it('renders the overview charts as SVG with bars', async () => {
    await page.goto(serve.url);
    expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('#prevalence svg.chart rect.bar').count()).toBeGreaterThan(0);
    expect(await page.locator('#per-model svg.chart rect').count()).toBeGreaterThan(0);
    const box = await page.locator('#prevalence svg.chart').boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    await screenshot('dashboard-overview', 'dashboard.png');
  }, BROWSER_TEST_TIMEOUT_MS);

  it('goes from the overview to a session and shows a finding with its guidance inline, then its raw log line', async () => {
    await page.goto(serve.url);
    await page.getByRole('link', { name: 'Sessions', exact: true }).click();
    await page.waitForURL(/\/sessions/);
    await page.selectOption('select[name="category"]', 'infinite-loop');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/category=infinite-loop/);
    const link = page.locator('a.session-link').filter({ hasNotText: '-live' }).first();
    await link.click();
    await page.waitForURL(/\/sessions\/[^/]+$/);
    const step = page
      .locator('li.step')
      .filter({ has: page.locator('.finding', { hasText: 'infinite-loop' }) })
      .filter({ has: page.locator('.intervention') })
      .first();
    await step.waitFor();
    const guidance = step.locator('.guidance-text').first();
    await guidance.waitFor();
    expect((await guidance.textContent())?.length ?? 0).toBeGreaterThan(20);
    await expect(step.locator('.guidance-label').first().textContent()).resolves.toMatch(/level \d/);
    await expect(step.locator('.recovery').first().textContent()).resolves.toMatch(/recovered|not-recovered|insufficient|pending/);
    await screenshot('dashboard-session');
    const rawLink = page.locator('a.raw-link').first();
    await rawLink.click();
    await page.waitForURL(/\/steps\/\d+\/source$/);
    await expect(page.locator('#source-line').textContent()).resolves.toMatch(/\S/);
    await screenshot('dashboard-raw-line');
  }, BROWSER_TEST_TIMEOUT_MS);

  it('opens the HTML report of `wink report` and its charts render, offline', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'wink-browser-report-'));
    try {
      const out = join(directory, 'report.html');
      // Run from the repository with a relative input, so the report (and its screenshot) names `examples`, not a machine path.
      const result = spawnSync(process.execPath, [TSX, MAIN, 'report', 'examples', '--out', out], { encoding: 'utf8', cwd: repositoryPath('.'), env: { ...process.env, NO_COLOR: '1' } });
      expect(result.status, result.stderr).toBe(0);
      await page.goto(pathToFileURL(out).href);
      expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(2);
      expect(await page.locator('svg.chart rect.bar').count()).toBeGreaterThan(0);
      const box = await page.locator('svg.chart').first().boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      // Plain headings first, the paper's name as a secondary label.
      await expect(page.locator('#prevalence h2').textContent()).resolves.toBe('How often each problem happens Wink paper, Table 1: prevalence per category');
      await expect(page.locator('#recovery h2 .paper-label').textContent()).resolves.toContain('Tables 3 and 4');
      await expect(page.locator('header .basis').textContent()).resolves.toContain('input: examples ·');
      await screenshot('report', 'report.png');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, BROWSER_TEST_TIMEOUT_MS);

  it('shows the diagnostic count of a session whose log has a malformed line, in the list and on its page', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'wink-browser-diagnostics-'));
    const logs = writeDamagedLogs(directory);
    const damaged = await startServe(['--examples', join(logs.malformedMiddle, '..')]);
    serverOrigins.add(new URL(damaged.url).origin);
    try {
      await page.goto(`${damaged.url}/sessions`);
      const row = page.locator('tr').filter({ has: page.locator('a.session-link') }).filter({ hasNotText: '-live' }).first();
      await expect(row.locator('td.diagnostic-count').textContent()).resolves.toBe('1');
      await expect(row.locator('td.diagnostic-count').getAttribute('class')).resolves.toContain('has-diagnostics');
      await row.locator('a.session-link').click();
      await page.waitForURL(/\/sessions\/[^/]+$/);
      await page.locator('li.step').first().waitFor();
      await expect(page.locator('#diagnostic-count').textContent()).resolves.toBe('1');
      await expect(page.locator('.headline').textContent()).resolves.toMatch(/1 diagnostics/);
      await screenshot('dashboard-diagnostics');
    } finally {
      await stopServe(damaged.child);
      rmSync(directory, { recursive: true, force: true });
    }
  }, BROWSER_TEST_TIMEOUT_MS);

  it('saw no console error, no failed request and no request leaving the machine', () => {
    expect(consoleErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
    expect(outsideRequests).toEqual([]);
  });
});
