import type { FieldServicePlan, FieldServiceProblem, RealtimeState, Shift, Technician, Tour, Visit } from '../../src/field-service/types.ts';

/**
 * The test suite's independent check of a field-service plan's hard
 * constraints. It shares nothing with the engine but the types: travel, skill
 * levels, durations, windows, sectors (its own point-in-polygon) and lunch
 * rules are recomputed here from the problem alone.
 *
 * Checked: each visit served at most once, done visits never, every other
 * visit either served or explained; technicians' skill levels; required,
 * forbidden and pinned technicians; pinned times; date ranges and daily
 * windows; hard sectors; shift hours with the allowed overtime; absences;
 * the lunch break (within its window, for its length, not during a visit);
 * travel between consecutive places; fixed visits (en route, started) first
 * in their technician's tour and untouched; nothing planned before `now`.
 *
 * Returns one line per violation; an empty list means the plan is feasible.
 */
export function checkFieldServicePlan(problem: FieldServiceProblem, plan: FieldServicePlan, state?: RealtimeState): string[] {
  const out: string[] = [];
  const visits = new Map(problem.visits.map((v) => [v.id, v]));
  const techs = new Map(problem.technicians.map((t) => [t.id, t]));
  const served = new Map<string, string>();
  const travel = travelModel(problem);
  const now = state?.now;

  for (const tour of plan.tours) {
    const where = `tour ${tour.technician} day ${tour.day} shift ${tour.shift}`;
    const tech = techs.get(tour.technician);
    if (!tech) {
      out.push(`${where}: unknown technician`);
      continue;
    }
    for (const stop of tour.stops) {
      const other = served.get(stop.visit);
      if (other) out.push(`visit ${stop.visit} is served twice (${other} and ${where})`);
      served.set(stop.visit, where);
    }
    out.push(...checkTour(problem, tour, tech, visits, travel, now).map((m) => `${where}: ${m}`));
  }

  const explained = new Set<string>();
  for (const u of plan.unassigned) {
    if (explained.has(u.visit)) out.push(`visit ${u.visit} is unassigned twice`);
    explained.add(u.visit);
    if (served.has(u.visit)) out.push(`visit ${u.visit} is both served and unassigned`);
    if (u.reasons.length === 0) out.push(`visit ${u.visit} is unassigned without a reason`);
    for (const r of u.reasons) {
      if (!['no_skill_level', 'no_shift_in_date_range', 'time_window_unreachable', 'sector_rule', 'day_capacity'].includes(r)) {
        out.push(`visit ${u.visit}: unknown reason ${r}`);
      }
    }
  }
  for (const v of problem.visits) {
    if (v.status === 'done') {
      if (served.has(v.id) || explained.has(v.id)) out.push(`visit ${v.id} is done but appears in the plan`);
    } else if (!served.has(v.id) && !explained.has(v.id)) {
      out.push(`visit ${v.id} is neither served nor unassigned`);
    }
  }
  return out;
}

type Travel = (a: readonly [number, number], b: readonly [number, number]) => { duration: number; distance: number };

/** The problem's travel model (haversine × road factor at an average speed), written independently of the engine. */
export function travelModel(problem: FieldServiceProblem): Travel {
  const roadFactor = problem.travel?.roadFactor ?? 1.3;
  const speed = (problem.travel?.speedKmh ?? 50) / 3.6;
  return (a, b) => {
    if (a[0] === b[0] && a[1] === b[1]) return { duration: 0, distance: 0 };
    const r = Math.PI / 180;
    const h = Math.sin(((b[1] - a[1]) * r) / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(((b[0] - a[0]) * r) / 2) ** 2;
    const road = 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h))) * roadFactor;
    return { duration: Math.round(road / speed), distance: Math.round(road) };
  };
}

function levelOf(tech: Technician, skill: string): number {
  return tech.skills?.[skill] ?? 0;
}

function durationFor(visit: Visit, tech: Technician): number {
  const matching = (visit.durationByLevel ?? []).filter((e) => levelOf(tech, e.skill) >= e.minLevel).map((e) => e.duration);
  return matching.length > 0 ? Math.min(...matching) : visit.duration;
}

/** Ray casting on the outline minus holes; boundary points count as inside only approximately (tests avoid them). */
function inRing(p: readonly [number, number], ring: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function sectorOfPoint(problem: FieldServiceProblem, visit: Visit): string | undefined {
  if (visit.sector) return visit.sector;
  for (const s of problem.sectors ?? []) {
    const polygons = s.geometry.type === 'Polygon' ? [s.geometry.coordinates] : s.geometry.coordinates;
    for (const poly of polygons) {
      if (inRing(visit.location, poly[0]!) && !poly.slice(1).some((hole) => inRing(visit.location, hole))) return s.id;
    }
  }
  return undefined;
}

function checkTour(
  problem: FieldServiceProblem,
  tour: Tour,
  tech: Technician,
  visits: ReadonlyMap<string, Visit>,
  travel: Travel,
  now: number | undefined,
): string[] {
  const out: string[] = [];
  const DAY = 86_400;
  const shift: Shift | undefined = tech.shifts[tour.shift];
  if (!shift && tour.stops.some((s) => !s.fixed)) out.push(`no shift ${tour.shift} yet visits were planned`);
  if (shift) {
    if (tour.day !== Math.floor(shift.start / DAY)) out.push(`day ${tour.day} is not the shift's day`);
    if (tour.start.time < shift.start) out.push(`starts at ${tour.start.time}, before the shift (${shift.start})`);
    const sorted = [...tech.shifts].sort((a, b) => a.start - b.start);
    const next = sorted.find((s) => s.start > shift.start);
    const latest = Math.min(shift.end + (tech.maxOvertime ?? 0), next?.start ?? Number.POSITIVE_INFINITY);
    if (tour.end.time > latest) out.push(`ends at ${tour.end.time}, after the shift's end plus overtime (${latest})`);
    const expectedOvertime = Math.max(0, tour.end.time - shift.end);
    if (tour.overtime !== expectedOvertime && tour.overtime > expectedOvertime) {
      out.push(`overtime ${tour.overtime} but it ends ${expectedOvertime} s after the shift`);
    }
    const home = shift.endLocation ?? tech.home;
    if (tour.end.location[0] !== home[0] || tour.end.location[1] !== home[1]) out.push('does not end at the shift end place');
    for (const a of tech.absences ?? []) {
      const first = Math.min(tour.start.time, ...tour.stops.filter((s) => !s.fixed).map((s) => s.arrival));
      if (a.start < tour.end.time && a.end > first) out.push(`works during the absence [${a.start}, ${a.end}]`);
    }
    if (!tour.stops.some((s) => s.fixed) && now === undefined) {
      const start = shift.startLocation ?? tech.home;
      if (tour.start.location[0] !== start[0] || tour.start.location[1] !== start[1]) out.push('does not start at the shift start place');
    }
  }

  // Facts first, each of them this technician's.
  let seenPlanned = false;
  for (const stop of tour.stops) {
    const v = visits.get(stop.visit);
    if (!v) {
      out.push(`unknown visit ${stop.visit}`);
      continue;
    }
    const status = v.status ?? 'planned';
    if (stop.fixed) {
      if (seenPlanned) out.push(`fixed visit ${v.id} comes after a planned one`);
      if (status !== 'en_route' && status !== 'started') out.push(`visit ${v.id} is marked fixed but its status is ${status}`);
      if (v.progress?.technician !== tour.technician) out.push(`fixed visit ${v.id} belongs to ${v.progress?.technician}`);
      if (status === 'started' && stop.start !== v.progress?.since) out.push(`started visit ${v.id} moved from ${v.progress?.since} to ${stop.start}`);
    } else {
      seenPlanned = true;
      if (status !== 'planned') out.push(`visit ${v.id} has status ${status} but was planned`);
    }
  }

  const planned = tour.stops.filter((s) => !s.fixed);
  let t = tour.start.time;
  let place: readonly [number, number] = tour.start.location;
  const breaks = [...tour.breaks].sort((a, b) => a.start - b.start);
  const breakBetween = (from: number, to: number): number => breaks.filter((b) => b.start >= from && b.end <= to).reduce((s, b) => s + (b.end - b.start), 0);
  if (now !== undefined && planned.length > 0 && planned[0]!.arrival < now) out.push(`plans visit ${planned[0]!.visit} before now`);
  for (const stop of planned) {
    const v = visits.get(stop.visit) as Visit;
    const where = `visit ${v.id}`;
    const leg = travel(place, v.location).duration;
    const pause = breakBetween(t, stop.arrival);
    if (Math.abs(stop.arrival - (t + leg + pause)) > 1 && stop.arrival < t + leg + pause - 1) {
      out.push(`${where}: arrives at ${stop.arrival}, cannot before ${t + leg + pause}`);
    }
    if (stop.start < stop.arrival) out.push(`${where}: starts before arriving`);
    const duration = durationFor(v, tech);
    if (stop.end - stop.start !== duration) out.push(`${where}: lasts ${stop.end - stop.start}, not ${duration}`);
    // Skills at their levels.
    for (const [skill, level] of Object.entries(v.skills ?? {})) {
      if (levelOf(tech, skill) < level) out.push(`${where}: needs ${skill} ≥ ${level}, technician has ${levelOf(tech, skill)}`);
    }
    // Technician rules.
    if (v.requiredTechnicians?.length && !v.requiredTechnicians.includes(tech.id)) out.push(`${where}: not one of its required technicians`);
    if (v.forbiddenTechnicians?.includes(tech.id)) out.push(`${where}: forbidden technician`);
    if (v.pin && v.pin.mode !== 'time' && v.pin.technician !== tech.id) out.push(`${where}: pinned to ${v.pin.technician}`);
    if (v.pin && v.pin.mode !== 'technician' && stop.start !== v.pin.start) out.push(`${where}: pinned at ${v.pin.start}, starts ${stop.start}`);
    // Days and windows.
    const day = Math.floor(stop.start / DAY);
    if (day !== tour.day && !(stop.start === (tour.day + 1) * DAY)) out.push(`${where}: starts on day ${day}, the tour is day ${tour.day}`);
    if (!(v.pin && v.pin.mode !== 'technician')) {
      const first = v.earliestDay ?? 0;
      const last = v.latestDay ?? problem.horizon.days - 1;
      if (tour.day < first || tour.day > last) out.push(`${where}: day ${tour.day} is outside days ${first}–${last}`);
      const windows = v.windows ?? [[0, DAY]];
      const ok = windows.some(([a, b]) => stop.start >= tour.day * DAY + a && stop.start <= tour.day * DAY + b);
      if (!ok) out.push(`${where}: starts at ${stop.start}, outside its daily windows`);
    }
    const expectedLate = v.slaDeadline !== undefined ? Math.max(0, stop.start - v.slaDeadline) : 0;
    if (stop.lateness !== expectedLate) out.push(`${where}: lateness ${stop.lateness}, expected ${expectedLate}`);
    // Sectors.
    if ((problem.sectorRule ?? 'off') === 'hard') {
      const sector = sectorOfPoint(problem, v);
      if (sector !== undefined && !(tech.sectors ?? []).includes(sector) && !(tech.secondarySectors ?? []).includes(sector)) {
        out.push(`${where}: in sector ${sector}, outside the technician's (hard rule)`);
      }
    }
    for (const b of breaks) {
      if (b.start < stop.end && b.end > stop.start) out.push(`${where}: the lunch break overlaps the visit`);
    }
    t = stop.end;
    place = v.location;
  }
  if (planned.length > 0 || tour.stops.length === 0) {
    const leg = travel(place, tour.end.location).duration;
    const pause = breakBetween(t, tour.end.time);
    if (tour.end.time < t + leg + pause - 1) out.push(`ends at ${tour.end.time}, cannot before ${t + leg + pause}`);
  }

  // Lunch: at most one break; it lies within the lunch window and lasts as long as the lunch.
  if (breaks.length > 1) out.push(`${breaks.length} breaks`);
  for (const b of breaks) {
    const lunch = shift?.lunch;
    if (!lunch) {
      out.push('a break but the shift has no lunch');
      continue;
    }
    if (b.start < lunch.window[0] || b.end > lunch.window[1]) out.push(`lunch [${b.start}, ${b.end}] outside its window`);
    if (b.end - b.start !== lunch.duration) out.push(`lunch lasts ${b.end - b.start}, not ${lunch.duration}`);
  }
  const lunchDue =
    shift?.lunch !== undefined && planned.length > 0 && now === undefined && (tech.absences ?? []).length === 0 && !tour.stops.some((s) => s.fixed);
  if (lunchDue && breaks.length === 0) out.push('no lunch break');
  return out;
}
