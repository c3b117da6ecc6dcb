// Warranty detection: the facts of decideCoverage read from the database, at
// the three moments the article names — the equipment is looked up, a request
// is registered (an intervention), an item comes back (a return movement).
import type { Prisma } from '../../generated/prisma/client.ts';
import { booksDay, dayOf, type IsoDay } from '../days.ts';
import type { Db, Tx } from '../db.ts';
import { notFound } from '../errors.ts';
import { decideCoverage, type ContractFacts, type CoverageVerdict, type FaultCause, type VisitKind, type WarrantyFacts } from './coverage.ts';

type Reader = Db | Tx;
export type CoverageOccasion = 'lookup' | 'request' | 'return' | 'invoice' | 'manual';

/** The warranties of one piece of equipment as facts. */
export async function warrantyFacts(db: Reader, equipmentId: string): Promise<{ warranties: WarrantyFacts[]; siteId: string }> {
  const equipment = await db.equipment.findUnique({
    where: { id: equipmentId },
    select: { siteId: true, installedOn: true, warrantyEndsOn: true, warranties: { orderBy: { startsOn: 'asc' } } },
  });
  if (!equipment) throw notFound('equipment', 'equipmentId');
  const warranties: WarrantyFacts[] = equipment.warranties.map((w) => ({
    id: w.id,
    kind: w.kind,
    supplierId: w.supplierId,
    startsOn: dayOf(w.startsOn),
    endsOn: dayOf(w.endsOn),
    labourPercent: w.labourPercent,
    partsPercent: w.partsPercent,
    travelPercent: w.travelPercent,
  }));
  // Equipment recorded before warranties had their own records carries only
  // an end date: read it as a full manufacturer's warranty whose supplier is
  // unknown (nothing can be claimed until one is recorded).
  if (warranties.length === 0 && equipment.warrantyEndsOn) {
    warranties.push({
      id: null,
      kind: 'manufacturer',
      supplierId: null,
      startsOn: equipment.installedOn ? dayOf(equipment.installedOn) : '1900-01-01',
      endsOn: dayOf(equipment.warrantyEndsOn),
      labourPercent: 100,
      partsPercent: 100,
      travelPercent: 100,
    });
  }
  return { warranties, siteId: equipment.siteId };
}

/** The contract whose terms apply: the one named, else an active one with a service plan on the equipment. */
async function contractFacts(db: Reader, contractId: string | null, equipmentId: string | null, on: IsoDay): Promise<ContractFacts | null> {
  const day = new Date(`${on}T00:00:00Z`);
  const where: Prisma.ContractWhereInput = contractId
    ? { id: contractId }
    : equipmentId
      ? { status: 'active', startsOn: { lte: day }, OR: [{ endsOn: null }, { endsOn: { gte: day } }], servicePlans: { some: { equipmentId, active: true } } }
      : { id: { in: [] } };
  const contract = await db.contract.findFirst({ where, include: { terms: true }, orderBy: { startsOn: 'desc' } });
  if (!contract) return null;
  return {
    id: contract.id,
    reference: contract.reference,
    status: contract.status,
    startsOn: dayOf(contract.startsOn),
    endsOn: contract.endsOn ? dayOf(contract.endsOn) : null,
    labourPercent: contract.terms?.labourPercent ?? 0,
    partsPercent: contract.terms?.partsPercent ?? 0,
    travelPercent: contract.terms?.travelPercent ?? 0,
  };
}

/** The verdict when the equipment card is opened (or an item comes back). */
export async function detectWarranty(db: Reader, equipmentId: string, on: IsoDay): Promise<CoverageVerdict> {
  const { warranties } = await warrantyFacts(db, equipmentId);
  const contract = await contractFacts(db, null, equipmentId, on);
  return decideCoverage({ on, hasEquipment: true, visitKind: null, warranties, contract });
}

/** The day an intervention's work counts as done: started, else planned, else today. */
export function workDay(i: { actualStart: Date | null; plannedStart: Date | null }, now: Date): IsoDay {
  return booksDay(i.actualStart ?? i.plannedStart ?? now);
}

export async function interventionVerdict(
  db: Reader,
  interventionId: string,
  options: { cause?: FaultCause | undefined; now: Date },
): Promise<CoverageVerdict> {
  const i = await db.intervention.findUnique({
    where: { id: interventionId },
    select: { kind: true, equipmentId: true, contractId: true, actualStart: true, plannedStart: true },
  });
  if (!i) throw notFound('intervention');
  const on = workDay(i, options.now);
  const warranties = i.equipmentId ? (await warrantyFacts(db, i.equipmentId)).warranties : [];
  const contract = await contractFacts(db, i.contractId, i.equipmentId, on);
  return decideCoverage({ on, hasEquipment: i.equipmentId !== null, visitKind: i.kind as VisitKind, cause: options.cause, warranties, contract });
}

/**
 * Decides and records the flag of an intervention (covered / partly covered /
 * not covered, with its rule). Call it when a request is registered; it is
 * re-run when the visit is invoiced, since warranties may have changed since.
 */
export async function flagInterventionCoverage(
  db: Reader,
  interventionId: string,
  options: { occasion: CoverageOccasion; cause?: FaultCause | undefined; now?: Date },
): Promise<CoverageVerdict> {
  const verdict = await interventionVerdict(db, interventionId, { cause: options.cause, now: options.now ?? new Date() });
  const main = [verdict.shares.labour, verdict.shares.parts, verdict.shares.travel].find((s) => s.source !== null);
  const data = {
    status: verdict.status,
    ruleCode: verdict.ruleCode,
    rule: verdict.rule,
    warrantyId: main?.warrantyId ?? null,
    contractId: main?.contractId ?? null,
    supplierId: main?.supplierId ?? null,
    labourPercent: verdict.shares.labour.percent,
    partsPercent: verdict.shares.parts.percent,
    travelPercent: verdict.shares.travel.percent,
    occasion: options.occasion,
    decidedAt: options.now ?? new Date(),
  };
  await db.interventionCoverage.upsert({ where: { interventionId }, create: { interventionId, ...data }, update: data });
  return verdict;
}
