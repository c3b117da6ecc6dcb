// What clients may ask over the socket. Every payload is validated with the
// contract's zod schema; every answer goes through the ack, errors included,
// and nothing a client sends can throw out of a handler.
//
// Scope follows the REST rules (auth/scope.ts): a record outside the caller's
// agencies is "not found" rather than "forbidden", so its existence is not
// revealed; a technician asking for anything beyond its own room is refused.
import type { z } from 'zod';
import {
  CLIENT_PAYLOADS,
  ackError,
  issueDetails,
  sectorRoom,
  technicianRoom,
  type Ack,
  type ClientEventName,
  type ClientToServerEvents,
  type PlanSnapshot,
  type RealtimeErrorCode,
} from '@tournee/contracts/realtime';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Outbox } from './outbox.ts';
import type { PlanWatch } from './plan-watch.ts';
import type { RealtimeSocket } from './server-types.ts';

export interface HandlerDeps {
  readonly prisma: PrismaClient;
  readonly outbox: Outbox;
  readonly planWatch: PlanWatch;
  readonly loadSnapshot: (agencyId: string, date: string) => Promise<PlanSnapshot>;
  readonly log: (message: string) => void;
}

export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(
    readonly code: RealtimeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type AckData<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[1] extends Ack<infer T> ? T : never;
type Payload<E extends ClientEventName> = z.infer<(typeof CLIENT_PAYLOADS)[E]>;

export function registerHandlers(socket: RealtimeSocket, deps: HandlerDeps): void {
  const { prisma, outbox, planWatch } = deps;
  const data = socket.data;
  const on = <E extends ClientEventName>(event: E, handler: (payload: Payload<E>) => Promise<AckData<E>>) => listen(socket, event, handler, deps.log);

  const notTechnician = (what: string) => {
    if (data.role === 'technician') throw new RequestError('forbidden', `technicians cannot ${what}`);
  };
  const ownTechnician = (): string => {
    if (data.role !== 'technician' || !data.technicianId) throw new RequestError('forbidden', 'only a technician has an outbox');
    return data.technicianId;
  };

  on('sector:subscribe', async ({ sectorId }) => {
    notTechnician('subscribe to sectors');
    const sector = await prisma.sector.findUnique({ where: { id: sectorId }, select: { agencyId: true } });
    if (!sector || (data.role !== 'admin' && !data.agencyIds.includes(sector.agencyId))) {
      throw new RequestError('not_found', `sector ${sectorId} not found`);
    }
    const room = sectorRoom(sectorId);
    await socket.join(room);
    return { room };
  });

  on('sector:unsubscribe', async ({ sectorId }) => {
    const room = sectorRoom(sectorId);
    await socket.leave(room);
    return { room };
  });

  on('technician:subscribe', async ({ technicianId }) => {
    const room = technicianRoom(technicianId);
    if (data.role === 'technician') {
      if (technicianId !== data.technicianId) throw new RequestError('forbidden', 'technicians cannot follow another technician');
      return { room }; // already in it since the handshake
    }
    const technician = await prisma.technician.findUnique({ where: { id: technicianId }, select: { agencyId: true } });
    if (!technician || (data.role !== 'admin' && !data.agencyIds.includes(technician.agencyId))) {
      throw new RequestError('not_found', `technician ${technicianId} not found`);
    }
    await socket.join(room);
    return { room };
  });

  on('technician:unsubscribe', async ({ technicianId }) => {
    notTechnician('leave their own room');
    const room = technicianRoom(technicianId);
    await socket.leave(room);
    return { room };
  });

  on('plan:resync', async ({ agencyId, date }) => {
    notTechnician("read an agency's plan");
    // Admins' list was read at connection: an agency created since is theirs too.
    if (data.role !== 'admin' && !data.agencyIds.includes(agencyId)) throw new RequestError('forbidden', `agency ${agencyId} is not one of yours`);
    const snapshot = await deps.loadSnapshot(agencyId, date);
    if (!planWatch.watch(socket, agencyId, date)) {
      throw new RequestError('forbidden', 'too many watched plans: send plan:unwatch for the days no longer shown');
    }
    return snapshot;
  });

  on('plan:unwatch', async ({ agencyId, date }) => ({ watching: planWatch.unwatch(socket, agencyId, date) }));

  on('assignments:ack', async ({ sequence }) => ({ acked: await outbox.ack(ownTechnician(), sequence) }));

  on('assignments:sync', async ({ after, limit }) => outbox.after(ownTechnician(), after, limit));
}

function listen<E extends ClientEventName>(
  socket: RealtimeSocket,
  event: E,
  handler: (payload: Payload<E>) => Promise<AckData<E>>,
  log: (message: string) => void,
): void {
  const schema = CLIENT_PAYLOADS[event];
  // Typed events cannot express "whatever a client sent": validation is the type check.
  (socket as unknown as { on(e: string, l: (...args: unknown[]) => void): void }).on(event, (...args) => {
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as Ack<AckData<E>>) : undefined;
    const reply: Ack<AckData<E>> = (result) => {
      if (ack) ack(result);
    };
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) {
      reply(ackError('invalid_payload', `invalid ${event} payload`, issueDetails(parsed.error)));
      return;
    }
    handler(parsed.data as Payload<E>).then(
      (result) => reply({ ok: true, data: result }),
      (error: unknown) => {
        if (error instanceof RequestError) return reply(ackError(error.code, error.message));
        log(`${event} failed for user ${socket.data.userId}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        reply(ackError('internal', `${event} failed on the server`));
      },
    );
  });
}
