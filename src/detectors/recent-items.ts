/**
 * Bounded lists of the items seen most recently (file names, command prefixes), each once, the latest last. A
 * detector keeps them in its state, so they are plain arrays changed in place.
 */

/** Remembers one item: moved to the end if it is there, added otherwise; the oldest dropped past `maximum`. */
export function rememberRecent(list: string[], item: string, maximum: number): void {
  // The latest one remembered again (the same program, the same file) leaves the list as it is.
  if (list.length > 0 && list[list.length - 1] === item) return;
  const position = list.indexOf(item);
  if (position !== -1) list.splice(position, 1);
  list.push(item);
  if (list.length > maximum) list.shift();
}

/**
 * Remembers items in turn, with the result of {@link rememberRecent} on each, in one pass: a command may name
 * thousands of files, and only the last `maximum` of them (by their last mention) can stay.
 */
export function rememberAllRecent(list: string[], items: readonly string[], maximum: number): void {
  if (items.length <= 2) {
    for (const item of items) rememberRecent(list, item, maximum);
    return;
  }
  const latest: string[] = [];
  const seen = new Set<string>();
  for (let position = items.length - 1; position >= 0 && latest.length < maximum; position--) {
    if (seen.has(items[position])) continue;
    seen.add(items[position]);
    latest.push(items[position]);
  }
  latest.reverse();
  const merged = [...list.filter((item) => !seen.has(item)), ...latest];
  list.splice(0, list.length, ...(merged.length > maximum ? merged.slice(merged.length - maximum) : merged));
}
