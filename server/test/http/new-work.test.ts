// Creating ordinary work from the board (issue 12): the search the form and
// the urgent panel share (scoped to the caller's agencies' sectors, each
// customer once, ranked, accents and case ignored), the towns a new site is
// placed in, and the all-or-nothing creation of a visit with a new customer,
// site and equipment. Agency A is Aix (dispatcherA), B is Marseille.
import { beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase, type Harness } from './harness.ts';

const box = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

describeOnEachDatabase('new work: search, places and creation', (h) => {
  const world = {} as {
    aixSector: string;
    mrsSector: string;
    bertrand: { id: string; sites: string[] };
    marseilleBertrand: string;
    rueBertrand: string;
    siteless: string;
    equipment: string;
    part: string;
  };

  beforeAll(async () => {
    const { db, fixtures } = h();
    const prisma = db.prisma;
    const sector = (agencyId: string, code: string, name: string, polygon: object) =>
      prisma.sector.create({ data: { agencyId, code, name, color: '#336699', polygon } });
    world.aixSector = (await sector(fixtures.agencyA.id, 'AIX-N', 'Pays d’Aix nord', box(5.2, 43.45, 5.8, 43.8))).id;
    world.mrsSector = (await sector(fixtures.agencyB.id, 'MRS-C', 'Marseille centre', box(5.2, 43.2, 5.6, 43.4))).id;
    const site = (customerId: string, sectorId: string, address: string, postcode: string, city: string, extra: Record<string, unknown> = {}) =>
      prisma.site.create({ data: { customerId, sectorId, address, postcode, city, lat: 43.6, lon: 5.5, ...extra } });
    const bertrand = await prisma.customer.create({ data: { name: 'Mme Sophie Bertrand', phone: '04 90 12 34 56', reference: 'CLI-7781' } });
    const home = await site(bertrand.id, world.aixSector, '12 chemin des Vignes', '84120', 'Pertuis', { contactName: 'Sophie Bertrand' });
    const cottage = await site(bertrand.id, world.aixSector, '3 place de l’Église', '13210', 'Saint-Rémy-de-Provence');
    // Two matching units on one site: the site still comes once.
    world.equipment = (await prisma.equipment.create({ data: { siteId: home.id, category: 'heat_pump', brand: 'Daikin', serialNumber: 'PAC-2021-0042' } })).id;
    await prisma.equipment.create({ data: { siteId: home.id, category: 'heat_pump', brand: 'Daikin', serialNumber: 'PAC-2021-0043' } });
    world.bertrand = { id: bertrand.id, sites: [home.id, cottage.id] };
    const elsewhere = await prisma.customer.create({ data: { name: 'M. Bertrand Marseillais' } });
    await site(elsewhere.id, world.mrsSector, '5 rue Paradis', '13001', 'Marseille');
    world.marseilleBertrand = elsewhere.id;
    const street = await prisma.customer.create({ data: { name: 'Boulangerie Aubert' } });
    await site(street.id, world.aixSector, '8 rue Bertrand', '13100', 'Aix-en-Provence');
    world.rueBertrand = street.id;
    world.siteless = (await prisma.customer.create({ data: { name: 'Éric Lefèvre' } })).id;
    world.part = (await prisma.part.create({ data: { reference: `FLT-${Date.now()}`, name: 'Filtre', unitCostCents: 500, unitPriceCents: 900 } })).id;
  });

  const search = async (token: string, q: string, extra = '') => {
    const res = await h().call('GET', `/api/work/search?q=${encodeURIComponent(q)}${extra}`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.customers as { id: string; name: string; sites: { id: string; matched: boolean; equipment: { id: string; matched: boolean }[] }[] }[];
  };

  it("finds a customer by name among the caller's agency only, the named customer before a street of that name", async () => {
    const { tokens } = h() as Harness;
    const aix = await search(tokens.dispatcherA, 'bertrand');
    expect(aix.map((c) => c.id)).toEqual([world.bertrand.id, world.rueBertrand]);
    // Her sites in Aix's sectors, each once; nothing of Marseille's.
    expect(aix[0]!.sites.map((s) => s.id).sort()).toEqual([...world.bertrand.sites].sort());
    const marseille = await search(tokens.dispatcherB, 'Bertrand');
    expect(marseille.map((c) => c.id)).toEqual([world.marseilleBertrand]);
    const admin = await search(tokens.admin, 'BERTRAND');
    expect(admin.map((c) => c.id).sort()).toEqual([world.bertrand.id, world.marseilleBertrand, world.rueBertrand].sort());
    // Narrowed to one of the caller's agencies; another's is refused.
    expect((await search(tokens.admin, 'bertrand', `&agencyId=${h().fixtures.agencyB.id}`)).map((c) => c.id)).toEqual([world.marseilleBertrand]);
    expect((await h().call('GET', `/api/work/search?q=bertrand&agencyId=${h().fixtures.agencyB.id}`, { token: tokens.dispatcherA })).status).toBe(403);
  });

  it('ignores accents and case, in the text and in the query', async () => {
    const { tokens } = h() as Harness;
    expect((await search(tokens.dispatcherA, 'saint remy')).map((c) => c.id)).toEqual([world.bertrand.id]);
    const hit = (await search(tokens.dispatcherA, 'SAINT-RÉMY'))[0]!;
    expect(hit.sites.filter((s) => s.matched).map((s) => s.id)).toEqual([world.bertrand.sites[1]]);
    expect((await search(tokens.dispatcherA, 'eric lefevre')).map((c) => c.id)).toEqual([world.siteless]);
  });

  it('finds by phone with or without spaces, by customer number, postcode, contact and serial number', async () => {
    const { tokens } = h() as Harness;
    for (const q of ['04 90 12 34 56', '0490123456', 'cli-7781', '84120', 'sophie pertuis', 'PAC-2021-0042', 'pac20210042']) {
      expect(
        (await search(tokens.dispatcherA, q)).map((c) => c.id),
        q,
      ).toEqual([world.bertrand.id]);
    }
    const bySerial = (await search(tokens.dispatcherA, 'pac-2021-0042'))[0]!;
    expect(bySerial.sites[0]).toMatchObject({ id: world.bertrand.sites[0], matched: true });
    expect(bySerial.sites[0]!.equipment.filter((e) => e.matched).map((e) => e.id)).toEqual([world.equipment]);
    // Both units match "daikin": the site is still listed once.
    const both = (await search(tokens.dispatcherA, 'daikin'))[0]!;
    expect(both.sites.filter((s) => s.id === world.bertrand.sites[0])).toHaveLength(1);
    expect(both.sites[0]!.equipment.every((e) => e.matched)).toBe(true);
  });

  it('shows a customer with no site yet to every office user, and finds nothing for a technician', async () => {
    const { tokens, call } = h() as Harness;
    expect((await search(tokens.dispatcherB, 'lefevre')).map((c) => c.id)).toEqual([world.siteless]);
    expect((await call('GET', '/api/work/search?q=bertrand', { token: tokens.tech1 })).status).toBe(403);
  });

  it('refuses a query too short or too long, naming the field; treats LIKE characters literally', async () => {
    const { tokens, call } = h() as Harness;
    const short = await call('GET', '/api/work/search?q=%20b%20', { token: tokens.dispatcherA });
    expect(short.status).toBe(400);
    expect(short.body.details[0]).toMatchObject({ path: 'q', in: 'query' });
    expect((await call('GET', `/api/work/search?q=${'x'.repeat(101)}`, { token: tokens.dispatcherA })).status).toBe(400);
    expect((await call('GET', '/api/work/search?q=bertrand&limit=0', { token: tokens.dispatcherA })).status).toBe(400);
    expect(await search(tokens.dispatcherA, '%%')).toEqual([]);
    expect(await search(tokens.dispatcherA, '__')).toEqual([]);
  });

  it("places a town in the caller's sector, with the postcode the company's sites there use", async () => {
    const { tokens, call } = h() as Harness;
    const res = await call('GET', '/api/work/places?q=pertuis', { token: tokens.dispatcherA });
    expect(res.status).toBe(200);
    expect(res.body.places[0]).toMatchObject({ name: 'Pertuis', postcode: '84120', sectorId: world.aixSector, sectorName: 'Pays d’Aix nord' });
    expect(res.body.places[0].lat).toBeCloseTo(43.69, 1);
    // Marseille's dispatcher has no sector there.
    expect((await call('GET', '/api/work/places?q=Pertuis', { token: tokens.dispatcherB })).body.places[0]).toMatchObject({ name: 'Pertuis', sectorId: null });
    const accents = await call('GET', '/api/work/places?q=saint%20remy%20de', { token: tokens.dispatcherA });
    expect(accents.body.places.map((p: { name: string }) => p.name)).toContain('Saint-Rémy-de-Provence');
  });

  const newWork = (overrides: Record<string, unknown> = {}) => ({
    agencyId: h().fixtures.agencyA.id,
    customer: { new: { name: 'M. Jean Nouveau', phone: '06 11 22 33 44' } },
    site: { new: { address: '4 rue des Lilas', postcode: '84120', city: 'Pertuis', lat: 43.69, lon: 5.5, sectorId: world.aixSector } },
    equipment: { new: { category: 'pool_filtration', brand: 'Hayward', serialNumber: 'HW-9' } },
    kind: 'preventive',
    problemDescription: 'Entretien annuel',
    priority: 40,
    estimatedDurationMinutes: 90,
    earliestDate: '2026-12-08',
    latestDate: '2026-12-18',
    timeWindows: [{ start: '2026-12-08T08:00:00+01:00', end: '2026-12-08T12:00:00+01:00' }],
    requiredSkills: [{ skillId: h().fixtures.skill.id, minLevel: 2 }],
    parts: [{ partId: world.part, quantity: 2 }],
    ...overrides,
  });

  it('creates the visit with a new customer, site and equipment, unassigned, findable at once', async () => {
    const { tokens, call, db } = h() as Harness;
    const res = await call('POST', '/api/work/interventions', { token: tokens.dispatcherA, body: newWork() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      status: 'requested',
      technicianId: null,
      priority: 40,
      estimatedDurationMinutes: 90,
      earliestDate: '2026-12-08',
      latestDate: '2026-12-18',
    });
    expect(res.body.requiredSkills).toEqual([{ skillId: h().fixtures.skill.id, minLevel: 2 }]);
    const stored = await db.prisma.intervention.findUniqueOrThrow({
      where: { id: res.body.id },
      include: { site: { include: { customer: true } }, equipment: true, partsNeeded: true },
    });
    expect(stored.site).toMatchObject({ city: 'Pertuis', sectorId: world.aixSector, customer: { name: 'M. Jean Nouveau' } });
    expect(stored.equipment).toMatchObject({ siteId: stored.siteId, serialNumber: 'HW-9' });
    expect(stored.partsNeeded).toEqual([expect.objectContaining({ partId: world.part, quantity: 2 })]);
    expect((await search(tokens.dispatcherA, 'jean nouveau')).map((c) => c.id)).toEqual([stored.site.customerId]);
    expect(await search(tokens.dispatcherB, 'jean nouveau')).toEqual([]);
    // And again on her existing site and equipment.
    const again = await call('POST', '/api/work/interventions', {
      token: tokens.dispatcherA,
      body: newWork({ customer: { id: world.bertrand.id }, site: { id: world.bertrand.sites[0] }, equipment: { id: world.equipment }, parts: [] }),
    });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body).toMatchObject({ siteId: world.bertrand.sites[0], equipmentId: world.equipment });
  });

  it('refuses, naming the field, and writes nothing: a sector, site or customer of another agency, equipment of another site, unknown skills and parts', async () => {
    const { tokens, call, db, fixtures } = h() as Harness;
    const before = await Promise.all([db.prisma.customer.count(), db.prisma.site.count(), db.prisma.equipment.count(), db.prisma.intervention.count()]);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ site: { new: { address: '1 rue X', postcode: '13001', city: 'Marseille', sectorId: world.mrsSector } } }, 422, 'site.new.sectorId'],
      [{ site: { new: { address: '1 rue X', postcode: '13001', city: 'Marseille' } } }, 422, 'site.new.sectorId'],
      [{ customer: { id: world.marseilleBertrand } }, 403, 'customer.id'],
      [{ customer: { id: world.bertrand.id }, site: { id: fixtures.siteB.id } }, 403, 'site.id'],
      [{ customer: { id: world.bertrand.id }, equipment: { id: fixtures.equipment.id }, site: { id: world.bertrand.sites[1] } }, 422, 'equipment.id'],
      [{ requiredSkills: [{ skillId: 'nope', minLevel: 1 }] }, 422, 'requiredSkills[0].skillId'],
      [{ parts: [{ partId: 'nope', quantity: 1 }] }, 422, 'parts[0].partId'],
      [{ parts: [{ partId: world.part, quantity: 0 }] }, 400, 'parts[0].quantity'],
      [{ latestDate: '2026-12-01' }, 400, 'latestDate'],
      [{ customer: { new: { name: ' ' } } }, 400, 'customer'],
      [{ customer: { id: world.bertrand.id, new: { name: 'x' } } }, 400, 'customer'],
    ];
    for (const [overrides, status, path] of cases) {
      const res = await call('POST', '/api/work/interventions', { token: tokens.dispatcherA, body: newWork(overrides) });
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(status);
      expect(
        res.body.details.some((d: { path: string }) => d.path.startsWith(path)),
        `${path}: ${JSON.stringify(res.body)}`,
      ).toBe(true);
    }
    const wrongAgency = await call('POST', '/api/work/interventions', { token: tokens.dispatcherA, body: newWork({ agencyId: fixtures.agencyB.id }) });
    expect(wrongAgency.status).toBe(403);
    expect((await call('POST', '/api/work/interventions', { token: tokens.tech1, body: newWork() })).status).toBe(403);
    const after = await Promise.all([db.prisma.customer.count(), db.prisma.site.count(), db.prisma.equipment.count(), db.prisma.intervention.count()]);
    expect(after).toEqual(before);
  });
});
