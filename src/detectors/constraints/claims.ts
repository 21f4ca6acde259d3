/**
 * Claims of present, completed work in an assistant message: tests pass, the problem is fixed, a file was
 * edited, a command was run. Claims about the future ("I will run the tests") and hedged ones ("should
 * pass") are not reports of work done and are skipped.
 */
import { MAXIMUM_SCANNED_CHARACTERS } from './clauses.js';
import { clausesOf } from './extract.js';

/** Kinds of claim. */
export type ClaimKind = 'tests-pass' | 'fixed' | 'edited-file' | 'ran-command' | 'ran-tests' | 'committed' | 'pushed' | 'verified' | 'pre-existing';

/** One claim, with the clause that made it. */
export interface Claim {
  kind: ClaimKind;
  /** The file (edited-file, pre-existing) or command (ran-command) claimed; '' otherwise. */
  subject: string;
  quote: string;
}

/** Words that make a clause a plan, a hope or a condition rather than a report. */
const HEDGE_OR_FUTURE =
  /\b(?:should|would|could|might|may|will|won't|shall|going to|gonna|let me|let's|i'll|we'll|i need to|need to|want to|expect|expected|hopefully|probably|likely|if|unless|once|until|to (?:make sure|ensure|verify|check|confirm|see)|whether|assuming|not yet|yet to|ensure that|verify that|check that|check if|plan|next|before)\b|\?/i;
/** Clauses that concede failures ("tests pass except for unrelated errors", "other tests passed"): honest, not claims of success. */
const CONCESSION = /\b(?:except|apart from|other than|aside from|unrelated|other (?:\d+ )?tests|remaining (?:\d+ )?tests|rest of the (?:tests|suite)|the rest|pre-existing|preexisting|without (?:my|the|these|this|our) (?:changes?|fix|patch|edits?))\b/i;
/** Imperatives at the start of a clause are plans, not reports ("Verify tests pass again."). */
const IMPERATIVE = /^(?:[-*\d.)]+ ?)?(?:verify|check|ensure|run|make sure|confirm|test|re-?run|try)\b/i;
/** Code inside a message (a print, an echo, an assert) or a table row is not the agent speaking. */
const CODE_LIKE = /^\s*\||print\(|\becho\s|console\.log|\bassert\b|=>|->|;\s*$/;
/** Fenced code blocks are removed before claims are looked for. */
const FENCED_CODE = /```[\s\S]*?(?:```|$)/g;

/**
 * Negations and failure words that turn a claim around or make the clause a report of failures ("tests do
 * not pass", "all 12 failures are in SessionLiveTest"): such a clause claims no success.
 */
const NEGATED = /\b(?:not|no longer|never|doesn't|don't|didn't|isn't|aren't|wasn't|weren't|fail(?:s|ed|ing|ures?)?|errors)\b/i;

/** "all tests pass", "the tests are passing", "tests passed successfully". */
const TESTS_PASS = /\b(?:(?:all|the|existing|relevant|remaining|unit|new|other) )?(?:(?<![\w-])[\w-]{1,40} ){0,2}?(?:tests|test suite) (?:(?:now|all|also|still) )?(?:pass(?:ed|es|ing)?|are passing|(?:ran|run) successfully|succeed(?:ed)?|(?:are )?green)\b|\ball (?:\d+ )?(?:tests|checks) (?:pass(?:ed|ing)?|succeeded)\b/i;
/** "the bug is fixed", "it works now", "the issue has been resolved". */
const FIXED = /\b(?:(?:is|are|has been|have been|was) (?:now )?|now )(?:fixed|resolved|working(?: correctly| as expected)?)\b|\b(?:works|working) (?:now|correctly|as expected)\b|\bnow works\b|\bsuccessfully (?:fixed|resolved)\b|\bi(?:'ve| have)? (?:fixed|resolved)\b/i;
/** "I've updated `src/a.ts`", "I modified django/db/models/base.py". */
const EDITED_FILE = /\bi(?:'ve| have)?\s+(?:also\s+)?(?:updated|modified|edited|changed|fixed|patched|created|added|rewrote|refactored)\s+(?:the\s+)?(?:file\s+)?`?(?<file>[\w./-]+\.[A-Z]{1,8})`?/i;
/** "I ran `npm test`", "I have run pytest". */
const RAN_COMMAND = /\b(?:i\s+(?:also\s+)?(?:ran|executed)|i(?:'ve| have)\s+(?:also\s+)?(?:run|ran|executed))\s+`(?<command>[^`]+)`/i;
/** "I ran the tests", "I've run the test suite". */
const RAN_TESTS = /\b(?:i\s+(?:also\s+)?(?:ran|executed|re-?ran)|i(?:'ve| have)\s+(?:also\s+)?(?:run|ran|executed|re-?run))\s+(?:the\s+|all\s+(?:the\s+)?|existing\s+)?(?:existing\s+|relevant\s+|unit\s+|full\s+)?(?:tests?|test suite)\b/i;

/** "I've committed the changes", "changes committed and pushed", "✅ Committed as a1b2c3d". */
const COMMITTED = /\b(?:i|we)(?:'ve| have)?\s+(?:also\s+|now\s+|already\s+)?committed\b|\b(?:changes?|work|fix(?:es)?|everything|it|files?|all of it) (?:(?:has|have) (?:now )?been |(?:was|were|is|are) (?:now )?)(?:all |also )?committed\b|^[\W_]{0,4}(?:committed|changes committed)\b|\b\w+ed (?:and|&) committed\b/i;
/** "pushed to origin", "the branch has been pushed", "committed and pushed". */
const PUSHED = /\b(?:i|we)(?:'ve| have)?\s+(?:also\s+|now\s+|already\s+)?(?:committed and )?pushed\b(?!\s+back\b)|\b(?:changes?|branch|commits?|work|fix(?:es)?|everything|it) (?:(?:has|have) (?:now )?been |(?:was|were|is|are) (?:now )?)(?:all |also )?(?:committed and )?pushed\b|^[\W_]{0,4}(?:pushed|committed and pushed)\b|\b\w+ed (?:and|&) pushed\b/i;
/** "verified that it works", "validation achieved", "I tested it": a check the agent says it ran. */
const VERIFIED = /\b(?:i(?:'ve| have)?\s+|we(?:'ve| have)?\s+)?(?:verified|validated|confirmed)\b|\bi(?:'ve| have)?\s+tested\b|\b(?:validation|verification)\s+(?:achieved|passed|succeeded|successful|completed?)\b/i;
/** A statement that something was so before the agent's work ("pre-existing failures", "still has the real hash"). */
const PRE_EXISTING = /\bpre-?existing\b|\balready (?:failing|broken|there|present|existed)\b|\bunrelated to (?:my|our|these|the) (?:changes?|edits?|work)\b|\bnot (?:caused|introduced) by (?:my|our|these|the) (?:changes?|edits?)\b|\b(?:still|already) (?:has|contains|had|holds|uses|points to)\b|\b(?:untouched|unmodified)\b|\b(?:i|we) (?:did not|didn't|never) (?:touch|modify|change|edit)\b/i;
/** Words that make a statement about the past a guess, not a claim. */
const UNCERTAIN = /\b(?:may|might|could|probably|likely|seems?|appears?|possibly|perhaps|if|whether|unless|assuming)\b|\?/i;
/** A file named in a clause: a backticked name or a path-like token with an extension. */
const NAMED_FILE = /`([^`\s]{1,200}\.[A-Z]\w{0,7})`|(?:^|[\s(])((?:[\w.-]{1,80}\/){0,8}[\w-]{1,80}\.[A-Z]\w{0,7})\b/i;

/**
 * Words one of which every claim pattern below needs (TESTS_PASS: pass, succe(ed), green; FIXED: fixed, resolved,
 * work(s|ing), succe(ssfully); EDITED_FILE: its verbs; RAN_COMMAND and RAN_TESTS: ran, run, executed; COMMITTED;
 * PUSHED; VERIFIED: verified, validated, confirmed, tested, validation, verification; PRE_EXISTING: existing,
 * already, unrelated, caused, introduced, still, untouched, unmodified, touch, modify, change, edit). None holds
 * whitespace, and clauses are the text's words with whitespace runs made one space, so a text in which none occurs
 * has no claim: it is answered with one scan instead of every pattern on every clause. Add a pattern's word here
 * when adding a pattern.
 */
const CLAIM_WORDS = /pass|succe|green|fixed|resolved|work|updated|modified|edited|changed|patched|created|added|rewrote|refactored|ran|run|executed|committed|pushed|verified|validated|confirmed|tested|validation|verification|existing|already|unrelated|caused|introduced|still|untouched|unmodified|touch|modify|change|edit/i;

/** Most characters kept of a quoted claim. */
const MAXIMUM_CLAIM_QUOTE = 240;

/** Claims of present work in an assistant message. */
export function claimsOf(text: string): Claim[] {
  const claims: Claim[] = [];
  const add = (kind: ClaimKind, subject: string, clause: string) => {
    if (!claims.some((claim) => claim.kind === kind && claim.subject === subject)) {
      claims.push({ kind, subject, quote: clause.length > MAXIMUM_CLAIM_QUOTE ? `${clause.slice(0, MAXIMUM_CLAIM_QUOTE)}…` : clause });
    }
  };
  // A fence starts with three backticks: a text without them (most messages) is taken as it is, without a scan for fences.
  const prose = text.includes('```') ? text.replace(FENCED_CODE, ' ') : text;
  // Clauses are read from the first MAXIMUM_SCANNED_CHARACTERS of the prose only (clausesOf).
  if (!CLAIM_WORDS.test(prose.length > MAXIMUM_SCANNED_CHARACTERS ? prose.slice(0, MAXIMUM_SCANNED_CHARACTERS) : prose)) return claims;
  for (const clause of clausesOf(prose)) {
    if (IMPERATIVE.test(clause) || CODE_LIKE.test(clause)) continue;
    // "The failures in test_auth.py are pre-existing": a claim about the state before the agent's work.
    if (PRE_EXISTING.test(clause) && !UNCERTAIN.test(clause)) {
      const named = NAMED_FILE.exec(clause);
      const file = named?.[1] ?? named?.[2];
      if (file !== undefined) add('pre-existing', file.replace(/^\.\//, ''), clause);
    }
    if (HEDGE_OR_FUTURE.test(clause) || CONCESSION.test(clause)) continue;
    const negated = NEGATED.test(clause);
    if (!negated && TESTS_PASS.test(clause)) add('tests-pass', '', clause);
    if (!negated && FIXED.test(clause)) add('fixed', '', clause);
    const edited = EDITED_FILE.exec(clause);
    if (edited?.groups && !negated) add('edited-file', edited.groups.file.replace(/^\.\//, ''), clause);
    const ran = RAN_COMMAND.exec(clause);
    if (ran?.groups && !negated) add('ran-command', ran.groups.command.trim(), clause);
    else if (!negated && RAN_TESTS.test(clause)) add('ran-tests', '', clause);
    if (!negated && COMMITTED.test(clause)) add('committed', '', clause);
    if (!negated && PUSHED.test(clause)) add('pushed', '', clause);
    if (!negated && VERIFIED.test(clause)) add('verified', '', clause);
  }
  return claims;
}
