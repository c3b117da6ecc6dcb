/**
 * Seeded generator of one field-service day of a French company, in VROOM's
 * JSON format (docs/API.md of VROOM 1.14), for issue 14's scale benchmark: the
 * same options always give the same instance, byte for byte.
 *
 * What is in a day, and why:
 * - Towns of Provence (../field-service/provence-towns.ts) south of Avignon, a
 *   region of about 130 × 95 km; visits cluster around towns by √population,
 *   technicians live around towns too and start and end their day at home.
 * - Shifts about 8:00–17:30 (start 7:30–8:30, 9–10 hours), one lunch break
 *   each between 12:00 and 14:00 lasting an hour.
 * - Six skills; each technician holds 2–4, never both gas and pools (separate
 *   teams); each visit needs 1–3.
 * - Visits of 20–120 min and priority 0–100, both by kind (a maintenance is
 *   long and can wait, an urgent repair is short and comes first), one or two
 *   time windows (morning, afternoon, all day, or two short slots).
 * - About a quarter of the visits cannot be served, as on a real overnight
 *   plan: the work asked for exceeds the technicians' hours (most of the
 *   quarter), a few visits need gas and pools together, which nobody holds,
 *   and a few have an evening window after every shift has ended. VROOM 1.14
 *   -x 0 serves 65–75 % of the visits of seed 1's four tiers.
 * - Travel: great-circle × 1.3 at 50 km/h (./travel-matrix.ts), as a
 *   `matrices.car` with `location_index` on every job and vehicle, and the
 *   coordinates too so that solutions can be drawn. With `travel:
 *   'coordinates'` the matrix and indices are left out (10,000 visits would
 *   make a matrix of gigabytes) and solvers derive the same travel themselves.
 */
import { Rng } from '../../engine/src/rng.ts';
import type { Coordinates, Input, Job, TimeWindow, Vehicle } from '../../engine/src/types.ts';
import { TOWNS, type Town } from '../field-service/provence-towns.ts';
import { around, pickDistinct, pickWeighted } from './sampling.ts';
import { travelMatrices } from './travel-matrix.ts';

export interface DayOptions {
  readonly technicians: number;
  readonly visits: number;
  readonly seed: number;
  /** `matrix` (default): `matrices.car` and location indices; `coordinates`: locations only. */
  readonly travel?: 'matrix' | 'coordinates';
}

const H = 3600;
const MIN = 60;

/** Skill ids as VROOM wants them (integers), with how common each is. */
export const SKILLS = [
  { id: 1, name: 'chauffage', weight: 30 },
  { id: 2, name: 'climatisation', weight: 25 },
  { id: 3, name: 'plomberie', weight: 15 },
  { id: 4, name: 'électricité', weight: 12 },
  { id: 5, name: 'gaz', weight: 10 },
  { id: 6, name: 'piscine', weight: 8 },
] as const;
type Skill = (typeof SKILLS)[number];
/** No technician holds both: visits needing the pair are the ones nobody can serve. */
export const EXCLUSIVE_SKILLS: readonly [number, number] = [5, 6];

export const LUNCH: TimeWindow = [12 * H, 14 * H];
export const LUNCH_SERVICE = H;
/** Latest end of a shift (8:30 + 10 h); an evening window opening after it cannot be served. */
export const LATEST_SHIFT_END = 18 * H + 30 * MIN;
const EVENING: TimeWindow = [19 * H, 20 * H + 30 * MIN];

/** Shares of the deliberately impossible visits; the rest of the unserved quarter comes from too much work. */
const UNHELD_SKILLS_SHARE = 0.04;
const EVENING_SHARE = 0.04;

/** Visit kinds: how common, the priority range a dispatcher gives them, and how long they take (minutes, steps of 5). */
const KINDS = [
  { name: 'maintenance', weight: 55, priority: [0, 30], serviceMinutes: [45, 120] },
  { name: 'repair', weight: 35, priority: [40, 80], serviceMinutes: [30, 120] },
  { name: 'urgent', weight: 10, priority: [85, 100], serviceMinutes: [20, 90] },
] as const;

/** Windows on the start of service, as customers pick them. */
const WINDOWS: readonly { readonly weight: number; readonly windows: readonly TimeWindow[] }[] = [
  { weight: 25, windows: [[8 * H, 12 * H]] },
  { weight: 25, windows: [[13 * H + 30 * MIN, 17 * H]] },
  { weight: 35, windows: [[8 * H, 17 * H]] },
  {
    weight: 15,
    windows: [
      [8 * H, 10 * H],
      [15 * H, 17 * H],
    ],
  },
];

/** Towns south of Avignon: the region stays about 130 × 95 km. */
const REGION_TOWNS: readonly Town[] = TOWNS.filter((town) => town.lat <= 43.95);

/** Spread of customers around a town: a few km, wider for big towns. */
const townSigmaKm = (town: Town): number => 1.2 + 0.9 * Math.log10(town.population / 1000);
const townCentre = (town: Town): Coordinates => [town.lon, town.lat];

function checkOptions(options: DayOptions): void {
  const { technicians, visits, seed } = options;
  if (!Number.isSafeInteger(technicians) || technicians < 1) throw new RangeError(`technicians: expected a positive integer, got ${technicians}`);
  if (!Number.isSafeInteger(visits) || visits < 0) throw new RangeError(`visits: expected a non-negative integer, got ${visits}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed: expected an integer, got ${seed}`);
  if (options.travel !== undefined && options.travel !== 'matrix' && options.travel !== 'coordinates') {
    throw new RangeError(`travel: expected "matrix" or "coordinates", got ${String(options.travel)}`);
  }
}

const holdsBothExclusive = (skills: readonly number[]): boolean => EXCLUSIVE_SKILLS.every((s) => skills.includes(s));

/** 2–4 skills, never the exclusive pair. */
function technicianSkills(rng: Rng): number[] {
  const allowed = (skill: Skill, drawn: readonly Skill[]): boolean => !holdsBothExclusive([skill.id, ...drawn.map((d) => d.id)]);
  return pickDistinct(rng, SKILLS, (s) => s.weight, rng.between(2, 4), allowed)
    .map((s) => s.id)
    .sort((a, b) => a - b);
}

/** 1 skill (55 %), 2 (33 %) or 3 (12 %), never the exclusive pair: that one is given on purpose only. */
function visitSkills(rng: Rng): number[] {
  const x = rng.next();
  const count = x < 0.55 ? 1 : x < 0.88 ? 2 : 3;
  const allowed = (skill: Skill, drawn: readonly Skill[]): boolean => !holdsBothExclusive([skill.id, ...drawn.map((d) => d.id)]);
  return pickDistinct(rng, SKILLS, (s) => s.weight, count, allowed)
    .map((s) => s.id)
    .sort((a, b) => a - b);
}

function technician(rng: Rng, id: number): { vehicle: Omit<Vehicle, 'start_index' | 'end_index'>; home: Coordinates } {
  const town = pickWeighted(rng, REGION_TOWNS, (t) => Math.sqrt(t.population));
  // Technicians live in the suburbs: a wider spread than customers.
  const home = around(rng, townCentre(town), townSigmaKm(town) + 3, town.coastal === true);
  const start = 7 * H + 30 * MIN + rng.between(0, 4) * 15 * MIN;
  const end = start + 9 * H + rng.between(0, 4) * 15 * MIN;
  return {
    home,
    vehicle: {
      id,
      profile: 'car',
      start: home,
      end: home,
      skills: technicianSkills(rng),
      time_window: [start, end],
      breaks: [{ id, time_windows: [LUNCH], service: LUNCH_SERVICE }],
    },
  };
}

function visit(rng: Rng, id: number): Omit<Job, 'location_index'> & { location: Coordinates } {
  const town = pickWeighted(rng, REGION_TOWNS, (t) => Math.sqrt(t.population));
  const location = around(rng, townCentre(town), townSigmaKm(town), town.coastal === true);
  const kind = pickWeighted(rng, KINDS, (k) => k.weight);
  const priority = rng.between(kind.priority[0], kind.priority[1]);
  const service = rng.between(kind.serviceMinutes[0] / 5, kind.serviceMinutes[1] / 5) * 5 * MIN;
  let skills = visitSkills(rng);
  let windows = pickWeighted(rng, WINDOWS, (w) => w.weight).windows;
  // Drawn in every case, so that the shares do not shift the other draws of the visit.
  const impossible = rng.next();
  if (impossible < UNHELD_SKILLS_SHARE) skills = [...EXCLUSIVE_SKILLS];
  else if (impossible < UNHELD_SKILLS_SHARE + EVENING_SHARE) windows = [EVENING];
  return { id, location, service, skills, priority, time_windows: windows };
}

export function generateDay(options: DayOptions): Input {
  checkOptions(options);
  const rng = new Rng(options.seed);
  const technicians = Array.from({ length: options.technicians }, (_, k) => technician(rng, k + 1));
  const visits = Array.from({ length: options.visits }, (_, k) => visit(rng, k + 1));
  if (options.travel === 'coordinates') {
    return { vehicles: technicians.map((t) => t.vehicle), jobs: visits };
  }
  // One matrix place per home (start and end share it), then one per visit.
  const places = [...technicians.map((t) => t.home), ...visits.map((v) => v.location)];
  const vehicles: Vehicle[] = technicians.map((t, k) => ({ ...t.vehicle, start_index: k, end_index: k }));
  const jobs: Job[] = visits.map((v, k) => ({ ...v, location_index: technicians.length + k }));
  return { vehicles, jobs, matrices: { car: travelMatrices(places) } };
}
