/**
 * Keeps text from posing as wink. Tool outputs and files can contain `<system-reminder>` tags (a web page, a
 * README, a malicious file); when wink quotes such text as evidence, the tags are defused so the agent cannot
 * mistake them for a real reminder.
 */

/**
 * Tags wink's own guidance is wrapped in, and look-alikes harnesses use: the opening `<`, the name, and the rest of
 * the tag up to its `>` when no other `<` comes first. An unclosed `<system-reminder` is defused too. The rest of
 * the tag stops at `<`, so a text of many unclosed tags is read once (`[^>]*` read it to the end for every tag).
 */
const REMINDER_TAG = /<(\/?)\s*(system-reminder|system_reminder|hook_context|post-tool-use-hook)\b(?:[^<>]*>)?/gi;

/** Replaces reminder-like tags with a harmless bracketed form, e.g. `<system-reminder>` → `[system-reminder]`. */
export function neutralizeReminderTags(text: string): string {
  return text.replace(REMINDER_TAG, (_whole, slash: string, name: string) => `[${slash}${name}]`);
}

/** True when the text contains a reminder-like tag. */
export function containsReminderTag(text: string): boolean {
  REMINDER_TAG.lastIndex = 0;
  const found = REMINDER_TAG.test(text);
  REMINDER_TAG.lastIndex = 0;
  return found;
}
