/**
 * Which steps carry instructions, and how to cite them: the developer's prompts, rule files (loaded by the
 * harness or read by the agent), context hooks added, compaction summaries, and task text the agent fetched
 * from an issue tracker or a task file. Everything else — tool output, harness reminders, wink's own
 * guidance, a sub-agent's prompt from its parent — is not an instruction to the agent.
 */
import { RULE_FILE, RULE_FILE_CONTEXT } from '../detectors/constraints/patterns.js';
import { beforeFirst, withoutTrailing } from '../trajectory/linear-text.js';
import type { Step, ToolCallStep } from '../trajectory/step.js';
import type { InstructionText } from './types.js';

/** Most characters of an instruction text read (the rest of a huge paste or file is not instructions). */
export const MAXIMUM_INSTRUCTION_CHARACTERS = 40_000;

/** The part of a text read for instructions: its first {@link MAXIMUM_INSTRUCTION_CHARACTERS} characters. */
function readPart(text: string): string {
  return text.length > MAXIMUM_INSTRUCTION_CHARACTERS ? text.slice(0, MAXIMUM_INSTRUCTION_CHARACTERS) : text;
}

/** True when the read part of a text is only whitespace. */
function isBlank(text: string): boolean {
  return readPart(text).trim().length === 0;
}

/** Shell commands that print a task or ticket (the first simple command of the line). */
export const TASK_FETCH_COMMANDS: readonly RegExp[] = [
  /^gh (?:issue|pr) view\b/,
  /^gh api \S*repos\/\S+\/(?:issues|pulls)\/\d+/,
  /^glab (?:issue|mr) view\b/,
  /^jira (?:issue )?(?:view|show)\b/,
  /^acli jira workitem view\b/,
  /^bd (?:show|ready)\b/,
  /^linear (?:issue )?(?:view|show|get)\b/,
  /^tea (?:issues?|pulls?) \d/,
];

/** MCP tools that fetch an issue, ticket or task (`mcp__github__get_issue`, `mcp__linear__get_issue`, `mcp__atlassian__getJiraIssue`). */
export const TASK_FETCH_TOOL = /^mcp__[\w-]{1,60}__(?:get|view|read|fetch|show)_?(?:jira)?_?(?:issue|ticket|task|story|work_?item)s?$/i;

/** Files whose contents are a task: task lists, plans, specifications, tickets. */
export const TASK_FILE = /(?:^|\/)(?:TODO|TODOS|TASKS?|PLAN|SPEC|REQUIREMENTS|ISSUE|TICKET)[\w.-]{0,60}\.(?:md|txt)$|(?:^|\/)(?:tasks|todo|plans|specs|issues|tickets)\/[^/]{1,120}\.(?:md|txt)$/i;

/** Web pages that are an issue or ticket (fetched with a web tool). */
export const TASK_URL = /^https?:\/\/[^\s/]{1,100}\/\S{0,200}(?:\/issues\/\d+|\/pull\/\d+|\/merge_requests\/\d+|\/browse\/[A-Z][A-Z0-9]+-\d+|\/issue\/[A-Z][A-Z0-9]+-\d+)/;

/** Text wink writes into the agent's context: never read back as an instruction. */
const WINK_TEXT = /wink \(course correction\)|^\s*wink: /;

/** Hook events whose output becomes part of the agent's context (PostToolUse context is reminders, not instructions). */
const INSTRUCTING_HOOK_EVENTS = new Set(['SessionStart', 'UserPromptSubmit', 'BeforeAgent']);

/** How a rule file is cited: its path inside the project, or its name. */
export function ruleFileLabel(path: string, workingDirectory: string | undefined): string {
  const folder = workingDirectory === undefined ? undefined : withoutTrailing(workingDirectory, '/');
  if (folder && path.startsWith(`${folder}/`)) return path.slice(folder.length + 1);
  const home = /^(?:\/Users|\/home)\/[^/]+\/(\.(?:claude|codex|gemini)\/[^/]+\.md)$/.exec(path);
  if (home) return `your ~/${home[1]}`;
  if (path.startsWith('~/')) return `your ${path}`;
  return path.slice(path.lastIndexOf('/') + 1) || path;
}

/** The first simple command of a shell command line, without leading `cd …&&` and environment assignments. */
function firstCommand(commandLine: string): string {
  let rest = commandLine.trim();
  for (let guard = 0; guard < 4; guard++) {
    const cd = /^cd\s+\S+\s*(?:&&|;)\s*/.exec(rest);
    if (!cd) break;
    rest = rest.slice(cd[0].length);
  }
  return rest.replace(/^(?:[A-Z_][A-Z0-9_]*=\S*\s+){1,8}/, '');
}

/** How a task fetch is cited: the command or tool and its argument, shortened. */
function taskLabel(call: ToolCallStep): string | undefined {
  for (const commandLine of call.effects.commands) {
    const command = firstCommand(commandLine);
    if (TASK_FETCH_COMMANDS.some((pattern) => pattern.test(command))) return `\`${beforeFirst(command.slice(0, 200), '|;>&').trimEnd().slice(0, 80)}\``;
  }
  if (TASK_FETCH_TOOL.test(call.tool)) return `the ${call.tool.replace(/^mcp__/, '').replace(/__/g, ' ')} result`;
  const url = typeof (call.input as { url?: unknown } | null)?.url === 'string' ? (call.input as { url: string }).url : undefined;
  if (url !== undefined && TASK_URL.test(url)) return url.slice(0, 120);
  const taskFile = call.effects.filesRead.find((file) => TASK_FILE.test(file));
  if (taskFile !== undefined && call.effects.filesWritten.length === 0 && call.effects.filesEdited.length === 0) return taskFile.slice(taskFile.lastIndexOf('/') + 1);
  return undefined;
}

/**
 * The instruction text a step carries, or undefined. `call` is the call a tool result answers (for rule
 * files the agent read and task text it fetched).
 */
export function instructionTextOf(step: Step, call: ToolCallStep | undefined, workingDirectory: string | undefined): InstructionText | undefined {
  const at = step.index;
  if (step.kind === 'user') {
    // In a sub-agent's transcript the "user" is the parent agent: its words are not the developer's.
    if (step.sidechain !== undefined) return undefined;
    if (step.origin === 'prompt') return { text: step.text, source: 'prompt', label: 'the user', step: at, wholeRequest: true };
    if (step.origin !== 'injected' || WINK_TEXT.test(readPart(step.text))) return undefined;
    const context = step.context;
    if (context?.kind === 'rule-file') return { text: step.text, source: 'rule-file', label: context.source ? ruleFileLabel(context.source, workingDirectory) : 'the project rules', step: at, wholeRequest: false };
    if (context?.kind === 'hook-context') return { text: step.text, source: 'hook-context', label: `the ${context.source ?? 'session'} hook`, step: at, wholeRequest: false };
    if (context?.kind === 'compaction-summary') return { text: step.text, source: 'compaction-summary', label: 'the conversation summary', step: at, wholeRequest: false };
    if (context === undefined && RULE_FILE_CONTEXT.test(step.text.slice(0, 4000))) return { text: step.text, source: 'rule-file', label: 'the project rules', step: at, wholeRequest: false };
    return undefined;
  }
  if (step.kind === 'event') {
    if (step.event === 'compaction' && step.text && step.text.length > 200) return { text: step.text, source: 'compaction-summary', label: 'the conversation summary', step: at, wholeRequest: false };
    if (step.event !== 'hook' || !step.text || WINK_TEXT.test(readPart(step.text))) return undefined;
    const hookEvent = typeof step.data?.hookEvent === 'string' ? step.data.hookEvent : typeof step.data?.hookName === 'string' ? step.data.hookName.split(':')[0] : undefined;
    const attachment = step.data?.attachment;
    if (hookEvent === undefined || !INSTRUCTING_HOOK_EVENTS.has(hookEvent)) return undefined;
    if (attachment !== undefined && attachment !== 'hook_additional_context' && attachment !== 'hook_success') return undefined;
    return { text: step.text, source: 'hook-context', label: `the ${hookEvent} hook`, step: at, wholeRequest: false };
  }
  if (step.kind === 'tool-result') {
    if (!call || step.isError) return undefined;
    // Whether the output is blank is asked last: it copies the output's read part, and most results are neither source.
    const ruleFile = call.effects.filesRead.find((file) => RULE_FILE.test(file));
    if (ruleFile !== undefined && call.effects.action !== 'search') return isBlank(step.output) ? undefined : { text: step.output, source: 'rule-file', label: ruleFileLabel(ruleFile, workingDirectory), step: at, wholeRequest: false };
    const label = taskLabel(call);
    if (label !== undefined && !isBlank(step.output)) return { text: step.output, source: 'task-text', label, step: at, wholeRequest: false };
  }
  return undefined;
}
