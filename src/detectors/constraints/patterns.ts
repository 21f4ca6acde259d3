/**
 * The wording of instructions, as named pattern tables. Every pattern is matched against one clause (a
 * line or a sentence) and is anchored at the clause start, so a bug report that says "this doesn't modify
 * the tests" is not read as an order.
 */

/**
 * Bullets, numbering, heading marks, a reported-speech opening ("The user said:", as compaction summaries
 * restate instructions) and soft lead-in words allowed before an instruction. Each repeated
 * part consumes its characters in exactly one way (one bullet or space character, or one number with its
 * terminator; one word and its spaces), so a long run of `#`, `-` or spaces is matched in linear time.
 */
const LEAD_IN = String.raw`^(?:[-*•>#\s]|\d{1,3}[.)])*(?:(?:important|note|rule|constraint)s?[ \t]*:\s*)?(?:(?:the )?(?:user|developer) (?:said|says|asked|wants|requested|required|insisted)(?: that)?[ \t]*:?\s*)?(?:(?:please|and|but|also|so|then|you)\s+)*`;
/** Words that forbid. */
const NEGATION = String.raw`(?:do not|don't|dont|never|must not|mustn't|should not|shouldn't|cannot|can't|may not|are not allowed to|aren't allowed to|not allowed to|avoid)`;
/** Verbs that change files. */
export const EDIT_VERBS = String.raw`(?:modify|modifying|touch|touching|edit|editing|change|changing|alter|delete|remove|rewrite|update|overwrite)`;

/** "don't modify the tests", "DO NOT MODIFY: Tests, configuration files". */
export const FORBIDDEN_EDIT = new RegExp(`${LEAD_IN}${NEGATION}\\s+(?:\\w+\\s+)?${EDIT_VERBS}\\b\\s*:?\\s*(?<object>.+)`, 'i');
/** "only edit files in src/", "change only X", "limit your changes to X". */
export const EDIT_WHITELIST = new RegExp(
  `${LEAD_IN}(?:(?:only|just)\\s+(?:\\w+\\s+)?${EDIT_VERBS}\\b|${EDIT_VERBS}\\s+only\\b|(?:limit|restrict|keep)\\s+(?:your\\s+|all\\s+)?(?:changes|edits)\\s+(?:to|within)\\b)\\s*:?\\s*(?<object>.+)`,
  'i',
);
/** "don't push", "never run `make deploy`", "do not install new packages", "don't use npm". */
export const FORBIDDEN_COMMAND = new RegExp(
  `${LEAD_IN}(?:do not|don't|dont|never|must not|mustn't|should not|shouldn't|are not allowed to|not allowed to)\\s+(?<verb>force[- ]push|push|commit|install|add|run|execute|deploy|merge|rebase|use)\\b(?<object>.*)`,
  'i',
);
/** "use pnpm, not npm", "use uv instead of pip". */
export const PREFERRED_TOOL = /\buse\s+`?(?<preferred>[\w.-]+)`?\s*(?:[,(—-]\s*)?(?:and\s+)?(?:not|never|instead of|rather than|over)\s+`?(?<avoided>[\w.-]+)`?/i;
/** "instead of npm, use pnpm". */
export const PREFERRED_TOOL_REVERSED = /\b(?:instead of|rather than)\s+`?(?<avoided>[\w.-]+)`?\s*,?\s*use\s+`?(?<preferred>[\w.-]+)`?/i;
/** "use the review_code tool", "always use the `lint` tool with mode strict". */
export const REQUIRED_TOOL = new RegExp(
  `${LEAD_IN}(?:always\\s+|must\\s+|you must\\s+|make sure to\\s+)?use\\s+(?:the\\s+)?\`?(?<tool>[A-Za-z][\\w.-]*)\`?\\s+tool\\b(?:\\s+(?:with|in)\\s+(?:the\\s+)?(?:mode\\s*[=:]?\\s*\`?(?<mode>[\\w-]+)\`?|\`?(?<modeBefore>[\\w-]+)\`?\\s+mode))?`,
  'i',
);
/** "run the tests before you finish", "always run lint", "make sure to run the type checker". */
export const REQUIRED_STEP = new RegExp(
  `${LEAD_IN}(?:always\\s+|make sure (?:to|you)\\s+|be sure to\\s+|remember to\\s+|don't forget to\\s+|do not forget to\\s+|must\\s+|you must\\s+|need to\\s+)?(?:run|execute|re-?run)\\s+(?:the\\s+|all\\s+(?:the\\s+)?|your\\s+|a\\s+)?(?:[\\w-]+\\s+){0,2}?(?<what>tests?|test suite|specs|lint(?:er|ing)?|type[- ]?check(?:er|s|ing)?|tsc|mypy|build|formatter|prettier)\\b`,
  'i',
);
/** "Do not ignore credo lintings", "never skip the pre-commit hooks", "don't use --no-verify or @ts-ignore". */
export const NO_SILENCING = new RegExp(
  `${LEAD_IN}(?:do not|don't|dont|never|must not|mustn't|should not|shouldn't|avoid|no)\\s+(?:(?:use|add|using|adding)\\s+(?<marker>\\S{2,40})|(?:ignore|ignoring|skip|skipping|disable|disabling|suppress|suppressing|silence|silencing|bypass|bypassing|mute|muting|comment out)\\s+(?<object>.+))`,
  'i',
);
/** "Fix the warnings instead of suppressing them", "rather than disabling the rule". */
export const FIX_RATHER_THAN_SILENCE = /\b(?:instead of|rather than|not by)\s+(?:ignoring|suppressing|silencing|disabling|skipping|muting)\b/i;
/** Check families named by the words of an instruction, most specific first. */
export const CHECK_FAMILY_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/--no-verify|no-verify|pre-?commit|hooks?\b|husky|lefthook|verification/i, 'hooks'],
  [/\[skip ci\]|\bci\b|pipeline|workflow/i, 'ci'],
  [/type[- ]?(?:check|errors?|ignore)|mypy|pyright|dialyzer|tsc\b|typescript|@ts-|type: ?ignore/i, 'types'],
  [/\btests?\b|specs?\b|\.skip|\.only|xfail|pytest\.mark/i, 'tests'],
  [/semgrep|gitleaks|trivy|bandit|snyk|security|secrets? scan/i, 'security'],
  [/lint|credo|eslint|rubocop|pylint|ruff|flake8|clippy|biome|warnings?|noqa|nolint|eslint-disable|style/i, 'lint'],
  [/checks?|checkers?|errors?|failures?|problems?|issues?/i, 'any'],
];

/** Process words to their step families. */
export const PROCESS_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(tests?|test suite|specs)$/i, 'tests'],
  [/^lint/i, 'lint'],
  [/^(type[- ]?check|tsc|mypy)/i, 'typecheck'],
  [/^build$/i, 'build'],
  [/^(formatter|prettier)$/i, 'format'],
];

/** A request that only asks a question or for an explanation. */
export const QUESTION_REQUEST =
  /^(?:(?:hey|hi|so|ok|okay)[,!]?\s+)?(?:(?:can|could|would) you\s+(?:please\s+)?)?(?:please\s+)?(?:explain|describe|tell me|walk me through|help me understand|summari[sz]e)\b|^(?:why|what|how|where|which|when|who|is|are|does|do|did|can|could|should)\b[^]*\?\s*$/i;
/** Words that ask for a change (a request containing them is not question-only). */
export const CHANGE_REQUEST =
  /\b(fix|change|implement|add|update|modify|refactor|create|write|remove|delete|rename|edit|set up|install|migrate|convert|replace|patch|improve|optimi[sz]e|make (?:it|the|this|that|sure|those|these|them|all)|apply|commit|push|generate|bump|upgrade|move|do (?:it|that|this|those|these))\b|^(?:(?:ok|okay|so|then|now|great|thanks)[,!.]?\s+)?(?:can|could|would|will) you (?:please )?(?!explain|tell|describe|clarify|walk|help me understand|summari[sz]e|show me|check whether|confirm whether)\w/i;
/** Longest prompt still read as a short question. */
export const QUESTION_MAXIMUM_LENGTH = 600;

/** "ok, go ahead and push", "you can edit the tests now", "feel free to install it". */
export const PERMISSION = new RegExp(
  `(?:\\bgo ahead and|\\byou (?:can|may) (?:now |also )?|\\bfeel free to|\\bit'?s (?:ok|okay|fine) to|\\byou(?:'re| are) (?:now )?allowed to|\\bi allow you to|${LEAD_IN}(?:now\\s+)?(?=(?:commit|push|install)\\b))\\s*(?:now\\s+)?(?<verb>force[- ]push|push|commit|install|add|edit|modify|touch|change|update|delete|remove|run|use|rebase|merge)\\b(?<object>[^.!?\\n]*)`,
  'i',
);

/** Target words in an object phrase, to the file class they name. */
export const TARGET_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(tests?|test files?|test suites?|test cases?|specs?|fixtures?)\b/i, 'class:test'],
  [/\b(config(uration)?( files?)?|settings files?)\b/i, 'class:config'],
  [/\b(lock ?files?|lockfiles?)\b/i, 'class:lock'],
  [/\b(CI|workflows?|pipelines?)\b/, 'class:ci'],
  [/\b(docs|documentation)\b/i, 'class:docs'],
];

/** Programs a developer names when choosing or forbidding tools. */
export const KNOWN_PROGRAMS = new Set([
  'npm', 'pnpm', 'yarn', 'bun', 'npx', 'pnpx', 'pip', 'pip3', 'uv', 'poetry', 'conda', 'pipenv', 'python', 'python3', 'node', 'deno',
  'docker', 'podman', 'kubectl', 'make', 'git', 'sudo', 'curl', 'wget', 'cargo', 'go', 'sed', 'awk', 'vim', 'nano', 'jest', 'vitest',
  'mocha', 'pytest', 'unittest', 'tox', 'nox', 'black', 'ruff', 'eslint', 'prettier', 'tsc', 'mypy', 'gradle', 'mvn', 'rm', 'find', 'grep', 'rg',
]);

/** Names of project rule files whose contents are instructions. */
export const RULE_FILE = /(^|\/|\b)(CLAUDE\.md|AGENTS\.md|GEMINI\.md|\.cursorrules|\.cursor\/rules\/[\w.-]+|copilot-instructions\.md|\.windsurfrules|CONVENTIONS\.md)\b/;
/** Injected user content that carries rule files (Claude Code's claudeMd context, harness reminders). */
export const RULE_FILE_CONTEXT = /(CLAUDE\.md|AGENTS\.md|GEMINI\.md|\.cursorrules|claudeMd|project instructions|Contents of [^\n]*\.md)/i;

/** Most characters of a message scanned for constraints. */
export const MAXIMUM_SCANNED_CHARACTERS = 40_000;
/** Most characters kept of a quoted clause. */
export const MAXIMUM_QUOTE_LENGTH = 300;
