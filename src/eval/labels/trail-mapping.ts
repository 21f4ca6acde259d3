/**
 * TRAIL's error categories (Patronus AI's trace benchmark), normalised, and what each means in wink's
 * categories. Kept as data so the choice can be read, reviewed and changed in one place.
 *
 * TRAIL annotators wrote category names by hand, so one category appears under several spellings
 * ("Context Handling Failures" / "Context Handling Failure", "Tool Selection Errors" / "Tool Selection",
 * "Goal Deviation" / "Goal deviation", a leading space…). {@link trailCategoryKey} reduces a name to a key —
 * lower case, spaces collapsed, hyphens and underscores as spaces, a trailing "error(s)", "failure(s)" or
 * "issue(s)" dropped — and {@link TRAIL_CATEGORIES} lists every category by that key.
 *
 * Mapping decisions (trajectory level: a trace has a wink category when any of its errors maps to it):
 * - Resource Abuse → infinite-loop: TRAIL uses it for repeated, looping calls that waste resources.
 * - Formatting Errors → tool-call-failure: in smolagents CodeAgent traces these are malformed code/tool calls
 *   the harness could not parse or run.
 * - Tool Selection Errors → tool-call-failure: the wrong tool, or a tool that does not exist.
 * - Tool-related (a hallucination subtype) → tool-call-failure: about half are invalid tool arguments, the
 *   rest hallucinated tool results; kept with tool-call-failure, the nearer of our categories for both.
 * - Instruction Non-compliance → did-not-follow-instructions: an explicit instruction of the task or the
 *   system prompt was broken.
 * - Goal Deviation → did-not-follow-instructions, not unrequested-changes: GAIA agents change no files; the
 *   deviation is skipping or replacing the steps the task (or the agent's own plan) required.
 * - Everything else (reasoning quality, retrieval, context handling, environment and API failures) has no
 *   wink category and is listed as unmapped in `wink eval`'s output.
 */
import type { CategoryId } from '../../taxonomy/categories.js';

/** One TRAIL category. */
export interface TrailCategory {
  /** The name as the TRAIL paper writes it. */
  name: string;
  /** The wink category it counts as, or undefined when it has none. */
  category?: CategoryId;
}

/** Every TRAIL category by normalised key (see {@link trailCategoryKey}). */
export const TRAIL_CATEGORIES: Readonly<Record<string, TrailCategory>> = {
  'resource abuse': { name: 'Resource Abuse', category: 'infinite-loop' },
  formatting: { name: 'Formatting Errors', category: 'tool-call-failure' },
  'tool selection': { name: 'Tool Selection Errors', category: 'tool-call-failure' },
  'tool related': { name: 'Tool-related', category: 'tool-call-failure' },
  'instruction non compliance': { name: 'Instruction Non-compliance', category: 'did-not-follow-instructions' },
  'goal deviation': { name: 'Goal Deviation', category: 'did-not-follow-instructions' },
  'language only': { name: 'Language-only' },
  'task orchestration': { name: 'Task Orchestration' },
  'poor information retrieval': { name: 'Poor Information Retrieval' },
  'tool output misinterpretation': { name: 'Tool Output Misinterpretation' },
  'incorrect problem identification': { name: 'Incorrect Problem Identification' },
  'context handling': { name: 'Context Handling Failures' },
  'environment setup': { name: 'Environment Setup Errors' },
  'resource not found': { name: 'Resource Not Found' },
  authentication: { name: 'Authentication Errors' },
  service: { name: 'Service Errors' },
  'rate limiting': { name: 'Rate Limiting' },
  timeout: { name: 'Timeout Issues' },
  'resource exhaustion': { name: 'Resource Exhaustion' },
  'tool definition': { name: 'Tool Definition Issues' },
};

/** Suffixes annotators add or leave out (after the one space a normalised key has between words). */
const OPTIONAL_SUFFIX = / (?:errors?|failures?|issues?)$/;

/** The normalised key of a TRAIL category name. */
export function trailCategoryKey(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, ' ').replace(/\s+/g, ' ').trim().replace(OPTIONAL_SUFFIX, '');
}

/** The TRAIL category a name denotes (undefined for a name TRAIL does not define). */
export function trailCategory(name: string): TrailCategory | undefined {
  return TRAIL_CATEGORIES[trailCategoryKey(name)];
}

/** Wink categories the TRAIL mapping can speak about: only these get labels (true or false) from TRAIL. */
export const TRAIL_LABELLED_CATEGORIES: readonly CategoryId[] = [...new Set(Object.values(TRAIL_CATEGORIES).flatMap((entry) => (entry.category ? [entry.category] : [])))];
