/**
 * Classifies why a tool call failed, from the result's flags and text: caused by the agent (a malformed or
 * wrong call it could have avoided) or by the environment (network, rate limit, timeout, permissions, the
 * developer refusing the call, a full disk, a service down). Data-driven: every rule is a row of the named
 * pattern tables below, checked in order, first match wins. Only the head and tail of long outputs are
 * looked at, so classification costs O(1) whatever the output size.
 */
import type { CodeAction } from '../trajectory/code-action.js';
import { commandLineOf } from '../trajectory/tool-effects.js';
import { toolOutcomeOf, type OutcomeCall, type OutcomeResult, type ToolOutcome, type ToolOutcomeKind } from '../trajectory/tool-outcome.js';

/** Who caused a failure: the agent, its environment, or not known from the text. */
export type FailureCause = 'agent' | 'environment' | 'unknown';

/** Failures the agent causes and could have avoided by calling the tool correctly. */
export type AgentFailureKind =
  | 'unknown-tool'
  | 'invalid-arguments'
  | 'failed-edit'
  | 'file-not-found'
  | 'command-not-found'
  | 'command-syntax'
  | 'precondition'
  /** A code interpreter refused the agent's code (a forbidden import or function, a tool's name assigned). */
  | 'code-refused'
  /** The agent's code did not parse. */
  | 'code-syntax'
  /** The agent's code raised in its own statements. */
  | 'code-exception';

/** Failures the environment causes (or the developer, by refusing the call). */
export type EnvironmentFailureKind =
  | 'rejected'
  | 'interrupted'
  | 'network'
  | 'rate-limit'
  | 'timeout'
  | 'permission'
  | 'disk-full'
  | 'service-unavailable';

/** What kind of failure, or `unclassified` when no rule matched (e.g. a failing test run). */
export type FailureKind = AgentFailureKind | EnvironmentFailureKind | 'unclassified';

/** The classification of one result. */
export interface FailureClassification {
  /** True when the result is a failure worth considering (error flag set and not benign). */
  failed: boolean;
  /** True when the result is flagged as an error but is an expected outcome (grep with no match). */
  benign: boolean;
  cause: FailureCause;
  kind: FailureKind;
}

/** One row of a pattern table. */
export interface FailurePattern<Kind extends FailureKind> {
  kind: Kind;
  /** Matched against the head and tail of the output. */
  pattern: RegExp;
  /** When given, the row only applies to shell calls whose command line matches. */
  command?: RegExp;
  /**
   * True for harness wordings that a program's own output can also contain ("unexpected keyword argument"
   * in a traceback): the row is skipped for shell calls, whose output is the program's.
   */
  notForShellOutput?: boolean;
}

/**
 * Tool-level agent mistakes: the harness refused the call itself. Checked first, because their wording is
 * specific (Claude Code `<tool_use_error>`, Codex, Gemini CLI, OpenHands and SWE-agent editor errors).
 */
export const TOOL_LEVEL_AGENT_PATTERNS: readonly FailurePattern<AgentFailureKind>[] = [
  { kind: 'unknown-tool', pattern: /No such tool available/i, notForShellOutput: true },
  { kind: 'unknown-tool', pattern: /Tool "?[\w.:-]+"? not found in registry/i, notForShellOutput: true },
  { kind: 'unknown-tool', pattern: /\b(?:unknown|unsupported|invalid) (?:tool|function)(?: call| name)?\b/i, notForShellOutput: true },
  { kind: 'unknown-tool', pattern: /\bunsupported call\b/i, notForShellOutput: true },
  { kind: 'unknown-tool', pattern: /\btool [\w"'`.:-]+ (?:does not exist|is not available|not found)\b/i, notForShellOutput: true },
  { kind: 'invalid-arguments', pattern: /InputValidationError/, notForShellOutput: true },
  { kind: 'invalid-arguments', pattern: /\b(?:required|missing) (?:parameter|argument|property|field)\b/i, notForShellOutput: true },
  { kind: 'invalid-arguments', pattern: /\bparameter `?\w+`? is (?:missing|required)\b/i, notForShellOutput: true },
  { kind: 'invalid-arguments', pattern: /\bparams must have required property\b/i, notForShellOutput: true },
  { kind: 'invalid-arguments', pattern: /\bfailed to parse (?:function |tool )?(?:call )?arguments\b/i, notForShellOutput: true },
  { kind: 'invalid-arguments', pattern: /\binvalid (?:arguments?|parameters?|input)\b/i, notForShellOutput: true },
  { kind: 'invalid-arguments', pattern: /\bInvalid `\w+` parameter\b/, notForShellOutput: true },
  { kind: 'invalid-arguments', pattern: /\bunexpected keyword argument\b/i, notForShellOutput: true },
  { kind: 'invalid-arguments', pattern: /\bvalidation errors? for\b/i, notForShellOutput: true },
  { kind: 'invalid-arguments', pattern: /\bexpected (?:type )?["'`]?(?:string|number|boolean|array|object)["'`]?,? (?:but )?(?:received|got)\b/i, notForShellOutput: true },
  { kind: 'failed-edit', pattern: /String to replace not found/i },
  // The words after old_str are looked for up to the next old_str only (the same matches): `.*` read every line to its end once per old_str.
  { kind: 'failed-edit', pattern: /\bold_str(?:ing)?\b(?:(?!old_str).)+\b(?:not found|did not appear|is not unique|matches)\b/i },
  { kind: 'failed-edit', pattern: /\bNo replacement was performed\b/i },
  { kind: 'failed-edit', pattern: /\bFound \d+ matches of the string to replace\b/i },
  { kind: 'failed-edit', pattern: /\bMultiple occurrences of old_str/i },
  { kind: 'failed-edit', pattern: /\b0 occurrences found\b/i },
  { kind: 'failed-edit', pattern: /\bcould not find the string to replace\b/i },
  { kind: 'failed-edit', pattern: /\bapply_patch verification failed\b/i },
  { kind: 'failed-edit', pattern: /\bFailed to find expected lines\b/i },
  { kind: 'failed-edit', pattern: /\bHunk #\d+ FAILED\b/ },
  { kind: 'failed-edit', pattern: /\b(?:patch does not apply|patch failed|error: corrupt patch)\b/i },
  { kind: 'failed-edit', pattern: /\bYour proposed edit has introduced new syntax error/i },
  { kind: 'precondition', pattern: /\bFile has not been read yet\b/i, notForShellOutput: true },
];

/** Failures that come from the environment, not from the call. */
export const ENVIRONMENT_PATTERNS: readonly FailurePattern<EnvironmentFailureKind>[] = [
  { kind: 'rejected', pattern: /\bThe user doesn't want to (?:proceed|take this action)\b/i },
  { kind: 'rejected', pattern: /\btool use was rejected\b/i },
  { kind: 'rejected', pattern: /\b(?:rejected|denied|declined|cancell?ed) by (?:the )?user\b/i },
  { kind: 'rejected', pattern: /\buser (?:rejected|denied|declined|did not allow|cancell?ed)\b/i },
  { kind: 'rejected', pattern: /\brequested permissions? to use \w+, but you haven't granted it\b/i },
  { kind: 'rate-limit', pattern: /\brate[ -]?limit(?:ed)?\b/i },
  { kind: 'rate-limit', pattern: /\bToo Many Requests\b/i },
  { kind: 'rate-limit', pattern: /\b(?:HTTP|status|code|error)[\s:=]*429\b/i },
  { kind: 'rate-limit', pattern: /\bquota (?:exceeded|exhausted)\b/i },
  { kind: 'service-unavailable', pattern: /\bService (?:Temporarily )?Unavailable\b/i },
  { kind: 'service-unavailable', pattern: /\b(?:HTTP|status|code|error)[\s:=]*(?:500|502|503|504|529)\b/i },
  { kind: 'service-unavailable', pattern: /\b(?:Bad Gateway|Gateway Timeout|overloaded_error|Overloaded)\b/ },
  { kind: 'timeout', pattern: /\btimed out\b/i },
  { kind: 'timeout', pattern: /\b(?:ETIMEDOUT|deadline exceeded|TimeoutError|TimeoutExpired)\b/i },
  { kind: 'timeout', pattern: /\btook (?:more|longer) than \d+ ?(?:s|seconds)\b/i },
  { kind: 'timeout', pattern: /\bno new output after \d+ seconds\b/i },
  { kind: 'network', pattern: /\b(?:ENOTFOUND|EAI_AGAIN|getaddrinfo|Could not resolve host|Temporary failure in name resolution|Name or service not known)\b/i },
  { kind: 'network', pattern: /\b(?:ECONNREFUSED|ECONNRESET|Connection refused|Connection reset|Network is unreachable|socket hang up|No route to host)\b/i },
  { kind: 'network', pattern: /\b(?:SSL|TLS) (?:handshake|certificate) (?:failed|error|problem)\b/i },
  { kind: 'disk-full', pattern: /\b(?:No space left on device|ENOSPC|Disk quota exceeded)\b/i },
  { kind: 'permission', pattern: /\b(?:Permission denied|EACCES|EPERM|Operation not permitted)\b/i },
];

/** Mistakes in the command or the path the agent chose; checked after the environment table. */
export const COMMAND_LEVEL_AGENT_PATTERNS: readonly FailurePattern<AgentFailureKind>[] = [
  { kind: 'command-not-found', pattern: /\bcommand not found\b/i },
  { kind: 'command-not-found', pattern: /\bis not recognized as an internal or external command\b/i },
  { kind: 'command-not-found', pattern: /^\/bin\/(?:ba)?sh: \d+: [^:\n]+: not found$/m },
  { kind: 'command-syntax', pattern: /\bsyntax error near unexpected token\b/i },
  { kind: 'command-syntax', pattern: /\bunexpected EOF while looking for matching\b/i },
  { kind: 'command-syntax', pattern: /\b(?:unterminated quoted string|syntax error: unexpected end of file)\b/i },
  { kind: 'command-syntax', pattern: /\b(?:SyntaxError|IndentationError)\b/, command: /^\s*(?:python3?|node)\s+-[ce]\b/ },
  { kind: 'file-not-found', pattern: /\bNo such file or directory\b/i },
  { kind: 'file-not-found', pattern: /\b(?:ENOENT|FileNotFoundError)\b/ },
  { kind: 'file-not-found', pattern: /\bFile does not exist\b/i },
  { kind: 'file-not-found', pattern: /\bcan'?t cd to\b/i },
  { kind: 'file-not-found', pattern: /\bThe path \S+ does not exist\b/i },
  { kind: 'file-not-found', pattern: /\b(?:file|path|directory) not found\b/i, notForShellOutput: true },
];

/** One row of the benign table: a command whose non-zero exit is an answer, not an error. */
export interface BenignExit {
  /** Matched against the last simple command of the line. */
  command: RegExp;
  /** Exit codes that are answers. */
  exitCodes: readonly number[];
}

/** Commands that exit non-zero to answer "no" (no match, files differ, test false). */
export const BENIGN_EXITS: readonly BenignExit[] = [
  { command: /^(?:grep|egrep|fgrep|rg|ag|ack|git grep)\b/, exitCodes: [1] },
  { command: /^(?:diff|cmp|git diff)\b/, exitCodes: [1] },
  { command: /^(?:test|\[\[?)\s/, exitCodes: [1] },
  { command: /^(?:which|command -v|type)\b/, exitCodes: [1] },
];

/** Characters of the output looked at, from its start and from its end. */
export const CLASSIFIED_HEAD_CHARACTERS = 4000;
export const CLASSIFIED_TAIL_CHARACTERS = 2000;
/**
 * Characters of a shell command's output in which agent mistakes are looked for. The shell reports a
 * missing command or file first; deeper in the output it is the program's own text (a test log, a
 * traceback), whose failures are the program's, not a malformed call.
 */
export const SHELL_AGENT_HEAD_CHARACTERS = 300;

/**
 * The parts of a result the classifier needs: those the outcome needs (a hook's refusal is never a failure,
 * trajectory/hook-refusal.ts), and the outcome when the assembler already read it.
 */
export interface ClassifiedResult extends OutcomeResult {
  /** The outcome the assembler read (trajectory/tool-outcome.ts); computed here when absent. */
  outcome?: ToolOutcome;
}

/** The parts of a call the classifier needs. */
export interface ClassifiedCall extends OutcomeCall {
  /** The code action, for a call whose input is code. */
  code?: CodeAction;
}

/**
 * Outcome kinds (trajectory/tool-outcome.ts) that are failures of the agent's own call, with the failure kind
 * they count as. A result the log flags as an error gets its kind from here first when the call is a code
 * action; a result the log does not flag at all counts as failed only for these kinds (a traceback of a script
 * the agent ran, a failing test run, are results of the run, not a malformed call).
 */
export const AGENT_OUTCOME_KINDS: Readonly<Partial<Record<ToolOutcomeKind, AgentFailureKind>>> = {
  'sandbox-refusal': 'code-refused',
  'code-syntax': 'code-syntax',
  'code-exception': 'code-exception',
  'tool-arguments': 'invalid-arguments',
  'failed-edit': 'failed-edit',
  'command-not-found': 'command-not-found',
  'command-syntax': 'command-syntax',
};

function boundedText(output: string): string {
  if (output.length <= CLASSIFIED_HEAD_CHARACTERS + CLASSIFIED_TAIL_CHARACTERS) return output;
  return `${output.slice(0, CLASSIFIED_HEAD_CHARACTERS)}\n${output.slice(-CLASSIFIED_TAIL_CHARACTERS)}`;
}

/** The last simple command of a command line (after the last `|`, `&&`, `||` or `;`). */
function lastSimpleCommand(commandLine: string): string {
  const parts = commandLine.split(/\|\||&&|[;|\n]/);
  for (let position = parts.length - 1; position >= 0; position--) {
    const part = parts[position].trim();
    if (part.length > 0) return part;
  }
  return '';
}

function firstMatch<Kind extends FailureKind>(table: readonly FailurePattern<Kind>[], text: string, commandLine: string | undefined): Kind | undefined {
  for (const row of table) {
    if (row.notForShellOutput && commandLine !== undefined) continue;
    if (row.command && (commandLine === undefined || !row.command.test(commandLine))) continue;
    if (row.pattern.test(text)) return row.kind;
  }
  return undefined;
}

const ENVIRONMENT_KINDS: ReadonlySet<FailureKind> = new Set<FailureKind>(['rejected', 'interrupted', 'network', 'rate-limit', 'timeout', 'permission', 'disk-full', 'service-unavailable']);

/** The cause of a failure kind. */
export function causeOfKind(kind: FailureKind): FailureCause {
  if (kind === 'unclassified') return 'unknown';
  return ENVIRONMENT_KINDS.has(kind) ? 'environment' : 'agent';
}

/** True when the call's shell command is one whose non-zero exit answers a question (grep with no match). */
function isBenignExit(result: ClassifiedResult, commandLine: string | undefined): boolean {
  if (commandLine === undefined || result.exitCode === undefined) return false;
  if (result.output.trim().length > 0 && !/^Exit code \d+\s*$/.test(result.output.trim())) return false;
  const last = lastSimpleCommand(commandLine);
  return BENIGN_EXITS.some((row) => row.exitCodes.includes(result.exitCode as number) && row.command.test(last));
}

/** Classifies a tool result; a successful result comes back as `{ failed: false }`. */
export function classifyFailure(result: ClassifiedResult, call?: ClassifiedCall): FailureClassification {
  // Several detectors classify the same result in the same engine push: remember it by object identity.
  const remembered = rememberedClassifications.get(result);
  if (remembered && remembered.call === call) return remembered.classification;
  const classification = computeClassification(result, call);
  rememberedClassifications.set(result, { call, classification });
  return classification;
}

const rememberedClassifications = new WeakMap<ClassifiedResult, { call: ClassifiedCall | undefined; classification: FailureClassification }>();

function computeClassification(result: ClassifiedResult, call?: ClassifiedCall): FailureClassification {
  const notFailed: FailureClassification = { failed: false, benign: false, cause: 'unknown', kind: 'unclassified' };
  if (result.refusedByHook) return notFailed;
  if (result.rejected) return { failed: true, benign: false, cause: 'environment', kind: 'rejected' };
  if (result.interrupted) return { failed: true, benign: false, cause: 'environment', kind: 'interrupted' };
  const outcome = result.outcome ?? toolOutcomeOf(result, call);
  const outcomeKind = outcome.kind === undefined ? undefined : AGENT_OUTCOME_KINDS[outcome.kind];
  if (!result.isError) {
    // No error flag: only the text's agent-fault errors count (a code interpreter's refusal, a missing command).
    if (outcome.basis === 'content' && outcome.status === 'error' && outcomeKind !== undefined) return { failed: true, benign: false, cause: 'agent', kind: outcomeKind };
    return notFailed;
  }
  // A code action's error is named by the code-interpreter rows first: the other tables were written for tools and shells.
  if (call?.code && outcomeKind !== undefined) return { failed: true, benign: false, cause: 'agent', kind: outcomeKind };
  const commandLine = call ? commandLineOf(call.input) : undefined;
  if (isBenignExit(result, commandLine)) return { ...notFailed, benign: true };
  const text = boundedText(result.output);
  const agentText = commandLine === undefined ? text : result.output.slice(0, SHELL_AGENT_HEAD_CHARACTERS);
  const kind =
    firstMatch(TOOL_LEVEL_AGENT_PATTERNS, agentText, commandLine) ??
    firstMatch(ENVIRONMENT_PATTERNS, text, commandLine) ??
    firstMatch(COMMAND_LEVEL_AGENT_PATTERNS, agentText, commandLine) ??
    'unclassified';
  return { failed: true, benign: false, cause: causeOfKind(kind), kind };
}

/** Most characters of an error kept in finding data. */
export const ERROR_EXCERPT_CHARACTERS = 200;

/** How a Python traceback starts. */
const TRACEBACK_START = 'Traceback (most recent call last):';
/** A traceback's exception line, unindented: `FileNotFoundError: [Errno 2] …`, `pkg.errors.ParseError: …`, `KeyboardInterrupt`. */
const EXCEPTION_NAME = /^[A-Za-z_][\w.]{0,100}(?:Error|Exception|Exit|Interrupt)\b/;

/** Lines of an output joined into one, with tags, "Exit code N" lines and runs of spaces dropped. */
function joinedLines(text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0 && !/^Exit code -?\d+$/.test(line) && !/^<\/?returncode>/.test(line));
  return lines.join(' ').replace(/\s+/g, ' ');
}

function cut(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/**
 * A short, single-line excerpt of an error output for finding data (tags and "Exit code N" lines dropped). A Python
 * traceback is replaced by the exception it ends with, which is what names the problem (its frames do not): "Could
 * not convert 'a.mp3' … encountered: … FileNotFoundError: [Errno 2] No such file or directory: 'a.mp3'".
 */
export function errorExcerpt(output: string): string {
  const head = output.slice(0, CLASSIFIED_HEAD_CHARACTERS).replace(/<\/?tool_use_error>/g, '');
  const traceback = head.indexOf(TRACEBACK_START);
  if (traceback !== -1) {
    let exception: string | undefined;
    for (const line of head.slice(traceback + TRACEBACK_START.length).split('\n')) if (EXCEPTION_NAME.test(line)) exception = line.trim().replace(/\s+/g, ' ');
    if (exception !== undefined) {
      const shownException = cut(exception, ERROR_EXCERPT_CHARACTERS);
      const before = joinedLines(head.slice(0, traceback));
      if (before.length === 0) return shownException;
      const room = ERROR_EXCERPT_CHARACTERS - shownException.length - 1;
      if (room < 20) return shownException;
      return `${before.length > room ? `${before.slice(0, room - 1)}…` : before} ${shownException}`;
    }
  }
  return cut(joinedLines(head), ERROR_EXCERPT_CHARACTERS);
}

/** The cause written into finding data: unclassified failures of the agent's own calls count as the agent's. */
export function reportedCause(classification: FailureClassification): 'agent' | 'environment' {
  return classification.cause === 'environment' ? 'environment' : 'agent';
}
