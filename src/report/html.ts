/** HTML helpers: escaping (every text from logs or the store goes through it), tables and number formats. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values (also used inside SVG). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/** What a cell shows for a value that does not exist: a rate with no denominator, a ratio of nothing, an unknown. */
export const NO_VALUE = '—';

/** A percentage with two decimals (`12.34%`), or {@link NO_VALUE} for an unknown value. */
export function formatPercent(share: number | undefined, digits = 2): string {
  if (share === undefined || !Number.isFinite(share)) return NO_VALUE;
  return `${(share * 100).toFixed(digits)}%`;
}

/** A signed percentage (`+4.2%`, `−5.3%`). */
export function formatSignedPercent(share: number | undefined, digits = 1): string {
  if (share === undefined || !Number.isFinite(share)) return NO_VALUE;
  const text = `${Math.abs(share * 100).toFixed(digits)}%`;
  return share > 0 ? `+${text}` : share < 0 ? `−${text}` : text;
}

/** A p-value: scientific below 0.001, else three significant digits. */
export function formatPValue(pValue: number | undefined): string {
  if (pValue === undefined || !Number.isFinite(pValue)) return NO_VALUE;
  if (pValue < 0.001) return pValue.toExponential(2);
  return pValue.toPrecision(3);
}

/** A number with a fixed count of decimals, or {@link NO_VALUE}. */
export function formatNumber(value: number | undefined, digits = 2): string {
  if (value === undefined || !Number.isFinite(value)) return NO_VALUE;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Counts behind a rate: `trials` is its denominator. */
export interface CountedRate {
  successes: number;
  trials: number;
  rate: number;
  interval?: { lower: number; upper: number };
}

/** A rate's percentage, or {@link NO_VALUE} when it has no denominator (0 of 0 is no rate, not 0%). */
export function formatRate(figure: CountedRate, digits = 2): string {
  return figure.trials === 0 ? NO_VALUE : formatPercent(figure.rate, digits);
}

/** A rate's 95% interval (`12.0% to 30.1%`), or {@link NO_VALUE} when it has no denominator or no interval. */
export function formatRateInterval(figure: CountedRate, digits = 2): string {
  const interval = figure.interval;
  if (figure.trials === 0 || interval === undefined || !Number.isFinite(interval.lower) || !Number.isFinite(interval.upper)) return NO_VALUE;
  return `${formatPercent(interval.lower, digits)} to ${formatPercent(interval.upper, digits)}`;
}

/** A whole number with thousands separators. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** A table cell: text is escaped; `numeric` right-aligns it. */
export interface Cell {
  text: string;
  numeric?: boolean;
}

/** A table from header texts and rows of cells (strings are plain text cells). */
export function table(headers: readonly (string | Cell)[], rows: readonly (readonly (string | Cell)[])[], caption?: string): string {
  const cell = (value: string | Cell, tag: 'th' | 'td'): string => {
    const content = typeof value === 'string' ? { text: value } : value;
    return `<${tag}${content.numeric ? ' class="number"' : ''}>${escapeHtml(content.text)}</${tag}>`;
  };
  const head = `<thead><tr>${headers.map((header) => cell(header, 'th')).join('')}</tr></thead>`;
  const body = `<tbody>${rows.map((row) => `<tr>${row.map((value) => cell(value, 'td')).join('')}</tr>`).join('')}</tbody>`;
  return `<table>${caption ? `<caption>${escapeHtml(caption)}</caption>` : ''}${head}${body}</table>`;
}

/** A right-aligned cell. */
export function numeric(text: string): Cell {
  return { text, numeric: true };
}

/** A paragraph of escaped text. */
export function paragraph(text: string, className?: string): string {
  return `<p${className ? ` class="${className}"` : ''}>${escapeHtml(text)}</p>`;
}

/** The "n sessions, m steps" line under a figure. */
export function basisLine(basis: { sessions: number; steps: number }, extra = ''): string {
  return paragraph(`Based on ${formatCount(basis.sessions)} sessions and ${formatCount(basis.steps)} steps${extra ? `; ${extra}` : ''}.`, 'basis');
}
