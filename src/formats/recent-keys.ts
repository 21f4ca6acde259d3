/**
 * Sets and maps that remember only their most recent keys. A reader streaming a long log remembers ids to keep
 * them unique, to link results to calls and to count usage once; remembering every id of a million-step session
 * would grow memory with the log. Past its capacity, adding a key forgets the key added (or refreshed) the longest
 * time ago. A capacity of `Infinity` remembers everything.
 *
 * The oldest key is found in a queue of additions, each stamped with a counter; an entry whose key was added again
 * (or deleted) since is stale and skipped. A JavaScript `Set` keeps insertion order too, but taking its first key
 * after many deletions walks over every deleted slot until the table is rebuilt: some 5 µs per addition at 10,000
 * keys, more than a whole step costs elsewhere. The queue costs O(1) per addition, amortized.
 */

/** Entries past this many at the queue's head (taken or stale) are dropped from its arrays in one copy. */
const QUEUE_SLACK = 1024;

/** No addition has this stamp: the stamp of an entry once deleted. */
const DELETED = -1;

/** A key, its value and the stamp of its last addition ({@link DELETED} once deleted). */
interface Entry<Key, Value> {
  key: Key;
  value: Value;
  stamp: number;
}

/** Entries that remember the most recently added `capacity` keys. */
class RecentEntries<Key, Value> {
  private readonly entries = new Map<Key, Entry<Key, Value>>();
  private readonly bounded: boolean;
  /**
   * Entries in the order they were added, with the stamp of each addition; from `head` on, not yet taken. A queued
   * addition is its entry's last one while their stamps agree (told without looking the key up).
   */
  private queueEntries: Entry<Key, Value>[] = [];
  private queueStamps: number[] = [];
  private head = 0;
  private nextStamp = 0;

  constructor(readonly capacity: number) {
    this.bounded = capacity !== Number.POSITIVE_INFINITY;
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: Key): boolean {
    return this.entries.has(key);
  }

  get(key: Key): Value | undefined {
    return this.entries.get(key)?.value;
  }

  delete(key: Key): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    entry.stamp = DELETED;
    return this.entries.delete(key);
  }

  /** Sets the entry and makes it the most recent one, forgetting the oldest past the capacity. */
  set(key: Key, value: Value): void {
    const entry = this.entries.get(key);
    if (!entry) {
      this.add(key, value);
      return;
    }
    entry.value = value;
    entry.stamp = this.nextStamp++;
    this.queue(entry);
  }

  /** Adds the entry if the key is not there (true), else changes nothing (false). */
  setNew(key: Key, value: Value): boolean {
    if (this.entries.has(key)) return false;
    this.add(key, value);
    return true;
  }

  private add(key: Key, value: Value): void {
    const entry = { key, value, stamp: this.nextStamp++ };
    this.entries.set(key, entry);
    this.queue(entry);
  }

  /** Puts the addition in the queue and forgets the oldest keys past the capacity. */
  private queue(entry: Entry<Key, Value>): void {
    if (!this.bounded) return;
    this.queueEntries.push(entry);
    this.queueStamps.push(entry.stamp);
    while (this.entries.size > this.capacity) this.forgetOldest();
    if (this.queueEntries.length - this.head > 2 * this.entries.size + QUEUE_SLACK) this.dropStaleEntries();
    else if (this.head > QUEUE_SLACK && this.head * 2 > this.queueEntries.length) this.dropTakenEntries();
  }

  /** Takes queue entries from the head until one is its entry's last addition, and forgets that entry. */
  private forgetOldest(): void {
    while (this.head < this.queueEntries.length) {
      const entry = this.queueEntries[this.head];
      const stamp = this.queueStamps[this.head];
      this.head++;
      if (entry.stamp === stamp) {
        entry.stamp = DELETED;
        this.entries.delete(entry.key);
        return;
      }
    }
  }

  /** Keeps only the queued additions that are their entry's last one (many keys were added again or deleted). */
  private dropStaleEntries(): void {
    const entries: Entry<Key, Value>[] = [];
    const stamps: number[] = [];
    for (let position = this.head; position < this.queueEntries.length; position++) {
      const entry = this.queueEntries[position];
      const stamp = this.queueStamps[position];
      if (entry.stamp !== stamp) continue;
      entries.push(entry);
      stamps.push(stamp);
    }
    this.queueEntries = entries;
    this.queueStamps = stamps;
    this.head = 0;
  }

  /** Drops the additions already taken from the queue's head. */
  private dropTakenEntries(): void {
    this.queueEntries = this.queueEntries.slice(this.head);
    this.queueStamps = this.queueStamps.slice(this.head);
    this.head = 0;
  }
}

/** A set of at most `capacity` keys, the most recently added ones. */
export class RecentSet<Key> {
  private readonly keys: RecentEntries<Key, true>;

  constructor(readonly capacity: number) {
    this.keys = new RecentEntries(capacity);
  }

  get size(): number {
    return this.keys.size;
  }

  has(key: Key): boolean {
    return this.keys.has(key);
  }

  /** Adds the key (or makes it the most recent one), forgetting the oldest past the capacity. */
  add(key: Key): void {
    this.keys.set(key, true);
  }

  /** Adds the key if it is not there and says so (true); a key already there is left as it is (false). */
  addNew(key: Key): boolean {
    return this.keys.setNew(key, true);
  }
}

/** A map of at most `capacity` entries, the most recently set ones. */
export class RecentMap<Key, Value> {
  private readonly entries: RecentEntries<Key, Value>;

  constructor(readonly capacity: number) {
    this.entries = new RecentEntries(capacity);
  }

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
    this.entries.set(key, value);
  }

  delete(key: Key): boolean {
    return this.entries.delete(key);
  }
}
