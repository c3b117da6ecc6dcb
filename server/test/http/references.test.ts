// Cross-agency writes (issue 11, finding 4): what a body names — a
// technician, a sector, an intervention, an invoice, a contract's terms — is
// checked against its stored agency, never against the body's agencyId; and
// reads of agency-owned rows (contract terms, budgets) show the caller's
// agencies only. Agency A is Aix (dispatcherA), B is Marseille.
import { expect, it } from 'vitest';
import { describeOnEachDatabase, type Harness } from './harness.ts';

let counter = 0;
const unique = () => `${Date.now()}-${++counter}`;

describeOnEachDatabase('references in bodies are checked against their stored agency', (h) => {
  /** A contract with terms invoiced by `agencyId`. */
  async function contractOf(agencyId: string) {
    const { db, fixtures } = h();
    const contract = await db.prisma.contract.create({
      data: { customerId: fixtures.customer.id, reference: `CT-${unique()}`, startsOn: new Date('2026-01-01') },
    });
    await db.prisma.contractTerms.create({
      data: { contractId: contract.id, agencyId, feeCents: 12_000, nextPeriodStart: new Date('2026-01-01'), budgetCents: 50_000 },
    });
    return contract;
  }

  it("refuses an Aix dispatcher's PUT of a Marseille contract's terms, even when the body says Aix", async () => {
    const { call, tokens, fixtures, db } = h() as Harness;
    const marseille = await contractOf(fixtures.agencyB.id);
    const res = await call('PUT', `/api/contracts/${marseille.id}/terms`, {
      token: tokens.dispatcherA,
      body: { agencyId: fixtures.agencyA.id, feeCents: 1, nextPeriodStart: '2026-02-01' },
    });
    expect(res.status).toBe(404);
    const stored = await db.prisma.contractTerms.findUniqueOrThrow({ where: { contractId: marseille.id } });
    expect(stored).toMatchObject({ agencyId: fixtures.agencyB.id, feeCents: 12_000 });
    // Marseille's own dispatcher and the admin may.
    const own = await call('PUT', `/api/contracts/${marseille.id}/terms`, {
      token: tokens.dispatcherB,
      body: { agencyId: fixtures.agencyB.id, feeCents: 13_000, nextPeriodStart: '2026-02-01' },
    });
    expect(own.status).toBe(200);
    // Terms not set yet can be set by an office user for their agency.
    const bare = await db.prisma.contract.create({ data: { customerId: fixtures.customer.id, reference: `CT-${unique()}`, startsOn: new Date('2026-01-01') } });
    expect(
      (
        await call('PUT', `/api/contracts/${bare.id}/terms`, {
          token: tokens.dispatcherA,
          body: { agencyId: fixtures.agencyA.id, feeCents: 5, nextPeriodStart: '2026-02-01' },
        })
      ).status,
    ).toBe(200);
  });

  it("reads contract terms and warranty budgets of the caller's agencies only", async () => {
    const { call, tokens, fixtures } = h() as Harness;
    const aix = await contractOf(fixtures.agencyA.id);
    const marseille = await contractOf(fixtures.agencyB.id);
    expect((await call('GET', `/api/contracts/${marseille.id}/terms`, { token: tokens.dispatcherA })).status).toBe(404);
    expect((await call('GET', `/api/contracts/${aix.id}/terms`, { token: tokens.dispatcherA })).status).toBe(200);
    expect((await call('GET', `/api/contracts/${marseille.id}/terms`, { token: tokens.admin })).status).toBe(200);

    const contractRows = async (token: string) =>
      ((await call('GET', '/api/warranty-budgets?year=2026', { token })).body.rows as { kind: string; id: string }[])
        .filter((r) => r.kind === 'contract')
        .map((r) => r.id);
    const seenByA = await contractRows(tokens.dispatcherA);
    expect(seenByA).toContain(aix.id);
    expect(seenByA).not.toContain(marseille.id);
    expect(await contractRows(tokens.admin)).toEqual(expect.arrayContaining([aix.id, marseille.id]));
  });

  it('refuses an Aix intervention given a Marseille technician, and does not store it', async () => {
    const { call, tokens, fixtures, db } = h() as Harness;
    const before = await db.prisma.intervention.count();
    const body = { agencyId: fixtures.agencyA.id, siteId: fixtures.siteA.id, estimatedDurationMinutes: 30, technicianId: fixtures.t3.id };
    const byDispatcher = await call('POST', '/api/interventions', { token: tokens.dispatcherA, body });
    expect(byDispatcher.status).toBe(403);
    expect(byDispatcher.body.details).toEqual([expect.objectContaining({ path: 'technicianId', in: 'body' })]);
    // The admin manages both agencies, but one visit cannot mix them.
    const byAdmin = await call('POST', '/api/interventions', { token: tokens.admin, body });
    expect(byAdmin.status).toBe(422);
    expect(byAdmin.body.details).toEqual([expect.objectContaining({ path: 'technicianId' })]);
    expect(await db.prisma.intervention.count()).toBe(before);
    // Nor can a PATCH hand an Aix visit to a Marseille technician.
    const a2 = (await call('GET', `/api/interventions/${fixtures.interventions.a2.id}`, { token: tokens.dispatcherA })).body;
    const patched = await call('PATCH', `/api/interventions/${a2.id}`, {
      token: tokens.dispatcherA,
      body: { version: a2.version, technicianId: fixtures.t3.id },
    });
    expect(patched.status).toBe(403);
    expect((await db.prisma.intervention.findUniqueOrThrow({ where: { id: a2.id } })).technicianId).toBe(fixtures.t2.id);
    // Its own technician is fine.
    expect((await call('POST', '/api/interventions', { token: tokens.dispatcherA, body: { ...body, technicianId: fixtures.t1.id } })).status).toBe(201);
  });

  it("refuses linking a technician to another agency's sector", async () => {
    const { call, tokens, fixtures, db } = h() as Harness;
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [5.3, 43.2],
          [5.4, 43.2],
          [5.4, 43.3],
          [5.3, 43.2],
        ],
      ],
    };
    const sectorB = await db.prisma.sector.create({ data: { agencyId: fixtures.agencyB.id, code: `S-${unique()}`, name: 'Vieux-Port', polygon: square } });
    const sectorA = await db.prisma.sector.create({ data: { agencyId: fixtures.agencyA.id, code: `S-${unique()}`, name: 'Jas de Bouffan', polygon: square } });
    const created = await call('POST', '/api/technicians', {
      token: tokens.dispatcherA,
      body: { agencyId: fixtures.agencyA.id, firstName: 'Secteur', lastName: 'Test', sectors: [{ sectorId: sectorB.id }] },
    });
    expect(created.status).toBe(403);
    expect(created.body.details).toEqual([expect.objectContaining({ path: 'sectors[0].sectorId' })]);
    const patched = await call('PATCH', `/api/technicians/${fixtures.t1.id}`, {
      token: tokens.dispatcherA,
      body: { sectors: [{ sectorId: sectorA.id }, { sectorId: sectorB.id }] },
    });
    expect(patched.status).toBe(403);
    expect(await db.prisma.technicianSector.count({ where: { technicianId: fixtures.t1.id, sectorId: sectorB.id } })).toBe(0);
    // The admin neither: a technician's sectors are its agency's.
    expect((await call('PATCH', `/api/technicians/${fixtures.t1.id}`, { token: tokens.admin, body: { sectors: [{ sectorId: sectorB.id }] } })).status).toBe(
      422,
    );
    expect(
      (await call('PATCH', `/api/technicians/${fixtures.t1.id}`, { token: tokens.dispatcherA, body: { sectors: [{ sectorId: sectorA.id }] } })).status,
    ).toBe(200);
    // A site is put in one of the caller's sectors only.
    expect((await call('PATCH', `/api/sites/${fixtures.siteA.id}`, { token: tokens.dispatcherA, body: { sectorId: sectorB.id } })).status).toBe(403);
  });

  it("refuses a claim citing another agency's intervention", async () => {
    const { call, tokens, fixtures, db } = h() as Harness;
    const supplier = await db.prisma.supplier.create({ data: { code: `SUP-${unique()}`, name: 'Atlantic' } });
    const body = {
      agencyId: fixtures.agencyA.id,
      supplierId: supplier.id,
      kind: 'repair',
      expectedCreditCents: 100,
      interventionId: fixtures.interventions.b1.id,
    };
    const res = await call('POST', '/api/warranty-claims', { token: tokens.dispatcherA, body });
    expect(res.status).toBe(403);
    expect(res.body.details).toEqual([expect.objectContaining({ path: 'interventionId' })]);
    expect(await db.prisma.warrantyClaim.count({ where: { supplierId: supplier.id } })).toBe(0);
    expect(
      (await call('POST', '/api/warranty-claims', { token: tokens.dispatcherA, body: { ...body, interventionId: fixtures.interventions.a1.id } })).status,
    ).toBe(201);
  });

  it('deletes shared installed-base records only for the admin or when every agency concerned is the caller', async () => {
    const { call, tokens, fixtures, db } = h() as Harness;
    // A Marseille visit takes place at this site: Aix cannot delete it, nor its equipment, nor its customer.
    const customer = await db.prisma.customer.create({ data: { name: 'M. Martin', reference: `C-${unique()}` } });
    const site = await db.prisma.site.create({
      data: { customerId: customer.id, address: '3 rue Paradis', postcode: '13001', city: 'Marseille', lat: 43.29, lon: 5.37 },
    });
    const equipment = await db.prisma.equipment.create({ data: { siteId: site.id, category: 'heat_pump' } });
    await db.prisma.intervention.create({ data: { agencyId: fixtures.agencyB.id, siteId: site.id, status: 'requested', estimatedDurationMinutes: 30 } });
    expect((await call('DELETE', `/api/equipment/${equipment.id}`, { token: tokens.dispatcherA })).status).toBe(403);
    expect((await call('DELETE', `/api/sites/${site.id}`, { token: tokens.dispatcherA })).status).toBe(403);
    expect((await call('DELETE', `/api/customers/${customer.id}`, { token: tokens.dispatcherA })).status).toBe(403);
    expect(await db.prisma.equipment.count({ where: { id: equipment.id } })).toBe(1);
    // Marseille's dispatcher may delete the equipment; the admin anything.
    expect((await call('DELETE', `/api/equipment/${equipment.id}`, { token: tokens.dispatcherB })).status).toBe(204);
    const other = await db.prisma.equipment.create({ data: { siteId: site.id, category: 'boiler' } });
    expect((await call('DELETE', `/api/equipment/${other.id}`, { token: tokens.admin })).status).toBe(204);
    // A record no agency works with yet: any office user.
    const lone = await db.prisma.customer.create({ data: { name: 'Mme Sans Site', reference: `C-${unique()}` } });
    expect((await call('DELETE', `/api/customers/${lone.id}`, { token: tokens.dispatcherA })).status).toBe(204);
  });
});
