// ERP sync end to end (issue 13), with an ERP simulator in the test process:
// it pushes customers, sites and equipment by its own references (twice: no
// duplicate; changed: updated), retries with an Idempotency-Key, subscribes
// to webhooks and receives them signed — retried after it answers 500,
// replayed from the log. On PGlite with the in-process queue, and on
// PostgreSQL with BullMQ on Redis when they are reachable.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres, type Opened } from '../http/harness.ts';
import { checkPostgres, checkRedis, describeWithService, REDIS_URL } from '../support/services.ts';
import { startWorld, type World } from './world.ts';

function erpSyncTests(open: () => Promise<Opened>, redisUrl: string | undefined): void {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(open, redisUrl);
  }, 120_000);
  afterAll(async () => {
    await w?.close();
  }, 60_000);

  describe('PUT by reference', () => {
    it('creates a customer (201), does not duplicate it on a second push (200), updates it when the ERP changed it', async () => {
      const first = await w.call('PUT', '/api/customers/by-reference/CLI-4711', { token: w.token.dispatcherA, body: { name: 'SCI Les Pins' } });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ reference: 'CLI-4711', name: 'SCI Les Pins' });
      const again = await w.call('PUT', '/api/customers/by-reference/CLI-4711', { token: w.token.dispatcherA, body: { name: 'SCI Les Pins' } });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      const changed = await w.call('PUT', '/api/customers/by-reference/CLI-4711', {
        token: w.token.dispatcherA,
        body: { name: 'SCI Les Pins Parasols', email: 'compta@lespins.fr' },
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ id: first.body.id, name: 'SCI Les Pins Parasols', email: 'compta@lespins.fr' });
      expect(await w.opened.db.prisma.customer.count({ where: { reference: 'CLI-4711' } })).toBe(1);
    });

    it('pushes the installed base as sold: a site by its customer reference, an equipment by its site reference', async () => {
      await w.call('PUT', '/api/customers/by-reference/CLI-5000', { token: w.token.admin, body: { name: 'M. Martin' } });
      const site = await w.call('PUT', '/api/sites/by-reference/ADR-5000-1', {
        token: w.token.dispatcherA,
        body: { customerReference: 'CLI-5000', address: '12 avenue des Belges', postcode: '13100', city: 'Aix-en-Provence', lat: 43.52, lon: 5.44 },
      });
      expect(site.status).toBe(201);
      const equipment = await w.call('PUT', '/api/equipment/by-reference/SN-PAC-9001', {
        token: w.token.dispatcherA,
        body: { siteReference: 'ADR-5000-1', category: 'heat_pump', brand: 'Daikin', model: 'Altherma 3', asSold: { power_kw: 8 }, installedOn: '2026-06-02' },
      });
      expect(equipment.status).toBe(201);
      expect(equipment.body).toMatchObject({ siteId: site.body.id, brand: 'Daikin', installedOn: '2026-06-02', asSold: { power_kw: 8 } });

      // What the field maintains (counters) survives the ERP's next push, which sends only what it knows.
      await w.opened.db.prisma.equipment.update({ where: { id: equipment.body.id }, data: { counters: { operating_hours: 120 } } });
      const pushedAgain = await w.call('PUT', '/api/equipment/by-reference/SN-PAC-9001', {
        token: w.token.dispatcherA,
        body: { siteReference: 'ADR-5000-1', category: 'heat_pump', brand: 'Daikin', model: 'Altherma 3 H HT' },
      });
      expect(pushedAgain.status).toBe(200);
      expect(pushedAgain.body).toMatchObject({ id: equipment.body.id, model: 'Altherma 3 H HT', counters: { operating_hours: 120 } });
      expect(await w.opened.db.prisma.equipment.count({ where: { reference: 'SN-PAC-9001' } })).toBe(1);
    });

    it('pushes contracts and parts by reference', async () => {
      const contract = await w.call('PUT', '/api/contracts/by-reference/CTR-2027-001', {
        token: w.token.dispatcherA,
        body: { customerReference: 'CLI-4711', name: 'Entretien annuel PAC', startsOn: '2027-01-01', endsOn: '2027-12-31' },
      });
      expect(contract.status).toBe(201);
      const backwards = await w.call('PUT', '/api/contracts/by-reference/CTR-2027-001', {
        token: w.token.dispatcherA,
        body: { customerReference: 'CLI-4711', startsOn: '2028-01-01' },
      });
      expect(backwards.status).toBe(400);
      expect(backwards.body.details).toContainEqual(expect.objectContaining({ path: 'endsOn' }));
      const part = await w.call('PUT', '/api/parts/by-reference/FILT-20', {
        token: w.token.admin,
        body: { name: 'Filtre à tamis 20 mm', unitCostCents: 850, unitPriceCents: 1490 },
      });
      expect(part.status).toBe(201);
      const repriced = await w.call('PUT', '/api/parts/by-reference/FILT-20', {
        token: w.token.admin,
        body: { name: 'Filtre à tamis 20 mm', unitCostCents: 900, unitPriceCents: 1590 },
      });
      expect(repriced.status).toBe(200);
      expect(repriced.body).toMatchObject({ id: part.body.id, unitPriceCents: 1590 });
    });

    it('names the field when a nested reference is unknown, missing, or when the sector is not the caller’s', async () => {
      const unknown = await w.call('PUT', '/api/sites/by-reference/ADR-X', {
        token: w.token.dispatcherA,
        body: { customerReference: 'CLI-NOPE', address: '1 rue', postcode: '13100', city: 'Aix' },
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body.details).toEqual([expect.objectContaining({ path: 'customerReference', in: 'body' })]);
      const missing = await w.call('PUT', '/api/equipment/by-reference/SN-X', { token: w.token.dispatcherA, body: { category: 'boiler' } });
      expect(missing.status).toBe(400);
      expect(missing.body.details).toContainEqual(expect.objectContaining({ path: 'siteReference' }));
      const sectorB = await w.opened.db.prisma.sector.create({
        data: { agencyId: w.fixtures.agencyB.id, code: 'MRS-1', name: 'Marseille centre', polygon: { type: 'Polygon', coordinates: [] } },
      });
      const foreign = await w.call('PUT', '/api/sites/by-reference/ADR-Y', {
        token: w.token.dispatcherA,
        body: { customerReference: 'CLI-4711', sectorId: sectorB.id, address: '1 rue', postcode: '13001', city: 'Marseille' },
      });
      expect(foreign.status).toBe(403);
      expect(foreign.body.details).toEqual([expect.objectContaining({ path: 'sectorId' })]);
      expect(await w.opened.db.prisma.site.count({ where: { reference: 'ADR-Y' } })).toBe(0);
      const technician = await w.call('PUT', '/api/customers/by-reference/CLI-T', { token: w.token.tech1, body: { name: 'X' } });
      expect(technician.status).toBe(403);
      const unknownField = await w.call('PUT', '/api/customers/by-reference/CLI-T', { token: w.token.admin, body: { name: 'X', reference: 'OTHER' } });
      expect(unknownField.status).toBe(400);
    });

    it('makes two concurrent first pushes of one reference one record', async () => {
      const push = (name: string) => w.call('PUT', '/api/customers/by-reference/CLI-RACE', { token: w.token.admin, body: { name } });
      const answers = await Promise.all([push('Course A'), push('Course B'), push('Course C')]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
      expect(await w.opened.db.prisma.customer.count({ where: { reference: 'CLI-RACE' } })).toBe(1);
    });
  });

  describe('Idempotency-Key', () => {
    const newIntervention = () => ({
      agencyId: w.fixtures.agencyA.id,
      siteId: w.fixtures.siteA.id,
      problemDescription: `Fuite ${randomUUID()}`,
      estimatedDurationMinutes: 45,
    });

    it('replays the first answer for the same key and body, refuses the key with another body', async () => {
      const key = randomUUID();
      const body = newIntervention();
      const first = await w.call('POST', '/api/interventions', { token: w.token.dispatcherA, body, headers: { 'Idempotency-Key': key } });
      expect(first.status).toBe(201);
      const retry = await w.call('POST', '/api/interventions', { token: w.token.dispatcherA, body, headers: { 'Idempotency-Key': key } });
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body.id).toBe(first.body.id);
      expect(await w.opened.db.prisma.intervention.count({ where: { problemDescription: body.problemDescription } })).toBe(1);

      const other = await w.call('POST', '/api/interventions', { token: w.token.dispatcherA, body: newIntervention(), headers: { 'Idempotency-Key': key } });
      expect(other.status).toBe(422);
      expect(other.body.details).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);

      // Keys are per user: another user's same key is another request.
      const otherUser = await w.call('POST', '/api/interventions', { token: w.token.admin, body: newIntervention(), headers: { 'Idempotency-Key': key } });
      expect(otherUser.status).toBe(201);
    });

    it('keeps PUT by reference retries to one write, and refuses an invalid key', async () => {
      const key = randomUUID();
      const put = () =>
        w.call('PUT', '/api/customers/by-reference/CLI-IDEM', { token: w.token.admin, body: { name: 'Idem' }, headers: { 'Idempotency-Key': key } });
      const first = await put();
      const second = await put();
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      const bad = await w.call('PUT', '/api/customers/by-reference/CLI-IDEM', {
        token: w.token.admin,
        body: { name: 'Idem' },
        headers: { 'Idempotency-Key': 'é'.repeat(3) },
      });
      expect(bad.status).toBe(400);
    });

    it('lets one of concurrent requests with one key write', async () => {
      const key = randomUUID();
      const body = newIntervention();
      const answers = await Promise.all(
        [1, 2, 3, 4].map(() => w.call('POST', '/api/interventions', { token: w.token.dispatcherA, body, headers: { 'Idempotency-Key': key } })),
      );
      for (const a of answers) expect([201, 409]).toContain(a.status);
      expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(1);
      expect(new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id)).size).toBe(1);
      expect(await w.opened.db.prisma.intervention.count({ where: { problemDescription: body.problemDescription } })).toBe(1);
    });

    it('frees an expired key', async () => {
      const key = randomUUID();
      await w.call('PUT', '/api/customers/by-reference/CLI-EXP', { token: w.token.admin, body: { name: 'Avant' }, headers: { 'Idempotency-Key': key } });
      await w.opened.db.prisma.idempotencyKey.updateMany({ where: { key }, data: { expiresAt: new Date(Date.now() - 1000) } });
      const later = await w.call('PUT', '/api/customers/by-reference/CLI-EXP', {
        token: w.token.admin,
        body: { name: 'Après' },
        headers: { 'Idempotency-Key': key },
      });
      expect(later.status).toBe(200);
      expect(later.body.name).toBe('Après');
    });
  });

  describe('webhooks', () => {
    let subscriptionId: string;

    it('subscribes the ERP (admin only, http/https only) and shows the secret once', async () => {
      const refused = await w.call('POST', '/api/webhooks/subscriptions', {
        token: w.token.dispatcherA,
        body: { url: w.erp.url, events: ['intervention.created'] },
      });
      expect(refused.status).toBe(403);
      const ftp = await w.call('POST', '/api/webhooks/subscriptions', {
        token: w.token.admin,
        body: { url: 'ftp://erp.example/hook', events: ['intervention.created'] },
      });
      expect(ftp.status).toBe(400);
      expect(ftp.body.details).toContainEqual(expect.objectContaining({ path: 'url' }));
      const unknownEvent = await w.call('POST', '/api/webhooks/subscriptions', { token: w.token.admin, body: { url: w.erp.url, events: ['invoice.paid'] } });
      expect(unknownEvent.status).toBe(400);

      const created = await w.call('POST', '/api/webhooks/subscriptions', {
        token: w.token.admin,
        body: { url: w.erp.url, description: 'Sage 100', events: ['intervention.created', 'intervention.started', 'intervention.done', 'invoice.issued'] },
      });
      expect(created.status).toBe(201);
      expect(created.body.secret).toMatch(/^whsec_/);
      w.erp.secret = created.body.secret;
      subscriptionId = created.body.id;
      const read = await w.call('GET', `/api/webhooks/subscriptions/${subscriptionId}`, { token: w.token.admin });
      expect(read.body.secret).toBeUndefined();
      expect(read.body).toMatchObject({ url: w.erp.url, active: true });
    });

    it('sends intervention.created signed: the ERP verifies it with the secret', async () => {
      const created = await w.call('POST', '/api/interventions', {
        token: w.token.dispatcherA,
        body: { agencyId: w.fixtures.agencyA.id, siteId: w.fixtures.siteA.id, problemDescription: 'PAC en défaut HP', estimatedDurationMinutes: 60 },
      });
      expect(created.status).toBe(201);
      const [hook] = (await w.erp.waitFor('intervention.created')).filter((r) => r.envelope.data.id === created.body.id);
      expect(hook).toBeDefined();
      expect(hook!.signatureValid).toBe(true);
      expect(hook!.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(hook!.envelope).toMatchObject({ type: 'intervention.created', agencyId: w.fixtures.agencyA.id, data: { problemDescription: 'PAC en défaut HP' } });
      // Tampered with, the body no longer matches its signature.
      const { verifySignature } = await import('../../src/webhooks/signature.ts');
      expect(verifySignature(w.erp.secret!, hook!.rawBody.replace('HP', 'BP'), hook!.signature)).toBe(false);
      expect(verifySignature('whsec_other', hook!.rawBody, hook!.signature)).toBe(false);
    });

    it('retries after the ERP answers 500, with the same event, and logs the attempts', async () => {
      w.erp.failNext(2, 500);
      const a1 = w.fixtures.interventions.a1; // dispatched, technician 1
      const current = await w.call('GET', `/api/interventions/${a1.id}`, { token: w.token.dispatcherA });
      const enRoute = await w.call('POST', `/api/interventions/${a1.id}/transitions`, {
        token: w.token.dispatcherA,
        body: { to: 'en_route', version: current.body.version },
      });
      expect(enRoute.status).toBe(200);
      const onSite = await w.call('POST', `/api/interventions/${a1.id}/transitions`, {
        token: w.token.dispatcherA,
        body: { to: 'on_site', version: enRoute.body.version },
      });
      expect(onSite.status).toBe(200);
      const started = await w.erp.waitFor('intervention.started', 3);
      expect(started.map((r) => r.answered)).toEqual([500, 500, 200]);
      expect(new Set(started.map((r) => r.envelope.id)).size).toBe(1);
      expect(started.every((r) => r.signatureValid)).toBe(true);

      // The attempt is logged once the ERP's answer is in: read the log until it says so.
      const succeeded = async () => {
        const log = await w.call('GET', `/api/webhooks/deliveries?subscriptionId=${subscriptionId}&status=succeeded`, { token: w.token.admin });
        return log.body.items.find((d: { eventType: string }) => d.eventType === 'intervention.started') ?? null;
      };
      await expect.poll(succeeded, { timeout: 30_000, interval: 100 }).not.toBeNull();
      const delivery = await succeeded();
      expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3, responseStatus: 200, error: null });
      expect(delivery.durationMs).toEqual(expect.any(Number));

      // done: the report travels with it.
      const done = await w.call('POST', `/api/interventions/${a1.id}/transitions`, {
        token: w.token.dispatcherA,
        body: { to: 'done', version: onSite.body.version, report: 'Filtre changé, pression OK' },
      });
      expect(done.status).toBe(200);
      const [doneHook] = await w.erp.waitFor('intervention.done');
      expect(doneHook!.envelope.data).toMatchObject({ id: a1.id, status: 'done', report: 'Filtre changé, pression OK' });
      expect(doneHook!.envelope.data).toHaveProperty('fieldReport');
    });

    it('replays a delivery from the log', async () => {
      const log = await w.call('GET', `/api/webhooks/deliveries?subscriptionId=${subscriptionId}`, { token: w.token.admin });
      const delivery = log.body.items.find((d: { eventType: string }) => d.eventType === 'intervention.created');
      const before = w.erp.received.filter((r) => r.envelope.id === delivery.eventId).length;
      const replayed = await w.call('POST', `/api/webhooks/deliveries/${delivery.id}/replay`, { token: w.token.admin });
      expect(replayed.status).toBe(202);
      expect(replayed.body).toMatchObject({ id: delivery.id, replays: 1 });
      await w.erp.waitFor('intervention.created', w.erp.received.filter((r) => r.envelope.type === 'intervention.created').length + 1);
      expect(w.erp.received.filter((r) => r.envelope.id === delivery.eventId).length).toBe(before + 1);
      const dispatcher = await w.call('POST', `/api/webhooks/deliveries/${delivery.id}/replay`, { token: w.token.dispatcherA });
      expect(dispatcher.status).toBe(403);
    });

    it('answers the product at once while the ERP hangs; a refused target is logged, never called', async () => {
      w.erp.hang(true);
      const created = await w.call('POST', '/api/interventions', {
        token: w.token.dispatcherA,
        body: { agencyId: w.fixtures.agencyA.id, siteId: w.fixtures.siteA.id, problemDescription: 'ERP lent', estimatedDurationMinutes: 30 },
      });
      // The answer came while the ERP still holds the delivery: the request never waited for it.
      expect(created.status).toBe(201);
      w.erp.hang(false);

      const metadata = await w.call('POST', '/api/webhooks/subscriptions', {
        token: w.token.admin,
        body: { url: 'http://169.254.169.254/latest/meta-data', events: ['intervention.created'] },
      });
      expect(metadata.status).toBe(201);
      await w.call('POST', '/api/interventions', {
        token: w.token.dispatcherA,
        body: { agencyId: w.fixtures.agencyA.id, siteId: w.fixtures.siteA.id, problemDescription: 'Cible refusée', estimatedDurationMinutes: 30 },
      });
      await expect
        .poll(
          async () => {
            const log = await w.call('GET', `/api/webhooks/deliveries?subscriptionId=${metadata.body.id}&status=failed`, { token: w.token.admin });
            return log.body.items[0]?.error ?? null;
          },
          { timeout: 30_000, interval: 100 },
        )
        .toMatch(/refused target: 169\.254\.169\.254 is a link-local/);
      await w.call('DELETE', `/api/webhooks/subscriptions/${metadata.body.id}`, { token: w.token.admin });
    });

    it('stops sending once the subscription is switched off', async () => {
      const off = await w.call('PATCH', `/api/webhooks/subscriptions/${subscriptionId}`, { token: w.token.admin, body: { active: false } });
      expect(off.body.active).toBe(false);
      const count = w.erp.received.length;
      const created = await w.call('POST', '/api/interventions', {
        token: w.token.dispatcherA,
        body: { agencyId: w.fixtures.agencyA.id, siteId: w.fixtures.siteA.id, problemDescription: 'Après coupure', estimatedDurationMinutes: 30 },
      });
      expect(created.status).toBe(201);
      const events = await w.opened.db.prisma.webhookEvent.count({ where: { key: { contains: created.body.id } } });
      expect(events).toBe(0);
      expect(w.erp.received.length).toBe(count);
    });
  });
}

describe('ERP sync and webhooks [PGlite, in-process queue]', () => erpSyncTests(openPglite, undefined));

const [postgres, redis] = await Promise.all([checkPostgres(), checkRedis()]);
describeWithService(postgres, 'ERP sync and webhooks [PostgreSQL]', () => {
  describeWithService(redis, 'with BullMQ on Redis', () => erpSyncTests(openPostgres, REDIS_URL));
});
