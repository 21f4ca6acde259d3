/**
 * Keys the loop detectors compare calls and results by. The exact key is tool + canonical input (what
 * repeated-tool-call uses); the normalised key also ignores trivial differences: whitespace, shell quoting,
 * the order of a shell command's flags, `./` prefixes and trailing slashes on paths.
 */
import { canonicalJson } from '../../trajectory/canonical.js';
import { hashText } from '../../trajectory/hash.js';
import { withoutTrailingSpacesPerLine } from '../../trajectory/linear-text.js';
import { normalizePath } from '../../trajectory/paths.js';
import { tokenizeShell } from '../../trajectory/shell-effects.js';
import type { ToolCallStep, ToolResultStep } from '../../trajectory/step.js';
import { commandLineOf, inputPathOf } from '../../trajectory/tool-effects.js';

/**
 * Tools that wait or poll by design: never counted as a loop. Claude Code reads a background shell or task with
 * BashOutput / TaskOutput; Codex polls a running command with `write_stdin` (empty input, "Process running with
 * session ID …") and waits for its sub-agents with `wait`.
 */
export const DEFAULT_EXEMPT_TOOLS: readonly string[] = ['BashOutput', 'TaskOutput', 'AgentOutputTool', 'KillShell', 'TodoWrite', 'think', 'update_plan', 'write_todos', 'write_stdin', 'wait'];
/** Shell commands that wait or poll by design (regular expressions): never counted as a loop. */
export const DEFAULT_EXEMPT_COMMANDS: readonly string[] = ['^\\s*sleep\\b', '^\\s*wait\\b', '^\\s*$'];
/**
 * Characters of a command line the exemption patterns see. The patterns come from the configuration and may not
 * be linear; a polling command is recognised from its start, and a command line can be megabytes of heredoc.
 */
export const MAXIMUM_EXEMPTION_CHECKED_CHARACTERS = 4096;

/** Input keys that name a path (normalised like paths). */
const PATH_KEYS = new Set(['file_path', 'path', 'absolute_path', 'filePath', 'notebook_path', 'filename', 'file', 'dir_path', 'directory', 'cwd']);
/** Input keys whose text is file content: kept exactly (whitespace can be the whole change). */
const CONTENT_KEYS = new Set(['old_string', 'new_string', 'old_str', 'new_str', 'content', 'file_text', 'new_source', 'patch', 'input', 'code']);
/** Tools whose command text is code, not a shell line (not normalised as shell). */
const CODE_TOOL = /python|ipython/i;
const SHELL_OPERATORS = new Set([';', '&&', '||', '|', ';;']);

/** The exact key: tool and canonical input. */
export function exactCallKey(call: ToolCallStep): string {
  return `${call.tool}\u0000${call.canonicalInput}`;
}

/** A path-like shell operand without `./` prefixes or trailing slashes. */
function normalizeOperand(word: string): string {
  if (!/[/.]/.test(word) || /^[a-z]+:\/\//i.test(word)) return word;
  const normalized = normalizePath(word);
  return normalized.length > 0 ? normalized : word;
}

/** A shell line with quoting, spacing and flag order made canonical. */
export function normalizeCommandLine(commandLine: string): string {
  const parts: string[] = [];
  let words: string[] = [];
  const flush = () => {
    if (words.length === 0) return;
    const [program, ...rest] = words;
    const options: string[] = [];
    const operands: string[] = [];
    for (const word of rest) {
      if (/^-[a-z]{2,}$/i.test(word)) for (const letter of word.slice(1)) options.push(`-${letter}`);
      else if (word.startsWith('-') && word !== '-' && word !== '--') options.push(word);
      else operands.push(normalizeOperand(word));
    }
    parts.push([program, ...options.sort(), ...operands].join(' '));
    words = [];
  };
  for (const token of tokenizeShell(commandLine)) {
    if (SHELL_OPERATORS.has(token)) {
      flush();
      parts.push(token);
    } else {
      words.push(token);
    }
  }
  flush();
  while (parts.length > 0 && SHELL_OPERATORS.has(parts[parts.length - 1])) parts.pop();
  return parts.join(' ');
}

/** An input value with trivial differences removed. */
function normalizeValue(value: unknown, key?: string): unknown {
  if (typeof value === 'string') {
    if (key !== undefined && CONTENT_KEYS.has(key)) return value;
    if (key !== undefined && PATH_KEYS.has(key)) return normalizePath(value) || value.trim();
    return value.trim().replace(/\s+/g, ' ');
  }
  if (Array.isArray(value)) return value.map((item) => normalizeValue(item));
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) result[name] = normalizeValue(item, name);
    return result;
  }
  return value;
}

/**
 * Keys computed once per step object: several loop detectors ask for the same step's keys in the same engine
 * push, so they are remembered by object identity (a WeakMap: nothing is kept once the step is gone).
 */
const normalizedKeys = new WeakMap<ToolCallStep, string>();
const outcomeKeys = new WeakMap<ToolResultStep, string>();
const errorKeys = new WeakMap<ToolResultStep, string>();

/** The normalised key: tool and input with trivial differences removed. */
export function normalizedCallKey(call: ToolCallStep): string {
  let key = normalizedKeys.get(call);
  if (key === undefined) {
    key = computeNormalizedCallKey(call);
    normalizedKeys.set(call, key);
  }
  return key;
}

function computeNormalizedCallKey(call: ToolCallStep): string {
  if (call.effects.action === 'shell' && !CODE_TOOL.test(call.tool)) {
    const commandLine = commandLineOf(call.input);
    // A heredoc's body is content (the tokenizer drops it): two commands writing different bodies differ.
    if (commandLine !== undefined && commandLine.includes('<<')) return `${call.tool}\u0000$ ${normalizeCommandLine(commandLine)}\u0000${hashText(withoutTrailingSpacesPerLine(commandLine))}`;
    if (commandLine !== undefined) return `${call.tool}\u0000$ ${normalizeCommandLine(commandLine)}`;
  }
  return `${call.tool}\u0000${canonicalJson(normalizeValue(call.input))}`;
}

/** Actions whose arguments are the substance of the attempt (content written, a command): never keyed by target. */
const UNTARGETED_ACTIONS = new Set(['shell', 'edit', 'write', 'delete']);
/** Input keys that name a web address. */
const ADDRESS_KEYS = ['url', 'uri'];

/**
 * The target key: tool and the one file or web address the call is about, when it names one and is not a command,
 * code or a change to a file (`read_file(path, offset)`, `inspect_file_as_text(file_path, question)`,
 * `visit_page(url)`); other calls fall back to the normalised key. Two calls with the same target key ask the same
 * tool about the same thing, whatever else they vary (a reworded question, another line range).
 */
export function targetCallKey(call: ToolCallStep): string {
  if (UNTARGETED_ACTIONS.has(call.effects.action) || CODE_TOOL.test(call.tool)) return normalizedCallKey(call);
  const path = inputPathOf(call.input);
  if (path !== undefined) return `${call.tool}\u0000@${normalizePath(path) || path.trim()}`;
  if (typeof call.input === 'object' && call.input !== null) {
    for (const name of ADDRESS_KEYS) {
      const address = (call.input as Record<string, unknown>)[name];
      if (typeof address === 'string' && address.trim().length > 0) return `${call.tool}\u0000@${address.trim()}`;
    }
  }
  return normalizedCallKey(call);
}

/** Whether a key from {@link targetCallKey} names a target (one file or web address) rather than a whole input. */
export function isTargetKey(key: string): boolean {
  const separator = key.indexOf('\u0000');
  return separator >= 0 && key.charCodeAt(separator + 1) === 64; // '@'
}

/** The file or web address a target key names (see {@link isTargetKey}), shortened for display. */
export function targetOfKey(key: string): string {
  return key.slice(key.indexOf('\u0000') + 2).slice(0, 200);
}

/**
 * What a result says for loop purposes: a failure is a failure whatever its text (error texts vary with
 * times, ports and temporary paths); a success is its output.
 */
export function outcomeKey(result: ToolResultStep): string {
  if (result.isError) return 'failed';
  let key = outcomeKeys.get(result);
  if (key === undefined) {
    key = `ok:${hashText(result.output)}`;
    outcomeKeys.set(result, key);
  }
  return key;
}

/** An error text with digits and spacing folded, so durations and counters do not make errors differ. */
export function errorKey(result: ToolResultStep): string {
  let key = errorKeys.get(result);
  if (key === undefined) {
    key = hashText(result.output.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim());
    errorKeys.set(result, key);
  }
  return key;
}

const exactCallHashes = new WeakMap<ToolCallStep, string>();
const normalizedCallHashes = new WeakMap<ToolCallStep, string>();

/** `hashText` of the exact key (see {@link exactCallKey}), computed once per call step and shared. */
export function exactCallHash(call: ToolCallStep): string {
  let hash = exactCallHashes.get(call);
  if (hash === undefined) {
    hash = hashText(exactCallKey(call));
    exactCallHashes.set(call, hash);
  }
  return hash;
}

/** `hashText` of the normalised key (see {@link normalizedCallKey}), computed once per call step and shared. */
export function normalizedCallHash(call: ToolCallStep): string {
  let hash = normalizedCallHashes.get(call);
  if (hash === undefined) {
    hash = hashText(normalizedCallKey(call));
    normalizedCallHashes.set(call, hash);
  }
  return hash;
}

const loopTokens = new WeakMap<ToolResultStep, string>();

/**
 * The hash of a call's normalised key and its result's outcome: what the loop detectors (near-identical-call,
 * tool-call-cycle, interleaved-repeat) compare steps by. Computed once per result step and shared.
 */
export function loopToken(call: ToolCallStep, result: ToolResultStep): string {
  let token = loopTokens.get(result);
  if (token === undefined) {
    token = hashText(`${normalizedCallKey(call)}\u0000${outcomeKey(result)}`);
    loopTokens.set(result, token);
  }
  return token;
}

/** Exemption lists compiled once per detector. */
export interface Exemptions {
  tools: Set<string>;
  commands: RegExp[];
}

export function compileExemptions(tools: readonly string[], commands: readonly string[]): Exemptions {
  return { tools: new Set(tools), commands: commands.map((pattern) => new RegExp(pattern)) };
}

/** True for calls that wait or poll by design. */
export function isExempt(call: ToolCallStep, exemptions: Exemptions): boolean {
  if (exemptions.tools.has(call.tool)) return true;
  if (call.effects.action !== 'shell') return false;
  const commandLine = commandLineOf(call.input);
  if (commandLine === undefined) return false;
  const checked = commandLine.length > MAXIMUM_EXEMPTION_CHECKED_CHARACTERS ? commandLine.slice(0, MAXIMUM_EXEMPTION_CHECKED_CHARACTERS) : commandLine;
  return exemptions.commands.some((pattern) => pattern.test(checked));
}

/** A short display form of a call's input for finding data. */
export function displayInput(call: ToolCallStep): string {
  return (commandLineOf(call.input) ?? call.canonicalInput).slice(0, 200);
}
