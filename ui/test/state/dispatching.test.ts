// Moves and urgent assignments as the board controller carries them out (state/dispatching.ts).
import { describe, expect, it, vi } from 'vitest';
import type { AssignAnswer } from '../../src/api/endpoints.ts';
import { ApiError } from '../../src/api/http.ts';
import { fakeApi, loggedInBoard } from '../support/fake-board.ts';

const answer = (over: Partial<AssignAnswer> = {}): AssignAnswer => ({
  interventionId: 'i-3',
  technicianId: 't-bruno',
  day: '2026-03-10',
  tourId: 'tour-bruno',
  position: 0,
  plannedStart: null,
  plannedEnd: null,
  pushedOut: [],
  late: [],
  interventionVersion: 4,
  tourVersion: 1,
  ...over,
});

describe('dispatching', () => {
  it('says an assignment’s warnings (parts not where the technician can get them) as notices', async () => {
    const assign = vi.fn(async () => answer({ warnings: [{ code: 'parts_unavailable', message: 'FLT-200 is not in Bruno’s van nor at his depot' }] }));
    const { controller } = await loggedInBoard(fakeApi({ assign }));
    await controller.moveVisit('i-3', { technicianId: 't-bruno', position: 0 });
    const warning = controller.store.get().notices.find((n) => n.key === 'notice.warning.parts_unavailable');
    expect(warning).toMatchObject({
      kind: 'warning',
      values: { label: 'Camping des Pins — Pertuis', message: 'FLT-200 is not in Bruno’s van nor at his depot' },
    });
  });

  it('sends the version seen when the visit was picked up, not the one the board holds at the drop', async () => {
    const assign = vi.fn(async () => answer({ interventionId: 'i-2' }));
    const { controller } = await loggedInBoard(fakeApi({ assign }));
    controller.startDrag('i-2', { grabOffset: 0, pointer: { x: 0, y: 0 }, keyboard: { row: 1, start: 600 } });
    expect(controller.drag.get()).toMatchObject({ interventionId: 'i-2', version: 3 });
    await controller.moveVisit('i-2', { technicianId: 't-bruno', position: 0 }, 2);
    expect(assign).toHaveBeenCalledWith('i-2', { technicianId: 't-bruno', day: '2026-03-10', position: 0, version: 2 });
  });

  it('says a move refused as stale (409) and marks the tours being reloaded until the snapshot is in', async () => {
    const assign = vi.fn(async () => {
      throw new ApiError(409, 'stale version 3; current is 4');
    });
    const { controller } = await loggedInBoard(fakeApi({ assign }));
    const seen: string[][] = [];
    controller.store.subscribe(() => seen.push(Object.keys(controller.store.get().reloading)));
    expect(await controller.moveVisit('i-2', { technicianId: 't-bruno', position: 0 })).toBe(false);
    expect(controller.store.get().notices.at(-1)).toMatchObject({ kind: 'error', key: 'notice.conflict', values: { label: 'Leroy — Gardanne' } });
    expect(seen).toContainEqual(['tour-alice']);
    expect(controller.store.get().reloading).toEqual({});
  });

  it('asks the server to evaluate a move at the agency’s local time', async () => {
    const api = fakeApi();
    const { controller } = await loggedInBoard(api);
    await controller.evaluateMove('i-2', 't-bruno', 14 * 60, 3);
    // 14:00 in Paris on 10 March 2026 (UTC+1).
    expect(api.evaluateMove).toHaveBeenCalledWith('i-2', { technicianId: 't-bruno', day: '2026-03-10', at: '2026-03-10T13:00:00.000Z', version: 3 });
  });
});
