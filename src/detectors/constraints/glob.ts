/**
 * Glob matching for constraint targets ("don't touch `tests/**\/*.py`"), without regular expressions. The glob
 * comes from a prompt and the path from the agent's tool calls: turned into a pattern, `*a*b*c` met a long path in
 * polynomial time. Here the glob is walked as a small automaton over the path, one character at a time, so a
 * match costs at most (glob tokens × path characters), and both are capped.
 *
 * Syntax: `**` any text (a `/` right after it is part of it), `*` any text without `/`, `?` one character that is
 * not `/`, anything else itself. A glob with a `/` matches the whole path; one without matches a trailing run of
 * whole path segments (`*.lock` matches `a/b/yarn.lock`).
 */

/** Longest glob matched (a longer one matches nothing: no instruction names such a glob). */
export const MAXIMUM_GLOB_CHARACTERS = 256;
/** Longest path matched against a glob (longer than any file system allows; such a path matches nothing). */
export const MAXIMUM_GLOB_MATCHED_PATH_CHARACTERS = 4096;

/** One element of a glob. */
type GlobToken = { kind: 'any-text' } | { kind: 'any-segment-text' } | { kind: 'one-character' } | { kind: 'literal'; character: string };

function tokensOf(glob: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  for (let position = 0; position < glob.length; position++) {
    const character = glob[position];
    if (character === '*' && glob[position + 1] === '*') {
      tokens.push({ kind: 'any-text' });
      position++;
      if (glob[position + 1] === '/') position++;
    } else if (character === '*') tokens.push({ kind: 'any-segment-text' });
    else if (character === '?') tokens.push({ kind: 'one-character' });
    else tokens.push({ kind: 'literal', character });
  }
  return tokens;
}

/** True for tokens that may match no character at all. */
function mayBeEmpty(token: GlobToken): boolean {
  return token.kind === 'any-text' || token.kind === 'any-segment-text';
}

/** Adds `index` and every state reachable from it without reading a character. */
function enter(states: boolean[], tokens: GlobToken[], index: number): void {
  for (let current = index; current <= tokens.length && !states[current]; current++) {
    states[current] = true;
    if (current === tokens.length || !mayBeEmpty(tokens[current])) break;
  }
}

/** True when the path matches the glob. */
export function globMatches(glob: string, path: string): boolean {
  if (glob.length > MAXIMUM_GLOB_CHARACTERS || path.length > MAXIMUM_GLOB_MATCHED_PATH_CHARACTERS) return false;
  const tokens = tokensOf(glob);
  const anchored = glob.includes('/');
  let states = new Array<boolean>(tokens.length + 1).fill(false);
  enter(states, tokens, 0);
  for (let position = 0; position < path.length; position++) {
    const character = path[position];
    const next = new Array<boolean>(tokens.length + 1).fill(false);
    for (let index = 0; index < tokens.length; index++) {
      if (!states[index]) continue;
      const token = tokens[index];
      if (token.kind === 'any-text' || (token.kind === 'any-segment-text' && character !== '/')) enter(next, tokens, index);
      else if ((token.kind === 'one-character' && character !== '/') || (token.kind === 'literal' && token.character === character)) enter(next, tokens, index + 1);
    }
    // A glob without a slash may start at any segment.
    if (!anchored && character === '/') enter(next, tokens, 0);
    states = next;
  }
  return states[tokens.length];
}
