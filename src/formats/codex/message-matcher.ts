/**
 * Pairs the two copies Codex writes of the same message: a `response_item` message (what the model saw)
 * and an `event_msg` (`user_message` or `agent_message`, what the interface showed). Whichever copy comes
 * first is emitted; the other is recognised by its text and skipped. A copy with no twin is emitted too,
 * so a version that writes only one of the two loses nothing.
 */
import { boundedText } from '../../trajectory/bounded-text.js';
import { RecentMap } from '../recent-keys.js';

/**
 * Messages remembered per source while waiting for their twin (a twin comes next to its copy; a version that
 * writes only one copy would otherwise have every message of a long session remembered).
 */
export const MAXIMUM_UNMATCHED_MESSAGES = 1_000;
/** How much of a message's text its key keeps (the first and last characters of a huge message, and its length). */
const MATCH_KEY_BOUNDS = { head: 2_048, tail: 2_048 };

/** The two places a message is written. */
export type MessageSource = 'response-item' | 'event';

/** Whitespace-free text, so part joins and trailing newlines do not break a match (bounded, see MATCH_KEY_BOUNDS). */
function matchKey(text: string): string {
  return boundedText(text.replace(/\s+/g, ''), MATCH_KEY_BOUNDS);
}

function take(counts: RecentMap<string, number>, key: string): boolean {
  const count = counts.get(key);
  if (!count) return false;
  if (count === 1) counts.delete(key);
  else counts.set(key, count - 1);
  return true;
}

/** Remembers messages seen from one source until their twin from the other source arrives. */
export class MessageMatcher {
  private readonly unmatched: Record<MessageSource, RecentMap<string, number>> = { 'response-item': new RecentMap(MAXIMUM_UNMATCHED_MESSAGES), event: new RecentMap(MAXIMUM_UNMATCHED_MESSAGES) };

  /** True when this copy must be emitted; false when it is the twin of a copy already emitted. */
  shouldEmit(source: MessageSource, text: string): boolean {
    const key = matchKey(text);
    if (key.length === 0) return false;
    const other = source === 'event' ? 'response-item' : 'event';
    if (take(this.unmatched[other], key)) return false;
    const own = this.unmatched[source];
    own.set(key, (own.get(key) ?? 0) + 1);
    return true;
  }
}
