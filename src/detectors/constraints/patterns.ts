/**
 * The wording of instructions, as named pattern tables. Every pattern is matched against one clause (see
 * clauses.ts: whitespace runs collapsed to one space, length capped) and the anchored ones against the clause
 * without its lead-in (bullets, labels, soft words), so a bug report that says "this doesn't modify the
 * tests" is not read as an order. Spaces in the patterns are single: the clauses have no runs to backtrack over.
 */

/** Words that forbid. */
const NEGATION = String.raw`(?:do not|don't|dont|never|must not|mustn't|should not|shouldn't|cannot|can't|may not|are not allowed to|aren't allowed to|not allowed to|avoid)`;
/** Verbs that change files. */
export const EDIT_VERBS = String.raw`(?:modify|modifying|touch|touching|edit|editing|change|changing|alter|delete|remove|rewrite|update|overwrite)`;

/** "don't modify the tests", "DO NOT MODIFY: Tests, configuration files". */
export const FORBIDDEN_EDIT = new RegExp(`^${NEGATION} (?:\\w+ )?${EDIT_VERBS}\\b(?::? |:)?(?<object>\\S.*)`, 'i');
/** "only edit files in src/", "change only X", "limit your changes to X". */
export const EDIT_WHITELIST = new RegExp(
  `^(?:(?:only|just) (?:\\w+ )?${EDIT_VERBS}\\b|${EDIT_VERBS} only\\b|(?:limit|restrict|keep) (?:your |all )?(?:changes|edits) (?:to|within)\\b)(?::? |:)?(?<object>\\S.*)`,
  'i',
);
/** "don't push", "never run `make deploy`", "do not install new packages", "don't use npm". */
export const FORBIDDEN_COMMAND = /^(?:do not|don't|dont|never|must not|mustn't|should not|shouldn't|are not allowed to|not allowed to) (?<verb>force[- ]push|push|commit|install|add|run|execute|deploy|merge|rebase|use)\b(?<object>.*)/i;
/**
 * "do not use the web_search tool", "never call `visit_page`", "don't use WebFetch": a tool forbidden outright. The
 * name must be one word; `rest` is what follows it, which must be empty or a plain intensifier (see
 * {@link UNQUALIFIED_REST}): "do not use the Edit tool on generated files" forbids less than the tool.
 */
export const FORBIDDEN_TOOL =
  /^(?:do not|don't|dont|never|must not|mustn't|you must not|you must never|you should not|should not|are not allowed to|not allowed to) (?:use|call|invoke) (?:the |any )?`?(?<tool>[a-z][\w.-]{0,63})`?(?<toolWord> tools?)?(?<rest>.*)/i;
/** What may follow a forbidden tool's name for the prohibition to be outright: nothing, or "at all", "again", "anymore". */
export const UNQUALIFIED_REST = /^[ ,]*(?:(?:at all|again|anymore|any more|whatsoever|in this task|for this task|from now on)[ ,]*)*[.!;:]*$/i;
/**
 * "answer with only a number", "reply with just yes or no", "respond only with one word": the form of the answer
 * to this request.
 */
export const ANSWER_FORMAT =
  /\b(?:answer|reply|respond)(?: to (?:me|this|it))? (?:(?:with|in) )?(?:only|just)(?: (?:with|in))? (?:(?<number>(?:a|the|one) (?:single )?(?:number|integer))|(?<yesNo>(?:a )?["'`]?yes["'`]? or ["'`]?no["'`]?)|(?<word>(?:one|a single) word))\b/i;
/** "use pnpm, not npm", "use uv instead of pip". */
export const PREFERRED_TOOL = /\buse `?(?<preferred>[\w.-]+)`? ?(?:[,(—-] ?)?(?:and )?(?:not|never|instead of|rather than|over) `?(?<avoided>[\w.-]+)`?/i;
/** "instead of npm, use pnpm". */
export const PREFERRED_TOOL_REVERSED = /\b(?:instead of|rather than) `?(?<avoided>[\w.-]+)`?(?:, ?| )use `?(?<preferred>[\w.-]+)`?/i;
/** "use the review_code tool", "always use the `lint` tool with mode strict". */
export const REQUIRED_TOOL = /^(?:always |must |you must |make sure to )?use (?:the )?`?(?<tool>[a-z][\w.-]*)`? tool\b(?: (?:with|in) (?:the )?(?:mode(?: ?[=:] ?| )`?(?<mode>[\w-]+)`?|`?(?<modeBefore>[\w-]+)`? mode))?/i;
/** "run the tests before you finish", "always run lint", "make sure to run the type checker". */
export const REQUIRED_STEP = /^(?:always |make sure (?:to|you) |be sure to |remember to |don't forget to |do not forget to |must |you must |need to )?(?:run|execute|re-?run) (?:the |all (?:the )?|your |a )?(?:[\w-]{1,40} ){0,2}?(?<what>tests?|test suite|specs|lint(?:er|ing)?|type[- ]?check(?:er|s|ing)?|tsc|mypy|build|formatter|prettier)\b/i;
/** "Do not ignore credo lintings", "never skip the pre-commit hooks", "don't use --no-verify or @ts-ignore". */
export const NO_SILENCING = /^(?:do not|don't|dont|never|must not|mustn't|should not|shouldn't|avoid|no) (?:(?:use|add|using|adding) (?<marker>\S{2,40})|(?:ignore|ignoring|skip|skipping|disable|disabling|suppress|suppressing|silence|silencing|bypass|bypassing|mute|muting|comment out) (?<object>.+))/i;
/** "Fix the warnings instead of suppressing them", "rather than disabling the rule". */
export const FIX_RATHER_THAN_SILENCE = /\b(?:instead of|rather than|not by) (?:ignoring|suppressing|silencing|disabling|skipping|muting)\b/i;
/** Check families named by the words of an instruction, most specific first. */
export const CHECK_FAMILY_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/no-verify|pre-?commit|hooks?\b|husky|lefthook|verification/i, 'hooks'],
  [/\[skip ci\]|\bci\b|pipeline|workflow/i, 'ci'],
  [/type[- ]?(?:check|errors?|ignore)|mypy|pyright|dialyzer|tsc\b|typescript|@ts-|type: ?ignore/i, 'types'],
  [/\btests?\b|specs?\b|\.skip|\.only|xfail|pytest\.mark/i, 'tests'],
  [/semgrep|gitleaks|trivy|bandit|snyk|security|secrets? scan/i, 'security'],
  [/lint|credo|rubocop|ruff|flake8|clippy|biome|warnings?|noqa|style/i, 'lint'],
  [/checks?|errors?|failures?|problems?|issues?/i, 'any'],
];

/** What a task says will not be accepted: "… will not be tolerated", "… is not an option". */
export const NOT_TOLERATED = /\b(?:(?:will not|won't) be (?:tolerated|accepted)|(?:is|are) not (?:an option|acceptable)|(?:isn't|aren't) (?:an option|acceptable))\b/i;
/** Giving up, as a task names it before {@link NOT_TOLERATED}: "Failure or 'I cannot answer' or 'None found'". */
export const GIVING_UP_WORDS = /\b(?:failure|giving up|i cannot answer|i can't answer|i don't know|none found)\b/i;
/** Characters before {@link NOT_TOLERATED} searched for {@link GIVING_UP_WORDS}. */
export const GIVING_UP_REACH = 80;
/** "Don't give up!" at the start of a clause. */
export const DO_NOT_GIVE_UP = /^(?:do not|don't|never) give up\b/i;
/** "you must make sure you find the correct answer", "verify your answer", "double-check your final answer" (anywhere in a clause). */
export const REQUIRED_VERIFICATION =
  /\bmake sure (?:that )?you (?:find|get|give|provide) the (?:correct|right) answer\b|\b(?:verify|double[- ]check) your (?:final )?answer\b/i;

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
  /^(?:(?:hey|hi|so|ok|okay)[,!]?\s+)?(?:(?:can|could|would) you\s+(?:please\s+)?)?(?:please\s+)?(?:explain|describe|tell me|walk me through|help me understand|summari[sz]e)\b|^(?:why|what|how|where|which|when|who|is|are|does|do|did|can|could|should)\b[\s\S]*\?\s*$/i;
/** Words that ask for a change (a request containing them is not question-only). */
export const CHANGE_REQUEST =
  /\b(fix|change|implement|add|update|modify|refactor|create|write|remove|delete|rename|edit|set up|install|migrate|convert|replace|patch|improve|optimi[sz]e|make (?:it|the|this|that|sure|those|these|them|all)|apply|commit|push|generate|bump|upgrade|move|do (?:it|that|this|those|these))\b|^(?:(?:ok|okay|so|then|now|great|thanks)[,!.]?\s+)?(?:can|could|would|will) you (?:please )?(?!explain|tell|describe|clarify|walk|help me understand|summari[sz]e|show me|check whether|confirm whether)\w/i;
/** Longest prompt still read as a short question. */
export const QUESTION_MAXIMUM_LENGTH = 600;

/** "ok, go ahead and push", "you can edit the tests now", "feel free to install it" (anywhere in a clause). */
export const PERMISSION = /\b(?:go ahead and|you (?:can|may)(?: now| also)?|feel free to|it'?s (?:ok|okay|fine) to|you(?:'re| are)(?: now)? allowed to|i allow you to) (?:now )?(?<verb>force[- ]push|push|commit|install|add|edit|modify|touch|change|update|delete|remove|run|use|rebase|merge)\b(?<object>[^.!?\n]*)/i;
/** "commit it", "now push", "install zod": an order at the start of a clause (without its lead-in) that grants the command. */
export const ORDER_PERMISSION = /^(?:now )?(?<verb>force[- ]push|push|commit|install)\b(?<object>[^.!?\n]*)/i;

/** Target words in an object phrase, to the file class they name. */
export const TARGET_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(tests?|test files?|test suites?|test cases?|specs?|fixtures?)\b/i, 'class:test'],
  [/\b(config(uration)?( files?)?|settings files?)\b/i, 'class:config'],
  [/\block ?files?\b/i, 'class:lock'],
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
export const RULE_FILE = /(^|\/|\b)(CLAUDE(?:\.local)?\.md|AGENTS(?:\.override)?\.md|GEMINI\.md|\.cursorrules|\.cursor\/rules\/[\w.-]+|copilot-instructions\.md|\.windsurfrules|CONVENTIONS\.md)\b/;
/** Injected user content that carries rule files (Claude Code's claudeMd context, harness reminders). */
export const RULE_FILE_CONTEXT = /CLAUDE(?:\.local)?\.md|AGENTS\.md|GEMINI\.md|\.cursorrules|claudeMd|project instructions/i;

/** Most characters of a message scanned for constraints. */
export const MAXIMUM_SCANNED_CHARACTERS = 40_000;
/** Most characters kept of a quoted clause. */
export const MAXIMUM_QUOTE_LENGTH = 300;
