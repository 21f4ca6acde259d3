/**
 * Telling the developer's own words from what Codex injects in the user role: the environment context,
 * the user instructions (AGENTS.md), shell commands the developer ran themselves, turn-aborted notes and
 * Stop-hook prompts. Codex wraps each of these in one tag (`<environment_context>…</environment_context>`)
 * or, for AGENTS.md, a fixed heading.
 */
import { withoutTrailing } from '../../trajectory/linear-text.js';
import type { InjectedContext } from '../../trajectory/step.js';

/** Text entirely wrapped in one XML-like tag, as Codex writes its injected context. */
// The closing tag must repeat the opening name in the same case, so the pattern keeps its explicit letter ranges.
// eslint-disable-next-line regexp/use-ignore-case
const WRAPPED_IN_ONE_TAG = /^\s*<([A-Za-z_][\w-]*)(?:\s[^>]*)?>[\s\S]*<\/\1>\s*$/;
/** The heading Codex puts before the contents of an AGENTS.md file. */
const AGENTS_HEADING = /^\s*# AGENTS\.md instructions for /;

/** The folder named by the AGENTS.md heading (`# AGENTS.md instructions for /repo`). */
const AGENTS_FOLDER = /^\s*# AGENTS\.md instructions for (\S{1,500})/;

/** What an injected text carries: the contents of AGENTS.md (a rule file) or other harness context. */
export function injectedContextOf(text: string): InjectedContext {
  const folder = AGENTS_FOLDER.exec(text)?.[1];
  if (folder !== undefined) return { kind: 'rule-file', source: `${withoutTrailing(folder, '/')}/AGENTS.md` };
  // Versions before the AGENTS.md heading wrapped the same instructions in <user_instructions>.
  if (text.trimStart().startsWith('<user_instructions>')) return { kind: 'rule-file', source: 'AGENTS.md' };
  return { kind: 'harness' };
}

/** True when a user-role text part was injected by Codex rather than typed by the developer. */
export function isInjectedUserText(text: string): boolean {
  return WRAPPED_IN_ONE_TAG.test(text) || AGENTS_HEADING.test(text);
}
