/**
 * Codex runs hooks by default; `[features] hooks = false` (or the older `codex_hooks = false`) in `config.toml`
 * turns them off. wink does not rewrite the user's TOML: it reports the line so the user can decide.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeFirst } from '../../trajectory/linear-text.js';

/** The `[features]` keys that switch Codex hooks, current and deprecated. */
const HOOK_FEATURE_KEYS = ['hooks', 'codex_hooks'];

/** The name of a TOML table header (`[ features ]` → `features`), undefined for any other line. */
function tableHeaderName(text: string): string | undefined {
  if (!text.startsWith('[') || !text.endsWith(']')) return undefined;
  const name = text.slice(1, -1).trim();
  return name.length > 0 && !name.includes(']') ? name : undefined;
}

/** Line number (1-based) and text of a line that disables hooks in a Codex config.toml, if any. */
export function findDisabledHooks(toml: string): { line: number; text: string } | undefined {
  let section = '';
  const lines = toml.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const text = beforeFirst(lines[index], '#').trim();
    const header = tableHeaderName(text);
    if (header !== undefined) {
      section = header;
      continue;
    }
    const assignment = /^([\w.-]+)\s*=\s*false$/.exec(text);
    if (!assignment) continue;
    const key = section === '' ? assignment[1] : `${section}.${assignment[1]}`;
    if (HOOK_FEATURE_KEYS.some((feature) => key === `features.${feature}`)) return { line: index + 1, text: lines[index].trim() };
  }
  return undefined;
}

/** A warning when the `config.toml` next to a Codex hooks file disables hooks. */
export async function codexHooksWarning(hooksPath: string): Promise<string | undefined> {
  const configPath = join(dirname(hooksPath), 'config.toml');
  let toml: string;
  try {
    toml = await readFile(configPath, 'utf8');
  } catch {
    return undefined;
  }
  const found = findDisabledHooks(toml);
  return found ? `${configPath}:${found.line}: "${found.text}" turns Codex hooks off; remove it for wink's hooks to run` : undefined;
}
