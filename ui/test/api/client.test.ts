// The typed client (ui/src/api/client.ts): what it sends for a route key, its
// paging and links — and, checked by `npm run typecheck` (the @ts-expect-error
// lines), that a path, a param, a query field or a body the route table does
// not declare is a type error.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { BillingDocument, Claim } from '@tournee/contracts/back-office';
import type { AssignAnswer } from '@tournee/contracts/api';
import { allPages, createCallApi, fillPath, routeUrl, type AnswerOf } from '../../src/api/client.ts';
import type { Http } from '../../src/api/http.ts';

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly query?: Record<string, string | number | boolean | undefined> | undefined;
  readonly body?: unknown;
}

/** An Http that records what it is asked to send and answers `answer(sent)`. */
function recorder(answer: (sent: Sent) => unknown = () => ({})): { http: Http; sent: Sent[] } {
  const sent: Sent[] = [];
  const reply = <T>(s: Sent) => {
    sent.push(s);
    return Promise.resolve(answer(s) as T);
  };
  return {
    sent,
    http: {
      get: (path, query) => reply({ method: 'GET', path, query }),
      post: (path, body) => reply({ method: 'POST', path, body }),
      put: (path, body) => reply({ method: 'PUT', path, body }),
      patch: (path, body) => reply({ method: 'PATCH', path, body }),
      delete: (path) => reply({ method: 'DELETE', path }),
    },
  };
}

describe('createCallApi', () => {
  it('sends each route with its method, its params encoded into the path, its query and its body', async () => {
    const { http, sent } = recorder();
    const call = createCallApi(http);
    await call('GET /api/interventions/:id', { params: { id: 'a/b c' } });
    await call('GET /api/technicians', { query: { agencyId: 'ag-1', active: true } });
    await call('POST /api/interventions/:id/assign', { params: { id: 'i-1' }, body: { technicianId: 't-1', day: '2026-12-08', version: 3 } });
    await call('PATCH /api/supplier-orders/:id', { params: { id: 'o-1' }, body: { status: 'ordered', orderedOn: '2026-12-08' } });
    await call('PUT /api/billing-documents/:id/lines', { params: { id: 'd-1' }, body: { lines: [] } });
    await call('DELETE /api/billing-documents/:id', { params: { id: 'd-1' } });
    await call('POST /api/auth/logout');
    expect(sent).toEqual([
      { method: 'GET', path: '/api/interventions/a%2Fb%20c', query: undefined },
      { method: 'GET', path: '/api/technicians', query: { agencyId: 'ag-1', active: true } },
      { method: 'POST', path: '/api/interventions/i-1/assign', body: { technicianId: 't-1', day: '2026-12-08', version: 3 } },
      { method: 'PATCH', path: '/api/supplier-orders/o-1', body: { status: 'ordered', orderedOn: '2026-12-08' } },
      { method: 'PUT', path: '/api/billing-documents/d-1/lines', body: { lines: [] } },
      { method: 'DELETE', path: '/api/billing-documents/d-1' },
      // No body: the http client sends `{}` for a POST, as it always did.
      { method: 'POST', path: '/api/auth/logout', body: undefined },
    ]);
  });

  it('answers what the server answered, typed as the route declares', async () => {
    const answer = { assigned: true };
    const call = createCallApi(recorder(() => answer).http);
    const got = await call('POST /api/interventions/:id/assign', { params: { id: 'i-1' }, body: { technicianId: 't-1', day: '2026-12-08', version: 1 } });
    expect(got).toBe(answer);
    expectTypeOf(got).toEqualTypeOf<z.output<typeof AssignAnswer>>();
    expectTypeOf<AnswerOf<'GET /api/billing-documents/:id'>>().toEqualTypeOf<z.output<typeof BillingDocument>>();
    expectTypeOf<AnswerOf<'POST /api/billing-documents/:id/warranty-claims'>>().toEqualTypeOf<z.output<typeof Claim>[]>();
    expectTypeOf<AnswerOf<'DELETE /api/billing-documents/:id'>>().toEqualTypeOf<void>();
  });

  it('refuses, at compile time, what the route table does not declare', () => {
    const call = createCallApi(recorder().http);
    // Each line is a type error; they are never sent.
    const never = () => {
      // @ts-expect-error no such route
      void call('GET /api/intervention/:id', { params: { id: 'x' } });
      // @ts-expect-error the path needs its :id
      void call('GET /api/interventions/:id');
      // @ts-expect-error the body misses the version the server checks
      void call('POST /api/interventions/:id/assign', { params: { id: 'x' }, body: { technicianId: 't', day: '2026-12-08' } });
      // @ts-expect-error no such query field on the interventions list
      void call('GET /api/interventions', { query: { agency: 'a' } });
      // @ts-expect-error a status the billing documents do not have
      void call('GET /api/billing-documents', { query: { status: 'paid' } });
    };
    expect(typeof never).toBe('function');
  });
});

describe('allPages', () => {
  it('walks a list route 200 at a time until a short page or the total', async () => {
    const all = Array.from({ length: 450 }, (_, i) => ({ id: `p-${i}` }));
    const { http, sent } = recorder((s) => {
      const offset = Number(s.query?.offset);
      return { items: all.slice(offset, offset + Number(s.query?.limit)), total: all.length, limit: s.query?.limit, offset };
    });
    const parts = await allPages(createCallApi(http), 'GET /api/parts', { q: 'x' });
    expect(parts).toHaveLength(450);
    expect(sent.map((s) => s.query)).toEqual([
      { q: 'x', limit: 200, offset: 0 },
      { q: 'x', limit: 200, offset: 200 },
      { q: 'x', limit: 200, offset: 400 },
    ]);
  });

  it('stops at `max` items', async () => {
    const { http, sent } = recorder(() => ({ items: Array.from({ length: 200 }, (_, i) => ({ id: String(i) })), total: 10_000, limit: 200, offset: 0 }));
    expect(await allPages(createCallApi(http), 'GET /api/suppliers', {}, 400)).toHaveLength(400);
    expect(sent).toHaveLength(2);
  });
});

describe('paths and links', () => {
  it('fills a path template, encoding each param', () => {
    expect(fillPath('/api/supplier-orders/:id/receipts', { id: 'a/b' })).toBe('/api/supplier-orders/a%2Fb/receipts');
    expect(() => fillPath('/api/plans/:id', {})).toThrow(/:id/);
  });

  it('builds a route’s URL for a link, without empty query values', () => {
    expect(routeUrl('GET /api/accounting/fec', { query: { from: '2026-11-01', to: '2026-11-30' } })).toBe('/api/accounting/fec?from=2026-11-01&to=2026-11-30');
    expect(routeUrl('GET /api/equipment/:id/warranty-status', { params: { id: 'e 1' }, query: { on: undefined } })).toBe(
      '/api/equipment/e%201/warranty-status',
    );
  });
});
