import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { parseInput } from '../../src/input/validate.ts';
import { Rng } from '../../src/rng.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = Record<string, any>;

/** A 5×5 duration matrix: |i - j| minutes. */
function durations(size = 5): number[][] {
  return Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => Math.abs(i - j) * 60));
}

/** One vehicle at index 0 and five jobs at indices 1–4, on matrices of profile car. */
function base(): Obj {
  return {
    vehicles: [{ id: 1, start_index: 0, end_index: 0, capacity: [10], time_window: [0, 36000] }],
    jobs: [
      { id: 10, location_index: 1, delivery: [1] },
      { id: 11, location_index: 2, delivery: [1] },
      { id: 12, location_index: 3, pickup: [2] },
      { id: 13, location_index: 4 },
      { id: 14, location_index: 4, time_windows: [[0, 3600]] },
      { id: 15, location_index: 2 },
    ],
    matrices: { car: { durations: durations() } },
  };
}

/** `base()` changed by `change`. */
function variant(change: (input: Obj) => void): Obj {
  const input = base();
  change(input);
  return input;
}

/** The message of the InputError `parseInput(raw)` throws; fails on anything else. */
function errorOf(raw: unknown): string {
  try {
    parseInput(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  }
  throw new Error('expected parseInput to throw an InputError');
}

describe('parseInput: valid input', () => {
  it('accepts the base input', () => {
    expect(() => parseInput(base())).not.toThrow();
  });

  it('keeps every field, defaults the profile and strips unknown keys', () => {
    const full = {
      jobs: [
        {
          id: 1,
          description: 'Boiler service',
          location: [2.35, 48.85],
          location_index: 1,
          setup: 60,
          service: 900,
          delivery: [1, 0],
          pickup: [0, 2],
          skills: [1, 4],
          priority: 100,
          time_windows: [
            [3600, 7200],
            // Out of order and overlapping: allowed, only start ≤ end is required.
            [0, 5000],
          ],
        },
        { id: 2, location: [-180, -90], location_index: 2 },
      ],
      vehicles: [
        {
          id: 7,
          profile: 'car',
          description: 'Van 7',
          start: [2.3, 48.8],
          start_index: 0,
          end: [180, 90],
          end_index: 0,
          capacity: [4, 4],
          costs: { fixed: 1000, per_hour: 3600, per_km: 10 },
          skills: [1, 4, 9],
          time_window: [0, 86400],
          breaks: [{ id: 1, description: 'Lunch', time_windows: [[43200, 46800]], service: 1800, max_load: [4, 0] }],
          speed_factor: 5,
          max_tasks: 10,
          max_travel_time: 28800,
          max_distance: 200000,
          steps: [
            { type: 'start' },
            { type: 'job', id: 1, service_at: 3600 },
            { type: 'break', id: 1, service_after: 43200, service_before: 46800 },
            { type: 'end' },
          ],
        },
        { id: 8, start_index: 0, speed_factor: 0.5 },
      ],
      shipments: [],
      matrices: {
        car: { durations: durations(3), distances: durations(3), extra: 1 },
      },
    };
    const withUnknownKeys = structuredClone(full) as Obj;
    withUnknownKeys.options = { g: true };
    withUnknownKeys.jobs[0].amount = [1];
    withUnknownKeys.vehicles[0].costs.per_task = 3;
    withUnknownKeys.vehicles[0].steps[1].service = 9;

    const expected = structuredClone(full) as Obj;
    delete expected.matrices.car.extra;
    expected.vehicles[1].profile = 'car';
    expect(parseInput(withUnknownKeys)).toEqual(expected);
  });

  it('accepts coordinates-only input without matrices', () => {
    const input = {
      vehicles: [{ id: 1, start: [2.35, 48.85] }],
      jobs: [{ id: 1, location: [2.3, 48.8] }],
    };
    expect(parseInput(input)).toEqual({ vehicles: [{ id: 1, profile: 'car', start: [2.35, 48.85] }], jobs: input.jobs });
  });

  it('accepts a profile with matrices next to one without, when jobs have both location kinds', () => {
    const input = variant((i) => {
      i.vehicles.push({ id: 2, profile: 'bike', start: [2.35, 48.85] });
      for (const job of i.jobs) job.location = [2.3, 48.8];
    });
    expect(() => parseInput(input)).not.toThrow();
  });
});

describe('parseInput: error messages', () => {
  const cases: [string, unknown, string][] = [
    ['job time window start after end', variant((i) => (i.jobs[3].time_windows = [[36000, 32400]])), 'jobs[3].time_windows[0]: start 36000 is after end 32400'],
    ['duplicate job id', variant((i) => (i.jobs[5].id = 12)), 'jobs[5].id: duplicate id 12 (also jobs[2])'],
    [
      'duplicate vehicle id',
      variant((i) => {
        i.vehicles[0].id = 4;
        i.vehicles.push({ id: 4, start_index: 0 });
      }),
      'vehicles[1].id: duplicate id 4 (also vehicles[0])',
    ],
    [
      'job location_index out of range',
      variant((i) => (i.jobs[0].location_index = 7)),
      'jobs[0].location_index: 7 is out of range for the 5×5 matrices of profile "car"',
    ],
    [
      'vehicle start_index out of range',
      variant((i) => (i.vehicles[0].start_index = 5)),
      'vehicles[0].start_index: 5 is out of range for the 5×5 matrices of profile "car"',
    ],
    ['short matrix row', variant((i) => i.matrices.car.durations[2].pop()), 'matrices.car.durations[2]: row has 4 entries, expected 5'],
    ['negative matrix entry', variant((i) => (i.matrices.car.durations[1][3] = -3)), 'matrices.car.durations[1][3]: must be a non-negative integer, got -3'],
    ['fractional skill', variant((i) => (i.jobs[2].skills = [1.5])), 'jobs[2].skills[0]: must be a non-negative integer, got 1.5'],
    ['priority above 100', variant((i) => (i.jobs[0].priority = 101)), 'jobs[0].priority: must be an integer from 0 to 100, got 101'],
    ['no vehicle', variant((i) => (i.vehicles = [])), 'vehicles: at least one vehicle is required'],
    ['job without location', variant((i) => delete i.jobs[4].location_index), 'jobs[4]: needs location_index (profile "car" has matrices) or location'],
    [
      'vehicle without start or end',
      variant((i) => {
        delete i.vehicles[0].start_index;
        delete i.vehicles[0].end_index;
      }),
      'vehicles[0]: needs a start or an end',
    ],
    ['amount dimensions', variant((i) => (i.jobs[1].delivery = [1, 1])), 'jobs[1].delivery: has 2 dimensions, vehicles[0].capacity has 1'],
    [
      'break max_load dimensions',
      variant((i) => (i.vehicles[0].breaks = [{ id: 1, max_load: [] }])),
      'vehicles[0].breaks[0].max_load: has 0 dimensions, vehicles[0].capacity has 1',
    ],
    [
      'duplicate break id',
      variant((i) => (i.vehicles[0].breaks = [{ id: 3 }, { id: 3 }])),
      'vehicles[0].breaks[1].id: duplicate id 3 (also vehicles[0].breaks[0])',
    ],
    [
      'break time window start after end',
      variant(
        (i) =>
          (i.vehicles[0].breaks = [
            {
              id: 1,
              time_windows: [
                [0, 10],
                [500, 400],
              ],
            },
          ]),
      ),
      'vehicles[0].breaks[0].time_windows[1]: start 500 is after end 400',
    ],
    ['vehicle time window start after end', variant((i) => (i.vehicles[0].time_window = [36000, 0])), 'vehicles[0].time_window: start 36000 is after end 0'],
    ['empty time windows', variant((i) => (i.jobs[0].time_windows = [])), 'jobs[0].time_windows: must not be empty (leave it out for no time constraint)'],
    [
      'per_hour with a costs matrix',
      variant((i) => {
        i.matrices.car.costs = durations();
        i.vehicles[0].costs = { fixed: 5, per_hour: 3600 };
      }),
      'vehicles[0].costs.per_hour: cannot be used with the costs matrix of profile "car"',
    ],
    [
      'per_km with a costs matrix',
      variant((i) => {
        i.matrices.car.costs = durations();
        i.vehicles[0].costs = { per_km: 1 };
      }),
      'vehicles[0].costs.per_km: cannot be used with the costs matrix of profile "car"',
    ],
    [
      'profile without matrix, job without coordinates',
      variant((i) => i.vehicles.push({ id: 2, profile: 'bike', start: [2.35, 48.85] })),
      'jobs[0].location: is required since profile "bike" has no matrices',
    ],
    [
      'profile without matrix, vehicle with an index',
      variant((i) => (i.vehicles[0].profile = 'bike')),
      'vehicles[0].start_index: profile "bike" has no matrices',
    ],
    [
      'job location_index without any matrices',
      { vehicles: [{ id: 1, start: [0, 0] }], jobs: [{ id: 1, location: [1, 1], location_index: 0 }] },
      'jobs[0].location_index: profile "car" has no matrices',
    ],
    [
      'job coordinates only, profile with matrices',
      variant((i) => {
        delete i.jobs[2].location_index;
        i.jobs[2].location = [1, 1];
      }),
      'jobs[2].location_index: is required since profile "car" has matrices',
    ],
    ['job without location and no matrices', { vehicles: [{ id: 1, start: [0, 0] }], jobs: [{ id: 1 }] }, 'jobs[0]: needs a location'],
    ['matrices of different sizes', variant((i) => (i.matrices.car.distances = durations(4))), 'matrices.car.distances: is 4×4, matrices.car.durations is 5×5'],
    ['matrices without durations', variant((i) => (i.matrices.car = { distances: durations() })), 'matrices.car: needs durations'],
    [
      'a profile named like an Object.prototype key',
      variant((i) => (i.vehicles[0].profile = 'toString')),
      'vehicles[0].start_index: profile "toString" has no matrices',
    ],
    ['step with an unknown job', variant((i) => (i.vehicles[0].steps = [{ type: 'job', id: 99 }])), 'vehicles[0].steps[0].id: no job has id 99'],
    [
      'job in two vehicles steps',
      variant((i) => {
        i.vehicles[0].steps = [{ type: 'start' }, { type: 'job', id: 12 }];
        i.vehicles.push({
          id: 2,
          start_index: 0,
          steps: [
            { type: 'job', id: 11 },
            { type: 'job', id: 12 },
          ],
        });
      }),
      'vehicles[1].steps[1].id: job 12 is already in vehicles[0].steps[1]',
    ],
    [
      'step with a break of another vehicle',
      variant((i) => {
        i.vehicles[0].breaks = [{ id: 1 }];
        i.vehicles.push({ id: 2, start_index: 0, steps: [{ type: 'break', id: 1 }] });
      }),
      'vehicles[1].steps[0].id: vehicles[1] has no break with id 1',
    ],
    ['job step without id', variant((i) => (i.vehicles[0].steps = [{ type: 'job' }])), 'vehicles[0].steps[0].id: is required for a job step'],
    [
      'start step not first',
      variant((i) => (i.vehicles[0].steps = [{ type: 'job', id: 10 }, { type: 'start' }])),
      'vehicles[0].steps[1].type: "start" must be the first step',
    ],
    [
      'pickup step',
      variant((i) => (i.vehicles[0].steps = [{ type: 'pickup', id: 1 }])),
      'vehicles[0].steps[0].type: "pickup" steps are for shipments, which are not supported yet',
    ],
    [
      'unknown step type',
      variant((i) => (i.vehicles[0].steps = [{ type: 'lunch' }])),
      'vehicles[0].steps[0].type: must be one of "start", "job", "pickup", "delivery", "break", "end", got "lunch"',
    ],
    ['shipments', variant((i) => (i.shipments = [{ amount: [1] }])), 'shipments: not supported yet'],
    [
      'legacy matrix key',
      { vehicles: [{ id: 1, start_index: 0 }], matrix: durations() },
      'matrix: was removed in VROOM 1.8: give the durations as matrices.car.durations instead',
    ],
    ['missing id', variant((i) => delete i.jobs[1].id), 'jobs[1].id: is required'],
    ['missing vehicles', { jobs: [] }, 'vehicles: is required'],
    ['jobs not an array', variant((i) => (i.jobs = { id: 1 })), 'jobs: must be an array, got an object'],
    ['service not a number', variant((i) => (i.jobs[0].service = '60')), 'jobs[0].service: must be a non-negative integer, got "60"'],
    ['job not an object', variant((i) => (i.jobs[2] = 12)), 'jobs[2]: must be an object, got 12'],
    ['input not an object', null, 'input must be an object, got null'],
    ['input an array', [], 'input must be an object, got an array of 0 entries'],
    [
      'speed factor out of range',
      variant((i) => (i.vehicles[0].speed_factor = 0)),
      'vehicles[0].speed_factor: must be a number greater than 0 and at most 5, got 0',
    ],
    [
      'latitude out of range',
      { vehicles: [{ id: 1, start: [2, 91] }] },
      'vehicles[0].start[1]: must be a latitude from -90 to 90, got 91 (profile "car" has no matrices, so travel is computed from coordinates)',
    ],
    ['location of three numbers', { vehicles: [{ id: 1, start: [2, 4, 6] }] }, 'vehicles[0].start: must be [lon, lat], got an array of 3 entries'],
    ['NaN from a non-JSON caller', variant((i) => (i.jobs[0].setup = Number.NaN)), 'jobs[0].setup: must be a non-negative integer, got NaN'],
    [
      'integer beyond 2^53',
      variant((i) => (i.vehicles[0].max_distance = 1e20)),
      'vehicles[0].max_distance: must be a non-negative integer at most 9007199254740991, got 100000000000000000000',
    ],
    ['profile empty', variant((i) => (i.vehicles[0].profile = '')), 'vehicles[0].profile: must be a non-empty string, got ""'],
  ];

  it.each(cases)('%s', (_name, input, message) => {
    expect(errorOf(input)).toBe(message);
  });

  it('sets the path and code on the error', () => {
    try {
      parseInput(variant((i) => (i.jobs[3].time_windows = [[36000, 32400]])));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).path).toBe('jobs[3].time_windows[0]');
      expect((error as InputError).code).toBe(2);
    }
  });

  it('truncates long offending strings', () => {
    const message = errorOf(variant((i) => (i.jobs[0].description = 7)));
    expect(message).toBe('jobs[0].description: must be a string, got 7');
    expect(errorOf(variant((i) => (i.jobs[0].setup = 'x'.repeat(100_000)))).length).toBeLessThan(100);
  });
});

describe('parseInput: robustness', () => {
  const KEYS = [
    'jobs',
    'vehicles',
    'matrices',
    'shipments',
    'matrix',
    'id',
    'location',
    'location_index',
    'setup',
    'service',
    'delivery',
    'pickup',
    'skills',
    'priority',
    'time_windows',
    'time_window',
    'profile',
    'start',
    'start_index',
    'end',
    'end_index',
    'capacity',
    'costs',
    'per_hour',
    'breaks',
    'max_load',
    'speed_factor',
    'steps',
    'type',
    'car',
    'durations',
    'distances',
    '__proto__',
    'toString',
  ];
  const STRINGS = ['', 'car', 'job', 'start', 'break', 'x'.repeat(500), '__proto__', '12'];
  const NUMBERS = [0, 1, 2, -1, 0.5, 7, 101, 1e300, -1e300, 2 ** 53, 36000, -0];

  function randomValue(rng: Rng, depth: number): Json {
    const kind = rng.int(depth > 4 ? 4 : 7);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return rng.int(2) === 0;
      case 2:
        return NUMBERS[rng.int(NUMBERS.length)]!;
      case 3:
        return STRINGS[rng.int(STRINGS.length)]!;
      case 4:
      case 5: {
        const out: Json[] = [];
        for (let n = rng.int(5); n > 0; n--) out.push(randomValue(rng, depth + 1));
        return out;
      }
      default: {
        const out: { [key: string]: Json } = {};
        for (let n = rng.int(5); n > 0; n--) out[KEYS[rng.int(KEYS.length)]!] = randomValue(rng, depth + 1);
        return out;
      }
    }
  }

  /** Replaces one random node of `value` (a JSON tree) by a random value. */
  function mutate(rng: Rng, value: Json): Json {
    if (value === null || typeof value !== 'object' || rng.int(4) === 0) return randomValue(rng, 2);
    const keys = Object.keys(value);
    if (keys.length === 0) return randomValue(rng, 2);
    const key = keys[rng.int(keys.length)]!;
    const child = (value as Record<string, Json>)[key]!;
    (value as Record<string, Json>)[key] = mutate(rng, child);
    return value;
  }

  function outcome(raw: unknown): 'ok' | 'input-error' {
    try {
      parseInput(raw);
      return 'ok';
    } catch (error) {
      if (error instanceof InputError) return 'input-error';
      throw error;
    }
  }

  it('throws only InputError for random JSON values', () => {
    const rng = new Rng(2024);
    for (let n = 0; n < 300; n++) {
      const raw = JSON.parse(JSON.stringify(randomValue(rng, 0)));
      expect(() => outcome(raw)).not.toThrow();
    }
  });

  it('throws only InputError for random mutations of a valid input', () => {
    const rng = new Rng(7);
    let failures = 0;
    for (let n = 0; n < 400; n++) {
      let raw = base() as Json;
      for (let m = 1 + rng.int(3); m > 0; m--) raw = mutate(rng, raw);
      // Through JSON so that keys like __proto__ are own properties, as a server would receive them.
      const parsed: unknown = JSON.parse(JSON.stringify(raw));
      if (outcome(parsed) === 'input-error') failures++;
    }
    // Most mutations break something; the point is that none escaped as another error.
    expect(failures).toBeGreaterThan(100);
  });

  it('throws only InputError for odd non-JSON values', () => {
    const odd: unknown[] = [
      undefined,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      12n,
      Symbol('x'),
      () => 1,
      new Date(0),
      new Map(),
      [,], // eslint-disable-line no-sparse-arrays -- a hole is one of the odd values under test
      { vehicles: [{ id: 1, start: [Number.NaN, 0] }] },
      // eslint-disable-next-line no-sparse-arrays -- a hole in a matrix row
      { vehicles: [{ id: 1, start_index: 0 }], matrices: { car: { durations: [[0], [,]] } } },
      {
        get vehicles(): never {
          throw new Error('boom');
        },
      },
    ];
    for (const raw of odd) expect(() => outcome(raw)).not.toThrow();
  });

  it('handles huge arrays', () => {
    const jobs = Array.from({ length: 100_000 }, (_, i) => ({ id: i, location_index: 1 + (i % 4) }));
    expect(parseInput({ ...base(), jobs }).jobs).toHaveLength(100_000);
    jobs[99_999] = { id: 5, location_index: 1 };
    expect(errorOf({ ...base(), jobs })).toBe('jobs[99999].id: duplicate id 5 (also jobs[5])');
    const bad = Array.from({ length: 100_000 }, () => ({ id: -1 }));
    expect(errorOf({ ...base(), jobs: bad })).toBe('jobs[0].id: must be a non-negative integer, got -1');
  });
});
