// The claim's life and what each move posts.
import { describe, expect, it } from 'vitest';
import { checkClaimTransition, claimPostings, outstandingCents } from '../../../src/back-office/warranties/claim-status.ts';

describe('warranty claim status', () => {
  it.each([
    ['draft', 'submitted', null],
    ['draft', 'credited', 'a draft claim cannot become credited (allowed: submitted, closed)'],
    ['submitted', 'accepted', null],
    ['submitted', 'credited', null],
    ['accepted', 'refused', null],
    ['refused', 'closed', null],
    ['closed', 'draft', 'a closed claim cannot become draft (allowed: none)'],
  ] as const)('%s → %s', (from, to, refusal) => {
    expect(checkClaimTransition(from, to)).toBe(refusal);
  });

  it.each([
    ['draft', 'submitted', 100, 0, ['submitted']],
    ['accepted', 'credited', 100, 100, ['credited']],
    ['submitted', 'refused', 100, 0, ['written_off']],
    ['credited', 'closed', 100, 80, ['written_off']],
    ['credited', 'closed', 100, 100, []],
    ['refused', 'closed', 100, 0, []],
    ['draft', 'closed', 100, 0, []],
  ] as const)('%s → %s posts %j', (from, to, expected, received, postings) => {
    expect(claimPostings(from, to, expected, received)).toEqual(postings);
  });

  it('counts what is still to recover only while claimed', () => {
    expect([
      outstandingCents('submitted', 100, 0),
      outstandingCents('accepted', 100, 30),
      outstandingCents('credited', 100, 30),
      outstandingCents('draft', 100, 0),
    ]).toEqual([100, 70, 0, 0]);
  });
});
