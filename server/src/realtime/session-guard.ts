// Revoked sessions on sockets (see auth/sessions.ts): every event a client
// sends is checked like a REST request, and when a user's session changes in
// this process (password, role, agencies, disabled, deleted) that user's
// sockets are disconnected at once — in every server process when the Redis
// adapter is attached, since the disconnect goes through the adapter.
import type { Sessions } from '../auth/sessions.ts';
import type { VerifyToken } from './handshake.ts';
import type { RealtimeServer, RealtimeSocket } from './server-types.ts';

/** A room per user, server-side only (never listed to the client): the target of a disconnect. */
export const userRoom = (userId: string): string => `user:${userId}`;

export interface SessionGuardDeps {
  readonly sessions: Sessions;
  readonly verifyToken: VerifyToken;
  readonly secret: string;
  readonly log: (message: string) => void;
}

/** Installs the guard; returns its undo (stops listening for session changes). */
export function guardSessions(io: RealtimeServer, { sessions, verifyToken, secret, log }: SessionGuardDeps): () => void {
  io.on('connection', (socket) => {
    void socket.join(userRoom(socket.data.userId));
    socket.use((_packet, next) => {
      stillValid(socket).then(
        (valid) => {
          // A refused event is dropped (its ack never comes) and the socket closed:
          // the client sees `disconnect` with "io server disconnect" and must log in again.
          if (valid) next();
          else socket.disconnect(true);
        },
        (error: unknown) => {
          log(`session check failed for user ${socket.data.userId}: ${error instanceof Error ? error.message : String(error)}`);
          socket.disconnect(true);
        },
      );
    });
  });

  async function stillValid(socket: RealtimeSocket): Promise<boolean> {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string') return false;
    const claims = await verifyToken(token, secret).catch(() => undefined);
    return claims !== undefined && (await sessions.check(claims)) === undefined;
  }

  return sessions.onChanged((userId) => {
    io.in(userRoom(userId)).disconnectSockets(true);
  });
}
