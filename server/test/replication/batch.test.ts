// POST /api/replication/batch and GET /api/tech/portfolio on a real database:
// a whole visit replicated in one batch, replayed (applied once), a
// dispatcher's reassignment met as a conflict on both sides, a harmless
// concurrent edit merged, stock shortages, another technician's visit
// refused, and malformed batches answered 400 with the fields' paths.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ActionResult, FieldActionInput } from '@tournee/contracts/replication';
import { describeOnEachDatabase } from './harness.ts';

const JPEG = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==';
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==';
const at = () => new Date().toISOString();

describeOnEachDatabase('replication batch', (h) => {
  const visit = (status: 'assigned' | 'dispatched' | 'on_site' = 'dispatched', technician: 't1' | 't2' = 't1') => {
    const { f, db } = h();
    return db.prisma.intervention.create({
      data: {
        agencyId: f.agencyA.id,
        siteId: f.siteA.id,
        equipmentId: f.equipment.id,
        technicianId: f[technician].id,
        status,
        estimatedDurationMinutes: 60,
        problemDescription: 'Plus de chauffage',
      },
    });
  };
  const send = (actions: readonly FieldActionInput[], token = h().tokens.tech1) =>
    h().call<{ results: ActionResult[] }>('POST', '/api/replication/batch', { token, body: { actions } });
  const portfolio = (token = h().tokens.tech1) => h().call('GET', '/api/tech/portfolio', { token });
  const status = (interventionId: string, to: 'en_route' | 'on_site', base: { baseVersion: number } | { after: string }): FieldActionInput => ({
    kind: 'status',
    id: randomUUID(),
    createdAt: at(),
    interventionId,
    to,
    at: at(),
    ...base,
  });
  const onHand = async (depotId: string, partId: string) =>
    (await h().db.prisma.stockLevel.findUnique({ where: { partId_depotId: { partId, depotId } } }))?.onHand ?? 0;

  it('hands the technician their visits, with sheets and stock, for offline work', async () => {
    const { f } = h();
    const mine = await visit();
    const res = await portfolio();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const ids = res.body.visits.map((v: { id: string }) => v.id);
    expect(ids).toContain(mine.id);
    expect(ids).toContain(f.interventions.a1.id);
    expect(ids).not.toContain(f.interventions.a2.id); // t2's
    const sheet = res.body.visits.find((v: { id: string }) => v.id === mine.id);
    expect(sheet).toMatchObject({
      status: 'dispatched',
      customer: { name: 'Mme Dupont' },
      site: { city: 'Aix-en-Provence' },
      problemDescription: 'Plus de chauffage',
    });
    expect(sheet.equipment[0]).toMatchObject({ id: f.equipment.id, concerned: true, warranty: { status: 'none' } });
    expect(res.body.stock.van).toMatchObject({ depotId: f.depots.van1.id, kind: 'van' });
    expect(res.body.stock.van.levels).toContainEqual({ partId: f.parts.capacitor.id, onHand: 2 });
    expect(res.body.stock.central.map((d: { depotId: string }) => d.depotId)).toContain(f.depots.centralA.id);
    expect(res.body.days[0].date).toBe(res.body.today);
    expect(res.body.days[0].stops.map((s: { interventionId: string }) => s.interventionId)).toContain(mine.id);
    expect(Date.parse(res.body.generatedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('applies a whole visit recorded offline, and a replay of the same batch changes nothing', async () => {
    const { f, db, changes } = h();
    const v = await visit();
    const photoId = randomUUID();
    const enRoute = status(v.id, 'en_route', { baseVersion: v.version });
    const onSite = status(v.id, 'on_site', { after: enRoute.id });
    const actions: FieldActionInput[] = [
      enRoute,
      onSite,
      {
        kind: 'photo',
        id: randomUUID(),
        createdAt: at(),
        interventionId: v.id,
        photoId,
        takenAt: at(),
        image: JPEG,
        width: 640,
        height: 480,
        caption: 'Condensateur gonflé',
      },
      {
        kind: 'complete',
        id: randomUUID(),
        createdAt: at(),
        interventionId: v.id,
        after: onSite.id,
        workDone: 'Condensateur de démarrage remplacé, essais OK',
        timeSpentMinutes: 45,
        partsUsed: [{ partId: f.parts.capacitor.id, quantity: 1 }],
        configurationChanges: [{ equipmentId: f.equipment.id, set: { firmware: '2.1', mode: null } }],
        signature: { signedBy: 'Mme Dupont', image: PNG },
        photoIds: [photoId],
        completedAt: at(),
      },
      {
        kind: 'request_part',
        id: randomUUID(),
        createdAt: at(),
        requestId: randomUUID(),
        partId: f.parts.fan.id,
        quantity: 1,
        note: 'pour le stock du véhicule',
      },
    ];
    const changesBefore = changes.length;

    const first = await send(actions);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    expect(first.body.results.map((r) => (r.status === 'applied' ? r.interventionVersion : undefined))).toEqual([
      v.version + 1,
      v.version + 2,
      null,
      v.version + 3,
      null,
    ]);
    expect(first.body.results.every((r) => r.status === 'applied' && !r.merged)).toBe(true);

    const check = async () => {
      const after = await db.prisma.intervention.findUniqueOrThrow({
        where: { id: v.id },
        include: { fieldReport: true, attachments: { select: { kind: true } } },
      });
      expect(after).toMatchObject({ status: 'done', version: v.version + 3, report: 'Condensateur de démarrage remplacé, essais OK' });
      expect(after.actualStart).not.toBeNull();
      expect(after.fieldReport).toMatchObject({
        timeSpentMinutes: 45,
        signedBy: 'Mme Dupont',
        partsUsed: [{ partId: f.parts.capacitor.id, quantity: 1, reference: 'CAP-35' }],
      });
      expect(after.attachments.map((a) => a.kind).sort()).toEqual(['photo', 'signature']);
      expect(await onHand(f.depots.van1.id, f.parts.capacitor.id)).toBe(1);
      expect(await db.prisma.stockMovement.count({ where: { interventionId: v.id } })).toBe(1);
      const equipment = await db.prisma.equipment.findUniqueOrThrow({ where: { id: f.equipment.id } });
      expect(equipment.asMaintained).toMatchObject({ firmware: '2.1' });
      expect(equipment.asMaintained).not.toHaveProperty('mode');
      expect(await db.prisma.equipmentEvent.count({ where: { interventionId: v.id, kind: 'configuration_changed' } })).toBe(1);
      expect(await db.prisma.partRequest.count({ where: { technicianId: f.t1.id, partId: f.parts.fan.id } })).toBe(1);
    };
    await check();
    expect(changes.slice(changesBefore).map((c) => c.status)).toEqual(['en_route', 'on_site', 'done']);

    const replay = await send(actions);
    expect(replay.status).toBe(200);
    expect(replay.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(replay.body.results.map((r) => (r.status === 'duplicate' ? r.first : null))).toEqual(first.body.results);
    await check();
    expect(changes.length).toBe(changesBefore + 3);

    // The report is readable by the dispatcher, photos and signature included.
    const report = await h().call('GET', `/api/interventions/${v.id}/field-report`, { token: h().tokens.dispatcherA });
    expect(report.status).toBe(200);
    expect(report.body.attachments.map((a: { kind: string }) => a.kind).sort()).toEqual(['photo', 'signature']);
    const content = await fetch(`${h().url}/api/attachments/${photoId}`, { headers: { authorization: `Bearer ${h().tokens.tech1}` } });
    expect(content.status).toBe(200);
    expect(content.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await content.arrayBuffer()).toString('base64')).toBe(JPEG.split(',')[1]);
    expect((await h().call('GET', `/api/attachments/${photoId}`, { token: h().tokens.dispatcherB })).status).toBe(404);
  });

  it('meets a reassignment made meanwhile as a conflict, on both sides, keeping the report', async () => {
    const { f, db, tokens, conflicts } = h();
    const v = await visit();
    expect((await portfolio()).status).toBe(200); // the app now holds the visit
    const moved = await h().call('PATCH', `/api/interventions/${v.id}`, { token: tokens.dispatcherA, body: { version: v.version, technicianId: f.t2.id } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);

    const enRoute = status(v.id, 'en_route', { baseVersion: v.version });
    const report: FieldActionInput = {
      kind: 'complete',
      id: randomUUID(),
      createdAt: at(),
      interventionId: v.id,
      after: enRoute.id,
      workDone: 'Rapport écrit hors ligne',
      timeSpentMinutes: 30,
      completedAt: at(),
    };
    const res = await send([enRoute, report]);
    expect(res.status).toBe(200);
    for (const r of res.body.results) {
      expect(r).toMatchObject({
        status: 'conflict',
        reason: 'reassigned',
        current: { visit: { interventionId: v.id, assignedToYou: false, status: 'dispatched' } },
      });
    }
    expect(await db.prisma.intervention.findUniqueOrThrow({ where: { id: v.id } })).toMatchObject({
      status: 'dispatched',
      technicianId: f.t2.id,
      version: v.version + 1,
    });
    expect(conflicts.filter((c) => c.interventionId === v.id).map((c) => [c.reason, c.agencyId, c.technicianId])).toEqual([
      ['reassigned', f.agencyA.id, f.t1.id],
      ['reassigned', f.agencyA.id, f.t1.id],
    ]);

    const listed = await h().call('GET', `/api/replication/conflicts?agencyId=${f.agencyA.id}`, { token: tokens.dispatcherA });
    expect(listed.status).toBe(200);
    const mine = listed.body.find((c: { actionId: string }) => c.actionId === report.id);
    expect(mine).toMatchObject({
      reason: 'reassigned',
      technicianName: 'Un Test',
      interventionId: v.id,
      payload: { workDone: 'Rapport écrit hors ligne' },
      resolvedAt: null,
    });
    const other = await h().call('GET', '/api/replication/conflicts', { token: tokens.dispatcherB });
    expect(other.body.find((c: { interventionId: string }) => c.interventionId === v.id)).toBeUndefined();

    const resolved = await h().call('POST', `/api/replication/conflicts/${report.id}/resolve`, {
      token: tokens.dispatcherA,
      body: { resolution: 'Rapport recopié sur la visite de Deux' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.resolvedAt).not.toBeNull();
    const open = await h().call('GET', `/api/replication/conflicts?agencyId=${f.agencyA.id}`, { token: tokens.dispatcherA });
    expect(open.body.map((c: { actionId: string }) => c.actionId)).not.toContain(report.id);

    const replay = await send([enRoute, report]);
    expect(replay.body.results.map((r) => [r.status, r.status === 'duplicate' ? r.first.status : null])).toEqual([
      ['duplicate', 'conflict'],
      ['duplicate', 'conflict'],
    ]);
  });

  it('merges a concurrent edit that leaves the visit with the technician', async () => {
    const { db, tokens } = h();
    const v = await visit();
    const edited = await h().call('PATCH', `/api/interventions/${v.id}`, { token: tokens.dispatcherA, body: { version: v.version, priority: 90 } });
    expect(edited.status).toBe(200);
    const res = await send([status(v.id, 'en_route', { baseVersion: v.version })]);
    expect(res.body.results[0]).toMatchObject({ status: 'applied', merged: true, interventionVersion: v.version + 2 });
    expect(await db.prisma.intervention.findUniqueOrThrow({ where: { id: v.id } })).toMatchObject({ status: 'en_route', priority: 90 });
  });

  it('makes the rest of a chain conflict when a link could not be applied', async () => {
    const v = await visit('on_site'); // already on site: en route is not a legal move
    const enRoute = status(v.id, 'en_route', { baseVersion: v.version });
    const onSite = status(v.id, 'on_site', { after: enRoute.id });
    const res = await send([enRoute, onSite]);
    expect(res.body.results[0]).toMatchObject({ status: 'conflict', reason: 'status_changed' });
    expect(res.body.results[1]).toMatchObject({ status: 'conflict', reason: 'depends_on_conflict', current: { dependsOn: enRoute.id } });
  });

  it('refuses actions on another technician’s visit and changes nothing', async () => {
    const { f, db } = h();
    const theirs = f.interventions.a2; // t2's, never handed to t1's app
    const res = await send([
      status(theirs.id, 'en_route', { baseVersion: theirs.version }),
      { kind: 'photo', id: randomUUID(), createdAt: at(), interventionId: theirs.id, photoId: randomUUID(), takenAt: at(), image: JPEG, width: 1, height: 1 },
      { kind: 'request_part', id: randomUUID(), createdAt: at(), requestId: randomUUID(), partId: f.parts.filter.id, quantity: 1, interventionId: theirs.id },
    ]);
    expect(res.status).toBe(200);
    for (const r of res.body.results) expect(r).toMatchObject({ status: 'rejected', details: [{ path: 'interventionId', message: 'not assigned to you' }] });
    expect(await db.prisma.intervention.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ status: theirs.status, version: theirs.version });
    expect(await db.prisma.attachment.count({ where: { interventionId: theirs.id } })).toBe(0);

    // Dispatchers do not replicate field actions.
    expect((await send([status(theirs.id, 'en_route', { baseVersion: 1 })], h().tokens.dispatcherA)).status).toBe(403);
    expect((await h().call('POST', '/api/replication/batch', { body: { actions: [] } })).status).toBe(401);
  });

  it('answers shortages as conflicts: nothing of the report is written, a request is kept as backordered', async () => {
    const { f, db } = h();
    const v = await visit('on_site');
    const report: FieldActionInput = {
      kind: 'complete',
      id: randomUUID(),
      createdAt: at(),
      interventionId: v.id,
      baseVersion: v.version,
      workDone: 'Filtres changés',
      timeSpentMinutes: 20,
      partsUsed: [{ partId: f.parts.filter.id, quantity: 99 }],
      completedAt: at(),
    };
    const requestId = randomUUID();
    const res = await send([
      report,
      { kind: 'request_part', id: randomUUID(), createdAt: at(), requestId, partId: f.parts.heatPump.id, quantity: 1, what: 'machine', interventionId: v.id },
    ]);
    expect(res.body.results[0]).toMatchObject({
      status: 'conflict',
      reason: 'out_of_stock',
      current: { shortage: { partId: f.parts.filter.id, reference: 'FLT-10', depotId: f.depots.van1.id, onHand: 5, requested: 99 } },
    });
    expect(res.body.results[1]).toMatchObject({
      status: 'conflict',
      reason: 'out_of_stock',
      current: { requestStatus: 'backordered', shortage: { onHand: 0, requested: 1 } },
    });
    expect(await db.prisma.intervention.findUniqueOrThrow({ where: { id: v.id }, include: { fieldReport: true } })).toMatchObject({
      status: 'on_site',
      version: v.version,
      fieldReport: null,
    });
    expect(await onHand(f.depots.van1.id, f.parts.filter.id)).toBe(5);
    expect(await db.prisma.partRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
      status: 'backordered',
      kind: 'machine',
      interventionId: v.id,
    });
    const kept = await db.prisma.replicationAction.findUniqueOrThrow({ where: { id: report.id } });
    expect(kept.payload).toMatchObject({ workDone: 'Filtres changés' });
  });

  it('answers malformed batches with 400 and the paths of the fields', async () => {
    const { f } = h();
    const bad = async (body: unknown) => {
      const res = await h().call('POST', '/api/replication/batch', { token: h().tokens.tech1, body });
      expect(res.status).toBe(400);
      return (res.body.details as { path: string; in: string }[]).map((d) => d.path);
    };
    expect(await bad({ actions: [] })).toEqual(['actions']);
    expect(await bad({ actions: [{ kind: 'teleport', id: randomUUID() }] })).toEqual(['actions[0].kind']);
    const paths = await bad({
      actions: [
        status(f.interventions.a1.id, 'en_route', { baseVersion: 1 }),
        { kind: 'status', id: 'not-a-uuid', createdAt: 'yesterday', interventionId: f.interventions.a1.id, to: 'done', at: at(), baseVersion: 1 },
        {
          kind: 'photo',
          id: randomUUID(),
          createdAt: at(),
          interventionId: f.interventions.a1.id,
          photoId: randomUUID(),
          takenAt: at(),
          image: PNG,
          width: 0,
          height: 10,
        },
        {
          kind: 'complete',
          id: randomUUID(),
          createdAt: at(),
          interventionId: f.interventions.a1.id,
          baseVersion: 1,
          after: randomUUID(),
          workDone: '',
          timeSpentMinutes: -5,
          completedAt: at(),
        },
      ],
    });
    expect(paths).toEqual(
      expect.arrayContaining([
        'actions[1].id',
        'actions[1].createdAt',
        'actions[1].to',
        'actions[2].image',
        'actions[2].width',
        'actions[3].workDone',
        'actions[3].timeSpentMinutes',
      ]),
    );
    expect(paths.some((p) => p.startsWith('actions[0]'))).toBe(false);
    const both = await bad({ actions: [{ ...status(f.interventions.a1.id, 'en_route', { baseVersion: 1 }), after: randomUUID() }] });
    expect(both).toEqual(['actions[0].baseVersion']);
  });
});
