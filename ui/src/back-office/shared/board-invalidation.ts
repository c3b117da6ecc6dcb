// What the board hears over its socket, turned into cache invalidations for a
// back-office screen: stock moves with the plan (assigning a visit reserves its
// parts, unassigning releases them, a visit done consumes them) and with what
// technicians do in the field (a part used that was not there is a field
// conflict). The board's store already folds those events in, so this follows
// the store rather than the socket:
// - `plan.sequence`: every plan delta of the agency, whatever day it is about;
// - the newest open field conflict;
// - the socket back online after a loss (what was announced meanwhile is unknown).
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useContext, useEffect } from 'react';
import type { BoardState } from '../../state/board-state.ts';
import { ControllerContext } from '../../state/context.tsx';

interface Signals {
  readonly agencyId: string | null;
  readonly sequence: number | null;
  readonly newestConflict: string | null;
  readonly online: boolean;
}

const signals = (s: BoardState): Signals => ({
  agencyId: s.plan?.agencyId ?? null,
  sequence: s.plan?.sequence ?? null,
  newestConflict: s.conflicts[0]?.actionId ?? null,
  online: s.connection === 'online',
});

/** Whether something the board heard between two states may have changed the back office's data. */
export function boardEventHappened(before: Signals, after: Signals): boolean {
  const planMoved = after.sequence !== null && before.agencyId === after.agencyId && before.sequence !== after.sequence;
  const newConflict = after.newestConflict !== null && after.newestConflict !== before.newestConflict;
  const backOnline = after.online && !before.online;
  return planMoved || newConflict || backOnline;
}

/**
 * Invalidates the queries under each key when the board hears of a change. Outside the board (a test rendering
 * a screen alone) there is no socket, and nothing to do.
 */
export function useInvalidateOnBoardEvents(keys: readonly QueryKey[]): void {
  const controller = useContext(ControllerContext);
  const queryClient = useQueryClient();
  // The keys as one value, so a new array with the same keys is not a new subscription.
  const serialized = JSON.stringify(keys);
  useEffect(() => {
    if (!controller) return;
    const queryKeys = JSON.parse(serialized) as QueryKey[];
    let last = signals(controller.store.get());
    return controller.store.subscribe(() => {
      const now = signals(controller.store.get());
      if (boardEventHappened(last, now)) for (const queryKey of queryKeys) void queryClient.invalidateQueries({ queryKey });
      last = now;
    });
  }, [controller, queryClient, serialized]);
}
