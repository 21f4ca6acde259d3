/**
 * Sets and maps that remember only their most recent keys. A reader streaming a long log remembers ids to keep
 * them unique, to link results to calls and to count usage once; remembering every id of a million-step session
 * would grow memory with the log. Past its capacity, adding a key forgets the key added (or refreshed) the longest
 * time ago. A capacity of `Infinity` remembers everything.
 */

/** A set of at most `capacity` keys, the most recently added ones. */
export class RecentSet<Key> {
  private readonly keys = new Set<Key>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.keys.size;
  }

  has(key: Key): boolean {
    return this.keys.has(key);
  }

  /** Adds the key (or makes it the most recent one), forgetting the oldest past the capacity. */
  add(key: Key): void {
    this.keys.delete(key);
    this.keys.add(key);
    if (this.keys.size > this.capacity) this.keys.delete(this.keys.values().next().value as Key);
  }
}

/** A map of at most `capacity` entries, the most recently set ones. */
export class RecentMap<Key, Value> {
  private readonly entries = new Map<Key, Value>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  has(key: Key): boolean {
    return this.entries.has(key);
  }

  get(key: Key): Value | undefined {
    return this.entries.get(key);
  }

  /** Sets the entry (making it the most recent one), forgetting the oldest past the capacity. */
  set(key: Key, value: Value): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as Key);
  }

  delete(key: Key): boolean {
    return this.entries.delete(key);
  }
}
