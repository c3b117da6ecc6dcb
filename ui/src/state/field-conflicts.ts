// Field conflicts: a technician's action replicated from the field that
// clashed with the office's record. The live `field:conflict` notice is shown
// at once; the list (with what the technician entered) follows; the
// dispatcher marks each one handled with a note.
import type { Api } from '../api/endpoints.ts';
import { ApiError } from '../api/http.ts';
import type { FieldConflictNotice } from '../api/types.ts';
import type { BoardState, OpenConflict } from './board-state.ts';
import { describeError } from './describe-error.ts';
import type { Notifier } from './notifier.ts';
import type { Store } from './store.ts';

/** After a notice, the list is read again once the notices of the same replication batch are in. */
const RELOAD_AFTER_NOTICE_MS = 500;

export class FieldConflicts {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly store: Store<BoardState>,
    private readonly api: Api,
    private readonly notifier: Notifier,
  ) {}

  /** The selected agency's open conflicts, with what the technicians entered. */
  async load(): Promise<void> {
    const { agencyId } = this.store.get();
    if (!agencyId) return;
    const list = await this.api.conflicts({ agencyId, open: true, limit: 100 }).catch(() => null);
    if (!list || this.store.get().agencyId !== agencyId) return;
    this.store.set((s) => {
      // A notice that arrived after the list was read stays until the next listing has it.
      const listed = new Set(list.map((c) => c.actionId));
      const newer = s.conflicts.filter((c) => !listed.has(c.actionId) && !c.payload);
      return { conflicts: [...newer, ...list] };
    });
  }

  /** A `field:conflict` event: listed at once if it is the selected agency's, and always said. */
  received(notice: FieldConflictNotice): void {
    const { agencyId, agencies, plan } = this.store.get();
    const label = (notice.interventionId && plan?.interventions[notice.interventionId]?.label) || '';
    if (notice.agencyId === agencyId) {
      this.store.set((s) => ({ conflicts: [notice as OpenConflict, ...s.conflicts.filter((c) => c.actionId !== notice.actionId)] }));
      // The notice has no payload (what the technician entered): the list has it.
      this.cancel();
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.load();
      }, RELOAD_AFTER_NOTICE_MS);
    }
    const agency = agencies.find((a) => a.id === notice.agencyId)?.name ?? '';
    this.notifier.notify(
      'warning',
      label ? 'notice.fieldConflict' : 'notice.fieldConflictNoVisit',
      { name: notice.technicianName, label, agency },
      'conflicts',
    );
  }

  /** Marks a conflict handled, with what was decided. */
  async resolve(actionId: string, resolution: string): Promise<boolean> {
    try {
      await this.api.resolveConflict(actionId, resolution);
      this.store.set((s) => ({ conflicts: s.conflicts.filter((c) => c.actionId !== actionId) }));
      this.notifier.notify('success', 'conflicts.resolvedNotice');
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        // Someone else handled it (or it left the agency): it is no longer open here.
        this.store.set((s) => ({ conflicts: s.conflicts.filter((c) => c.actionId !== actionId) }));
      }
      this.notifier.notify('error', 'notice.saveFailed', { message: describeError(error) });
      return false;
    }
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
