// The board's notices (saved, refused, a field conflict…): kept in the store
// as i18n keys, so they are translated when shown. At most four at once.
import type { BoardState, Notice, Panel } from './board-state.ts';
import type { Store } from './store.ts';

const NOTICE_MS = 6_000;

export class Notifier {
  private lastId = 0;

  constructor(private readonly store: Store<BoardState>) {}

  notify(kind: Notice['kind'], key: string, values?: Notice['values'], panel?: Panel): void {
    const id = ++this.lastId;
    this.store.set((s) => ({ notices: [...s.notices.slice(-3), { id, kind, key, ...(values ? { values } : {}), ...(panel ? { panel } : {}) }] }));
    // Errors stay until dismissed: a refused save must not vanish unread.
    if (kind !== 'error') setTimeout(() => this.dismiss(id), NOTICE_MS);
  }

  dismiss(id: number): void {
    this.store.set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  }
}
