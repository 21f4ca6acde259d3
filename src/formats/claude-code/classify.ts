/**
 * What Claude Code's own markers in a transcript mean: which user-role text was typed by the developer,
 * which is an interrupt and which the harness injected; which tool results were refused, interrupted or
 * exited non-zero. Only prefixes are checked, never whole texts, so reading stays fast.
 */
import { isHookRefusal } from '../../trajectory/hook-refusal.js';
import type { InjectedContext, UserMessageOrigin } from '../../trajectory/step.js';
import type { ContentBlock } from './line-types.js';

/** Start of the text Claude Code writes when the developer presses Escape (also "… for tool use]"). */
export const INTERRUPT_PREFIX = '[Request interrupted by user';

/** Starts of user-role texts that the harness wrote, not the developer. */
export const INJECTED_PREFIXES: readonly string[] = [
  '<command-name>',
  '<command-message>',
  '<command-args>',
  '<local-command-stdout>',
  '<local-command-stderr>',
  '<local-command-caveat>',
  '<system-reminder>',
  '<user-prompt-submit-hook>',
  '<task-notification>',
  '<bash-input>',
  '<bash-stdout>',
  '<bash-stderr>',
  'Caveat: ',
  'Stop hook feedback:',
  'This session is being continued from a previous conversation',
];

/** Starts of the tool result Claude Code writes when the developer refuses a tool call. */
export const REJECTION_PREFIXES: readonly string[] = ["The user doesn't want to proceed with this tool use", "The user doesn't want to take this action right now"];

/** The `toolUseResult` string Claude Code records for a refused call. */
export const REJECTED_TOOL_USE_RESULT = 'User rejected tool use';

/** Start of a failed Bash result: `Exit code N` and then the output. */
export const EXIT_CODE_PREFIX = 'Exit code ';

/** Placeholder for an image in a tool result or message. */
export const IMAGE_PLACEHOLDER = '[image]';

function startsWithAny(text: string, prefixes: readonly string[]): boolean {
  for (const prefix of prefixes) if (text.startsWith(prefix)) return true;
  return false;
}

/** Leading whitespace removed, without copying the text when there is none (the usual case). */
function leftTrimmed(text: string): string {
  const first = text.charCodeAt(0);
  return first === 32 || first === 10 || first === 13 || first === 9 ? text.trimStart() : text;
}

/** Start of the summary Claude Code writes in the user role after a compaction. */
export const COMPACTION_SUMMARY_PREFIX = 'This session is being continued from a previous conversation';
/** Start of a UserPromptSubmit hook's output as Claude Code shows it in the user role. */
export const PROMPT_HOOK_PREFIX = '<user-prompt-submit-hook>';
/** How Claude Code shows a rule file it loaded (`Contents of /path/CLAUDE.md (project instructions…):`). */
const RULE_FILE_CONTENTS = /Contents of \S*(?:CLAUDE|AGENTS|GEMINI)(?:\.local)?\.md\b/;
/** Characters of an injected text searched for a rule file's heading. */
const RULE_FILE_HEAD_CHARACTERS = 2000;
/** Starts of queued texts that are harness notifications, not something the developer typed. */
export const HARNESS_QUEUE_PREFIXES: readonly string[] = ['<task-notification>', '<bash-notification>', '<system-reminder>', '<command-'];

/**
 * What an injected user-role text carries, from Claude Code's markers: a compaction summary, a prompt hook's
 * output, a rule file's contents, or other harness text.
 */
export function injectedContextOf(text: string, isCompactSummary: boolean): InjectedContext {
  const start = leftTrimmed(text);
  if (isCompactSummary || start.startsWith(COMPACTION_SUMMARY_PREFIX)) return { kind: 'compaction-summary' };
  if (start.startsWith(PROMPT_HOOK_PREFIX)) return { kind: 'hook-context', source: 'UserPromptSubmit' };
  const head = start.slice(0, RULE_FILE_HEAD_CHARACTERS);
  const ruleFile = RULE_FILE_CONTENTS.exec(head);
  if (ruleFile) return { kind: 'rule-file', source: ruleFile[0].slice('Contents of '.length) };
  return { kind: 'harness' };
}

/** Who produced a user-role text, from Claude Code's markers. */
export function userTextOrigin(text: string, isMeta: boolean): UserMessageOrigin {
  const start = leftTrimmed(text);
  if (start.startsWith(INTERRUPT_PREFIX)) return 'interrupt';
  if (isMeta || startsWithAny(start, INJECTED_PREFIXES)) return 'injected';
  return 'prompt';
}

/** The text of a tool result's content: a string, or its text blocks joined (images as a placeholder). */
export function toolResultText(content: string | ContentBlock[] | undefined): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  if (content.length === 1 && typeof content[0]?.text === 'string') return content[0].text;
  const parts: string[] = [];
  for (const block of content) {
    if (typeof block?.text === 'string') parts.push(block.text);
    else if (block?.type === 'image') parts.push(IMAGE_PLACEHOLDER);
  }
  return parts.join('\n');
}

/** Facts about a tool result beyond its text. */
export interface ToolResultFacts {
  exitCode?: number;
  rejected?: boolean;
  interrupted?: boolean;
  /** A hook refused the call before it ran (`PreToolUse:<Tool> hook error: …`). */
  refusedByHook?: boolean;
}

/** Reads exit code, refusal and interruption from a tool result and its structured `toolUseResult`. */
export function toolResultFacts(output: string, isError: boolean, toolUseResult: unknown): ToolResultFacts {
  const facts: ToolResultFacts = {};
  if (toolUseResult !== null && typeof toolUseResult === 'object') {
    if ((toolUseResult as { interrupted?: unknown }).interrupted === true) facts.interrupted = true;
  } else if (toolUseResult === REJECTED_TOOL_USE_RESULT) {
    facts.rejected = true;
  }
  if (!isError) return facts;
  if (output.startsWith(EXIT_CODE_PREFIX)) {
    const exitCode = Number.parseInt(output.slice(EXIT_CODE_PREFIX.length, EXIT_CODE_PREFIX.length + 12), 10);
    if (Number.isFinite(exitCode)) facts.exitCode = exitCode;
  } else if (startsWithAny(output, REJECTION_PREFIXES)) {
    facts.rejected = true;
  } else if (isHookRefusal(output)) {
    facts.refusedByHook = true;
  } else if (output.startsWith(INTERRUPT_PREFIX)) {
    facts.interrupted = true;
  }
  return facts;
}

/** The sub-agent id a Task (Agent) tool result names, if any: the link from a call to its sidechain. */
export function spawnedAgentId(toolUseResult: unknown): string | undefined {
  if (toolUseResult === null || typeof toolUseResult !== 'object') return undefined;
  const agentId = (toolUseResult as { agentId?: unknown }).agentId;
  return typeof agentId === 'string' && agentId.length > 0 ? agentId : undefined;
}
