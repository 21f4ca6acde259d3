/**
 * The command line an agent runs for wink's hook, and how wink recognises its own handlers in a settings file
 * (so `wink uninstall` removes only those, and a second `wink install` updates them in place).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { InstallAgent } from './agent-targets.js';

/**
 * wink's hook entry, relative to this file once compiled (`dist/integrations/install/` → `dist/cli/hook-entry.js`):
 * the small entry that loads only what a hook needs, since agents start it on every tool call.
 */
const HOOK_ENTRY_URL = new URL('../../cli/hook-entry.js', import.meta.url);
/**
 * The same entry bundled (`dist/hook.cjs`, a loader that compiles `dist/hook-bundle.cjs` with a V8 code cache),
 * faster to start; preferred when the build made it.
 */
const BUNDLED_HOOK_ENTRY_URL = new URL('../../hook.cjs', import.meta.url);

/** The default hook entry of this installation: the bundle when present, else the compiled entry. */
export function defaultHookEntry(): string {
  const bundled = fileURLToPath(BUNDLED_HOOK_ENTRY_URL);
  return existsSync(bundled) ? bundled : fileURLToPath(HOOK_ENTRY_URL);
}

/** Characters a shell word may hold without quoting. */
const SHELL_SAFE_WORD = /^[\w\-./:@+=,%]+$/;
/** Characters that stay special inside double quotes. */
const DOUBLE_QUOTE_SPECIAL = /["\\$`]/g;

/** Quotes one word for the shell the agents run hook commands with, only when it needs it. */
export function shellWord(word: string): string {
  if (SHELL_SAFE_WORD.test(word)) return word;
  return `"${word.replace(DOUBLE_QUOTE_SPECIAL, (character) => `\\${character}`)}"`;
}

/** How to start wink's hook: which node, which entry script. */
export interface HookCommandOptions {
  /** Absolute path of the node executable (default: the one running wink now). */
  nodePath?: string;
  /** Absolute path of wink's hook entry (default: this installation's `dist/cli/hook-entry.js`). */
  entryPath?: string;
}

/** `<node> <hook entry> <agent>`, each path quoted when needed. */
export function hookCommand(agent: InstallAgent, options: HookCommandOptions = {}): string {
  const nodePath = options.nodePath ?? process.execPath;
  const entryPath = options.entryPath ?? defaultHookEntry();
  return `${shellWord(nodePath)} ${shellWord(entryPath)} ${agent}`;
}

/**
 * How each agent's hook command names the project root, so a committed settings file works on every machine:
 * Claude Code sets `CLAUDE_PROJECT_DIR` and Gemini CLI `GEMINI_PROJECT_DIR` for hook commands; Codex names no
 * variable, so the command asks git for the repository root (falling back to the folder Codex runs it in).
 */
export const PROJECT_ROOT_EXPRESSION: Readonly<Record<InstallAgent, string>> = {
  'claude-code': '$CLAUDE_PROJECT_DIR',
  'gemini-cli': '$GEMINI_PROJECT_DIR',
  codex: '$(git rev-parse --show-toplevel 2>/dev/null || pwd)',
};

/**
 * The project-scope command: `node "<project root>/<entry>" <agent>`, with the root named the agent's way
 * (see {@link PROJECT_ROOT_EXPRESSION}) and `node` found on the PATH, so the line means the same on any machine
 * where the project's dependencies are installed. `relativeEntry` uses `/` separators.
 */
export function projectHookCommand(agent: InstallAgent, relativeEntry: string): string {
  const entry = relativeEntry.replace(DOUBLE_QUOTE_SPECIAL, (character) => `\\${character}`);
  return `node "${PROJECT_ROOT_EXPRESSION[agent]}/${entry}" ${agent}`;
}

/**
 * A command that runs wink's hook: it ends with the agent id right after wink's hook entry (`…/hook-entry.js`,
 * `wink-hook`, the bundled `hook.cjs` or the older `hook.mjs`, optionally followed by `hook`) or after `hook` following wink's command line
 * (`…/main.js hook`, `wink hook`), quoted or not. Matching the command, not an extra field, keeps the settings
 * files within each agent's documented schema.
 */
const WINK_HOOK_COMMAND = /(?:^|[\s"'/\\])(?:(?:main\.js|wink|wink\.js)["']?\s+hook|(?:hook-entry\.js|wink-hook|hook\.[cm]js)["']?(?:\s+hook)?)\s+(?:claude-code|codex|gemini-cli)\s*$/;

/** Whether a handler object from a settings file is one of wink's. */
export function isWinkHandler(handler: unknown): boolean {
  if (typeof handler !== 'object' || handler === null) return false;
  const { type, command } = handler as { type?: unknown; command?: unknown };
  return type === 'command' && typeof command === 'string' && WINK_HOOK_COMMAND.test(command);
}
