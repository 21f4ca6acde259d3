import { describe, expect, it } from 'vitest';
import { claimSubjects } from './step-relevance.js';

describe('claimSubjects', () => {
  it.each([
    { claim: 'Fixed the parser in src/date.ts.', subjects: ['date.ts'] },
    { claim: 'Updated `parseDate` and README.md, see notes.v2.txt', subjects: ['readme.md', 'notes.v2.txt', 'parsedate'] },
    { claim: 'All done... nothing else changed - bye.', subjects: [] },
    { claim: 'version 1.2.3 and e.g. this', subjects: [] },
    { claim: `${'.'.repeat(5_000)}x.ts`, subjects: [] },
    { claim: 'a-long-name.config.js-', subjects: ['a-long-name.config.js'] },
  ])('$claim → $subjects', ({ claim, subjects }) => {
    expect(claimSubjects([claim]).sort()).toEqual([...subjects].sort());
  });
});
