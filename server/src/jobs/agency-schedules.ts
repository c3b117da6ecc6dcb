// Agencies come and go through the REST API (routes/organisation.ts); their
// nightly schedulers (overnight planning, service plans) must follow. The
// HTTP layer does not hold the job runner, so each runner of this process
// registers here and the organisation routes call `agenciesChanged()` after
// a create, a time-zone change or a delete. With BullMQ the schedulers live
// in Redis: the process that served the request updates them for everyone.
type Sync = () => Promise<void>;

const listeners = new Set<Sync>();

/** Registers a runner's sync; returns the unregistration. */
export function onAgenciesChanged(sync: Sync): () => void {
  listeners.add(sync);
  return () => {
    listeners.delete(sync);
  };
}

/** Resynchronizes every registered runner's schedulers; a failure is logged, never thrown (the agency itself is stored). */
export async function agenciesChanged(log: (message: string, error?: unknown) => void = () => {}): Promise<void> {
  for (const sync of [...listeners]) {
    try {
      await sync();
    } catch (error) {
      log('agency schedules not updated (they will be at the next start)', error);
    }
  }
}
