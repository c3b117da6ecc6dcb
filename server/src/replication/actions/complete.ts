// The report and the move to done, as one transaction: the intervention
// (version-checked), its structured report, the parts consumed from the van,
// the equipment's "as maintained" configuration with a history entry for each
// change, and the customer's signature. Any refusal leaves none of it
// written; the device's report is then kept with the conflict.
import { randomUUID } from 'node:crypto';
import type { CompleteAction } from '@tournee/contracts/replication';
import type { Prisma } from '../../generated/prisma/client.ts';
import { decodeImageDataUrl } from '../attachment-data.ts';
import { expectedVersion } from '../base-version.ts';
import { consumeFromVan } from '../stock.ts';
import { RaceError, conflict, rejected, type Actor, type Handled, type Tx } from '../types.ts';
import { visitForAction, visitState, type VisitRow } from '../visit-access.ts';
import { deviceTime } from './status.ts';

type Json = Prisma.InputJsonValue;
type Configuration = Record<string, unknown>;

export async function applyComplete(tx: Tx, actor: Actor, action: CompleteAction, now: Date): Promise<Handled> {
  const visit = await visitForAction(tx, actor, action.interventionId);
  // Checked before anything is written: a signature that is not a PNG rejects the whole completion.
  const signature = action.signature ? { ...action.signature, ...(await decodeImageDataUrl(action.signature.image, 'signature.image')) } : null;
  const expected = await expectedVersion(tx, actor, visit, action);
  const where = { interventionId: visit.id, agencyId: visit.agencyId };
  if (visit.status !== 'on_site') {
    const message =
      visit.status === 'done' || visit.status === 'closed'
        ? `the visit is already ${visit.status}`
        : `the visit is ${visit.status}: a report closes a visit that is on_site`;
    throw conflict('status_changed', message, { visit: visitState(visit, actor) }, where);
  }
  const completedAt = deviceTime(action.completedAt, now);

  const { count } = await tx.intervention.updateMany({
    where: { id: visit.id, version: visit.version, status: 'on_site', technicianId: actor.technicianId },
    data: {
      status: 'done',
      version: { increment: 1 },
      actualEnd: completedAt,
      report: action.workDone,
      ...(visit.actualStart ? {} : { actualStart: completedAt }),
    },
  });
  if (count !== 1) throw new RaceError();
  const version = visit.version + 1;

  const consumed = await consumeFromVan(tx, actor, visit, action.partsUsed, completedAt);
  const changes = await applyConfiguration(tx, actor, visit, action, completedAt);
  let signatureId: string | null = null;
  if (signature) {
    const { mimeType, bytes } = signature;
    signatureId = randomUUID();
    await tx.attachment.create({
      data: {
        id: signatureId,
        kind: 'signature',
        interventionId: visit.id,
        fileName: 'signature.png',
        mimeType,
        sizeBytes: bytes.byteLength,
        data: bytes,
        caption: signature.signedBy,
        authorId: actor.userId,
        takenAt: completedAt,
      },
    });
  }
  await tx.interventionReport.create({
    data: {
      interventionId: visit.id,
      technicianId: actor.technicianId,
      workDone: action.workDone,
      timeSpentMinutes: action.timeSpentMinutes,
      partsUsed: consumed as unknown as Json,
      configurationChanges: changes as unknown as Json,
      signedBy: action.signature?.signedBy ?? null,
      signatureId,
      photoIds: action.photoIds,
      completedAt,
      actionId: action.id,
    },
  });

  return {
    outcome: { status: 'applied', interventionVersion: version, merged: visit.version !== expected },
    ...where,
    resultVersion: version,
    effects: {
      interventionChanged: {
        interventionId: visit.id,
        agencyId: visit.agencyId,
        technicianId: actor.technicianId,
        sectorId: visit.site.sectorId,
        status: 'done',
        previousStatus: 'on_site',
        version,
        source: 'technician',
        changedAt: now,
      },
      visitDone: visit.id,
    },
  };
}

/**
 * Keys set (or removed, with null) on "as maintained"; the rest of the
 * configuration stays. Last writer wins per key: a configuration is what the
 * technician saw on site, newer than any office copy.
 */
async function applyConfiguration(tx: Tx, actor: Actor, visit: VisitRow, action: CompleteAction, at: Date) {
  const out: { equipmentId: string; set: Configuration; before: Configuration }[] = [];
  for (const [index, change] of action.configurationChanges.entries()) {
    const equipment = await tx.equipment.findUnique({ where: { id: change.equipmentId }, select: { id: true, siteId: true, asMaintained: true } });
    if (!equipment || equipment.siteId !== visit.siteId) {
      throw rejected(
        'equipment not on the visit’s site',
        [{ path: `configurationChanges[${index}].equipmentId`, message: `no equipment ${change.equipmentId} on this site` }],
        { interventionId: visit.id, agencyId: visit.agencyId },
      );
    }
    const current = (equipment.asMaintained ?? {}) as Configuration;
    const before: Configuration = {};
    const next: Configuration = { ...current };
    for (const [key, value] of Object.entries(change.set)) {
      before[key] = key in current ? current[key] : null;
      if (value === null) delete next[key];
      else next[key] = value;
    }
    await tx.equipment.update({ where: { id: equipment.id }, data: { asMaintained: next as Json } });
    await tx.equipmentEvent.create({
      data: {
        equipmentId: equipment.id,
        interventionId: visit.id,
        authorId: actor.userId,
        kind: 'configuration_changed',
        occurredAt: at,
        summary: `Configuration: ${Object.keys(change.set).join(', ')}`.slice(0, 500),
        data: { set: change.set, before } as Json,
      },
    });
    out.push({ equipmentId: equipment.id, set: change.set, before });
  }
  return out;
}
