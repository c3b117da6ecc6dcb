// Database access shared by the back office: the client types, and one way to
// run a unit of work in a transaction that is retried when PostgreSQL asks
// for it (deadlock, serialization failure) and whose trigger errors come back
// as BackOfficeErrors.
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { BackOfficeError, fromDatabase, isRetryable } from './errors.ts';

export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

const ATTEMPTS = 4;
// Row locks are held for milliseconds, but a loaded 2-core test machine can
// make a waiting transaction wait long: generous limits, no silent timeouts.
const OPTIONS = { timeout: 30_000, maxWait: 15_000 } as const;

export async function inTransaction<T>(prisma: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction(work, OPTIONS);
    } catch (error) {
      if (error instanceof BackOfficeError) throw error;
      if (attempt < ATTEMPTS && isRetryable(error)) continue;
      throw fromDatabase(error) ?? error;
    }
  }
}

/** Translates our triggers' errors for work done outside inTransaction. */
export async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackOfficeError) throw error;
    throw fromDatabase(error) ?? error;
  }
}
