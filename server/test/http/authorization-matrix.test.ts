// The authorization matrix (issue 11), generated from the OpenAPI document:
// every operation the server declares × anonymous, a technician of the
// records' team, a technician of another agency, a dispatcher of the records'
// agency, a dispatcher of another agency and an admin — with the ids of
// agency B's records (Marseille) in paths, queries and bodies.
//
// What must hold, from each route's declared rule (`x-roles`, `x-agency`,
// registry.ts):
// - anonymous: 401 everywhere but the public routes;
// - nobody ever gets a 5xx;
// - callers of agency A never get a 2xx from an `own` route that names a
//   record of agency B (in the path, the query or the body), and no 2xx they
//   get carries the id of one of agency B's own records;
// - callers without the declared role get 403.
// The records' own agency (technician and dispatcher of B, admin) read here;
// they write in describeOwnWrites, each on a database of its own (a write
// consumes records the rest of the matrix names), deletes last: never a
// 5xx, 403 for an undeclared role only, no 403 nor 404 on a record of their
// own agency, and any other 4xx (validation, state) names its reason.
//
// A new route whose path names a record this file cannot find fails here
// until pathRecords learns it.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { createApp, type App } from '../../src/http/app.ts';
import { planningRoutes } from '../../src/http/routes/planning.ts';
import { replicationRoutes } from '../../src/http/routes/replication.ts';
import { createJobRunner, type JobRunner } from '../../src/jobs/runner.ts';
import { seedBackOffice } from '../back-office/support.ts';
import { recordingBroadcaster } from '../planning/recording-broadcaster.ts';
import { checkPostgres, describeWithService } from '../support/services.ts';
import { listen, type Opened, openPglite, openPostgres, request, TEST_SECRET } from './harness.ts';

type Principal = 'anonymous' | 'technicianOfB' | 'technicianOfA' | 'dispatcherOfB' | 'dispatcherOfA' | 'admin';
/** Agency A's callers: the records named are not theirs. */
const FOREIGN: readonly Principal[] = ['technicianOfA', 'dispatcherOfA'];
const ROLE: Record<Exclude<Principal, 'anonymous'>, string> = {
  technicianOfB: 'technician',
  technicianOfA: 'technician',
  dispatcherOfB: 'dispatcher',
  dispatcherOfA: 'dispatcher',
  admin: 'admin',
};

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly roles?: readonly string[];
  readonly agency?: 'own' | 'shared';
  readonly isPublic: boolean;
  readonly parameters: readonly { name: string; in: 'path' | 'query'; required?: boolean; schema?: JsonSchema }[];
  readonly body?: JsonSchema;
}
type JsonSchema = Record<string, any>;

/** Agency B's world: one record of each kind a path can name, and the callers. */
async function seedWorld(db: Database) {
  const prisma = db.prisma;
  const f = await seedBackOffice(prisma);
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
  const sectorB = await prisma.sector.create({ data: { agencyId: f.agencyB.id, code: 'MRS-1', name: 'Vieux-Port', polygon: square } });
  await prisma.site.update({ where: { id: f.siteB.id }, data: { sectorId: sectorB.id } });
  const equipmentB = await prisma.equipment.create({ data: { siteId: f.siteB.id, category: 'heat_pump', brand: 'Daikin' } });
  const shiftB = await prisma.shift.create({ data: { technicianId: f.t3.id, weekday: 1, startMinute: 480, endMinute: 1020 } });
  const absenceB = await prisma.absence.create({
    data: { technicianId: f.t3.id, kind: 'leave', startsAt: new Date('2026-08-03T06:00:00Z'), endsAt: new Date('2026-08-07T18:00:00Z') },
  });
  const runB = await prisma.planningRun.create({
    data: { agencyId: f.agencyB.id, days: [new Date('2026-06-01')], status: 'succeeded', preview: true, decision: 'pending' },
  });
  const contractB = await prisma.contract.create({ data: { customerId: f.customer.id, reference: 'CT-MRS', startsOn: new Date('2026-01-01') } });
  await prisma.contractTerms.create({ data: { contractId: contractB.id, agencyId: f.agencyB.id, feeCents: 12_000, nextPeriodStart: new Date('2026-01-01') } });
  const invoiceB = await prisma.billingDocument.create({
    data: {
      kind: 'quote',
      agencyId: f.agencyB.id,
      customerId: f.customer.id,
      siteId: f.siteB.id,
      interventionId: f.interventions.b1.id,
      customerName: f.customer.name,
    },
  });
  const claimB = await prisma.warrantyClaim.create({
    data: {
      agencyId: f.agencyB.id,
      supplierId: f.supplier.id,
      kind: 'repair',
      expectedCreditCents: 100,
      interventionId: f.interventions.b1.id,
      reference: 'GAR-MRS-1',
    },
  });
  const supplierOrderB = await prisma.supplierOrder.create({ data: { supplierId: f.supplier.id, depotId: f.depots.centralB.id, reference: 'CF-MRS-1' } });
  const customerOrderB = await prisma.customerOrder.create({
    data: { customerId: f.customer.id, depotId: f.depots.centralB.id, reference: 'CC-MRS-1', dueOn: new Date('2026-07-01') },
  });
  const partRequestB = await prisma.partRequest.create({
    data: { id: randomUUID(), technicianId: f.t3.id, agencyId: f.agencyB.id, partId: f.parts.fan.id, quantity: 1, interventionId: f.interventions.b1.id },
  });
  await prisma.stockLevel.create({ data: { depotId: f.depots.centralB.id, partId: f.parts.fan.id, minQuantity: 1 } });
  const techB = await prisma.user.create({
    data: {
      email: 'tech3@test.tournee.fr',
      name: 'tech3',
      role: 'technician',
      technicianId: f.t3.id,
      passwordHash: (await prisma.user.findUniqueOrThrow({ where: { id: f.users.tech1.id } })).passwordHash,
    },
  });
  // Another user of agency B for users/:id in the own-agency writes: edited, demoted or deleted, it revokes no caller's session.
  const spareUserB = await prisma.user.create({
    data: {
      email: 'dispatcher.b2@test.tournee.fr',
      name: 'dispatcher.b2',
      role: 'dispatcher',
      agencies: { create: [{ agencyId: f.agencyB.id }] },
      passwordHash: techB.passwordHash,
    },
  });
  // What the own-agency writes name where the read matrix's records are the wrong kind: an invoice (payments, credit notes and claims are
  // made from invoices, invoiceB is a quote), and a customer only agency B serves (the fixtures' customer has a site in each agency:
  // only the admin may delete it).
  const draftInvoiceB = await prisma.billingDocument.create({
    data: { kind: 'invoice', agencyId: f.agencyB.id, customerId: f.customer.id, siteId: f.siteB.id, customerName: f.customer.name },
  });
  const customerOfB = await prisma.customer.create({ data: { name: 'M. Marius', reference: 'C-MRS' } });
  await prisma.site.create({
    data: { customerId: customerOfB.id, sectorId: sectorB.id, address: '3 quai du Port', postcode: '13002', city: 'Marseille', lat: 43.296, lon: 5.37 },
  });
  return {
    f,
    sectorB,
    equipmentB,
    shiftB,
    absenceB,
    runB,
    contractB,
    invoiceB,
    draftInvoiceB,
    claimB,
    supplierOrderB,
    customerOrderB,
    partRequestB,
    techB,
    spareUserB,
    customerOfB,
  };
}
type World = Awaited<ReturnType<typeof seedWorld>>;

/** The record of agency B a path names, by the segment before the parameter. Unknown ids where B has none seeded. */
function pathRecords(w: World): Record<string, string> {
  return {
    'agencies/:id': w.f.agencyB.id,
    'sectors/:id': w.sectorB.id,
    'regions/:id': w.f.region.id,
    'skills/:id': w.f.skill.id,
    'technicians/:id': w.f.t3.id,
    'shifts/:shiftId': w.shiftB.id,
    'absences/:absenceId': w.absenceB.id,
    'users/:id': w.f.users.dispatcherB.id,
    'interventions/:id': w.f.interventions.b1.id,
    'customers/:id': w.f.customer.id,
    'sites/:id': w.f.siteB.id,
    'equipment/:id': w.equipmentB.id,
    // The equipment's reference (ERP number): shared like the equipment; one that names nothing must answer 4xx.
    'by-reference/:reference': `REF-${randomUUID()}`,
    'contracts/:id': w.contractB.id,
    'service-plans/:id': randomUUID(),
    'warranties/:id': randomUUID(),
    'suppliers/:id': w.f.supplier.id,
    'parts/:id': w.f.parts.capacitor.id,
    'depots/:id': w.f.depots.centralB.id,
    'stock-levels/:depotId': w.f.depots.centralB.id,
    ':depotId/:partId': w.f.parts.fan.id,
    'billing-documents/:id': w.invoiceB.id,
    'warranty-claims/:id': w.claimB.id,
    'supplier-orders/:id': w.supplierOrderB.id,
    'customer-orders/:id': w.customerOrderB.id,
    'plans/:id': w.runB.id,
    'part-requests/:id': w.partRequestB.id,
    // Not seeded (their own tests cover them): an id that names nothing must still never answer 2xx or 5xx.
    'attachments/:id': randomUUID(),
    'conflicts/:id': randomUUID(),
    // A batch is its uploader's, not an agency's (server/test/import/ covers who sees it); the stock levels are the agency-scoped export.
    'imports/:id': randomUUID(),
    // Webhook subscriptions and deliveries are company-wide, the admin's (server/test/erp-sync/ covers them): ids that name nothing.
    'subscriptions/:id': randomUUID(),
    'deliveries/:id': randomUUID(),
    'exports/:kind': 'stockLevels',
  };
}

/** Body and query fields naming a record: agency B's. */
function referenceFields(w: World): Record<string, string> {
  return {
    agencyId: w.f.agencyB.id,
    technicianId: w.f.t3.id,
    interventionId: w.f.interventions.b1.id,
    sectorId: w.sectorB.id,
    depotId: w.f.depots.centralB.id,
    fromDepotId: w.f.depots.centralB.id,
    toDepotId: w.f.depots.centralB.id,
    invoiceId: w.invoiceB.id,
    documentId: w.invoiceB.id,
    claimId: w.claimB.id,
    runId: w.runB.id,
    siteId: w.f.siteB.id,
    equipmentId: w.equipmentB.id,
    contractId: w.contractB.id,
    customerId: w.f.customer.id,
    partId: w.f.parts.fan.id,
    supplierId: w.f.supplier.id,
    skillId: w.f.skill.id,
    regionId: w.f.region.id,
  };
}

/** Ids of records agency B owns: none may reach agency A's callers. (Sectors are named on shared sites, by design.) */
const ownedByB = (w: World): string[] => [
  w.f.t3.id,
  w.f.interventions.b1.id,
  w.f.depots.centralB.id,
  w.invoiceB.id,
  w.draftInvoiceB.id,
  w.claimB.id,
  w.runB.id,
  w.shiftB.id,
  w.absenceB.id,
  w.supplierOrderB.id,
  w.customerOrderB.id,
  w.partRequestB.id,
  w.f.users.dispatcherB.id,
];

function operationsOf(doc: JsonSchema): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, JsonSchema>>)) {
    for (const [method, op] of Object.entries(methods)) {
      operations.push({
        method: method.toUpperCase(),
        path,
        roles: op['x-roles'],
        agency: op['x-agency'],
        isPublic: Array.isArray(op.security) && op.security.length === 0,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  // Deletes last: they would take away records the other operations name.
  return operations.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
}

/** A value the schema accepts, with agency B's ids in the fields that name records. */
function sample(schema: JsonSchema | undefined, refs: Record<string, string>, name = ''): unknown {
  if (!schema) return undefined;
  if (name in refs && (schema.type === 'string' || schema.anyOf || schema.format)) return refs[name];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return sample(variants.find((v: JsonSchema) => v.type !== 'null') ?? variants[0], refs, name);
  if (schema.allOf) return sample(schema.allOf[0], refs, name);
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
        if ((schema.required ?? []).includes(key) || key in refs) out[key] = sample(property, refs, key);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => sample(schema.items, refs, name.replace(/s$/, '')));
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'string': {
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'date') return '2026-06-01';
      if (schema.format === 'date-time') return '2026-06-01T08:00:00.000Z';
      if (schema.format === 'email') return `matrix-${randomUUID().slice(0, 8)}@test.tournee.fr`;
      if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$' || /day|date|On$/.test(name)) return '2026-06-01';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 8));
    }
    default:
      return undefined;
  }
}

/** A server on a freshly seeded database, its callers logged in, and the operations of its OpenAPI document. */
interface Matrix {
  server: { url: string; close(): Promise<void> };
  world: World;
  operations: Operation[];
  tokens: Record<Exclude<Principal, 'anonymous'>, string>;
  /** What the server logged for a 5xx: shown with the violation. */
  serverErrors: string[];
  login(principal: Exclude<Principal, 'anonymous'>): Promise<void>;
}

/** Opens and seeds a database of its own for the enclosing describe; the fields are set once beforeAll has run. */
function useMatrix(open: () => Promise<Opened>): Matrix {
  const m = { tokens: {}, serverErrors: [] } as unknown as Matrix;
  let opened: Opened;
  let jobs: JobRunner;
  let app: App;

  beforeAll(async () => {
    opened = await open();
    const { db } = opened;
    m.world = await seedWorld(db);
    const broadcaster = recordingBroadcaster();
    jobs = await createJobRunner({ config: { redisUrl: undefined }, prisma: db.prisma, broadcaster }, { overnight: null, log: () => {} });
    // As main.ts composes it, so the document holds every operation.
    app = createApp({
      config: { authSecret: TEST_SECRET, redisUrl: undefined },
      prisma: db.prisma,
      dbKind: db.kind,
      positionFlushMs: 20,
      log: (message, error) => void m.serverErrors.push(`${message}: ${inspect(error, { depth: 5 })}`.slice(0, 1500)),
      routes: [(api) => planningRoutes(api, { prisma: db.prisma, jobs, broadcaster, log: () => {} }), (api) => replicationRoutes(api, { prisma: db.prisma })],
    });
    m.server = await listen(app, createServer());
    const logins: Record<Exclude<Principal, 'anonymous'>, string> = {
      technicianOfB: 'tech3@test.tournee.fr',
      technicianOfA: m.world.f.users.tech1.email,
      dispatcherOfB: m.world.f.users.dispatcherB.email,
      dispatcherOfA: m.world.f.users.dispatcherA.email,
      admin: m.world.f.users.admin.email,
    };
    m.login = async (principal) => {
      const email = logins[principal];
      const res = await request<{ token: string }>(m.server.url, 'POST', '/api/auth/login', { body: { email, password: m.world.f.password } });
      if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
      m.tokens[principal] = res.body.token;
    };
    for (const principal of Object.keys(logins) as Exclude<Principal, 'anonymous'>[]) await m.login(principal);
    m.operations = operationsOf((await request<JsonSchema>(m.server.url, 'GET', '/api/openapi.json')).body);
  }, 180_000);

  afterAll(async () => {
    await m.server?.close();
    await app?.close();
    await jobs?.close();
    await opened?.cleanup();
  }, 60_000);
  return m;
}

/** Path keys that name no seeded record (random ids): a 404 there says nothing about agencies. */
const UNSEEDED = new Set([
  'by-reference/:reference',
  'service-plans/:id',
  'warranties/:id',
  'attachments/:id',
  'conflicts/:id',
  'imports/:id',
  'subscriptions/:id',
  'deliveries/:id',
]);

/** The request an operation gets: B's records in the path, the query's and the body's reference fields. */
function requestFor(w: World, op: Operation, overrides: Record<string, string> = {}): { url: string; body: unknown; namesB: boolean; namesSeeded: boolean } {
  const records = { ...pathRecords(w), ...overrides };
  const refs = referenceFields(w);
  let namesB = false;
  let namesSeeded = false;
  const segments = op.path.split('/');
  const url = segments
    .map((segment, i) => {
      const param = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (!param) return segment;
      // Keyed by the segment before it ('technicians/:id', 'shifts/:shiftId', ':depotId/:partId').
      const key = `${segments[i - 1]!.replace(/^\{(\w+)\}$/, ':$1')}/:${param}`;
      const id = records[key];
      if (id === undefined) throw new Error(`${op.method} ${op.path}: teach pathRecords which record ${key} names`);
      namesB = true;
      namesSeeded = !UNSEEDED.has(key) && (namesSeeded || !segments.slice(0, i).some((s) => s.startsWith('{')));
      return id;
    })
    .join('/');
  const query = new URLSearchParams();
  for (const p of op.parameters.filter((p) => p.in === 'query')) {
    // A list filtered on another agency's record may answer (an empty page): the leak check below decides.
    if (p.name in refs) {
      query.set(p.name, refs[p.name]!);
    } else if (p.required) {
      query.set(p.name, String(sample(p.schema, refs, p.name)));
    }
  }
  const body = op.body ? sample(op.body, refs) : undefined;
  if (
    body &&
    typeof body === 'object' &&
    Object.keys(body).some((k) => ['agencyId', 'technicianId', 'interventionId', 'depotId', 'fromDepotId', 'toDepotId', 'invoiceId'].includes(k))
  )
    namesB = true;
  return { url: url + (query.size ? `?${query}` : ''), body, namesB, namesSeeded };
}

/** Any answer, JSON or not (the FEC export is text). */
async function send(m: Matrix, method: string, path: string, token: string | undefined, body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(m.server.url + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  try {
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  } catch {
    return { status: res.status, body: text };
  }
}

function describeMatrix(name: string, open: () => Promise<Opened>): void {
  describe(name, () => {
    const m = useMatrix(open);
    async function violations(principal: Principal, reads: boolean, writes: boolean): Promise<string[]> {
      const found: string[] = [];
      const { world, operations, tokens, serverErrors } = m;
      const ownedIds = ownedByB(world);
      const statuses: Record<number, number> = {};
      for (const op of operations) {
        if (op.isPublic) continue;
        const isRead = op.method === 'GET';
        if ((isRead && !reads) || (!isRead && !writes)) continue;
        const { url, body, namesB } = requestFor(world, op);
        const res = await send(m, op.method, url, principal === 'anonymous' ? undefined : tokens[principal], body);
        const label = `${principal} ${op.method} ${op.path} → ${res.status}`;
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        const ok = res.status >= 200 && res.status < 300;
        if (res.status >= 500) found.push(`${label}: server error ${JSON.stringify(res.body)} ${serverErrors.splice(0).join(' | ')}`);
        if (principal === 'anonymous') {
          if (res.status !== 401) found.push(`${label}: expected 401`);
          continue;
        }
        if (op.roles && !op.roles.includes(ROLE[principal]) && res.status !== 403)
          found.push(`${label}: role ${ROLE[principal]} is not in ${op.roles.join(', ')}, expected 403`);
        if (FOREIGN.includes(principal)) {
          if (ok && op.agency !== 'shared' && namesB) found.push(`${label}: agency B's record answered to agency A's caller`);
          const leaked = ok ? ownedIds.filter((id) => JSON.stringify(res.body ?? '').includes(id)) : [];
          if (leaked.length) found.push(`${label}: the answer carries agency B's ids ${leaked.join(', ')}`);
        }
      }
      // How far the requests went (a 400 stopped at validation, before any agency check): for the reader judging coverage.
      console.log(`[matrix] ${principal} (${reads ? 'reads' : ''}${reads && writes ? ' and ' : ''}${writes ? 'writes' : ''}): ${JSON.stringify(statuses)}`);
      return found;
    }

    it('covers every operation of the OpenAPI document', () => {
      const { operations, world } = m;
      expect(operations.length).toBeGreaterThan(150);
      for (const op of operations) expect(() => requestFor(world, op)).not.toThrow();
      // Every non-public operation declares its agency rule.
      expect(operations.filter((op) => !op.isPublic && op.agency === undefined).map((op) => `${op.method} ${op.path}`)).toEqual([]);
    });

    it('answers 401 to anonymous callers everywhere but the public routes', async () => {
      expect(await violations('anonymous', true, true)).toEqual([]);
    }, 300_000);

    it("keeps agency B's records from a technician of agency A, reads and writes", async () => {
      expect(await violations('technicianOfA', true, true)).toEqual([]);
    }, 300_000);

    it("keeps agency B's records from a dispatcher of agency A, reads and writes", async () => {
      expect(await violations('dispatcherOfA', true, true)).toEqual([]);
    }, 300_000);

    it("never fails with 5xx, nor lets a role through it is not declared, for agency B's own technician, dispatcher and the admin (reads)", async () => {
      const found = [
        ...(await violations('technicianOfB', true, false)),
        ...(await violations('dispatcherOfB', true, false)),
        ...(await violations('admin', true, false)),
      ];
      expect(found).toEqual([]);
    }, 300_000);
  });
}

/** Deletes of records others hang from come last, children first: a parent deleted earlier would make its children's deletes 404. */
const DELETE_ORDER = ['equipment', 'contracts', 'sites', 'customers', 'sectors', 'technicians', 'users', 'skills', 'agencies', 'regions'];
const deleteRank = (op: Operation): number => (op.method === 'DELETE' ? 2 + DELETE_ORDER.indexOf(op.path.split('/')[2] ?? '') : 0);
/** Within a rank, the longer path first: a technician's shifts before the technician. */
const writeOrder = (a: Operation, b: Operation): number => deleteRank(a) - deleteRank(b) || (a.method === 'DELETE' ? b.path.length - a.path.length : 0);

/**
 * What the sampled body of an own-agency write needs to pass validation, so the request reaches the agency check and the write itself
 * (a sample that stops at a 400 proves nothing about who may write). Shallow: a key set to undefined is dropped.
 */
const bodyFixes = (w: World): Record<string, Record<string, unknown>> => ({
  'POST /api/technicians/{id}/shifts': { date: undefined, weekday: 2, startMinute: 480, endMinute: 1020 },
  'POST /api/technicians/{id}/absences': { startsAt: '2027-02-01T08:00:00.000Z', endsAt: '2027-02-05T18:00:00.000Z' },
  'POST /api/service-plans': { fixedDates: ['2027-03-01'] },
  'POST /api/depots': { technicianId: undefined },
  'PATCH /api/depots/{id}': { technicianId: undefined },
  'POST /api/equipment/{id}/warranty-extensions': { months: 12 },
  'POST /api/part-requests/{id}/transitions': { fromDepotId: undefined },
  'POST /api/stock-movements/adjustments': { lines: [{ partId: w.f.parts.fan.id, quantity: 2 }] },
  'POST /api/billing-documents': { lines: [{ kind: 'labour', description: "Main d'œuvre", quantity: 1, unitPriceCents: 6_000 }] },
  'PUT /api/billing-documents/{id}/lines': { lines: [{ kind: 'labour', description: "Main d'œuvre", quantity: 1, unitPriceCents: 6_000 }] },
  'POST /api/replication/batch': {
    actions: [
      {
        kind: 'status',
        id: randomUUID(),
        createdAt: '2026-06-01T08:00:00.000Z',
        interventionId: w.f.interventions.b1.id,
        to: 'en_route',
        at: '2026-06-01T08:00:00.000Z',
        baseVersion: 1,
      },
    ],
  },
});

function fixBody(w: World, op: Operation, body: unknown): unknown {
  const fix = bodyFixes(w)[`${op.method} ${op.path}`];
  if (!fix || !body || typeof body !== 'object') return body;
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>), ...fix };
  for (const [key, value] of Object.entries(fix)) if (value === undefined) delete out[key];
  return out;
}

/** The records an own-agency write names, where the read matrix's are the wrong kind for it. */
function ownRecords(w: World, op: Operation): Record<string, string> {
  return {
    // Another user of B: editing or deleting the caller itself would end its session.
    'users/:id': w.spareUserB.id,
    'customers/:id': w.customerOfB.id,
    ...(/^\/api\/billing-documents\/\{id\}\/(payments|credit-notes|warranty-claims)$/.test(op.path) ? { 'billing-documents/:id': w.draftInvoiceB.id } : {}),
  };
}

/**
 * The records' own agency writing: agency B's technician, agency B's
 * dispatcher and the admin, each on a database of its own (their writes
 * consume records: a cancelled visit, a deleted shift), deletes last.
 * Never a 5xx; a role the route does not declare gets 403; a declared role
 * is not refused (403, or 404 on a seeded record of its own agency); any
 * other 4xx (validation, state) names its reason.
 */
function describeOwnWrites(name: string, open: () => Promise<Opened>): void {
  describe(name, () => {
    const cases: [Exclude<Principal, 'anonymous' | 'technicianOfA' | 'dispatcherOfA'>, string][] = [
      ['technicianOfB', "agency B's technician, on its own visit"],
      ['dispatcherOfB', "agency B's dispatcher"],
      ['admin', 'the admin'],
    ];
    for (const [principal, who] of cases) {
      describe(principal, () => {
        const m = useMatrix(open);
        it(`lets ${who} write agency B's records: no 5xx, 403 only for an undeclared role, any other refusal names its reason`, async () => {
          const { world, operations, serverErrors } = m;
          const role = ROLE[principal];
          const found: string[] = [];
          const statuses: Record<number, number> = {};
          const writes = operations.filter((op) => !op.isPublic && op.method !== 'GET').sort(writeOrder);
          let previous = '';
          for (const op of writes) {
            const { url, body: sampled, namesSeeded } = requestFor(world, op, ownRecords(world, op));
            const body = fixBody(world, op, sampled);
            const res = await send(m, op.method, url, m.tokens[principal], body);
            const label = `${principal} ${op.method} ${op.path} → ${res.status}`;
            statuses[res.status] = (statuses[res.status] ?? 0) + 1;
            const error = (res.body as { error?: unknown } | undefined)?.error;
            const declared = !op.roles || op.roles.includes(role);
            if (res.status >= 500) found.push(`${label}: server error ${JSON.stringify(res.body)} ${serverErrors.splice(0).join(' | ')}`);
            else if (res.status === 401) {
              found.push(`${label}: the session ended (after ${previous})`);
              await m.login(principal);
            } else if (!declared && res.status !== 403) found.push(`${label}: role ${role} is not in ${op.roles!.join(', ')}, expected 403`);
            else if (declared && res.status === 403) found.push(`${label}: declared role refused on its own agency's record: ${JSON.stringify(res.body)}`);
            else if (declared && res.status === 404 && namesSeeded) found.push(`${label}: its own agency's record not found: ${JSON.stringify(res.body)}`);
            else if (res.status >= 400 && (typeof error !== 'string' || !error))
              found.push(`${label}: a refusal that names no reason: ${JSON.stringify(res.body)}`);
            previous = `${op.method} ${op.path} → ${res.status}`;
          }
          console.log(`[matrix] ${principal} (own agency's writes): ${JSON.stringify(statuses)}`);
          expect(found).toEqual([]);
        }, 300_000);
      });
    }
  });
}

describeMatrix('authorization matrix [PGlite]', openPglite);
describeOwnWrites("authorization matrix, the records' own agency writing [PGlite]", openPglite);
const postgres = await checkPostgres();
describeWithService(postgres, 'authorization matrix [PostgreSQL]', () => {
  describeMatrix('on PostgreSQL', openPostgres);
  describeOwnWrites("the records' own agency writing, on PostgreSQL", openPostgres);
});
