// The board's notices (state/notifier.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialState } from '../../src/state/board-state.ts';
import { Notifier } from '../../src/state/notifier.ts';
import { Store } from '../../src/state/store.ts';

describe('Notifier', () => {
  afterEach(() => vi.useRealTimers());

  it('lets information fade first, errors later: nothing stays over the timeline for ever', () => {
    vi.useFakeTimers();
    const store = new Store(initialState('2026-03-10'));
    const notifier = new Notifier(store);
    notifier.notify('success', 'notice.moved', { label: 'Dupont' });
    notifier.notify('error', 'notice.saveFailed', { message: 'offline' });
    vi.advanceTimersByTime(7_000);
    expect(store.get().notices.map((n) => n.key)).toEqual(['notice.saveFailed']);
    vi.runAllTimers();
    expect(store.get().notices).toEqual([]);
  });

  it('can be dismissed before it fades', () => {
    const store = new Store(initialState('2026-03-10'));
    const notifier = new Notifier(store);
    const id = notifier.notify('error', 'notice.saveFailed', { message: 'offline' });
    notifier.dismiss(id);
    expect(store.get().notices).toEqual([]);
  });

  it('shows the same notice once: said again, it replaces the one shown', () => {
    const store = new Store(initialState('2026-03-10'));
    const notifier = new Notifier(store);
    notifier.notify('warning', 'timeline.dropRefused');
    notifier.notify('warning', 'timeline.dropRefused');
    notifier.notify('error', 'notice.conflict', { label: 'A' });
    notifier.notify('error', 'notice.conflict', { label: 'B' });
    expect(store.get().notices.map((n) => [n.key, n.values?.label])).toEqual([
      ['timeline.dropRefused', undefined],
      ['notice.conflict', 'A'],
      ['notice.conflict', 'B'],
    ]);
  });

  it('shows the four newest at most', () => {
    const store = new Store(initialState('2026-03-10'));
    const notifier = new Notifier(store);
    for (let i = 1; i <= 6; i++) notifier.notify('error', `k${i}`);
    expect(store.get().notices.map((n) => n.key)).toEqual(['k3', 'k4', 'k5', 'k6']);
  });

  it('withdraws an undo offer once it no longer applies', () => {
    const store = new Store(initialState('2026-03-10'));
    const notifier = new Notifier(store);
    notifier.notify('success', 'notice.moved', { label: 'A' }, undefined, 'undo');
    expect(store.get().notices[0]?.action).toBe('undo');
    notifier.withdrawUndo();
    expect(store.get().notices[0]).toMatchObject({ key: 'notice.moved', values: { label: 'A' } });
    expect(store.get().notices[0]?.action).toBeUndefined();
  });
});
