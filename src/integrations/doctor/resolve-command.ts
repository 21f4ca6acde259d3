/**
 * What a hook command in a settings file will run: its words as the shell splits them, with the variables the
 * agents set for hooks (and the git-root expression wink writes for Codex) replaced by their values, so that
 * `wink doctor` can check the program and the entry exist before an agent finds out. Only the forms a person or
 * wink writes into settings are understood: bare words, double and single quotes, `$NAME`, `${NAME}` and the
 * one command substitution wink itself writes; anything else is reported as not checkable, never guessed.
 */
import { PROJECT_ROOT_EXPRESSION } from '../install/hook-command.js';

/** Longest command text looked at (settings files are small; a longer line is not one wink wrote). */
export const MAXIMUM_COMMAND_CHARACTERS = 4096;

/** A command split into words, or why it could not be. */
export type ResolvedCommand = { words: string[] } | { problem: string };

const CODEX_ROOT_EXPRESSION = PROJECT_ROOT_EXPRESSION.codex;

function isNameCharacter(character: string): boolean {
  return /\w/.test(character);
}

/** Expands `$NAME`, `${NAME}` and wink's git-root expression inside one word's text, or says why it cannot. */
function expand(text: string, variables: Readonly<Record<string, string | undefined>>, projectRoot: string): { text: string } | { problem: string } {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const character = text[index];
    if (character !== '$') {
      result += character;
      index++;
      continue;
    }
    if (text.startsWith(CODEX_ROOT_EXPRESSION, index)) {
      result += projectRoot;
      index += CODEX_ROOT_EXPRESSION.length;
      continue;
    }
    let name = '';
    let end = index + 1;
    if (text[end] === '{') {
      const close = text.indexOf('}', end);
      if (close === -1) return { problem: 'an unclosed ${…}' };
      name = text.slice(end + 1, close);
      end = close + 1;
    } else {
      while (end < text.length && isNameCharacter(text[end])) name += text[end++];
    }
    if (name.length === 0 || !/^\w+$/.test(name)) return { problem: `a shell expression wink cannot evaluate (${text.slice(index, index + 40)})` };
    const value = variables[name];
    if (value === undefined) return { problem: `$${name} is not set for this check` };
    result += value;
    index = end;
  }
  return { text: result };
}

/**
 * The words of `command` after expansion. `variables` are what the agent sets for its hooks
 * (`CLAUDE_PROJECT_DIR`, `GEMINI_PROJECT_DIR`, `CLAUDE_PLUGIN_ROOT`, …) and the environment.
 */
export function resolveCommand(command: string, variables: Readonly<Record<string, string | undefined>>, projectRoot: string): ResolvedCommand {
  if (command.length > MAXIMUM_COMMAND_CHARACTERS) return { problem: `the command is longer than ${MAXIMUM_COMMAND_CHARACTERS} characters` };
  const words: string[] = [];
  let index = 0;
  while (index < command.length) {
    while (index < command.length && /\s/.test(command[index])) index++;
    if (index >= command.length) break;
    let word = '';
    while (index < command.length && !/\s/.test(command[index])) {
      const character = command[index];
      if (character === "'") {
        const close = command.indexOf("'", index + 1);
        if (close === -1) return { problem: 'an unclosed single quote' };
        word += command.slice(index + 1, close);
        index = close + 1;
      } else if (character === '"') {
        let quoted = '';
        index++;
        for (;;) {
          if (index >= command.length) return { problem: 'an unclosed double quote' };
          const inner = command[index];
          if (inner === '"') break;
          if (inner === '\\' && index + 1 < command.length && '"\\$`'.includes(command[index + 1])) {
            quoted += command[index + 1] === '$' ? '\u0000' : command[index + 1];
            index += 2;
            continue;
          }
          if (inner === '$' && command.startsWith(CODEX_ROOT_EXPRESSION, index)) {
            quoted += CODEX_ROOT_EXPRESSION;
            index += CODEX_ROOT_EXPRESSION.length;
            continue;
          }
          quoted += inner;
          index++;
        }
        index++;
        const expanded = expand(quoted, variables, projectRoot);
        if ('problem' in expanded) return expanded;
        word += expanded.text.split('\u0000').join('$');
      } else if (';&|<>`'.includes(character)) {
        return { problem: `a shell operator (${character}) wink does not evaluate` };
      } else {
        let bare = '';
        while (index < command.length && !/[\s'"]/.test(command[index])) {
          if (command.startsWith(CODEX_ROOT_EXPRESSION, index)) {
            bare += CODEX_ROOT_EXPRESSION;
            index += CODEX_ROOT_EXPRESSION.length;
            continue;
          }
          if (';&|<>`'.includes(command[index])) return { problem: `a shell operator (${command[index]}) wink does not evaluate` };
          bare += command[index++];
        }
        const expanded = expand(bare, variables, projectRoot);
        if ('problem' in expanded) return expanded;
        word += expanded.text;
      }
    }
    words.push(word);
  }
  return words.length === 0 ? { problem: 'an empty command' } : { words };
}
