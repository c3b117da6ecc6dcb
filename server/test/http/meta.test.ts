// Health, the OpenAPI document, and positions (stored, and handed to the
// realtime broadcaster with the routing it needs).
import { expect, it } from 'vitest';
import type { AppDeps } from '../../src/http/app.ts';
import { describeOnEachDatabase } from './harness.ts';

type Broadcast = Parameters<NonNullable<AppDeps['broadcaster']>['positions']>[0];
const broadcasts: Broadcast[] = [];
// Records what the HTTP layer hands over; the broadcaster itself is tested with the realtime module.
const recorder: AppDeps['broadcaster'] = { positions: (batch) => void broadcasts.push(batch), interventionChanged: () => {} };

describeOnEachDatabase(
  'health, OpenAPI, positions',
  (h) => {
    it('reports health without authentication', async () => {
      const res = await h().call('GET', '/api/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', db: { kind: h().db.kind, ok: true }, queue: { kind: 'in-process', ok: true } });
    });

    it('serves an OpenAPI 3.1 document listing every route, generated from the schemas', async () => {
      const res = await h().call('GET', '/api/openapi.json');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const doc = res.body;
      expect(doc.openapi).toBe('3.1.0');
      const operations = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ path, method, op })),
      );
      // Every registered route is documented, and nothing else.
      const registered = h()
        .app.registry.routes.map((r) => `${r.spec.method} ${r.spec.path.replace(/:(\w+)/g, '{$1}')}`)
        .sort();
      expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(registered);
      for (const route of [
        'post /api/auth/login',
        'get /api/health',
        'get /api/interventions',
        'post /api/interventions/{id}/transitions',
        'patch /api/interventions/{id}',
        'post /api/positions',
        'get /api/equipment/{id}/history',
        'post /api/technicians/{id}/shifts',
        'get /api/service-plans',
        'delete /api/sectors/{id}',
      ])
        expect(registered).toContain(route);
      // Unique operation ids; path parameters declared; refs resolve.
      const opIds = operations.map((o) => o.op.operationId);
      expect(new Set(opIds).size).toBe(opIds.length);
      for (const { path, op } of operations) {
        const declared = op.parameters
          .filter((p: { in: string }) => p.in === 'path')
          .map((p: { name: string }) => p.name)
          .sort();
        expect(declared, path).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
      }
      const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
      for (const ref of refs) expect(doc.components.schemas).toHaveProperty(ref);
      // The same zod schemas: the transition body and the sector outline.
      const transition = doc.paths['/api/interventions/{id}/transitions'].post.requestBody.content['application/json'].schema;
      expect(transition.required.sort()).toEqual(['to', 'version']);
      expect(transition.properties.to.enum).toContain('en_route');
      const sector = doc.paths['/api/sectors'].post.requestBody.content['application/json'].schema;
      expect(JSON.stringify(sector.properties.polygon)).toContain('MultiPolygon');
      const list = doc.paths['/api/interventions'].get.parameters.map((p: { name: string }) => p.name);
      expect(list).toEqual(expect.arrayContaining(['limit', 'offset', 'status', 'agencyId']));
      expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
    });

    it('stores posted positions and hands them to the broadcaster with agency and sectors', async () => {
      const { call, tokens, fixtures, db, app } = h();
      const sector = await db.prisma.sector.create({ data: { agencyId: fixtures.agencyA.id, code: 'POS', name: 'Pos', polygon: {} } });
      await db.prisma.technicianSector.create({ data: { technicianId: fixtures.t2.id, sectorId: sector.id } });
      broadcasts.length = 0;
      // Within the last week (older positions are refused, see positions.test.ts); the second one written with an offset.
      const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
      const later = new Date(at.getTime() + 1500);
      const res = await call('POST', '/api/positions', {
        token: tokens.dispatcherA,
        body: {
          positions: [
            { technicianId: fixtures.t1.id, lat: 43.52, lon: 5.44, heading: 90, speed: 12.5, recordedAt: at.toISOString() },
            { technicianId: fixtures.t2.id, lat: 43.53, lon: 5.45, recordedAt: new Date(later.getTime() + 3_600_000).toISOString().replace('Z', '+01:00') },
          ],
        },
      });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ accepted: 2, refused: [] });
      expect(broadcasts).toHaveLength(1);
      expect(broadcasts[0]).toEqual([
        expect.objectContaining({ technicianId: fixtures.t1.id, agencyId: fixtures.agencyA.id, sectorIds: [], lat: 43.52, heading: 90, speed: 12.5 }),
        expect.objectContaining({ technicianId: fixtures.t2.id, agencyId: fixtures.agencyA.id, sectorIds: [sector.id], heading: null }),
      ]);
      await app.positions.flush();
      const stored = await db.prisma.technicianPosition.findMany({
        where: { technicianId: { in: [fixtures.t1.id, fixtures.t2.id] } },
        orderBy: { recordedAt: 'asc' },
      });
      expect(stored.map((p) => [p.technicianId, p.lat, p.recordedAt.toISOString()])).toEqual([
        [fixtures.t1.id, 43.52, at.toISOString()],
        [fixtures.t2.id, 43.53, later.toISOString()],
      ]);
    });

    it('validates position batches, naming the offending entries', async () => {
      const { call, tokens, fixtures } = h();
      const res = await call('POST', '/api/positions', {
        token: tokens.dispatcherA,
        body: {
          positions: [
            { technicianId: fixtures.t1.id, lat: 43.5, lon: 5.4, recordedAt: '2026-01-15T09:00:00Z' },
            { technicianId: fixtures.t1.id, lat: 143.5, lon: 5.4, speed: -1, recordedAt: 'now' },
          ],
        },
      });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['positions[1].lat', 'positions[1].recordedAt', 'positions[1].speed']);
      const empty = await call('POST', '/api/positions', { token: tokens.dispatcherA, body: { positions: [] } });
      expect(empty.body.details[0].path).toBe('positions');
      const unknown = await call('POST', '/api/positions', {
        token: tokens.admin,
        body: { positions: [{ technicianId: 'ghost', lat: 43.5, lon: 5.4, recordedAt: '2026-01-15T09:00:00Z' }] },
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body.details).toEqual([{ path: 'positions[0].technicianId', in: 'body', message: 'no technician ghost' }]);
      const noTech = await call('POST', '/api/positions', {
        token: tokens.admin,
        body: { positions: [{ lat: 43.5, lon: 5.4, recordedAt: '2026-01-15T09:00:00Z' }] },
      });
      expect(noTech.status).toBe(400);
      expect(noTech.body.details[0].path).toBe('positions[0].technicianId');
    });
  },
  { broadcaster: recorder },
);
