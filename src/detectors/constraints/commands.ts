/**
 * Families of shell commands the instruction and scope detectors recognise: outward or destructive git
 * operations, dependency installs, and process steps (tests, lint, type check, build, format).
 */
import { shellCommandEffects } from '../../trajectory/shell-effects.js';

/** Git operations that change history, discard work or reach other machines, by family id. */
export const GIT_OPERATIONS: Readonly<Record<string, RegExp>> = {
  'git-commit': /^git( -\S+)* commit\b/,
  'git-push': /^git( -\S+)* push\b/,
  'git-reset-hard': /^git( -\S+)* reset\b.*--hard\b/,
  'git-branch-delete': /^git( -\S+)* branch\b.*\s(-D|-d|--delete)\b/,
  'git-clean': /^git( -\S+)* clean\b.*\s-\w*f/,
  'git-rebase': /^git( -\S+)* rebase\b/,
  'git-merge': /^git( -\S+)* merge\b/,
  'git-checkout-discard': /^git( -\S+)* (checkout|restore)\b.*\s(--|\.)(\s|$)/,
};

/** Commands that add a dependency to the project or environment (a package name must follow). */
export const DEPENDENCY_INSTALL =
  /^(?:npm (?:install|i|add)|pnpm (?:add|install|i)|yarn add|bun add|pip3? install|python3? -m pip install|uv (?:add|pip install)|poetry add|cargo add|go get|gem install|bundle add|composer require|apt(?:-get)? install|brew install|conda install) (?!-r\b)(?!--requirement\b)(?!-e \.\S*$)(?!\.\S*$)(?=.*[a-z@])/i;

/** Process steps a developer can require, with the commands that perform them. */
export const PROCESS_STEPS: Readonly<Record<string, RegExp>> = {
  tests:
    /(^|\s|\/)(pytest|py\.test|runtests\.py|tox|nox|vitest|jest|mocha|ava|rspec|phpunit|ctest)\b|\bpython3? -m (pytest|unittest)\b|\bmanage\.py test\b|\b(npm|pnpm|yarn|bun)( run)? test\b|\b(go|cargo|mvn|gradle|gradlew|dotnet|mix|swift) test\b|\bmake (test|check)\b|\bbin\/test\b/,
  lint: /\b(eslint|ruff|flake8|pylint|golangci-lint|clippy|rubocop|shellcheck|biome)\b|\b(npm|pnpm|yarn|bun)( run)? lint\b|\bmake lint\b/,
  typecheck: /\b(tsc|mypy|pyright|flow check)\b|\b(npm|pnpm|yarn|bun)( run)? (typecheck|type-check|tsc)\b/,
  build: /\b(npm|pnpm|yarn|bun)( run)? build\b|\b(cargo|go|mvn|gradle|dotnet) build\b|\bmake\b(?! (test|check|lint))|\bpython3? -m build\b/,
  format: /\b(prettier|black|gofmt|rustfmt|isort)\b|\bruff format\b|\b(npm|pnpm|yarn|bun)( run)? (format|fmt)\b|\bcargo fmt\b/,
};

/** The simple commands (words joined by single spaces, wrappers removed) of a command line. */
export function simpleCommandsOf(commandLine: string): string[] {
  return shellCommandEffects(commandLine).simpleCommands;
}

/** Program name of a simple command (path stripped). */
export function programOf(simpleCommand: string): string {
  const space = simpleCommand.indexOf(' ');
  const first = space === -1 ? simpleCommand : simpleCommand.slice(0, space);
  return first.slice(first.lastIndexOf('/') + 1);
}

/** The second word of a simple command (words are joined by single spaces), or undefined. */
export function secondWordOf(simpleCommand: string): string | undefined {
  const space = simpleCommand.indexOf(' ');
  if (space === -1) return undefined;
  const next = simpleCommand.indexOf(' ', space + 1);
  return next === -1 ? simpleCommand.slice(space + 1) : simpleCommand.slice(space + 1, next);
}

/** The git operations as a list, in their table's order (made once, not at every command). */
const GIT_OPERATION_ENTRIES = Object.entries(GIT_OPERATIONS);

/** The git operation family of a simple command, or undefined. */
export function gitOperationOf(simpleCommand: string): string | undefined {
  // Every pattern of the table starts with `^git`: another command is answered without trying them.
  if (!simpleCommand.startsWith('git')) return undefined;
  for (const [family, pattern] of GIT_OPERATION_ENTRIES) if (pattern.test(simpleCommand)) return family;
  return undefined;
}

/** True when the simple command installs a named dependency. */
export function isDependencyInstall(simpleCommand: string): boolean {
  return DEPENDENCY_INSTALL.test(simpleCommand);
}

/** The process steps as a list, in their table's order (made once, not at every command line). */
const PROCESS_STEP_ENTRIES = Object.entries(PROCESS_STEPS);

/** Most command lines whose process steps are remembered (several detectors ask about the same line in one step). */
const MAXIMUM_REMEMBERED_PROCESS_STEPS = 64;
const rememberedProcessSteps = new Map<string, readonly string[]>();

/** The process steps (tests, lint, …) a command line performs (remembered for recent lines; do not change the list). */
export function processStepsOf(commandLine: string): readonly string[] {
  const remembered = rememberedProcessSteps.get(commandLine);
  if (remembered) return remembered;
  const steps: string[] = [];
  for (const [family, pattern] of PROCESS_STEP_ENTRIES) if (pattern.test(commandLine)) steps.push(family);
  if (rememberedProcessSteps.size >= MAXIMUM_REMEMBERED_PROCESS_STEPS) rememberedProcessSteps.delete(rememberedProcessSteps.keys().next().value as string);
  rememberedProcessSteps.set(commandLine, steps);
  return steps;
}

/** What a command is judged against besides its words: the branch checked out, where the log says. */
export interface CommandContext {
  gitBranch?: string;
}

/** The branch a `git push` or `git commit` names or acts on (`git push origin main`, or the branch checked out). */
function branchOf(simpleCommand: string, context: CommandContext): string | undefined {
  const words = simpleCommand.split(' ').filter((word) => !word.startsWith('-'));
  if (words[1] === 'push' || (words[0] === 'git' && words.includes('push'))) {
    const position = words.indexOf('push');
    const refspec = words[position + 2];
    const target = refspec?.split(':').pop()?.replace(/^refs\/heads\//, '');
    // `git push origin HEAD` pushes the branch checked out.
    if (target !== undefined && target !== 'HEAD' && target !== '@') return target;
  }
  return context.gitBranch;
}

/** The branch a `git switch` / `git checkout` makes current, or undefined (`git checkout -- file` and the like). */
export function branchSwitchedTo(simpleCommand: string): string | undefined {
  const words = simpleCommand.split(' ');
  if (words[0] !== 'git' || (words[1] !== 'switch' && words[1] !== 'checkout')) return undefined;
  if (words.includes('--')) return undefined;
  const creating = words.findIndex((word) => word === '-b' || word === '-B' || word === '-c' || word === '-C' || word === '--create');
  if (creating !== -1) return words[creating + 1];
  const names = words.slice(2).filter((word) => !word.startsWith('-'));
  // `git checkout src/a.ts` restores a file: a name with an extension or several names is not a branch.
  if (names.length !== 1 || (words[1] === 'checkout' && /\.[a-z]{1,6}$/i.test(names[0]))) return undefined;
  return names[0];
}

/** True when a simple command belongs to a forbidden-command subject (family id, `program:` or `prefix:`). */
export function commandMatchesSubject(simpleCommand: string, subject: string, context: CommandContext = {}): boolean {
  if (subject === 'dependency-install') return isDependencyInstall(simpleCommand);
  if (subject === 'dependency-install-global') return isDependencyInstall(simpleCommand) && /\s(?:-g|--global)\b/.test(simpleCommand);
  if (subject.startsWith('git-push-branch:') || subject.startsWith('git-commit-branch:')) {
    const family = subject.startsWith('git-push') ? 'git-push' : 'git-commit';
    if (!GIT_OPERATIONS[family].test(simpleCommand)) return false;
    const branch = branchOf(simpleCommand, context);
    const forbidden = subject.slice(subject.indexOf(':') + 1);
    // "the default branch" is main or master, whichever the repository has.
    return branch !== undefined && (branch === forbidden || (forbidden === 'default' && (branch === 'main' || branch === 'master')));
  }
  if (subject in GIT_OPERATIONS) return GIT_OPERATIONS[subject].test(simpleCommand);
  if (subject === 'git-push-force') return GIT_OPERATIONS['git-push'].test(simpleCommand) && /\s(?:--force|-f)\b/.test(simpleCommand);
  if (subject.startsWith('program:')) return programOf(simpleCommand) === subject.slice('program:'.length);
  if (subject.startsWith('prefix:')) return simpleCommand === subject.slice(7) || simpleCommand.startsWith(`${subject.slice(7)} `);
  if (subject.startsWith('step:')) return PROCESS_STEPS[subject.slice(5)]?.test(simpleCommand) ?? false;
  return false;
}
