/**
 * Generator of realistic field-service instances in Provence (the engine's
 * field-service format, engine/src/field-service/types.ts), seeded: the same
 * options always give the same instance, byte for byte.
 *
 *     npx tsx benchmarks/field-service/generate.ts --technicians 50 --visits 1500 --days 5 --seed 1 -o week.json
 *
 * What is in an instance, and why:
 * - Real towns (provence-towns.ts) grouped into 8 sectors whose polygons tile
 *   the region (Voronoi cells of the towns), and 5 agencies each serving two
 *   sectors: technicians have home and secondary sectors, the rule is soft.
 * - Customers clustered around towns (more around big ones, a few in the
 *   countryside, coastal towns have no customers at sea), some sites with
 *   several visits (a building with several boilers).
 * - Technicians with 2–3 skills at levels 1–3, weekday shifts with a lunch
 *   break window, a few starting from their agency, some part-time days,
 *   absences, overtime allowances and hourly costs.
 * - Visits: maintenance spread over the horizon with date ranges ("between
 *   the 3rd and the 7th"), repairs on a half-day the customer chose (AM/PM
 *   windows), emergencies with a 4-hour SLA; usual technicians for contract
 *   customers, a few appointments pinned to a technician and a time.
 *
 * Day 0 is a Monday (`startDate`, default 2026-03-02): days 5 and 6 of each
 * week are the weekend, with only on-call technicians on Saturday morning.
 */
import { realpathSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  type Absence,
  DAY,
  type FieldServiceProblem,
  type SectorRule,
  type Shift,
  type SkillLevels,
  type Technician,
  type Visit,
} from '../../engine/src/field-service/types.ts';
import { Rng } from '../../engine/src/rng.ts';
import type { Coordinates } from '../../engine/src/types.ts';
import { AGENCIES, SECTORS, TOWNS, type SectorCode, type Town } from './provence-towns.ts';
import { voronoiSectors } from './sector-polygons.ts';

export interface GeneratorOptions {
  readonly technicians: number;
  readonly visits: number;
  /** Horizon, 1 to 14 days. */
  readonly days: number;
  readonly seed: number;
  /** Share of visits that are emergencies with an SLA; default 0.05. */
  readonly emergencyShare?: number;
  /** Default `soft`. */
  readonly sectorRule?: SectorRule;
  /** Label of day 0, a Monday by default. */
  readonly startDate?: string;
  /** Multiplies service durations (rounded to 5 min, at least 10 min); default 1. Below 1 packs more visits in a day. */
  readonly serviceScale?: number;
}

const H = 3600;
const MIN = 60;

/** Skills of an HVAC / plumbing / electricity maintenance company, with how common each is among jobs. */
const SKILLS = [
  { name: 'hvac', weight: 35, maintenance: 'Entretien climatisation', repair: 'Dépannage climatisation' },
  { name: 'heating', weight: 30, maintenance: 'Entretien chaudière', repair: 'Dépannage chauffage' },
  { name: 'plumbing', weight: 15, maintenance: 'Contrôle réseau eau', repair: 'Fuite / plomberie' },
  { name: 'electricity', weight: 12, maintenance: 'Vérification tableau électrique', repair: 'Panne électrique' },
  { name: 'gas', weight: 8, maintenance: 'Contrôle installation gaz', repair: 'Odeur de gaz' },
] as const;

const FIRST_NAMES = [
  'Julien',
  'Nicolas',
  'Sophie',
  'Karim',
  'Laura',
  'Mehdi',
  'Thomas',
  'Camille',
  'Antoine',
  'Sarah',
  'Romain',
  'Inès',
  'Maxime',
  'Léa',
  'Yacine',
  'Pauline',
  'Hugo',
  'Manon',
  'Florian',
  'Nadia',
  'Kevin',
  'Marion',
  'Sébastien',
  'Amel',
  'Guillaume',
  'Chloé',
  'Rachid',
  'Elodie',
  'Vincent',
  'Julie',
  'Fabien',
  'Samia',
  'Jérôme',
  'Aurélie',
  'Loïc',
  'Myriam',
];
const LAST_INITIALS = 'ABCDEFGHJKLMNOPRSTV';

// Daily times (seconds from midnight).
const AM: [number, number] = [8 * H, 11 * H + 30 * MIN];
const PM: [number, number] = [13 * H + 30 * MIN, 16 * H];
const ALL_DAY: [number, number] = [8 * H, 16 * H + 30 * MIN];

/** Standard normal deviate (Box–Muller): customers thin out with the distance from the town centre. */
function gaussian(rng: Rng): number {
  const u = 1 - rng.next(); // (0, 1]: log(0) would be −∞
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

function pickWeighted<T>(rng: Rng, items: readonly T[], weight: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  let x = rng.next() * total;
  for (const item of items) {
    x -= weight(item);
    if (x < 0) return item;
  }
  return items[items.length - 1]!;
}

const round5 = (value: number): number => Math.round(value * 1e5) / 1e5;
/** Rounds a time down to 5 minutes: dispatchers do not announce 10:37. */
const round5min = (t: number): number => Math.floor(t / (5 * MIN)) * 5 * MIN;

/** A point `sigmaKm` around a town, north only for coastal towns. */
function around(rng: Rng, town: Town, sigmaKm: number): Coordinates {
  const kmPerDegLat = 111.2;
  const kmPerDegLon = 111.2 * Math.cos((town.lat * Math.PI) / 180);
  let dy = gaussian(rng) * sigmaKm;
  const dx = gaussian(rng) * sigmaKm;
  if (town.coastal) dy = Math.abs(dy);
  return [round5(town.lon + dx / kmPerDegLon), round5(town.lat + dy / kmPerDegLat)];
}

/** Spread of customers around a town: a few km, wider for big towns. */
const townSigmaKm = (town: Town): number => 1.2 + 0.9 * Math.log10(town.population / 1000);

/** Largest-remainder split of `n` by `weights`. */
function apportion(n: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (n * w) / total);
  const counts = exact.map(Math.floor);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  const left = n - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < left; k++) counts[order[k]!.i]!++;
  return counts;
}

const isWeekend = (day: number): boolean => day % 7 >= 5;
const isSaturday = (day: number): boolean => day % 7 === 5;

export function generateFieldServiceInstance(options: GeneratorOptions): FieldServiceProblem {
  const { technicians: nTech, visits: nVisits, days, seed } = options;
  if (!Number.isSafeInteger(nTech) || nTech < 1) throw new RangeError('technicians: expected a positive integer');
  if (!Number.isSafeInteger(nVisits) || nVisits < 0) throw new RangeError('visits: expected a non-negative integer');
  if (!Number.isSafeInteger(days) || days < 1 || days > 14) throw new RangeError('days: expected an integer from 1 to 14');
  const emergencyShare = options.emergencyShare ?? 0.05;
  if (!(emergencyShare >= 0 && emergencyShare <= 1)) throw new RangeError('emergencyShare: expected a share from 0 to 1');
  const serviceScale = options.serviceScale ?? 1;
  if (!(serviceScale > 0)) throw new RangeError('serviceScale: expected a positive number');
  const service = (seconds: number): number => Math.max(10 * MIN, Math.round((seconds * serviceScale) / (5 * MIN)) * 5 * MIN);
  const rng = new Rng(seed);

  // ---- sectors and agencies
  const sectors = voronoiSectors(
    SECTORS.map((s) => ({ id: s.code, name: s.name, sites: TOWNS.filter((t) => t.sector === s.code).map((t): Coordinates => [t.lon, t.lat]) })),
  );
  const townByName = new Map(TOWNS.map((t) => [t.name, t]));
  const agencyPlace = (code: string): Coordinates => {
    const town = townByName.get(AGENCIES.find((a) => a.code === code)!.town)!;
    return [round5(town.lon), round5(town.lat)];
  };
  // Staffing follows demand, as a company's would: customers are drawn by √population (below), so a
  // sector's demand is the sum of its towns' √population, shared among the agencies serving it (an
  // agency's home sector weighs 1, its second sector 1/2), and each agency's technicians live in its
  // sectors in proportion.
  const demand = (code: SectorCode): number => TOWNS.filter((t) => t.sector === code).reduce((s, t) => s + Math.sqrt(t.population), 0);
  const weight = (a: (typeof AGENCIES)[number], code: SectorCode): number => (a.sectors[0] === code ? 1 : a.sectors.includes(code) ? 0.5 : 0);
  const share = (a: (typeof AGENCIES)[number], code: SectorCode): number =>
    (demand(code) * weight(a, code)) / AGENCIES.reduce((sum, other) => sum + weight(other, code), 0);
  const perAgency = apportion(
    nTech,
    AGENCIES.map((a) => a.sectors.reduce((sum, code) => sum + share(a, code), 0)),
  );

  // ---- technicians
  const technicians: Technician[] = [];
  AGENCIES.forEach((agency, a) => {
    const perSector = apportion(
      perAgency[a]!,
      agency.sectors.map((code) => share(agency, code)),
    );
    // Interleaved (home, other, home…) so that a small team still covers both sectors.
    const primaries: SectorCode[] = [];
    for (let round = 0; primaries.length < perAgency[a]!; round++) {
      agency.sectors.forEach((code, k) => {
        if (round < perSector[k]!) primaries.push(code);
      });
    }
    for (let k = 0; k < perAgency[a]!; k++) {
      const n = technicians.length + 1;
      const id = `T${String(n).padStart(3, '0')}`;
      const primary = primaries[k]!;
      const secondary = agency.sectors.filter((s) => s !== primary);
      const homeTown = pickWeighted(
        rng,
        TOWNS.filter((t) => t.sector === primary),
        (t) => Math.sqrt(t.population),
      );
      const home = around(rng, homeTown, townSigmaKm(homeTown) * 1.5);

      const skills: Record<string, number> = {};
      const skillCount = rng.next() < 0.4 ? 3 : 2;
      while (Object.keys(skills).length < skillCount) {
        const skill = pickWeighted(rng, SKILLS, (s) => s.weight).name;
        const x = rng.next();
        skills[skill] = x < 0.5 ? 1 : x < 0.85 ? 2 : 3;
      }

      // Shift pattern: start time, part-time Wednesday afternoons, start from the agency (the van is parked there).
      const startAt = [7 * H + 30 * MIN, 8 * H, 8 * H, 8 * H + 30 * MIN][rng.int(4)]!;
      const partTime = rng.next() < 0.12;
      const fromAgency = rng.next() < 0.25;
      const onCall = rng.next() < 0.15;
      const lunchLength = rng.next() < 0.5 ? 45 * MIN : H;
      const shifts: Shift[] = [];
      for (let day = 0; day < days; day++) {
        const midnight = day * DAY;
        let start = midnight + startAt;
        let end = start + 9 * H;
        let lunch: Shift['lunch'] = { window: [midnight + 11 * H + 45 * MIN, midnight + 14 * H], duration: lunchLength };
        if (isWeekend(day)) {
          if (!(isSaturday(day) && onCall)) continue;
          start = midnight + 8 * H;
          end = midnight + 12 * H;
          lunch = undefined;
        } else if (partTime && day % 7 === 2) {
          end = midnight + 12 * H + 30 * MIN;
          lunch = undefined;
        }
        const shift: Shift = {
          start,
          end,
          ...(fromAgency ? { startLocation: agencyPlace(agency.code), endLocation: agencyPlace(agency.code) } : {}),
          ...(lunch ? { lunch } : {}),
        };
        shifts.push(shift);
      }
      // Absences: a training day or a medical appointment now and then.
      const absences: Absence[] = [];
      for (let day = 0; day < days; day++) {
        if (isWeekend(day)) continue;
        const x = rng.next();
        if (x < 0.02) absences.push({ start: day * DAY, end: (day + 1) * DAY, reason: 'formation' });
        else if (x < 0.04) absences.push({ start: day * DAY + 14 * H, end: day * DAY + 16 * H, reason: 'rendez-vous médical' });
      }

      technicians.push({
        id,
        name: `${FIRST_NAMES[rng.int(FIRST_NAMES.length)]} ${LAST_INITIALS[rng.int(LAST_INITIALS.length)]}.`,
        agency: agency.code,
        home,
        skills,
        sectors: [primary],
        secondarySectors: secondary,
        shifts,
        ...(absences.length > 0 ? { absences } : {}),
        hourlyCost: 28 + rng.int(13),
        maxOvertime: rng.next() < 0.7 ? H : 0,
      });
    }
  });

  // The team's best level per skill: a visit never requires more than someone has.
  const bestLevel = new Map<string, number>();
  for (const t of technicians) for (const [skill, level] of Object.entries(t.skills ?? {})) bestLevel.set(skill, Math.max(bestLevel.get(skill) ?? 0, level));
  const requirement = (rng: Rng, preferLevel: number): SkillLevels => {
    const available = SKILLS.filter((s) => bestLevel.has(s.name));
    if (available.length === 0) return {};
    const skill = pickWeighted(rng, available, (s) => s.weight).name;
    return { [skill]: Math.min(preferLevel, bestLevel.get(skill)!) };
  };
  const workdays = Array.from({ length: days }, (_, d) => d).filter((d) => !isWeekend(d));
  const visitDays = workdays.length > 0 ? workdays : [0];

  // ---- visits
  const visits: Visit[] = [];
  const sites: { location: Coordinates; town: Town }[] = [];
  const pinnedSlots = new Set<string>();
  const nEmergencies = Math.round(nVisits * emergencyShare);
  for (let v = 0; v < nVisits; v++) {
    const id = `V${String(v + 1).padStart(4, '0')}`;
    // Site: a repeat of an earlier site (several appliances), a house in the countryside, or a customer in town.
    let town: Town;
    let location: Coordinates;
    const x = rng.next();
    if (sites.length > 0 && x < 0.08) {
      const site = sites[rng.int(sites.length)]!;
      town = site.town;
      location = site.location;
    } else {
      town = pickWeighted(rng, TOWNS, (t) => Math.sqrt(t.population));
      location = around(rng, town, townSigmaKm(town) * (x < 0.18 ? 3.5 : 1));
      sites.push({ location, town });
    }

    // Exactly round(share × visits) emergencies, spread evenly through the list rather than bunched first.
    const emergency = Math.floor(((v + 1) * nEmergencies) / Math.max(1, nVisits)) > Math.floor((v * nEmergencies) / Math.max(1, nVisits));
    const kind = emergency ? 'emergency' : rng.next() < 0.62 ? 'maintenance' : 'repair';
    const skills = requirement(rng, kind === 'emergency' ? (rng.next() < 0.5 ? 2 : 1) : rng.next() < 0.2 ? 2 : rng.next() < 0.05 ? 3 : 1);
    const skill = Object.keys(skills)[0];
    const labels = SKILLS.find((s) => s.name === skill);
    const base: { id: string; location: Coordinates; skills?: SkillLevels } = { id, location, ...(skill ? { skills } : {}) };

    if (kind === 'emergency') {
      const day = visitDays[rng.int(visitDays.length)]!;
      const reported = round5min(7 * H + rng.int(8 * H));
      visits.push({
        ...base,
        name: `URGENCE ${labels?.repair ?? 'Dépannage'} — ${town.name}`,
        duration: service(45 * MIN + 15 * MIN * rng.int(3)),
        windows: [[reported, 18 * H]],
        earliestDay: day,
        latestDay: day,
        priority: 90,
        slaDeadline: day * DAY + reported + 4 * H,
      });
    } else if (kind === 'maintenance') {
      // Due within a range of 3 to 7 days that overlaps the horizon: "between the 3rd and the 7th".
      const earliest = visitDays[rng.int(visitDays.length)]!;
      const latest = Math.min(days - 1, earliest + 2 + rng.int(5));
      const duration = service(30 * MIN + 5 * MIN * rng.int(7));
      const w = rng.next();
      const windows = w < 0.4 ? [AM] : w < 0.75 ? [PM] : w < 0.9 ? [ALL_DAY] : undefined;
      const contract = rng.next() < 0.3;
      const usual = contract ? usualTechnician(rng, technicians, skills, town.sector) : undefined;
      visits.push({
        ...base,
        name: `${labels?.maintenance ?? 'Entretien'} — ${town.name}`,
        duration,
        // An expert does a routine maintenance faster.
        ...(skill && bestLevel.get(skill)! >= 3 ? { durationByLevel: [{ skill, minLevel: 3, duration: Math.round((duration * 0.8) / MIN) * MIN }] } : {}),
        ...(windows ? { windows } : {}),
        earliestDay: earliest,
        latestDay: latest,
        priority: 10 + 10 * rng.int(3),
        ...(usual ? { usualTechnicians: [usual] } : {}),
      });
    } else {
      // A repair booked on the phone: a day within the next three, the half-day the customer chose.
      const earliest = visitDays[rng.int(visitDays.length)]!;
      const latest = Math.min(days - 1, earliest + rng.int(3));
      const visit: Visit = {
        ...base,
        name: `${labels?.repair ?? 'Dépannage'} — ${town.name}`,
        duration: service(30 * MIN + 15 * MIN * rng.int(4)),
        windows: [rng.next() < 0.55 ? AM : PM],
        earliestDay: earliest,
        latestDay: latest,
        priority: 50,
      };
      visits.push(pinnedAppointment(rng, visit, technicians, pinnedSlots) ?? visit);
    }
  }

  return {
    horizon: { days, startDate: options.startDate ?? '2026-03-02' },
    technicians,
    visits,
    sectors,
    sectorRule: options.sectorRule ?? 'soft',
  };
}

export interface UrgentVisitOptions {
  readonly count: number;
  /** Day of the horizon under way. */
  readonly day: number;
  /** Seconds from day 0's midnight when the calls come in: the SLA runs from there. */
  readonly now: number;
  readonly seed: number;
  /** Ids are `${prefix}001`…; default `U`. */
  readonly idPrefix?: string;
}

/**
 * Urgent visits that come in during a day under way, for insertion: a site
 * near a town, a skill the team has, a window from now to 18:00 and a 4-hour
 * SLA. Seeded, like the instances.
 */
export function generateUrgentVisits(problem: FieldServiceProblem, options: UrgentVisitOptions): Visit[] {
  const { count, day, now, seed } = options;
  const rng = new Rng(seed);
  const bestLevel = new Map<string, number>();
  for (const t of problem.technicians)
    for (const [skill, level] of Object.entries(t.skills ?? {})) bestLevel.set(skill, Math.max(bestLevel.get(skill) ?? 0, level));
  const available = SKILLS.filter((s) => bestLevel.has(s.name));
  const timeOfDay = now - day * DAY;
  const windowEnd = Math.max(18 * H, timeOfDay);
  return Array.from({ length: count }, (_, k) => {
    const town = pickWeighted(rng, TOWNS, (t) => Math.sqrt(t.population));
    const skill = available.length > 0 ? pickWeighted(rng, available, (s) => s.weight) : undefined;
    const level = rng.next() < 0.3 ? 2 : 1;
    return {
      id: `${options.idPrefix ?? 'U'}${String(k + 1).padStart(3, '0')}`,
      name: `URGENCE ${skill?.repair ?? 'Dépannage'} — ${town.name}`,
      location: around(rng, town, townSigmaKm(town)),
      duration: 45 * MIN + 15 * MIN * rng.int(3),
      ...(skill ? { skills: { [skill.name]: Math.min(level, bestLevel.get(skill.name)!) } } : {}),
      windows: [[timeOfDay, windowEnd]],
      earliestDay: day,
      latestDay: day,
      priority: 90,
      slaDeadline: now + 4 * H,
    };
  });
}

/** A technician of the visit's sector who has the skill: the one the contract customer is used to. */
function usualTechnician(rng: Rng, technicians: readonly Technician[], skills: SkillLevels, sector: SectorCode): string | undefined {
  const able = technicians.filter(
    (t) => (t.sectors ?? []).includes(sector) && Object.entries(skills).every(([skill, level]) => (t.skills?.[skill] ?? 0) >= level),
  );
  return able.length > 0 ? able[rng.int(able.length)]!.id : undefined;
}

/**
 * One repair in 40 becomes an appointment the dispatcher already fixed: a
 * technician able to do it, on a day they work all day, at 9:00 or 14:00 — at
 * most one per technician and half-day, so that pins never collide.
 */
function pinnedAppointment(rng: Rng, visit: Visit, technicians: readonly Technician[], taken: Set<string>): Visit | undefined {
  if (rng.next() >= 0.025) return undefined;
  const day = visit.earliestDay ?? 0;
  const morning = visit.windows?.[0] === AM;
  const time = morning ? 9 * H : 14 * H;
  const able = technicians.filter((t) => {
    const shift = t.shifts.find((s) => s.start >= day * DAY && s.start < (day + 1) * DAY);
    const absent = (t.absences ?? []).some((a) => a.start < (day + 1) * DAY && a.end > day * DAY);
    return (
      shift !== undefined &&
      shift.start <= day * DAY + time - H &&
      shift.end >= day * DAY + time + visit.duration + H &&
      !absent &&
      !taken.has(`${t.id}|${day}|${morning}`) &&
      Object.entries(visit.skills ?? {}).every(([skill, level]) => (t.skills?.[skill] ?? 0) >= level)
    );
  });
  if (able.length === 0) return undefined;
  const technician = able[rng.int(able.length)]!;
  taken.add(`${technician.id}|${day}|${morning}`);
  return {
    ...visit,
    name: `RDV ${visit.name ?? ''}`.trim(),
    latestDay: day,
    pin: { mode: 'technician_and_time', technician: technician.id, start: day * DAY + time },
  };
}

/** A one-line description for logs: counts by kind. */
export function describeInstance(problem: FieldServiceProblem): string {
  const emergencies = problem.visits.filter((v) => v.slaDeadline !== undefined).length;
  const pinned = problem.visits.filter((v) => v.pin).length;
  const usual = problem.visits.filter((v) => v.usualTechnicians).length;
  const shifts = problem.technicians.reduce((n, t) => n + t.shifts.length, 0);
  return (
    `${problem.technicians.length} technicians (${shifts} shifts), ${problem.visits.length} visits ` +
    `(${emergencies} emergencies, ${pinned} pinned, ${usual} with a usual technician) over ${problem.horizon.days} days, ` +
    `${problem.sectors?.length ?? 0} sectors`
  );
}

// ---------------------------------------------------------------- CLI

function count(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected an integer ≥ ${min}`);
    return n;
  };
}

function share(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1');
  return n;
}

function seedArg(value: string): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected an integer');
  return n;
}

function main(argv: readonly string[]): void {
  const program = new Command()
    .name('npx tsx benchmarks/field-service/generate.ts')
    .description('Generate a seeded field-service instance in Provence (engine/src/field-service format).')
    .option('--technicians <n>', 'number of technicians', count(1), 20)
    .option('--visits <n>', 'number of visits', count(0), 300)
    .option('--days <n>', 'horizon in days (1 to 14; day 0 is a Monday)', count(1), 5)
    .option('--seed <n>', 'random seed', seedArg, 1)
    .option('--emergencies <share>', 'share of emergencies with a 4 h SLA', share, 0.05)
    .addOption(new Option('--sector-rule <rule>', 'sector rule').choices(['hard', 'soft', 'off']).default('soft'))
    .option('-o, --output <file>', 'write the instance there (default: stdout)')
    .option('--pretty', 'indent the JSON')
    .parse(argv as string[], { from: 'user' });
  const o = program.opts<{
    technicians: number;
    visits: number;
    days: number;
    seed: number;
    emergencies: number;
    sectorRule: SectorRule;
    output?: string;
    pretty?: boolean;
  }>();
  if (o.days > 14) program.error('error: --days must be at most 14');
  const problem = generateFieldServiceInstance({
    technicians: o.technicians,
    visits: o.visits,
    days: o.days,
    seed: o.seed,
    emergencyShare: o.emergencies,
    sectorRule: o.sectorRule,
  });
  const text = `${JSON.stringify(problem, null, o.pretty ? 2 : undefined)}\n`;
  if (o.output && o.output !== '-') writeFileSync(o.output, text);
  else process.stdout.write(text);
  process.stderr.write(`seed ${o.seed}: ${describeInstance(problem)}${o.output && o.output !== '-' ? ` → ${o.output}` : ''}\n`);
}

function isEntryPoint(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// Run only when started as a script: the benchmarks and tests import the generator.
if (isEntryPoint()) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
