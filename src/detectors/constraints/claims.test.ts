import { describe, expect, it } from 'vitest';
import { claimsOf } from './claims.js';

describe('claimsOf', () => {
  // One message per claim word: a word missing from the words every claim needs (CLAIM_WORDS) makes its row fail.
  it.each([
    { text: 'All tests pass.', kind: 'tests-pass', subject: '' },
    { text: 'The unit tests ran successfully.', kind: 'tests-pass', subject: '' },
    { text: 'The tests succeeded.', kind: 'tests-pass', subject: '' },
    { text: 'The tests are green.', kind: 'tests-pass', subject: '' },
    { text: 'The bug is fixed.', kind: 'fixed', subject: '' },
    { text: 'The issue has been resolved.', kind: 'fixed', subject: '' },
    { text: 'It works now.', kind: 'fixed', subject: '' },
    { text: 'I have updated src/parser.ts', kind: 'edited-file', subject: 'src/parser.ts' },
    { text: "I've modified lib/a.py", kind: 'edited-file', subject: 'lib/a.py' },
    { text: 'I edited `b.go`', kind: 'edited-file', subject: 'b.go' },
    { text: 'I changed c.rs', kind: 'edited-file', subject: 'c.rs' },
    { text: 'I patched d.c', kind: 'edited-file', subject: 'd.c' },
    { text: 'I created e.md', kind: 'edited-file', subject: 'e.md' },
    { text: 'I added f.ts', kind: 'edited-file', subject: 'f.ts' },
    { text: 'I rewrote g.ts', kind: 'edited-file', subject: 'g.ts' },
    { text: 'I refactored h.ts', kind: 'edited-file', subject: 'h.ts' },
    { text: 'I ran `npm test`', kind: 'ran-command', subject: 'npm test' },
    { text: "I've executed `make`", kind: 'ran-command', subject: 'make' },
    { text: "I've run the unit tests", kind: 'ran-tests', subject: '' },
    { text: 'I reran the tests', kind: 'ran-tests', subject: '' },
    { text: 'I re-ran the tests', kind: 'ran-tests', subject: '' },
    { text: "I've rerun the tests", kind: 'ran-tests', subject: '' },
    { text: "I've re-run the tests", kind: 'ran-tests', subject: '' },
    { text: 'I have committed the work.', kind: 'committed', subject: '' },
    { text: '✅ Committed as a1b2c3d', kind: 'committed', subject: '' },
    { text: '__Committed as a1b2c3d', kind: 'committed', subject: '' },
    { text: '_pushed to origin', kind: 'pushed', subject: '' },
    { text: 'The branch has been pushed.', kind: 'pushed', subject: '' },
    { text: 'I verified the output.', kind: 'verified', subject: '' },
    { text: 'I validated the output.', kind: 'verified', subject: '' },
    { text: 'I confirmed the output.', kind: 'verified', subject: '' },
    { text: 'I tested it by hand.', kind: 'verified', subject: '' },
    { text: 'Verification completed.', kind: 'verified', subject: '' },
    { text: 'Validation achieved.', kind: 'verified', subject: '' },
    { text: 'The failure in src/a.ts is pre-existing.', kind: 'pre-existing', subject: 'src/a.ts' },
    { text: 'The failure in src/a.ts is preexisting.', kind: 'pre-existing', subject: 'src/a.ts' },
    { text: 'src/b.ts still has the old hash.', kind: 'pre-existing', subject: 'src/b.ts' },
    { text: 'src/b.ts already holds the old hash.', kind: 'pre-existing', subject: 'src/b.ts' },
    { text: 'I did not touch src/c.ts', kind: 'pre-existing', subject: 'src/c.ts' },
    { text: "I didn't modify src/c.ts", kind: 'pre-existing', subject: 'src/c.ts' },
    { text: 'I never change src/c.ts', kind: 'pre-existing', subject: 'src/c.ts' },
    { text: 'We never edit src/c.ts', kind: 'pre-existing', subject: 'src/c.ts' },
    { text: 'src/d.ts is untouched.', kind: 'pre-existing', subject: 'src/d.ts' },
    { text: 'src/d.ts is unmodified.', kind: 'pre-existing', subject: 'src/d.ts' },
    { text: 'The error in src/g.ts is not caused by my edits.', kind: 'pre-existing', subject: 'src/g.ts' },
    { text: 'The error in src/g.ts is not introduced by my edits.', kind: 'pre-existing', subject: 'src/g.ts' },
    { text: 'The error in src/g.ts is unrelated to my work.', kind: 'pre-existing', subject: 'src/g.ts' },
  ])('$text: $kind', ({ text, kind, subject }) => {
    expect(claimsOf(text).map((claim) => ({ kind: claim.kind, subject: claim.subject }))).toContainEqual({ kind, subject });
    expect(claimsOf(`Some words first.\n\n${text.toUpperCase()}`).map((claim) => claim.kind)).toContain(kind);
  });

  it.each([
    { text: '' },
    { text: 'I will check the parser and then update the slug.' },
    { text: 'The parser returns the offset when the input is empty.' },
    { text: 'The bypass grant was crunched into prerunning overwork.' },
    { text: '```\nAll tests pass\n```' },
  ])('no claim in "$text"', ({ text }) => {
    expect(claimsOf(text)).toEqual([]);
  });
});
