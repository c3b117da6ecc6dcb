// The board's notices (saved, refused, a field conflict…): kept in the store
// as i18n keys, so they are translated when shown. At most four at once; the
// same notice said again replaces the one shown (a refused drop tried twice
// shows once), and every notice leaves on its own — errors after longer, so
// they are read, but they never pile up over the timeline.
import type { BoardState, Notice, Panel } from './board-state.ts';
import type { Store } from './store.ts';

const NOTICE_MS = 6_000;
/** Errors, and notices offering an action (undo), stay longer. */
const LASTING_NOTICE_MS = 15_000;
const MAX_NOTICES = 4;

const sameNotice = (a: Omit<Notice, 'id'>, b: Omit<Notice, 'id'>): boolean =>
  a.kind === b.kind && a.key === b.key && JSON.stringify(a.values ?? {}) === JSON.stringify(b.values ?? {});

export class Notifier {
  private lastId = 0;

  constructor(private readonly store: Store<BoardState>) {}

  notify(kind: Notice['kind'], key: string, values?: Notice['values'], panel?: Panel, action?: Notice['action']): number {
    const id = ++this.lastId;
    const notice: Notice = { id, kind, key, ...(values ? { values } : {}), ...(panel ? { panel } : {}), ...(action ? { action } : {}) };
    this.store.set((s) => ({ notices: [...s.notices.filter((n) => !sameNotice(n, notice)).slice(-(MAX_NOTICES - 1)), notice] }));
    setTimeout(() => this.dismiss(id), kind === 'error' || action ? LASTING_NOTICE_MS : NOTICE_MS);
    return id;
  }

  dismiss(id: number): void {
    this.store.set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  }

  /** Takes the undo offer off the notices that made it (the move was undone, or a newer one replaced it). */
  withdrawUndo(): void {
    this.store.set((s) => ({
      notices: s.notices.map((n) => (n.action === 'undo' ? { id: n.id, kind: n.kind, key: n.key, ...(n.values ? { values: n.values } : {}) } : n)),
    }));
  }
}
