/** The sessions list: filters, one row per session with its finding, intervention and diagnostic counts, paging. */
import type { Page, SessionRecord } from '../store/types.js';
import { filterForm } from './filter-form.js';
import { queryString, type FilterValues } from './filters.js';
import { html, type SafeHtml } from './html.js';
import { page } from './layout.js';

/** A session row with the counts the list shows. */
export interface SessionListItem {
  session: SessionRecord;
  findings: number;
  interventions: number;
}

/** What a session's diagnostic count means, shown on hover. */
export const DIAGNOSTICS_HELP = 'records of the session log wink could not read (malformed or truncated lines); the rest was read';

/** The diagnostic count of a session, marked when there is any. */
function diagnosticsCell(session: SessionRecord): SafeHtml {
  const count = session.diagnosticCount ?? 0;
  return html`<td class="number diagnostic-count${count > 0 ? ' has-diagnostics' : ''}">${count}</td>`;
}

/** Link to a session's page. */
export function sessionHref(sessionId: string): string {
  return `/sessions/${encodeURIComponent(sessionId)}`;
}

/** The sessions list page. */
export function sessionsPage(result: Page<SessionListItem>, values: FilterValues, limit: number, offset: number): SafeHtml {
  const rows = result.items.map(
    ({ session, findings, interventions }) => html`<tr>
<td><a class="session-link" href="${sessionHref(session.id)}">${session.id}</a></td><td>${session.agent}</td><td>${session.model ?? '–'}</td>
<td>${session.startedAt?.replace('T', ' ').slice(0, 19) ?? '–'}</td><td class="number">${session.stepCount}</td>
<td class="number">${findings}</td><td class="number">${interventions}</td>${diagnosticsCell(session)}<td>${session.mode}${session.arm ? ` / ${session.arm}` : ''}</td></tr>`,
  );
  const previous = offset > 0 ? html`<a rel="prev" href="/sessions${queryString(values, { offset: Math.max(0, offset - limit), limit })}">← previous</a>` : '';
  const next = offset + limit < result.total ? html`<a rel="next" href="/sessions${queryString(values, { offset: offset + limit, limit })}">next →</a>` : '';
  const shown = result.items.length === 0 ? '0' : `${offset + 1}–${offset + result.items.length}`;
  const body = html`<h1>Sessions</h1>
${filterForm('/sessions', values, [])}
<p class="headline">${shown} of <strong id="session-total">${result.total}</strong> sessions</p>
<table class="sessions"><thead><tr><th>Session</th><th>Agent</th><th>Model</th><th>Started</th><th>Steps</th><th>Findings</th><th>Interventions</th><th title="${DIAGNOSTICS_HELP}">Diagnostics</th><th>Mode</th></tr></thead>
<tbody>${rows}</tbody></table>
<p class="pager">${previous} ${next}</p>`;
  return page({ title: 'Sessions', section: 'sessions', body });
}
