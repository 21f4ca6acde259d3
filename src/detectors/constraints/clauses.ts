/**
 * Clauses, the unit every instruction and claim pattern is matched against: a line, then a sentence, then a
 * coordinated instruction, with every run of whitespace collapsed to one space and the length capped. The
 * patterns can then be written with single spaces and no unbounded whitespace runs, so a pasted banner of 44
 * `#`, a run of 100,000 spaces or a 10 MB line is read in linear time. The lead-in of an instruction
 * (bullets, numbers, heading marks, a label such as "Important:", a reported-speech opening such as "The user
 * said:", soft words such as "please") is taken off by a loop, not by a pattern.
 */
import { detachedCopy } from '../../trajectory/bounded-text.js';

/** Most characters of one clause looked at: an instruction or a claim is a sentence, not a page. */
export const MAXIMUM_CLAUSE_CHARACTERS = 1000;
/** Most characters of a message split into clauses (the rest is not read for instructions or claims). */
export const MAXIMUM_SCANNED_CHARACTERS = 40_000;

/** Labels an instruction may start with ("Important: never push"). */
const LABELS = ['important', 'importants', 'note', 'notes', 'rule', 'rules', 'constraint', 'constraints'];
/** Reported-speech openings (compaction summaries restate instructions this way). */
const REPORTED_SPEECH = /^(?:the )?(?:user|developer) (?:said|says|asked|wants|requested|required|insisted)(?: that)?(?: ?:)? ?/i;
/** Soft words before an instruction. */
const SOFT_WORDS = new Set(['please', 'and', 'but', 'also', 'so', 'then', 'you']);
/** Characters that start a bullet, a quote or a heading. */
const MARKS = '-*•>#';
/** A coordinated second instruction: ", and do not …", " — never …" (on a clause with single spaces). */
const COORDINATED_INSTRUCTION = /(?:, ?| )(?:and|but|also|then|plus) (?=(?:do not|don't|dont|never|please|only|always|avoid|make sure)\b)| [—–] (?=(?:do not|don't|dont|never|please|only|always|avoid|make sure)\b)/i;

function isSpace(code: number): boolean {
  if (code > 32) return code === 160 || code === 0x3000;
  return code === 32 || (code >= 9 && code <= 13);
}

/**
 * The text with every whitespace run as one space, trimmed, and cut at `maximum` characters. Copies whole stretches
 * whose only whitespace is single spaces (one slice each), so text that is already collapsed is not copied at all.
 */
export function collapsedWhitespace(text: string, maximum = Number.POSITIVE_INFINITY): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  const stretches: string[] = [];
  /** Length of the stretches joined so far. */
  let length = -1;
  let position = start;
  while (position < end && length < maximum) {
    // A stretch runs on over single spaces between other characters; any other whitespace run ends it.
    let stretchEnd = position;
    while (stretchEnd < end) {
      const code = text.charCodeAt(stretchEnd);
      if (!isSpace(code)) stretchEnd++;
      else if (code === 32 && !isSpace(text.charCodeAt(stretchEnd + 1))) stretchEnd += 2;
      else break;
    }
    // Text that is already collapsed and within the cap is its own answer, with no copy.
    if (position === 0 && stretchEnd === text.length && stretchEnd <= maximum) return text;
    stretches.push(text.slice(position, stretchEnd));
    length += stretchEnd - position + 1;
    position = stretchEnd;
    while (position < end && isSpace(text.charCodeAt(position))) position++;
  }
  const result = stretches.join(' ');
  return result.length > maximum ? result.slice(0, maximum) : result;
}

/**
 * The last text split and its clauses. Reading one instruction splits the same text four times (requests,
 * constraints, permissions, named errors), so the clauses of the last text are remembered. The text is split
 * from a copy of at most {@link MAXIMUM_SCANNED_CHARACTERS} characters, so neither the memo nor a clause quoted
 * into a detector's state keeps a huge original text alive.
 */
let lastSplit: { text: string; clauses: readonly string[] } | undefined;

/**
 * Splits a text into clauses (lines, then sentences, then coordinated instructions), collapsed, capped and
 * non-empty, each once, in the order they first come: every reader of clauses gives the same answer for the same
 * clause, so a pasted log repeating a line thousands of times is read as one line.
 */
export function clausesOf(text: string): readonly string[] {
  const scanned = text.length > MAXIMUM_SCANNED_CHARACTERS ? text.slice(0, MAXIMUM_SCANNED_CHARACTERS) : text;
  if (lastSplit !== undefined && lastSplit.text === scanned) return lastSplit.clauses;
  const copy = detachedCopy(scanned);
  lastSplit = { text: copy, clauses: [...new Set(splitIntoClauses(copy))] };
  return lastSplit.clauses;
}

/** True for the character codes of `.`, `!`, `?` and `;`: a sentence break is one of them before a space. */
function isSentenceEnd(code: number): boolean {
  return code === 46 || code === 33 || code === 63 || code === 59;
}

/** True for the character codes a sentence after a break starts with: `A`–`Z`, a backtick, a quote, `*` or `-`. */
function isSentenceStart(code: number): boolean {
  return (code >= 65 && code <= 90) || code === 96 || code === 34 || code === 39 || code === 42 || code === 45;
}

/**
 * The sentences of a line with single spaces: it is cut at every space between a sentence end (`.`, `!`, `?`, `;`)
 * and a sentence start (a capital letter, a backtick, a quote, `*` or `-`), the space dropped. Scanned a space at a
 * time, with no pattern.
 */
function sentencesOf(line: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (let space = line.indexOf(' ', 1); space !== -1; space = line.indexOf(' ', space + 1)) {
    if (isSentenceEnd(line.charCodeAt(space - 1)) && isSentenceStart(line.charCodeAt(space + 1))) {
      sentences.push(line.slice(start, space));
      start = space + 1;
    }
  }
  sentences.push(start === 0 ? line : line.slice(start));
  return sentences;
}

/** The clauses of one line with single spaces, pushed onto `clauses`. */
function pushClausesOfLine(line: string, clauses: string[]): void {
  for (const sentence of sentencesOf(line)) {
    // Both coordinated forms start with a space, and a test is cheaper than a split (which builds a pattern each
    // call): a sentence with neither is one clause.
    const parts = sentence.includes(' ') && COORDINATED_INSTRUCTION.test(sentence) ? sentence.split(COORDINATED_INSTRUCTION) : [sentence];
    for (const part of parts) {
      const clause = part.trim();
      if (clause.length > 0) clauses.push(clause.length > MAXIMUM_CLAUSE_CHARACTERS ? clause.slice(0, MAXIMUM_CLAUSE_CHARACTERS) : clause);
    }
  }
}

function splitIntoClauses(text: string): string[] {
  const clauses: string[] = [];
  // A line met before gives the clauses it gave then, which are already listed: it is not split again.
  const linesSeen = new Set<string>();
  let start = 0;
  for (;;) {
    // Blank lines and the whitespace a line starts with give no clause: skipped a character at a time.
    while (start < text.length && isSpace(text.charCodeAt(start))) start++;
    if (start >= text.length) break;
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const rawLine = text.slice(start, end);
    start = end + 1;
    if (linesSeen.has(rawLine)) continue;
    linesSeen.add(rawLine);
    const line = collapsedWhitespace(rawLine);
    if (line.length > 0) pushClausesOfLine(line, clauses);
  }
  return clauses;
}

/** Length of the bullets, numbers, heading marks and spaces at the start of a clause. */
function marksLength(clause: string): number {
  let position = 0;
  while (position < clause.length) {
    const character = clause[position];
    if (MARKS.includes(character) || character === ' ') {
      position++;
      continue;
    }
    // A number with its terminator: "1." or "2)".
    let digits = 0;
    while (digits < 3 && position + digits < clause.length && clause[position + digits] >= '0' && clause[position + digits] <= '9') digits++;
    if (digits > 0 && (clause[position + digits] === '.' || clause[position + digits] === ')')) {
      position += digits + 1;
      continue;
    }
    break;
  }
  return position;
}

/**
 * The clause without its lead-in: bullets, numbers, heading marks, a label ("Important:"), a reported-speech
 * opening ("The user said:") and soft words ("please", "and", "you"). Patterns anchored at `^` then see the
 * instruction itself.
 */
export function withoutLeadIn(clause: string): string {
  let rest = clause.slice(marksLength(clause));
  const colon = rest.indexOf(':');
  if (colon > 0 && colon <= 12 && LABELS.includes(rest.slice(0, colon).trim().toLowerCase())) rest = rest.slice(colon + 1).trimStart();
  const reported = REPORTED_SPEECH.exec(rest);
  if (reported) rest = rest.slice(reported[0].length);
  for (let guard = 0; guard < 8; guard++) {
    const space = rest.indexOf(' ');
    if (space <= 0 || !SOFT_WORDS.has(rest.slice(0, space).toLowerCase())) break;
    rest = rest.slice(space + 1);
  }
  return rest;
}
