/**
 * A check silenced instead of fixed: a suppression marker added to code (`# noqa`, `# type: ignore`,
 * `@ts-ignore`, `eslint-disable`, `@dialyzer nowarn`, `credo:disable`, a skipped or focused test), a commit or
 * push with `--no-verify` or `[skip ci]`, an ignore file created or a checker's configuration loosened to
 * hide what it reports. Reported when an instruction in force says to fix such problems rather than silence
 * them (S3, citing the instruction), or when the silencing follows repeated failures of that same check in
 * this session (S4: nobody asked for the check to be switched off). A suppression the developer asked for,
 * or one already in the code, is not reported.
 */
import { baseName, gitOperationOf, processStepsOf, simpleCommandsOf, type Constraint } from './constraints/index.js';
import { defineDetector } from './define.js';

export interface SilencedCheckOptions {
  /** Failures of the same check before a silencing is reported without an instruction. */
  failuresBeforeSilencing: number;
}

/** The kinds of check a suppression silences. */
export type CheckFamily = 'lint' | 'types' | 'tests' | 'hooks' | 'ci' | 'security';

/** One row of the marker table: a suppression written into code. */
export interface SuppressionMarker {
  /** How the finding names it. */
  marker: string;
  /** Matched against added text (global, so added occurrences can be counted). */
  pattern: RegExp;
  family: CheckFamily;
}

/** Suppression markers in code, by language and tool. */
export const SUPPRESSION_MARKERS: readonly SuppressionMarker[] = [
  { marker: '# noqa', pattern: /#[ \t]*noqa\b/g, family: 'lint' },
  { marker: '# pylint: disable', pattern: /#[ \t]*pylint:[ \t]*disable\b/g, family: 'lint' },
  { marker: 'eslint-disable', pattern: /eslint-disable(?:-next-line|-line)?\b/g, family: 'lint' },
  { marker: 'biome-ignore', pattern: /biome-ignore\b/g, family: 'lint' },
  { marker: '//nolint', pattern: /\/\/[ \t]*nolint\b/g, family: 'lint' },
  { marker: 'rubocop:disable', pattern: /rubocop:disable\b/g, family: 'lint' },
  { marker: 'credo:disable', pattern: /credo:disable-for-(?:next-line|this-file|lines?)\b/g, family: 'lint' },
  { marker: '#[allow(…)]', pattern: /#!?\[allow\(/g, family: 'lint' },
  { marker: '@SuppressWarnings', pattern: /@SuppressWarnings\b/g, family: 'lint' },
  { marker: '# type: ignore', pattern: /#[ \t]*type:[ \t]*ignore\b/g, family: 'types' },
  { marker: '# pyright: ignore', pattern: /#[ \t]*pyright:[ \t]*ignore\b/g, family: 'types' },
  { marker: '@ts-ignore', pattern: /@ts-ignore\b/g, family: 'types' },
  { marker: '@ts-expect-error', pattern: /@ts-expect-error\b/g, family: 'types' },
  { marker: '@ts-nocheck', pattern: /@ts-nocheck\b/g, family: 'types' },
  { marker: '@dialyzer nowarn', pattern: /@dialyzer[ \t]*(?:\{[ \t]*:?nowarn|:no_|\[[ \t]*(?:\{[ \t]*)?:?nowarn)/g, family: 'types' },
  { marker: 'pytest skip/xfail', pattern: /@pytest\.mark\.(?:skip|skipif|xfail)\b|\bpytest\.(?:skip|xfail)\(/g, family: 'tests' },
  { marker: 'unittest skip', pattern: /@unittest\.(?:skip|skipIf|skipUnless|expectedFailure)\b/g, family: 'tests' },
  { marker: '.skip(', pattern: /\b(?:it|test|describe|context|suite)\.skip\(|\bx(?:it|describe|test)\(/g, family: 'tests' },
  { marker: '.only(', pattern: /\b(?:it|test|describe|context|suite)\.only\(|\bf(?:it|describe)\(/g, family: 'tests' },
  { marker: '@Disabled', pattern: /@(?:Disabled|Ignore)\b/g, family: 'tests' },
  { marker: 't.Skip', pattern: /\bt\.Skip(?:f|Now)?\(/g, family: 'tests' },
  { marker: '#[ignore]', pattern: /#\[ignore\]/g, family: 'tests' },
  { marker: '@tag :skip', pattern: /@(?:module)?tag[ \t]+:skip\b/g, family: 'tests' },
];

/** Ignore files whose only purpose is to hide what a checker reports, with the check they silence. */
export const CHECKER_IGNORE_FILES: ReadonlyArray<readonly [RegExp, CheckFamily]> = [
  [/^\.(?:eslintignore|prettierignore|stylelintignore|markdownlintignore|codespellignore|rubocop_todo\.yml)$/, 'lint'],
  [/^\.dialyzer_ignore\.exs$|^\.mypy_ignore$/, 'types'],
  [/^\.(?:semgrepignore|gitleaksignore|trivyignore|snyk|bandit|secrets\.baseline)$/, 'security'],
];

/** Checker configuration files, with the check they configure. */
export const CHECKER_CONFIG_FILES: ReadonlyArray<readonly [RegExp, CheckFamily]> = [
  [/^(?:\.credo\.exs|\.flake8|\.pylintrc|pylintrc|ruff\.toml|\.ruff\.toml|\.rubocop\.yml|\.eslintrc(?:\.\w+)?|eslint\.config\.[cm]?[jt]s|biome\.jsonc?|\.golangci\.ya?ml|clippy\.toml)$/, 'lint'],
  [/^(?:mypy\.ini|\.mypy\.ini|pyrightconfig\.json|tsconfig(?:\.[\w-]+)?\.json)$/, 'types'],
  [/^(?:\.pre-commit-config\.ya?ml|lefthook\.ya?ml|\.husky\/[\w-]+)$/, 'hooks'],
];

/** What loosening a checker's configuration looks like in added text. */
const LOOSENING = /\b(?:ignore|ignores|ignored|exclude|excludes|disable|disabled|skip|nowarn|per-file-ignores|extend-ignore|ignore_errors|noqa|strict["']?\s*[:=]\s*false)\b|["']off["']|:\s*0\s*[,}]/i;

/** Commit messages that skip continuous integration. */
const SKIP_CI = /\[(?:skip ci|ci skip|no ci|skip actions|actions skip)\]|\*\*\*NO_CI\*\*\*/i;
/** Environment assignments that switch hooks off (husky, pre-commit's SKIP). */
const HOOKS_OFF_ENVIRONMENT = /(?:^|\s)(?:HUSKY=0|HUSKY_SKIP_HOOKS=1|SKIP=[\w,-]+|LEFTHOOK=0|PRE_COMMIT_ALLOW_NO_CONFIG=1)(?=\s)/;

/** Tool names in a failed run's output, to the check family they belong to. */
const CHECKER_NAMES: ReadonlyArray<readonly [RegExp, CheckFamily]> = [
  [/\b(?:credo|eslint|rubocop|pylint|ruff|flake8|clippy|biome|golangci-lint|stylelint|prettier|black|isort)\b/i, 'lint'],
  [/\b(?:mypy|pyright|dialyzer|tsc|type ?check)\b/i, 'types'],
  [/\b(?:semgrep|gitleaks|trivy|bandit|snyk|detect-secrets)\b/i, 'security'],
  [/\b(?:pytest|jest|vitest|mix test|go test|cargo test|rspec|\d+ (?:tests? )?failed|failures?:)\b/i, 'tests'],
];

/** Characters of a failed run's output searched for checker names. */
const OUTPUT_CHARACTERS = 8000;
/** Most characters of added text searched for markers. */
const ADDED_TEXT_CHARACTERS = 50_000;

interface State {
  /** Failures so far of each check family. */
  failures: Partial<Record<CheckFamily, number>>;
  /** Calls waiting for their result: call id → the families whose failure the result would show. */
  pending: Record<string, CheckFamily[]>;
}

interface Silencing {
  family: CheckFamily;
  marker: string;
  where: string;
}

/** How many times a global pattern occurs in a text. */
function occurrences(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  let count = 0;
  while (pattern.exec(text) !== null) count++;
  pattern.lastIndex = 0;
  return count;
}

/** Markers the edit adds (more occurrences in the new text than in the old). */
function addedMarkers(oldText: string, newText: string, file: string): Silencing[] {
  const found: Silencing[] = [];
  const before = oldText.slice(0, ADDED_TEXT_CHARACTERS);
  const after = newText.slice(0, ADDED_TEXT_CHARACTERS);
  for (const row of SUPPRESSION_MARKERS) {
    // Most markers are in neither text: the old text is searched only when the new one has the marker.
    const added = occurrences(row.pattern, after);
    if (added > 0 && added > occurrences(row.pattern, before)) found.push({ family: row.family, marker: row.marker, where: file });
  }
  const name = baseName(file);
  const config = CHECKER_CONFIG_FILES.find(([pattern]) => pattern.test(name) || pattern.test(file.split('/').slice(-2).join('/')));
  if (config && LOOSENING.test(after) && !LOOSENING.test(before)) found.push({ family: config[1], marker: `loosened ${name}`, where: file });
  return found;
}

/** True when a `git commit` carries `-n` (no-verify) among its short flags (`-n`, `-an`, `-nm`), before its message. */
function commitSkipsHooks(simpleCommand: string): boolean {
  for (const word of simpleCommand.split(' ').slice(2)) {
    if (word === '-m' || word === '-F' || word === '--message' || word.startsWith('--message=')) return false;
    if (word.startsWith('-') && !word.startsWith('--') && /^-[a-z]+$/i.test(word) && word.includes('n')) return true;
  }
  return false;
}

/** Check families a command runs (for counting its failures). */
function familiesRun(commandLine: string): CheckFamily[] {
  const families: CheckFamily[] = [];
  const steps = processStepsOf(commandLine);
  if (steps.includes('tests')) families.push('tests');
  if (steps.includes('lint')) families.push('lint');
  if (steps.includes('typecheck')) families.push('types');
  if (/\b(?:semgrep|gitleaks|trivy|bandit|snyk)\b/.test(commandLine)) families.push('security');
  if (/\bgh run (?:view|watch)\b|\bgh pr checks\b/.test(commandLine)) families.push('ci');
  return families;
}

export default defineDetector<SilencedCheckOptions>({
  id: 'silenced-check',
  meta: {
    category: 'did-not-follow-instructions',
    form: 'S3',
    requiresLlm: false,
    description: 'A check silenced instead of fixed (suppression markers, skipped tests, --no-verify, [skip ci], ignore files), against an instruction or after that check failed repeatedly.',
    messages: {
      silencedAgainstInstruction: '{{marker}} ({{where}}) silences the {{family}} check although {{source}} says: "{{constraint}}"',
      silencedAfterFailures: '{{marker}} ({{where}}) silences the {{family}} check after it failed {{failures}} times, instead of fixing what it reports',
    },
    defaultOptions: { failuresBeforeSilencing: 2 },
    defaultConfidence: 0.85,
  },
  create(context, options) {
    const state = context.state<State>(() => ({ failures: {}, pending: {} }));
    const instructions = context.facts.instructions;

    const instructionAgainst = (family: CheckFamily): Constraint | undefined => {
      let found: Constraint | undefined;
      for (const constraint of instructions.constraints) if (constraint.kind === 'no-silencing' && (constraint.subject === family || constraint.subject === 'any')) found = constraint;
      return found;
    };

    const judge = (silencings: Silencing[], stepIndex: number) => {
      for (const silencing of silencings) {
        // The developer asked for a suppression ("add # noqa to that line", "commit with --no-verify").
        const asked = instructions.requestFor('silence');
        if (asked?.firm && (asked.source === 'prompt' || asked.source === 'approval')) continue;
        const signature = `silenced-check:${silencing.family}:${silencing.marker}:${silencing.where}`;
        const constraint = instructionAgainst(silencing.family);
        const data = { family: silencing.family, marker: silencing.marker, where: silencing.where };
        if (constraint) {
          const steps = constraint.step >= 0 && constraint.step < stepIndex ? [constraint.step, stepIndex] : [stepIndex];
          context.report({ messageId: 'silencedAgainstInstruction', steps, data: { ...data, constraint: constraint.quote, source: constraint.label ?? 'the user', constraintStep: constraint.step }, signature, confidence: 0.9 });
          continue;
        }
        const failures = state.failures[silencing.family] ?? 0;
        if (failures >= options.failuresBeforeSilencing) {
          context.report({ messageId: 'silencedAfterFailures', steps: [stepIndex], data: { ...data, failures }, signature, confidence: 0.8, category: 'unrequested-changes', form: 'S4' });
        }
      }
    };

    return {
      'tool-call'(step) {
        const effects = step.effects;
        const silencings: Silencing[] = [];
        for (const edit of effects.edits) if (edit.newText) silencings.push(...addedMarkers(edit.oldText ?? '', edit.newText, context.facts.normalizePath(edit.file)));
        const input = step.input as Record<string, unknown> | null;
        const content = input && typeof input === 'object' ? (typeof input.content === 'string' ? input.content : typeof input.file_text === 'string' ? input.file_text : undefined) : undefined;
        for (const raw of effects.filesWritten) {
          const file = context.facts.normalizePath(raw);
          const ignoreFile = CHECKER_IGNORE_FILES.find(([pattern]) => pattern.test(baseName(file)));
          if (ignoreFile && context.facts.fileVersion(raw) === 0) silencings.push({ family: ignoreFile[1], marker: `created ${baseName(file)}`, where: file });
          else if (content !== undefined && effects.filesWritten.length === 1) silencings.push(...addedMarkers('', content, file));
        }
        const pendingFamilies: CheckFamily[] = [];
        for (const commandLine of effects.commands) {
          for (const simple of simpleCommandsOf(commandLine)) {
            const operation = gitOperationOf(simple);
            if (operation === 'git-commit' || operation === 'git-push') {
              const skipsHooks = simple.includes(' --no-verify') || (operation === 'git-commit' && commitSkipsHooks(simple));
              if (skipsHooks || HOOKS_OFF_ENVIRONMENT.test(` ${commandLine} `)) silencings.push({ family: 'hooks', marker: '--no-verify', where: `\`${simple.slice(0, 80)}\`` });
              if (operation === 'git-commit' && SKIP_CI.test(commandLine)) silencings.push({ family: 'ci', marker: '[skip ci]', where: `\`${simple.slice(0, 80)}\`` });
              if (operation === 'git-commit') pendingFamilies.push('hooks');
            }
          }
          pendingFamilies.push(...familiesRun(commandLine));
        }
        if (pendingFamilies.length > 0) state.pending[step.callId] = [...new Set(pendingFamilies)];
        judge(silencings, step.index);
      },
      'tool-result'(step) {
        const families = state.pending[step.callId];
        if (families === undefined) return;
        delete state.pending[step.callId];
        if (!step.isError || step.rejected) return;
        const failed = new Set<CheckFamily>(families);
        // A commit stopped by its hooks shows which checker failed in the hook's output.
        if (families.includes('hooks')) {
          const output = step.output.slice(0, OUTPUT_CHARACTERS);
          for (const [pattern, family] of CHECKER_NAMES) if (pattern.test(output)) failed.add(family);
        }
        for (const family of failed) state.failures[family] = (state.failures[family] ?? 0) + 1;
      },
      user(step) {
        // The developer speaking again starts a fresh count: their next request may be to silence the check.
        if (step.origin === 'prompt' && !step.queued && step.sidechain === undefined) state.failures = {};
      },
    };
  },
});

