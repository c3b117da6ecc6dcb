/**
 * Turns an untrusted value into a `FieldServiceProblem` the planner can rely
 * on, or throws the core's `InputError` naming the first problem with its path
 * (`visits[3].windows[0]: start 36000 is after end 32400`): first the shape
 * (zod), then the rules relating fields to one another (ids, references,
 * days within the horizon).
 */
import { z } from 'zod';
import { InputError, formatPath } from '../errors.ts';
import { describeValue, issueReason } from '../input/schema.ts';
import { DAY, type FieldServiceProblem, type RealtimeState, type Technician, type Visit } from './types.ts';

type Issue = z.core.$ZodRawIssue;
type Path = readonly (string | number)[];

/** Longest horizon: two weeks is what a dispatcher plans ahead; longer horizons are a capacity question, not routing. */
export const MAX_HORIZON_DAYS = 14;

function expecting(expectation: string): (issue: Issue) => string {
  return (issue) => (issue.input === undefined ? 'is required' : `${expectation}, got ${describeValue(issue.input)}`);
}

const seconds = () => z.int({ error: expecting('must be a non-negative integer (seconds)') }).min(0);
const id = () => z.string({ error: expecting('must be a non-empty string') }).min(1);
const ids = () => z.array(id(), { error: expecting('must be an array of ids') });
const cost = () =>
  z
    .number({ error: expecting('must be a non-negative number') })
    .min(0)
    .refine(Number.isFinite, 'must be finite');

const coordinates = z.tuple(
  [
    z
      .number({ error: expecting('must be a longitude from -180 to 180') })
      .min(-180)
      .max(180),
    z
      .number({ error: expecting('must be a latitude from -90 to 90') })
      .min(-90)
      .max(90),
  ],
  { error: expecting('must be [lon, lat]') },
);

const window = z.tuple([seconds(), seconds()], { error: expecting('must be [start, end]') }).superRefine(([start, end], ctx) => {
  if (start > end) ctx.addIssue({ code: 'custom', message: `start ${start} is after end ${end}` });
});

const dailyWindow = window.superRefine(([, end], ctx) => {
  if (end > DAY) ctx.addIssue({ code: 'custom', message: `end ${end} is after the day's end (${DAY})` });
});

const skillLevels = z.record(
  z.string().min(1, { error: 'skill names must not be empty' }),
  z.int({ error: expecting('must be a level (an integer ≥ 1)') }).min(1),
  { error: expecting('must be an object of skill → level') },
);

const ring = z
  .array(coordinates, { error: expecting('must be an array of [lon, lat]') })
  .min(4, { error: 'a ring needs at least 4 positions (closed)' })
  .superRefine((points, ctx) => {
    const first = points[0]!;
    const last = points[points.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) ctx.addIssue({ code: 'custom', message: 'ring is not closed' });
  });
const polygon = z.array(ring, { error: expecting('must be an array of rings') }).min(1);

const geometry = z.discriminatedUnion(
  'type',
  [z.object({ type: z.literal('Polygon'), coordinates: polygon }), z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon).min(1) })],
  { error: expecting('must be a GeoJSON Polygon or MultiPolygon') },
);

const lunch = z.object({ window, duration: seconds() }, { error: expecting('must be an object') }).superRefine((l, ctx) => {
  if (l.window[1] - l.window[0] < l.duration) {
    ctx.addIssue({ code: 'custom', message: `duration ${l.duration} does not fit in window [${l.window[0]}, ${l.window[1]}]` });
  }
});

const shift = z
  .object(
    {
      start: seconds(),
      end: seconds(),
      startLocation: coordinates.optional(),
      endLocation: coordinates.optional(),
      lunch: lunch.optional(),
    },
    { error: expecting('must be an object') },
  )
  .superRefine((s, ctx) => {
    if (s.start >= s.end) ctx.addIssue({ code: 'custom', message: `start ${s.start} is not before end ${s.end}` });
  });

const absence = z
  .object({ start: seconds(), end: seconds(), reason: z.string().optional() }, { error: expecting('must be an object') })
  .superRefine((a, ctx) => {
    if (a.start > a.end) ctx.addIssue({ code: 'custom', message: `start ${a.start} is after end ${a.end}` });
  });

const technician = z.object(
  {
    id: id(),
    name: z.string().optional(),
    agency: z.string().optional(),
    home: coordinates,
    skills: skillLevels.optional(),
    sectors: ids().optional(),
    secondarySectors: ids().optional(),
    shifts: z.array(shift, { error: expecting('must be an array') }),
    absences: z.array(absence, { error: expecting('must be an array') }).optional(),
    hourlyCost: cost().optional(),
    maxOvertime: seconds().optional(),
  },
  { error: expecting('must be an object') },
);

const STATUSES = ['planned', 'en_route', 'started', 'done'] as const;
const PIN_MODES = ['technician', 'time', 'technician_and_time'] as const;

const visit = z.object(
  {
    id: id(),
    name: z.string().optional(),
    location: coordinates,
    duration: seconds(),
    durationByLevel: z
      .array(
        z.object({
          skill: id(),
          minLevel: z.int({ error: expecting('must be a level (an integer ≥ 1)') }).min(1),
          duration: seconds(),
        }),
      )
      .optional(),
    skills: skillLevels.optional(),
    windows: z
      .array(dailyWindow, { error: expecting('must be an array of [start, end]') })
      .min(1, {
        error: 'must not be empty (leave it out for any time of day)',
      })
      .optional(),
    earliestDay: z
      .int({ error: expecting('must be a day number') })
      .min(0)
      .optional(),
    latestDay: z
      .int({ error: expecting('must be a day number') })
      .min(0)
      .optional(),
    priority: z
      .int({ error: expecting('must be an integer from 0 to 100') })
      .min(0)
      .max(100)
      .optional(),
    slaDeadline: seconds().optional(),
    sector: id().optional(),
    pin: z.object({ mode: z.enum(PIN_MODES), technician: id().optional(), start: seconds().optional() }).optional(),
    status: z.enum(STATUSES).optional(),
    progress: z.object({ technician: id(), since: seconds(), eta: seconds().optional() }).optional(),
    usualTechnicians: ids().optional(),
    requiredTechnicians: ids().optional(),
    forbiddenTechnicians: ids().optional(),
    published: z.object({ technician: id(), day: z.int().min(0), start: seconds() }).optional(),
  },
  { error: expecting('must be an object') },
);

const weightKeys = [
  'travelPerHour',
  'travelPerKm',
  'overtimePerHour',
  'slaLatenessPerHour',
  'outsideSector',
  'secondarySector',
  'notUsualTechnician',
  'imbalance',
  'planChange',
  'pushedOutVisit',
] as const;

const problemSchema = z.object(
  {
    horizon: z.object(
      {
        days: z
          .int({ error: expecting(`must be an integer from 1 to ${MAX_HORIZON_DAYS}`) })
          .min(1)
          .max(MAX_HORIZON_DAYS),
        startDate: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' })
          .optional(),
      },
      { error: expecting('must be an object') },
    ),
    technicians: z.array(technician, { error: expecting('must be an array') }),
    visits: z.array(visit, { error: expecting('must be an array') }),
    sectors: z.array(z.object({ id: id(), name: z.string().optional(), geometry }), { error: expecting('must be an array') }).optional(),
    sectorRule: z.enum(['hard', 'soft', 'off']).optional(),
    weights: z
      .object(
        Object.fromEntries(weightKeys.map((k) => [k, cost().optional()])) as unknown as Record<
          (typeof weightKeys)[number],
          z.ZodOptional<ReturnType<typeof cost>>
        >,
      )
      .optional(),
    travel: z
      .object({
        roadFactor: z.number().min(1, { error: 'must be at least 1 (roads are never shorter than the crow flies)' }).max(5).optional(),
        speedKmh: z.number().gt(0).max(200).optional(),
      })
      .optional(),
  },
  { error: expecting('must be an object') },
);

/**
 * Validates `raw` as a field-service problem; returns it with unknown keys
 * removed. Throws `InputError` for the first problem found, whatever `raw` is.
 */
export function parseFieldServiceProblem(raw: unknown): FieldServiceProblem {
  let result: ReturnType<typeof problemSchema.safeParse>;
  try {
    result = problemSchema.safeParse(raw, { error: issueReason });
  } catch (error) {
    throw new InputError('', `problem could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = formatPath(issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)));
    throw new InputError(path, path ? issue.message : `problem ${issue.message}`);
  }
  const problem = result.data as FieldServiceProblem;
  checkRelations(problem);
  return problem;
}

/** Validates a single visit against a problem (an urgent visit, a customer's booking request). */
export function parseVisit(raw: unknown, problem: FieldServiceProblem, path = 'visit'): Visit {
  const result = visit.safeParse(raw, { error: issueReason });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const inner = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
    throw new InputError(formatPath([path, ...inner]), issue.message);
  }
  const v = result.data as Visit;
  const technicians = new Set(problem.technicians.map((t) => t.id));
  const sectors = new Set((problem.sectors ?? []).map((s) => s.id));
  checkVisit(v, [path], problem.horizon.days, technicians, sectors);
  return v;
}

function fail(path: Path, reason: string): never {
  throw new InputError(formatPath(path), reason);
}

function checkUnique(items: readonly { readonly id: string }[], path: Path): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined) fail([...path, i, 'id'], `duplicate id "${item.id}" (also ${formatPath([...path, first])})`);
    seen.set(item.id, i);
  });
}

function checkRelations(problem: FieldServiceProblem): void {
  const days = problem.horizon.days;
  const sectors = problem.sectors ?? [];
  checkUnique(problem.technicians, ['technicians']);
  checkUnique(problem.visits, ['visits']);
  checkUnique(sectors, ['sectors']);
  const sectorIds = new Set(sectors.map((s) => s.id));
  const technicianIds = new Set(problem.technicians.map((t) => t.id));
  problem.technicians.forEach((t, i) => checkTechnician(t, ['technicians', i], days, sectorIds));
  problem.visits.forEach((v, i) => checkVisit(v, ['visits', i], days, technicianIds, sectorIds));
}

function checkTechnician(t: Technician, path: Path, days: number, sectorIds: ReadonlySet<string>): void {
  for (const key of ['sectors', 'secondarySectors'] as const) {
    (t[key] ?? []).forEach((s, k) => {
      if (!sectorIds.has(s)) fail([...path, key, k], `no sector has id "${s}"`);
    });
  }
  const order = t.shifts.map((s, k) => ({ s, k })).sort((a, b) => a.s.start - b.s.start);
  order.forEach(({ s, k }, n) => {
    if (s.start >= days * DAY) fail([...path, 'shifts', k, 'start'], `${s.start} is after the horizon's end (${days * DAY})`);
    const previous = n > 0 ? order[n - 1] : undefined;
    if (previous && previous.s.end > s.start) {
      fail([...path, 'shifts', k], `overlaps ${formatPath([...path, 'shifts', previous.k])}`);
    }
    if (s.lunch && (s.lunch.window[1] <= s.start || s.lunch.window[0] >= s.end)) {
      fail([...path, 'shifts', k, 'lunch', 'window'], `[${s.lunch.window[0]}, ${s.lunch.window[1]}] is outside the shift [${s.start}, ${s.end}]`);
    }
  });
}

function checkVisit(v: Visit, path: Path, days: number, technicianIds: ReadonlySet<string>, sectorIds: ReadonlySet<string>): void {
  const technician = (tech: string, at: Path): void => {
    if (!technicianIds.has(tech)) fail(at, `no technician has id "${tech}"`);
  };
  for (const key of ['earliestDay', 'latestDay'] as const) {
    const day = v[key];
    if (day !== undefined && day >= days) fail([...path, key], `${day} is beyond the horizon's last day (${days - 1})`);
  }
  if (v.earliestDay !== undefined && v.latestDay !== undefined && v.earliestDay > v.latestDay) {
    fail([...path, 'latestDay'], `${v.latestDay} is before earliestDay ${v.earliestDay}`);
  }
  if (v.sector !== undefined && !sectorIds.has(v.sector)) fail([...path, 'sector'], `no sector has id "${v.sector}"`);
  for (const key of ['usualTechnicians', 'requiredTechnicians', 'forbiddenTechnicians'] as const) {
    (v[key] ?? []).forEach((tech, k) => technician(tech, [...path, key, k]));
  }
  if (v.pin) {
    const needsTechnician = v.pin.mode !== 'time';
    const needsStart = v.pin.mode !== 'technician';
    if (needsTechnician && v.pin.technician === undefined) fail([...path, 'pin', 'technician'], `is required for mode "${v.pin.mode}"`);
    if (needsStart && v.pin.start === undefined) fail([...path, 'pin', 'start'], `is required for mode "${v.pin.mode}"`);
    if (v.pin.technician !== undefined) technician(v.pin.technician, [...path, 'pin', 'technician']);
    if (v.pin.start !== undefined && v.pin.start >= days * DAY) {
      fail([...path, 'pin', 'start'], `${v.pin.start} is after the horizon's end (${days * DAY})`);
    }
  }
  const status = v.status ?? 'planned';
  if ((status === 'en_route' || status === 'started') && v.progress === undefined) {
    fail([...path, 'progress'], `is required for status "${status}" (who, since when)`);
  }
  if (v.progress) technician(v.progress.technician, [...path, 'progress', 'technician']);
  if (v.published) {
    technician(v.published.technician, [...path, 'published', 'technician']);
    if (v.published.day >= days) fail([...path, 'published', 'day'], `${v.published.day} is beyond the horizon's last day (${days - 1})`);
  }
}

const stateSchema = z.object(
  {
    now: seconds(),
    positions: z.array(z.object({ technician: id(), location: coordinates })).optional(),
    lunchTaken: ids().optional(),
  },
  { error: expecting('must be an object') },
);

/** Validates the real-time state (`now`, positions) against a problem. */
export function parseRealtimeState(raw: unknown, problem: FieldServiceProblem, path = 'state'): RealtimeState {
  const result = stateSchema.safeParse(raw, { error: issueReason });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const inner = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
    throw new InputError(formatPath([path, ...inner]), issue.message);
  }
  const state = result.data as RealtimeState;
  const technicians = new Set(problem.technicians.map((t) => t.id));
  (state.positions ?? []).forEach((p, k) => {
    if (!technicians.has(p.technician)) fail([path, 'positions', k, 'technician'], `no technician has id "${p.technician}"`);
  });
  (state.lunchTaken ?? []).forEach((t, k) => {
    if (!technicians.has(t)) fail([path, 'lunchTaken', k], `no technician has id "${t}"`);
  });
  return state;
}
