// Who sees which back-office records, as Prisma `where` fragments (the
// server's rule: out of scope = not found). Depots, stock and documents
// belong to an agency; technicians see their agencies' depots.
import type { Claims } from '../../../auth/tokens.ts';
import type { Prisma } from '../../../generated/prisma/client.ts';

export function depotScopeOf(c: Claims): Prisma.DepotWhereInput {
  return c.role === 'admin' ? {} : { agencyId: { in: [...c.agencyIds] } };
}

/** Documents, claims and ledger entries: the office of the agency. */
export function agencyRecordScope(c: Claims): { agencyId?: { in: string[] } } {
  return c.role === 'admin' ? {} : { agencyId: { in: [...c.agencyIds] } };
}
