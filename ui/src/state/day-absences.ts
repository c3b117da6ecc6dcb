// The technicians' absences on the day shown (leave, sick, training…): the
// timeline draws them with their reason instead of a working day, and the
// drag preview names them when it refuses a move. Read per technician, a few
// at a time (the server is shared with the technicians' devices), again when
// the agency or the day changes.
import type { Api } from '../api/endpoints.ts';
import { addDays } from '@tournee/contracts/calendar';
import { zonedInstant } from '@tournee/contracts/zoned-time';
import type { BoardState } from './board-state.ts';
import type { Store } from './store.ts';

const PER_REQUEST_BATCH = 6;

export class DayAbsences {
  constructor(
    private readonly store: Store<BoardState>,
    private readonly api: Api,
  ) {}

  async load(): Promise<void> {
    const { agencyId, date, agencies, technicians } = this.store.get();
    if (!agencyId) return;
    const timezone = agencies.find((a) => a.id === agencyId)?.timezone ?? 'Europe/Paris';
    const from = zonedInstant(date, 0, timezone).toISOString();
    const to = zonedInstant(addDays(date, 1), 0, timezone).toISOString();
    const ids = technicians.map((t) => t.id);
    const found: Record<string, BoardState['absences'][string]> = {};
    for (let i = 0; i < ids.length; i += PER_REQUEST_BATCH) {
      await Promise.all(
        ids.slice(i, i + PER_REQUEST_BATCH).map(async (id) => {
          const list = await this.api.absences(id, from, to).catch(() => []);
          if (list.length > 0) found[id] = list;
        }),
      );
    }
    const now = this.store.get();
    if (now.agencyId === agencyId && now.date === date) this.store.set({ absences: found });
  }
}
