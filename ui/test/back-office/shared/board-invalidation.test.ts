// Which changes of the board's state mean the back office's data may be stale
// (ui/src/back-office/shared/board-invalidation.ts).
import { describe, expect, it } from 'vitest';
import { boardEventHappened } from '../../../src/back-office/shared/board-invalidation.ts';

const quiet = { agencyId: 'ag-aix', sequence: 10, newestConflict: null, online: true };

describe('boardEventHappened', () => {
  it('is true for a plan delta of the agency, a new field conflict, and the socket back online', () => {
    expect(boardEventHappened(quiet, { ...quiet, sequence: 11 })).toBe(true);
    expect(boardEventHappened(quiet, { ...quiet, newestConflict: 'act-1' })).toBe(true);
    expect(boardEventHappened({ ...quiet, newestConflict: 'act-1' }, { ...quiet, newestConflict: 'act-2' })).toBe(true);
    expect(boardEventHappened({ ...quiet, online: false }, quiet)).toBe(true);
  });

  it('is false when nothing was heard: the same sequence, a conflict handled, the socket lost, another agency chosen', () => {
    expect(boardEventHappened(quiet, { ...quiet })).toBe(false);
    expect(boardEventHappened({ ...quiet, newestConflict: 'act-1' }, quiet)).toBe(false);
    expect(boardEventHappened(quiet, { ...quiet, online: false })).toBe(false);
    // A new agency's plan starts its own sequence: the screens read that agency's data anyway.
    expect(boardEventHappened(quiet, { ...quiet, agencyId: 'ag-mrs', sequence: 3 })).toBe(false);
    expect(boardEventHappened(quiet, { ...quiet, agencyId: null, sequence: null })).toBe(false);
  });
});
