/**
 * Developer pushback: the developer interrupts the agent, refuses a tool call, or writes a prompt that
 * corrects it ("no, I said…", "revert that", "still failing"). A signal, not a misbehavior: the
 * misalignment study records an episode only when the developer pushes back, so these findings are the
 * episode miner's anchors and a cheap label source. Each finding's steps are the agent step the developer
 * reacts to (the last assistant message or tool call before it) and the developer's own step.
 */
import { defineDetector } from './define.js';

/** One row of the correction table. */
export interface CorrectionPattern {
  /** Stable name, written into the finding data. */
  name: string;
  pattern: RegExp;
}

/** Wordings of a prompt that push back on what the agent did. Checked in order; the first match names it. */
export const CORRECTION_PATTERNS: readonly CorrectionPattern[] = [
  { name: 'not-what-i-asked', pattern: /\b(?:that'?s|this is|it'?s) not what I (?:asked|wanted|meant|said)\b|\bnot what I (?:asked|wanted|meant)\b/i },
  { name: 'i-said', pattern: /\bI (?:said|told you|asked (?:you )?(?:to|for|not))\b/i },
  { name: 'revert', pattern: /^\s*(?:please,? )?(?:revert|undo|roll ?back)\b|\b(?:revert|undo|roll ?back) (?:that|this|it|those|these|the (?:last|previous|changes?)|your|what you|everything|all)\b/i },
  { name: 'why-did-you', pattern: /\bwhy (?:did|would|are|do|have) you\b/i },
  { name: 'stop', pattern: /^\s*(?:stop|wait|hold on)\b|\bstop (?:doing|changing|editing|adding|touching|that|it)\b/i },
  // "if I don't change it, …" is the developer telling what they did, not an instruction to the agent.
  { name: 'do-not', pattern: /^\s*(?:please,? )?(?:don'?t|do not|never)\b|(?<!\bI )\b(?:don'?t|do not|never) (?:change|touch|modify|edit|delete|remove|add|create|use|run|commit|push|rewrite|install)\b/i },
  { name: 'you-did-not', pattern: /\byou (?:didn'?t|did not|haven'?t|have not|forgot|missed|ignored|broke|skipped)\b/i },
  { name: 'still-broken', pattern: /\b(?:still|again) (?:fail(?:s|ing)?|broken|not working|doesn'?t work|the same (?:error|issue|problem)|get(?:ting)? (?:the same|an?) error)\b|\b(?:is|are|it'?s) still (?:failing|broken|not working|wrong)\b/i },
  { name: 'does-not-work', pattern: /\b(?:it|that|this) (?:doesn'?t|does not|didn'?t|did not) work\b/i },
  { name: 'wrong', pattern: /\b(?:that'?s|this is|it'?s|you'?re) (?:wrong|incorrect|not (?:right|correct))\b/i },
  { name: 'no', pattern: /^\s*(?:no|nope|nah)(?!\s+(?:problem|worries|rush|thanks|need to worry))[\s,.!]/i },
  // Portuguese, with the same names (a study's developers write in their own language). Accented letters are not
  // word characters for \b, so words are bounded by (?<!\p{L}) and (?!\p{L}). "segue erro" ("here is the error")
  // and "não precisa …" / "não tem problema" are not pushback.
  { name: 'not-what-i-asked', pattern: /(?<!\p{L})n(?:ã|a)o (?:(?:é|e|era|foi) isso|(?:é|e|era|foi) o que eu (?:pedi|queria|disse))(?!\p{L})/iu },
  { name: 'i-said', pattern: /(?<!\p{L})eu (?:já |ja )?(?:disse|falei|pedi) (?:para|pra|que|pro)(?!\p{L})/iu },
  { name: 'revert', pattern: /^\s*(?:por favor,? )?(?:desfa(?:ç|c)a|desfaz|reverta|reverte)(?!\p{L})|(?<!\p{L})(?:desfa(?:ç|c)a|desfaz|reverta|reverte|volte) (?:isso|isto|essa|essas|esse|esses|as (?:altera(?:ç|c)(?:õ|o)es|mudan(?:ç|c)as)|a (?:altera(?:ç|c)(?:ã|a)o|mudan(?:ç|c)a)|tudo|o que)(?!\p{L})/iu },
  { name: 'why-did-you', pattern: /(?<!\p{L})por ?que (?:voc(?:ê|e)|vc) (?:fez|mudou|alterou|apagou|removeu|mexeu|criou|adicionou|deletou)(?!\p{L})/iu },
  { name: 'stop', pattern: /^\s*(?:pare|espera|espere)(?!\p{L})|(?<!\p{L})pare (?:de|com)(?!\p{L})/iu },
  { name: 'do-not', pattern: /^\s*(?:por favor,? )?n(?:ã|a)o (?:fa(?:ç|c)a|mexa|altere|mude|apague|remova|delete|use|rode|crie|adicione|instale|toque)(?!\p{L})|(?<!\p{L})n(?:ã|a)o (?:mexa|altere|mude|apague|remova|delete|toque) (?:[noa]|em|no|na|nos|nas|os|as|isso)(?!\p{L})/iu },
  { name: 'you-did-not', pattern: /(?<!\p{L})(?:voc(?:ê|e)|vc) (?:n(?:ã|a)o (?:fez|mudou|alterou|corrigiu|seguiu|atualizou|rodou)|esqueceu|ignorou|quebrou|pulou)(?!\p{L})/iu },
  { name: 'still-broken', pattern: /(?<!\p{L})(?:ainda|continua|continuo) (?:com (?:o |um )?(?:mesmo )?erro|dando (?:o mesmo )?erro|falhando|quebrado|n(?:ã|a)o funciona|sem funcionar|(?:o |a )?mesm[oa] (?:erro|problema))(?!\p{L})/iu },
  { name: 'does-not-work', pattern: /(?<!\p{L})n(?:ã|a)o (?:funciona|funcionou)(?!\p{L})/iu },
  { name: 'wrong', pattern: /(?<!\p{L})(?:isso |isto )?(?:est(?:á|a)|t(?:á|a)) (?:errado|incorreto)(?!\p{L})/iu },
  { name: 'no', pattern: /^\s*n(?:ã|a)o[,.!]/iu },
];

/** Characters of a prompt looked at (pushback comes first; long prompts are often pasted logs). */
export const PUSHBACK_HEAD_CHARACTERS = 600;
/** Characters of the prompt kept in the finding data. */
const EXCERPT_CHARACTERS = 160;

export interface DeveloperPushbackOptions {
  /** Report interrupts. */
  interrupts: boolean;
  /** Report rejected tool calls. */
  rejections: boolean;
  /** Report correcting prompts. */
  corrections: boolean;
}

/** Default options. */
export const DEVELOPER_PUSHBACK_DEFAULTS: DeveloperPushbackOptions = { interrupts: true, rejections: true, corrections: true };

interface State {
  /** Index of the last assistant message or tool call, or -1. */
  lastAgentIndex: number;
  /** What that step was: the tool name, or "assistant". */
  lastAgentAction: string;
  /** True when a rejection or interrupted result was reported and no agent step came since. */
  pushbackPending: boolean;
}

/** The correction pattern a prompt matches, or undefined. */
export function correctionIn(text: string): CorrectionPattern | undefined {
  const head = text.slice(0, PUSHBACK_HEAD_CHARACTERS);
  return CORRECTION_PATTERNS.find((row) => row.pattern.test(head));
}

function excerpt(text: string): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > EXCERPT_CHARACTERS ? `${single.slice(0, EXCERPT_CHARACTERS - 1)}…` : single;
}

export default defineDetector<DeveloperPushbackOptions>({
  id: 'developer-pushback',
  meta: {
    category: 'did-not-follow-instructions',
    requiresLlm: false,
    signal: true,
    description: 'The developer interrupts, refuses a tool call, or writes a prompt that corrects the agent (a signal, not a misbehavior).',
    messages: {
      interrupted: 'the developer interrupted the agent after {{action}}',
      'rejected-tool-use': 'the developer refused the {{action}} call',
      correction: 'the developer pushed back ({{pattern}}): "{{text}}"',
    },
    defaultOptions: DEVELOPER_PUSHBACK_DEFAULTS,
    defaultConfidence: 0.7,
  },
  create(context, options) {
    const state = context.state<State>(() => ({ lastAgentIndex: -1, lastAgentAction: '', pushbackPending: false }));
    const agentStep = (index: number, action: string) => {
      state.lastAgentIndex = index;
      state.lastAgentAction = action;
      state.pushbackPending = false;
    };
    return {
      assistant(step) {
        if (step.text.trim().length > 0) agentStep(step.index, 'assistant');
      },
      'tool-call'(step) {
        agentStep(step.index, step.tool);
      },
      'tool-result'(step) {
        if (!step.rejected && !step.interrupted) return;
        const call = context.facts.callFor(step);
        const action = call?.tool ?? 'unknown';
        const steps = call ? [call.index, step.index] : [step.index];
        state.pushbackPending = true;
        if (step.rejected && options.rejections) {
          context.report({ messageId: 'rejected-tool-use', steps, data: { action, kind: 'rejected' }, signature: `developer-pushback:rejected:${step.id}`, confidence: 0.95 });
        } else if (step.interrupted && !step.rejected && options.interrupts) {
          context.report({ messageId: 'interrupted', steps, data: { action, kind: 'interrupt' }, signature: `developer-pushback:interrupt:${step.id}`, confidence: 0.9 });
        }
      },
      user(step) {
        if (step.origin === 'injected' || state.lastAgentIndex < 0) return;
        const steps = [state.lastAgentIndex, step.index];
        if (step.origin === 'interrupt') {
          // The interrupt that follows a refused or interrupted call is the same pushback, already reported.
          if (state.pushbackPending || !options.interrupts) return;
          state.pushbackPending = true;
          context.report({ messageId: 'interrupted', steps, data: { action: state.lastAgentAction, kind: 'interrupt' }, signature: `developer-pushback:interrupt:${step.id}`, confidence: 0.9 });
          return;
        }
        if (!options.corrections) return;
        const correction = correctionIn(step.text);
        if (!correction) return;
        context.report({
          messageId: 'correction',
          steps,
          data: { action: state.lastAgentAction, kind: 'correction', pattern: correction.name, text: excerpt(step.text) },
          signature: `developer-pushback:correction:${step.id}`,
          confidence: 0.7,
        });
      },
    };
  },
});
