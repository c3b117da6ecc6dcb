// Search-as-you-type: asks once the text has settled (250 ms), keeps only the
// answer to the latest text (an older, slower answer never overwrites it),
// and says when it is searching or failed.
import { useEffect, useState } from 'react';
import { describeError } from '../state/describe-error.ts';

export interface Lookup<T> {
  readonly results: readonly T[];
  readonly searching: boolean;
  /** The last failure, in words. */
  readonly error: string | null;
  /** The text the results answer (trimmed). */
  readonly answered: string;
}

export const SETTLE_MS = 250;

export function useLookup<T>(text: string, find: (q: string) => Promise<readonly T[]>, enabled = true, minLength = 2): Lookup<T> {
  const [state, setState] = useState<Lookup<T>>({ results: [], searching: false, error: null, answered: '' });
  const q = text.trim();
  useEffect(() => {
    if (!enabled || q.length < minLength) {
      setState({ results: [], searching: false, error: null, answered: '' });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, searching: true }));
    const timer = setTimeout(() => {
      find(q).then(
        (results) => live && setState({ results, searching: false, error: null, answered: q }),
        (error: unknown) => live && setState({ results: [], searching: false, error: describeError(error), answered: q }),
      );
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, enabled, minLength]); // eslint-disable-line react-hooks/exhaustive-deps -- `find` is a fresh closure each render; the text decides
  return state;
}
