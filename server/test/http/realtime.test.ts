// The REST side of realtime, with the real socket.io server on the same HTTP
// server: office changes reach boards and the technician concerned — and
// nobody else — and posted positions reach the boards of the technician's agency.
import { io, type Socket } from 'socket.io-client';
import { afterEach, expect, it } from 'vitest';
import { describeOnEachDatabase, type Harness } from './harness.ts';

const QUIET_MS = 300;

describeOnEachDatabase(
  'REST changes over socket.io',
  (h) => {
    const sockets: Socket[] = [];
    afterEach(() => {
      for (const s of sockets.splice(0)) s.close();
    });

    async function connect(token: string): Promise<{ socket: Socket; events: Array<[string, any]> }> {
      const socket = io(h().url, { auth: { token }, transports: ['websocket'], reconnection: false });
      sockets.push(socket);
      const events: Array<[string, any]> = [];
      socket.onAny((event, payload) => events.push([event, payload]));
      await new Promise<void>((resolve, reject) => {
        socket.once('session:ready', () => resolve());
        socket.once('connect_error', reject);
      });
      return { socket, events };
    }
    const until = async (events: Array<[string, any]>, match: (e: [string, any]) => boolean) => {
      const deadline = Date.now() + 5_000;
      while (!events.some(match)) {
        if (Date.now() > deadline) throw new Error(`not received; got ${JSON.stringify(events.map((e) => e[0]))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return events.find(match)![1];
    };
    const quiet = () => new Promise((r) => setTimeout(r, QUIET_MS));
    const named = (name: string, id?: string) => (e: [string, any]) => e[0] === name && (id === undefined || JSON.stringify(e[1]).includes(id));

    it('pushes a cancellation to the technician concerned and to their agency board only', async () => {
      const { tokens, fixtures, call } = h() as Harness;
      const [tech1, tech2, boardA, boardB] = await Promise.all([tokens.tech1, tokens.tech2, tokens.dispatcherA, tokens.dispatcherB].map(connect));
      const a1 = (await call('GET', `/api/interventions/${fixtures.interventions.a1.id}`, { token: tokens.dispatcherA })).body;
      const res = await call('POST', `/api/interventions/${a1.id}/transitions`, {
        token: tokens.dispatcherA,
        body: { to: 'cancelled', reason: 'Client injoignable', version: a1.version },
      });
      expect(res.status).toBe(200);

      const pushed = await until(tech1!.events, named('assignment:pushed', a1.id));
      expect(pushed).toMatchObject({
        technicianId: fixtures.t1.id,
        sequence: expect.any(Number),
        assignment: { kind: 'cancelled', interventionId: a1.id, interventionVersion: res.body.version },
      });
      const changed = await until(boardA!.events, named('intervention:changed', a1.id));
      expect(changed).toMatchObject({
        interventionId: a1.id,
        status: 'cancelled',
        previousStatus: 'dispatched',
        cancelReason: 'Client injoignable',
        source: 'dispatcher',
      });
      await quiet();
      expect(tech2!.events.filter(named('assignment:pushed'))).toEqual([]);
      expect(tech2!.events.filter(named('intervention:changed'))).toEqual([]);
      expect(boardB!.events.filter(named('intervention:changed'))).toEqual([]);
    });

    it("tells a technician's app when the office gives them an intervention or takes it away", async () => {
      const { tokens, fixtures, call } = h() as Harness;
      const [tech1, tech2] = await Promise.all([tokens.tech1, tokens.tech2].map(connect));
      const a2 = (await call('GET', `/api/interventions/${fixtures.interventions.a2.id}`, { token: tokens.dispatcherA })).body;
      const res = await call('PATCH', `/api/interventions/${a2.id}`, {
        token: tokens.dispatcherA,
        body: { version: a2.version, technicianId: fixtures.t1.id },
      });
      expect(res.status).toBe(200);
      expect((await until(tech2!.events, named('assignment:pushed', a2.id))).assignment.kind).toBe('unassigned');
      expect((await until(tech1!.events, named('assignment:pushed', a2.id))).assignment.kind).toBe('assigned');
    });

    it('sends a posted position to the boards of the technician’s agency, not to others', async () => {
      const { tokens, fixtures, call } = h() as Harness;
      const [boardA, boardB] = await Promise.all([tokens.dispatcherA, tokens.dispatcherB].map(connect));
      const res = await call('POST', '/api/positions', {
        token: tokens.tech1,
        body: { positions: [{ lat: 43.531, lon: 5.452, recordedAt: new Date().toISOString() }] },
      });
      expect(res.status).toBe(202);
      const frame = await until(boardA!.events, named('positions:frame', fixtures.t1.id));
      expect(frame.positions).toEqual([expect.objectContaining({ technicianId: fixtures.t1.id, agencyId: fixtures.agencyA.id, lat: 43.531, lon: 5.452 })]);
      await quiet();
      expect(boardB!.events.filter(named('positions:frame'))).toEqual([]);
    });
  },
  { withRealtime: true },
);
