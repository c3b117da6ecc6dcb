// A photo taken on a visit, compressed on the device (JPEG), sent as its own
// action so that a report's photos do not have to fit in one request. The
// photo's id is the device's: sending it again under another action id
// stores nothing twice; an id that already names another record (another
// visit's photo, a document) is a conflict for this action alone.
import type { PhotoAction } from '@tournee/contracts/replication';
import { decodeImageDataUrl } from '../attachment-data.ts';
import { conflict, type Actor, type Handled, type Tx } from '../types.ts';
import { visitForAction } from '../visit-access.ts';
import { deviceTime } from './status.ts';

export async function applyPhoto(tx: Tx, actor: Actor, action: PhotoAction, now: Date): Promise<Handled> {
  const visit = await visitForAction(tx, actor, action.interventionId);
  const where = { interventionId: visit.id, agencyId: visit.agencyId };
  const applied = { outcome: { status: 'applied', interventionVersion: null, merged: false }, ...where, resultVersion: null, effects: {} } as const;
  const existing = await tx.attachment.findUnique({ where: { id: action.photoId }, select: { interventionId: true } });
  if (existing?.interventionId === visit.id) return applied;
  if (existing) throw photoIdTaken(where);
  const { mimeType, bytes } = await decodeImageDataUrl(action.image, 'image');
  const takenAt = deviceTime(action.takenAt, now);
  await tx.attachment.create({
    data: {
      id: action.photoId,
      kind: 'photo',
      interventionId: visit.id,
      fileName: `photo-${takenAt.toISOString().replace(/[:.]/g, '-')}.jpg`,
      mimeType,
      sizeBytes: bytes.byteLength,
      data: bytes,
      caption: action.caption ?? null,
      authorId: actor.userId,
      takenAt,
      width: action.width,
      height: action.height,
    },
  });
  return applied;
}

/** The device's photo id names another record: the photo is kept with the conflict, nothing is overwritten. */
export const photoIdTaken = (where: { interventionId: string | null; agencyId: string | null }) =>
  conflict('id_taken', 'this photo id is already used by another document: the photo was not stored, take it again', {}, where);
