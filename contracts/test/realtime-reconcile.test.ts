// The clients' reconciliation, as tables: what each delta or snapshot does to
// a plan state, and what each outbox message does to the app's outbox state.
import { describe, expect, it } from 'vitest';
import {
  applyDelta,
  applySnapshot,
  emptyOutbox,
  planFromSnapshot,
  receiveOutboxMessage,
  type DeltaOutcome,
  type OutboxState,
  type PlanState,
} from '../src/realtime-reconcile.ts';
import type { InterventionView, OutboxMessage, PlanDelta, PlanSnapshot, ResyncNeed, Tombstone, TourView } from '../src/realtime.ts';

const tour = (id: string, version: number, status: TourView['status'] = 'published'): TourView => ({
  id,
  agencyId: 'A',
  technicianId: `tech-${id}`,
  date: '2026-12-01',
  status,
  kpis: {},
  stops: [],
  version,
});
const visit = (id: string, version: number, priority = 50): InterventionView => ({
  id,
  agencyId: 'A',
  status: 'planned',
  priority,
  technicianId: null,
  siteId: 's',
  sectorId: null,
  lat: null,
  lon: null,
  label: id,
  estimatedDurationMinutes: 60,
  plannedStart: null,
  plannedEnd: null,
  slaDeadline: null,
  pinned: false,
  version,
});
const snapshot = (sequence: number, tours: TourView[], interventions: InterventionView[] = [], epoch = 'e1'): PlanSnapshot => ({
  agencyId: 'A',
  date: '2026-12-01',
  epoch,
  sequence,
  reason: 'requested',
  tours,
  interventions,
  generatedAt: '',
});
const delta = (
  sequence: number,
  parts: {
    tours?: TourView[];
    removedTours?: Tombstone[];
    interventions?: InterventionView[];
    removedInterventions?: Tombstone[];
    date?: string;
    epoch?: string;
    agencyId?: string;
  } = {},
): PlanDelta => ({
  agencyId: parts.agencyId ?? 'A',
  date: parts.date ?? '2026-12-01',
  epoch: parts.epoch ?? 'e1',
  sequence,
  reason: 'manual',
  tours: parts.tours ?? [],
  removedTours: parts.removedTours ?? [],
  interventions: parts.interventions ?? [],
  removedInterventions: parts.removedInterventions ?? [],
  sentAt: '',
});

/** A state at sequence 5 holding tour T at v2 and visit V at v3. */
const base: PlanState = planFromSnapshot(snapshot(5, [tour('T', 2)], [visit('V', 3)]));
const versions = (s: PlanState) => ({
  tours: Object.fromEntries(Object.values(s.tours).map((t) => [t.id, t.version])),
  visits: Object.fromEntries(Object.values(s.interventions).map((v) => [v.id, v.version])),
});

describe('applyDelta', () => {
  const cases: Array<[string, PlanDelta, DeltaOutcome, ResyncNeed | null, number, ReturnType<typeof versions>]> = [
    ['next delta, newer tour: applied', delta(6, { tours: [tour('T', 3)] }), 'applied', null, 6, { tours: { T: 3 }, visits: { V: 3 } }],
    [
      'next delta, new items: added',
      delta(6, { tours: [tour('U', 1)], interventions: [visit('W', 1)] }),
      'applied',
      null,
      6,
      { tours: { T: 2, U: 1 }, visits: { V: 3, W: 1 } },
    ],
    ['next delta, older item: newer wins, kept', delta(6, { tours: [tour('T', 1)] }), 'applied', null, 6, { tours: { T: 2 }, visits: { V: 3 } }],
    ['next delta, equal version: kept', delta(6, { interventions: [visit('V', 3, 99)] }), 'applied', null, 6, { tours: { T: 2 }, visits: { V: 3 } }],
    ['tombstone at the held version: removed', delta(6, { removedTours: [{ id: 'T', version: 2 }] }), 'applied', null, 6, { tours: {}, visits: { V: 3 } }],
    [
      'tombstone older than held: ignored',
      delta(6, { removedInterventions: [{ id: 'V', version: 2 }] }),
      'applied',
      null,
      6,
      { tours: { T: 2 }, visits: { V: 3 } },
    ],
    ['tombstone of an unknown item: nothing', delta(6, { removedTours: [{ id: 'X', version: 9 }] }), 'applied', null, 6, { tours: { T: 2 }, visits: { V: 3 } }],
    ['another day: counted, not applied', delta(6, { date: '2026-12-02', tours: [tour('T', 9)] }), 'applied', null, 6, { tours: { T: 2 }, visits: { V: 3 } }],
    ['already seen sequence: stale, items still newer-wins', delta(5, { tours: [tour('T', 4)] }), 'stale', null, 5, { tours: { T: 4 }, visits: { V: 3 } }],
    ['old sequence with old items: no change', delta(3, { tours: [tour('T', 1)] }), 'stale', null, 5, { tours: { T: 2 }, visits: { V: 3 } }],
    ['gap: items applied, sequence held, resync asked', delta(8, { tours: [tour('T', 5)] }), 'gap', 'gap', 5, { tours: { T: 5 }, visits: { V: 3 } }],
    [
      'new epoch: items applied, resync asked',
      delta(1, { epoch: 'e2', tours: [tour('T', 3)] }),
      'epoch_changed',
      'epoch_changed',
      5,
      { tours: { T: 3 }, visits: { V: 3 } },
    ],
    ['another agency: ignored', delta(6, { agencyId: 'B', tours: [tour('T', 9)] }), 'ignored', null, 5, { tours: { T: 2 }, visits: { V: 3 } }],
  ];
  it.each(cases)('%s', (_name, d, outcome, resync, sequence, expected) => {
    const result = applyDelta(base, d);
    expect([result.outcome, result.resync, result.state.sequence]).toEqual([outcome, resync, sequence]);
    expect(versions(result.state)).toEqual(expected);
  });

  it('does not mutate the state it is given', () => {
    const frozen = structuredClone(base);
    applyDelta(base, delta(6, { tours: [tour('T', 3)], removedInterventions: [{ id: 'V', version: 3 }] }));
    expect(base).toEqual(frozen);
  });

  it('closes a gap when the missing delta arrives late, without a snapshot', () => {
    const afterSeven = applyDelta(base, delta(7, { tours: [tour('T', 4)] }));
    expect(afterSeven.outcome).toBe('gap');
    const afterSix = applyDelta(afterSeven.state, delta(6, { tours: [tour('T', 3)] }));
    expect([afterSix.outcome, afterSix.state.sequence, afterSix.state.ahead]).toEqual(['applied', 7, []]);
    expect(afterSix.state.tours.T!.version).toBe(4); // the late, older tour did not overwrite
    expect(applyDelta(afterSix.state, delta(7)).outcome).toBe('stale');
  });
});

describe('applySnapshot', () => {
  const cases: Array<[string, PlanState | null, PlanSnapshot, boolean, number, ReturnType<typeof versions>]> = [
    ['no state yet: adopted', null, snapshot(3, [tour('T', 1)]), true, 3, { tours: { T: 1 }, visits: {} }],
    ['newer snapshot: replaces, dropping items it lacks', base, snapshot(7, [tour('T', 4)]), true, 7, { tours: { T: 4 }, visits: {} }],
    [
      'same sequence: adopted (the periodic resync repairs silently)',
      base,
      snapshot(5, [tour('T', 2), tour('U', 1)]),
      true,
      5,
      { tours: { T: 2, U: 1 }, visits: {} },
    ],
    ['older snapshot: overtaken by deltas, ignored', base, snapshot(4, []), false, 5, { tours: { T: 2 }, visits: { V: 3 } }],
    ['new epoch: adopted whatever its sequence', base, snapshot(1, [tour('T', 1)], [], 'e2'), true, 1, { tours: { T: 1 }, visits: {} }],
  ];
  it.each(cases)('%s', (_name, state, snap, adopted, sequence, expected) => {
    const result = applySnapshot(state, snap);
    expect([result.adopted, result.state.sequence]).toEqual([adopted, sequence]);
    expect(versions(result.state)).toEqual(expected);
  });

  it('keeps items the client holds newer (from deltas past a gap) and moves over those deltas', () => {
    const gapped = applyDelta(base, delta(8, { tours: [tour('T', 6)] })).state; // 6 and 7 missed
    const result = applySnapshot(gapped, snapshot(7, [tour('T', 5)], [visit('V', 4)]));
    expect([result.adopted, result.state.sequence, result.state.ahead]).toEqual([true, 8, []]);
    expect(versions(result.state)).toEqual({ tours: { T: 6 }, visits: { V: 4 } });
  });
});

describe('receiveOutboxMessage', () => {
  const message = (sequence: number): OutboxMessage => ({
    technicianId: 't',
    sequence,
    createdAt: '',
    assignment: {
      kind: 'assigned',
      interventionId: `v${sequence}`,
      interventionVersion: 1,
      tourId: null,
      date: null,
      plannedStart: null,
      plannedEnd: null,
      priority: 50,
      summary: '',
    },
  });
  /** Feeds sequences in order; returns what was delivered, duplicates, gaps, and the final state. */
  const feed = (start: OutboxState, sequences: number[]) => {
    let state = start;
    const delivered: number[] = [];
    const duplicates: number[] = [];
    const gaps: number[] = [];
    for (const seq of sequences) {
      const receipt = receiveOutboxMessage(state, message(seq));
      state = receipt.state;
      delivered.push(...receipt.deliver.map((m) => m.sequence));
      if (receipt.duplicate) duplicates.push(seq);
      if (receipt.gap) gaps.push(receipt.gap.after);
    }
    return { delivered, duplicates, gaps, last: state.lastSequence, pending: Object.keys(state.pending).map(Number) };
  };
  const cases: Array<[string, number, number[], ReturnType<typeof feed>]> = [
    ['in order', 0, [1, 2, 3], { delivered: [1, 2, 3], duplicates: [], gaps: [], last: 3, pending: [] }],
    ['replayed after live: duplicates dropped', 0, [1, 2, 1, 2, 3], { delivered: [1, 2, 3], duplicates: [1, 2], gaps: [], last: 3, pending: [] }],
    ['already applied before reconnect', 4, [3, 4, 5], { delivered: [5], duplicates: [3, 4], gaps: [], last: 5, pending: [] }],
    ['out of order: held, then released in order', 0, [2, 3, 1], { delivered: [1, 2, 3], duplicates: [], gaps: [0, 0], last: 3, pending: [] }],
    ['an early one twice while waiting; still a hole after 1', 0, [3, 3, 1], { delivered: [1], duplicates: [3], gaps: [0, 1], last: 1, pending: [3] }],
    ['gap never filled: nothing past it applied', 1, [3, 4], { delivered: [], duplicates: [], gaps: [1, 1], last: 1, pending: [3, 4] }],
  ];
  it.each(cases)('%s', (_name, start, sequences, expected) => {
    expect(feed(emptyOutbox(start), sequences)).toEqual(expected);
  });
});
