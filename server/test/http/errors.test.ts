// Database errors as the client's mistakes (errors.ts): a value the database
// cannot store (SQLSTATE class 22, which Prisma reports as P2039 or P2010) is
// a 400, never "refers to a record that does not exist" (issue 11, finding 6).
// The errors are the real ones, raised by each database.
import { expect, it } from 'vitest';
import { fromDatabaseError } from '../../src/http/errors.ts';
import { describeOnEachDatabase } from './harness.ts';

const caught = async (write: () => Promise<unknown>): Promise<unknown> => {
  try {
    await write();
  } catch (error) {
    return error;
  }
  throw new Error('the write was expected to fail');
};

describeOnEachDatabase('database errors', (h) => {
  it('answers a NUL byte in a text with 400 saying so', async () => {
    const error = await caught(() => h().db.prisma.region.create({ data: { code: 'N\u0000L', name: 'x' } }));
    const http = fromDatabaseError(error);
    expect(http?.status).toBe(400);
    expect(http?.message).toContain('NUL character');
  });

  it('answers year 0000 with 400 saying the date is out of range, in queries and raw statements', async () => {
    const { db, fixtures } = h();
    const query = await caught(() =>
      db.prisma.absence.create({ data: { technicianId: fixtures.t1.id, startsAt: new Date('0000-01-01T00:00:00Z'), endsAt: new Date() } }),
    );
    expect(fromDatabaseError(query)).toMatchObject({ status: 400, message: expect.stringContaining('outside the range') });
    const raw = await caught(() => db.prisma.$executeRaw`SELECT ${'0000-01-01T00:00:00.000Z'}::timestamptz`);
    expect(fromDatabaseError(raw)?.status).toBe(400);
  });

  it('answers values a CHECK constraint refuses together with 400 naming the rule', async () => {
    const { db, fixtures } = h();
    const part = await db.prisma.part.create({ data: { reference: 'CHK-1', name: 'Filtre', unitCostCents: 100, unitPriceCents: 200 } });
    const depot = await db.prisma.depot.create({ data: { agencyId: fixtures.agencyA.id, code: 'CHK', name: 'Dépôt', kind: 'central' } });
    const error = await caught(() => db.prisma.stockLevel.create({ data: { partId: part.id, depotId: depot.id, minQuantity: 5, maxQuantity: 2 } }));
    expect(fromDatabaseError(error)).toMatchObject({ status: 400, message: 'the values break the rule stock_levels_min_max' });
  });

  it('still answers a missing reference with 422 naming the column', async () => {
    const error = await caught(() => h().db.prisma.absence.create({ data: { technicianId: 'nobody', startsAt: new Date(), endsAt: new Date() } }));
    expect(fromDatabaseError(error)).toMatchObject({ status: 422, details: [{ path: 'technicianId' }] });
  });
});
