/**
 * A code-acting agent says it will call one of its tools now ("I will now ask our search_agent …", "I'll call
 * search_agent with this detailed task") and the code it runs right after calls none of its tools: it composes
 * the request (a task string, printed) and never sends it. The call it meant to make never happened, and the
 * agent often reads its own printed request back as if the tool had answered. Needs code actions that carry the
 * tools the agent declares (trajectory/code-action.ts: smolagents CodeAgent traces, OpenHands IPython cells).
 *
 * Only a sentence that announces the call for now counts: an intent ("I will", "I'll", "let me", "now") and a
 * declared tool's exact name, with no condition or negation ("once search_agent answers", "if", "instead of",
 * "not"). `final_answer` is left out: an agent that computes first and answers in the next step announces it
 * early on purpose.
 */
import { defineDetector } from './define.js';

export interface AnnouncedToolNotCalledOptions {
  /** Tools whose announcement is not checked (the one that ends the run is often announced a step early). */
  ignoredTools: string[];
}

/** Default options. */
export const ANNOUNCED_TOOL_NOT_CALLED_DEFAULTS: AnnouncedToolNotCalledOptions = { ignoredTools: ['final_answer'] };

/** Characters at the end of the agent's thought looked at (the announcement is what it does next). */
export const MAXIMUM_THOUGHT_CHARACTERS = 1500;
/** Characters of the announcing sentence kept in the finding. */
const MAXIMUM_SENTENCE_CHARACTERS = 200;
/** Markers of a code block in a model's output (a fence, smolagents' Code: line or its <code> tag): the thought is the text before the first one. */
const CODE_MARKERS = ['```', '\nCode:', '<code>'];
/** An intent to act now. */
const INTENT = /\b(?:I will|I'll|I’ll|I am going to|I'm going to|I’m going to|let me|let's|let’s|I now|I shall|will now|now I)\b/i;
/** A sentence that defers, conditions or denies the call. */
const NOT_NOW = /\b(?:not|never|instead|without|if|unless|once|after|later|until|when|whether)\b|n't|n’t/i;

interface State {
  /** The end of the thought the last assistant message gave, until a call follows it. */
  thought: string;
  thoughtStep: number;
}

/** The thought part of an assistant message: the text before its code block, bounded from the end. */
export function thoughtOf(text: string): string {
  let end = text.length;
  for (const marker of CODE_MARKERS) {
    const position = text.indexOf(marker);
    if (position >= 0 && position < end) end = position;
  }
  return text.slice(Math.max(0, end - MAXIMUM_THOUGHT_CHARACTERS), end);
}

function isIdentifierCharacter(character: string | undefined): boolean {
  return character !== undefined && /\w/.test(character);
}

function namesTool(sentence: string, tool: string): boolean {
  let position = sentence.indexOf(tool);
  while (position >= 0) {
    if (!isIdentifierCharacter(sentence[position - 1]) && !isIdentifierCharacter(sentence[position + tool.length])) return true;
    position = sentence.indexOf(tool, position + 1);
  }
  return false;
}

/** The tool a thought announces calling now, with the sentence that says so. */
export function announcedTool(thought: string, tools: readonly string[]): { tool: string; sentence: string } | undefined {
  const sentences = thought.split(/[.!?](?:\s|$)|\n/);
  for (let position = sentences.length - 1; position >= 0; position--) {
    const sentence = sentences[position].trim();
    if (!INTENT.test(sentence) || NOT_NOW.test(sentence)) continue;
    const tool = tools.find((candidate) => namesTool(sentence, candidate));
    if (tool) return { tool, sentence: sentence.slice(0, MAXIMUM_SENTENCE_CHARACTERS) };
  }
  return undefined;
}

export default defineDetector<AnnouncedToolNotCalledOptions>({
  id: 'announced-tool-not-called',
  meta: {
    category: 'tool-call-failure',
    form: 'S6',
    requiresLlm: false,
    description: 'A code-acting agent says it will call a tool now, but the code it runs calls none of its tools.',
    messages: {
      'announced-call-not-made': 'the agent said it would call {{tool}} ("{{sentence}}"), but its code calls none of its tools',
    },
    defaultOptions: ANNOUNCED_TOOL_NOT_CALLED_DEFAULTS,
  },
  create(context, options) {
    const state = context.state<State>(() => ({ thought: '', thoughtStep: -1 }));
    const ignored = new Set(options.ignoredTools);
    return {
      user(step) {
        if (step.origin !== 'injected') state.thought = '';
      },
      assistant(step) {
        state.thought = thoughtOf(step.text);
        state.thoughtStep = step.index;
      },
      'tool-call'(step) {
        const thought = state.thought;
        state.thought = '';
        const code = step.code;
        if (!code || code.calls.length > 0 || code.tools.length === 0 || thought.length === 0) return;
        const announced = announcedTool(
          thought,
          code.tools.filter((tool) => !ignored.has(tool)),
        );
        if (!announced) return;
        context.report({
          messageId: 'announced-call-not-made',
          steps: [state.thoughtStep, step.index],
          data: { tool: announced.tool, sentence: announced.sentence, codeTool: step.tool, cause: 'agent' },
          signature: `announced-tool-not-called:${announced.tool}`,
          confidence: 0.85,
        });
      },
    };
  },
});
