// Meter readings the technician entered on the visit sheet (offline, from the
// outbox): the equipment must be the visit's, or at its site, and the visit
// one the technician may act on. The readings go through the same recorder as
// the API's (counters/record-readings.ts); a refused reading (below the last
// one without a reset, another unit) is a rejection naming the reading, kept
// for the dispatcher with the device's payload. The visit's version is not
// touched: readings are not a move of the visit.
import type { CounterReadingAction } from '@tournee/contracts/counters';
import { BackOfficeError } from '../../back-office/errors.ts';
import { recordReadingsIn } from '../../counters/record-readings.ts';
import { rejected, type Actor, type Handled, type Tx } from '../types.ts';
import { visitForAction } from '../visit-access.ts';

export async function applyCounterReading(tx: Tx, actor: Actor, action: CounterReadingAction, now: Date): Promise<Handled> {
  const visit = await visitForAction(tx, actor, action.interventionId);
  const where = { interventionId: visit.id, agencyId: visit.agencyId };
  const equipment = await tx.equipment.findUnique({ where: { id: action.equipmentId }, select: { id: true, siteId: true } });
  if (!equipment || (equipment.id !== visit.equipmentId && equipment.siteId !== visit.siteId))
    throw rejected('this equipment is not at the visit’s site', [{ path: 'equipmentId', message: 'not at the visit’s site' }], where);
  try {
    await recordReadingsIn(tx, {
      equipmentId: equipment.id,
      readings: action.readings,
      readAt: new Date(action.readAt),
      interventionId: visit.id,
      authorId: actor.userId,
      source: 'technician',
      now,
    });
  } catch (error) {
    if (!(error instanceof BackOfficeError)) throw error;
    throw rejected(
      error.message,
      error.fields.map((f) => ({ path: f.path, message: f.message })),
      where,
    );
  }
  return { outcome: { status: 'applied', interventionVersion: null, merged: false }, ...where, resultVersion: null, effects: {} };
}
