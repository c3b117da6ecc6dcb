// The periodic full resync: deltas can be lost (a socket that was
// reconnecting, a process restart), so every board watching a day gets the
// whole day again now and then. Each process serves its own sockets: one
// database read per watched (agency, day), not one per board.
import type { PlanSnapshot } from '@tournee/contracts/realtime';
import type { RealtimeSocket } from './server-types.ts';

export interface PlanWatchOptions {
  readonly intervalMs: number;
  readonly load: (agencyId: string, date: string) => Promise<PlanSnapshot>;
  /** Caps what one socket may watch (each watch costs a read per period). */
  readonly maxPerSocket: number;
  readonly log: (message: string) => void;
}

export interface PlanWatch {
  /** False when the socket already watches its maximum. */
  watch(socket: RealtimeSocket, agencyId: string, date: string): boolean;
  /** How many plans the socket still watches. */
  unwatch(socket: RealtimeSocket, agencyId: string, date: string): number;
  drop(socket: RealtimeSocket): void;
  /** One pass now (also what the timer runs). */
  resyncAll(): Promise<void>;
  close(): void;
}

export const DEFAULT_RESYNC_INTERVAL_MS = 60_000;

export function createPlanWatch(options: PlanWatchOptions): PlanWatch {
  const watchers = new Map<string, Set<RealtimeSocket>>();
  const bySocket = new Map<RealtimeSocket, Set<string>>();
  let running: Promise<void> | undefined;

  const key = (agencyId: string, date: string) => `${agencyId}\u0000${date}`;

  async function pass(): Promise<void> {
    for (const [k, sockets] of [...watchers]) {
      if (sockets.size === 0) continue;
      const [agencyId, date] = k.split('\u0000') as [string, string];
      try {
        const snapshot = await options.load(agencyId, date);
        for (const socket of watchers.get(k) ?? []) socket.emit('plan:snapshot', snapshot);
      } catch (error) {
        options.log(`periodic resync of ${agencyId} ${date} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  function resyncAll(): Promise<void> {
    // A slow pass is not stacked on top of itself.
    running ??= pass().finally(() => (running = undefined));
    return running;
  }

  const timer = setInterval(() => void resyncAll(), options.intervalMs);
  timer.unref();

  return {
    watch(socket, agencyId, date) {
      const k = key(agencyId, date);
      const mine = bySocket.get(socket) ?? new Set<string>();
      if (!mine.has(k) && mine.size >= options.maxPerSocket) return false;
      mine.add(k);
      bySocket.set(socket, mine);
      let set = watchers.get(k);
      if (!set) watchers.set(k, (set = new Set()));
      set.add(socket);
      return true;
    },
    unwatch(socket, agencyId, date) {
      const k = key(agencyId, date);
      const mine = bySocket.get(socket);
      mine?.delete(k);
      removeWatcher(k, socket);
      return mine?.size ?? 0;
    },
    drop(socket) {
      for (const k of bySocket.get(socket) ?? []) removeWatcher(k, socket);
      bySocket.delete(socket);
    },
    resyncAll,
    close() {
      clearInterval(timer);
      watchers.clear();
      bySocket.clear();
    },
  };

  function removeWatcher(k: string, socket: RealtimeSocket): void {
    const set = watchers.get(k);
    set?.delete(socket);
    if (set?.size === 0) watchers.delete(k);
  }
}
