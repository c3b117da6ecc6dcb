/**
 * Field-service problem → the core's VROOM-format input (with the Tournée
 * extensions). One vehicle per work period (a technician's shift less
 * absences, the past and the facts of the day); one job per visit still to
 * plan that some period could do on its own. Job ids are visit indices and
 * vehicle ids period indices, so the output maps straight back.
 *
 * Costs: the domain's weights are in a caller's unit (think euros); the core
 * takes integers, so every cost is multiplied by COST_SCALE and rounded
 * (hundredths of the unit are fine enough to rank plans).
 */
import type { Coordinates, Input, Job, Vehicle, VehicleStep } from '../types.ts';
import type { FieldServiceContext } from './context.ts';
import { visitWindows } from './context.ts';
import { type Eligibility, EligibilityChecker } from './eligibility.ts';
import { assignmentPenalty, penaltyTotal } from './penalties.ts';
import type { WorkPeriod } from './periods.ts';
import { SkillIds, serviceDuration } from './skills.ts';
import { DAY } from './types.ts';

export const COST_SCALE = 100;

/** Break id of the lunch in every vehicle. */
export const LUNCH_BREAK_ID = 1;

export interface CompiledFieldService {
  /** Null when there is nothing for the core to do (no period or no job). */
  readonly input: Input | null;
  /** Visits still to plan (status `planned`), by index. */
  readonly plannable: readonly number[];
  /** Per plannable visit index. */
  readonly eligibility: ReadonlyMap<number, Eligibility>;
  readonly skills: SkillIds;
}

export function compileFieldService(ctx: FieldServiceContext): CompiledFieldService {
  const { problem, periods, weights, table } = ctx;
  const rule = problem.sectorRule ?? 'off';
  const scale = (x: number): number => Math.round(x * COST_SCALE);
  const skills = new SkillIds();
  const checker = new EligibilityChecker(ctx);

  const plannable: number[] = [];
  problem.visits.forEach((v, i) => {
    if ((v.status ?? 'planned') === 'planned') plannable.push(i);
  });
  const eligibility = new Map<number, Eligibility>();
  for (const i of plannable) eligibility.set(i, checker.check(problem.visits[i]!, ctx.visitSectors[i]));

  const techSkills = problem.technicians.map((t) => skills.technician(t));
  const jobs: Job[] = [];
  for (const i of plannable) {
    const e = eligibility.get(i) as Eligibility;
    if (e.reachable.length === 0) continue;
    const visit = problem.visits[i]!;
    const serviceBy: Record<string, number> = {};
    const costs: Record<string, number> = {};
    for (const p of e.reachable) {
      const period = periods[p]!;
      const tech = problem.technicians[period.technician]!;
      const duration = serviceDuration(visit, tech.skills);
      if (duration !== visit.duration) serviceBy[p] = duration;
      const penalty = penaltyTotal(assignmentPenalty(weights, rule, visit, ctx.visitSectors[i], tech, period.day));
      // The technician's own cost of the time on site: travel time is priced in the vehicle's per_hour.
      const labour = ((tech.hourlyCost ?? 0) * duration) / 3600;
      const c = scale(penalty + labour);
      if (c > 0) costs[p] = c;
    }
    const job: Job = {
      id: i,
      description: visit.id,
      ...place(ctx, visit.location),
      service: visit.duration,
      skills: skills.visit(visit),
      priority: visit.priority ?? 0,
      time_windows: visitWindows(visit, problem.horizon.days),
      ...(Object.keys(serviceBy).length > 0 ? { service_by_vehicle: serviceBy } : {}),
      ...(Object.keys(costs).length > 0 ? { assignment_costs: costs } : {}),
      ...(e.reachable.length < periods.length ? { allowed_vehicles: [...e.reachable] } : {}),
      ...(visit.slaDeadline !== undefined ? { deadline: { at: visit.slaDeadline, cost_per_hour: scale(weights.slaLatenessPerHour) } } : {}),
    };
    jobs.push(job);
  }

  if (jobs.length === 0 || periods.length === 0) return { input: null, plannable, eligibility, skills };
  const warm = warmStart(ctx, jobs);
  // After the warm start, which reads visits only; the anchors lead their period's steps.
  const anchorJobs = anchors(ctx);
  for (const anchor of anchorJobs) {
    const p = anchor.allowed_vehicles?.[0] as number;
    warm.set(p, [{ type: 'job', id: anchor.id }, ...(warm.get(p) ?? [])]);
  }
  jobs.push(...anchorJobs);
  const vehicles: Vehicle[] = periods.map((p) => {
    const tech = problem.technicians[p.technician]!;
    const steps = warm.get(p.index);
    return {
      id: p.index,
      description: `${tech.id} day ${p.day} shift ${p.shift}`,
      ...place(ctx, p.startLocation, 'start'),
      ...place(ctx, p.endLocation, 'end'),
      time_window: [p.start, p.hardEnd],
      skills: techSkills[p.technician],
      costs: {
        per_hour: scale(weights.travelPerHour + (tech.hourlyCost ?? 0)),
        per_km: scale(weights.travelPerKm),
        per_work_hour_squared: scale(weights.imbalance),
      },
      ...(p.lunch
        ? { breaks: [{ id: LUNCH_BREAK_ID, description: 'lunch', time_windows: [[p.lunch.earliest, p.lunch.latest]], service: p.lunch.duration }] }
        : {}),
      ...(p.hardEnd > p.end ? { overtime: { after: p.end, cost_per_hour: scale(weights.overtimePerHour) } } : {}),
      ...(steps && steps.length > 0 ? { steps } : {}),
    };
  });

  return {
    input: { vehicles, jobs, ...(ctx.coreTravel ? {} : { matrices: { car: table.toMatrices() } }) },
    plannable,
    eligibility,
    skills,
  };
}

/** A place for the core: coordinates when it computes travel itself, else the index in our matrix. */
function place(ctx: FieldServiceContext, c: Coordinates): { location: Coordinates } | { location_index: number };
function place(ctx: FieldServiceContext, c: Coordinates, side: 'start' | 'end'): Partial<Vehicle>;
function place(ctx: FieldServiceContext, c: Coordinates, side?: 'start' | 'end'): object {
  const coordinates: Coordinates = [c[0], c[1]];
  if (side === undefined) return ctx.coreTravel ? { location: coordinates } : { location_index: ctx.table.index(c) };
  return ctx.coreTravel ? { [side]: coordinates } : { [`${side}_index`]: ctx.table.index(c) };
}

/** Priority of anchors: above any visit's, so the core always keeps them. */
const ANCHOR_PRIORITY = 100;

/**
 * A technician already out (on a visit, or on the road at `now`) must drive
 * to the end place whatever we plan, but the core prices an unused vehicle at
 * zero: giving them work would look like it costs the whole way back. An
 * anchor — a zero-length job at the period's start, at its start time, only
 * for that period and of top priority — keeps the vehicle used, so the way
 * back is paid either way and only the detours count. Ids follow the visits'.
 */
function anchors(ctx: FieldServiceContext): Job[] {
  const out: Job[] = [];
  const base = ctx.problem.visits.length;
  for (const p of ctx.periods) {
    const out_ = p.fixed.length > 0 || p.start > p.pieceStart;
    const s = p.startLocation;
    const e = p.endLocation;
    if (!out_ || (s[0] === e[0] && s[1] === e[1])) continue;
    out.push({
      id: base + p.index,
      description: 'anchor',
      ...place(ctx, s),
      service: 0,
      priority: ANCHOR_PRIORITY,
      time_windows: [[p.start, p.start]],
      allowed_vehicles: [p.index],
    });
  }
  return out;
}

/** Whether a core job id is an anchor rather than a visit. */
export function isAnchor(ctx: FieldServiceContext, jobId: number): boolean {
  return jobId >= ctx.problem.visits.length;
}

/**
 * The published plan as the search's starting point: visits told to a
 * technician and day go first to that technician's period of that day, in the
 * published order. Non-disruptive replanning then starts from what people know.
 */
function warmStart(ctx: FieldServiceContext, jobs: readonly Job[]): Map<number, VehicleStep[]> {
  const byPeriod = new Map<number, { id: number; at: number }[]>();
  for (const job of jobs) {
    const visit = ctx.problem.visits[job.id]!;
    const pub = visit.published;
    if (!pub) continue;
    const t = ctx.technicianIndex.get(pub.technician);
    const candidates = ctx.periods.filter((p) => p.technician === t && p.day === pub.day);
    const period: WorkPeriod | undefined = candidates.find((p) => p.start <= pub.start && pub.start <= p.hardEnd) ?? candidates[0];
    if (!period) continue;
    if (job.allowed_vehicles && !job.allowed_vehicles.includes(period.index)) continue;
    const list = byPeriod.get(period.index) ?? [];
    list.push({ id: job.id, at: pub.start });
    byPeriod.set(period.index, list);
  }
  const out = new Map<number, VehicleStep[]>();
  for (const [p, list] of byPeriod) {
    list.sort((a, b) => a.at - b.at || a.id - b.id);
    out.set(
      p,
      list.map((x) => ({ type: 'job' as const, id: x.id })),
    );
  }
  return out;
}

/** Day of an absolute time. */
export function dayOf(t: number): number {
  return Math.floor(t / DAY);
}
