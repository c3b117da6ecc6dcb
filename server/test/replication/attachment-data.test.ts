// Photo and signature bytes are sniffed (issue 11, "Deployment"): the data
// URL's declared type is the device's word; a "photo" whose bytes are HTML or
// a script was stored and served back as image/jpeg. Now the bytes must be
// the declared image type (magic numbers, file-type), or the action is
// rejected with the field named and nothing stored.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ActionResult, FieldActionInput } from '@tournee/contracts/replication';
import { decodeImageDataUrl } from '../../src/replication/attachment-data.ts';
import { Refusal } from '../../src/replication/types.ts';
import { describeOnEachDatabase } from './harness.ts';

const JPEG = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==';
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==';
const HTML_AS_JPEG = `data:image/jpeg;base64,${Buffer.from('<html><script>alert(document.cookie)</script></html>').toString('base64')}`;
const at = () => new Date().toISOString();

describe('decodeImageDataUrl', () => {
  it('accepts bytes of the declared image type', async () => {
    expect((await decodeImageDataUrl(JPEG, 'image')).mimeType).toBe('image/jpeg');
    expect((await decodeImageDataUrl(PNG, 'signature.image')).mimeType).toBe('image/png');
  });

  it('refuses other bytes, naming the field and what the bytes are', async () => {
    const html = await decodeImageDataUrl(HTML_AS_JPEG, 'image').catch((e: unknown) => e);
    expect(html).toBeInstanceOf(Refusal);
    expect((html as Refusal).outcome).toEqual({
      status: 'rejected',
      error: 'image is not a image/jpeg image',
      details: [{ path: 'image', in: 'body', message: 'declared image/jpeg, but the data is bytes of no known image type' }],
    });
    const pngAsJpeg = await decodeImageDataUrl(PNG.replace('image/png', 'image/jpeg'), 'image').catch((e: unknown) => e);
    expect((pngAsJpeg as Refusal).outcome).toMatchObject({ details: [{ message: 'declared image/jpeg, but the data is image/png bytes' }] });
  });
});

describeOnEachDatabase('photos replicated from the field', (h) => {
  it('rejects a photo whose bytes are not a JPEG and stores nothing, the rest of the batch applies', async () => {
    const { db, f, tokens, call } = h();
    const v = await db.prisma.intervention.create({
      data: {
        agencyId: f.agencyA.id,
        siteId: f.siteA.id,
        equipmentId: f.equipment.id,
        technicianId: f.t1.id,
        status: 'dispatched',
        estimatedDurationMinutes: 60,
        problemDescription: 'Fuite',
      },
    });
    const photo = (image: string): FieldActionInput => ({
      kind: 'photo',
      id: randomUUID(),
      createdAt: at(),
      interventionId: v.id,
      photoId: randomUUID(),
      takenAt: at(),
      image,
      width: 640,
      height: 480,
    });
    const forged = photo(HTML_AS_JPEG);
    const real = photo(JPEG);
    const res = await call<{ results: ActionResult[] }>('POST', '/api/replication/batch', { token: tokens.tech1, body: { actions: [forged, real] } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.results[0]).toMatchObject({ id: forged.id, status: 'rejected', error: 'image is not a image/jpeg image', details: [{ path: 'image' }] });
    expect(res.body.results[1]).toMatchObject({ id: real.id, status: 'applied' });
    const stored = await db.prisma.attachment.findMany({ where: { interventionId: v.id }, select: { id: true } });
    expect(stored.map((a) => a.id)).toEqual([(real as { photoId: string }).photoId]);
  });
});
