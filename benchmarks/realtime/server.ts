// The server side of the realtime benchmark, in its own process so that its
// CPU can be measured alone: the database (a fresh PGlite folder, or
// DATABASE_URL), a fleet of technicians in three agencies, and the HTTP
// server with realtime and — in `http` mode — the REST API whose
// POST /api/positions takes the posts. In `direct` mode positions arrive over
// IPC and go straight to the broadcaster.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyToken } from '../../server/src/auth/tokens.ts';
import { openDatabase } from '../../server/src/db/client.ts';
import { createApp } from '../../server/src/http/app.ts';
import type { PrismaClient } from '../../server/src/generated/prisma/client.ts';
import type { PositionInput } from '../../server/src/realtime/broadcaster.ts';
import { createRealtime } from '../../server/src/realtime/index.ts';

export type Ingress = 'http' | 'direct';

export interface FleetMember {
  readonly id: string;
  readonly agencyId: string;
}

type Command = { type: 'cpu' } | { type: 'positions'; batch: PositionInput[] } | { type: 'close' };

const ingress = (process.env.BENCH_INGRESS ?? 'http') as Ingress;
const technicians = Number(process.env.BENCH_TECHNICIANS ?? 2000);
const authSecret = process.env.AUTH_SECRET ?? 'bench-secret';
const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.BENCH_DATA_DIR ?? './data-bench' });
const fleet = await seedFleet(db.prisma, technicians);

const httpServer = createServer();
const realtime = await createRealtime({
  httpServer,
  config: { redisUrl: undefined, authSecret },
  prisma: db.prisma,
  verifyToken,
  log: (message) => console.error(`[bench server] ${message}`),
});
let closeApi = async () => {};
if (ingress === 'http') {
  const api = createApp({
    config: { authSecret, redisUrl: undefined },
    prisma: db.prisma,
    dbKind: db.kind,
    broadcaster: realtime.broadcaster,
    log: (message: string, error?: unknown) => console.error(`[bench api] ${message}`, error instanceof Error ? error.message : (error ?? '')),
  });
  httpServer.on('request', api.app);
  closeApi = () => api.close();
}
httpServer.listen(0, '127.0.0.1');
await once(httpServer, 'listening');

process.on('message', (command: Command) => {
  switch (command.type) {
    case 'cpu':
      process.send?.({ type: 'cpu', usage: process.cpuUsage(), rss: process.memoryUsage().rss });
      return;
    case 'positions':
      realtime.broadcaster.positions(command.batch);
      return;
    case 'close':
      void (async () => {
        // Stop taking posts first: the API then writes its last positions before the database closes.
        await realtime.close();
        httpServer.closeAllConnections();
        await new Promise((resolve) => httpServer.close(resolve));
        await closeApi();
        await db.close();
        process.send?.({ type: 'closed' }, () => process.exit(0));
      })();
  }
});

process.send?.({ type: 'ready', port: (httpServer.address() as AddressInfo).port, fleet, dbKind: db.kind, ingress });

/** Three agencies and `count` technicians, created once per database. */
async function seedFleet(prisma: PrismaClient, count: number): Promise<FleetMember[]> {
  const agencies = [];
  for (const code of ['BENCH-AIX', 'BENCH-TLN', 'BENCH-AVI']) {
    agencies.push(await prisma.agency.upsert({ where: { code }, update: {}, create: { code, name: code } }));
  }
  const agencyIds = agencies.map((a) => a.id);
  const existing = await prisma.technician.count({ where: { agencyId: { in: agencyIds } } });
  if (existing < count) {
    await prisma.technician.createMany({
      data: Array.from({ length: count - existing }, (_, i) => ({
        agencyId: agencyIds[(existing + i) % agencyIds.length]!,
        firstName: 'Bench',
        lastName: String(existing + i),
      })),
    });
  }
  const rows = await prisma.technician.findMany({
    where: { agencyId: { in: agencyIds } },
    select: { id: true, agencyId: true },
    orderBy: { id: 'asc' },
    take: count,
  });
  return rows;
}
