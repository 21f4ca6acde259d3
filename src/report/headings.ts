/**
 * The report's section headings: a plain question or statement a developer understands without the papers
 * first, and the papers' own name for the figure (Table 1, RQ2, S1–S7, …) as a secondary label beside it.
 */
import { escapeHtml } from './html.js';

/** Ids of the report's sections, in the order they appear. */
export type SectionId = 'prevalence' | 'models' | 'misbehavior-rate' | 'recovery' | 'ab-test' | 'forms' | 'environments' | 'persistence' | 'trend' | 'methods';

/** One section's heading. */
export interface SectionHeading {
  id: SectionId;
  /** What the section answers, in plain words. */
  plain: string;
  /** The Wink paper's or the misalignment study's name for the figure. */
  paperLabel: string;
}

/** Every section, in report order. */
export const SECTION_HEADINGS: readonly SectionHeading[] = [
  { id: 'prevalence', plain: 'How often each problem happens', paperLabel: 'Wink paper, Table 1: prevalence per category' },
  { id: 'models', plain: 'How often each problem happens, per model', paperLabel: 'Wink paper, Table 2: prevalence per model' },
  { id: 'misbehavior-rate', plain: 'Does guidance make problems rarer?', paperLabel: 'Wink paper, RQ2: misbehavior rate, shadow vs intervene' },
  { id: 'recovery', plain: 'Did the agent recover after guidance?', paperLabel: 'Wink paper, Tables 3 and 4: recovery rate' },
  { id: 'ab-test', plain: 'Sessions with guidance vs without: failures, tokens, interruptions, time', paperLabel: 'Wink paper, Table 5: A/B test' },
  { id: 'forms', plain: 'What kind of mistake it was', paperLabel: 'Misalignment study: forms S1–S7' },
  { id: 'environments', plain: 'In the IDE vs on the command line', paperLabel: 'Misalignment study: IDE vs CLI' },
  { id: 'persistence', plain: 'Does a problem carry over to the next session?', paperLabel: 'Misalignment study: persistence across adjacent sessions' },
  { id: 'trend', plain: 'Is it getting better or worse over time?', paperLabel: 'Misalignment study: trend over time' },
  { id: 'methods', plain: 'How the numbers are computed', paperLabel: 'Methods' },
];

/** The heading of a section. */
export function headingOf(id: SectionId): SectionHeading {
  const heading = SECTION_HEADINGS.find((entry) => entry.id === id);
  if (!heading) throw new Error(`unknown report section: ${id}`);
  return heading;
}

/** The heading as HTML: the plain words, then the papers' name in a secondary label. */
export function headingHtml(heading: SectionHeading): string {
  return `${escapeHtml(heading.plain)} <span class="paper-label">${escapeHtml(heading.paperLabel)}</span>`;
}

/** A section with its heading and id (for the table of contents). */
export function section(id: SectionId, content: string): string {
  return `<section id="${id}"><h2>${headingHtml(headingOf(id))}</h2>${content}</section>`;
}
