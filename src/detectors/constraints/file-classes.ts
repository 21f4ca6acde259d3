/**
 * Classes of files the scope detectors care about (tests, configuration, lock files, CI, documentation,
 * summary documents, scratch scripts), as named pattern tables over normalised paths.
 */
import { globMatches } from './glob.js';

/** The file classes. */
export type FileClass = 'test' | 'config' | 'lock' | 'ci' | 'docs' | 'summary-document' | 'scratch';

/** Directory names that hold tests and test fixtures. */
const TEST_DIRECTORY = /(?:^|\/)(?:tests?|testing|__tests__|specs?|test_?data|fixtures|testcases)\//i;
/** File names of tests in the common ecosystems. */
const TEST_FILE_NAME = /^(?:test_.+\.py|.+_test\.(?:py|go|rb|exs?)|tests?\.py|conftest\.py|.+\.(?:test|spec)\.[cm]?[jt]sx?|.+Tests?\.(?:java|kt|cs|swift))$/;

/** Configuration file names (build, packaging, linters, type checkers, containers, environment). */
const CONFIG_FILE_NAME =
  /^(?:pyproject\.toml|setup\.cfg|setup\.py|tox\.ini|pytest\.ini|noxfile\.py|mypy\.ini|\.flake8|\.pylintrc|\.coveragerc|\.pre-commit-config\.ya?ml|requirements[\w.-]*\.txt|Pipfile|MANIFEST\.in|package\.json|tsconfig[\w.-]*\.json|jsconfig\.json|\.npmrc|\.nvmrc|\.eslintrc[\w.]*|eslint\.config\.[cm]?[jt]s|\.prettierrc[\w.]*|prettier\.config\.[cm]?[jt]s|(?:vite|vitest|jest|webpack|rollup|babel|next|tailwind|postcss)\.config\.[cm]?[jt]s|babel\.config\.json|\.babelrc|Cargo\.toml|go\.mod|Gemfile|build\.gradle(?:\.kts)?|pom\.xml|Makefile|CMakeLists\.txt|Dockerfile[\w.-]*|docker-compose[\w.-]*\.ya?ml|compose\.ya?ml|\.dockerignore|\.gitignore|\.gitattributes|\.editorconfig|\.env[\w.-]*)$/;
/** Lock files. */
const LOCK_FILE_NAME = /^(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|uv\.lock|Pipfile\.lock|Cargo\.lock|go\.sum|Gemfile\.lock|composer\.lock|bun\.lockb?)$/;
/** Continuous-integration definitions. */
const CI_PATH = /(?:^|\/)(?:\.github\/workflows\/|\.circleci\/|\.gitlab-ci\.ya?ml$|\.travis\.ya?ml$|azure-pipelines\.ya?ml$|Jenkinsfile$|\.buildkite\/)/;
/** Documentation folders and formats. */
const DOCS_PATH = /(?:^|\/)(?:docs?|documentation)\/|\.(?:rst|adoc)$|(?:^|\/)(?:README|CHANGELOG|CHANGES|HISTORY)(?:\.\w+)?$/i;
/**
 * Summary or report documents agents write unasked (SUMMARY.md, CHANGES_SUMMARY.md, FIX_REPORT.md, …). The lookahead
 * finds the word and the name is read once (`[\w-]*WORD[\w-]*` tried every split around every occurrence).
 */
const SUMMARY_DOCUMENT_NAME = /^(?=[\w-]*(?:SUMMARY|REPORT|NOTES|IMPLEMENTATION|EXPLANATION|ANALYSIS|WALKTHROUGH))[\w-]+\.(?:md|txt)$/;
/** Throwaway scripts and outputs: reproduction, debugging and scratch files. */
const SCRATCH_FILE_NAME = /^(?:reproduce|repro|debug|scratch|temp|tmp|check|verify|try|demo|update|apply|fix|replacement|patch|run|quick)[\w-]*\.(?:py|js|ts|sh|txt|out|log|json|ecsv|fits|csv)$|^test[\w-]*\.(?:ecsv|fits|csv|txt|out|log|json|dat)$/i;

/** Base name of a path. */
export function baseName(path: string): string {
  const position = path.lastIndexOf('/');
  return position === -1 ? path : path.slice(position + 1);
}

/** Directory of a path ('' for a top-level file). */
export function directoryName(path: string): string {
  const position = path.lastIndexOf('/');
  return position === -1 ? '' : path.slice(0, position);
}

/** True when the (normalised, relative) path belongs to the class. */
export function isFileOfClass(path: string, fileClass: FileClass): boolean {
  const name = baseName(path);
  switch (fileClass) {
    case 'test':
      return TEST_DIRECTORY.test(path) || TEST_FILE_NAME.test(name);
    case 'config':
      return CONFIG_FILE_NAME.test(name) && !TEST_DIRECTORY.test(path);
    case 'lock':
      return LOCK_FILE_NAME.test(name);
    case 'ci':
      return CI_PATH.test(path);
    case 'docs':
      return DOCS_PATH.test(path);
    case 'summary-document':
      return SUMMARY_DOCUMENT_NAME.test(name);
    case 'scratch':
      return SCRATCH_FILE_NAME.test(name) && directoryName(path).split('/').length <= 1;
  }
}

/**
 * Caches and leftovers a tool or an editor writes, which the project never builds from: byte code, test-runner
 * and type-checker caches, coverage data, patch rejects and backups. Deleting them is cleaning up.
 */
const CACHE_OR_LEFTOVER = /(?:^|\/)(?:__pycache__|\.pytest_cache|\.mypy_cache|\.ruff_cache|htmlcov|\.coverage|\.DS_Store)(?:\/|$)|\.(?:pyc|pyo|orig|rej|bak)$/;

/** True for a cache or leftover path or pattern ({@link CACHE_OR_LEFTOVER}): `**\/*.pyc`, `src/__pycache__`. */
export function isCacheOrLeftover(path: string): boolean {
  return CACHE_OR_LEFTOVER.test(path);
}

/** The classes, most specific first, used to label a changed file. */
const CLASS_ORDER: readonly FileClass[] = ['lock', 'ci', 'summary-document', 'test', 'config', 'scratch', 'docs'];

/** The first class a path belongs to, or undefined for ordinary source files. */
export function classOfFile(path: string): FileClass | undefined {
  return CLASS_ORDER.find((fileClass) => isFileOfClass(path, fileClass));
}

/** True when a path matches one constraint target (`class:`, `path:`, `directory:` or `glob:`). */
export function matchesTarget(path: string, target: string): boolean {
  const separator = target.indexOf(':');
  const kind = target.slice(0, separator);
  const value = target.slice(separator + 1);
  switch (kind) {
    case 'class':
      return isFileOfClass(path, value as FileClass);
    case 'path':
      return path === value || path.endsWith(`/${value}`);
    case 'directory':
      return path.startsWith(`${value}/`) || path.includes(`/${value}/`);
    case 'glob':
      return globMatches(value, path);
    default:
      return false;
  }
}
