// How a synchronization run turns a 400 on a batch into refusals without
// blocking the rest of the outbox (sync/synchronizer.ts).
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/api/http.ts';
import { refusedByValidation } from '../../../src/tech/sync/synchronizer.ts';
import type { QueuedAction } from '../../../src/tech/sync/types.ts';

let n = 0;
const move = (to: 'en_route' | 'on_site'): QueuedAction => {
  n += 1;
  const at = '2026-11-28T09:00:00.000Z';
  return {
    seq: n,
    state: 'pending',
    label: to,
    recordedAt: at,
    action: { kind: 'status', id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, createdAt: at, interventionId: 'visit-1', to, at, baseVersion: 1 },
  };
};

describe('refusedByValidation', () => {
  it('refuses the actions a 400 names and leaves the others pending', () => {
    const batch = [move('en_route'), move('on_site'), move('on_site')];
    const error = new ApiError(400, 'invalid request body', [{ path: 'actions[1].at', in: 'body', message: 'Invalid ISO datetime' }]);
    const out = refusedByValidation(batch, error);
    expect(out.map((q) => q.state)).toEqual(['pending', 'rejected', 'pending']);
    expect(out[1]!.result).toMatchObject({ status: 'rejected', details: [{ message: 'at: Invalid ISO datetime' }] });
  });

  it('refuses the whole batch when the 400 names no action, rather than resending it forever', () => {
    const batch = [move('en_route'), move('on_site')];
    const out = refusedByValidation(batch, new ApiError(400, 'the body is not valid JSON'));
    expect(out.map((q) => q.state)).toEqual(['rejected', 'rejected']);
    expect(out[0]!.result).toMatchObject({ status: 'rejected', details: [{ message: 'the body is not valid JSON' }] });
  });

  it('names the action itself when the 400 points at it as a whole', () => {
    const batch = [move('en_route')];
    const out = refusedByValidation(batch, new ApiError(400, 'invalid request body', [{ path: 'actions[0]', in: 'body', message: 'Unknown kind' }]));
    expect(out[0]!.result).toMatchObject({ details: [{ message: 'action: Unknown kind' }] });
  });
});
