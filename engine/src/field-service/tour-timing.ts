/**
 * Timing of one technician's tour with the core's rules (engine/README.md,
 * "Route semantics": wait for the window, the lunch break taken in the gap
 * where it delays the day least, as the core's route walk decides), written
 * over flat typed arrays so that real-time insertion can evaluate thousands
 * of sequences without allocating. Optionally it "pushes out" visits that no
 * longer fit (their window has closed, or the day would end too late) instead
 * of failing, which is how an insertion's disruption is measured.
 */
import type { TravelTable } from './travel.ts';

/** Stops in flat arrays; a stop is an index into them. Windows are absolute, sorted, flattened pairs. */
export class StopPool {
  loc = new Int32Array(16);
  duration = new Float64Array(16);
  /** SLA deadline of the start, +Infinity when none. */
  deadline = new Float64Array(16);
  twFrom = new Int32Array(16);
  twTo = new Int32Array(16);
  tw = new Float64Array(64);
  count = 0;
  private twCount = 0;

  /** Adds a stop; `windows` are [start, end] pairs (need not be sorted). Returns its index. */
  add(loc: number, duration: number, deadline: number, windows: readonly (readonly [number, number])[]): number {
    if (this.count === this.loc.length) this.growStops();
    const sorted = [...windows].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    while (this.twCount + sorted.length * 2 > this.tw.length) {
      const tw = new Float64Array(this.tw.length * 2);
      tw.set(this.tw);
      this.tw = tw;
    }
    const s = this.count++;
    this.loc[s] = loc;
    this.duration[s] = duration;
    this.deadline[s] = deadline;
    this.twFrom[s] = this.twCount;
    for (const [a, b] of sorted) {
      this.tw[this.twCount++] = a;
      this.tw[this.twCount++] = b;
    }
    this.twTo[s] = this.twCount;
    return s;
  }

  /** Rewrites the last stop in place (its windows too): the slot of a query's extra visit. */
  rewriteLast(loc: number, duration: number, deadline: number, windows: readonly (readonly [number, number])[]): number {
    const s = this.count - 1;
    this.count = s;
    this.twCount = this.twFrom[s]!;
    return this.add(loc, duration, deadline, windows);
  }

  /** Forgets every stop (the arrays are kept for reuse). */
  clear(): void {
    this.count = 0;
    this.twCount = 0;
  }

  /** Earliest start ≥ `arrival` in one of the stop's windows, NaN when all have closed. */
  earliest(s: number, arrival: number): number {
    const tw = this.tw;
    for (let k = this.twFrom[s]!; k < this.twTo[s]!; k += 2) {
      if (tw[k + 1]! >= arrival) return arrival > tw[k]! ? arrival : tw[k]!;
    }
    return Number.NaN;
  }

  private growStops(): void {
    const n = this.loc.length * 2;
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.loc = grow(this.loc, (k) => new Int32Array(k));
    this.duration = grow(this.duration, (k) => new Float64Array(k));
    this.deadline = grow(this.deadline, (k) => new Float64Array(k));
    this.twFrom = grow(this.twFrom, (k) => new Int32Array(k));
    this.twTo = grow(this.twTo, (k) => new Int32Array(k));
  }
}

/**
 * Reads legs from a travel table, plus one extra place (index = table.size)
 * whose legs to and from every place of the table are set per query: the
 * urgent visit or the booking, which the plan's table does not know.
 */
export class Legs {
  readonly extra: number;
  readonly extraFrom: Float64Array;
  readonly extraTo: Float64Array;
  readonly extraDistFrom: Float64Array;
  readonly extraDistTo: Float64Array;

  constructor(readonly table: TravelTable) {
    this.extra = table.size;
    this.extraFrom = new Float64Array(table.size + 1);
    this.extraTo = new Float64Array(table.size + 1);
    this.extraDistFrom = new Float64Array(table.size + 1);
    this.extraDistTo = new Float64Array(table.size + 1);
  }

  time(a: number, b: number): number {
    if (a === this.extra) return this.extraFrom[b]!;
    if (b === this.extra) return this.extraTo[a]!;
    return this.table.time(a, b);
  }

  distance(a: number, b: number): number {
    if (a === this.extra) return this.extraDistFrom[b]!;
    if (b === this.extra) return this.extraDistTo[a]!;
    return this.table.distance(a, b);
  }
}

/** Where and when the changeable part of a tour begins, where and by when it must end, and its lunch. */
export interface TimingFrame {
  originLoc: number;
  originTime: number;
  endLoc: number;
  /** Latest arrival at the end place. */
  hardEnd: number;
  /** Lunch start window and length; lunchDuration < 0 when there is no lunch to take. */
  lunchEarliest: number;
  lunchLatest: number;
  lunchDuration: number;
}

/** Results of the last `run`, per sequence position, in preallocated arrays. */
export class TourTimer {
  arrival: Float64Array;
  start: Float64Array;
  served: Uint8Array;
  private forced: Uint8Array;
  private arrivalP = new Float64Array(0);
  private startP = new Float64Array(0);
  private takenFrom = new Uint8Array(0);
  private lunchAt = new Float64Array(0);
  endTime = 0;
  travel = 0;
  distance = 0;
  service = 0;
  /** Seconds past deadlines, summed over served stops. */
  lateness = 0;
  lunchStart = Number.NaN;
  pushedOut = 0;

  constructor(
    private readonly legs: Legs,
    private readonly pool: StopPool,
    capacity = 32,
  ) {
    this.arrival = new Float64Array(capacity);
    this.start = new Float64Array(capacity);
    this.served = new Uint8Array(capacity);
    this.forced = new Uint8Array(capacity);
  }

  private ensure(n: number): void {
    if (n <= this.arrival.length) return;
    const m = Math.max(n, this.arrival.length * 2);
    this.arrival = new Float64Array(m);
    this.start = new Float64Array(m);
    this.served = new Uint8Array(m);
    this.forced = new Uint8Array(m);
  }

  /**
   * Times `seq[0..n)` in `frame`. Without `pushOut`, any stop that cannot be
   * served makes the run fail. With it, such stops are dropped (their window
   * closed, or, last first, to end the day in time) — except the one at
   * position `keep`, whose failure fails the run. Returns whether the tour is
   * feasible; the results are in the fields.
   */
  run(frame: TimingFrame, seq: Int32Array, n: number, pushOut: boolean, keep = -1): boolean {
    this.ensure(n);
    this.forced.fill(0, 0, n);
    for (;;) {
      const ok = this.pass(frame, seq, n, pushOut, keep);
      if (!ok) return false;
      if (this.endTime <= frame.hardEnd) return true;
      if (!pushOut) return false;
      // Ending too late: drop the last stop that may go, and time the tour again.
      let last = -1;
      for (let i = n - 1; i >= 0; i--) {
        if (this.served[i] === 1 && i !== keep) {
          last = i;
          break;
        }
      }
      if (last < 0) return false;
      this.forced[last] = 1;
    }
  }

  /**
   * One timing of the stops not forced out, with the core's rule for the lunch (route-walk.ts):
   * two states — lunch still to take, lunch taken — each with its earliest departure, the lunch
   * taken in whichever gap delays the day least. A stop that neither state can serve is pushed
   * out (or fails the pass); a state that cannot serve a stop the other serves is dropped.
   */
  private pass(frame: TimingFrame, seq: Int32Array, n: number, pushOut: boolean, keep: number): boolean {
    const pool = this.pool;
    const legs = this.legs;
    const lunchE = frame.lunchEarliest;
    const lunchL = frame.lunchLatest;
    const lunchD = frame.lunchDuration;
    const INF = Number.POSITIVE_INFINITY;
    // Pending: departure and lateness with the lunch still to take (+Infinity: not possible).
    let tP = frame.originTime;
    let lateP = 0;
    // Taken: the same once the lunch is behind.
    let tT = lunchD >= 0 ? INF : frame.originTime;
    let lateT = 0;
    if (lunchD < 0) tP = INF;
    let loc = frame.originLoc;
    let travel = 0;
    let distance = 0;
    let service = 0;
    let pushed = 0;
    const { arrival, start, served, arrivalP, startP, takenFrom, lunchAt } = this.scratch(n);

    for (let i = 0; i < n; i++) {
      served[i] = 0;
      if (this.forced[i] === 1) {
        pushed++;
        continue;
      }
      const s = seq[i]!;
      const sl = pool.loc[s]!;
      const leg = legs.time(loc, sl);
      const duration = pool.duration[s]!;
      const deadline = pool.deadline[s]!;
      // Pending → pending: no lunch in this gap.
      let nP = INF;
      let nLateP = 0;
      if (tP < INF) {
        const st = pool.earliest(s, tP + leg);
        if (!Number.isNaN(st)) {
          nP = st + duration;
          nLateP = lateP + (st > deadline ? st - deadline : 0);
          arrivalP[i] = tP + leg;
          startP[i] = st;
        }
      }
      // → taken: lunch in this gap (from pending), or taken before.
      let nT = INF;
      let nLateT = 0;
      let from = 0;
      // The core's walk looks at fewer breaks taken first and keeps it on ties: the lunch taken later.
      if (tP < INF && tP <= lunchL) {
        const bs = tP > lunchE ? tP : lunchE;
        const arr = arrivalWithLunch(tP, leg, bs, lunchD);
        const st = pool.earliest(s, arr);
        if (!Number.isNaN(st)) {
          nT = st + duration;
          nLateT = lateP + (st > deadline ? st - deadline : 0);
          lunchAt[i] = bs;
          arrival[i] = arr;
          start[i] = st;
        }
      }
      if (tT < INF) {
        const st = pool.earliest(s, tT + leg);
        if (!Number.isNaN(st)) {
          const dep = st + duration;
          const late = lateT + (st > deadline ? st - deadline : 0);
          if (dep < nT || (dep === nT && late < nLateT)) {
            nT = dep;
            nLateT = late;
            from = 1;
            arrival[i] = tT + leg;
            start[i] = st;
          }
        }
      }
      if (nP === INF && nT === INF) {
        if (!pushOut || i === keep) return false;
        pushed++;
        continue;
      }
      takenFrom[i] = from;
      // A pending state whose lunch can no longer start, or that the taken state beats, is dropped.
      if (nP > lunchL || (nT <= nP && nLateT <= nLateP)) nP = INF;
      tP = nP;
      lateP = nLateP;
      tT = nT;
      lateT = nLateT;
      served[i] = 1;
      travel += leg;
      distance += legs.distance(loc, sl);
      service += duration;
      loc = sl;
    }

    const leg = legs.time(loc, frame.endLoc);
    // Ending with the lunch still to take: in the last gap, when its window allows.
    let endP = INF;
    let lunchEnd = Number.NaN;
    if (tP < INF && tP <= lunchL) {
      const bs = tP > lunchE ? tP : lunchE;
      endP = arrivalWithLunch(tP, leg, bs, lunchD);
      lunchEnd = bs;
    }
    const endT = tT < INF ? tT + leg : INF;
    if (endP === INF && endT === INF) return false;
    // As the core chooses: an end in time first, then the least lateness, then the earliest end; ties keep the lunch last.
    const inTime = (end: number): boolean => end <= frame.hardEnd;
    let usePending = endP < INF;
    if (usePending && endT < INF) {
      if (inTime(endT) !== inTime(endP)) usePending = inTime(endP);
      else usePending = lateP < lateT || (lateP === lateT && endP <= endT);
    }
    // Walk back the chosen states to read each stop's times.
    let pending = usePending;
    this.lunchStart = usePending ? lunchEnd : Number.NaN;
    for (let i = n - 1; i >= 0; i--) {
      if (served[i] === 0) continue;
      if (pending) {
        arrival[i] = arrivalP[i]!;
        start[i] = startP[i]!;
      } else if (takenFrom[i] === 0) {
        this.lunchStart = lunchAt[i]!;
        pending = true;
      }
    }
    let lateness = 0;
    for (let i = 0; i < n; i++) {
      if (served[i] === 0) continue;
      const late = start[i]! - pool.deadline[seq[i]!]!;
      if (late > 0) lateness += late;
    }
    this.travel = travel + leg;
    this.distance = distance + legs.distance(loc, frame.endLoc);
    this.endTime = usePending ? endP : endT;
    this.service = service;
    this.lateness = lateness;
    this.pushedOut = pushed;
    return true;
  }

  /** Per-position arrays of a pass, grown with the tour (the pending state's times apart). */
  private scratch(n: number): {
    arrival: Float64Array;
    start: Float64Array;
    served: Uint8Array;
    arrivalP: Float64Array;
    startP: Float64Array;
    takenFrom: Uint8Array;
    lunchAt: Float64Array;
  } {
    if (this.arrivalP.length < n) {
      this.arrivalP = new Float64Array(this.arrival.length);
      this.startP = new Float64Array(this.arrival.length);
      this.takenFrom = new Uint8Array(this.arrival.length);
      this.lunchAt = new Float64Array(this.arrival.length);
    }
    return {
      arrival: this.arrival,
      start: this.start,
      served: this.served,
      arrivalP: this.arrivalP,
      startP: this.startP,
      takenFrom: this.takenFrom,
      lunchAt: this.lunchAt,
    };
  }
}

/** Arrival at the end of a `leg` left at `t`, the lunch taken from `lunchStart` on the way (the drive split around it). */
function arrivalWithLunch(t: number, leg: number, lunchStart: number, lunchDuration: number): number {
  const before = leg < lunchStart - t ? leg : lunchStart - t;
  return lunchStart + lunchDuration + (leg - before);
}
