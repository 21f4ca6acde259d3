/**
 * Bounded token sets and the comparisons repeated-approach makes with them: how near two actions or two results
 * are (token-set Jaccard over their code, command, input or output), how many tokens a result holds that neither
 * the previous result nor the action itself had, and the class of an error (its exception line or first line,
 * with quoted text and numbers folded).
 *
 * Everything is linear in the text and bounded: a text is tokenized from its first and last characters only, a
 * set keeps at most a fixed number of tokens, and tokens are kept as 32-bit hashes (numbers), so a set is small,
 * JSON, and holds no piece of a huge output alive.
 */

/** Characters tokenized from the start of a text. */
export const TOKENIZED_HEAD_CHARACTERS = 4096;
/** Characters tokenized from the end of a text (after the head). */
export const TOKENIZED_TAIL_CHARACTERS = 2048;
/** Most distinct tokens kept per text. */
export const MAXIMUM_TOKENS = 160;
/** Characters of an error output the error class is read from (head; the tail is read too, see below). */
export const ERROR_CLASS_HEAD_CHARACTERS = 2048;
/** Characters of an error output's end the error class is read from (where exception lines are). */
export const ERROR_CLASS_TAIL_CHARACTERS = 1024;
/** Most characters of the error line kept in the class. */
const MAXIMUM_ERROR_CLASS_CHARACTERS = 200;

/** FNV-1a 32-bit offset basis and prime: a token is kept as the FNV-1a hash of its characters. */
const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** True for the character codes a token is made of: `a`–`z`, `0`–`9` and `_` (the text is lower-cased first). */
function isTokenCharacter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95;
}

/** The head and tail of a text, as one string to scan. */
function scannedPart(text: string, head: number, tail: number): string {
  if (text.length <= head + tail) return text;
  return `${text.slice(0, head)}\n${text.slice(text.length - tail)}`;
}

/**
 * The table that tells a token already read in the current `tokenSet` call: open addressing over a fixed 4 KB that
 * every call reuses (a call runs to its end before another starts), marked per call instead of cleared. A `Set`
 * did the same at about twice the cost per token. It holds at most MAXIMUM_TOKENS tokens, under a third of its slots,
 * so a free slot is always near.
 */
const TOKEN_TABLE_SIZE = 512;
const tokenSlots = new Int32Array(TOKEN_TABLE_SIZE);
const tokenMarks = new Uint32Array(TOKEN_TABLE_SIZE);
let tokenGeneration = 0;

/** Empties the table (by moving to the next mark). */
function startTokenTable(): void {
  tokenGeneration++;
  if (tokenGeneration === 0xffffffff) {
    tokenMarks.fill(0);
    tokenGeneration = 1;
  }
}

/** Puts a token (its signed form) in the table; false when it was there already. */
function addToTokenTable(signed: number): boolean {
  let slot = (signed ^ (signed >>> 16)) & (TOKEN_TABLE_SIZE - 1);
  // Bounded by the table's size, though a call never fills a third of it.
  for (let probes = 0; probes < TOKEN_TABLE_SIZE && tokenMarks[slot] === tokenGeneration; probes++) {
    if (tokenSlots[slot] === signed) return false;
    slot = (slot + 1) & (TOKEN_TABLE_SIZE - 1);
  }
  tokenMarks[slot] = tokenGeneration;
  tokenSlots[slot] = signed;
  return true;
}

/**
 * Adds the distinct tokens of a part of a text to `tokens` until it holds `limit` tokens. A token is a run of two or
 * more letters, digits or underscores of the lower-cased text, hashed as it is read (no substring is made).
 */
function addTokens(part: string, tokens: number[], limit: number): void {
  const lower = part.toLowerCase();
  let hash = FNV_OFFSET_BASIS;
  let length = 0;
  // One position past the end closes the last run.
  for (let position = 0; position <= lower.length; position++) {
    const code = position < lower.length ? lower.charCodeAt(position) : -1;
    if (isTokenCharacter(code)) {
      hash = Math.imul(hash ^ code, FNV_PRIME);
      length++;
      continue;
    }
    if (length >= 2) {
      if (tokens.length >= limit) return;
      if (addToTokenTable(hash | 0)) tokens.push(hash >>> 0);
    }
    hash = FNV_OFFSET_BASIS;
    length = 0;
  }
}

/**
 * The distinct tokens of a text (lower case, bounded), as hashes, in the order first read: of a long text, up to
 * half the bound from its head and the rest from its tail (where a test run's summary or a traceback's last line is).
 */
export function tokenSet(text: string): number[] {
  startTokenTable();
  const tokens: number[] = [];
  if (text.length <= TOKENIZED_HEAD_CHARACTERS + TOKENIZED_TAIL_CHARACTERS) {
    addTokens(text, tokens, MAXIMUM_TOKENS);
  } else {
    addTokens(text.slice(0, TOKENIZED_HEAD_CHARACTERS), tokens, MAXIMUM_TOKENS / 2);
    addTokens(text.slice(text.length - TOKENIZED_TAIL_CHARACTERS), tokens, MAXIMUM_TOKENS);
  }
  return tokens;
}

/** Jaccard similarity of two token sets: shared tokens over all tokens (1 for two empty sets). */
export function jaccard(first: readonly number[], second: readonly number[]): number {
  if (first.length === 0 && second.length === 0) return 1;
  // Signed forms in the set, as in addTokens.
  const firstSet = new Set<number>();
  for (const token of first) firstSet.add(token | 0);
  let shared = 0;
  for (const token of second) if (firstSet.has(token | 0)) shared++;
  const union = first.length + second.length - shared;
  return union === 0 ? 1 : shared / union;
}

/** How many of a result's tokens are in none of the `known` sets: what the result says that was not said before. */
export function newTokenCount(result: readonly number[], ...known: (readonly number[])[]): number {
  const knownSet = new Set<number>();
  for (const set of known) for (const token of set) knownSet.add(token | 0);
  let fresh = 0;
  for (const token of result) if (!knownSet.has(token | 0)) fresh++;
  return fresh;
}

/** An exception line: `SomethingError: message` (or Exception, Exit, Interrupt), the last one wins. */
const EXCEPTION_LINE = /\b[A-Z]\w{0,80}(?:Error|Exception|Exit|Interrupt)\b:?[^\n]{0,200}/g;
/** Quoted text on one line (paths, arguments, code) — folded: it varies between attempts of the same mistake. */
const QUOTED = /'[^'\n]{0,400}'|"[^"\n]{0,400}"|`[^`\n]{0,400}`/g;

/**
 * The line an error output is known by: its last exception line (Python, Java, JS style), else its first non-empty
 * line, spacing collapsed, at most 400 characters; '' for an empty output.
 */
export function errorLine(output: string): string {
  const scanned = scannedPart(output, ERROR_CLASS_HEAD_CHARACTERS, ERROR_CLASS_TAIL_CHARACTERS);
  let line: string | undefined;
  for (const match of scanned.matchAll(EXCEPTION_LINE)) line = match[0];
  if (line === undefined) {
    for (const candidate of scanned.split('\n')) {
      if (candidate.trim().length > 0) {
        line = candidate;
        break;
      }
    }
  }
  if (line === undefined) return '';
  return line
    .slice(0, MAXIMUM_ERROR_CLASS_CHARACTERS * 2)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The class of an error output: its {@link errorLine} with quoted text and numbers folded and in lower case.
 * `PageDownTool.forward() got an unexpected keyword argument ''` and `… argument 'arguments'` are one class; so are
 * two `Code execution failed at line '…' due to: UnboundLocalError: …` for different lines.
 */
export function errorClass(output: string): string {
  return errorClassOfLine(errorLine(output));
}

/** The class of an {@link errorLine}. */
export function errorClassOfLine(line: string): string {
  return line
    .replace(QUOTED, '<quoted>')
    .replace(/\d+/g, '#')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .slice(0, MAXIMUM_ERROR_CLASS_CHARACTERS);
}
