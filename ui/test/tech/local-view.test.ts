// The pure core of the technician app's sync (sync/local-view.ts): what a
// visit shows while actions wait, what a new action builds on, how the outbox
// is cut into batches, how an answer reads.
import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_DATA_URL, type ActionResult, type FieldActionInput, type VisitSheet } from '@tournee/contracts/replication';
import { MAX_PHOTO_CHARS } from '../../src/tech/report/photo.ts';
import { answered, fitWithin, localArrival, localStatus, minutesBetween, nextBase, nextBatch } from '../../src/tech/sync/local-view.ts';
import type { QueuedAction } from '../../src/tech/sync/types.ts';

const VISIT = 'visit-1';
const visit = (status: VisitSheet['status'], version: number, actualStart: string | null = null) => ({ id: VISIT, status, version, actualStart }) as VisitSheet;
let n = 0;
const move = (to: 'en_route' | 'on_site', state: QueuedAction['state'], extra: Partial<QueuedAction> = {}, at = '2026-11-28T09:00:00.000Z'): QueuedAction => ({
  seq: ++n,
  state,
  label: to,
  recordedAt: at,
  action: { kind: 'status', id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, createdAt: at, interventionId: VISIT, to, at, baseVersion: 1 },
  ...extra,
});
const applied = (version: number) => ({ id: 'x', status: 'applied', interventionVersion: version, merged: false }) as const;

describe('localStatus', () => {
  it.each([
    ['nothing waiting: the server’s status', visit('dispatched', 4), [], 'dispatched'],
    ['a move waiting to be sent', visit('dispatched', 4), [move('en_route', 'pending')], 'en_route'],
    ['two moves waiting, the last wins', visit('dispatched', 4), [move('en_route', 'pending'), move('on_site', 'pending')], 'on_site'],
    ['applied but the portfolio is older', visit('dispatched', 4), [move('en_route', 'applied', { result: applied(5) })], 'en_route'],
    ['applied and already in the portfolio', visit('on_site', 6), [move('en_route', 'applied', { result: applied(5) })], 'on_site'],
    ['a conflict leaves the server’s status', visit('dispatched', 5), [move('en_route', 'conflict')], 'dispatched'],
  ] as const)('%s', (_name, v, queue, expected) => {
    expect(localStatus(v, queue)).toBe(expected);
  });

  it('reads the arrival from the on-site move, else the server', () => {
    expect(localArrival(visit('on_site', 5, '2026-11-28T08:00:00.000Z'), [])).toBe('2026-11-28T08:00:00.000Z');
    expect(localArrival(visit('en_route', 5), [move('on_site', 'pending', {}, '2026-11-28T10:15:00.000Z')])).toBe('2026-11-28T10:15:00.000Z');
    expect(minutesBetween('2026-11-28T10:15:00.000Z', new Date('2026-11-28T11:00:20.000Z'))).toBe(45);
    expect(minutesBetween(null, new Date())).toBeNull();
  });
});

describe('nextBase', () => {
  it('builds on the last move still in flight', () => {
    const first = move('en_route', 'pending');
    expect(nextBase(visit('dispatched', 4), VISIT, [first])).toEqual({ after: first.action.id });
  });
  it('else on the newest version the server told of', () => {
    expect(nextBase(visit('dispatched', 4), VISIT, [])).toEqual({ baseVersion: 4 });
    expect(nextBase(visit('dispatched', 4), VISIT, [move('en_route', 'applied', { result: applied(5) })])).toEqual({ baseVersion: 5 });
    expect(nextBase(visit('dispatched', 7), VISIT, [move('en_route', 'applied', { result: applied(5) })])).toEqual({ baseVersion: 7 });
  });
  it('ignores other visits and actions that carry no version', () => {
    const other = move('en_route', 'pending');
    const elsewhere: QueuedAction = { ...other, action: { ...other.action, interventionId: 'visit-2' } as FieldActionInput };
    const request: QueuedAction = {
      seq: 99,
      state: 'pending',
      label: '',
      recordedAt: '',
      action: { kind: 'request_part', id: 'r', createdAt: '', requestId: 'q', partId: 'p', quantity: 1 },
    };
    expect(nextBase(visit('dispatched', 3), VISIT, [elsewhere, request])).toEqual({ baseVersion: 3 });
  });
});

describe('nextBatch', () => {
  const sized = (chars: number): QueuedAction => ({ ...move('en_route', 'pending'), label: 'x'.repeat(chars) }) as QueuedAction;
  const photo = (chars: number): QueuedAction => ({
    seq: ++n,
    state: 'pending',
    label: '',
    recordedAt: '',
    action: { kind: 'photo', id: 'p', createdAt: '', interventionId: VISIT, photoId: 'f', takenAt: '', image: 'x'.repeat(chars), width: 1, height: 1 },
  });
  it('keeps the order and stays under the byte budget', () => {
    const queue = [photo(400_000), photo(400_000), sized(10)];
    expect(nextBatch(queue, 600_000).map((q) => q.seq)).toEqual([queue[0]!.seq]);
    expect(nextBatch(queue.slice(1), 600_000).map((q) => q.seq)).toEqual([queue[1]!.seq, queue[2]!.seq]);
  });
  it('always sends at least one action, and at most maxCount', () => {
    expect(nextBatch([photo(900_000)], 600_000)).toHaveLength(1);
    expect(
      nextBatch(
        Array.from({ length: 80 }, () => sized(1)),
        600_000,
        50,
      ),
    ).toHaveLength(50);
  });
});

describe('answers', () => {
  it('a duplicate takes its first answer', () => {
    const first = { id: 'a', status: 'conflict', reason: 'reassigned', message: 'm', current: {} } as const;
    expect(answered({ id: 'a', status: 'duplicate', first } as ActionResult)).toEqual({ state: 'conflict', first });
    expect(answered(first)).toEqual({ state: 'conflict', first });
  });
});

describe('small helpers', () => {
  it('fits photos within a longest side, never enlarging', () => {
    expect(fitWithin(4000, 3000, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(1200, 3000, 1600)).toEqual({ width: 640, height: 1600 });
    expect(fitWithin(800, 600, 1600)).toEqual({ width: 800, height: 600 });
  });
  it('keeps the photo limit in step with the contract', () => {
    expect(MAX_PHOTO_CHARS).toBe(MAX_PHOTO_DATA_URL);
  });
});
