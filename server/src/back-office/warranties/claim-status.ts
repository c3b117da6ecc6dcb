// The life of a supplier warranty claim, as a pure table:
//
//   draft ──submit──▶ submitted ──accept──▶ accepted ──credit──▶ credited ──close──▶ closed
//     │                  │  └────────────credit──────────────────▲                  ▲
//     └──close (abandon) │                                                         │
//                        └──refuse──▶ refused ──close──────────────────────────────┘
//
// Ledger: submitting books the credit note expected (4098); crediting books
// the one received; a refusal, or closing with less received than expected,
// writes the difference off.
import { CLAIM_TRANSITIONS } from '@tournee/contracts/back-office/warranties';

export type ClaimStatus = 'draft' | 'submitted' | 'accepted' | 'refused' | 'credited' | 'closed';

// The table itself is part of the API's contracts, which the board reads too.
export { CLAIM_TRANSITIONS };

export type ClaimPosting = 'submitted' | 'credited' | 'written_off';

/** What a move posts to the ledger. */
export function claimPostings(from: ClaimStatus, to: ClaimStatus, expectedCents: number, receivedCents: number): ClaimPosting[] {
  if (to === 'submitted') return ['submitted'];
  if (to === 'credited') return ['credited'];
  if (to === 'refused') return ['written_off'];
  if (to === 'closed' && from === 'credited' && receivedCents < expectedCents) return ['written_off'];
  return [];
}

export function checkClaimTransition(from: ClaimStatus, to: ClaimStatus): string | null {
  return CLAIM_TRANSITIONS[from].includes(to) ? null : `a ${from} claim cannot become ${to} (allowed: ${CLAIM_TRANSITIONS[from].join(', ') || 'none'})`;
}

/** What is still to recover on a claim: expected less received, while the claim is alive. */
export function outstandingCents(status: ClaimStatus, expectedCents: number, receivedCents: number): number {
  return status === 'submitted' || status === 'accepted' ? Math.max(0, expectedCents - receivedCents) : 0;
}
