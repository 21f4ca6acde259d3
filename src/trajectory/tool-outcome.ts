/**
 * The outcome of a tool result — success, error, a test run with failures, empty, truncated, refused — from its
 * structured flags where the log has them and from its text where it has none. Structured flags win: an explicit
 * error flag or exit code is never overridden; the text only adds what the flag cannot say (which error, whose
 * fault, a test run's failures, an empty or cut output). Table-driven: every rule is a row of
 * {@link OUTCOME_RULES}, checked in order, first match wins; documented in docs/tool-outcomes.md.
 *
 * What kind of call produced the text matters: the output of a read (`cat`, a file viewer, `grep`) is file
 * content, so a `raise ValueError` in it is not an error; only the shell's own complaints at its head count
 * ("No such file or directory"). For calls that run something (a shell command, code), errors are found where
 * programs put them: a traceback's last line, the exit line, a test runner's summary at the end.
 * Only the head and tail of long outputs are looked at, so classification costs O(1) whatever the output size.
 */
import type { ToolResultStep } from './step.js';
import { commandLineOf, type ToolAction } from './tool-effects.js';

/** What the result says about the call. */
export type ToolOutcomeStatus =
  /** The call did what it was asked. */
  | 'success'
  /** The call failed. */
  | 'error'
  /** A test run that ran and reported failing tests: a result of the run, not a failed call. */
  | 'tests-failed'
  /** The call succeeded and returned nothing. */
  | 'empty'
  /** The call succeeded but its output was cut by the harness. */
  | 'truncated'
  /** A hook or the developer stopped the call before it ran. */
  | 'refused';

/** Whose fault an error is. */
export type ToolOutcomeCause = 'agent' | 'environment' | 'unknown';

/** Which error the text shows. */
export type ToolOutcomeKind =
  /** A code interpreter refused the code: a forbidden import or function, assigning to a tool's name, a step limit. */
  | 'sandbox-refusal'
  /** The code did not parse (SyntaxError, IndentationError, no code block found). */
  | 'code-syntax'
  /** The agent's code raised an exception in its own statements. */
  | 'code-exception'
  /** The code called a function or tool with arguments its signature does not take. */
  | 'tool-arguments'
  /** A tool the code called raised (the failing line calls a tool). */
  | 'tool-exception'
  /** A Python traceback ends the output (a script the agent ran raised). */
  | 'python-exception'
  /** A Node.js error with a stack trace. */
  | 'node-exception'
  /** An editor refused the edit (the text to replace is not there, the edit breaks the syntax). */
  | 'failed-edit'
  /** The shell could not find the command. */
  | 'command-not-found'
  /** The shell or program could not find a file the call named. */
  | 'file-not-found'
  /** The shell refused the command line (syntax error). */
  | 'command-syntax'
  /** A compiler or type checker reported errors. */
  | 'compiler-error'
  /** An HTTP request answered 4xx (the request was wrong: a bad URL, a missing page). */
  | 'http-client-error'
  /** An HTTP request answered 5xx, 401/403 or 429 (the service, not the request). */
  | 'http-server-error'
  /** Network, timeout, permission, disk: the environment failed. */
  | 'environment'
  /** A non-zero exit line with nothing more specific. */
  | 'exit-status'
  /** A test runner's summary reports failing tests. */
  | 'test-failures';

/** Where the outcome came from. */
export type ToolOutcomeBasis =
  /** The log's own error flag, exit code, rejection or refusal. */
  | 'flag'
  /** The output's text: the log has no flag for this result. */
  | 'content';

/** The outcome of one tool result. */
export interface ToolOutcome {
  status: ToolOutcomeStatus;
  basis: ToolOutcomeBasis;
  /** For errors: whose fault, where the text says. */
  cause?: ToolOutcomeCause;
  /** For errors and failing test runs: which rule matched. */
  kind?: ToolOutcomeKind;
}

/** How the call is read: its output is file content (`read`), a program's output (`run`) or a tool's answer. */
export type OutcomeCallKind = 'read' | 'run' | 'tool';

/** Where in the output a rule looks. */
export type OutcomeRegion =
  /** The first {@link OUTCOME_HEAD_CHARACTERS}: where the shell and harnesses report a call they could not run. */
  | 'head'
  /** The last {@link OUTCOME_TAIL_CHARACTERS}: where tracebacks end, exit lines and test summaries are. */
  | 'tail'
  /** Head and tail together, up to {@link OUTCOME_TEXT_HEAD_CHARACTERS} + {@link OUTCOME_TEXT_TAIL_CHARACTERS}. */
  | 'text'
  /** The last line of the output that is not blank or a harness's trailer (`[Jupyter current working directory: …]`). */
  | 'last-line';

/** One row of the outcome table. */
export interface OutcomeRule {
  kind: ToolOutcomeKind;
  cause: ToolOutcomeCause;
  pattern: RegExp;
  region: OutcomeRegion;
  /** Kinds of call the row applies to; a row for file content never looks at a read's output. */
  calls: readonly OutcomeCallKind[];
  /** For a test summary: the status it gives (`tests-failed`); errors otherwise. */
  status?: 'tests-failed';
  /** When given, the row applies only when this also matches the output's text (a traceback's header). */
  requires?: RegExp;
  /**
   * Text the pattern cannot match without: when the region lacks it, the pattern is not run. A substring search
   * skips through the text; a pattern that starts with `\b` looks at every position (most outputs match no row).
   */
  needs?: string;
}

/** Characters at the head of an output where a call that could not run is reported. */
export const OUTCOME_HEAD_CHARACTERS = 400;
/** Characters at the tail of an output where tracebacks end and summaries are. */
export const OUTCOME_TAIL_CHARACTERS = 800;
/** Characters of a long output looked at for rules over the whole text: its head … */
export const OUTCOME_TEXT_HEAD_CHARACTERS = 4000;
/** … and its tail. */
export const OUTCOME_TEXT_TAIL_CHARACTERS = 2000;

const RUN: readonly OutcomeCallKind[] = ['run'];
const RUN_OR_TOOL: readonly OutcomeCallKind[] = ['run', 'tool'];
const ANY: readonly OutcomeCallKind[] = ['read', 'run', 'tool'];

/**
 * The outcome table, checked in order. Code-interpreter rows come first (their wording is specific), test
 * summaries before tracebacks (a failing test prints tracebacks), the shell's own complaints at the head, then
 * program errors at the tail.
 */
export const OUTCOME_RULES: readonly OutcomeRule[] = [
  // Code interpreters (smolagents CodeAgent's local Python executor, and the like).
  { kind: 'sandbox-refusal', cause: 'agent', pattern: /\bInterpreterError: (?:Import (?:of|from) [\w.]+ is not allowed|Forbidden (?:function|access|call)|It is not permitted to evaluate other functions|Cannot assign to name|Reached the max number of operations)/, region: 'text', calls: RUN_OR_TOOL, needs: 'InterpreterError: ' },
  { kind: 'sandbox-refusal', cause: 'agent', pattern: /\bImport (?:of|from) [\w.]+ is not allowed\. Authorized imports are\b/, region: 'text', calls: RUN_OR_TOOL, needs: ' is not allowed. Authorized imports are' },
  { kind: 'sandbox-refusal', cause: 'agent', pattern: /\bForbidden function evaluation: '\w+'/, region: 'text', calls: RUN_OR_TOOL, needs: 'Forbidden function evaluation: \'' },
  { kind: 'code-syntax', cause: 'agent', pattern: /\bCode parsing failed on line \d+ due to: (?:SyntaxError|IndentationError)\b/, region: 'text', calls: RUN_OR_TOOL, needs: 'Code parsing failed on line ' },
  { kind: 'code-syntax', cause: 'agent', pattern: /\bError in code parsing:|\bYour code snippet is invalid\b/, region: 'text', calls: RUN_OR_TOOL },
  { kind: 'code-syntax', cause: 'agent', pattern: /' due to: (?:SyntaxError|IndentationError)\b/, requires: /\bCode execution failed at line '/, region: 'text', calls: RUN_OR_TOOL, needs: '\' due to: ' },
  // An editor (called as a tool or from code) refused the edit.
  { kind: 'failed-edit', cause: 'agent', pattern: /\bYour proposed edit has introduced new syntax error|\bNo replacement was performed\b|\bString to replace not found\b/, region: 'head', calls: RUN_OR_TOOL },
  // A tool (not a program) called with arguments its signature does not take.
  { kind: 'tool-arguments', cause: 'agent', pattern: /\b(?:got an unexpected keyword argument|missing \d+ required (?:positional|keyword-only) arguments?|takes \d+ positional arguments? but \d+ (?:was|were) given)\b/, region: 'head', calls: ['tool'] },
  // Test runners: a run that reports failing tests.
  { kind: 'test-failures', cause: 'unknown', status: 'tests-failed', pattern: /^=+ (?:\d+ (?:passed|skipped|deselected|warnings?|xfailed|xpassed), )*\d+ (?:failed|errors?)\b[^=\n]*=+$/m, region: 'tail', calls: RUN },
  { kind: 'test-failures', cause: 'unknown', status: 'tests-failed', pattern: /^FAILED \((?:failures|errors)=\d+/m, region: 'tail', calls: RUN, needs: 'FAILED (' },
  { kind: 'test-failures', cause: 'unknown', status: 'tests-failed', pattern: /^Tests:\s+\d+ failed\b/m, region: 'tail', calls: RUN },
  { kind: 'test-failures', cause: 'unknown', status: 'tests-failed', pattern: /^[ \t]*Tests?[ \t]+\d+ failed\b/m, region: 'tail', calls: RUN },
  { kind: 'test-failures', cause: 'unknown', status: 'tests-failed', pattern: /^test result: FAILED\./m, region: 'tail', calls: RUN, needs: 'test result: FAILED.' },
  { kind: 'test-failures', cause: 'unknown', status: 'tests-failed', pattern: /^(?:--- FAIL: \S|FAIL\t\S)/m, region: 'tail', calls: RUN },
  { kind: 'test-failures', cause: 'unknown', status: 'tests-failed', pattern: /^[ \t]*\d+ failing$/m, region: 'tail', calls: RUN, needs: ' failing' },
  // The shell could not run the command (reported first, at the head).
  { kind: 'command-not-found', cause: 'agent', pattern: /\bcommand not found\b|\bis not recognized as an internal or external command\b/, region: 'head', calls: ANY },
  { kind: 'command-not-found', cause: 'agent', pattern: /^\/bin\/(?:ba)?sh: \d+: [^:\n]+: not found$/m, region: 'head', calls: ANY, needs: ': not found' },
  { kind: 'command-syntax', cause: 'agent', pattern: /\bsyntax error near unexpected token\b|\bunexpected EOF while looking for matching\b/, region: 'head', calls: ANY },
  { kind: 'file-not-found', cause: 'agent', pattern: /\bNo such file or directory\b/, region: 'head', calls: ANY, needs: 'No such file or directory' },
  { kind: 'environment', cause: 'environment', pattern: /\b(?:Permission denied|Operation not permitted|No space left on device)\b/, region: 'head', calls: ANY },
  // Program errors where programs put them: the end of the output.
  { kind: 'environment', cause: 'environment', pattern: /^(?:[\w.]+\.)?(?:ConnectionError|ConnectionRefusedError|ConnectionResetError|TimeoutError|TimeoutExpired|ReadTimeout|ConnectTimeout|ReadTimeoutError|MaxRetryError|NewConnectionError|SSLError|gaierror|PermissionError|OSError: \[Errno 28\])\b/, region: 'last-line', calls: RUN_OR_TOOL },
  { kind: 'http-server-error', cause: 'environment', pattern: /\b(?:5\d\d Server Error|(?:401|403|429) Client Error)\b/, region: 'text', calls: RUN_OR_TOOL, needs: ' Error' },
  { kind: 'http-client-error', cause: 'agent', pattern: /\b4\d\d Client Error\b/, region: 'text', calls: RUN_OR_TOOL, needs: ' Client Error' },
  { kind: 'http-server-error', cause: 'environment', pattern: /^HTTP\/\d(?:\.\d)? (?:5\d\d|401|403|429)\b/m, region: 'head', calls: RUN, needs: 'HTTP/' },
  { kind: 'http-client-error', cause: 'agent', pattern: /^HTTP\/\d(?:\.\d)? 4\d\d\b/m, region: 'head', calls: RUN, needs: 'HTTP/' },
  { kind: 'python-exception', cause: 'unknown', pattern: /^[\w.]*(?:Error|Exception|Interrupt|Exit)(?::|$)/, region: 'last-line', calls: RUN, requires: /^Traceback \(most recent call last\):$/m },
  { kind: 'node-exception', cause: 'unknown', pattern: /^ {4}at \S[^\n\r]*$/m, requires: /^\w*Error(?::|$)/m, region: 'text', calls: RUN, needs: '    at ' },
  { kind: 'compiler-error', cause: 'agent', pattern: / error TS\d{4}: |^error(?:\[E\d{4}\])?: |:\d+:(?:\d+:)? (?:fatal )?error: /m, region: 'text', calls: RUN, needs: 'error' },
  { kind: 'exit-status', cause: 'unknown', pattern: /(?:\bexit (?:code|status)|\bexited with (?:code|status)|\breturned non-zero exit status)[ :=]*[1-9]\d*\b/i, region: 'tail', calls: RUN },
];

/** How a code interpreter reports a failed run: `Code execution failed at line '<line>' due to: <Exception>: <message>`. */
const CODE_EXECUTION_FAILED = "Code execution failed at line '";
const CODE_EXECUTION_CAUSE = "' due to: ";
/** Most characters of the failing line looked at. */
const MAXIMUM_FAILING_LINE_CHARACTERS = 2000;
/** The exception class and message after the cause marker. */
const EXCEPTION_AND_MESSAGE = /^([\w.]+)(?:: ([^\n]{0,200}))?/;
/** A call's arguments did not fit the function's signature (Python's wording). */
const SIGNATURE_MISMATCH = /\b(?:got an unexpected keyword argument|missing \d+ required (?:positional|keyword-only) arguments?|takes \d+ positional arguments? but \d+ (?:was|were) given|got multiple values for argument)\b/;
/** Exceptions whose cause is the environment wherever they are raised. */
const ENVIRONMENT_EXCEPTIONS = /^(?:[\w.]+\.)?(?:ConnectionError|ConnectionRefusedError|ConnectionResetError|TimeoutError|ReadTimeout|ConnectTimeout|MaxRetryError|SSLError|HTTPError|PermissionError)$/;

/** Markers harnesses put where they cut an output. */
const TRUNCATION_MARKER = /\[(?:\.\.\.|…) ?\d+ (?:characters|chars|lines|bytes|tokens) (?:truncated|omitted|not shown)|<response clipped>|\b(?:output|observation) (?:was |has been )?truncated\b|\[truncated\]|\bOutput too long\b/i;

/** The parts of a result the outcome needs: the step's flags and text, and whether the log has a flag at all. */
export interface OutcomeResult extends Pick<ToolResultStep, 'output' | 'isError' | 'exitCode' | 'rejected' | 'interrupted' | 'refusedByHook'> {
  /** False when the log has no error flag for this result (its `isError` was guessed or defaulted). */
  hasErrorFlag?: boolean;
}

/** The parts of a call the outcome needs. */
export interface OutcomeCall {
  tool: string;
  input: unknown;
  effects?: { action: ToolAction };
  /** Tools the call's code calls (code actions). */
  code?: { calls: readonly { tool: string }[] };
}

const READ_ACTIONS: ReadonlySet<ToolAction> = new Set<ToolAction>(['read', 'search', 'list']);
/** Editor actions: their output is the editor's answer (often a snippet of the file), not a program's. */
const EDITOR_ACTIONS: ReadonlySet<ToolAction> = new Set<ToolAction>(['edit', 'write', 'delete']);

/** Shell commands whose output is the content of files or of the repository, not a program's output. */
const READING_COMMAND = /^(?:cd|cat|head|tail|less|more|nl|sed -n|awk|grep|egrep|fgrep|rg|ag|ack|find|ls|tree|wc|file|stat|echo|printf|pwd|git (?:show|log|diff|grep|blame|status))(?:\s|$)/;
/** Most simple commands of a command line looked at to tell a read from a run. */
const MAXIMUM_SIMPLE_COMMANDS = 16;
/** Characters of a command line looked at to tell a read from a run. */
const MAXIMUM_COMMAND_CHARACTERS = 2000;

/** True when every simple command of the line only reads (`cd repo && cat a.py | grep x`). */
export function isReadingCommandLine(commandLine: string): boolean {
  const parts = commandLine.slice(0, MAXIMUM_COMMAND_CHARACTERS).split(/&&|\|\||[;|\n]/, MAXIMUM_SIMPLE_COMMANDS);
  let commands = 0;
  for (const part of parts) {
    const command = part.trim();
    if (command.length === 0) continue;
    if (!READING_COMMAND.test(command)) return false;
    commands++;
  }
  return commands > 0;
}

/** How a call's output is read (see {@link OutcomeCallKind}). */
export function outcomeCallKind(call: OutcomeCall | undefined): OutcomeCallKind {
  if (!call) return 'tool';
  if (call.code) return 'run';
  if (call.effects && READ_ACTIONS.has(call.effects.action)) return 'read';
  if (call.effects && EDITOR_ACTIONS.has(call.effects.action)) return 'tool';
  const commandLine = commandLineOf(call.input);
  if (commandLine !== undefined) return isReadingCommandLine(commandLine) ? 'read' : 'run';
  if (call.effects?.action === 'shell') return 'run';
  return 'tool';
}

/** Lines harnesses append after a program's output. */
const HARNESS_TRAILER = /^\[(?:Jupyter current working directory|Jupyter Python interpreter|Python interpreter|The command completed|Command finished|Current working directory)[^\]\n]*\]$/;

/** The last line of the output's tail that is neither blank nor a harness trailer. */
export function lastMeaningfulLine(output: string): string {
  const lines = (output.length <= OUTCOME_TAIL_CHARACTERS ? output : output.slice(-OUTCOME_TAIL_CHARACTERS)).split('\n');
  for (let position = lines.length - 1; position >= 0; position--) {
    const line = lines[position].trim();
    if (line.length > 0 && !HARNESS_TRAILER.test(line)) return line;
  }
  return '';
}

/** The regions of one output, each cut once and kept for every row that reads it. */
class OutputRegions {
  private readonly cut = new Map<OutcomeRegion, string>();

  constructor(readonly output: string) {}

  region(region: OutcomeRegion): string {
    let text = this.cut.get(region);
    if (text === undefined) {
      text = regionOf(this.output, region);
      this.cut.set(region, text);
    }
    return text;
  }
}

function regionOf(output: string, region: OutcomeRegion): string {
  switch (region) {
    case 'last-line':
      return lastMeaningfulLine(output);
    case 'head':
      return output.slice(0, OUTCOME_HEAD_CHARACTERS);
    case 'tail':
      return output.length <= OUTCOME_TAIL_CHARACTERS ? output : output.slice(-OUTCOME_TAIL_CHARACTERS);
    default:
      if (output.length <= OUTCOME_TEXT_HEAD_CHARACTERS + OUTCOME_TEXT_TAIL_CHARACTERS) return output;
      return `${output.slice(0, OUTCOME_TEXT_HEAD_CHARACTERS)}\n${output.slice(-OUTCOME_TEXT_TAIL_CHARACTERS)}`;
  }
}

/** The first rule of the table that matches the output of a call of this kind. */
export function matchOutcomeRule(output: string | OutputRegions, callKind: OutcomeCallKind): OutcomeRule | undefined {
  const regions = typeof output === 'string' ? new OutputRegions(output) : output;
  for (const rule of OUTCOME_RULES) {
    if (!rule.calls.includes(callKind)) continue;
    const text = regions.region(rule.region);
    if (rule.needs !== undefined && !text.includes(rule.needs)) continue;
    if (!rule.pattern.test(text)) continue;
    if (rule.requires && !rule.requires.test(regions.region('text'))) continue;
    return rule;
  }
  return undefined;
}

/**
 * The kind of a code interpreter's "Code execution failed at line '…' due to: X": the code's own exception, or a
 * tool's when the failing line calls one of the tools the code calls (or a function named like a tool).
 */
function codeExecutionKind(regions: OutputRegions, codeCalls: readonly { tool: string }[]): { kind: ToolOutcomeKind; cause: ToolOutcomeCause } | undefined {
  const text = regions.region('text');
  const start = text.indexOf(CODE_EXECUTION_FAILED);
  if (start < 0) return undefined;
  const lineStart = start + CODE_EXECUTION_FAILED.length;
  const causeAt = text.indexOf(CODE_EXECUTION_CAUSE, lineStart);
  if (causeAt < 0 || causeAt - lineStart > MAXIMUM_FAILING_LINE_CHARACTERS) return undefined;
  const line = text.slice(lineStart, causeAt);
  const match = EXCEPTION_AND_MESSAGE.exec(text.slice(causeAt + CODE_EXECUTION_CAUSE.length, causeAt + CODE_EXECUTION_CAUSE.length + 300));
  if (!match) return undefined;
  const [, exception, message] = match;
  if (ENVIRONMENT_EXCEPTIONS.test(exception)) return { kind: 'environment', cause: 'environment' };
  if (exception === 'TypeError' && SIGNATURE_MISMATCH.test(message ?? '')) return { kind: 'tool-arguments', cause: 'agent' };
  if (codeCalls.some((called) => line.includes(`${called.tool}(`))) return { kind: 'tool-exception', cause: 'unknown' };
  return { kind: 'code-exception', cause: 'agent' };
}

/** The error rule (kind and cause) the text shows, or undefined. */
function errorOfText(regions: OutputRegions, callKind: OutcomeCallKind, codeCalls: readonly { tool: string }[]): { kind: ToolOutcomeKind; cause: ToolOutcomeCause; status: 'error' | 'tests-failed' } | undefined {
  const rule = matchOutcomeRule(regions, callKind);
  if (rule && (rule.kind === 'sandbox-refusal' || rule.kind === 'code-syntax' || rule.status)) return { kind: rule.kind, cause: rule.cause, status: rule.status ?? 'error' };
  if (callKind !== 'read') {
    const code = codeExecutionKind(regions, codeCalls);
    if (code) return { ...code, status: 'error' };
  }
  return rule ? { kind: rule.kind, cause: rule.cause, status: 'error' } : undefined;
}

function successOutcome(regions: OutputRegions, basis: ToolOutcomeBasis): ToolOutcome {
  if (regions.output.trim().length === 0) return { status: 'empty', basis };
  if (TRUNCATION_MARKER.test(regions.region('text'))) return { status: 'truncated', basis };
  return { status: 'success', basis };
}

/** The outcome of a result of a call (see {@link classifyToolOutcome}). */
export function toolOutcomeOf(result: OutcomeResult, call?: OutcomeCall): ToolOutcome {
  return classifyToolOutcome(result, outcomeCallKind(call), call?.code?.calls ?? []);
}

/**
 * Classifies one tool result of a call of this kind (`codeCalls`: the tools a code action calls). With a
 * structured flag (`hasErrorFlag` not false, or an exit code), the flag says error or not and the text only names
 * the error or finds a test run's failures; without one, the text decides.
 */
export function classifyToolOutcome(result: OutcomeResult, callKind: OutcomeCallKind, codeCalls: readonly { tool: string }[] = []): ToolOutcome {
  if (result.refusedByHook || result.rejected) return { status: 'refused', basis: 'flag', cause: 'environment' };
  if (result.interrupted) return { status: 'error', basis: 'flag', cause: 'environment', kind: 'environment' };
  const regions = new OutputRegions(result.output);
  const flagged = result.hasErrorFlag !== false || result.exitCode !== undefined;
  if (flagged) {
    const failed = result.isError || (result.exitCode !== undefined && result.exitCode !== 0);
    if (!failed) return successOutcome(regions, 'flag');
    const error = errorOfText(regions, callKind, codeCalls);
    if (!error) return { status: 'error', basis: 'flag', cause: 'unknown' };
    return { status: error.status, basis: 'flag', cause: error.cause, kind: error.kind };
  }
  const error = errorOfText(regions, callKind, codeCalls);
  if (error) return { status: error.status, basis: 'content', cause: error.cause, kind: error.kind };
  // The reader's own reading of the text (an editor's refusal it knows) stands when no row names the error.
  if (result.isError) return { status: 'error', basis: 'content', cause: 'unknown' };
  return successOutcome(regions, 'content');
}
