/**
 * `npm run check-patterns`: runs recheck on every pattern that has no recorded verdict yet (all of them with
 * `--all`), drops verdicts of patterns that no longer exist, writes test/patterns/redos-verdicts.json and prints
 * the vulnerable patterns with their attack strings. `npm run check-patterns -- --pattern '<source>' [flags]`
 * checks one pattern without recording it (to try a rewrite).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectPatterns } from './collect-patterns.js';
import { checkPattern, readVerdicts, verdictKey, writeVerdicts, type Verdict } from './redos-check.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function checkOne(source: string, flags: string): Promise<void> {
  const started = performance.now();
  const verdict = await checkPattern(source, flags);
  process.stdout.write(`${JSON.stringify(verdict)} (${Math.round(performance.now() - started)} ms)\n`);
}

async function main(): Promise<void> {
  const parameters = process.argv.slice(2);
  const patternIndex = parameters.indexOf('--pattern');
  if (patternIndex !== -1) return checkOne(parameters[patternIndex + 1] ?? '', parameters[patternIndex + 2] ?? '');
  const recheckAll = parameters.includes('--all');
  const patterns = await collectPatterns(ROOT);
  const known = readVerdicts();
  const verdicts: Record<string, Verdict> = {};
  let checked = 0;
  for (const pattern of patterns) {
    const key = verdictKey(pattern.source, pattern.flags);
    const recorded = recheckAll ? undefined : known[key];
    if (recorded) {
      verdicts[key] = recorded;
      continue;
    }
    const started = performance.now();
    verdicts[key] = await checkPattern(pattern.source, pattern.flags);
    checked++;
    process.stdout.write(`${verdicts[key].status.padEnd(10)} ${Math.round(performance.now() - started).toString().padStart(6)} ms  ${pattern.name}\n`);
  }
  writeVerdicts(verdicts);
  const dropped = Object.keys(known).filter((key) => !(key in verdicts)).length;
  process.stdout.write(`\n${patterns.length} patterns, ${checked} checked now, ${dropped} old verdicts dropped\n`);
  for (const pattern of patterns) {
    const verdict = verdicts[verdictKey(pattern.source, pattern.flags)];
    if (verdict.status !== 'safe') process.stdout.write(`${verdict.status} ${verdict.complexity}: ${pattern.name}\n  attack: ${verdict.attack ?? '-'}\n`);
  }
}

await main();
