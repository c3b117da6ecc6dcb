// A real BoardController wired to a scripted API and an in-memory socket: the
// components under test run their true code paths, only the network is fake.
import { vi } from 'vitest';
import type { Api } from '../../src/api/endpoints.ts';
import type { ClientToServerEvents, PlanSnapshot, ServerToClientEvents } from '../../src/api/types.ts';
import type { BoardSocket } from '../../src/realtime/socket.ts';
import { BoardController } from '../../src/state/controller.ts';
import { agency, DAY, shifts, skills, snapshot, technicians } from './fixtures.ts';

type Handler = (...args: unknown[]) => void;

export class FakeSocket {
  connected = true;
  readonly handlers = new Map<string, Handler[]>();
  readonly emitted: { event: string; payload: unknown }[] = [];
  snapshots: PlanSnapshot[] = [];

  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }

  emit(event: keyof ClientToServerEvents, payload: unknown, ack?: Handler): this {
    this.emitted.push({ event, payload });
    ack?.({ ok: true, data: { watching: 0 } });
    return this;
  }

  timeout(): { emitWithAck: (event: keyof ClientToServerEvents, payload: unknown) => Promise<unknown> } {
    return {
      emitWithAck: async (event, payload) => {
        this.emitted.push({ event, payload });
        if (event === 'plan:resync') return { ok: true, data: this.snapshots.shift() ?? snapshot() };
        return { ok: true, data: {} };
      },
    };
  }

  disconnect(): this {
    this.connected = false;
    return this;
  }

  /** The server sends an event. */
  serve<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
}

export function fakeApi(overrides: Partial<Api> = {}): Api {
  const notFound = () => Promise.reject(Object.assign(new Error('not found'), { status: 404 }));
  const base: Api = {
    login: vi.fn(async () => ({
      token: 'tok',
      user: { id: 'u1', email: 'd@x.fr', name: 'Dispatch', role: 'dispatcher' as const, technicianId: null, agencyIds: [agency.id] },
    })),
    me: vi.fn(notFound),
    logout: vi.fn(async () => undefined),
    regions: vi.fn(async () => []),
    agencies: vi.fn(async () => [agency]),
    sectors: vi.fn(async () => []),
    skills: vi.fn(async () => skills),
    technicians: vi.fn(async () => technicians),
    shifts: vi.fn(async (id: string) => shifts[id] ?? []),
    absences: vi.fn(async () => []),
    interventions: vi.fn(async () => []),
    intervention: vi.fn(notFound),
    createIntervention: vi.fn(notFound),
    sites: vi.fn(async () => []),
    customers: vi.fn(async () => []),
    equipment: vi.fn(async () => []),
    startPlanning: vi.fn(notFound),
    planningRun: vi.fn(notFound),
    acceptRun: vi.fn(notFound),
    acceptTechnicians: vi.fn(notFound),
    planChanges: vi.fn(notFound),
    discardRun: vi.fn(notFound),
    appliedRun: vi.fn(async () => null) as unknown as Api['appliedRun'],
    conflicts: vi.fn(async () => []),
    resolveConflict: vi.fn(notFound),
    candidates: vi.fn(notFound),
    assign: vi.fn(notFound),
    rankUrgent: vi.fn(notFound),
    commitUrgent: vi.fn(notFound),
    rankQueued: vi.fn(notFound),
    placeQueued: vi.fn(notFound),
    // The server's engine, faked: any move is possible where it is dropped, 10 minutes of travel added.
    evaluateMove: vi.fn(async (interventionId: string, input: Parameters<Api['evaluateMove']>[1]) => {
      const start = input.at ?? `${DAY}T08:00:00.000Z`;
      return {
        interventionId,
        technicianId: input.technicianId,
        day: input.day ?? DAY,
        position: input.position ?? 0,
        eta: start,
        plannedStart: start,
        plannedEnd: new Date(Date.parse(start) + 45 * 60_000).toISOString(),
        addedTravelSeconds: 600,
        addedTravelMeters: 8_000,
        overtimeSeconds: 0,
        overtimeBeforeSeconds: 0,
        slaMet: null,
        delayed: [],
        pushedOut: [],
        refusal: null,
        warnings: [],
        travelTimes: 'road' as const,
      };
    }),
  };
  return { ...base, ...overrides };
}

/** A controller already logged in, on the fixture agency and day. */
export async function loggedInBoard(api: Api = fakeApi()): Promise<{ controller: BoardController; socket: FakeSocket; api: Api }> {
  const socket = new FakeSocket();
  const memory = new Map<string, string>();
  const controller = new BoardController({
    api,
    socketFactory: () => socket as unknown as BoardSocket,
    storage: { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v), removeItem: (k) => void memory.delete(k) },
    today: DAY,
  });
  await controller.login('d@x.fr', 'secret');
  // The fake socket is connected from the start: tell the controller as socket.io would.
  for (const handler of socket.handlers.get('connect') ?? []) handler();
  await vi.waitFor(() => {
    if (!controller.store.get().plan) throw new Error('no plan yet');
  });
  return { controller, socket, api };
}

export { DAY };
