/**
 * The shape of VROOM's JSON input (VROOM-Project/vroom docs/API.md, v1.14) as a
 * zod schema. It checks what one value can tell on its own (types, ranges, a
 * window's start ≤ end); checks that relate fields to one another (unique ids,
 * matrix sizes, amount dimensions…) live in `validate.ts`.
 *
 * Every reason a schema here produces is already the plain wording of
 * `InputError` (`must be a non-negative integer, got -3`), so `validate.ts` only
 * has to prefix the path. Unknown keys are stripped, as VROOM ignores them.
 */
import { z } from 'zod';
import type { Break, Input, Job, ProfileMatrices, Vehicle, VehicleCosts, VehicleStep, VehicleStepType } from '../types.ts';

/** The profile of a vehicle that names none, as in VROOM. */
export const DEFAULT_PROFILE = 'car';

// Offending values are echoed in messages; a caller may send megabytes of text.
const MAX_SHOWN_CHARS = 40;

/** A short, safe rendering of an offending value for a message: `-3`, `"abc"`, `null`, `an array of 3 entries`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    return value.length === 1 ? 'an array of 1 entry' : `an array of ${value.length} entries`;
  }
  switch (typeof value) {
    case 'undefined':
      return 'nothing';
    case 'number':
      // String() rather than JSON.stringify, which would print NaN and ±Infinity as null.
      return Object.is(value, -0) ? '-0' : String(value);
    case 'string': {
      const shown = value.length > MAX_SHOWN_CHARS ? `${value.slice(0, MAX_SHOWN_CHARS)}…` : value;
      return JSON.stringify(shown);
    }
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

type Issue = z.core.$ZodRawIssue;

/** An error map giving `<expectation>, got <value>`, or `is required` when the value is missing. */
function expecting(expectation: string): (issue: Issue) => string {
  return (issue) => {
    if (issue.input === undefined) return 'is required';
    // z.int() refuses integers beyond 2^53 - 1, which would lose precision; saying "must be an integer" of 1e20 would puzzle.
    const limit = issue.code === 'too_big' && issue.origin === 'int' ? ` at most ${Number.MAX_SAFE_INTEGER}` : '';
    return `${expectation}${limit}, got ${describeValue(issue.input)}`;
  };
}

const ARTICLE_TYPES: Readonly<Record<string, string>> = {
  array: 'an array',
  tuple: 'an array',
  object: 'an object',
  record: 'an object',
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'a boolean',
};

/**
 * Plain reasons for the issues the schemas below leave to the caller's error
 * map (containers of the wrong type, missing keys). Pass it as the `error`
 * option of `parse`/`safeParse`.
 */
export function issueReason(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'is required';
      if (issue.expected === 'never') return 'is not allowed';
      const expected = ARTICLE_TYPES[issue.expected] ?? issue.expected;
      return `must be ${expected}, got ${describeValue(issue.input)}`;
    }
    case 'too_small':
      if (issue.origin === 'array') return `must have at least ${issue.minimum} entries`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${issue.minimum}, got ${describeValue(issue.input)}`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${issue.maximum} entries`;
      if (issue.origin === 'string') return `must have at most ${issue.maximum} characters`;
      return `must be at most ${issue.maximum}, got ${describeValue(issue.input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(issue.input)}`;
    default:
      return `is invalid, got ${describeValue(issue.input)}`;
  }
}

const nonNegativeInt = () => z.int({ error: expecting('must be a non-negative integer') }).min(0);

const amountSchema = z.array(nonNegativeInt(), { error: expecting('must be an array of non-negative integers') });

const skillsSchema = z.array(nonNegativeInt(), { error: expecting('must be an array of non-negative integers') });

const descriptionSchema = z.string({ error: expecting('must be a string') });

// Only the shape here: whether the numbers must be a longitude and a latitude depends on whether travel is
// computed from them, i.e. on the profile's matrices (validate.ts). Beside matrices VROOM carries coordinates
// to the output as given, planar ones (Gehring & Homberger's 250) included.
const coordinatesSchema = z.tuple([z.number({ error: expecting('must be a number') }), z.number({ error: expecting('must be a number') })], {
  error: expecting('must be [lon, lat]'),
});

const timeWindowSchema = z.tuple([nonNegativeInt(), nonNegativeInt()], { error: expecting('must be [start, end]') }).superRefine(([start, end], ctx) => {
  if (start > end) ctx.addIssue({ code: 'custom', message: `start ${start} is after end ${end}` });
});

// An empty list would make the task impossible to schedule, never what a caller means: VROOM refuses it too.
const timeWindowsSchema = z
  .array(timeWindowSchema, { error: expecting('must be an array of [start, end] windows') })
  .min(1, { error: 'must not be empty (leave it out for no time constraint)' });

const vehicleKeyedSchema = z.record(z.string().regex(/^\d+$/, { error: 'keys must be vehicle ids' }), nonNegativeInt(), {
  error: expecting('must be an object keyed by vehicle id'),
});

export const jobSchema = z.object(
  {
    id: nonNegativeInt(),
    description: descriptionSchema.optional(),
    location: coordinatesSchema.optional(),
    location_index: nonNegativeInt().optional(),
    setup: nonNegativeInt().optional(),
    service: nonNegativeInt().optional(),
    delivery: amountSchema.optional(),
    pickup: amountSchema.optional(),
    skills: skillsSchema.optional(),
    priority: z
      .int({ error: expecting('must be an integer from 0 to 100') })
      .min(0)
      .max(100)
      .optional(),
    time_windows: timeWindowsSchema.optional(),
    // Tournée extensions, keyed by vehicle id (JSON object keys are strings; validate.ts checks they name vehicles).
    service_by_vehicle: vehicleKeyedSchema.optional(),
    assignment_costs: vehicleKeyedSchema.optional(),
    allowed_vehicles: z.array(nonNegativeInt(), { error: expecting('must be an array of vehicle ids') }).optional(),
    deadline: z.object({ at: nonNegativeInt(), cost_per_hour: nonNegativeInt() }, { error: expecting('must be an object') }).optional(),
  },
  { error: expecting('must be an object') },
);

export const vehicleCostsSchema = z.object(
  {
    fixed: nonNegativeInt().optional(),
    per_hour: nonNegativeInt().optional(),
    per_km: nonNegativeInt().optional(),
    per_work_hour_squared: nonNegativeInt().optional(),
  },
  { error: expecting('must be an object') },
);

export const breakSchema = z.object(
  {
    id: nonNegativeInt(),
    description: descriptionSchema.optional(),
    time_windows: timeWindowsSchema.optional(),
    service: nonNegativeInt().optional(),
    max_load: amountSchema.optional(),
  },
  { error: expecting('must be an object') },
);

const STEP_TYPES = ['start', 'job', 'pickup', 'delivery', 'break', 'end'] as const satisfies readonly VehicleStepType[];

export const vehicleStepSchema = z.object(
  {
    type: z.enum(STEP_TYPES, {
      error: expecting(`must be one of ${STEP_TYPES.map((t) => `"${t}"`).join(', ')}`),
    }),
    id: nonNegativeInt().optional(),
    service_at: nonNegativeInt().optional(),
    service_after: nonNegativeInt().optional(),
    service_before: nonNegativeInt().optional(),
  },
  { error: expecting('must be an object') },
);

export const vehicleSchema = z.object(
  {
    id: nonNegativeInt(),
    // Profiles key `matrices`, and an empty key is certainly a mistake.
    profile: z
      .string({ error: expecting('must be a non-empty string') })
      .min(1)
      .default(DEFAULT_PROFILE),
    description: descriptionSchema.optional(),
    start: coordinatesSchema.optional(),
    start_index: nonNegativeInt().optional(),
    end: coordinatesSchema.optional(),
    end_index: nonNegativeInt().optional(),
    capacity: amountSchema.optional(),
    costs: vehicleCostsSchema.optional(),
    skills: skillsSchema.optional(),
    time_window: timeWindowSchema.optional(),
    breaks: z.array(breakSchema, { error: expecting('must be an array') }).optional(),
    speed_factor: z
      .number({ error: expecting('must be a number greater than 0 and at most 5') })
      .gt(0)
      .max(5)
      .optional(),
    max_tasks: nonNegativeInt().optional(),
    max_travel_time: nonNegativeInt().optional(),
    max_distance: nonNegativeInt().optional(),
    steps: z.array(vehicleStepSchema, { error: expecting('must be an array') }).optional(),
    overtime: z.object({ after: nonNegativeInt(), cost_per_hour: nonNegativeInt() }, { error: expecting('must be an object') }).optional(),
  },
  { error: expecting('must be an object') },
);

// Squareness and equal sizes need the whole matrix: validate.ts checks them.
// Matrices are the bulk of a large input (1,500 places: 2.25 million entries each); a zod schema per entry
// took seconds there, so one loop checks the entries and reports the first bad one as zod would.
const matrixSchema = z.custom<number[][]>().superRefine((matrix, context) => {
  if (!Array.isArray(matrix)) {
    context.addIssue({ code: 'custom', input: matrix, message: `must be an array of rows, got ${describeValue(matrix)}` });
    return;
  }
  for (let r = 0; r < matrix.length; r++) {
    const row: unknown = matrix[r];
    if (!Array.isArray(row)) {
      context.addIssue({ code: 'custom', path: [r], input: row, message: `must be an array (a matrix row), got ${describeValue(row)}` });
      return;
    }
    for (let c = 0; c < row.length; c++) {
      const value: unknown = row[c];
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) continue;
      const limit = typeof value === 'number' && Number.isInteger(value) && value > 0 ? ` at most ${Number.MAX_SAFE_INTEGER}` : '';
      const message = `must be a non-negative integer${limit}, got ${describeValue(value)}`;
      context.addIssue({ code: 'custom', path: [r, c], input: value, message });
      return;
    }
  }
});

export const profileMatricesSchema = z.object(
  {
    durations: matrixSchema.optional(),
    distances: matrixSchema.optional(),
    costs: matrixSchema.optional(),
  },
  { error: expecting('must be an object') },
);

/**
 * VROOM's whole input. `matrix` and `shipments` come first so that their
 * errors, which explain the rest, are the first ones reported.
 */
export const inputSchema = z.object(
  {
    // VROOM < 1.8 took one duration matrix here; silently ignoring it would solve with coordinates instead.
    matrix: z.never({ error: 'was removed in VROOM 1.8: give the durations as matrices.car.durations instead' }).optional(),
    shipments: z
      .array(z.unknown(), { error: expecting('must be an array') })
      .max(0, { error: 'not supported yet' })
      .optional(),
    vehicles: z.array(vehicleSchema, { error: expecting('must be an array') }).min(1, { error: 'at least one vehicle is required' }),
    jobs: z.array(jobSchema, { error: expecting('must be an array') }).optional(),
    matrices: z.record(z.string(), profileMatricesSchema, { error: expecting('must be an object') }).optional(),
  },
  { error: expecting('must be an object') },
);

export type ParsedInput = z.output<typeof inputSchema>;

// Compile-time guards that the schema and types.ts describe the same fields:
// adding a field to one without the other fails the type check.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
type Assert<T extends true> = T;
export type SchemaMatchesTypes = [
  Assert<SameKeys<Job, z.output<typeof jobSchema>>>,
  Assert<SameKeys<Vehicle, z.output<typeof vehicleSchema>>>,
  Assert<SameKeys<VehicleCosts, z.output<typeof vehicleCostsSchema>>>,
  Assert<SameKeys<Break, z.output<typeof breakSchema>>>,
  Assert<SameKeys<VehicleStep, z.output<typeof vehicleStepSchema>>>,
  Assert<SameKeys<ProfileMatrices, z.output<typeof profileMatricesSchema>>>,
  // `matrix` is in the schema only to reject it.
  Assert<SameKeys<Input, Omit<ParsedInput, 'matrix'>>>,
  Assert<ParsedInput extends Input ? true : false>,
];
