// The calls of the Warranty claims screen (server/src/http/routes/back-office/
// warranties.ts), typed by the server's contracts (types only).
import type { Equipment, PageOf, Site } from '../../api/types.ts';
import type { In, JournalEntry, Out } from '../billing/api.ts';
import { allPages, enc, type Rest } from '../billing/rest.ts';
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

/** "Daikin Altherma 3 — SN 1234" */
export const equipmentLabel = (e: Pick<Equipment, 'category' | 'brand' | 'model' | 'serialNumber'>): string =>
  `${[e.brand, e.model].filter(Boolean).join(' ') || e.category}${e.serialNumber ? ` — ${e.serialNumber}` : ''}`;

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

const claim = (id: string) => `/api/warranty-claims/${enc(id)}`;

export function warrantyApi(rest: Rest) {
  return {
    claims: (q: { agencyId?: string | undefined; status?: ClaimStatus | undefined; supplierId?: string | undefined }) =>
      rest.get<PageOf<Claim>>('/api/warranty-claims', { limit: 200, ...q }),
    claim: (id: string) => rest.get<Claim>(claim(id)),
    openClaim: (input: ClaimInput) => rest.post<Claim>('/api/warranty-claims', input),
    move: (id: string, input: ClaimTransitionInput) => rest.post<Claim>(`${claim(id)}/transitions`, input),
    /** The ledger entries a claim posted (its history in the books). */
    postings: (id: string) => rest.get<PageOf<JournalEntry>>('/api/journal-entries', { sourceId: id, limit: 50 }).then((p) => p.items),
    recoverable: (agencyId?: string) => rest.get<RecoverableReport>('/api/warranty-claims/recoverable', { agencyId }),
    budgets: (year?: number) => rest.get<BudgetReport>('/api/warranty-budgets', { year }),
    suppliers: () => allPages<Supplier>(rest, '/api/suppliers', {}, 1000),
    warrantyStatus: (equipmentId: string, on?: string) => rest.get<CoverageVerdict>(`/api/equipment/${enc(equipmentId)}/warranty-status`, { on }),
    equipment: (id: string) => rest.get<Equipment>(`/api/equipment/${enc(id)}`),
    equipmentBySerial: (serialNumber: string) => rest.get<PageOf<Equipment>>('/api/equipment', { serialNumber, limit: 20 }).then((p) => p.items),
    equipmentOfSite: (siteId: string) => rest.get<PageOf<Equipment>>('/api/equipment', { siteId, limit: 100 }).then((p) => p.items),
    sites: (q: string) => rest.get<PageOf<Site>>('/api/sites', { q, limit: 20 }).then((p) => p.items),
  };
}

export type WarrantyApi = ReturnType<typeof warrantyApi>;
