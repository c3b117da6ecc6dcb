// A technician may not set off on a visit planned for a later day (issue 12:
// "Je pars" at 18:13 on the next day's visit was accepted): from the app the
// action comes back as an `other_day` conflict naming the day, through the API
// as a 422; once the dispatcher moves the visit to today, setting off works.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ActionResult } from '@tournee/contracts/replication';
import { addDays, localDay, zonedInstant } from '../../src/planning/time.ts';
import { describeOnEachDatabase } from './harness.ts';

describeOnEachDatabase('setting off on another day’s visit', (h) => {
  const at = () => new Date().toISOString();
  const plannedVisit = async (dayOffset: number) => {
    const { f, db } = h();
    const { timezone } = await db.prisma.agency.findUniqueOrThrow({ where: { id: f.agencyA.id } });
    const day = addDays(localDay(new Date(), timezone), dayOffset);
    const plannedStart = zonedInstant(day, 9 * 60, timezone);
    const visit = await db.prisma.intervention.create({
      data: {
        agencyId: f.agencyA.id,
        siteId: f.siteA.id,
        technicianId: f.t1.id,
        status: 'dispatched',
        estimatedDurationMinutes: 60,
        plannedStart,
        plannedEnd: new Date(plannedStart.getTime() + 3_600_000),
      },
    });
    return { visit, day, timezone };
  };
  const setOff = (interventionId: string, baseVersion: number) =>
    h().call<{ results: ActionResult[] }>('POST', '/api/replication/batch', {
      token: h().tokens.tech1,
      body: { actions: [{ kind: 'status', id: randomUUID(), createdAt: at(), interventionId, to: 'en_route', at: at(), baseVersion }] },
    });

  it('refuses en_route on tomorrow’s visit from the app, and accepts it once the dispatcher moved it to today', async () => {
    const { db } = h();
    const { visit, day, timezone } = await plannedVisit(1);
    const refused = await setOff(visit.id, visit.version);
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body.results[0]).toMatchObject({ status: 'conflict', reason: 'other_day', current: { plannedDay: day } });
    expect(await db.prisma.intervention.findUniqueOrThrow({ where: { id: visit.id } })).toMatchObject({ status: 'dispatched', version: visit.version });

    // The dispatcher moves it to today: the visit is today's, setting off is allowed.
    const today = localDay(new Date(), timezone);
    const moved = await db.prisma.intervention.update({
      where: { id: visit.id },
      data: { plannedStart: zonedInstant(today, 0, timezone), version: { increment: 1 } },
    });
    const applied = await setOff(visit.id, moved.version);
    expect(applied.body.results[0]).toMatchObject({ status: 'applied' });
    expect(await db.prisma.intervention.findUniqueOrThrow({ where: { id: visit.id } })).toMatchObject({ status: 'en_route' });
  });

  it('refuses it through the API with 422 naming the day; today’s and yesterday’s visits still start', async () => {
    const { tokens } = h();
    const { visit, day } = await plannedVisit(2);
    const refused = await h().call('POST', `/api/interventions/${visit.id}/transitions`, {
      token: tokens.tech1,
      body: { to: 'en_route', version: visit.version },
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body).toMatchObject({ plannedDay: day, details: [{ path: 'to', in: 'body' }] });
    expect(refused.body.error ?? refused.body.message).toContain(day);

    for (const offset of [0, -1]) {
      const { visit: started } = await plannedVisit(offset);
      const ok = await h().call('POST', `/api/interventions/${started.id}/transitions`, {
        token: tokens.tech1,
        body: { to: 'en_route', version: started.version },
      });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    }
  });
});
