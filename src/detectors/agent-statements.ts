/**
 * What an assistant message says about the agent's own work, recognised from its wording: a claim that
 * something worked, an acknowledgement that something failed, an announcement of the next step, a question
 * to the developer. Pattern tables are named constants; every function looks at a bounded part of the text.
 */
import { detachedCopy } from '../trajectory/bounded-text.js';

/** Characters of a message looked at (claims and announcements sit at its start or its end). */
export const STATEMENT_HEAD_CHARACTERS = 600;
export const STATEMENT_TAIL_CHARACTERS = 400;

/** Openings and phrases that claim the last action worked. */
export const SUCCESS_CLAIM_PATTERNS: readonly RegExp[] = [
  /^\s*(?:great|perfect|excellent|awesome|nice|good|done|success|fantastic|wonderful)[!.,:—-]/i,
  /^\s*(?:✅|🎉)/u,
  /\b(?:successfully|has been (?:updated|created|fixed|applied|added|written|removed)|have been (?:updated|created|fixed|applied|added|written|removed))\b/i,
  /\b(?:the (?:edit|change|fix|patch|update) (?:was|is) (?:applied|made|in place)|it (?:now )?works|now works|works now|is (?:now )?working)\b/i,
  /\ball (?:the )?tests (?:now )?pass/i,
];

/** Phrases that show the agent noticed a failure (they cancel a success claim). */
export const FAILURE_ACKNOWLEDGEMENT_PATTERNS: readonly RegExp[] = [
  // An expected failure named as such: the error a fix is meant to raise, a red-phase test.
  /\b(?:as expected|expected (?:error|exception|failure)|(?:fails|failed|raises|raised|throws|threw|errors?|rejects?|rejected) (?:as expected|correctly)|red phase|failing test)\b/i,
  /\b(?:raises?|raised|throws?|threw|returns?|returned) (?:a |an |the )?`?\w*(?:Error|Exception)\b/,
  /\b(?:fail(?:s|ed|ing|ures?)?|error|errors|didn'?t|did not|doesn'?t|does not|couldn'?t|could not|can'?t|cannot|unable|not found|no such|missing|wrong|mistake|oops|apolog|sorry)\b/i,
  // What the failed call looked for is not there: "There is no README.md in this folder".
  /\bthere(?: is|'s| are) no\b/i,
  /\b(?:issue|problem|instead|seems|appears|looks like|turns out|rejected|denied|timed out|timeout)\b/i,
  /\b(?:let me (?:check|fix|try|look|read|re-?read|see|investigate|correct|verify)|try again|retry|another approach)\b/i,
];

/** A last line that announces an action the agent is about to take. */
export const ANNOUNCEMENT_PATTERNS: readonly RegExp[] = [
  /\b(?:now |next,? |first,? |then,? )?let me (?!know\b)\w+/i,
  /\b(?:now |next,? |first,? |then,? )?let'?s (?:now )?(?!hope\b)\w+/i,
  /\b(?:now |next,? |then,? )?I(?:'ll| will| am going to|'m going to) (?:now )?(?!let you\b|be happy\b|wait\b|leave\b|stop\b)\w+/i,
  /\bnext(?: step)?,? (?:is to|I)\b/i,
];

/**
 * A closing that hands the next step to the developer: something only they can do (run sudo, paste a secret,
 * approve a plan, provide a path) or a request to review. Stopping there is not stopping early.
 */
export const HANDOVER_PATTERNS: readonly RegExp[] = [
  /\b(?:please|pls)\s+(?:provide|share|paste|run|execute|approve|confirm|review|check|send|give|tell|add|set|install|restart|enter|type|log ?in|sign ?in|grant|enable|choose|pick|decide|let me know)\b/i,
  /\b(?:you(?:'ll| will)? need to|you(?:'d| would)? have to|you can now|once you(?:'ve| have)?|when you(?:'ve| have)?|after you(?:'ve| have)?|could you|can you|would you|do you want|would you like|let me know|waiting for (?:your|you)|i need (?:your|you to)|requires? (?:your|you to|sudo|root|admin|manual))\b/i,
  /\bsudo\s+\S/,
  /\b(?:approve|approval of) (?:the|this|my) plan\b/i,
];

/** Last lines that look like announcements but hand over to the developer. */
export const NOT_ANNOUNCEMENT_PATTERNS: readonly RegExp[] = [
  /\blet me know\b/i,
  /\bif you(?:'d| would)? (?:like|want|need|prefer)\b/i,
  /\bfeel free\b/i,
  /\b(?:should|shall|would you like|do you want) (?:I|me)\b/i,
  /\?\s*$/,
];

function head(text: string): string {
  return text.slice(0, STATEMENT_HEAD_CHARACTERS);
}

/** True when the message claims the last action worked and does not mention any failure. */
export function claimsSuccess(text: string): boolean {
  const opening = head(text);
  if (!SUCCESS_CLAIM_PATTERNS.some((pattern) => pattern.test(opening))) return false;
  return !FAILURE_ACKNOWLEDGEMENT_PATTERNS.some((pattern) => pattern.test(opening));
}

/** True when the message mentions a failure. */
export function acknowledgesFailure(text: string): boolean {
  const bounded = text.length > STATEMENT_HEAD_CHARACTERS + STATEMENT_TAIL_CHARACTERS ? `${head(text)}\n${text.slice(-STATEMENT_TAIL_CHARACTERS)}` : text;
  return FAILURE_ACKNOWLEDGEMENT_PATTERNS.some((pattern) => pattern.test(bounded));
}

/** The last message whose last line was read, and that line: one message's is asked for twice (handover, announcement). */
let lastLineRead: { text: string; line: string } | undefined;
/** Longest message the memo above keeps (a step's texts are bounded far below this; a longer one is not kept alive). */
const MAXIMUM_REMEMBERED_MESSAGE_CHARACTERS = 20_000;

/** The last non-empty line of a message (bounded), without Markdown emphasis. */
export function lastLine(text: string): string {
  if (lastLineRead !== undefined && lastLineRead.text === text) return lastLineRead.line;
  const tail = text.slice(-STATEMENT_TAIL_CHARACTERS).trimEnd();
  const line = tail.slice(tail.lastIndexOf('\n') + 1).replace(/[*_`]/g, '').trim();
  // The line kept is a copy: it keeps no other text alive.
  if (text.length <= MAXIMUM_REMEMBERED_MESSAGE_CHARACTERS) lastLineRead = { text, line: detachedCopy(line) };
  return line;
}

/** The announced action when the message ends by announcing a next step ("Now let me run the tests:"). */
export function announcedStep(text: string): string | undefined {
  const line = lastLine(text);
  if (line.length === 0) return undefined;
  // Only the last sentence of the last line counts: "Done. Let me know…" is a handover.
  const sentences = line.split(/(?<=[.!])\s+/);
  const sentence = sentences[sentences.length - 1];
  if (NOT_ANNOUNCEMENT_PATTERNS.some((pattern) => pattern.test(sentence))) return undefined;
  return ANNOUNCEMENT_PATTERNS.some((pattern) => pattern.test(sentence)) ? sentence : undefined;
}

/** True when the message ends with a question to the developer. */
export function endsWithQuestion(text: string): boolean {
  return /\?\s*$/.test(lastLine(text));
}

/** True when the message ends by handing the next step to the developer (a question, or something only they can do). */
export function handsOver(text: string): boolean {
  if (endsWithQuestion(text)) return true;
  const tail = text.slice(-STATEMENT_TAIL_CHARACTERS);
  return HANDOVER_PATTERNS.some((pattern) => pattern.test(tail));
}
