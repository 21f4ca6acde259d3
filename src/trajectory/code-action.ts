/**
 * Code actions: an agent that acts by writing code (smolagents CodeAgent, OpenHands IPython cells) calls its
 * tools inside that code. The tools it calls are found in one linear pass over the code that skips strings and
 * comments, so `web_search(query="…")` is a call but `print("use web_search(…)")` and `# web_search(…)` are not,
 * and `client.web_search(` or `def web_search(` are not calls of the tool either.
 */

/** One call of a declared tool inside a code action. */
export interface CodeToolCall {
  /** The tool's name as declared. */
  tool: string;
  /** The text between the call's parentheses, whitespace collapsed (cut at {@link MAXIMUM_ARGUMENT_CHARACTERS}). */
  arguments: string;
}

/** A tool call whose input is code. */
export interface CodeAction {
  /** The code's language (`python`). */
  language: string;
  /** The declared tools the code calls, in the order the calls open. */
  calls: CodeToolCall[];
  /** The tools the agent declares, which its code can call (empty when the log does not say). */
  tools: readonly string[];
}

/** Characters of code scanned for calls; a longer code blob is scanned up to here. */
export const MAXIMUM_SCANNED_CODE_CHARACTERS = 50_000;
/** Characters of a call's arguments kept. */
export const MAXIMUM_ARGUMENT_CHARACTERS = 500;
/** Calls kept per code action. */
export const MAXIMUM_CODE_CALLS = 32;

/**
 * The functions OpenHands' IPython cells get from `agentskills` (its `from agentskills import *` kernel
 * preamble): the tools an `execute_ipython_cell` / `run_ipython` action calls.
 */
export const OPENHANDS_AGENT_SKILLS: readonly string[] = [
  'open_file',
  'goto_line',
  'scroll_down',
  'scroll_up',
  'create_file',
  'edit_file_by_replace',
  'insert_content_at_line',
  'append_file',
  'search_dir',
  'search_file',
  'find_file',
  'parse_pdf',
  'parse_docx',
  'parse_latex',
  'parse_pptx',
];

function isIdentifierStart(character: string): boolean {
  return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') || character === '_';
}

function isIdentifierPart(character: string): boolean {
  return isIdentifierStart(character) || (character >= '0' && character <= '9');
}

interface OpenCall {
  tool: string;
  /** Parenthesis depth inside the call. */
  depth: number;
  start: number;
  call: CodeToolCall;
}

/** The declared tools a Python code blob calls, with their arguments' text. */
export function codeToolCalls(code: string, toolNames: Iterable<string>): CodeToolCall[] {
  const tools = new Set(toolNames);
  const calls: CodeToolCall[] = [];
  if (tools.size === 0) return calls;
  const text = code.length > MAXIMUM_SCANNED_CODE_CHARACTERS ? code.slice(0, MAXIMUM_SCANNED_CODE_CHARACTERS) : code;
  const open: OpenCall[] = [];
  let depth = 0;
  let previousWord = '';
  let previousCharacter = '';
  let position = 0;
  const close = (entry: OpenCall, end: number): void => {
    entry.call.arguments = text.slice(entry.start, Math.min(end, entry.start + MAXIMUM_ARGUMENT_CHARACTERS)).replace(/\s+/g, ' ').trim();
  };
  while (position < text.length) {
    const character = text[position];
    if (character === '#') {
      const end = text.indexOf('\n', position);
      position = end < 0 ? text.length : end;
      continue;
    }
    if (character === '"' || character === "'") {
      const triple = text.startsWith(character.repeat(3), position);
      const quote = triple ? character.repeat(3) : character;
      let cursor = position + quote.length;
      while (cursor < text.length) {
        if (text[cursor] === '\\') cursor += 2;
        else if (text.startsWith(quote, cursor)) break;
        else if (!triple && text[cursor] === '\n') break;
        else cursor++;
      }
      position = Math.min(text.length, cursor + quote.length);
      previousCharacter = character;
      continue;
    }
    if (isIdentifierStart(character)) {
      let end = position + 1;
      while (end < text.length && isIdentifierPart(text[end])) end++;
      const word = text.slice(position, end);
      let next = end;
      while (next < text.length && (text[next] === ' ' || text[next] === '\t')) next++;
      const attribute = previousCharacter === '.';
      if (text[next] === '(' && tools.has(word) && !attribute && previousWord !== 'def' && calls.length < MAXIMUM_CODE_CALLS) {
        const call: CodeToolCall = { tool: word, arguments: '' };
        calls.push(call);
        depth++;
        open.push({ tool: word, depth, start: next + 1, call });
        previousWord = word;
        previousCharacter = '(';
        position = next + 1;
        continue;
      }
      previousWord = word;
      previousCharacter = word[word.length - 1];
      position = end;
      continue;
    }
    if (character === '(' || character === '[' || character === '{') depth++;
    else if (character === ')' || character === ']' || character === '}') {
      const top = open[open.length - 1];
      if (top && top.depth === depth && character === ')') {
        close(top, position);
        open.pop();
      }
      depth = Math.max(0, depth - 1);
    }
    if (character !== ' ' && character !== '\t') previousCharacter = character;
    position++;
  }
  for (const entry of open) close(entry, text.length);
  return calls;
}
