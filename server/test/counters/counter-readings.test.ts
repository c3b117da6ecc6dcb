// Meter readings (issue 13): pushed by the API (by id and by the equipment's
// reference) and entered by the technician (replication action
// `counter_reading`), over real HTTP on PGlite and PostgreSQL. A reading is
// kept as an equipment event and updates Equipment.counters; a counter never
// goes down without a stated reset and keeps its unit; the usage plan
// generates its due visit once the threshold is near, once; the overdue list
// names the counter that made it due.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { CounterReadingsAnswer } from '@tournee/contracts/counters';
import type { ActionResult, FieldActionInput } from '@tournee/contracts/replication';
import { overdueVisits } from '../../src/service-plans/overdue.ts';
import { describeOnEachDatabase, type ReplicationHarness } from '../replication/harness.ts';

const day = (d: string) => new Date(`${d}T00:00:00Z`);

/** A pump under a contract whose plan wants a service every 2 000 operating hours, last done at 4 000 h. */
async function pumpWithUsagePlan(h: ReplicationHarness, reference: string) {
  const { db, f } = h;
  const sector = await db.prisma.sector.create({
    data: { agencyId: f.agencyA.id, code: `S-${reference}`, name: `Secteur ${reference}`, polygon: { type: 'Polygon', coordinates: [] } },
  });
  const site = await db.prisma.site.create({
    data: { customerId: f.customer.id, sectorId: sector.id, address: '5 rue Espariat', postcode: '13100', city: 'Aix-en-Provence' },
  });
  const pump = await db.prisma.equipment.create({ data: { siteId: site.id, reference, category: 'heat_pump', counters: { operating_hours: 4200 } } });
  const contract = await db.prisma.contract.create({ data: { customerId: f.customer.id, reference: `CT-${reference}`, startsOn: day('2025-01-01') } });
  const plan = await db.prisma.servicePlan.create({
    data: {
      contractId: contract.id,
      siteId: site.id,
      equipmentId: pump.id,
      name: 'Révision 2 000 h',
      trigger: 'usage_counter',
      counterName: 'operating_hours',
      counterInterval: 2000,
      lastDoneCounter: 4000,
      leadDays: 0,
      estimatedDurationMinutes: 90,
    },
  });
  const visit = await db.prisma.intervention.create({
    data: { agencyId: f.agencyA.id, siteId: site.id, equipmentId: pump.id, technicianId: f.t1.id, status: 'dispatched', estimatedDurationMinutes: 60 },
  });
  return { site, pump, plan, visit };
}

describeOnEachDatabase('counter readings', (h) => {
  const post = (path: string, body: unknown, token = h().tokens.dispatcherA) =>
    h().call<CounterReadingsAnswer & { details: { path: string; message: string }[] }>('POST', path, { token, body });

  it('records an API reading as an equipment event and the equipment’s counters, and answers a retry once', async () => {
    const { pump } = await pumpWithUsagePlan(h(), 'EQ-API-1');
    const body = { readings: [{ counter: 'operating_hours', value: 4500, unit: 'h' }], readAt: '2026-03-02T08:00:00Z' };
    const first = await post(`/api/equipment/${pump.id}/counter-readings`, body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ duplicate: false, late: false, counters: { operating_hours: 4500 }, dueVisits: [] });
    const again = await post(`/api/equipment/${pump.id}/counter-readings`, body);
    expect(again.body).toMatchObject({ duplicate: true, eventId: first.body.eventId });
    const events = await h().db.prisma.equipmentEvent.findMany({ where: { equipmentId: pump.id, kind: 'counter_reading' } });
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ source: 'api', readings: [{ counter: 'operating_hours', value: 4500, unit: 'h', reset: false, previous: 4200 }] });
    const stored = await h().db.prisma.equipment.findUniqueOrThrow({ where: { id: pump.id } });
    expect(stored.counters).toEqual({ operating_hours: 4500 });
    expect(stored.countersReadAt?.toISOString()).toBe('2026-03-02T08:00:00.000Z');
  });

  it('refuses a lower value without a reset, a wrong unit and a bad name, naming the reading; a stated reset goes through', async () => {
    const { pump } = await pumpWithUsagePlan(h(), 'EQ-API-2');
    const path = `/api/equipment/${pump.id}/counter-readings`;
    const lower = await post(path, { readings: [{ counter: 'operating_hours', value: 4100, unit: 'h' }] });
    expect(lower.status).toBe(422);
    expect(lower.body.details).toEqual([
      expect.objectContaining({ path: 'readings[0].value', message: expect.stringContaining('below the last reading 4200') }),
    ]);
    const unit = await post(path, { readings: [{ counter: 'operating_hours', value: 4300, unit: 'cycles' }] });
    expect(unit.status).toBe(400);
    expect(JSON.stringify(unit.body.details)).toContain('operating_hours is counted in h');
    const name = await post(path, { readings: [{ counter: 'Heures!', value: 1, unit: 'h' }] });
    expect(name.status).toBe(400);
    expect(name.body.details[0].path).toBe('readings[0].counter');
    // A counter of the manufacturer's own keeps the unit of its first reading.
    expect((await post(path, { readings: [{ counter: 'defrost_cycles', value: 10, unit: 'cycles' }] })).status).toBe(201);
    const otherUnit = await post(path, { readings: [{ counter: 'defrost_cycles', value: 12, unit: 'h' }] });
    expect(otherUnit.status).toBe(422);
    expect(otherUnit.body.details[0].path).toBe('readings[0].unit');
    const reset = await post(path, { readings: [{ counter: 'operating_hours', value: 3, unit: 'h', reset: true }] });
    expect(reset.status).toBe(201);
    expect(reset.body.counters).toEqual({ operating_hours: 3, defrost_cycles: 10 });
    // Nothing half-written by the refusals: the two accepted readings only.
    expect(await h().db.prisma.equipmentEvent.count({ where: { equipmentId: pump.id, kind: 'counter_reading' } })).toBe(2);
  });

  it('keeps a reading older than the last one as history without moving the counters back', async () => {
    const { pump } = await pumpWithUsagePlan(h(), 'EQ-API-3');
    const path = `/api/equipment/${pump.id}/counter-readings`;
    await post(path, { readings: [{ counter: 'operating_hours', value: 4800, unit: 'h' }], readAt: '2026-05-02T08:00:00Z' });
    const late = await post(path, { readings: [{ counter: 'operating_hours', value: 4600, unit: 'h' }], readAt: '2026-04-01T08:00:00Z' });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ late: true, counters: { operating_hours: 4800 }, countersReadAt: '2026-05-02T08:00:00.000Z' });
  });

  it('generates the usage plan’s due visit by reference once the counter reaches the threshold, once, and lists it as due by its counter', async () => {
    const { pump, plan } = await pumpWithUsagePlan(h(), 'EQ-REF-4');
    const path = '/api/equipment/by-reference/EQ-REF-4/counter-readings';
    const near = await post(path, { readings: [{ counter: 'operating_hours', value: 5000, unit: 'h' }] });
    expect(near.body.dueVisits).toEqual([]);
    const due = await post(path, { readings: [{ counter: 'operating_hours', value: 5820, unit: 'h' }] });
    expect(due.status, JSON.stringify(due.body)).toBe(201);
    expect(due.body.dueVisits).toEqual([
      expect.objectContaining({ servicePlanId: plan.id, planName: 'Révision 2 000 h', counter: 'operating_hours', dueCounter: 6000 }),
    ]);
    const again = await post(path, { readings: [{ counter: 'operating_hours', value: 6120, unit: 'h' }] });
    expect(again.body.dueVisits).toEqual([]);
    const visits = await h().db.prisma.intervention.findMany({ where: { servicePlanId: plan.id } });
    expect(visits).toEqual([expect.objectContaining({ status: 'requested', equipmentId: pump.id, dueCounter: 6000, agencyId: h().f.agencyA.id })]);
    const overdue = await overdueVisits(h().db.prisma, { today: '2026-12-08', agencyIds: [h().f.agencyA.id] });
    expect(overdue.find((o) => o.servicePlanId === plan.id)).toMatchObject({
      trigger: 'usage_counter',
      counterName: 'operating_hours',
      counterReading: 6120,
      dueCounter: 6000,
      openInterventionId: visits[0]!.id,
    });
    // The overdue list over HTTP says which counter made it due, to the plan's agency only.
    const list = await h().call('GET', '/api/overdue-visits?today=2026-12-08', { token: h().tokens.dispatcherA });
    expect(list.status).toBe(200);
    expect(list.body.items.find((o: { servicePlanId: string }) => o.servicePlanId === plan.id)).toMatchObject({
      counterName: 'operating_hours',
      counterUnit: 'h',
      counterReading: 6120,
      dueCounter: 6000,
    });
    const other = await h().call('GET', '/api/overdue-visits?today=2026-12-08', { token: h().tokens.dispatcherB });
    expect(other.body.items.some((o: { servicePlanId: string }) => o.servicePlanId === plan.id)).toBe(false);
    expect((await post('/api/equipment/by-reference/NOPE/counter-readings', { readings: [{ counter: 'operating_hours', value: 1, unit: 'h' }] })).status).toBe(
      404,
    );
  });

  it('lets a technician post only on equipment their visits reach', async () => {
    const { pump } = await pumpWithUsagePlan(h(), 'EQ-API-5');
    const body = { readings: [{ counter: 'start_cycles', value: 10, unit: 'cycles' }] };
    expect((await post(`/api/equipment/${pump.id}/counter-readings`, body, h().tokens.tech1)).status).toBe(201);
    expect((await post(`/api/equipment/${pump.id}/counter-readings`, body, h().tokens.tech2)).status).toBe(404);
    expect((await post(`/api/equipment/by-reference/EQ-API-5/counter-readings`, body, h().tokens.tech1)).status).toBe(403);
  });

  it('applies the technician’s counter_reading action once, triggers the plan, and rejects a lower value naming the reading', async () => {
    const { pump, plan, visit } = await pumpWithUsagePlan(h(), 'EQ-TECH-6');
    const action = (value: number, extra: Record<string, unknown> = {}): FieldActionInput => ({
      kind: 'counter_reading',
      id: randomUUID(),
      createdAt: new Date().toISOString(),
      interventionId: visit.id,
      equipmentId: pump.id,
      readings: [{ counter: 'operating_hours', value, unit: 'h' }],
      readAt: new Date().toISOString(),
      ...extra,
    });
    const send = (actions: FieldActionInput[]) =>
      h().call<{ results: ActionResult[] }>('POST', '/api/replication/batch', { token: h().tokens.tech1, body: { actions } });
    const good = action(5900);
    const first = await send([good]);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.results[0]).toMatchObject({ status: 'applied' });
    expect((await send([good])).body.results[0]).toMatchObject({ status: 'duplicate' });
    expect(await h().db.prisma.intervention.count({ where: { servicePlanId: plan.id, dueCounter: 6000 } })).toBe(1);
    const event = await h().db.prisma.equipmentEvent.findFirstOrThrow({ where: { equipmentId: pump.id, kind: 'counter_reading' } });
    expect(event).toMatchObject({ interventionId: visit.id, authorId: h().f.users.tech1.id, data: expect.objectContaining({ source: 'technician' }) });
    const lower = await send([action(100)]);
    expect(lower.body.results[0]).toMatchObject({ status: 'rejected', details: [expect.objectContaining({ path: 'readings[0].value' })] });
    const foreign = await send([action(6000, { equipmentId: h().f.equipment.id })]);
    expect(foreign.body.results[0]).toMatchObject({ status: 'rejected', details: [{ path: 'equipmentId', message: expect.any(String) }] });
    expect((await h().db.prisma.equipment.findUniqueOrThrow({ where: { id: pump.id } })).counters).toEqual({ operating_hours: 5900 });
  });
});
