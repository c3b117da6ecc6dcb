// The lifecycle as a table: every (from, to) pair for a dispatcher, then the
// role and precondition rules.
import { describe, expect, it } from 'vitest';
import { allowedTransitions, checkTransition, INTERVENTION_STATUSES, type InterventionStatus } from '../src/lifecycle.ts';

// The only legal moves for a dispatcher on an intervention with a technician.
const LEGAL: Record<InterventionStatus, InterventionStatus[]> = {
  requested: ['planned', 'cancelled'],
  planned: ['assigned', 'cancelled'],
  assigned: ['dispatched', 'cancelled'],
  dispatched: ['en_route', 'cancelled'],
  en_route: ['on_site', 'cancelled'],
  on_site: ['done', 'cancelled'],
  done: ['closed'],
  closed: [],
  cancelled: [],
};

describe('checkTransition', () => {
  describe.each(INTERVENTION_STATUSES)('from %s', (from) => {
    it.each(INTERVENTION_STATUSES)(`to %s`, (to) => {
      const verdict = checkTransition({ from, to, role: 'dispatcher', hasTechnician: true, reason: 'Client absent' });
      expect(verdict.ok).toBe(LEGAL[from].includes(to));
      if (!verdict.ok) {
        expect(verdict.refusal).toBe('illegal');
        expect(verdict.reason.length).toBeGreaterThan(10);
      }
    });
  });

  it.each([
    [{ from: 'requested', to: 'dispatched' }, 'illegal', 'from requested the next state is planned, not dispatched'],
    [{ from: 'planned', to: 'requested' }, 'illegal', 'from planned the next state is assigned, not requested'],
    [{ from: 'done', to: 'cancelled' }, 'illegal', 'a done intervention can no longer be cancelled'],
    [{ from: 'closed', to: 'done' }, 'illegal', 'a closed intervention is final'],
    [{ from: 'assigned', to: 'assigned' }, 'illegal', 'the intervention is already assigned'],
    [{ from: 'planned', to: 'assigned', hasTechnician: false }, 'precondition', 'assigned needs a technician: assign one first'],
    [{ from: 'planned', to: 'cancelled', reason: '  ' }, 'precondition', 'cancelling needs a reason'],
    [{ from: 'planned', to: 'cancelled', reason: undefined }, 'precondition', 'cancelling needs a reason'],
    [
      { from: 'assigned', to: 'dispatched', role: 'technician' },
      'forbidden',
      'a technician can only move their interventions en_route, on_site or done, not dispatched',
    ],
    [{ from: 'done', to: 'closed', role: 'technician' }, 'forbidden', 'a technician can only move their interventions en_route, on_site or done, not closed'],
    [{ from: 'en_route', to: 'cancelled', role: 'technician' }, 'forbidden', 'only a dispatcher can cancel an intervention'],
  ] as const)('refuses %j as %s: %s', (request, refusal, reason) => {
    const verdict = checkTransition({ role: 'dispatcher', hasTechnician: true, reason: 'r', ...request });
    expect(verdict).toEqual({ ok: false, refusal, reason });
  });

  it('lets technicians make the field moves', () => {
    for (const [from, to] of [
      ['dispatched', 'en_route'],
      ['en_route', 'on_site'],
      ['on_site', 'done'],
    ] as const) {
      expect(checkTransition({ from, to, role: 'technician', hasTechnician: true })).toEqual({ ok: true });
    }
  });

  it('lets a technician set off on a visit of theirs that planning or a dispatcher left planned or assigned', () => {
    // Planning leaves the visits of a tour `planned` with their technician: setting off is the dispatch.
    for (const from of ['planned', 'assigned', 'dispatched'] as const) {
      expect(checkTransition({ from, to: 'en_route', role: 'technician', hasTechnician: true })).toEqual({ ok: true });
    }
    expect(checkTransition({ from: 'planned', to: 'en_route', role: 'technician', hasTechnician: false })).toEqual({
      ok: false,
      refusal: 'precondition',
      reason: 'en_route needs a technician: assign one first',
    });
    expect(checkTransition({ from: 'requested', to: 'en_route', role: 'technician', hasTechnician: true })).toEqual({
      ok: false,
      refusal: 'illegal',
      reason: 'from requested the next state is planned, not en_route',
    });
    // Only the start skips: the rest stays one step at a time, and dispatchers never skip.
    expect(checkTransition({ from: 'assigned', to: 'on_site', role: 'technician', hasTechnician: true })).toMatchObject({ ok: false, refusal: 'illegal' });
    expect(checkTransition({ from: 'planned', to: 'en_route', role: 'dispatcher', hasTechnician: true })).toMatchObject({ ok: false, refusal: 'illegal' });
  });
});

describe('allowedTransitions', () => {
  it('lists the moves a caller may make now', () => {
    expect(allowedTransitions('requested', 'dispatcher', false)).toEqual(['planned', 'cancelled']);
    expect(allowedTransitions('planned', 'dispatcher', false)).toEqual(['cancelled']);
    expect(allowedTransitions('dispatched', 'technician', true)).toEqual(['en_route']);
    expect(allowedTransitions('assigned', 'technician', true)).toEqual(['en_route']);
    expect(allowedTransitions('planned', 'technician', true)).toEqual(['en_route']);
    expect(allowedTransitions('planned', 'technician', false)).toEqual([]);
    expect(allowedTransitions('requested', 'technician', true)).toEqual([]);
    expect(allowedTransitions('done', 'admin', true)).toEqual(['closed']);
  });
});
