/**
 * The session page: the session's facts, then the timeline, which `web/session.js` fills step by step
 * from the JSON API (findings and guidance inline at their steps, escalation level, recovery outcome, a
 * link to each step's raw log line) and keeps up to date while the session is in progress.
 */
import type { SessionRecord } from '../store/types.js';
import { html, type SafeHtml } from './html.js';
import { page } from './layout.js';
import type { SourceLine } from './source-line.js';
import { DIAGNOSTICS_HELP, sessionHref } from './sessions-page.js';

/** How often the session page asks for new steps (milliseconds). */
export const LIVE_POLL_INTERVAL_MS = 2000;

/** The session page. */
export function sessionPage(session: SessionRecord): SafeHtml {
  const diagnostics = session.diagnosticCount ?? 0;
  const facts: Array<[string, string | undefined]> = [
    ['Agent', session.agent],
    ['Model', session.model],
    ['Environment', session.environment],
    ['Mode', session.arm ? `${session.mode} / ${session.arm}` : session.mode],
    ['Started', session.startedAt],
    ['Last step', session.endedAt],
    ['Source file', session.sourceFile],
    ['Working directory', session.workingDirectory],
  ];
  const body = html`<h1>Session <span class="session-id">${session.id}</span></h1>
<dl class="facts">${facts.filter(([, value]) => value).map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>`)}</dl>
<p class="headline"><span id="step-count">${session.stepCount}</span> steps · <span id="finding-count">…</span> findings · <span id="intervention-count">…</span> interventions ·
 <span title="${DIAGNOSTICS_HELP}" class="${diagnostics > 0 ? 'has-diagnostics' : ''}"><span id="diagnostic-count">${diagnostics}</span> diagnostics</span>
 <span id="live-status" class="live"></span></p>
<ol id="timeline" class="timeline" data-session="${session.id}" data-poll-ms="${LIVE_POLL_INTERVAL_MS}" aria-live="polite"></ol>`;
  return page({ title: `Session ${session.id}`, section: 'sessions', body, scripts: ['session.js'] });
}

/** Pretty-prints a JSON line; other text is returned as it is. */
function readable(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The page of one raw log line. */
export function sourceLinePage(session: SessionRecord, stepIndex: number, line: SourceLine): SafeHtml {
  const body = html`<h1>Raw log line</h1>
<p><a href="${sessionHref(session.id)}#step-${stepIndex}">← step ${stepIndex} of session ${session.id}</a></p>
<p class="caption"><span class="source-file">${line.file}</span>, line <strong id="source-line-number">${line.line}</strong>${line.truncated ? ' (cut)' : ''}</p>
<pre id="source-line" class="raw">${readable(line.text)}</pre>`;
  return page({ title: `Raw line ${line.line}`, section: 'sessions', body });
}
