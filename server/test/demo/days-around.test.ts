// DEMO_DAY=auto, as built in memory: whatever the hour the demo is started
// at, today and the next working days have work, today's visits before `now`
// are done or under way with times no later than `now`, and the past days
// have done visits to invoice, invoices (paid or not, a credit note) and a
// warranty claim at each stage of its life.
import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday } from '@tournee/contracts/calendar';
import { buildDemoCompany, type DemoCompany } from '../../src/demo/build/index.ts';
import { CLAIM_STAGES } from '../../src/demo/build/days-around.ts';

type Row = DemoCompany['interventions'][number];
const dayOf = (i: Row) => (i.earliestDate as Date).toISOString().slice(0, 10);
const ms = (d: unknown) => (d instanceof Date ? d.getTime() : Number.NaN);

// Tuesday 8 December 2026 in Paris (UTC+1): 07:00, 13:00 and 18:30; then a Saturday morning.
const CASES = [
  { name: '07:00', now: new Date('2026-12-08T06:00:00Z'), underWay: false },
  { name: '13:00', now: new Date('2026-12-08T12:00:00Z'), underWay: true },
  { name: '18:30', now: new Date('2026-12-08T17:30:00Z'), underWay: true },
  { name: 'Saturday 10:00', now: new Date('2026-12-05T09:00:00Z'), underWay: true },
] as const;

describe.each(CASES)('the demo seeded at $name (DEMO_DAY=auto)', ({ now, underWay }) => {
  const c = buildDemoCompany({ seed: 1, now });
  const today = c.today;

  it('opens on today, with work on today and each of the next four working days', () => {
    expect(today).toBe(now.toISOString().slice(0, 10));
    expect(c.days[0]).toBe(today);
    expect(c.days).toHaveLength(5);
    for (const d of c.days.slice(1)) expect(isoWeekday(d)).toBeLessThanOrEqual(5);
    for (const d of c.days) expect(c.interventions.filter((i) => dayOf(i) === d).length, d).toBeGreaterThanOrEqual(15);
  });

  it('has today’s earlier visits done or under way, never later than now, and plans nothing in the past', () => {
    const todays = c.interventions.filter((i) => dayOf(i) === today);
    const started = todays.filter((i) => i.status === 'done' || i.status === 'on_site');
    if (underWay) expect(started.length).toBeGreaterThanOrEqual(15);
    else expect(started).toHaveLength(0);
    for (const i of started) {
      expect(i.technicianId).toBeTruthy();
      expect(ms(i.actualStart)).toBeLessThanOrEqual(now.getTime());
      if (i.status === 'done') {
        expect(ms(i.actualEnd)).toBeLessThanOrEqual(now.getTime());
        expect(ms(i.actualEnd)).toBeGreaterThan(ms(i.actualStart));
        expect(i.report).toBeTruthy();
      } else expect(i.actualEnd ?? null).toBeNull();
    }
    // A technician is on one site at a time, and their visits do not overlap.
    const byTechnician = new Map<string, Row[]>();
    for (const i of started) byTechnician.set(i.technicianId!, [...(byTechnician.get(i.technicianId!) ?? []), i]);
    for (const list of byTechnician.values()) {
      expect(list.filter((i) => i.status === 'on_site').length).toBeLessThanOrEqual(1);
      list.sort((a, b) => ms(a.actualStart) - ms(b.actualStart));
      for (let k = 1; k < list.length; k++) expect(ms(list[k]!.actualStart)).toBeGreaterThan(ms(list[k - 1]!.actualEnd));
    }
    // What is left to do today is to plan from now: no appointment window already over.
    for (const i of todays.filter((i) => i.status === 'requested')) {
      for (const w of i.timeWindows as Array<{ end: string }>) expect(Date.parse(w.end)).toBeGreaterThan(now.getTime());
    }
    // Nothing but facts in the past: every visit with a time before now has happened or is happening.
    for (const i of c.interventions.filter((i) => ms(i.plannedStart) < now.getTime())) {
      expect(['done', 'closed', 'on_site', 'en_route']).toContain(i.status);
    }
  });

  it('has past done visits to invoice, invoices paid and not, a credit note and a warranty claim at each stage', () => {
    const past = c.interventions.filter((i) => dayOf(i) < today && (i.status === 'done' || i.status === 'closed'));
    expect(past.length).toBeGreaterThanOrEqual(30);
    const h = c.history!;
    const invoiced = new Set(h.invoices.map((i) => i.interventionId));
    expect(past.filter((i) => i.status === 'done' && !invoiced.has(i.id!)).length).toBeGreaterThanOrEqual(5); // ready to invoice
    expect(h.invoices.length).toBeGreaterThanOrEqual(15);
    expect(h.invoices.filter((i) => i.paidOn).length).toBeGreaterThanOrEqual(3);
    expect(h.invoices.filter((i) => !i.paidOn).length).toBeGreaterThanOrEqual(3);
    expect(h.invoices.some((i) => i.creditedOn)).toBe(true);
    for (const i of h.invoices) {
      expect(i.issueOn < today).toBe(true);
      if (i.paidOn) expect(i.paidOn >= i.issueOn && i.paidOn < today).toBe(true);
    }
    for (const agency of c.agencies) expect(h.claims.filter((x) => x.agencyId === agency.id).map((x) => x.stage)).toEqual([...CLAIM_STAGES]);
    for (const claim of h.claims) {
      const visit = c.interventions.find((i) => i.id === claim.interventionId)!;
      expect(visit.equipmentId).toBe(claim.equipmentId);
      expect(dayOf(visit) < claim.openedOn).toBe(true);
      for (const step of claim.steps) expect(step.on < today).toBe(true);
      expect(claim.steps.at(-1)?.to ?? 'draft').toBe(claim.stage);
    }
  });

  it('is the same for the same seed and instant', () => {
    expect(JSON.stringify(buildDemoCompany({ seed: 1, now }))).toBe(JSON.stringify(c));
  });
});

describe('DEMO_DAY=next and today', () => {
  it('stay one day of work, without days around it or history', () => {
    const now = new Date('2026-12-08T17:30:00Z');
    for (const day of ['next', 'today'] as const) {
      const c = buildDemoCompany({ seed: 1, now, day });
      expect(c.days).toEqual([day === 'next' ? addDays('2026-12-08', 1) : '2026-12-08']);
      expect(c.history).toBeNull();
      expect(new Set(c.interventions.map(dayOf))).toEqual(new Set(c.days));
      expect(c.interventions.every((i) => i.status === 'requested')).toBe(true);
    }
  });
});
