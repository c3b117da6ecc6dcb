// Reading an attachment's content (a document of the visit sheet, a photo or
// signature of a report). Who may read it follows who may see what it is
// attached to: a technician their visits (and those their app was given) and
// those visits' sites and equipment; dispatchers their agencies' visits and
// the shared installed base.
import type { Claims } from '../auth/tokens.ts';
import type { Db } from './types.ts';

export interface AttachmentContent {
  readonly fileName: string;
  readonly mimeType: string;
  readonly data: Uint8Array;
}

export async function readAttachment(db: Db, auth: Claims, id: string): Promise<AttachmentContent | null> {
  const row = await db.attachment.findUnique({
    where: { id },
    select: {
      fileName: true,
      mimeType: true,
      data: true,
      siteId: true,
      equipmentId: true,
      intervention: { select: { id: true, agencyId: true, technicianId: true } },
      equipment: { select: { siteId: true } },
    },
  });
  if (!row) return null;
  const content = { fileName: row.fileName, mimeType: row.mimeType, data: row.data };
  if (auth.role === 'admin') return content;
  if (auth.role === 'dispatcher') {
    return !row.intervention || auth.agencyIds.includes(row.intervention.agencyId) ? content : null;
  }
  const technicianId = auth.technicianId;
  if (!technicianId) return null;
  const mine = { OR: [{ technicianId }, { visitGrants: { some: { technicianId } } }] };
  if (row.intervention) {
    if (row.intervention.technicianId === technicianId) return content;
    const granted = await db.technicianVisitGrant.findUnique({ where: { technicianId_interventionId: { technicianId, interventionId: row.intervention.id } } });
    return granted ? content : null;
  }
  const siteId = row.siteId ?? row.equipment?.siteId;
  if (!siteId) return null;
  const visit = await db.intervention.findFirst({ where: { siteId, ...mine }, select: { id: true } });
  return visit ? content : null;
}
