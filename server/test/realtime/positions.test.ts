// Positions end to end through real sockets: many posts become few frames,
// and every position reaches the board, in order.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkPostgres, describeWithService } from '../support/services.ts';
import { usePostgres } from './database.ts';
import { collect, connectClient, seedOrganisation, sleep, startServer, tokens, waitFor, type Organisation, type TestServer } from './support.ts';

describeWithService(await checkPostgres(), 'realtime position frames', () => {
  const pg = usePostgres();
  let server: TestServer;
  let org: Organisation;
  beforeAll(async () => {
    org = await seedOrganisation(pg.db.prisma);
    server = await startServer(pg.db.prisma, { frameIntervalMs: 100 });
  });
  afterAll(() => server?.close());

  it('turns 200 posts over half a second into a handful of frames carrying all 200 positions', async () => {
    const { socket } = await connectClient(server.url, { token: await tokens.dispatcher(org.agencyA) });
    const frames = collect(socket, 'positions:frame');
    const posts = 200;
    for (let i = 0; i < posts; i++) {
      const technicianId = i % 2 === 0 ? org.techA1 : org.techA2;
      server.realtime.broadcaster.positions([{ technicianId, agencyId: org.agencyA, lat: 43.5 + i / 1e4, lon: 5.4, recordedAt: 1_000 + i }]);
      if (i % 20 === 19) await sleep(50);
    }
    await waitFor(() => frames.reduce((n, f) => n + f.positions.length, 0) >= posts, 5_000, 'all positions');
    await sleep(150);
    const received = frames.flatMap((f) => f.positions.map((p) => p.recordedAt));
    expect(received).toEqual(Array.from({ length: posts }, (_, i) => 1_000 + i));
    expect(frames.length).toBeGreaterThanOrEqual(2);
    expect(frames.length).toBeLessThanOrEqual(posts / 20);
    for (const frame of frames) expect(frame.sentAt).toBeGreaterThan(0);
    socket.close();
  });
});
