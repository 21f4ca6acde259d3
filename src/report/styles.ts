/** The report's inline style sheet (no external fonts or resources). */
export const REPORT_STYLES = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 980px; padding: 24px; color: #1d1d1f; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #ddd; padding-bottom: 4px; margin-top: 2.2rem; }
h3 { font-size: 1rem; margin-top: 1.4rem; }
nav ul { columns: 2; padding-left: 1.2rem; }
table { border-collapse: collapse; margin: 12px 0; font-size: 0.9rem; width: 100%; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f5f5f7; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.paper-label { color: #6e6e73; font-size: 0.78em; font-weight: normal; margin-left: 0.4em; }
nav .paper-label { display: block; margin-left: 0; }
nav li { break-inside: avoid; margin-bottom: 4px; }
.basis { color: #555; font-size: 0.85rem; }
.no-data { color: #8a5a00; background: #fff8e6; border-left: 3px solid #e69f00; padding: 8px 12px; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 12px 0; }
footer { margin-top: 3rem; color: #777; font-size: 0.8rem; }
`;
