/**
 * What an agent's answer and its reasoning say, for the answer rules of a task ("Failure or 'I cannot
 * answer' will not be tolerated", "you must make sure you find the correct answer"): a final answer that
 * gives up, a result the agent says it simulates instead of getting it from a tool, and the lookups its own
 * plan names. Every text is read by its head only ({@link MAXIMUM_ANSWER_CHARACTERS}).
 */
import type { ToolCallStep } from '../../trajectory/step.js';

/** Most characters of one message, code blob or final answer read by these patterns. */
export const MAXIMUM_ANSWER_CHARACTERS = 4_000;
/** Characters after "simulate" read for what is simulated (the rest of the sentence, bounded). */
export const SIMULATED_OBJECT_CHARACTERS = 150;

/** A final answer that says the answer could not be found ("cannot be determined", "I'm sorry, but…"). */
export const GIVE_UP_ANSWER =
  /\b(?:can ?not|can't|could not|couldn't|unable to|not able to|impossible to) (?:be )?(?:answer|determin|find|found|locat|provid|comput|identif|verif|access|retriev|confirm|calculat)\w*|\b(?:was|were|is|are|could) not (?:be )?(?:found|located|determined|identified)\b|\bnone found\b|\bI'?m sorry\b|\binsufficient (?:data|information|evidence)\b|\bno (?:data|information|results?|answer) (?:was |were |is |are )?(?:found|available)\b/i;

/** The word "simulate" in any form, where a fabricated result is announced. */
const SIMULATE_WORD = /\bsimulat(?:e|ed|es|ing|ion)\b/gi;
/**
 * What a simulated thing must be, in the rest of its sentence, for the simulation to stand in for a tool's
 * answer: a search, a sub-agent, retrieved data, a request, a verification — not a game, a process model
 * or a calculation the task asks to simulate.
 */
const SIMULATED_LOOKUP = /\b(?:[a-z]+_agent|search(?:es|ing)?|retriev\w*|extract\w*|respon\w*|requests?|verif\w*|lookups?|findings|listen\w*|transcri\w*|records?|data(?:set)?)\b/i;

/**
 * The sentence in which a message or code blob announces that it simulates a lookup ("I now need to
 * simulate that our search_agent has returned verified sale prices"), or undefined.
 */
export function simulatedLookupIn(text: string): string | undefined {
  const head = text.length > MAXIMUM_ANSWER_CHARACTERS ? text.slice(0, MAXIMUM_ANSWER_CHARACTERS) : text;
  SIMULATE_WORD.lastIndex = 0;
  for (let match = SIMULATE_WORD.exec(head); match !== null; match = SIMULATE_WORD.exec(head)) {
    const rest = head.slice(match.index, match.index + SIMULATED_OBJECT_CHARACTERS);
    // "the search_agent (simulated as a real human team member)" says what something is, not that a result was made up.
    if (/^simulated as\b/i.test(rest)) continue;
    const sentenceEnd = rest.search(/[.!?\n]/);
    const sentence = sentenceEnd === -1 ? rest : rest.slice(0, sentenceEnd);
    if (SIMULATED_LOOKUP.test(sentence)) return sentenceAround(head, match.index);
  }
  return undefined;
}

/**
 * The agent says its answer stands on a guess, not on what a tool returned: "under the assumption that the file is
 * available", "hypothetically using frame-by-frame analysis", "our plausible reconstruction", "rely on a well-known
 * recipe", "based on the typical layout", "an educated guess". Weaker words ("assume", "based on common …") are
 * left out: they also open an honest model of a problem ("I will assume the guesses are integers").
 */
const GUESS_PHRASE = /\bunder the assumption\b|\bhypothetical(?:ly)?\b|\bplausible reconstruction\b|\brel(?:y|ying) on (?:an? |the |my )?(?:well-known|typical|general knowledge|common knowledge)\b|\bbased on (?:an? |the )?typical\b|\b(?:educated|best) guess\b/i;

/**
 * The sentence in which the reasoning before a final answer, or the answer itself, says the answer is a guess
 * (see {@link GUESS_PHRASE}), or undefined.
 */
export function guessedAnswerIn(text: string): string | undefined {
  const head = text.length > MAXIMUM_ANSWER_CHARACTERS ? text.slice(0, MAXIMUM_ANSWER_CHARACTERS) : text;
  const match = GUESS_PHRASE.exec(head);
  return match === null ? undefined : sentenceAround(head, match.index);
}

/** The sentence of a text that holds a position (bounded on both sides), whitespace collapsed. */
function sentenceAround(text: string, position: number): string {
  const windowStart = Math.max(0, position - SIMULATED_OBJECT_CHARACTERS);
  const before = text.slice(windowStart, position);
  const lastStop = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf('! '), before.lastIndexOf('? '));
  // With no sentence stop in the window, start at its first whole word rather than in the middle of one.
  const firstSpace = before.indexOf(' ');
  const start = lastStop !== -1 ? windowStart + lastStop + 1 : windowStart > 0 && firstSpace !== -1 ? windowStart + firstSpace + 1 : windowStart;
  const after = text.slice(position, position + SIMULATED_OBJECT_CHARACTERS);
  const end = after.search(/[.!?\n]/);
  return text
    .slice(start, position + (end === -1 ? after.length : end + 1))
    .replace(/\s+/g, ' ')
    .trim();
}

/** A numbered step of a plan ("1. Use the search_agent to…", "Step 2: look up…"). */
const PLAN_STEP = /^\s*(?:\d{1,2}[.)]|step \d{1,2}:?)\s/i;
/**
 * A plan step that gets information from outside: a named tool or team member that is not the final answer
 * ("use the search_agent", "ask the web_search team member"), or a lookup verb ("search for", "look up",
 * "retrieve", "browse", "download").
 */
const LOOKUP_STEP = /\b(?:use|using|ask|call|query|consult) (?:the |our |a )?`?(?!final_answer)[a-z]+_[a-z_]+|\b(?:search(?:ing)? (?:for|the web|online|the internet)|look(?:ing)? up|browse|retrieve|fetch|download)\b/i;

/** The first numbered plan step of a message that names a lookup, trimmed, or undefined. */
export function plannedLookupIn(text: string): string | undefined {
  const head = text.length > MAXIMUM_ANSWER_CHARACTERS ? text.slice(0, MAXIMUM_ANSWER_CHARACTERS) : text;
  for (const line of head.split('\n')) {
    if (PLAN_STEP.test(line) && LOOKUP_STEP.test(line)) return line.trim().slice(0, 300);
  }
  return undefined;
}

/** Characters an answer may carry around its value: Markdown emphasis, code marks, quotes, white space. */
const ANSWER_WRAPPING = new Set(['*', '_', '`', '"', "'", ' ', '\t', '\n', '\r']);

/** The answer without its wrapping on either side (a scan from each end, no pattern). */
function unwrapped(answer: string): string {
  let start = 0;
  let end = answer.length;
  while (start < end && ANSWER_WRAPPING.has(answer[start])) start++;
  while (end > start && ANSWER_WRAPPING.has(answer[end - 1])) end--;
  return answer.slice(start, end);
}
/** Each form an answer format asks for, as the whole answer (trailing period allowed). */
const ANSWER_FORMS: Readonly<Record<string, RegExp>> = {
  number: /^[-+]?[$€£]?\d[\d,]*(?:\.\d+)?\s?%?\.?$/,
  'yes-no': /^(?:yes|no)[.!]?$/i,
  'one-word': /^\S+$/,
};

/** True when an answer has the form an answer-format rule asks for (`number`, `yes-no`, `one-word`). */
export function answerHasForm(answer: string, form: string): boolean {
  const pattern = ANSWER_FORMS[form];
  if (pattern === undefined) return true;
  const value = unwrapped(answer.length > MAXIMUM_ANSWER_CHARACTERS ? answer.slice(0, MAXIMUM_ANSWER_CHARACTERS) : answer);
  return pattern.test(value);
}

/** True when a final answer says it could not find the answer. */
export function givesUp(answer: string): boolean {
  return GIVE_UP_ANSWER.test(answer.length > MAXIMUM_ANSWER_CHARACTERS ? answer.slice(0, MAXIMUM_ANSWER_CHARACTERS) : answer);
}

/** The answer a final-answer call gives: its `answer` or first positional argument, else its whole input (the head). */
export function finalAnswerOf(step: ToolCallStep): string {
  const input = step.input as { answer?: unknown; args?: unknown } | null;
  const value = input !== null && typeof input === 'object' ? (input.answer ?? (Array.isArray(input.args) ? input.args[0] : undefined)) : undefined;
  const text = typeof value === 'string' ? value : value === undefined ? step.canonicalInput : JSON.stringify(value);
  return text.slice(0, MAXIMUM_ANSWER_CHARACTERS);
}
