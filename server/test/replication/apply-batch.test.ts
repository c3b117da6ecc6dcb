// Per-action outcomes of POST /api/replication/batch when a write meets a
// unique key (issue 11, finding 8): a photo whose id already names another
// attachment is a conflict for that action alone (the rest of the batch
// applies, and the batch no longer answers 409 on every replay, which kept
// the device's outbox from draining); deliveries of one batch racing each
// other answer `duplicate`, never 409.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ActionResult, FieldActionInput } from '@tournee/contracts/replication';
import { describeOnEachDatabase } from './harness.ts';

const JPEG = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==';
const at = () => new Date().toISOString();

describeOnEachDatabase('replication batch outcomes per action', (h) => {
  const visit = () => {
    const { f, db } = h();
    return db.prisma.intervention.create({
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
  };
  const send = (actions: readonly FieldActionInput[]) =>
    h().call<{ results: ActionResult[] }>('POST', '/api/replication/batch', { token: h().tokens.tech1, body: { actions } });
  const photo = (interventionId: string, photoId: string): FieldActionInput => ({
    kind: 'photo',
    id: randomUUID(),
    createdAt: at(),
    interventionId,
    photoId,
    takenAt: at(),
    image: JPEG,
    width: 640,
    height: 480,
  });

  it('answers a photo id that names another attachment as a conflict of that action, and applies the rest', async () => {
    const { db, f, conflicts } = h();
    const other = await visit();
    const v = await visit();
    const takenId = randomUUID();
    await db.prisma.attachment.create({
      data: {
        id: takenId,
        kind: 'document',
        interventionId: other.id,
        fileName: 'schema.pdf',
        mimeType: 'application/pdf',
        sizeBytes: 1,
        data: Buffer.from('x'),
      },
    });
    const enRoute: FieldActionInput = {
      kind: 'status',
      id: randomUUID(),
      createdAt: at(),
      interventionId: v.id,
      to: 'en_route',
      at: at(),
      baseVersion: v.version,
    };
    const clash = photo(v.id, takenId);
    const onSite: FieldActionInput = { kind: 'status', id: randomUUID(), createdAt: at(), interventionId: v.id, to: 'on_site', at: at(), after: enRoute.id };
    const fine = photo(v.id, randomUUID());

    const res = await send([enRoute, clash, onSite, fine]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.results.map((r) => r.status)).toEqual(['applied', 'conflict', 'applied', 'applied']);
    expect(res.body.results[1]).toMatchObject({ id: clash.id, reason: 'id_taken' });
    expect(await db.prisma.intervention.findUniqueOrThrow({ where: { id: v.id } })).toMatchObject({ status: 'on_site' });
    // The other visit's document is untouched; the photo is kept for the dispatcher.
    expect(await db.prisma.attachment.findUniqueOrThrow({ where: { id: takenId } })).toMatchObject({ interventionId: other.id, kind: 'document' });
    expect(conflicts.find((c) => c.actionId === clash.id)).toMatchObject({ reason: 'id_taken', agencyId: f.agencyA.id });

    const replay = await send([enRoute, clash, onSite, fine]);
    expect(replay.status).toBe(200);
    expect(replay.body.results.map((r) => (r.status === 'duplicate' ? r.first.status : r.status))).toEqual(['applied', 'conflict', 'applied', 'applied']);
    expect(replay.body.results.every((r) => r.status === 'duplicate')).toBe(true);
  });

  it('answers deliveries of one batch racing each other with applied once and duplicate otherwise', async () => {
    const { db } = h();
    const v = await visit();
    const photoId = randomUUID();
    const enRoute: FieldActionInput = {
      kind: 'status',
      id: randomUUID(),
      createdAt: at(),
      interventionId: v.id,
      to: 'en_route',
      at: at(),
      baseVersion: v.version,
    };
    const actions = [photo(v.id, photoId), enRoute];

    const deliveries = await Promise.all(Array.from({ length: 6 }, () => send(actions)));
    for (const d of deliveries) expect(d.status, JSON.stringify(d.body)).toBe(200);
    for (let i = 0; i < actions.length; i++) {
      const statuses = deliveries.map((d) => d.body.results[i]!.status).sort();
      expect(statuses).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
      for (const d of deliveries) {
        const r = d.body.results[i]!;
        if (r.status === 'duplicate') expect(r.first.status).toBe('applied');
      }
    }
    expect(await db.prisma.attachment.count({ where: { id: photoId } })).toBe(1);
    expect(await db.prisma.intervention.findUniqueOrThrow({ where: { id: v.id } })).toMatchObject({ status: 'en_route', version: v.version + 1 });
  });
});
