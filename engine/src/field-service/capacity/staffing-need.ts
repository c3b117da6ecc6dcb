/**
 * The staffing what-if: how many technician-days, of which skill profiles and
 * on which days, would serve every visit still to plan. The same classes as
 * the bound, turned around:
 *
 *   min Σ n[π,d]                                   technician-days of profile π on day d
 *   work of class c:                  Σ_d x[c,d]   = hours(c)
 *   hours of requirement r on day d:  Σ_c x[c,d]   ≤ Σ_π z[r,π,d]   (π covering r)
 *   hours of profile π on day d:      Σ_r z[r,π,d] ≤ H · u · n[π,d]
 *
 * A profile is what one of the problem's technicians covers (their skills,
 * and sectors under the hard rule); H the hours of a technician-day and u the
 * share of them spent on service and travel. Unlike the bound, which needs a
 * travel floor to stay a bound, the work counts a typical travel per visit
 * (typical-travel.ts): the answer should be enough staff, not a minimum.
 * The LP's optimum is fractional; each n[π,d] is rounded up. Technician
 * rules (pins, required or forbidden technicians) and time windows are not
 * modelled: this is an estimate of how many, not a plan of who.
 */
import { visitDays } from '../context.ts';
import type { FieldServiceContext } from '../context.ts';
import { serviceDuration } from '../skills.ts';
import type { CapacityOptions, SkillLevels, StaffingDay, StaffingNeed, StaffingProfileNeed } from '../types.ts';
import { LinearProgram, modelSize } from './linear-program.ts';
import { type Requirement, Requirements } from './requirements.ts';
import { typicalTravel } from './typical-travel.ts';

/** Share of a technician-day's hours that service and travel fill in a good plan (the rest: waiting for windows, detours). */
export const DEFAULT_STAFFING_UTILISATION = 0.85;
/** Cost of the busiest day's count beside 1 per technician-day: small enough never to add a technician-day, enough to spread flexible visits. */
const PEAK_WEIGHT = 1e-3;
/** Hours of a technician-day when the problem has no shift to learn it from. */
export const DEFAULT_TECHNICIAN_DAY_HOURS = 8;

interface Profile {
  readonly index: number;
  readonly covers: readonly number[];
  readonly skills: SkillLevels;
  readonly sectors?: readonly string[];
  readonly technicians: string[];
}

export function staffingNeed(ctx: FieldServiceContext, plannable: readonly number[], options: CapacityOptions = {}): StaffingNeed {
  const { problem } = ctx;
  const rule = problem.sectorRule ?? 'off';
  const requirements = new Requirements(rule);
  const requirementOf = new Map<number, Requirement>();
  for (const i of plannable) requirementOf.set(i, requirements.of(problem.visits[i]!, ctx.visitSectors[i]));
  const profiles = profilesOf(ctx, requirements);
  const days = options.days ? [...new Set(options.days)].sort((a, b) => a - b) : workingDays(ctx);
  const hours = options.hoursPerTechnicianDay ?? defaultHours(ctx);
  const utilisation = options.utilisation ?? DEFAULT_STAFFING_UTILISATION;

  // Each visit's work: its quickest service by a technician who covers it, plus a typical travel.
  const coveringTechnicians = new Map<number, number[]>();
  problem.technicians.forEach((t, k) => {
    for (const r of requirements.coveredBy(t)) coveringTechnicians.set(r, [...(coveringTechnicians.get(r) ?? []), k]);
  });
  const travel = typicalTravel(ctx, plannable);
  const unservable: string[] = [];
  const classes = new Map<string, { requirement: Requirement; days: number[]; hours: number }>();
  let workHours = 0;
  for (const i of plannable) {
    const visit = problem.visits[i]!;
    const requirement = requirementOf.get(i) as Requirement;
    const [first, last] = visitDays(visit, problem.horizon.days);
    const open = days.filter((d) => d >= first && d <= last);
    const able = coveringTechnicians.get(requirement.index) ?? [];
    if (open.length === 0 || able.length === 0) {
      unservable.push(visit.id);
      continue;
    }
    const service = Math.min(...able.map((k) => serviceDuration(visit, problem.technicians[k]!.skills)));
    const work = (service + (travel.get(i) ?? 0)) / 3600;
    workHours += work;
    const key = `${requirement.index}|${open.join(',')}`;
    const c = classes.get(key);
    if (c) c.hours += work;
    else classes.set(key, { requirement, days: open, hours: work });
  }

  const lp = new LinearProgram('min');
  const profileDays: { name: string; day: number }[] = [];
  const rd = (r: number, d: number): string => `rd${r}.${d}`;
  [...classes.values()].forEach((c, k) => {
    lp.constraint(`w${k}`, { equal: c.hours });
    for (const d of c.days) {
      const row = rd(c.requirement.index, d);
      if (!lp.hasConstraint(row)) lp.constraint(row, { max: 0 });
      lp.variable(`x${k}.${d}`, 0, { [`w${k}`]: 1, [row]: 1 });
    }
  });
  for (const p of profiles) {
    for (const d of days) {
      const covering = p.covers.filter((r) => lp.hasConstraint(rd(r, d)));
      if (covering.length === 0) continue;
      const cap = `cap${p.index}.${d}`;
      lp.constraint(cap, { max: 0 });
      for (const r of covering) lp.variable(`z${r}.${p.index}.${d}`, 0, { [rd(r, d)]: -1, [cap]: 1 });
      lp.variable(`n${p.index}.${d}`, 1, { [cap]: -hours * utilisation, [`day${d}`]: 1 });
      profileDays.push({ name: `n${p.index}.${d}`, day: d });
    }
  }
  // Among the fewest technician-days, the flattest week: the busiest day's count costs a little too.
  const peak: Record<string, number> = {};
  for (const d of days) {
    if (!profileDays.some((n) => n.day === d)) continue;
    lp.constraint(`day${d}`, { max: 0 });
    peak[`day${d}`] = -1;
  }
  if (Object.keys(peak).length > 0) lp.variable('peak', PEAK_WEIGHT, peak);
  const { first, values } = roundedUp(lp, profileDays);
  const firstOptimum = profileDays.reduce((sum, n) => sum + (first.get(n.name) ?? 0), 0);

  const fractional = firstOptimum;
  const byDay: StaffingDay[] = [];
  const totals = new Map<number, number>();
  for (const d of days) {
    const needs: StaffingProfileNeed[] = [];
    for (const p of profiles) {
      const n = values.get(`n${p.index}.${d}`) ?? 0;
      // Rounded up: a fraction of a technician-day is a technician-day.
      const count = Math.ceil(n - 1e-6);
      if (count <= 0) continue;
      needs.push(profileNeed(p, count));
      totals.set(p.index, (totals.get(p.index) ?? 0) + count);
    }
    byDay.push({ day: d, technicianDays: needs.reduce((s, n) => s + n.technicianDays, 0), profiles: needs });
  }
  const byProfile = profiles
    .filter((p) => totals.has(p.index))
    .map((p) => profileNeed(p, totals.get(p.index) as number))
    .sort((a, b) => b.technicianDays - a.technicianDays);
  return {
    technicianDays: byDay.reduce((s, d) => s + d.technicianDays, 0),
    fractionalTechnicianDays: Math.round(fractional * 100) / 100,
    hoursPerTechnicianDay: hours,
    utilisation,
    byDay,
    byProfile,
    unservable,
    workHours: Math.round(workHours * 100) / 100,
    model: modelSize(lp, classes.size, profiles.length * days.length),
  };
}

/** Rounding rounds at most this many times before rounding the rest up at once. */
const ROUNDING_STEPS = 12;

/**
 * Rounding each fractional count up on its own wastes up to one
 * technician-day per profile and day. Instead, on each day the largest
 * fraction is fixed to its ceiling and the LP solved again, which moves the
 * other profiles' fractions into the hours that ceiling gives for free;
 * repeated until the counts are whole (or `ROUNDING_STEPS` solves, after
 * which the rest is rounded up). Every step keeps the LP feasible: it only
 * raises counts. One count per day at a time, since days share little.
 */
function roundedUp(
  lp: LinearProgram,
  counts: readonly { name: string; day: number }[],
): { first: ReadonlyMap<string, number>; values: ReadonlyMap<string, number> } {
  const solved = lp.solve();
  const first = solved.values;
  let values = solved.values;
  for (let step = 0; step < ROUNDING_STEPS; step++) {
    const pick = new Map<number, { name: string; fraction: number }>();
    for (const { name, day } of counts) {
      const n = values.get(name) ?? 0;
      const fraction = n - Math.floor(n + 1e-6);
      if (fraction > 1e-6 && fraction > (pick.get(day)?.fraction ?? 0)) pick.set(day, { name, fraction });
    }
    if (pick.size === 0) break;
    for (const { name } of pick.values()) lp.atLeast(name, Math.ceil((values.get(name) ?? 0) - 1e-6));
    values = lp.solve().values;
  }
  return { first, values };
}

function profileNeed(p: Profile, technicianDays: number): StaffingProfileNeed {
  return { skills: p.skills, ...(p.sectors ? { sectors: p.sectors } : {}), technicianDays, technicians: p.technicians };
}

/**
 * The problem's technicians grouped by the requirements they cover. A
 * profile's skills are the least that cover the same requirements (the
 * highest level each of them asks), so two technicians who differ only in
 * skills no visit needs share a profile.
 */
function profilesOf(ctx: FieldServiceContext, requirements: Requirements): Profile[] {
  const byKey = new Map<string, Profile>();
  const out: Profile[] = [];
  for (const t of ctx.problem.technicians) {
    const covers = requirements.coveredBy(t);
    if (covers.length === 0) continue;
    const key = covers.join(',');
    const known = byKey.get(key);
    if (known) {
      known.technicians.push(t.id);
      continue;
    }
    const skills: Record<string, number> = {};
    const sectors = new Set<string>();
    for (const r of covers) {
      const req = requirements.list[r]!;
      for (const [s, l] of Object.entries(req.skills)) skills[s] = Math.max(skills[s] ?? 0, l);
      if (req.sector !== undefined) sectors.add(req.sector);
    }
    const sorted = Object.fromEntries(Object.entries(skills).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const profile: Profile = {
      index: out.length,
      covers,
      skills: sorted,
      ...(sectors.size > 0 ? { sectors: [...sectors].sort() } : {}),
      technicians: [t.id],
    };
    byKey.set(key, profile);
    out.push(profile);
  }
  return out;
}

/** Days on which the problem's technicians have a shift (a company staffs its working days); every day when none has. */
function workingDays(ctx: FieldServiceContext): number[] {
  const days = new Set<number>();
  for (const p of ctx.periods) if (p.shift >= 0) days.add(p.day);
  if (days.size === 0) for (let d = 0; d < ctx.problem.horizon.days; d++) days.add(d);
  return [...days].sort((a, b) => a - b);
}

/** The median work hours of the problem's technician-days (normal hours, less lunch), else `DEFAULT_TECHNICIAN_DAY_HOURS`. */
function defaultHours(ctx: FieldServiceContext): number {
  const perDay = new Map<string, number>();
  for (const p of ctx.periods) {
    if (p.shift < 0) continue;
    const key = `${p.technician}|${p.day}`;
    perDay.set(key, (perDay.get(key) ?? 0) + Math.max(0, p.end - p.pieceStart - (p.lunch?.duration ?? 0)));
  }
  const hours = [...perDay.values()].map((s) => s / 3600).sort((a, b) => a - b);
  if (hours.length === 0) return DEFAULT_TECHNICIAN_DAY_HOURS;
  const mid = Math.floor(hours.length / 2);
  const median = hours.length % 2 === 1 ? hours[mid]! : (hours[mid - 1]! + hours[mid]!) / 2;
  return Math.round(median * 100) / 100;
}
