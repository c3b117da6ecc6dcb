// A PING over a raw socket for the health check: answers whether the queue's
// Redis is reachable without holding a client connection open for it.
import { Socket } from 'node:net';

export function pingRedis(url: string, timeoutMs = 1_000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    // AUTH first when the URL carries a password; a NOAUTH error means no.
    socket.on('data', (data) => {
      if (data.toString().includes('+PONG')) done(true);
      else if (data.toString().startsWith('-')) done(false);
    });
    socket.connect(Number(port || 6379), hostname || '127.0.0.1', () => {
      const { username, password } = new URL(url);
      if (password) socket.write(`AUTH ${username ? `${decodeURIComponent(username)} ` : ''}${decodeURIComponent(password)}\r\n`);
      socket.write('PING\r\n');
    });
  });
}
