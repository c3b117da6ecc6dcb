import { afterEach, describe, expect, it } from 'vitest';
import { DEBUG_STORAGE_KEY, debugEnabled, exposeDebug } from '../../src/state/debug.ts';

const storage = (value: string | null) => ({ getItem: (key: string) => (key === DEBUG_STORAGE_KEY ? value : null) });

describe('debug handles', () => {
  afterEach(() => {
    delete (window as unknown as Record<string, unknown>).__tournee;
    window.localStorage.removeItem(DEBUG_STORAGE_KEY);
    window.history.replaceState(null, '', '/');
  });

  it('are off unless the URL has ?debug or localStorage says tournee.debug = 1', () => {
    expect(debugEnabled({ search: '', storage: storage(null) })).toBe(false);
    expect(debugEnabled({ search: '?agency=x', storage: storage('0') })).toBe(false);
    expect(debugEnabled({ search: '?debug', storage: storage(null) })).toBe(true);
    expect(debugEnabled({ search: '?x=1&debug=1', storage: null })).toBe(true);
    expect(debugEnabled({ search: '', storage: storage('1') })).toBe(true);
    expect(
      debugEnabled({
        search: '',
        storage: {
          getItem: () => {
            throw new Error('denied');
          },
        },
      }),
    ).toBe(false);
  });

  it('set window.__tournee only when asked for', () => {
    const handle = { store: 'the controller' };
    expect(exposeDebug('__tournee', handle)).toBe(false);
    expect((window as unknown as Record<string, unknown>).__tournee).toBeUndefined();

    window.localStorage.setItem(DEBUG_STORAGE_KEY, '1');
    expect(exposeDebug('__tournee', handle)).toBe(true);
    expect((window as unknown as Record<string, unknown>).__tournee).toBe(handle);

    delete (window as unknown as Record<string, unknown>).__tournee;
    window.localStorage.removeItem(DEBUG_STORAGE_KEY);
    window.history.replaceState(null, '', '/?debug');
    expect(exposeDebug('__tournee', handle)).toBe(true);
  });
});
