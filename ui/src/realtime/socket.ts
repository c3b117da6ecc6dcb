// The board's socket.io connection, typed by the server's contract.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../api/types.ts';

export type BoardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type SocketFactory = (token: string) => BoardSocket;

export const connectSocket: SocketFactory = (token) =>
  io({
    auth: { token },
    // WebSocket first: position frames arrive several times a second all day.
    transports: ['websocket', 'polling'],
    reconnectionDelayMax: 5_000,
  });
