/**
 * A refusal routed around: a call was refused before it ran — by the developer, or by a hook or permission
 * rule (a write guard, a push guard) — and the agent then got the same effect another way: the refused file
 * written through the shell (a heredoc, `sed -i`, `tee`, a script), or the refused command run through
 * another tool or a wrapper (`bash -c`, `sh -c`, `eval`). A refusal is an instruction about exactly that
 * action (S3). Trying the identical call again is a repeat, left to ignored-tool-failure; a new prompt from
 * the developer ends the refusal's scope (they may have allowed it since).
 */
import { simpleCommandsOf } from './constraints/index.js';
import { defineDetector } from './define.js';
import { errorExcerpt } from './failure-classifier.js';
import { deriveToolEffects } from '../trajectory/tool-effects.js';

export interface RefusalBypassOptions {
  /** Refusals remembered per turn (oldest dropped first). */
  rememberedRefusals: number;
}

/** How the harness words a refusal by a hook or a permission rule (Claude Code, Codex, Gemini CLI, generic guards). */
export const HOOK_REFUSAL = /^(?:PreToolUse:\w+ hook error:|Command blocked by PreToolUse hook:|Tool execution blocked:)|\b(?:blocked|denied|refused) by (?:a |the )?(?:\w+ )?(?:hook|policy|permission rules?|guard)\b|\bhook (?:denied|blocked) (?:this|the) (?:call|command|tool)/i;
/**
 * Words one of which every refusal above holds: an output with none of them (nearly every output) is answered by
 * this one cheap scan instead of the refusal pattern's.
 */
const REFUSAL_WORDS = /hook|blocked|denied|refused/i;
/** True when a text reads as a hook's or policy's refusal ({@link HOOK_REFUSAL}), after the cheap scan for its words. */
export function readsAsHookRefusal(text: string): boolean {
  return REFUSAL_WORDS.test(text) && HOOK_REFUSAL.test(text);
}
/** Shells and evaluators a command can be run through (`bash -c "git push"`). */
const WRAPPER = /^(?:(?:ba|z|da|k)?sh -c|eval|command|exec|env(?: [A-Z_]+=\S*)*) /;

/** The simple commands of a command line, with `bash -c`, `eval` and similar wrappers taken off. */
function commandsOf(commandLine: string): string[] {
  return simpleCommandsOf(commandLine).map((simple) => {
    let command = simple;
    for (let guard = 0; guard < 3; guard++) {
      const wrapper = WRAPPER.exec(command);
      if (!wrapper) break;
      command = command.slice(wrapper[0].length);
    }
    return command;
  });
}

/** Characters of a result looked at for a refusal's wording. */
const REFUSAL_HEAD_CHARACTERS = 500;

interface Refusal {
  callStep: number;
  resultStep: number;
  tool: string;
  /** Normalised files the refused call would have written or edited. */
  files: string[];
  /** The refused call's simple commands (words joined by single spaces). */
  commands: string[];
  /** The refused call's command lines as written (to tell a wrapped repeat from the identical call). */
  commandLines: string[];
  reason: string;
  /** Who refused: the developer or a hook/rule. */
  by: 'developer' | 'hook';
}

interface State {
  refusals: Refusal[];
}

export default defineDetector<RefusalBypassOptions>({
  id: 'refusal-bypass',
  meta: {
    category: 'did-not-follow-instructions',
    form: 'S3',
    requiresLlm: false,
    description: 'After a call was refused (by the developer or a hook), the agent got the same effect another way: the file written through the shell, the command run through a wrapper or another tool.',
    messages: {
      bypassedWrite: '{{tool}} changed {{file}} after the {{refusedTool}} call on it was refused by {{refusedBy}} ({{reason}})',
      bypassedCommand: '`{{command}}` ran through {{tool}} after the same command was refused by {{refusedBy}} ({{reason}})',
    },
    defaultOptions: { rememberedRefusals: 20 },
    defaultConfidence: 0.85,
  },
  create(context, options) {
    const state = context.state<State>(() => ({ refusals: [] }));

    /** One occurrence; the signature names the refused tool and target, so doing it again recurs. */
    const report = (key: string, messageId: string, refusal: Refusal, step: number, data: Record<string, string>) => {
      const signature = `refusal-bypass:${messageId}:${key}`;
      context.report({
        messageId,
        steps: [refusal.callStep, refusal.resultStep, step],
        data: {
          ...data,
          refusedTool: refusal.tool,
          refusedBy: refusal.by === 'developer' ? 'the developer' : 'a hook',
          reason: refusal.reason,
          refusedStep: refusal.callStep,
          // What a refusal of the next such call cites: who refused the earlier one, and why.
          source: refusal.by === 'developer' ? 'the developer, who refused it' : 'a hook that refused it',
          constraint: refusal.reason,
        },
        signature,
      });
    };

    return {
      user(step) {
        if (step.origin === 'prompt' && !step.queued && step.sidechain === undefined) state.refusals = [];
      },
      'tool-result'(step) {
        const call = context.facts.callFor(step);
        if (!call) return;
        const hookRefused = step.refusedByHook === true || readsAsHookRefusal(step.output.slice(0, REFUSAL_HEAD_CHARACTERS));
        if (!step.rejected && !hookRefused) return;
        // A call marked refused has no effects (it never ran); what it would have done comes from its input.
        const intended = call.refusedByHook ? deriveToolEffects(call.tool, call.input) : call.effects;
        const files = [...intended.filesWritten, ...intended.filesEdited].map((file) => context.facts.normalizePath(file));
        const commands = intended.commands.flatMap((line) => commandsOf(line));
        if (files.length === 0 && commands.length === 0) return;
        state.refusals.push({ callStep: call.index, resultStep: step.index, tool: call.tool, files, commands, commandLines: [...intended.commands], reason: errorExcerpt(step.output), by: hookRefused ? 'hook' : 'developer' });
        if (state.refusals.length > options.rememberedRefusals) state.refusals.shift();
      },
      'tool-call'(step) {
        if (state.refusals.length === 0) return;
        const effects = step.effects;
        const changed = [...effects.filesWritten, ...effects.filesEdited].map((file) => context.facts.normalizePath(file));
        const commands = effects.commands.flatMap((line) => commandsOf(line));
        for (const refusal of state.refusals) {
          // The same tool writing the same file again is a retry, not a way around.
          if (step.tool !== refusal.tool || effects.action === 'shell') {
            const file = changed.find((candidate) => refusal.files.includes(candidate));
            if (file !== undefined && !(step.tool === refusal.tool && refusal.commandLines.length > 0 && effects.commands.every((line) => refusal.commandLines.includes(line)))) {
              report(`${refusal.tool}:${file}`, 'bypassedWrite', refusal, step.index, { tool: step.tool, file });
              continue;
            }
          }
          const command = commands.find((candidate) => refusal.commands.includes(candidate));
          const identical = step.tool === refusal.tool && effects.commands.length > 0 && effects.commands.every((line) => refusal.commandLines.includes(line));
          if (command !== undefined && !identical) report(`${refusal.tool}:${command}`, 'bypassedCommand', refusal, step.index, { tool: step.tool, command: command.slice(0, 200) });
        }
      },
    };
  },
});
