/**
 * Patterns recheck flags in the files issue 11's rewrite owns (the constraint and claim detectors): they cannot be
 * changed on this branch, so the ReDoS test expects them to be flagged until the rewrite lands, and fails when one
 * is no longer flagged or no longer exists (remove it here then). Each entry says what recheck's attack looks like
 * and how to write the pattern in linear time.
 */
import {
  EDIT_WHITELIST,
  FORBIDDEN_COMMAND,
  FORBIDDEN_EDIT,
  PERMISSION,
  PREFERRED_TOOL_REVERSED,
  REQUIRED_STEP,
  REQUIRED_TOOL,
  RULE_FILE_CONTEXT,
} from '../../src/detectors/constraints/patterns.js';
import { TESTS_REQUESTED } from '../../src/detectors/constraints/scope.js';

/** One flagged pattern awaiting the rewrite. */
export interface OwnedPattern {
  /** The constant or the place in the file. */
  name: string;
  file: string;
  source: string;
  flags: string;
  /** How to make it linear. */
  suggestedRewrite: string;
}

/** LEAD_IN of patterns.ts, the lead-in of five constraint patterns. */
const LEAD_IN_REWRITE =
  'LEAD_IN: make each repetition deterministic — `#+(?!#)` so a run of # is taken whole (not split across iterations: exponential on a 44-# banner), and drop `and you` from the soft words (`and` then `you` already match it: exponential on "and you and you …"); better, strip the lead-in with a small loop before matching and cap the clause (e.g. 2,000 characters).';

function owned(name: string, file: string, pattern: RegExp, suggestedRewrite: string): OwnedPattern {
  return { name, file, source: pattern.source, flags: pattern.flags, suggestedRewrite };
}

export const PATTERNS_OWNED_BY_ISSUE_11_REWRITE: readonly OwnedPattern[] = [
  owned('FORBIDDEN_EDIT', 'src/detectors/constraints/patterns.ts', FORBIDDEN_EDIT, `${LEAD_IN_REWRITE} Also \`\\s*:?\\s*\` → \`\\s*(?::\\s*)?\` (two adjacent \\s* share a whitespace run: quadratic before a failing \`.+\`).`),
  owned('EDIT_WHITELIST', 'src/detectors/constraints/patterns.ts', EDIT_WHITELIST, `${LEAD_IN_REWRITE} Also \`\\s*:?\\s*\` → \`\\s*(?::\\s*)?\`.`),
  owned('FORBIDDEN_COMMAND', 'src/detectors/constraints/patterns.ts', FORBIDDEN_COMMAND, LEAD_IN_REWRITE),
  owned('REQUIRED_TOOL', 'src/detectors/constraints/patterns.ts', REQUIRED_TOOL, LEAD_IN_REWRITE),
  owned('REQUIRED_STEP', 'src/detectors/constraints/patterns.ts', REQUIRED_STEP, LEAD_IN_REWRITE),
  owned('PERMISSION', 'src/detectors/constraints/patterns.ts', PERMISSION, LEAD_IN_REWRITE),
  owned('PREFERRED_TOOL_REVERSED', 'src/detectors/constraints/patterns.ts', PREFERRED_TOOL_REVERSED, '`\\s*,?\\s*use` → `\\s*(?:,\\s*)?use` (two adjacent \\s* split a whitespace run in every way).'),
  owned('RULE_FILE_CONTEXT', 'src/detectors/constraints/patterns.ts', RULE_FILE_CONTEXT, '`Contents of [^\\n]*\\.md` reads each line to its end once per "Contents of": bound it (`Contents of [^\\n]{0,300}?\\.md`) or test `includes("Contents of ")` and the `.md` separately.'),
  owned('TESTS_REQUESTED', 'src/detectors/constraints/scope.ts', TESTS_REQUESTED, '`[^.\\n]{0,40}(?<!non-)\\b(tests?|specs?)` is tried from every verb of a long run of verbs ("add-add-…"): start the verb only where no word character precedes (`(?<![\\w-])`) or test clauses of bounded length.'),
  {
    name: 'TESTS_PASS',
    file: 'src/detectors/constraints/claims.ts',
    source: String.raw`\b(?:all|the|existing|relevant|remaining|unit|new|other)?\s*(?:[\w-]+\s+){0,2}?(?:tests|test suite)\s+(?:(?:now|all|also|still)\s+)?(?:pass(?:ed|es)?|are passing|(?:ran|run) successfully|succeed(?:ed)?|(?:are\s+)?green)\b|\ball (?:\d+ )?(?:tests|checks) (?:pass(?:ed)?|succeeded)\b`,
    flags: 'i',
    suggestedRewrite: '`(?:[\\w-]+\\s+){0,2}?` reads a long hyphenated run from each of its word starts: start words only after a non-word character (`(?<![\\w-])[\\w-]+`) or bound them (`[\\w-]{1,40}`).',
  },
  {
    name: 'FIXED',
    file: 'src/detectors/constraints/claims.ts',
    source: String.raw`\b(?:is|are|has been|have been|was|now)\s+(?:now\s+)?(?:fixed|resolved|working(?: correctly| as expected)?)\b|\b(?:works|working) (?:now|correctly|as expected)\b|\bnow works\b|\bsuccessfully (?:fixed|resolved)\b|\bi(?:'ve| have)\s+(?:fixed|resolved)\b`,
    flags: 'i',
    suggestedRewrite: 'recheck’s fuzzer finds a quadratic attack ("now " repeated around a non-match) on some runs only, and V8 matched it in linear time here; `now\\s+(?:now\\s+)?` lets two alternatives share a "now": write `(?:is|are|has been|have been|was|now)\\s+(?:(?<!now\\s+)now\\s+)?` or drop the optional second `now` (it adds nothing to the first branch).',
  },
  {
    name: 'COORDINATED_INSTRUCTION',
    file: 'src/detectors/constraints/extract.ts',
    source: String.raw`(?:,\s*|\s+)(?:and|but|also|then|plus)\s+(?=(?:do not|don't|dont|never|please|only|always|avoid|make sure)\b)|\s+[—–]\s+(?=(?:do not|don't|dont|never|please|only|always|avoid|make sure)\b)`,
    flags: 'i',
    suggestedRewrite: 'the unanchored `\\s+` restarts at every character of a whitespace run: `(?<!\\s)\\s+` (start at the run’s first character), or collapse whitespace once (`replace(/\\s+/g, " ")`) before splitting.',
  },
  {
    name: 'targetsOf token trim',
    file: 'src/detectors/constraints/extract.ts',
    source: String.raw`[.,;:!?]+$`,
    flags: '',
    suggestedRewrite: 'trim with a loop: `withoutTrailing(raw, ".,;:!?")` from src/trajectory/linear-text.ts.',
  },
  {
    name: 'trailing-slash trim of directory targets (targetsOf)',
    file: 'src/detectors/constraints/extract.ts',
    source: String.raw`\/+$`,
    flags: '',
    suggestedRewrite: '`withoutTrailing(token, "/")` from src/trajectory/linear-text.ts.',
  },
  {
    name: 'preferred tool name trim (avoided, chosen)',
    file: 'src/detectors/constraints/extract.ts',
    source: String.raw`\.+$`,
    flags: '',
    suggestedRewrite: '`withoutTrailing(name, ".")` from src/trajectory/linear-text.ts.',
  },
  {
    name: 'clause split before REQUIRED_STEP and PERMISSION',
    file: 'src/detectors/constraints/extract.ts',
    source: String.raw`,\s*|\s+(?:and|then)\s+`,
    flags: '',
    suggestedRewrite: '`,\\s*|(?<!\\s)\\s+(?:and|then)\\s+` (start at the first character of a whitespace run).',
  },
  {
    name: 'SCRIPT_TEST',
    file: 'src/detectors/unsupported-success-claim.ts',
    source: String.raw`\bpython3?\s+(?:-\w+\s+)*(\S+\/)?\w*(test|repro|reproduce|verify|check)\w*\.py\b|\bnode\s+(\S+\/)?\w*(test|repro)\w*\.[cm]?js\b`,
    flags: '',
    suggestedRewrite: '`(\\S+\\/)?\\w*(test|…)\\w*` tries every split of a long argument: take the script argument with split(/\\s+/), then test its base name with `^(?=\\w*(?:test|repro|reproduce|verify|check))\\w+\\.py$`.',
  },
  {
    name: 'FILE_NAME',
    file: 'src/detectors/unsupported-success-claim.ts',
    source: String.raw`[\w.-]+\.[A-Za-z][A-Za-z0-9]{0,7}\b`,
    flags: 'g',
    suggestedRewrite: '`(?<![\\w.-])[\\w.-]+\\.[A-Za-z][A-Za-z0-9]{0,7}\\b` (start only where a name starts: a later start inside the same run cannot match when the first did not).',
  },
];
