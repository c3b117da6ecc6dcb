// Records a request body names (a technician, a sector, an intervention, an
// invoice) are checked against their stored agency, never against what the
// body says: they must be in one of the caller's agencies, and — when the
// record being written belongs to an agency — in that same agency. A
// dispatcher of Aix cannot send a Marseille technician to an Aix visit, link
// a technician to a Marseille sector, or cite a Marseille intervention in a
// claim; an admin cannot mix agencies in one record either.
//
// A reference to a record that does not exist is left to the database (its
// foreign key answers 422 naming the field); one outside the caller's
// agencies answers 403 naming the field, without saying what the record is.
// A technician may name only themselves and their own assignments.
import type { PrismaClient } from '../generated/prisma/client.ts';
import { canManageAgency } from '../auth/scope.ts';
import type { Claims } from '../auth/tokens.ts';
import { HttpError } from './errors.ts';

export type ReferenceKind = 'technician' | 'sector' | 'intervention' | 'billing document';

export interface Reference {
  /** Where it is in the body, for the error: `technicianId`, `sectors[2].sectorId`. */
  readonly path: string;
  readonly kind: ReferenceKind;
  readonly id: string | null | undefined;
}

interface Owner {
  readonly agencyId: string;
  /** The technician it is (a technician) or is assigned to (an intervention). */
  readonly technicianId: string | null;
}

/** The stored owner of each referenced record (absent when the record does not exist). */
async function ownersOf(prisma: PrismaClient, kind: ReferenceKind, ids: string[]): Promise<Map<string, Owner>> {
  const where = { id: { in: ids } };
  const select = { id: true, agencyId: true } as const;
  const rows: { id: string; agencyId: string; technicianId?: string | null }[] =
    kind === 'technician'
      ? await prisma.technician.findMany({ where, select })
      : kind === 'sector'
        ? await prisma.sector.findMany({ where, select })
        : kind === 'intervention'
          ? await prisma.intervention.findMany({ where, select: { ...select, technicianId: true } })
          : await prisma.billingDocument.findMany({ where, select });
  return new Map(rows.map((r) => [r.id, { agencyId: r.agencyId, technicianId: kind === 'technician' ? r.id : (r.technicianId ?? null) }]));
}

function mayReference(auth: Claims, kind: ReferenceKind, owner: Owner): boolean {
  if (auth.role !== 'technician') return canManageAgency(auth, owner.agencyId);
  return (kind === 'technician' || kind === 'intervention') && owner.technicianId !== null && owner.technicianId === auth.technicianId;
}

/**
 * Throws 403 naming every reference outside the caller's agencies, or 422
 * naming those in another agency than `agencyId` (the agency of the record
 * being written, when it has one).
 */
export async function checkReferences(prisma: PrismaClient, auth: Claims, agencyId: string | undefined, references: readonly Reference[]): Promise<void> {
  const named = references.filter((r): r is Reference & { id: string } => typeof r.id === 'string');
  if (named.length === 0) return;
  const kinds = [...new Set(named.map((r) => r.kind))];
  const stored = new Map(
    await Promise.all(
      kinds.map(
        async (kind) =>
          [
            kind,
            await ownersOf(
              prisma,
              kind,
              named.filter((r) => r.kind === kind).map((r) => r.id),
            ),
          ] as const,
      ),
    ),
  );
  const foreign = [];
  const elsewhere = [];
  for (const ref of named) {
    const owner = stored.get(ref.kind)?.get(ref.id);
    if (owner === undefined) continue;
    if (!mayReference(auth, ref.kind, owner)) foreign.push({ path: ref.path, in: 'body' as const, message: `this ${ref.kind} is not in one of your agencies` });
    else if (agencyId !== undefined && owner.agencyId !== agencyId)
      elsewhere.push({ path: ref.path, in: 'body' as const, message: `this ${ref.kind} belongs to another agency than ${agencyId}` });
  }
  if (foreign.length) throw new HttpError(403, `${foreign.map((f) => f.path).join(', ')}: not in one of your agencies`, foreign);
  if (elsewhere.length) throw new HttpError(422, `${elsewhere.map((f) => f.path).join(', ')}: must be in the same agency as the record`, elsewhere);
}
