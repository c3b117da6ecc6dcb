// Shared by the back office's screens: load data when its inputs change,
// with loading / error states, a reload(), and stale answers ignored (a
// slower earlier request never overwrites a newer one).
//
// Stable API: useLoad, Loaded.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly loading: boolean;
  readonly error: unknown;
  readonly reload: () => void;
}

/** `load` runs whenever a value of `deps` changes; `null` from `enabled=false` skips it. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[], enabled = true): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; loading: boolean; error: unknown }>({ data: undefined, loading: enabled, error: null });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    if (!enabled) {
      setState({ data: undefined, loading: false, error: null });
      return;
    }
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    loadRef.current().then(
      (data) => { if (seq.current === mine) setState({ data, loading: false, error: null }); },
      (error: unknown) => { if (seq.current === mine) setState((s) => ({ data: s.data, loading: false, error })); },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, enabled, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
