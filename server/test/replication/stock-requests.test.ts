// The technician side of the back office on a real database (PGlite and
// PostgreSQL): parts used in a report settle the visit's reservations and
// post like the office's consumption; the last part in a van goes to one
// report, the other gets a conflict that keeps it; a replay consumes
// nothing twice. The office moves part requests along (a fulfilment from a
// depot transfers the parts to the van and tells the technician). A visit
// planned on a technician's tour can be started from the app, and a visit
// moved to done through the REST lifecycle moves its service plan on.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { adjustStock } from '../../src/back-office/stock/operations.ts';
import type { ActionResult, FieldActionInput } from '@tournee/contracts/replication';
import { describeOnEachDatabase } from './harness.ts';

const at = () => new Date().toISOString();

describeOnEachDatabase('technician stock, part requests and the start of a visit', (h) => {
  const visit = (status: 'planned' | 'assigned' | 'on_site' = 'on_site', technician: 't1' | 't2' = 't1') => {
    const { f, db } = h();
    return db.prisma.intervention.create({
      data: {
        agencyId: f.agencyA.id,
        siteId: f.siteA.id,
        technicianId: f[technician].id,
        status,
        estimatedDurationMinutes: 60,
        problemDescription: 'Ventilateur bruyant',
      },
    });
  };
  const send = (actions: readonly FieldActionInput[], token = h().tokens.tech1) =>
    h().call<{ results: ActionResult[] }>('POST', '/api/replication/batch', { token, body: { actions } });
  const report = (interventionId: string, baseVersion: number, parts: { partId: string; quantity: number }[]): FieldActionInput => ({
    kind: 'complete',
    id: randomUUID(),
    createdAt: at(),
    interventionId,
    baseVersion,
    workDone: 'Ventilateur remplacé',
    timeSpentMinutes: 40,
    partsUsed: parts,
    completedAt: at(),
  });
  const onHand = async (depotId: string, partId: string) =>
    (await h().db.prisma.stockLevel.findUnique({ where: { partId_depotId: { partId, depotId } } }))?.onHand ?? 0;
  /** Sets a depot's on hand of a part to exactly `quantity` (an inventory count). */
  const stock = (depotId: string, partId: string, quantity: number) =>
    adjustStock(h().db.prisma, { depotId, lines: [{ partId, countedQuantity: quantity }], reason: 'inventaire de test' });

  it('consumes a report’s parts as the office does: movement, journal entry, the visit’s reservations settled — once, even replayed', async () => {
    const { f, db } = h();
    await stock(f.depots.van1.id, f.parts.filter.id, 6);
    const v = await visit();
    const reserved = await db.prisma.stockReservation.create({
      data: { interventionId: v.id, partId: f.parts.filter.id, depotId: f.depots.van1.id, quantity: 3 },
    });
    const action = report(v.id, v.version, [
      { partId: f.parts.filter.id, quantity: 1 },
      { partId: f.parts.filter.id, quantity: 1 },
    ]);

    const first = await send([action]);
    expect(first.body.results[0]).toMatchObject({ status: 'applied', interventionVersion: v.version + 1 });
    const check = async () => {
      expect(await onHand(f.depots.van1.id, f.parts.filter.id)).toBe(4);
      const movements = await db.prisma.stockMovement.findMany({ where: { interventionId: v.id } });
      expect(movements).toHaveLength(1); // the part listed twice counts once, with the total
      expect(movements[0]).toMatchObject({ kind: 'consumption', quantity: -2, depotId: f.depots.van1.id });
      const entries = await db.prisma.journalEntry.findMany({ where: { pieceRef: `INT-${v.id.slice(-12)}` } });
      expect(entries.map((e) => e.label)).toEqual(['Consommation sur intervention']);
      // 2 of the 3 reserved are consumed; 1 stays reserved for the visit.
      const reservations = await db.prisma.stockReservation.findMany({ where: { interventionId: v.id }, orderBy: { status: 'asc' } });
      expect(reservations.map((r) => [r.status, r.quantity]).sort()).toEqual([
        ['active', 1],
        ['consumed', 2],
      ]);
      expect(reservations.find((r) => r.status === 'active')!.id).toBe(reserved.id);
    };
    await check();

    const replay = await send([action]);
    expect(replay.body.results[0]).toMatchObject({ status: 'duplicate', first: first.body.results[0] });
    await check();
  });

  it('gives the last part in a van to one report: the other gets an out-of-stock conflict that keeps it, stock never below zero', async () => {
    const { f, db, conflicts } = h();
    await stock(f.depots.van1.id, f.parts.fan.id, 1);
    const [a, b] = [await visit(), await visit()];
    const reports = [report(a.id, a.version, [{ partId: f.parts.fan.id, quantity: 1 }]), report(b.id, b.version, [{ partId: f.parts.fan.id, quantity: 1 }])];
    // Two devices of the technician (or a retry racing the first delivery) at once.
    const answers = await Promise.all(reports.map((r) => send([r])));
    const results = answers.map((res) => res.body.results[0]!);
    expect(results.map((r) => r.status).sort()).toEqual(['applied', 'conflict']);
    const lost = results.findIndex((r) => r.status === 'conflict');
    expect(results[lost]).toMatchObject({
      reason: 'out_of_stock',
      current: { shortage: { partId: f.parts.fan.id, reference: 'FAN-220', depotId: f.depots.van1.id, onHand: 0, requested: 1 } },
    });
    expect(await onHand(f.depots.van1.id, f.parts.fan.id)).toBe(0);
    expect(await db.prisma.stockMovement.count({ where: { interventionId: { in: [a.id, b.id] } } })).toBe(1);
    const loser = [a, b][lost]!;
    expect(await db.prisma.intervention.findUniqueOrThrow({ where: { id: loser.id }, include: { fieldReport: true } })).toMatchObject({
      status: 'on_site',
      fieldReport: null,
    });
    expect((await db.prisma.replicationAction.findUniqueOrThrow({ where: { id: reports[lost]!.id } })).payload).toMatchObject({
      workDone: 'Ventilateur remplacé',
    });
    expect(conflicts.find((c) => c.actionId === reports[lost]!.id)).toMatchObject({ reason: 'out_of_stock', interventionId: loser.id, agencyId: f.agencyA.id });
  });

  it('lets the office and a technician’s report race for the last part: one wins, the other is told', async () => {
    const { f, tokens } = h();
    await stock(f.depots.van1.id, f.parts.capacitor.id, 1);
    const [a, b] = [await visit(), await visit()];
    const [fromApp, fromOffice] = await Promise.all([
      send([report(a.id, a.version, [{ partId: f.parts.capacitor.id, quantity: 1 }])]),
      h().call('POST', `/api/interventions/${b.id}/consumptions`, {
        token: tokens.dispatcherA,
        body: { depotId: f.depots.van1.id, lines: [{ partId: f.parts.capacitor.id, quantity: 1 }] },
      }),
    ]);
    if (fromApp.body.results[0]!.status === 'applied') {
      expect(fromOffice.status).toBe(409);
      expect(fromOffice.body.reason).toBe('stock_below_zero');
    } else {
      expect(fromOffice.status).toBe(201);
      expect(fromApp.body.results[0]).toMatchObject({ status: 'conflict', reason: 'out_of_stock', current: { shortage: { onHand: 0, requested: 1 } } });
    }
    expect(await onHand(f.depots.van1.id, f.parts.capacitor.id)).toBe(0);
  });

  it('lets a technician start a visit planning left `planned` on their tour, from the app and through the API', async () => {
    const { db, tokens } = h();
    const v = await visit('planned');
    const today = (await h().call('GET', '/api/tech/portfolio?days=1', { token: tokens.tech1 })).body;
    expect(today.visits.map((s: { id: string }) => s.id)).toContain(v.id);
    const res = await send([{ kind: 'status', id: randomUUID(), createdAt: at(), interventionId: v.id, to: 'en_route', at: at(), baseVersion: v.version }]);
    expect(res.body.results[0]).toMatchObject({ status: 'applied', interventionVersion: v.version + 1 });
    expect(await db.prisma.intervention.findUniqueOrThrow({ where: { id: v.id } })).toMatchObject({ status: 'en_route' });

    const assigned = await visit('assigned');
    const moved = await h().call('POST', `/api/interventions/${assigned.id}/transitions`, {
      token: tokens.tech1,
      body: { to: 'en_route', version: assigned.version },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.allowedTransitions).toEqual(['on_site']);
    // Not someone else's, and not by skipping further than setting off.
    const theirs = await visit('planned', 't2');
    expect(
      (await h().call('POST', `/api/interventions/${theirs.id}/transitions`, { token: tokens.tech1, body: { to: 'en_route', version: theirs.version } }))
        .status,
    ).toBe(404);
    const mine = await visit('planned');
    const skip = await h().call('POST', `/api/interventions/${mine.id}/transitions`, { token: tokens.tech1, body: { to: 'on_site', version: mine.version } });
    expect(skip.status).toBe(422);
  });

  it('moves a part request along: fulfilled from a depot transfers the parts to the van and tells the technician', async () => {
    const { f, db, tokens, pushes } = h();
    await stock(f.depots.centralA.id, f.parts.fan.id, 3);
    await stock(f.depots.van1.id, f.parts.fan.id, 0);
    const v = await visit('assigned');
    const requestId = randomUUID();
    const asked = await send([
      { kind: 'request_part', id: randomUUID(), createdAt: at(), requestId, partId: f.parts.fan.id, quantity: 2, interventionId: v.id },
    ]);
    expect(asked.body.results[0]).toMatchObject({ status: 'applied' });
    const move = (body: unknown, token = tokens.dispatcherA, id = requestId) => h().call('POST', `/api/part-requests/${id}/transitions`, { token, body });

    const done = await move({ to: 'fulfilled', from: 'requested', fromDepotId: f.depots.centralA.id });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({
      request: { id: requestId, status: 'fulfilled', technicianId: f.t1.id, agencyId: f.agencyA.id, interventionId: v.id, quantity: 2 },
      transfer: { fromDepotId: f.depots.centralA.id, toDepotId: f.depots.van1.id, quantity: 2 },
    });
    expect(await onHand(f.depots.centralA.id, f.parts.fan.id)).toBe(1);
    expect(await onHand(f.depots.van1.id, f.parts.fan.id)).toBe(2);
    const movements = await db.prisma.stockMovement.findMany({ where: { batchId: done.body.transfer.batchId }, orderBy: { quantity: 'asc' } });
    expect(movements.map((m) => [m.kind, m.depotId, m.quantity])).toEqual([
      ['transfer_out', f.depots.centralA.id, -2],
      ['transfer_in', f.depots.van1.id, 2],
    ]);
    const push = pushes.filter((p) => p.assignment.interventionId === v.id).at(-1);
    expect(push).toMatchObject({ technicianId: f.t1.id, assignment: { kind: 'updated' } });
    expect(push!.assignment.summary).toMatch(/^Demande de pièces 2 × FAN-220 .*transférée dans votre véhicule/);

    // The technician's app shows it at its next sync: the request's status and the van's stock.
    const portfolio = (await h().call('GET', '/api/tech/portfolio', { token: tokens.tech1 })).body;
    expect(portfolio.requests.find((r: { id: string }) => r.id === requestId)).toMatchObject({ status: 'fulfilled' });
    expect(portfolio.stock.van.levels).toContainEqual({ partId: f.parts.fan.id, onHand: 2 });
    const listed = await h().call('GET', '/api/part-requests?status=fulfilled', { token: tokens.dispatcherA });
    expect(listed.body.find((r: { id: string }) => r.id === requestId)).toMatchObject({ status: 'fulfilled', technicianId: f.t1.id });

    // A move that does not apply: 409 with the reason and the request as it is; nothing moves twice.
    const again = await move({ to: 'fulfilled', fromDepotId: f.depots.centralA.id });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'the request is already fulfilled', details: [{ path: 'to', in: 'body' }], current: { status: 'fulfilled' } });
    expect((await move({ to: 'cancelled' })).body.error).toBe('a fulfilled request is final');
    expect(await onHand(f.depots.van1.id, f.parts.fan.id)).toBe(2);
  });

  it('refuses part request moves that do not apply, naming the field, and hides other agencies’ requests', async () => {
    const { f, db, tokens } = h();
    await stock(f.depots.centralA.id, f.parts.heatPump.id, 1);
    const request = await db.prisma.partRequest.create({
      data: { id: randomUUID(), technicianId: f.t1.id, agencyId: f.agencyA.id, partId: f.parts.heatPump.id, quantity: 2, kind: 'machine' },
    });
    const move = (body: unknown, token = tokens.dispatcherA) => h().call('POST', `/api/part-requests/${request.id}/transitions`, { token, body });

    const short = await move({ to: 'fulfilled', fromDepotId: f.depots.centralA.id });
    expect(short.status).toBe(409);
    expect(short.body).toMatchObject({ reason: 'stock_below_zero', details: [{ path: 'fromDepotId' }], current: { status: 'requested' } });
    expect(short.body.error).toMatch(/only 1 of part PAC-8KW on hand/);
    expect(await onHand(f.depots.centralA.id, f.parts.heatPump.id)).toBe(1);

    const elsewhere = await move({ to: 'fulfilled', fromDepotId: f.depots.centralB.id });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.details).toEqual([expect.objectContaining({ path: 'fromDepotId', in: 'body' })]);
    expect((await move({ to: 'cancelled', fromDepotId: f.depots.centralA.id })).body.details).toEqual([expect.objectContaining({ path: 'fromDepotId' })]);
    const bad = await move({ to: 'ordered' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path)).toEqual(['to']);
    expect((await move({ to: 'backordered', from: 'backordered' })).body).toMatchObject({ details: [{ path: 'from' }], current: { status: 'requested' } });
    expect((await move({ to: 'backordered' }, tokens.dispatcherB)).status).toBe(404);
    expect((await move({ to: 'backordered' }, tokens.tech1)).status).toBe(403);

    // Ordered from the supplier, then the stock came back; two office users fulfil at once: one transfer.
    expect((await move({ to: 'backordered' })).body.request.status).toBe('backordered');
    expect((await move({ to: 'requested' })).body.request.status).toBe('requested');
    await stock(f.depots.centralA.id, f.parts.heatPump.id, 2);
    const pushed = h().pushes.length;
    const both = await Promise.all([
      move({ to: 'fulfilled', fromDepotId: f.depots.centralA.id }),
      move({ to: 'fulfilled', fromDepotId: f.depots.centralA.id }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await onHand(f.depots.centralA.id, f.parts.heatPump.id)).toBe(0);
    expect(await onHand(f.depots.van1.id, f.parts.heatPump.id)).toBe(2);
    // For the van, not a visit: no visit carries a push; the app shows it at its next sync.
    expect(h().pushes.length).toBe(pushed);

    const openapi = (await h().call('GET', '/api/openapi.json')).body;
    expect(Object.keys(openapi.paths['/api/part-requests/{id}/transitions'] ?? {})).toEqual(['post']);
  });

  it('moves the service plan on when a visit is done through the REST lifecycle', async () => {
    const { f, db, tokens } = h();
    const contract = await db.prisma.contract.create({
      data: { customerId: f.customer.id, reference: `CT-${randomUUID().slice(0, 8)}`, startsOn: new Date('2024-01-01T00:00:00Z') },
    });
    const plan = await db.prisma.servicePlan.create({
      data: {
        contractId: contract.id,
        siteId: f.siteA.id,
        name: 'Entretien annuel',
        trigger: 'frequency',
        frequencyMonths: 12,
        lastDoneOn: new Date('2024-06-01T00:00:00Z'),
        estimatedDurationMinutes: 60,
      },
    });
    const v = await db.prisma.intervention.create({
      data: {
        agencyId: f.agencyA.id,
        siteId: f.siteA.id,
        technicianId: f.t1.id,
        status: 'on_site',
        estimatedDurationMinutes: 60,
        servicePlanId: plan.id,
        dueOn: new Date('2025-06-01T00:00:00Z'),
      },
    });
    const done = await h().call('POST', `/api/interventions/${v.id}/transitions`, {
      token: tokens.tech1,
      body: { to: 'done', version: v.version, report: 'Entretien fait' },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const after = await db.prisma.servicePlan.findUniqueOrThrow({ where: { id: plan.id } });
    // Done today (the agency's day; within a day of the UTC one), the next one a year on.
    expect(Math.abs(after.lastDoneOn!.getTime() - Date.parse(done.body.actualEnd))).toBeLessThan(2 * 86_400_000);
    expect(after.nextDueOn!.getTime()).toBeGreaterThan(Date.now());
  });
});
