/**
 * Which messages of a list are new. Agent loops hand over their whole history at every step; wink observes each
 * message once. The list is taken as the previous one plus new messages when its message at the previous
 * length is the same (the same object, or the same JSON); otherwise (a history that was compacted or
 * rewritten) the messages after the last one seen before are new, or all of them when none was.
 */
import type { ChatMessage } from './types.js';

/** Most message objects remembered for a rewritten history (the newest kept). */
export const MAXIMUM_REMEMBERED_MESSAGES = 10_000;

function fingerprint(message: ChatMessage): string {
  try {
    return JSON.stringify(message);
  } catch {
    return `${message.role}\u0000unserializable`;
  }
}

export class MessageHistory {
  private consumed = 0;
  private last: { message: ChatMessage; fingerprint?: string } | undefined;
  private seen = new WeakSet<object>();
  private seenCount = 0;

  /** The messages of `list` not observed before, in order. */
  newMessages(list: readonly ChatMessage[]): readonly ChatMessage[] {
    const start = this.continuation(list) ?? this.afterLastSeen(list);
    const fresh = list.slice(start);
    for (const message of fresh) this.remember(message);
    this.consumed = list.length;
    const lastMessage = list[list.length - 1];
    this.last = lastMessage ? { message: lastMessage } : undefined;
    return fresh;
  }

  /** The previous length when `list` continues the previous list; undefined otherwise. */
  private continuation(list: readonly ChatMessage[]): number | undefined {
    if (this.consumed === 0 || this.last === undefined) return 0;
    if (list.length < this.consumed) return undefined;
    const candidate = list[this.consumed - 1];
    if (candidate === this.last.message) return this.consumed;
    this.last.fingerprint ??= fingerprint(this.last.message);
    return fingerprint(candidate) === this.last.fingerprint ? this.consumed : undefined;
  }

  private afterLastSeen(list: readonly ChatMessage[]): number {
    for (let index = list.length - 1; index >= 0; index--) if (this.seen.has(list[index])) return index + 1;
    return 0;
  }

  private remember(message: ChatMessage): void {
    if (this.seenCount >= MAXIMUM_REMEMBERED_MESSAGES) {
      this.seen = new WeakSet<object>();
      this.seenCount = 0;
    }
    this.seen.add(message);
    this.seenCount++;
  }
}
