/**
 * The code of a smolagents CodeAgent model output, in each of the forms smolagents has written it: a Markdown fence
 * (```` ```py … ``` ```` followed by `<end_code>`, as in the versions TRAIL was recorded with, and with
 * `code_block_tags="markdown"`), the `<code> … </code>` tags that later versions use by default, and the `code`
 * field of a JSON object when the agent uses structured outputs (`{"thought": …, "code": …}`). The first block in
 * the text is the action.
 */

/** A fenced block, optionally labelled py or python. */
const FENCED_BLOCK = /```(?:py|python)?[ \t]*\n([\s\S]*?)\n?```/;
const OPENING_TAG = '<code>';
const CLOSING_TAG = '</code>';

/** The opening of a labelled fence (`code_block_tags="markdown"` opens with ```` ```python ````). */
const LABELLED_OPENING = /```(?:py|python)[ \t]*\n/;

/** A closed fence, or a labelled one whose closing fence was the model's stop sequence (the code runs to the end). */
function fenced(text: string): { at: number; code: string } | undefined {
  const match = FENCED_BLOCK.exec(text);
  if (match) return { at: match.index, code: match[1] };
  const opening = LABELLED_OPENING.exec(text);
  if (!opening) return undefined;
  const code = text.slice(opening.index + opening[0].length).trimEnd();
  return code.length > 0 ? { at: opening.index, code } : undefined;
}

/**
 * Found by position, not by a pattern, so a text with many opening tags and no closing one stays linear. The closing
 * tag is often missing: smolagents passes it to the model as a stop sequence, so the output the model call returns
 * (what its span records) ends before it, and smolagents appends it only in its own memory. The code then runs to
 * the end of the output.
 */
function tagged(text: string): { at: number; code: string } | undefined {
  const at = text.indexOf(OPENING_TAG);
  if (at === -1) return undefined;
  const end = text.indexOf(CLOSING_TAG, at + OPENING_TAG.length);
  const code = text
    .slice(at + OPENING_TAG.length, end === -1 ? text.length : end)
    .replace(/^[ \t]*\n/, '')
    .trimEnd();
  return code.length > 0 ? { at, code } : undefined;
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

/** The code the output asks to run, or undefined when it holds none. */
export function codeOfModelOutput(text: string): string | undefined {
  const json = structured(text);
  if (json !== undefined) return json;
  const blocks = [fenced(text), tagged(text)].filter((block): block is { at: number; code: string } => block !== undefined);
  if (blocks.length === 0) return undefined;
  blocks.sort((left, right) => left.at - right.at);
  return blocks[0].code;
}
