// A statement sent straight to the connection Prisma itself uses — the
// node-postgres pool behind @prisma/adapter-pg, or the PGlite instance — for
// the hottest one-row reads, without Prisma's per-query work (issue 11: the
// list version read on every GET /api/interventions was ~18 % of the server's
// CPU through $queryRawUnsafe). Registered by openDatabase for the client it
// opens; a PrismaClient built elsewhere has none, and callers fall back to Prisma.
// Constant text only (no parameters): nothing the caller sends reaches it.
export type DirectQuery = <Row>(sql: string) => Promise<Row[]>;

const byClient = new WeakMap<object, DirectQuery>();

export function registerDirectQuery(prisma: object, query: DirectQuery): void {
  byClient.set(prisma, query);
}

export function directQueryOf(prisma: object): DirectQuery | undefined {
  return byClient.get(prisma);
}
