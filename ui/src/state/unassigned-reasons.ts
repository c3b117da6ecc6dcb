// Why visits wait in the queue: the reasons of the run whose plan is in force
// for the agency's day, reloaded when the agency or day changes and after a
// planning run's deltas.
import type { Api, PlanningRun } from '../api/endpoints.ts';
import type { BoardState } from './board-state.ts';
import type { Store } from './store.ts';

/** Plan deltas of a planning run come in bursts (one per tour): the reasons are reloaded once after the burst. */
const RELOAD_DEBOUNCE_MS = 300;

export class UnassignedReasons {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly store: Store<BoardState>,
    private readonly api: Api,
  ) {}

  /** Reads the applied run of the day shown (none: no reasons shown). */
  async load(): Promise<void> {
    const { agencyId, date } = this.store.get();
    if (!agencyId) return;
    let run: PlanningRun | null;
    try {
      run = await this.api.appliedRun(agencyId, date);
    } catch {
      return; // keep what is shown; the next agency/day change or planning delta tries again
    }
    const now = this.store.get();
    if (now.agencyId !== agencyId || now.date !== date) return;
    this.store.set({ reasons: Object.fromEntries((run?.result?.unassigned ?? []).map((u) => [u.interventionId, u])) });
  }

  /** Loads them once the current burst of deltas is over. */
  reloadSoon(): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.load();
    }, RELOAD_DEBOUNCE_MS);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
