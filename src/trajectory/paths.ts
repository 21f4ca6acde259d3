/** File path normalisation, so the same file named two ways compares equal. */
import { withoutTrailing } from './linear-text.js';

/**
 * Normalises a path: removes `./`, collapses `//` and `/./`, resolves `..` segments, and makes it relative to
 * the working directory when it lies inside it. Paths outside stay absolute.
 */
export function normalizePath(path: string, workingDirectory?: string): string {
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
