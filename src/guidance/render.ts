/**
 * Turns findings into guidance text for the agent: fills the template for the finding's messageId (user
 * overrides first, then wink's template for the finding's kind of failure where it has one, then for its
 * messageId, then the category fallback), adds the escalation level's extra
 * instruction, and renders it as a `<system-reminder>` block or as plain text (Gemini CLI escapes `<`/`>`).
 */
import type { Finding } from '../detectors/define.js';
import { fillTemplate } from '../detectors/define.js';
import type { FailureKind } from '../detectors/failure-classifier.js';
import { CATEGORY_TEMPLATES, KIND_TEMPLATES, MESSAGE_TEMPLATES, type GuidanceTemplate } from './templates.js';
import { neutralizeReminderTags } from './neutralize.js';

/** The escalation ladder: 1 nudge, 2 restate the task with an updated plan, 3 stop and ask the user. */
export type EscalationLevel = 1 | 2 | 3;

/** How guidance is wrapped for the agent. */
export type GuidanceFormat = 'system-reminder' | 'plain';

/** Most characters of the original task quoted at level 2. */
export const MAXIMUM_TASK_QUOTE = 600;
/** Most characters of any one evidence value quoted. */
export const MAXIMUM_EVIDENCE_VALUE = 300;

export interface GuidanceOptions {
  /** User overrides by messageId (from the config file). */
  overrides?: Record<string, Partial<GuidanceTemplate>>;
  format: GuidanceFormat;
}

export interface GuidanceInput {
  finding: Finding;
  level: EscalationLevel;
  /** The user's original task, quoted at level 2. */
  task?: string;
}

function templateFor(finding: Finding, overrides?: Record<string, Partial<GuidanceTemplate>>): GuidanceTemplate {
  const kind = finding.data.kind;
  const kinds = Object.hasOwn(KIND_TEMPLATES, finding.messageId) ? KIND_TEMPLATES[finding.messageId] : undefined;
  const forKind = typeof kind === 'string' && kinds !== undefined && Object.hasOwn(kinds, kind) ? kinds[kind as FailureKind] : undefined;
  const base = MESSAGE_TEMPLATES[finding.messageId] ?? CATEGORY_TEMPLATES[finding.category];
  const override = overrides?.[finding.messageId] ?? overrides?.[finding.category];
  return { ...base, ...(forKind ?? {}), ...(override ?? {}) };
}

function shorten(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= limit ? flat : flat.slice(0, limit - 1) + '…';
}

/** The finding's data made safe to quote: shortened, single-line, reminder tags defused. */
function safeData(finding: Finding): Record<string, string | number | boolean> {
  const data: Record<string, string | number | boolean> = { message: neutralizeReminderTags(shorten(finding.message, MAXIMUM_EVIDENCE_VALUE)) };
  for (const [key, value] of Object.entries(finding.data)) {
    data[key] = typeof value === 'string' ? neutralizeReminderTags(shorten(value, MAXIMUM_EVIDENCE_VALUE)) : value;
  }
  return data;
}

/** The guidance lines for one finding at one level (without wrapping). */
export function guidanceLines({ finding, level, task }: GuidanceInput, overrides?: Record<string, Partial<GuidanceTemplate>>): string[] {
  const template = templateFor(finding, overrides);
  const data = safeData(finding);
  const lines = [fillTemplate(template.title, data), `DON'T: ${fillTemplate(template.dont, data)}`, `DO: ${fillTemplate(template.do, data)}`];
  if (level >= 2 && task) {
    lines.push(`This has happened before in this session. The user's original task was: "${neutralizeReminderTags(shorten(task, MAXIMUM_TASK_QUOTE))}". Restate your plan for that task in two or three steps, then follow it.`);
  } else if (level >= 2) {
    lines.push('This has happened before in this session. Restate your plan for the task in two or three steps, then follow it.');
  }
  if (level >= 3) lines.push('STOP: this keeps recurring. Do not try again on your own — explain the situation to the user and ask how to proceed.');
  return lines;
}

/** Renders the guidance for one or more findings as one block. */
export function renderGuidance(inputs: GuidanceInput[], options: GuidanceOptions): string {
  const body = inputs.map((input) => guidanceLines(input, options.overrides).join('\n')).join('\n\n');
  const text = `wink (course correction):\n${body}`;
  if (options.format === 'plain') return text;
  return `<system-reminder>\n${text}\n</system-reminder>`;
}

/** What PreToolUse did with a proposed call: refused it (it did not run) or only warned (it runs). */
export type BeforeCallDecision = 'deny' | 'warn';

/**
 * How a PreToolUse answer starts, by decision. A refusal says the call was refused and did not run; a warning
 * says it is a warning and that the call was not stopped (the model may read it next to the call's result).
 */
export const BEFORE_CALL_OPENINGS: Record<BeforeCallDecision, string> = {
  deny: 'wink refused this call before it ran:',
  warn: 'wink warning about this call (a warning only: the call was not stopped):',
};

/**
 * Guidance about a call before it runs (PreToolUse): the finding's own template speaks of a call that already
 * ran, so this wording is used instead — what the call would break (after the opening of the decision), and
 * what to do instead.
 */
export const BEFORE_CALL_TEMPLATES: Partial<Record<Finding['category'], GuidanceTemplate>> = {
  'did-not-follow-instructions': {
    title: 'it goes against what {{source}} says: "{{constraint}}".',
    dont: 'Do not make this call or a variant of it.',
    do: 'Continue the task without it; if the task cannot be done without it, ask the user.',
  },
  'unrequested-changes': {
    title: 'nobody asked for it ({{message}}).',
    dont: 'Do not change things outside the request.',
    do: 'Keep to what the user asked; mention the idea to the user instead of doing it.',
  },
  'infinite-loop': {
    title: 'it repeats earlier calls without progress ({{message}}).',
    dont: 'Do not repeat it unchanged.',
    do: 'Use the results already in the conversation, or change the approach.',
  },
  'tool-call-failure': {
    title: 'the same call already failed ({{message}}).',
    dont: 'Do not retry it unchanged.',
    do: 'Read the earlier error and fix the arguments or the command first.',
  },
};

/** The title of an instruction finding about a changed file, before the call runs. */
const CHANGED_FILE_TITLE = 'it changes {{file}}, and that goes against what {{source}} says: "{{constraint}}".';

/** Plain-text guidance for one finding about a call that has not run yet, refused or only warned about. */
export function renderBeforeCall(finding: Finding, decision: BeforeCallDecision, overrides?: Record<string, Partial<GuidanceTemplate>>): string {
  const template = BEFORE_CALL_TEMPLATES[finding.category];
  const opening = BEFORE_CALL_OPENINGS[decision];
  if (!template) return `${opening}\n${guidanceLines({ finding, level: 1 }, overrides).join('\n')}`;
  const data = safeData(finding);
  if (data.constraint === undefined) data.constraint = data.message;
  if (data.source === undefined) data.source = 'the user';
  // A call that changes a protected file may not name it (`python regen.py`): the file is said.
  const title = finding.category === 'did-not-follow-instructions' && typeof data.file === 'string' ? CHANGED_FILE_TITLE : template.title;
  return [`${opening} ${fillTemplate(title, data)}`, `DON'T: ${fillTemplate(template.dont, data)}`, `DO: ${fillTemplate(template.do, data)}`].join('\n');
}

/** Plain-text guidance about a proposed call identical to one that already failed `failures` times in a row, nothing changed since. */
export function renderRepeatedFailureBeforeCall(tool: string, failures: number, decision: BeforeCallDecision): string {
  return [
    `${BEFORE_CALL_OPENINGS[decision]} this exact ${tool} call already failed ${failures} times in a row in this session, with nothing changed in between.`,
    "DON'T: Run it again unchanged.",
    'DO: Read the last error, then change the arguments or the approach.',
  ].join('\n');
}
