/**
 * The registry of patterns built inside functions at run time, from input the linter cannot see: each entry
 * names its source file and builds the patterns from the inputs the code really passes (or, for configurable
 * ones, the defaults). test/patterns/linear-time.test.ts checks every pattern built here, and fails when a file
 * calls `new RegExp(` with a non-constant argument and is not registered here.
 */
import { EDIT_VERBS } from '../../src/detectors/constraints/patterns.js';
import { compileExemptions, DEFAULT_EXEMPT_COMMANDS } from '../../src/detectors/loop-support/call-keys.js';
import { KEYED_LINE_KEYS, keyedValuePattern } from '../../src/formats/atif/source-lines.js';

/** One place that builds patterns at run time. */
export interface RuntimePatternBuilder {
  /** What is built, for reports. */
  name: string;
  /** The source file holding the `new RegExp(` call. */
  file: string;
  /** How many non-constant `new RegExp(` calls that file holds (all of them covered by this entry). */
  sites: number;
  /** The patterns, built as the code builds them. */
  build(): RegExp[];
}

export const RUNTIME_PATTERN_BUILDERS: readonly RuntimePatternBuilder[] = [
  { name: 'keyed line lookups of the ATIF and OTel readers', file: 'src/formats/atif/source-lines.ts', sites: 1, build: () => KEYED_LINE_KEYS.map((key) => keyedValuePattern(key)) },
  { name: 'loop detectors’ default exempt commands', file: 'src/detectors/loop-support/call-keys.ts', sites: 1, build: () => compileExemptions([], DEFAULT_EXEMPT_COMMANDS).commands },
  { name: 'edit verb of a permission (extractPermissions)', file: 'src/detectors/constraints/extract.ts', sites: 1, build: () => [new RegExp(`^${EDIT_VERBS}$`, 'i')] },
  // Module-level constants built from strings are exported, so the collector finds them; their files still call RegExp with a non-constant argument.
  { name: 'constraint pattern tables (exported)', file: 'src/detectors/constraints/patterns.ts', sites: 2, build: () => [] },
  { name: 'OpenHands SDK event kinds (exported SDK_KIND)', file: 'src/formats/openhands/reader.ts', sites: 1, build: () => [] },
  { name: 'secret-assignment redaction rule (exported in REDACTION_RULES)', file: 'src/llm/redact.ts', sites: 1, build: () => [] },
];
