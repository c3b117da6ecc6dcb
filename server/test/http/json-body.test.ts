// Limits every JSON body gets before a schema or the database reads it
// (json-body.ts, the contracts' date and text helpers; issue 11, finding 6):
// nesting 100,000 deep answered 500 from Prisma's serializer, a NUL byte or
// year 0000 answered 422 "refers to a record that does not exist".
import { expect, it } from 'vitest';
import { findProblem, MAX_JSON_DEPTH } from '../../src/http/json-body.ts';
import { describeOnEachDatabase } from './harness.ts';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

it('finds the first level past the depth limit without recursing', () => {
  expect(findProblem(nested(MAX_JSON_DEPTH))).toBeUndefined();
  expect(findProblem(nested(MAX_JSON_DEPTH + 1))).toMatchObject({ path: Array(MAX_JSON_DEPTH).fill('a') });
  expect(findProblem(nested(100_000))?.message).toContain(`limit of ${MAX_JSON_DEPTH} levels`);
  expect(findProblem({ list: ['ok', 'b\u0000ad'] })).toMatchObject({ path: ['list', 1], detail: 'must not contain the NUL character (U+0000)' });
  expect(findProblem({ ['k\u0000']: 1 })).toMatchObject({ path: ['k\u0000'] });
});

describeOnEachDatabase('hostile JSON bodies', (h) => {
  const post = (body: unknown) => h().call('POST', '/api/equipment', { token: h().tokens.admin, body });
  const equipment = () => ({ siteId: h().fixtures.siteA.id, category: 'heat_pump' });
  const count = () => h().db.prisma.equipment.count();

  it('refuses a body nested 100,000 deep with 400 naming the limit, before the database', async () => {
    const before = await count();
    // Written as text: JSON.stringify itself cannot go 100,000 deep.
    const text = `{"siteId":${JSON.stringify(h().fixtures.siteA.id)},"category":"heat_pump","asSold":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
    const sent = await fetch(`${h().url}/api/equipment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${h().tokens.admin}` },
      body: text,
    });
    const res = { status: sent.status, body: await sent.json() };
    expect(res.status).toBe(400);
    expect(res.body.error).toContain(`limit of ${MAX_JSON_DEPTH} levels`);
    expect(res.body.details[0]).toMatchObject({ in: 'body', path: expect.stringMatching(/^asSold\.a\.a/) });
    expect(await count()).toBe(before);
  });

  it('refuses NUL characters in texts and keys with 400 naming the field', async () => {
    const before = await count();
    const inText = await post({ ...equipment(), brand: 'Atl\u0000antic' });
    expect(inText.status).toBe(400);
    expect(inText.body.details).toEqual([{ path: 'brand', in: 'body', message: 'must not contain the NUL character (U+0000)' }]);
    const inJson = await post({ ...equipment(), asSold: { ['mo\u0000de']: 'chaud' } });
    expect(inJson.status).toBe(400);
    expect(inJson.body.details[0].path).toBe('asSold.mo\u0000de');
    expect(await count()).toBe(before);
  });

  it('refuses dates and instants outside the years 1900 to 2999 with 400 naming the field', async () => {
    const day = await post({ ...equipment(), installedOn: '0000-01-01' });
    expect(day.status).toBe(400);
    expect(day.body.details).toEqual([{ path: 'installedOn', in: 'body', message: 'must be between the years 1900 and 2999' }]);
    const instant = await post({ ...equipment(), countersReadAt: '0000-01-01T00:00:00Z' });
    expect(instant.status).toBe(400);
    expect(instant.body.details[0].path).toBe('countersReadAt');
    const far = await post({ ...equipment(), warrantyEndsOn: '9999-12-31' });
    expect(far.status).toBe(400);
    expect(far.body.details[0].path).toBe('warrantyEndsOn');
    expect((await post({ ...equipment(), installedOn: '1998-06-01' })).status).toBe(201);
  });

  it('answers a body over the size limit with 413 naming the limit', async () => {
    const res = await post({ ...equipment(), notes: 'x'.repeat(11 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('the body is larger than the limit of 10 MB (10485760 bytes)');
  });
});
