// Realtime test kit: a real HTTP server with createRealtime on a free port,
// real socket.io clients, a small organisation in a real database (two
// agencies with a sector each, three technicians), and tokens for each role.
import { once } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { signToken, verifyToken, type Claims } from '../../src/auth/tokens.ts';
import type { ClientToServerEvents, HandshakeAuth, ServerToClientEvents, SessionReady } from '@tournee/contracts/realtime';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import { createRealtime, type Realtime, type RealtimeOptions } from '../../src/realtime/index.ts';

export const SECRET = 'realtime-test-secret';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  readonly url: string;
  readonly port: number;
  readonly realtime: Realtime;
  readonly httpServer: HttpServer;
  close(): Promise<void>;
}

export async function startServer(
  prisma: PrismaClient,
  options: Partial<Omit<RealtimeOptions, 'httpServer' | 'prisma' | 'verifyToken' | 'config'>> & { redisUrl?: string } = {},
): Promise<TestServer> {
  const httpServer = createServer();
  const { redisUrl, ...rest } = options;
  const realtime = await createRealtime({
    httpServer,
    config: { redisUrl, authSecret: SECRET },
    prisma,
    verifyToken,
    log: () => {},
    ...rest,
  });
  httpServer.listen(0, '127.0.0.1');
  await once(httpServer, 'listening');
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    realtime,
    httpServer,
    async close() {
      await realtime.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

/** Connects and waits for the session notice (or the refusal). */
export async function connectClient(url: string, auth: Partial<HandshakeAuth> | undefined): Promise<{ socket: Client; session: SessionReady }> {
  const socket: Client = connect(url, {
    auth: auth ?? {},
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const session = await new Promise<SessionReady>((resolve, reject) => {
    socket.once('session:ready', resolve);
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  return { socket, session };
}

/** Collects every event of one kind a socket receives. */
export function collect<E extends keyof ServerToClientEvents>(socket: Client, event: E): Parameters<ServerToClientEvents[E]>[0][] {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
  (socket as unknown as { on(e: string, l: (x: unknown) => void): void }).on(event, (x) => seen.push(x as never));
  return seen;
}

export async function waitFor(check: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Organisation {
  readonly agencyA: string;
  readonly agencyB: string;
  readonly sectorA: string;
  readonly sectorB: string;
  /** Two technicians of A, one of B. */
  readonly techA1: string;
  readonly techA2: string;
  readonly techB1: string;
}

export async function seedOrganisation(prisma: PrismaClient): Promise<Organisation> {
  const suffix = Math.random().toString(36).slice(2, 8);
  const square = {
    type: 'Polygon',
    coordinates: [
      [
        [5.3, 43.5],
        [5.5, 43.5],
        [5.5, 43.6],
        [5.3, 43.5],
      ],
    ],
  };
  const agencyA = await prisma.agency.create({ data: { code: `A-${suffix}`, name: 'Aix' } });
  const agencyB = await prisma.agency.create({ data: { code: `B-${suffix}`, name: 'Toulon' } });
  const sectorA = await prisma.sector.create({ data: { agencyId: agencyA.id, code: 'A1', name: 'Aix nord', polygon: square } });
  const sectorB = await prisma.sector.create({ data: { agencyId: agencyB.id, code: 'B1', name: 'Toulon est', polygon: square } });
  const tech = (agencyId: string, firstName: string) => prisma.technician.create({ data: { agencyId, firstName, lastName: 'Test' } }).then((t) => t.id);
  return {
    agencyA: agencyA.id,
    agencyB: agencyB.id,
    sectorA: sectorA.id,
    sectorB: sectorB.id,
    techA1: await tech(agencyA.id, 'Alice'),
    techA2: await tech(agencyA.id, 'Arthur'),
    techB1: await tech(agencyB.id, 'Bruno'),
  };
}

export const tokens = {
  admin: () => token({ sub: 'user-admin', role: 'admin', agencyIds: [] }),
  dispatcher: (...agencyIds: string[]) => token({ sub: `user-dispatcher-${agencyIds.join('-')}`, role: 'dispatcher', agencyIds }),
  technician: (technicianId: string, agencyId: string) => token({ sub: `user-${technicianId}`, role: 'technician', technicianId, agencyIds: [agencyId] }),
};

function token(claims: Claims): Promise<string> {
  return signToken(claims, SECRET);
}
