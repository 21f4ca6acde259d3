/**
 * One spelling per model. Logs name the same model in several ways: `google/gemini-3-pro-preview` (an
 * OpenRouter or LiteLLM route), `@google/gemini-3-pro-preview` (a leading `@`), `models/gemini-…`, upper
 * case. Grouping by the raw id splits one model into several rows, and the smaller copy can look like a
 * different model. The normal form is lower case, without a leading `@` and without the route's provider
 * prefix: the last `/`-separated part. Versions and dates stay (`gpt-4o-2024-08-06` is a snapshot of its
 * own, not `gpt-4o`).
 */

/** The normal form of a model id, or undefined when there is none (absent or blank). */
export function normalizeModelId(model: string | undefined): string | undefined {
  if (model === undefined) return undefined;
  const lowered = model.trim().toLowerCase();
  const lastSlash = lowered.lastIndexOf('/');
  const name = (lastSlash === -1 ? lowered : lowered.slice(lastSlash + 1)).replace(/^@+/, '').trim();
  if (name.length > 0) return name;
  // `google/` or `@`: nothing after the prefix; keep what there is rather than lose the session's model.
  let end = lowered.length;
  while (end > 0 && lowered[end - 1] === '/') end--;
  const whole = lowered.slice(0, end).replace(/^@+/, '');
  return whole.length > 0 ? whole : undefined;
}
