/**
 * Deterministic constraint extraction: reads a message (a prompt, a rule file, a task statement) clause by
 * clause and returns the constraints it states and the permissions it grants.
 */
import {
  ANSWER_FORMAT,
  CHANGE_REQUEST,
  CHECK_FAMILY_WORDS,
  FIX_RATHER_THAN_SILENCE,
  NO_SILENCING,
  DO_NOT_GIVE_UP,
  GIVING_UP_REACH,
  GIVING_UP_WORDS,
  NOT_TOLERATED,
  EDIT_VERBS,
  EDIT_WHITELIST,
  FORBIDDEN_COMMAND,
  FORBIDDEN_EDIT,
  FORBIDDEN_TOOL,
  KNOWN_PROGRAMS,
  MAXIMUM_QUOTE_LENGTH,
  ORDER_PERMISSION,
  PERMISSION,
  PREFERRED_TOOL,
  PREFERRED_TOOL_REVERSED,
  PROCESS_WORDS,
  QUESTION_MAXIMUM_LENGTH,
  QUESTION_REQUEST,
  REQUIRED_STEP,
  REQUIRED_TOOL,
  REQUIRED_VERIFICATION,
  TARGET_WORDS,
  UNQUALIFIED_REST,
} from './patterns.js';
import type { Constraint, ConstraintSource } from './types.js';
import { MAXIMUM_GLOB_MATCHED_PATH_CHARACTERS } from './glob.js';
import { clausesOf, withoutLeadIn } from './clauses.js';
import { withoutTrailing } from '../../trajectory/linear-text.js';

export { clausesOf, withoutLeadIn } from './clauses.js';

/** A permission a message grants: lifts matching constraints and puts the action in scope. */
export interface Permission {
  /** Command family (`git-push`, `dependency-install`, `program:npm`, `step:tests`) or `edit`. */
  subject: string;
  /** File targets for edit permissions (empty: none named). */
  targets: string[];
  quote: string;
}

/** Abbreviations whose dots must not end a sentence or look like a file extension. */
const NOT_PATHS = new Set(['etc', 'e.g', 'i.e', 'vs', 'eg', 'ie']);
/** A token that names a file or folder: has a slash, a glob star or a short extension. */
const PATH_TOKEN = /^(?:[\w.*@-]+\/)+[\w.*@-]*$|^[\w*@-][\w.*@-]*\.[A-Z][A-Z0-9]{0,7}$|^\*[\w.*-]+$/i;

/** True when a token can match {@link PATH_TOKEN} at all (a slash, a dot or a leading star): most words cannot. */
function mayNamePath(token: string): boolean {
  return token.includes('/') || token.includes('.') || token.startsWith('*');
}

/** Bullets, numbers and heading marks before a clause, left out of quotes. */
function quoteOf(clause: string): string {
  const text = withoutBullets(clause);
  return text.length > MAXIMUM_QUOTE_LENGTH ? `${text.slice(0, MAXIMUM_QUOTE_LENGTH)}…` : text;
}

/** The clause without leading bullets, numbers and heading marks (kept out of quotes). */
function withoutBullets(clause: string): string {
  let position = 0;
  for (let guard = 0; guard < 20 && position < clause.length; guard++) {
    const character = clause[position];
    if ('-*•>#'.includes(character) || character === ' ') position++;
    else if (/^\d{1,3}[.)] /.test(clause.slice(position, position + 5))) position = clause.indexOf(' ', position) + 1;
    else break;
  }
  return clause.slice(position);
}

/** Splits a clause at its commas and at "and"/"then" (an order may follow a conjunction). */
function partsOf(clause: string): string[] {
  return clause.split(/, ?| (?:and|then) /);
}

/** File targets a phrase names: classes of files ("the tests" → `class:test`), then paths, folders and globs. */
export function targetsOf(phrase: string): string[] {
  return [...classTargetsOf(phrase), ...pathTargetsOf(phrase)];
}

/** Classes of files a phrase names ("the tests" → `class:test`, "the config" → `class:config`). */
function classTargetsOf(phrase: string): string[] {
  const targets: string[] = [];
  for (const [pattern, target] of TARGET_WORDS) if (pattern.test(phrase) && !targets.includes(target)) targets.push(target);
  return targets;
}

/** ASCII characters that separate the words of a phrase looked at for paths: whitespace and `,()\`'"[]` (1 = separates). */
const ASCII_SEPARATORS = new Uint8Array(128);
for (const character of ' \t\n\v\f\r,()`\'"[]') ASCII_SEPARATORS[character.charCodeAt(0)] = 1;
/** Whitespace and line terminators outside ASCII, as `\s` knows them. */
const UNICODE_SPACES = new Set([0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]);

/** True when the character code separates words: whitespace as `\s` knows it, or `,()\`'"[]`. */
function isWordSeparator(code: number): boolean {
  if (code < 128) return ASCII_SEPARATORS[code] === 1;
  return UNICODE_SPACES.has(code) || (code >= 0x2000 && code <= 0x200a);
}
/** The characters a word must hold to name a path (see {@link mayNamePath}). */
const PATH_MARKS = ['/', '.', '*'];

/** A character that separates words, found by the pattern engine (the end of a long word is found at native speed). */
const WORD_SEPARATOR = /[\s,()`'"[\]]/g;
/**
 * Longest word read as a path: no file system takes a longer path, and no longer path or glob is ever matched
 * (MAXIMUM_GLOB_MATCHED_PATH_CHARACTERS), so a 40,000-character run of `*` or `.` names nothing and is not kept.
 */
export const MAXIMUM_PATH_WORD_CHARACTERS = MAXIMUM_GLOB_MATCHED_PATH_CHARACTERS;

/**
 * The words of a phrase (split at {@link isWordSeparator}) that hold a `/`, `.` or `*` and are at most
 * {@link MAXIMUM_PATH_WORD_CHARACTERS} long, in order: what splitting the whole phrase and keeping those words
 * gives, without making a string of every other word of a long text. Found as they are asked for, so a reader
 * that needs only the first ones stops the scan.
 */
function* wordsWithPathMarks(phrase: string): Generator<string> {
  // The next position of each mark, found by `indexOf` and looked for again only once passed.
  const nextMarks = PATH_MARKS.map((mark) => phrase.indexOf(mark));
  let position = 0;
  while (position < phrase.length) {
    let mark = -1;
    for (let which = 0; which < PATH_MARKS.length; which++) {
      if (nextMarks[which] !== -1 && nextMarks[which] < position) nextMarks[which] = phrase.indexOf(PATH_MARKS[which], position);
      if (nextMarks[which] !== -1 && (mark === -1 || nextMarks[which] < mark)) mark = nextMarks[which];
    }
    if (mark === -1) break;
    WORD_SEPARATOR.lastIndex = mark + 1;
    const separator = WORD_SEPARATOR.exec(phrase);
    const end = separator === null ? phrase.length : separator.index;
    // The start is looked for at most a longest word back: a word reaching further is too long anyway.
    const earliest = Math.max(position, mark - MAXIMUM_PATH_WORD_CHARACTERS);
    let start = mark;
    while (start > earliest && !isWordSeparator(phrase.charCodeAt(start - 1))) start--;
    const startFound = start === 0 || isWordSeparator(phrase.charCodeAt(start - 1));
    if (startFound && end - start <= MAXIMUM_PATH_WORD_CHARACTERS) yield phrase.slice(start, end);
    position = end;
  }
}

/** Paths, folders and globs a phrase names (`path:`, `directory:` and `glob:` targets): the first `limit` of them. */
export function pathTargetsOf(phrase: string, limit = Number.POSITIVE_INFINITY): string[] {
  // A set keeps the first occurrence of each, in order, without a quadratic search (a prompt may name thousands).
  const targets = new Set<string>();
  // A word gives the same target each time: one repeated thousands of times (a pasted log) is read once.
  const wordsRead = new Set<string>();
  for (const raw of wordsWithPathMarks(phrase)) {
    if (targets.size >= limit) break;
    if (wordsRead.has(raw)) continue;
    wordsRead.add(raw);
    const trimmed = withoutTrailing(raw, '.,;:!?');
    const token = trimmed.startsWith('./') ? trimmed.slice(2) : trimmed;
    if (!mayNamePath(token) || NOT_PATHS.has(token.toLowerCase()) || !PATH_TOKEN.test(token)) continue;
    if (/^(?:https?|www)\b/.test(token)) continue;
    let target: string;
    if (token.includes('*')) target = `glob:${token}`;
    else if (token.endsWith('/')) target = `directory:${withoutTrailing(token, '/')}`;
    else if (token.includes('/') && !/\.[A-Z]\w*$/i.test(token)) target = `directory:${token}`;
    else target = `path:${token.replace(/^\//, '')}`;
    targets.add(target);
  }
  return [...targets];
}

/** The first word of a phrase when it names a known program (backticks allowed). */
function programIn(phrase: string): string | undefined {
  const captured = /^ ?(?:the )?`?([\w.-]+)/.exec(phrase)?.[1];
  // "Don't use npm." ends the sentence with the word: the full stop is not part of the program's name.
  const word = captured === undefined ? undefined : withoutTrailing(captured, '.').toLowerCase();
  return word !== undefined && KNOWN_PROGRAMS.has(word) ? word : undefined;
}

/** The process family a phrase names (tests, lint, …), if any. */
function processOf(phrase: string): string | undefined {
  const word = /^ ?(?:the |all (?:the )?|any )?(tests?|test suite|specs|lint\w*|type[- ]?check\w*|tsc|mypy|build|formatter|prettier)\b/i.exec(phrase)?.[1];
  if (!word) return undefined;
  return PROCESS_WORDS.find(([pattern]) => pattern.test(word))?.[1];
}

/** A commit or push object that names a branch everybody shares ("to main", "directly to master"). */
const PROTECTED_BRANCH = /^ ?(?:anything |changes |code )?(?:directly )?(?:to|into|on|onto) (?:the )?[`"]?(?:origin\/)?(main|master|production|prod|default branch|trunk|develop)\b/i;
/**
 * What may follow "don't commit" / "don't push" when the command itself is forbidden: nothing, a time or a
 * condition ("yet", "until…", "before…", "without…"), or the work as a whole ("anything", "the changes").
 */
const GIT_OBJECT_OF_COMMAND =
  /^ ?(?:$|[.,;:!)—–-](?: |$)|(?:anything|any(?: changes?)?|changes?|the changes|your changes|my changes|code|the code|it|this|these|them|that|yet|now|again|until|unless|before|after|without|automatically|on (?:your|my|their) own|to (?:git|the repo(?:sitory)?|remote|origin|github|gitlab)|(?:to )?the remote|for me|or|and)\b)/i;

/** The command subject of a command verb and its object ("push" → git-push, "run `make deploy`" → prefix). */
function commandSubjectOf(verb: string, object: string): string | undefined {
  const lower = verb.toLowerCase().replace(' ', '-');
  if (lower === 'force-push') return 'git-push-force';
  if (lower === 'push' || lower === 'commit') {
    const family = lower === 'push' ? 'git-push' : 'git-commit';
    if (lower === 'push' && /(?:^| )(?:--force|-f|force)\b/i.test(object)) return 'git-push-force';
    const branch = PROTECTED_BRANCH.exec(object)?.[1]?.toLowerCase();
    // "the default branch" is main or master, whichever the repository has.
    if (branch !== undefined) return `${family}-branch:${branch === 'default branch' ? 'default' : branch}`;
    // "Don't commit secrets", "never push .env files": what may not go into a commit, not the command itself.
    return GIT_OBJECT_OF_COMMAND.test(object) ? family : undefined;
  }
  if (lower === 'install' && /\bglobal(?:ly)?\b|(?:^| )-g\b/i.test(object)) return 'dependency-install-global';
  if (lower === 'rebase') return 'git-rebase';
  if (lower === 'merge') return /\b(?:branch|main|master|pr|pull request|changes)\b/i.test(object) || object.trim() === '' ? 'git-merge' : undefined;
  if (lower === 'install') return 'dependency-install';
  if (lower === 'add') return /\b(?:dependenc(?:y|ies)|packages?|libraries|library|deps)\b/i.test(object) ? 'dependency-install' : undefined;
  const backticked = /`([^`]+)`/.exec(object)?.[1]?.trim();
  if (backticked) return `prefix:${backticked.split(' ').filter((word) => word.length > 0).slice(0, 3).join(' ')}`;
  const process = processOf(object);
  if (process && (lower === 'run' || lower === 'execute')) return `step:${process}`;
  const program = programIn(object);
  if (!program) return undefined;
  if (lower === 'use') return `program:${program}`;
  const next = /^ ?(?:the )?`?[\w.-]+`? ([a-z][\w-]*)/.exec(object)?.[1];
  return next && !/^(?:before|after|when|unless|until|in|on|for|to|again|anymore|yourself)$/.test(next) ? `prefix:${program} ${next}` : `program:${program}`;
}

/** The check family an instruction's words name (see CHECK_FAMILY_WORDS), or undefined. */
export function checkFamilyOf(words: string): string | undefined {
  return CHECK_FAMILY_WORDS.find(([pattern]) => pattern.test(words))?.[1];
}

/** "Failure or 'I cannot answer' will not be tolerated", "Don't give up!": the giving-up words are looked for just before the verdict. */
function forbidsGivingUp(body: string): boolean {
  if (DO_NOT_GIVE_UP.test(body)) return true;
  const verdict = NOT_TOLERATED.exec(body);
  return verdict !== null && GIVING_UP_WORDS.test(body.slice(Math.max(0, verdict.index - GIVING_UP_REACH), verdict.index));
}

/** Constraints stated in one clause. */
function constraintsOfClause(clause: string, step: number, source: ConstraintSource): Constraint[] {
  const make = (kind: Constraint['kind'], targets: string[], subject = '', detail = ''): Constraint => ({ kind, targets, subject, detail, quote: quoteOf(clause), step, source });
  const found: Constraint[] = [];
  // The anchored patterns see the instruction itself, after bullets, labels and soft words.
  const body = withoutLeadIn(clause);
  const forbiddenEdit = FORBIDDEN_EDIT.exec(body);
  if (forbiddenEdit?.groups) {
    const targets = targetsOf(forbiddenEdit.groups.object);
    if (targets.length > 0) found.push(make('forbidden-edit', targets));
  }
  const whitelist = EDIT_WHITELIST.exec(body);
  if (whitelist?.groups && !forbiddenEdit) {
    const targets = targetsOf(whitelist.groups.object).filter((target) => !target.startsWith('class:'));
    if (targets.length > 0) found.push(make('edit-whitelist', targets));
  }
  // "Do not use the web_search tool": a tool, not a command line. Forbidden outright only when nothing qualifies it.
  const forbiddenTool = FORBIDDEN_TOOL.exec(body);
  const namesTool = forbiddenTool?.groups?.toolWord !== undefined;
  const toolName = forbiddenTool?.groups ? withoutTrailing(forbiddenTool.groups.tool, '.') : '';
  if (forbiddenTool?.groups && !forbiddenEdit && UNQUALIFIED_REST.test(forbiddenTool.groups.rest) && !KNOWN_PROGRAMS.has(toolName.toLowerCase())) {
    found.push(make('forbidden-tool', [], toolName));
  }
  const forbiddenCommand = namesTool || found.some((constraint) => constraint.kind === 'forbidden-tool') ? null : FORBIDDEN_COMMAND.exec(body);
  if (forbiddenCommand?.groups && !forbiddenEdit) {
    const subject = commandSubjectOf(forbiddenCommand.groups.verb, forbiddenCommand.groups.object);
    if (subject) found.push(make('forbidden-command', [], subject));
  }
  const preferred = PREFERRED_TOOL.exec(clause) ?? PREFERRED_TOOL_REVERSED.exec(clause);
  if (preferred?.groups) {
    const avoided = withoutTrailing(preferred.groups.avoided.toLowerCase(), '.');
    const chosen = withoutTrailing(preferred.groups.preferred.toLowerCase(), '.');
    if (KNOWN_PROGRAMS.has(avoided) && KNOWN_PROGRAMS.has(chosen) && avoided !== chosen) found.push(make('preferred-tool', [], avoided, chosen));
  }
  const requiredTool = REQUIRED_TOOL.exec(body);
  if (requiredTool?.groups && !preferred && !KNOWN_PROGRAMS.has(requiredTool.groups.tool.toLowerCase())) {
    found.push(make('required-tool', [], requiredTool.groups.tool, requiredTool.groups.mode ?? requiredTool.groups.modeBefore ?? ''));
  }
  const silencing = NO_SILENCING.exec(body);
  const family = silencing?.groups ? checkFamilyOf(silencing.groups.marker ?? silencing.groups.object ?? '') : FIX_RATHER_THAN_SILENCE.test(clause) ? checkFamilyOf(clause) : undefined;
  if (family !== undefined) found.push(make('no-silencing', [], family));
  const answerFormat = ANSWER_FORMAT.exec(body);
  if (answerFormat?.groups) found.push(make('answer-format', [], answerFormat.groups.number ? 'number' : answerFormat.groups.yesNo ? 'yes-no' : 'one-word'));
  // Answer rules of a question-answering task: they hold whatever the clause starts with.
  if (forbidsGivingUp(body)) found.push(make('no-give-up', []));
  if (REQUIRED_VERIFICATION.test(body) && !/^(?:if|when|unless)\b/i.test(body)) found.push(make('verified-answer', []));
  // "Fix it and run the tests before you finish": the order may follow a conjunction.
  const requiredStep = partsOf(body).map((part) => REQUIRED_STEP.exec(withoutLeadIn(part))).find((match) => match !== null);
  // "If there is a test.py file, run test.py…" holds only under a condition the log may not show: not a firm requirement.
  const conditional = /^(?:if|when|whenever|unless|in case|where)\b/i.test(body);
  if (requiredStep?.groups && !forbiddenCommand && !conditional) {
    const family = PROCESS_WORDS.find(([pattern]) => pattern.test(requiredStep.groups?.what ?? ''))?.[1];
    if (family) found.push(make('required-step', [], family));
  }
  return found;
}

/** Constraints stated in a message. `wholeRequest` marks a real prompt, which may be question-only. */
export function extractConstraints(text: string, step: number, source: ConstraintSource, wholeRequest = false): Constraint[] {
  const constraints: Constraint[] = [];
  for (const clause of clausesOf(text)) constraints.push(...constraintsOfClause(clause, step, source));
  const trimmed = text.trim();
  if (wholeRequest && trimmed.length <= QUESTION_MAXIMUM_LENGTH && QUESTION_REQUEST.test(trimmed) && !CHANGE_REQUEST.test(trimmed)) {
    constraints.push({ kind: 'question-only', targets: [], subject: '', detail: '', quote: quoteOf(trimmed), step, source });
  }
  return constraints;
}

/** Permissions a message grants ("go ahead and push", "you can edit the tests now"). */
export function extractPermissions(text: string): Permission[] {
  const permissions: Permission[] = [];
  const editVerb = new RegExp(`^${EDIT_VERBS}$`, 'i');
  for (const clause of clausesOf(text)) {
    const body = withoutLeadIn(clause);
    if (FORBIDDEN_EDIT.test(body) || FORBIDDEN_COMMAND.test(body)) continue;
    const match = partsOf(clause)
      .map((part) => PERMISSION.exec(part) ?? ORDER_PERMISSION.exec(withoutLeadIn(part)))
      .find((found) => found !== null);
    if (!match?.groups) continue;
    const { verb, object } = match.groups;
    if (editVerb.test(verb)) permissions.push({ subject: 'edit', targets: targetsOf(object), quote: quoteOf(clause) });
    else {
      const subject = commandSubjectOf(verb, object) ?? (verb.toLowerCase() === 'add' ? undefined : `verb:${verb.toLowerCase()}`);
      if (subject) permissions.push({ subject, targets: [], quote: quoteOf(clause) });
    }
  }
  return permissions;
}

/** True when a permission lifts a constraint (removes it, or for edits narrows its targets). */
export function applyPermission(constraints: Constraint[], permission: Permission): Constraint[] {
  const kept: Constraint[] = [];
  for (const constraint of constraints) {
    if (permission.subject === 'edit' && (constraint.kind === 'forbidden-edit' || constraint.kind === 'question-only')) {
      if (constraint.kind === 'question-only' || permission.targets.length === 0) continue;
      const targets = constraint.targets.filter((target) => !permission.targets.includes(target));
      if (targets.length > 0) kept.push({ ...constraint, targets });
      continue;
    }
    if (permission.subject === 'edit' && constraint.kind === 'edit-whitelist' && permission.targets.length > 0) {
      kept.push({ ...constraint, targets: [...new Set([...constraint.targets, ...permission.targets])] });
      continue;
    }
    if (constraint.kind === 'forbidden-command' && liftsCommand(permission.subject, constraint.subject)) continue;
    if (constraint.kind === 'preferred-tool' && permission.subject === `program:${constraint.subject}`) continue;
    kept.push(constraint);
  }
  return kept;
}

function liftsCommand(granted: string, forbidden: string): boolean {
  if (granted === forbidden) return true;
  // "Push it" lifts "don't push to main"; "push to main" lifts only that.
  if ((granted === 'git-push' || granted === 'git-push-force') && forbidden.startsWith('git-push-branch:')) return true;
  if (granted === 'git-commit' && forbidden.startsWith('git-commit-branch:')) return true;
  if (granted === 'dependency-install' && forbidden === 'dependency-install-global') return false;
  if (granted === 'git-push-force' && forbidden === 'git-push') return true;
  if (granted === 'git-push' && forbidden === 'git-push-force') return false;
  if (granted.startsWith('prefix:') && forbidden.startsWith('program:')) return granted.slice(7).split(' ')[0] === forbidden.slice(8);
  if (granted.startsWith('program:') && forbidden.startsWith('prefix:')) return forbidden.slice(7).split(' ')[0] === granted.slice(8);
  return false;
}
