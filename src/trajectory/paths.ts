/** File path normalisation, so the same file named two ways compares equal. */
import { withoutTrailing } from './linear-text.js';

/** Longest path normalised: no file system names a longer one (Linux's PATH_MAX), so a longer "path" is kept as written. */
export const MAXIMUM_NORMALIZED_PATH_CHARACTERS = 4096;

/**
 * Normalises a path: removes `./`, collapses `//` and `/./`, resolves `..` segments, and makes it relative to
 * the working directory when it lies inside it. Paths outside stay absolute. A text longer than any real path
 * ({@link MAXIMUM_NORMALIZED_PATH_CHARACTERS}) is only trimmed: every detector normalises the paths of a call, and
 * splitting a hostile 100,000-character "path" each time cost more than its step.
 */
export function normalizePath(path: string, workingDirectory?: string): string {
  if (path.length > MAXIMUM_NORMALIZED_PATH_CHARACTERS) return path.trim();
  let result = path.trim().replace(/\\/g, '/');
  if (result.length === 0) return result;
  const absolute = result.startsWith('/');
  const parts: string[] = [];
  for (const part of result.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  result = (absolute ? '/' : '') + parts.join('/');
  if (absolute && workingDirectory) {
    const base = withoutTrailing(workingDirectory, '/');
    if (result === base) return '.';
    if (result.startsWith(base + '/')) return result.slice(base.length + 1);
  }
  return result;
}

/**
 * A path named in a folder a command line moved into (`cd pkg`), as seen from where the line started: relative
 * paths are joined to the folder ('' for none); absolute and home paths stay as they are.
 */
export function pathInFolder(path: string, folder: string): string {
  return folder === '' || path.startsWith('/') || path.startsWith('~') ? path : normalizePath(`${folder}/${path}`) || '.';
}
