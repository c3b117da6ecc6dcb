// The demo company as built in memory, before any database: sizes, places,
// coherence of skills and shifts, determinism.
import { describe, expect, it } from 'vitest';
import { buildDemoCompany } from '../../src/demo/build/index.ts';
import { pointInPolygon, type GeoJsonPolygon } from '../../src/demo/geo.ts';
import { isoWeekday } from '@tournee/contracts/calendar';
import { PROVENCE_BBOX } from './support/expectations.ts';

const NOW = new Date('2026-11-30T08:00:00Z'); // a Monday, 9:00 in Aix
const company = buildDemoCompany({ seed: 1, now: NOW });

describe('buildDemoCompany', () => {
  it('has the sizes the issue asks for', () => {
    expect(company.today).toBe('2026-11-30');
    expect(company.agencies).toHaveLength(3);
    expect(company.technicians.length).toBeGreaterThanOrEqual(22);
    expect(company.technicians.length).toBeLessThanOrEqual(28);
    expect(company.sites).toHaveLength(400);
    expect(company.customers.length).toBeGreaterThan(330);
    expect(company.equipment.length).toBeGreaterThan(500);
    expect(company.contracts.length).toBeGreaterThan(250);
    expect(company.servicePlans.length).toBeGreaterThan(450);
    // Today's (DEMO_DAY=auto also seeds the days around it: days-around.test.ts).
    const todays = company.interventions.filter((i) => (i.earliestDate as Date).toISOString().startsWith(company.today));
    expect(todays.length).toBeGreaterThanOrEqual(60);
    expect(todays.length).toBeLessThanOrEqual(140);
  });

  it('is the same company for the same seed and instant, another for another seed', () => {
    expect(JSON.stringify(buildDemoCompany({ seed: 1, now: NOW }))).toBe(JSON.stringify(company));
    expect(buildDemoCompany({ seed: 2, now: NOW }).customers[0]!.name).not.toBe(company.customers[0]!.name);
    const ids = [company.agencies, company.sites, company.equipment, company.interventions, company.servicePlans].flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('places every site in Provence, inside its own sector', () => {
    const sectors = new Map(company.sectors.map((s) => [s.id, s.polygon as unknown as GeoJsonPolygon]));
    for (const site of company.sites) {
      expect(site.lat!).toBeGreaterThan(PROVENCE_BBOX.south);
      expect(site.lat!).toBeLessThan(PROVENCE_BBOX.north);
      expect(site.lon!).toBeGreaterThan(PROVENCE_BBOX.west);
      expect(site.lon!).toBeLessThan(PROVENCE_BBOX.east);
      expect(site.postcode).toMatch(/^(04|13|83|84)\d{3}$/);
      expect(pointInPolygon({ lat: site.lat!, lon: site.lon! }, sectors.get(site.sectorId!)!), `${site.city}`).toBe(true);
    }
  });

  it('gives every technician skills, sectors, weekly shifts with a lunch window, and a home', () => {
    for (const t of company.technicians) {
      expect(company.technicianSkills.filter((s) => s.technicianId === t.id).length).toBeGreaterThanOrEqual(2);
      expect(company.technicianSectors.filter((s) => s.technicianId === t.id && s.primary)).toHaveLength(1);
      const weekly = company.shifts.filter((s) => s.technicianId === t.id && s.weekday);
      expect(weekly.length).toBeGreaterThanOrEqual(4);
      for (const s of weekly) expect([s.breakMinutes, s.breakStartMinute, s.breakEndMinute]).toEqual([45, 720, 840]);
      expect(t.homeLat).toBeTypeOf('number');
    }
    expect(company.absences.length).toBeGreaterThanOrEqual(3);
  });

  it('asks of today’s interventions only skills an available technician of the agency has', () => {
    const absent = new Set(company.absences.filter((a) => a.startsAt <= NOW && a.endsAt > NOW).map((a) => a.technicianId));
    for (const i of company.interventions) {
      const needs = company.interventionSkills.filter((s) => s.interventionId === i.id);
      expect(needs.length).toBeGreaterThan(0);
      const able = company.technicians.filter(
        (t) =>
          t.agencyId === i.agencyId &&
          !absent.has(t.id!) &&
          needs.every((n) => company.technicianSkills.some((s) => s.technicianId === t.id && s.skillId === n.skillId && (s.level ?? 1) >= (n.minLevel ?? 1))),
      );
      expect(able.length, i.problemDescription!).toBeGreaterThan(0);
    }
    const corrective = company.interventions.filter((i) => i.kind === 'corrective');
    expect(corrective.length).toBeGreaterThanOrEqual(10);
    expect(corrective.some((i) => i.slaDeadline instanceof Date && i.slaDeadline > NOW)).toBe(true);
    expect(company.interventions.some((i) => Array.isArray(i.timeWindows) && i.timeWindows.length === 1)).toBe(true);
  });

  it('puts the team on call with a one-day shift when the demo starts on a weekend', () => {
    expect(company.shifts.some((s) => s.date)).toBe(false);
    const saturday = buildDemoCompany({ seed: 1, now: new Date('2026-11-28T09:00:00Z') });
    expect(isoWeekday(saturday.today)).toBe(6);
    expect(saturday.shifts.filter((s) => s.date)).toHaveLength(saturday.technicians.length);
  });

  it('keeps today as the demo day when seeded in the evening (DEMO_DAY=auto): the day under way, the next days booked', () => {
    const evening = buildDemoCompany({ seed: 1, now: new Date('2026-11-30T18:00:00Z') }); // 19:00 in Aix
    expect(evening.today).toBe('2026-11-30');
    expect(evening.days).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    // Calls taken this evening wait for the next days; none is due today only.
    for (const i of evening.interventions.filter(
      (i) => i.status === 'requested' && i.earliestDate instanceof Date && i.earliestDate.getTime() === Date.parse('2026-11-30'),
    )) {
      expect((i.latestDate as Date).getTime()).toBeGreaterThan(Date.parse('2026-11-30'));
    }
  });

  it('prepares tomorrow at any hour with DEMO_DAY=next', () => {
    const morning = buildDemoCompany({ seed: 1, now: NOW, day: 'next' });
    expect(morning.today).toBe('2026-12-01');
    for (const i of morning.interventions) expect(i.earliestDate).toEqual(new Date('2026-12-01T00:00:00Z'));
  });

  it('keeps today however late with DEMO_DAY=today, with the weekend team on call', () => {
    const saturdayNight = buildDemoCompany({ seed: 1, now: new Date('2026-11-28T21:00:00Z'), day: 'today' }); // 22:00 in Aix
    expect(saturdayNight.today).toBe('2026-11-28');
    const onCall = saturdayNight.shifts.filter((s) => s.date instanceof Date && s.date.toISOString().startsWith('2026-11-28'));
    expect(onCall.length).toBe(saturdayNight.technicians.length);
  });
  it('stocks the back office through receipts and van loadings that never take a depot below zero', () => {
    const bo = company.backOffice;
    const depots = new Map(bo.depots.map((d) => [d.id, d]));
    // A central depot per agency, a van per technician.
    for (const a of company.agencies) expect(bo.depots.filter((d) => d.agencyId === a.id && d.kind === 'central')).toHaveLength(1);
    for (const t of company.technicians) expect(bo.depots.filter((d) => d.technicianId === t.id && d.kind === 'van')).toHaveLength(1);
    // Replaying the planned batches in time order, every level stays ≥ 0 and receipts match their order lines.
    const onHand = new Map<string, number>();
    const lines = new Map(bo.supplierOrderLines.map((l) => [l.id!, l]));
    for (const batch of [...bo.batches].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) {
      for (const l of batch.lines) {
        expect(depots.get(l.depotId)!.agencyId).toBe(batch.agencyId);
        const key = `${l.partId}|${l.depotId}`;
        onHand.set(key, (onHand.get(key) ?? 0) + l.quantity);
        if (l.kind === 'receipt') expect(lines.get(l.supplierOrderLineId!)!.receivedQuantity).toBe(l.quantity);
      }
      for (const v of onHand.values()) expect(v).toBeGreaterThanOrEqual(0);
    }
    // Some central levels end below their minimum (the shortage list has work), most do not.
    const settings = bo.stockLevels.filter((l) => depots.get(l.depotId)!.kind === 'central');
    const below = settings.filter((l) => (onHand.get(`${l.partId}|${l.depotId}`) ?? 0) < l.minQuantity!);
    expect(below.length).toBeGreaterThanOrEqual(company.agencies.length * 3);
    expect(below.length).toBeLessThan(settings.length / 3);
    // Open orders are expected after today; received ones were received before.
    for (const o of bo.supplierOrders) {
      if (o.status === 'ordered' || o.status === 'partially_received') expect((o.expectedOn as Date).toISOString().slice(0, 10) > company.today).toBe(true);
      if (o.status === 'received') expect((o.expectedOn as Date).toISOString().slice(0, 10) < company.today).toBe(true);
    }
    // Parts on today's interventions only; billing set up for every agency and site.
    const todays = new Set(company.interventions.map((i) => i.id));
    expect(bo.interventionParts.length).toBeGreaterThan(10);
    for (const p of bo.interventionParts) expect(todays.has(p.interventionId)).toBe(true);
    expect(bo.billingSettings).toHaveLength(company.agencies.length);
    expect(bo.siteVatProfiles).toHaveLength(company.sites.length);
    expect(new Set(bo.contractTerms.map((t) => t.contractId)).size).toBe(bo.contractTerms.length);
  });
});
