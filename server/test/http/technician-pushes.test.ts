import { describe, expect, it } from 'vitest';
import { pushesFor, type PushState } from '../../src/http/technician-pushes.ts';

const at = (h: number) => new Date(Date.UTC(2026, 0, 15, h));
const state = (over: Partial<PushState>): PushState => ({ id: 'i1', status: 'assigned', technicianId: 't1', plannedStart: at(9), plannedEnd: at(10), ...over });

describe('pushesFor', () => {
  it.each<[string, PushState | null, PushState, ReturnType<typeof pushesFor>]>([
    ['created unassigned', null, state({ status: 'requested', technicianId: null }), []],
    ['created as planned for t1', null, state({ status: 'planned' }), [{ technicianId: 't1', kind: 'assigned' }]],
    ['given to t1', state({ technicianId: null }), state({}), [{ technicianId: 't1', kind: 'assigned' }]],
    [
      'moved from t1 to t2',
      state({}),
      state({ technicianId: 't2' }),
      [
        { technicianId: 't1', kind: 'unassigned' },
        { technicianId: 't2', kind: 'assigned' },
      ],
    ],
    ['taken away', state({}), state({ technicianId: null }), [{ technicianId: 't1', kind: 'unassigned' }]],
    ['rescheduled', state({}), state({ plannedStart: at(14), plannedEnd: at(15) }), [{ technicianId: 't1', kind: 'rescheduled' }]],
    ['dispatched', state({}), state({ status: 'dispatched' }), [{ technicianId: 't1', kind: 'updated' }]],
    ['cancelled', state({ status: 'dispatched' }), state({ status: 'cancelled' }), [{ technicianId: 't1', kind: 'cancelled' }]],
    ['finished by the office', state({ status: 'on_site' }), state({ status: 'done' }), [{ technicianId: 't1', kind: 'updated' }]],
    ['closed after done', state({ status: 'done' }), state({ status: 'closed' }), []],
    ['edited while still requested', state({ status: 'requested' }), state({ status: 'requested', plannedStart: at(11) }), []],
  ])('%s', (_, before, after, expected) => {
    expect(pushesFor(before, after)).toEqual(expected);
  });
});
