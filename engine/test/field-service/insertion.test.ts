import { describe, expect, it } from 'vitest';
import { buildContext } from '../../src/field-service/context.ts';
import { planCost } from '../../src/field-service/cost.ts';
import { applyInsertion, prepareInsertion, rankInsertions } from '../../src/field-service/insertion.ts';
import { planFieldService } from '../../src/field-service/plan.ts';
import type { FieldServicePlan, FieldServiceProblem, RealtimeState, Tour, Visit } from '../../src/field-service/types.ts';
import { Rng } from '../../src/rng.ts';
import { checkFieldServicePlan, travelModel } from '../support/check-field-service-plan.ts';
import { at, D, H, place, problem, shift, tech, visit } from './fixtures.ts';

type P = readonly [number, number];

interface BruteStop {
  readonly id: string;
  readonly loc: P;
  readonly duration: number;
  readonly windows: readonly (readonly [number, number])[];
  readonly deadline: number;
}

interface BruteResult {
  served: boolean[];
  arrival: number[];
  start: number[];
  endTime: number;
  travel: number;
  distance: number;
  lunch: number | null;
}

/**
 * The brute-force reference: times a whole sequence from scratch, with the
 * documented rules (wait for a window; lunch before a visit when it cannot
 * wait until after it or fits in the waiting; push out visits whose window
 * closed, then the last ones while the day ends too late). Plain arrays, no
 * shared code with the engine.
 */
function bruteTime(
  travel: ReturnType<typeof travelModel>,
  origin: P,
  t0: number,
  end: P,
  hardEnd: number,
  lunch: { earliest: number; latest: number; duration: number } | null,
  stops: readonly BruteStop[],
  keep: number,
): BruteResult | null {
  const forced = new Set<number>();
  const earliest = (s: BruteStop, t: number): number => {
    for (const [a, b] of s.windows) if (b >= t) return Math.max(a, t);
    return Number.NaN;
  };
  for (;;) {
    let t = t0;
    let loc = origin;
    let lunchAt: number | null = null;
    let pending = lunch !== null;
    let tr = 0;
    let dist = 0;
    const r: BruteResult = { served: [], arrival: [], start: [], endTime: 0, travel: 0, distance: 0, lunch: null };
    let failed = false;
    stops.forEach((s, i) => {
      r.served[i] = false;
      if (failed || forced.has(i)) return;
      const leg = travel(loc, s.loc);
      let arrival = t + leg.duration;
      let took: number | null = null;
      if (pending && lunch) {
        if (t > lunch.latest) {
          failed = true;
          return;
        }
        const bs = Math.max(t, lunch.earliest);
        const without = earliest(s, t + leg.duration);
        if (!Number.isNaN(without)) {
          const canDefer = without + s.duration <= lunch.latest;
          const fits = earliest(s, Math.max(bs + lunch.duration, t + leg.duration + lunch.duration)) === without;
          if (!canDefer || fits) {
            arrival = bs + lunch.duration + (leg.duration - Math.min(leg.duration, bs - t));
            took = bs;
          }
        }
      }
      const st = earliest(s, arrival);
      if (Number.isNaN(st)) {
        if (i === keep) failed = true;
        return;
      }
      if (took !== null) {
        pending = false;
        lunchAt = took;
      }
      tr += leg.duration;
      dist += leg.distance;
      r.served[i] = true;
      r.arrival[i] = arrival;
      r.start[i] = st;
      t = st + s.duration;
      loc = s.loc;
    });
    if (failed) return null;
    const leg = travel(loc, end);
    if (pending && lunch) {
      if (t > lunch.latest) return null;
      const bs = Math.max(t, lunch.earliest);
      lunchAt = bs;
      t = bs + lunch.duration + (leg.duration - Math.min(leg.duration, bs - t));
    } else t += leg.duration;
    r.endTime = t;
    r.travel = tr + leg.duration;
    r.distance = dist + leg.distance;
    r.lunch = lunchAt;
    if (t <= hardEnd) return r;
    const last = [...r.served.keys()].reverse().find((i) => r.served[i] && i !== keep);
    if (last === undefined) return null;
    forced.add(last);
  }
}

/** A random day under way at 10:00: 3 technicians with lunch, a plan of 9 visits, positions, one urgent visit. */
function randomCase(seed: number) {
  const rng = new Rng(seed);
  const technicians = ['a', 'b', 'c'].map((id) =>
    tech(id, {
      home: place(rng.int(30) - 15, rng.int(30) - 15),
      shifts: [shift(0, 8, 17, [12, 14, 0.75])],
      maxOvertime: rng.next() < 0.5 ? H : 0,
      skills: { gas: 1 + rng.int(2) },
    }),
  );
  const visits = Array.from({ length: 9 }, (_, k) =>
    visit(`v${k}`, {
      location: place(rng.int(30) - 15, rng.int(30) - 15),
      duration: 1800 + rng.int(4) * 900,
      ...(rng.next() < 0.5 ? { windows: [rng.next() < 0.5 ? [8 * H, 12 * H] : [13 * H, 17 * H]] as [number, number][] } : {}),
      ...(rng.next() < 0.3 ? { slaDeadline: at(0, 11 + rng.int(4)) } : {}),
    }),
  );
  const p = problem({ technicians, visits });
  const plan = planFieldService(p, { seed, maxIterations: 200 });
  expect(checkFieldServicePlan(p, plan)).toEqual([]);
  const state: RealtimeState = {
    now: at(0, 10),
    positions: technicians.map((t) => ({ technician: t.id, location: place(rng.int(30) - 15, rng.int(30) - 15) })),
  };
  const urgent = visit('urgent', {
    location: place(rng.int(30) - 15, rng.int(30) - 15),
    duration: 1800 + rng.int(3) * 900,
    skills: { gas: 1 + rng.int(2) },
    slaDeadline: at(0, 10 + 1 + rng.int(3)),
    priority: 90,
  });
  return { p, plan, state, urgent };
}

/** Every (technician, position) by brute force, with its score computed from the plan cost of whole tours. */
function bruteForce(p: FieldServiceProblem, plan: FieldServicePlan, state: RealtimeState, u: Visit) {
  const travel = travelModel(p);
  const withU: FieldServiceProblem = { ...p, visits: [...p.visits, u] };
  const ctx = buildContext(withU, { state });
  const w = ctx.weights;
  const out: {
    technician: string;
    position: number;
    eta: number;
    start: number;
    addedTravel: number;
    addedDistance: number;
    slaMet: boolean;
    delayed: string[];
    pushed: string[];
    score: number;
  }[] = [];
  for (const t of p.technicians) {
    if ((t.skills?.gas ?? 0) < (u.skills?.gas ?? 0)) continue;
    const s = t.shifts[0]!;
    const tour = plan.tours.find((x) => x.technician === t.id);
    const stopsOf = (ids: string[]): BruteStop[] =>
      ids.map((id) => {
        const v = withU.visits.find((x) => x.id === id) as Visit;
        return {
          id,
          loc: v.location,
          duration: v.duration,
          windows: (v.windows ?? [[0, D]]).map(([a, b]) => [a, b] as const),
          deadline: v.slaDeadline ?? Infinity,
        };
      });
    const ids = (tour?.stops ?? []).map((x) => x.visit);
    const origin = state.positions?.find((x) => x.technician === t.id)?.location as P;
    // A lunch the plan began before now is over or under way: no lunch left, start after it.
    const planned = tour?.breaks[0];
    const lunchTaken = planned !== undefined && planned.start <= state.now;
    const t0 = lunchTaken ? Math.max(state.now, planned.end) : state.now;
    const lunch = lunchTaken
      ? null
      : { earliest: Math.max(s.lunch!.window[0], t0), latest: s.lunch!.window[1] - s.lunch!.duration, duration: s.lunch!.duration };
    const hardEnd = s.end + (t.maxOvertime ?? 0);
    const time = (seq: BruteStop[], keep: number) => bruteTime(travel, origin, t0, t.home, hardEnd, lunch, seq, keep);
    const base = time(stopsOf(ids), -1);
    if (!base) continue;
    const asTour = (seq: BruteStop[], r: BruteResult): Tour => {
      const stops = seq
        .map((x, i) => ({ x, i }))
        .filter(({ i }) => r.served[i])
        .map(({ x, i }) => ({
          visit: x.id,
          arrival: r.arrival[i]!,
          start: r.start[i]!,
          end: r.start[i]! + x.duration,
          travelTime: 0,
          travelDistance: 0,
          lateness: Math.max(0, r.start[i]! - x.deadline),
          fixed: false,
        }));
      return {
        technician: t.id,
        day: 0,
        shift: 0,
        start: { location: origin, time: t0 },
        end: { location: t.home, time: r.endTime },
        stops,
        breaks: [],
        travelTime: r.travel,
        travelDistance: r.distance,
        serviceTime: stops.reduce((a, x) => a + x.end - x.start, 0),
        waitingTime: 0,
        overtime: Math.max(0, r.endTime - s.end),
      };
    };
    const baseStops = stopsOf(ids);
    const baseCost = planCost(ctx, [asTour(baseStops, base)]).total;
    for (let k = 0; k <= ids.length; k++) {
      const seqIds = [...ids.slice(0, k), u.id, ...ids.slice(k)];
      const seq = stopsOf(seqIds);
      const r = time(seq, k);
      if (!r) continue;
      const delayed: string[] = [];
      const pushed: string[] = [];
      seqIds.forEach((id, i) => {
        if (i === k) return;
        const b = i < k ? i : i - 1;
        if (!base.served[b]) return;
        if (!r.served[i]) pushed.push(id);
        else if (r.start[i]! > base.start[b]!) delayed.push(id);
      });
      out.push({
        technician: t.id,
        position: k,
        eta: r.arrival[k]!,
        start: r.start[k]!,
        addedTravel: r.travel - base.travel,
        addedDistance: r.distance - base.distance,
        slaMet: r.start[k]! <= (u.slaDeadline ?? Infinity),
        delayed,
        pushed,
        score: planCost(ctx, [asTour(seq, r)]).total - baseCost + w.pushedOutVisit * pushed.length,
      });
    }
  }
  return out;
}

describe('rankInsertions', () => {
  it('agrees with a brute-force evaluation of every position of every tour', () => {
    let compared = 0;
    let withPushOut = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { p, plan, state, urgent } = randomCase(seed);
      const ic = prepareInsertion(p, plan, state);
      const ranked = rankInsertions(ic, urgent);
      const brute = bruteForce(p, plan, state, urgent);
      expect(ranked.map((c) => `${c.technician}@${c.position}`).sort()).toEqual(brute.map((c) => `${c.technician}@${c.position}`).sort());
      for (const c of ranked) {
        const ref = brute.find((x) => x.technician === c.technician && x.position === c.position)!;
        expect(c.eta).toBe(ref.eta);
        expect(c.start).toBe(ref.start);
        expect(c.addedTravel).toBe(ref.addedTravel);
        expect(c.addedDistance).toBe(ref.addedDistance);
        expect(c.slaMet).toBe(ref.slaMet);
        expect([...c.delayedVisits].sort()).toEqual([...ref.delayed].sort());
        expect([...c.pushedOutVisits].sort()).toEqual([...ref.pushed].sort());
        // planCost rounds each term to cents.
        expect(Math.abs(c.score - ref.score)).toBeLessThan(0.1);
        compared++;
        if (c.pushedOutVisits.length > 0) withPushOut++;
      }
      // Sorted best first.
      for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.score).toBeGreaterThanOrEqual(ranked[i - 1]!.score);
    }
    expect(compared).toBeGreaterThan(50);
    expect(withPushOut).toBeGreaterThan(0);
  });

  it('limits the answer and refuses a visit that is not planned', () => {
    const { p, plan, state, urgent } = randomCase(3);
    const ic = prepareInsertion(p, plan, state);
    expect(rankInsertions(ic, urgent, 2).length).toBeLessThanOrEqual(2);
    expect(() => rankInsertions(ic, { ...urgent, status: 'done' })).toThrow('visit.status');
  });

  it('never inserts before the facts, and only into the day under way', () => {
    const p = problem({
      horizon: { days: 2 },
      technicians: [tech('a', { shifts: [shift(0), shift(1)] })],
      visits: [
        visit('on-site', { location: place(2, 0), duration: H, status: 'started', progress: { technician: 'a', since: at(0, 9.5) } }),
        visit('later', { location: place(4, 0) }),
      ],
    });
    const plan = planFieldService(p, { maxIterations: 100 });
    const ranked = rankInsertions(prepareInsertion(p, plan, { now: at(0, 10) }), visit('u', { location: place(3, 0) }));
    expect(ranked.length).toBeGreaterThan(0);
    for (const c of ranked) {
      expect(c.day).toBe(0);
      expect(c.position).toBeGreaterThanOrEqual(1);
      expect(c.eta).toBeGreaterThanOrEqual(at(0, 10.5));
    }
  });
});

describe('applyInsertion', () => {
  it('inserts the visit with the chosen technician, keeps facts, and re-optimises the day into a feasible plan', () => {
    const { p, plan, state, urgent } = randomCase(4);
    const withFact: FieldServiceProblem = {
      ...p,
      visits: p.visits.map((v) =>
        v.id === plan.tours[0]?.stops[0]?.visit
          ? { ...v, status: 'started' as const, progress: { technician: plan.tours[0].technician, since: at(0, 9.75) } }
          : v,
      ),
    };
    const ic = prepareInsertion(withFact, plan, state);
    const best = rankInsertions(ic, urgent)[0]!;
    const applied = applyInsertion(ic, urgent, best, { maxIterations: 100 });
    expect(applied.problem.visits.map((v) => v.id)).toContain('urgent');
    expect(checkFieldServicePlan(applied.problem, applied.plan, state)).toEqual([]);
    const tour = applied.plan.tours.find((t) => t.stops.some((s) => s.visit === 'urgent'));
    expect(tour?.technician).toBe(best.technician);
    const fact = withFact.visits.find((v) => v.status === 'started');
    if (fact) {
      const kept = applied.plan.tours.find((t) => t.stops.some((s) => s.visit === fact.id));
      expect(kept?.technician).toBe(fact.progress?.technician);
      expect(kept?.stops[0]).toMatchObject({ visit: fact.id, start: at(0, 9.75), fixed: true });
    }
  });
});
