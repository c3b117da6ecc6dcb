/**
 * Which work periods could serve a visit on their own, checked stage by
 * stage: the technician rules (required, forbidden, pinned), skill levels,
 * the date range, the sector rule, then reachability — a tour of that one
 * visit from the period's start to its end, with its lunch, in time. What
 * survives is the visit's `allowed_vehicles` for the core; where a stage
 * empties the list, `reasons.ts` says why the visit cannot be planned.
 */
import type { FieldServiceContext } from './context.ts';
import { technicianPermitted, visitDays, visitWindows } from './context.ts';
import type { WorkPeriod } from './periods.ts';
import { sectorStanding } from './sectors.ts';
import { hasSkillLevels, serviceDuration } from './skills.ts';
import { Legs, StopPool, type TimingFrame, TourTimer } from './tour-timing.ts';
import type { Visit } from './types.ts';

export interface Eligibility {
  /** Period indices after each stage, each a subset of the previous. */
  readonly permitted: readonly number[];
  readonly skilled: readonly number[];
  readonly inRange: readonly number[];
  readonly inSector: readonly number[];
  readonly reachable: readonly number[];
  /**
   * Each check on its own over the permitted technicians (so that every
   * reason that alone rules the visit out is reported): one has the skill
   * levels, one has a period in the date range, one may work in its sector.
   */
  readonly anySkilled: boolean;
  readonly anyInRange: boolean;
  readonly anyInSector: boolean;
}

export function periodFrame(ctx: FieldServiceContext, p: WorkPeriod): TimingFrame {
  return {
    originLoc: ctx.table.index(p.startLocation),
    originTime: p.start,
    endLoc: ctx.table.index(p.endLocation),
    hardEnd: p.hardEnd,
    lunchEarliest: p.lunch ? p.lunch.earliest : 0,
    lunchLatest: p.lunch ? p.lunch.latest : 0,
    lunchDuration: p.lunch ? p.lunch.duration : -1,
  };
}

export class EligibilityChecker {
  private readonly pool = new StopPool();
  private readonly timer: TourTimer;
  private readonly frames: TimingFrame[];
  private readonly seq = Int32Array.of(0);

  constructor(private readonly ctx: FieldServiceContext) {
    this.timer = new TourTimer(new Legs(ctx.table), this.pool, 1);
    this.frames = ctx.periods.map((p) => periodFrame(ctx, p));
  }

  check(visit: Visit, sector: string | undefined): Eligibility {
    const { problem, periods } = this.ctx;
    const techs = problem.technicians;
    const rule = problem.sectorRule ?? 'off';
    const [first, last] = visitDays(visit, problem.horizon.days);
    const permittedTech = techs.map((t) => technicianPermitted(visit, t.id));
    const skilledTech = techs.map((t) => hasSkillLevels(t.skills, visit.skills));
    const sectorTech = techs.map((t) => rule !== 'hard' || sectorStanding(sector, t.sectors, t.secondarySectors) !== 'outside');
    const inRange = (p: WorkPeriod): boolean => p.day >= first && p.day <= last;

    const permitted = periods.filter((p) => permittedTech[p.technician]).map((p) => p.index);
    const skilled = permitted.filter((i) => skilledTech[periods[i]!.technician]);
    const ranged = skilled.filter((i) => inRange(periods[i]!));
    const inSector = ranged.filter((i) => sectorTech[periods[i]!.technician]);

    const pool = this.pool;
    pool.clear();
    const stop = pool.add(this.ctx.table.index(visit.location), visit.duration, Number.POSITIVE_INFINITY, visitWindows(visit, problem.horizon.days));
    const reachable = inSector.filter((i) => {
      const p = periods[i]!;
      pool.duration[stop] = serviceDuration(visit, techs[p.technician]!.skills);
      return this.timer.run(this.frames[i]!, this.seq, 1, false);
    });

    return {
      permitted,
      skilled,
      inRange: ranged,
      inSector,
      reachable,
      anySkilled: techs.some((_, t) => permittedTech[t] && skilledTech[t]),
      anyInRange: permitted.some((i) => inRange(periods[i]!)),
      anyInSector: techs.some((_, t) => permittedTech[t] && sectorTech[t]),
    };
  }
}
