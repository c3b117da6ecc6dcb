// The board side of the realtime benchmark, in its own process so that
// decoding frames does not slow the posting side: N socket.io clients logged
// in as boards, measuring for every position received how long ago its device
// recorded it. Driven by its parent over IPC.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@tournee/contracts/realtime';
import { Histogram } from './histogram.ts';

type Command = { type: 'connect'; url: string; tokens: string[] } | { type: 'measure' } | { type: 'report' } | { type: 'close' };

const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];
let histogram = new Histogram();
let measuring = false;
let frames = 0;
let positions = 0;
let cpuAtStart = process.cpuUsage();

async function connectAll(url: string, tokens: string[]): Promise<void> {
  await Promise.all(
    tokens.map(
      (token) =>
        new Promise<void>((resolve, reject) => {
          const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
            auth: { token },
            transports: ['websocket'],
            reconnection: false,
            forceNew: true,
          });
          socket.on('positions:frame', (frame) => {
            if (!measuring) return;
            const now = Date.now();
            frames += 1;
            positions += frame.positions.length;
            for (const p of frame.positions) histogram.add(now - p.recordedAt);
          });
          socket.once('session:ready', () => resolve());
          socket.once('connect_error', reject);
          sockets.push(socket);
        }),
    ),
  );
}

process.on('message', (command: Command) => {
  void (async () => {
    switch (command.type) {
      case 'connect':
        await connectAll(command.url, command.tokens);
        return { connected: sockets.length };
      case 'measure':
        histogram = new Histogram();
        frames = 0;
        positions = 0;
        cpuAtStart = process.cpuUsage();
        measuring = true;
        return {};
      case 'report': {
        measuring = false;
        const cpu = process.cpuUsage(cpuAtStart);
        return { counts: histogram.counts, frames, positions, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
      }
      case 'close':
        for (const s of sockets) s.close();
        setImmediate(() => process.exit(0));
        return {};
    }
  })().then(
    (result) => process.send?.({ type: command.type, ...result }),
    (error: unknown) => process.send?.({ type: command.type, error: String(error) }),
  );
});

process.send?.({ type: 'ready' });
