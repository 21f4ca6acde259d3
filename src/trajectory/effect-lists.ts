/** Helpers shared by the code that derives file effects from a shell line or inline code. */

/** A Python interpreter's program name: python, python3, python3.11. */
export const PYTHON_PROGRAM = /^python(?:\d+(?:\.\d+)?)?$/;

/** Redirect targets and written paths that are not files. */
export const NOT_FILES = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty']);

/** True for a word taken as a file path: not an option, a glob, a variable or a URL. */
export function looksLikePath(word: string): boolean {
  if (word.length === 0 || word.startsWith('-')) return false;
  if (/[*?$`{}]/.test(word)) return false;
  if (/^[a-z]+:\/\//i.test(word)) return false;
  return true;
}

/** Lists longer than this are deduplicated through a set (a line naming thousands of files stays linear). */
const SHORT_LIST = 16;
/** The members of each long effect list, kept beside it. */
const listMembers = new WeakMap<string[], Set<string>>();

/** Adds `item` to `list` unless it is there (linear over many items: long lists keep a set beside them). */
export function addUnique(list: string[], item: string): void {
  if (list.length < SHORT_LIST) {
    if (!list.includes(item)) list.push(item);
    return;
  }
  let members = listMembers.get(list);
  if (members === undefined) {
    members = new Set(list);
    listMembers.set(list, members);
  }
  if (members.has(item)) return;
  members.add(item);
  list.push(item);
}
