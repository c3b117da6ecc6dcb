// Who may connect, and which rooms the claims open. Rooms are decided here,
// from the verified token only — never from what the client asks — so a
// technician's socket can only ever be in its own technician room.
import { HandshakeAuth, agencyRoom, technicianRoom, type HandshakeErrorCode, type RoomName, type SocketData } from '@tournee/contracts/realtime';
import type { Sessions } from '../auth/sessions.ts';
import type { Claims } from '../auth/tokens.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { RealtimeSocket } from './server-types.ts';

export type VerifyToken = (token: string, secret: string) => Promise<Claims>;

export interface HandshakeDeps {
  readonly verifyToken: VerifyToken;
  readonly secret: string;
  readonly prisma: PrismaClient;
  /** When given, a token whose session was revoked (auth/sessions.ts) is refused. */
  readonly sessions?: Sessions | undefined;
}

/** socket.io hands `message` and `data` to the client's `connect_error`. */
export class HandshakeError extends Error {
  override readonly name = 'HandshakeError';
  readonly data: { code: HandshakeErrorCode };
  constructor(code: HandshakeErrorCode, message: string) {
    super(message);
    this.data = { code };
  }
}

export function handshakeMiddleware({ verifyToken, secret, prisma, sessions }: HandshakeDeps) {
  return (socket: RealtimeSocket, next: (error?: Error) => void): void => {
    authenticate(socket.handshake.auth)
      .then((data) => {
        socket.data = data;
        next();
      })
      .catch((error: unknown) => next(error instanceof HandshakeError ? error : new HandshakeError('invalid_token', 'authentication failed')));
  };

  async function authenticate(auth: unknown): Promise<SocketData> {
    const parsed = HandshakeAuth.safeParse(auth);
    if (!parsed.success) throw new HandshakeError('missing_token', 'send auth: { token } in the handshake');
    let claims: Claims;
    try {
      claims = await verifyToken(parsed.data.token, secret);
    } catch {
      throw new HandshakeError('invalid_token', 'the token is invalid or expired: log in again');
    }
    const revoked = await sessions?.check(claims);
    if (revoked) throw new HandshakeError('invalid_token', revoked);
    if (claims.role === 'technician' && !claims.technicianId) {
      throw new HandshakeError('forbidden', 'this technician account is not linked to a technician');
    }
    // Admins see every agency: the list is read at connection time.
    const agencyIds = claims.role === 'admin' ? (await prisma.agency.findMany({ select: { id: true } })).map((a) => a.id) : [...claims.agencyIds];
    return { userId: claims.sub, role: claims.role, technicianId: claims.technicianId ?? null, agencyIds };
  }
}

/** Technicians: their own room only. Dispatchers and admins: their agencies'. */
export function roomsFor(data: SocketData): RoomName[] {
  if (data.role === 'technician') return data.technicianId ? [technicianRoom(data.technicianId)] : [];
  return data.agencyIds.map(agencyRoom);
}
