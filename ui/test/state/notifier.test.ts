// The board's notices (state/notifier.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialState } from '../../src/state/board-state.ts';
import { Notifier } from '../../src/state/notifier.ts';
import { Store } from '../../src/state/store.ts';

describe('Notifier', () => {
  afterEach(() => vi.useRealTimers());

  it('lets information fade and keeps errors until dismissed', () => {
    vi.useFakeTimers();
    const store = new Store(initialState('2026-03-10'));
    const notifier = new Notifier(store);
    notifier.notify('success', 'notice.moved', { label: 'Dupont' });
    notifier.notify('error', 'notice.saveFailed', { message: 'offline' });
    vi.runAllTimers();
    expect(store.get().notices.map((n) => n.key)).toEqual(['notice.saveFailed']);
    notifier.dismiss(store.get().notices[0]!.id);
    expect(store.get().notices).toEqual([]);
  });

  it('shows the four newest at most', () => {
    const store = new Store(initialState('2026-03-10'));
    const notifier = new Notifier(store);
    for (let i = 1; i <= 6; i++) notifier.notify('error', `k${i}`);
    expect(store.get().notices.map((n) => n.key)).toEqual(['k3', 'k4', 'k5', 'k6']);
  });
});
