// The calls of the Warranty claims screen, each naming its route in the
// contracts' route table through the typed client (ui/src/api/client.ts);
// the record types come from the back office's contracts (types only).
import { allPages, createCallApi } from '../../api/client.ts';
import type { Equipment } from '../../api/types.ts';
import type { In, Out } from '../billing/api.ts';
import type { BackOfficeHttp } from '../shared/client.ts';
import { categoryLabel } from '../../tech/equipment-labels.ts';
import { CLAIM_TRANSITIONS } from '@tournee/contracts/back-office/warranties';

export type Claim = Out<'Claim'>;
export type ClaimStatus = Out<'ClaimStatus'>;
export type ClaimKind = Out<'ClaimKind'>;
export type ClaimInput = In<'ClaimInput'>;
export type ClaimTransitionInput = In<'ClaimTransitionInput'>;
export type RecoverableReport = Out<'RecoverableReport'>;
export type BudgetReport = Out<'BudgetReport'>;
export type CoverageVerdict = Out<'CoverageVerdict'>;
export type Supplier = Out<'Supplier'>;

/** "Daikin Altherma 3 — SN 1234"; without brand and model, the category in words ("Chaudière gaz — SN 1234"), never its code. */
export const equipmentLabel = (e: Pick<Equipment, 'category' | 'brand' | 'model' | 'serialNumber'>, language: string): string =>
  `${[e.brand, e.model].filter(Boolean).join(' ') || categoryLabel(e.category, language)}${e.serialNumber ? ` — ${e.serialNumber}` : ''}`;

export const CLAIM_STATUSES: readonly ClaimStatus[] = ['draft', 'submitted', 'accepted', 'refused', 'credited', 'closed'];
export const CLAIM_KINDS: readonly ClaimKind[] = ['repair', 'part', 'exchange'];

/**
 * The moves a claim's state offers: the server's own pure table
 * (contracts/back-office/warranties.ts). Only a hint for the buttons shown:
 * the server decides, and its refusal is shown as it says it.
 */
export const CLAIM_MOVES: Readonly<Record<ClaimStatus, readonly ClaimStatus[]>> = CLAIM_TRANSITIONS;

/** What is still to recover on a claim: expected less received, while it is claimed and not credited. */
export const toRecover = (c: Pick<Claim, 'status' | 'expectedCreditCents' | 'receivedCreditCents'>): number =>
  c.status === 'submitted' || c.status === 'accepted' ? Math.max(0, c.expectedCreditCents - c.receivedCreditCents) : 0;

export function warrantyApi(http: BackOfficeHttp) {
  const call = createCallApi(http);
  return {
    claims: (q: { agencyId?: string | undefined; status?: ClaimStatus | undefined; supplierId?: string | undefined }) =>
      call('GET /api/warranty-claims', { query: { limit: 200, ...q } }),
    claim: (id: string) => call('GET /api/warranty-claims/:id', { params: { id } }),
    openClaim: (input: ClaimInput) => call('POST /api/warranty-claims', { body: input }),
    move: (id: string, input: ClaimTransitionInput) => call('POST /api/warranty-claims/:id/transitions', { params: { id }, body: input }),
    /** The ledger entries a claim posted (its history in the books). */
    postings: (id: string) => call('GET /api/journal-entries', { query: { sourceId: id, limit: 50 } }).then((p) => p.items),
    recoverable: (agencyId?: string) => call('GET /api/warranty-claims/recoverable', { query: { agencyId } }),
    budgets: (year?: number) => call('GET /api/warranty-budgets', { query: { year } }),
    suppliers: () => allPages(call, 'GET /api/suppliers', {}, 1000),
    warrantyStatus: (equipmentId: string, on?: string) => call('GET /api/equipment/:id/warranty-status', { params: { id: equipmentId }, query: { on } }),
    equipment: (id: string) => call('GET /api/equipment/:id', { params: { id } }),
    equipmentBySerial: (serialNumber: string) => call('GET /api/equipment', { query: { serialNumber, limit: 20 } }).then((p) => p.items),
    equipmentOfSite: (siteId: string) => call('GET /api/equipment', { query: { siteId, limit: 100 } }).then((p) => p.items),
    sites: (q: string) => call('GET /api/sites', { query: { q, limit: 20 } }).then((p) => p.items),
  };
}

export type WarrantyApi = ReturnType<typeof warrantyApi>;
