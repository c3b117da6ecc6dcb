// A repair extends the warranty: a new warranty record (ours, origin repair,
// pointing at the repair), the equipment's end date moved to it when later,
// and the event in the equipment's history — so the card shows the new date
// and where it came from.
import { addMonths, dateOf, dayOf, type IsoDay } from '../days.ts';
import { inTransaction, type Db } from '../db.ts';
import { invalid, notFound } from '../errors.ts';
import { workDay } from './detect.ts';

export interface WarrantyExtension {
  readonly equipmentId: string;
  /** The repair that grants the extension. */
  readonly interventionId: string;
  /** Either a duration from the repair day, or an end date. */
  readonly months?: number | undefined;
  readonly endsOn?: IsoDay | undefined;
  readonly labourPercent?: number | undefined;
  readonly partsPercent?: number | undefined;
  readonly travelPercent?: number | undefined;
  readonly notes?: string | undefined;
  readonly authorId?: string | undefined;
  readonly now?: Date;
}

export async function extendWarrantyAfterRepair(prisma: Db, x: WarrantyExtension) {
  const now = x.now ?? new Date();
  return inTransaction(prisma, async (tx) => {
    const intervention = await tx.intervention.findUnique({
      where: { id: x.interventionId },
      select: { id: true, equipmentId: true, actualStart: true, plannedStart: true, actualEnd: true },
    });
    if (!intervention) throw notFound('intervention', 'interventionId');
    if (intervention.equipmentId !== null && intervention.equipmentId !== x.equipmentId) {
      throw invalid('the repair was on another piece of equipment', [{ path: 'interventionId', message: `it is on equipment ${intervention.equipmentId}` }]);
    }
    // Lock the equipment row: two extensions at once must not both read the old end date.
    const rows = await tx.$queryRaw<{ warranty_ends_on: Date | null }[]>`SELECT warranty_ends_on FROM equipment WHERE id = ${x.equipmentId} FOR UPDATE`;
    if (rows.length === 0) throw notFound('equipment', 'equipmentId');
    const previous = rows[0]!.warranty_ends_on ? dayOf(rows[0]!.warranty_ends_on) : null;
    const startsOn = workDay({ actualStart: intervention.actualEnd ?? intervention.actualStart, plannedStart: intervention.plannedStart }, now);
    const endsOn = x.endsOn ?? addMonths(startsOn, x.months ?? 0);
    if (endsOn <= startsOn)
      throw invalid('the extension must end after the repair day', [
        { path: x.endsOn ? 'endsOn' : 'months', message: `ends ${endsOn}, repair on ${startsOn}` },
      ]);

    const warranty = await tx.warranty.create({
      data: {
        equipmentId: x.equipmentId,
        kind: 'ours',
        origin: 'repair',
        sourceInterventionId: x.interventionId,
        startsOn: dateOf(startsOn),
        endsOn: dateOf(endsOn),
        labourPercent: x.labourPercent ?? 100,
        partsPercent: x.partsPercent ?? 100,
        travelPercent: x.travelPercent ?? 100,
        notes: x.notes ?? null,
      },
    });
    const newEnd = previous && previous > endsOn ? previous : endsOn;
    await tx.equipment.update({ where: { id: x.equipmentId }, data: { warrantyEndsOn: dateOf(newEnd) } });
    await tx.equipmentEvent.create({
      data: {
        equipmentId: x.equipmentId,
        interventionId: x.interventionId,
        authorId: x.authorId ?? null,
        kind: 'warranty_extended',
        occurredAt: now,
        summary: `Warranty extended to ${endsOn} after repair`,
        data: { warrantyId: warranty.id, origin: 'repair', startsOn, endsOn, previousEndsOn: previous },
      },
    });
    return { warranty, previousEndsOn: previous, warrantyEndsOn: newEnd };
  });
}
