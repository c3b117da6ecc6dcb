// Conflicts replicated from the field (state/field-conflicts.ts), as the board controller follows them.
import { describe, expect, it, vi } from 'vitest';
import type { FieldConflictNotice } from '../../src/api/types.ts';
import { ApiError } from '../../src/api/http.ts';
import { fakeApi, loggedInBoard } from '../support/fake-board.ts';

const notice = (over: Partial<FieldConflictNotice> = {}): FieldConflictNotice => ({
  actionId: 'act-1',
  kind: 'status',
  technicianId: 't-alice',
  technicianName: 'Alice Martin',
  agencyId: 'ag-aix',
  interventionId: 'i-2',
  reason: 'reassigned',
  message: 'the visit was given to Bruno',
  current: {},
  receivedAt: '2026-03-10T09:00:00Z',
  resolvedAt: null,
  resolution: null,
  ...over,
});

describe('field conflicts', () => {
  it('lists a notice of the agency shown at once, says it with the visit’s label, then reads the list for what was entered', async () => {
    const payload = { kind: 'status', to: 'on_site' };
    const conflicts = vi.fn(async () => [] as Awaited<ReturnType<ReturnType<typeof fakeApi>['conflicts']>>);
    const { controller, socket } = await loggedInBoard(fakeApi({ conflicts }));
    conflicts.mockResolvedValue([{ ...notice(), payload }]);
    socket.serve('field:conflict', notice());
    expect(controller.store.get().conflicts.map((c) => c.actionId)).toEqual(['act-1']);
    expect(controller.store.get().notices.at(-1)).toMatchObject({
      kind: 'warning',
      key: 'notice.fieldConflict',
      values: { name: 'Alice Martin', label: 'Leroy — Gardanne' },
      panel: 'conflicts',
    });
    await vi.waitFor(() => expect(controller.store.get().conflicts[0]?.payload).toEqual(payload), { timeout: 5_000 });
  });

  it('says a notice of another agency without listing it', async () => {
    const { controller, socket } = await loggedInBoard();
    socket.serve('field:conflict', notice({ agencyId: 'ag-other', interventionId: null }));
    expect(controller.store.get().conflicts).toEqual([]);
    expect(controller.store.get().notices.at(-1)).toMatchObject({ key: 'notice.fieldConflictNoVisit' });
  });

  it('drops a conflict someone else already handled (404) and says the save failed', async () => {
    const resolveConflict = vi.fn(async () => {
      throw new ApiError(404, 'no open conflict act-1');
    });
    const { controller, socket } = await loggedInBoard(fakeApi({ resolveConflict }));
    socket.serve('field:conflict', notice());
    expect(await controller.resolveConflict('act-1', 'called Alice')).toBe(false);
    expect(controller.store.get().conflicts).toEqual([]);
    expect(controller.store.get().notices.at(-1)).toMatchObject({ kind: 'error', key: 'notice.saveFailed' });
  });
});
