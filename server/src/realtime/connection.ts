// A socket's life after the handshake: its rooms (from its claims), its
// handlers, the session notice, and for a technician the replay of the
// outbox messages it missed while away.
import { HandshakeAuth, type SessionReady } from '@tournee/contracts/realtime';
import { roomsFor } from './handshake.ts';
import { registerHandlers, type HandlerDeps } from './handlers.ts';
import type { Outbox } from './outbox.ts';
import type { RealtimeSocket } from './server-types.ts';

/** A bound on one replay, so a technician away for months does not stall the server. */
const MAX_REPLAY_PAGES = 10;

export function onConnection(socket: RealtimeSocket, deps: HandlerDeps): void {
  const rooms = roomsFor(socket.data);
  // Joined before anything is read: a push stored during the replay is then
  // both emitted live and replayed (the app drops the duplicate), never missed.
  void socket.join(rooms);
  registerHandlers(socket, deps);
  socket.on('disconnect', () => deps.planWatch.drop(socket));
  const ready: SessionReady = { ...socket.data, rooms, serverTime: new Date().toISOString() };
  socket.emit('session:ready', ready);
  if (socket.data.role === 'technician' && socket.data.technicianId) {
    replay(socket, socket.data.technicianId, deps.outbox).catch((error: unknown) =>
      deps.log(`outbox replay for technician ${socket.data.technicianId} failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}

/**
 * From the sequence the app says it applied (it knows best, e.g. after a
 * reinstall) or else the last one it acknowledged.
 */
async function replay(socket: RealtimeSocket, technicianId: string, outbox: Outbox): Promise<void> {
  const auth = HandshakeAuth.safeParse(socket.handshake.auth);
  let after = auth.success && auth.data.lastSequence !== undefined ? auth.data.lastSequence : await outbox.acked(technicianId);
  for (let page = 0; page < MAX_REPLAY_PAGES && socket.connected; page++) {
    const { messages, lastSequence } = await outbox.after(technicianId, after);
    for (const message of messages) socket.emit('assignment:pushed', message);
    if (messages.length === 0) return;
    after = messages.at(-1)!.sequence;
    if (after >= lastSequence) return;
  }
}
