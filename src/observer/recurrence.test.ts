import { describe, expect, it } from 'vitest';
import { recurrenceReason, SAME_MISBEHAVIOR_RECURRED } from './recurrence.js';

/** The intervention at step 9 addressed a forbidden edit (did-not-follow-instructions). */
const ADDRESSED = { signature: 'constraint-violation:forbiddenEdit:test/invoice.test.ts', category: 'did-not-follow-instructions', step: 9 };

function finding(fields: { signature?: string; category?: string; signal?: boolean; shadow?: boolean; messageId?: string }) {
  return { signature: 'other', category: 'infinite-loop', detector: 'constraint-violation', messageId: 'forbiddenCommand', ...fields };
}

describe('recurrenceReason: which later finding means the agent did not recover', () => {
  it.each([
    ['the same signature after the intervention', finding({ signature: ADDRESSED.signature, category: ADDRESSED.category }), 11, SAME_MISBEHAVIOR_RECURRED],
    ['another misbehavior of the same category (the demo: a forbidden push after a forbidden edit)', finding({ category: 'did-not-follow-instructions' }), 15, 'a misbehavior of the same category recurred (constraint-violation/forbiddenCommand)'],
    ['a misbehavior of another category', finding({ category: 'infinite-loop' }), 15, undefined],
    ['a developer-pushback signal of the same category', finding({ category: 'did-not-follow-instructions', signal: true }), 12, undefined],
    ['a shadow (recorded, not injected) finding of the same category', finding({ category: 'did-not-follow-instructions', shadow: true }), 12, undefined],
    ['the same signature at the intervention step itself', finding({ signature: ADDRESSED.signature, category: ADDRESSED.category }), 9, undefined],
    ['the same category before the intervention', finding({ category: 'did-not-follow-instructions' }), 7, undefined],
  ])('%s', (_, later, step, expected) => {
    expect(recurrenceReason(later, step, ADDRESSED)).toBe(expected);
  });
});
