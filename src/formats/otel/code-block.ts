/**
 * The code of a smolagents CodeAgent model output, in each of the forms smolagents has written it: a Markdown fence
 * (```` ```py … ``` ```` followed by `<end_code>`, as in the versions TRAIL was recorded with, and with
 * `code_block_tags="markdown"`), the `<code> … </code>` tags that later versions use by default, and the `code`
 * field of a JSON object when the agent uses structured outputs (`{"thought": …, "code": …}`).
 */

/** A fenced block, optionally labelled py or python. */
const FENCED_BLOCK = /```(?:py|python)?[ \t]*\n([\s\S]*?)\n?```/;
const OPENING_TAG = '<code>';
const CLOSING_TAG = '</code>';

/** The opening of a labelled fence (`code_block_tags="markdown"` opens with ```` ```python ````). */
const LABELLED_OPENING = /```(?:py|python)[ \t]*\n/;

function closedFence(text: string): string | undefined {
  return FENCED_BLOCK.exec(text)?.[1];
}

/** A labelled fence whose closing fence was the model's stop sequence: the code runs to the end. */
function openFence(text: string): string | undefined {
  const opening = LABELLED_OPENING.exec(text);
  if (!opening) return undefined;
  const code = text.slice(opening.index + opening[0].length).trimEnd();
  return code.length > 0 ? code : undefined;
}

/**
 * Found by position, not by a pattern, so a text with many opening tags and no closing one stays linear. The closing
 * tag is often missing: smolagents passes it to the model as a stop sequence, so the output the model call returns
 * (what its span records) ends before it, and smolagents appends it only in its own memory. The code then runs to
 * the end of the output.
 */
function tagged(text: string): string | undefined {
  const at = text.indexOf(OPENING_TAG);
  if (at === -1) return undefined;
  const end = text.indexOf(CLOSING_TAG, at + OPENING_TAG.length);
  const code = text
    .slice(at + OPENING_TAG.length, end === -1 ? text.length : end)
    .replace(/^[ \t]*\n/, '')
    .trimEnd();
  return code.length > 0 ? code : undefined;
}

function structured(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return undefined;
  try {
    const value = JSON.parse(trimmed) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const code = (value as Record<string, unknown>).code;
    return typeof code === 'string' && code.trim().length > 0 ? code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The code the output asks to run, or undefined when it holds none. A closed fence comes first: it is the whole
 * action of a Markdown-mode agent, whose thought may quote HTML with a `<code>` tag. Then the tags, then a fence cut
 * at its stop sequence.
 */
export function codeOfModelOutput(text: string): string | undefined {
  return structured(text) ?? closedFence(text) ?? tagged(text) ?? openFence(text);
}
