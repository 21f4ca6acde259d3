/**
 * The ReDoS checker wink's patterns are held to: recheck (https://makenowjust-labs.github.io/recheck/), which
 * decides from the pattern alone whether some input makes matching take super-linear time, and gives the attack
 * string when it does. recheck runs its native build when the platform package is installed, else its Java or
 * pure JavaScript build (all give the same verdicts; the pure build is about three times slower).
 *
 * Checking all of wink's patterns takes minutes, so verdicts are kept in `redos-verdicts.json`, keyed by the
 * pattern's source and flags: a changed pattern has no verdict yet and is checked again
 * (`npm run check-patterns` refreshes the file).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from 'recheck';

/** How long recheck may think about one pattern (its default is 10 s; the largest secret patterns need more). */
export const RECHECK_TIMEOUT_MILLISECONDS = 120_000;
/** The file of known verdicts, beside this module. */
export const VERDICTS_FILE = join(dirname(fileURLToPath(import.meta.url)), 'redos-verdicts.json');

/** What recheck says of one pattern, reduced to what the tests and reports need. */
export interface Verdict {
  status: 'safe' | 'vulnerable' | 'unknown';
  /** `linear`, `constant`, `safe`, `polynomial` or `exponential`; the error kind when unknown. */
  complexity: string;
  /** Degree of a polynomial complexity. */
  degree?: number;
  /** The attack string, as recheck writes it (`'#'.repeat(31) + '\x00'`). */
  attack?: string;
}

/** The key of a pattern in the verdict file. */
export function verdictKey(source: string, flags: string): string {
  return `/${source}/${flags}`;
}

/** Runs recheck on one pattern. */
export async function checkPattern(source: string, flags: string): Promise<Verdict> {
  const diagnostics = await check(source, flags, { timeout: RECHECK_TIMEOUT_MILLISECONDS });
  if (diagnostics.status === 'unknown') return { status: 'unknown', complexity: diagnostics.error.kind };
  if (diagnostics.status === 'safe') return { status: 'safe', complexity: diagnostics.complexity.type };
  const complexity = diagnostics.complexity;
  return {
    status: 'vulnerable',
    complexity: complexity.type,
    ...(complexity.type === 'polynomial' ? { degree: complexity.degree } : {}),
    attack: diagnostics.attack.pattern,
  };
}

/** The verdicts recorded so far, by {@link verdictKey}. */
export function readVerdicts(): Record<string, Verdict> {
  try {
    return (JSON.parse(readFileSync(VERDICTS_FILE, 'utf8')) as { verdicts: Record<string, Verdict> }).verdicts;
  } catch {
    return {};
  }
}

/** Writes the verdicts, sorted by key so the file diffs well. */
export function writeVerdicts(verdicts: Record<string, Verdict>): void {
  const sorted = Object.fromEntries(Object.entries(verdicts).sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)));
  writeFileSync(VERDICTS_FILE, `${JSON.stringify({ checker: 'recheck', verdicts: sorted }, null, 1)}\n`);
}
