import { describe, expect, it } from 'vitest';
import type { Input, SolvedOutput } from '../../src/types.ts';
import { checkSolution } from './check-solution.ts';

// Homomorphic over arrays and tuples too, so Coordinates stay [number, number].
type DeepMutable<T> = T extends object ? { -readonly [K in keyof T]: DeepMutable<T[K]> } : T;

function mutable<T>(value: T): DeepMutable<T> {
  return structuredClone(value) as DeepMutable<T>;
}

// Four places on a line-ish network: 0 is the depot. Distances are 10 m per second of travel.
const durations = [
  [0, 100, 200, 300],
  [100, 0, 150, 250],
  [200, 150, 0, 120],
  [300, 250, 120, 0],
];
const distances = durations.map((row) => row.map((x) => x * 10));

const baseInput: Input = {
  vehicles: [{ id: 1, start_index: 0, end_index: 0, capacity: [10], skills: [1], time_window: [0, 10_000] }],
  jobs: [
    { id: 1, location_index: 1, service: 30, delivery: [3], time_windows: [[0, 1000]] },
    { id: 2, location_index: 2, service: 30, setup: 10, pickup: [2], priority: 5 },
    { id: 3, location_index: 3, service: 30, delivery: [1], skills: [1] },
    { id: 4, location_index: 3, service: 30, skills: [2] },
  ],
  matrices: { car: { durations, distances } },
};

// 0 → 1 → 2 → 3 → 0: legs 100, 150, 120, 300.
const baseOutput: SolvedOutput = {
  code: 0,
  summary: {
    cost: 670,
    routes: 1,
    unassigned: 1,
    setup: 10,
    service: 90,
    duration: 670,
    waiting_time: 0,
    priority: 5,
    delivery: [4],
    pickup: [2],
    distance: 6700,
  },
  unassigned: [{ id: 4, type: 'job', location_index: 3 }],
  routes: [
    {
      vehicle: 1,
      cost: 670,
      setup: 10,
      service: 90,
      duration: 670,
      waiting_time: 0,
      priority: 5,
      delivery: [4],
      pickup: [2],
      distance: 6700,
      steps: [
        { type: 'start', location_index: 0, arrival: 0, duration: 0, distance: 0, setup: 0, service: 0, waiting_time: 0, load: [4] },
        { type: 'job', id: 1, location_index: 1, arrival: 100, duration: 100, distance: 1000, setup: 0, service: 30, waiting_time: 0, load: [1] },
        { type: 'job', id: 2, location_index: 2, arrival: 280, duration: 250, distance: 2500, setup: 10, service: 30, waiting_time: 0, load: [3] },
        { type: 'job', id: 3, location_index: 3, arrival: 440, duration: 370, distance: 3700, setup: 0, service: 30, waiting_time: 0, load: [2] },
        { type: 'end', location_index: 0, arrival: 770, duration: 670, distance: 6700, setup: 0, service: 0, waiting_time: 0, load: [2] },
      ],
    },
  ],
};

/** Two jobs at the same place for a vehicle that has neither start nor end. */
const noStartInput: Input = {
  vehicles: [{ id: 9 }],
  jobs: [
    { id: 1, location_index: 2, setup: 10, service: 5 },
    { id: 2, location_index: 2, setup: 10, service: 5 },
  ],
  matrices: { car: { durations } },
};
const noStartOutput: SolvedOutput = {
  code: 0,
  summary: { cost: 0, routes: 1, unassigned: 0, setup: 10, service: 10, duration: 0, waiting_time: 0, priority: 0, delivery: [], pickup: [], distance: 0 },
  unassigned: [],
  routes: [
    {
      vehicle: 9,
      cost: 0,
      setup: 10,
      service: 10,
      duration: 0,
      waiting_time: 0,
      priority: 0,
      delivery: [],
      pickup: [],
      distance: 0,
      steps: [
        { type: 'job', id: 1, arrival: 0, duration: 0, distance: 0, setup: 10, service: 5, waiting_time: 0, load: [] },
        { type: 'job', id: 2, arrival: 15, duration: 0, distance: 0, setup: 0, service: 5, waiting_time: 0, load: [] },
      ],
    },
  ],
};

/** The same route with break 7 ([200, 260], 60 s) taken halfway between jobs 1 and 2. */
function withBreak(breakDuration: number, breakDistance: number) {
  const input = mutable(baseInput);
  input.vehicles[0]!.breaks = [{ id: 7, time_windows: [[200, 260]], service: 60 }];
  const output = mutable(baseOutput);
  const route = output.routes[0]!;
  const steps = route.steps;
  const [start, job1, job2, job3, end] = [steps[0]!, steps[1]!, steps[2]!, steps[3]!, steps[4]!];
  job2.arrival = 340;
  job3.arrival = 500;
  end.arrival = 830;
  const breakStep = {
    type: 'break' as const,
    id: 7,
    arrival: 200,
    duration: breakDuration,
    distance: breakDistance,
    setup: 0,
    service: 60,
    waiting_time: 0,
    load: [1],
  };
  route.steps = [start, job1, breakStep, job2, job3, end];
  route.service += 60;
  output.summary.service += 60;
  return { input, output };
}

describe('checkSolution: feasible outputs', () => {
  it('accepts a hand-checked matrix route', () => {
    expect(checkSolution(baseInput, baseOutput)).toEqual([]);
  });

  it('accepts a break that splits a leg, whether its duration counts the travel before it or not', () => {
    for (const [duration, distance] of [
      [100, 1000],
      [170, 1700],
    ] as [number, number][]) {
      const { input, output } = withBreak(duration, distance);
      expect(checkSolution(input, output)).toEqual([]);
    }
  });

  it('accepts waiting for a time window, a late departure and a speed factor', () => {
    const input = mutable(baseInput);
    input.vehicles[0]!.speed_factor = 2; // legs become 50, 75, 60, 150
    input.jobs![0]!.time_windows = [
      [0, 10],
      [500, 600],
    ];
    const output = mutable(baseOutput);
    const route = output.routes[0]!;
    const arrivals = [450, 500, 605, 705, 885];
    const cumulated = [0, 50, 125, 185, 335];
    route.steps.forEach((s, i) => {
      s.arrival = arrivals[i]!;
      s.duration = cumulated[i]!;
    });
    route.steps[1]!.waiting_time = 0;
    route.cost = route.duration = output.summary.cost = output.summary.duration = 335;
    expect(checkSolution(input, output)).toEqual([]);
  });

  it('accepts a vehicle without start or end, whose first job always pays its setup', () => {
    expect(checkSolution(noStartInput, noStartOutput)).toEqual([]);
  });

  it('recomputes travel from coordinates: great circle × 1.3 at 50 km/h', () => {
    // One degree of longitude on the equator: 111 195.08 m, × 1.3 = 144 553.6 m, 10 407.86 s.
    const input: Input = {
      vehicles: [{ id: 1, start: [0, 0], costs: { fixed: 100, per_hour: 360, per_km: 1 } }],
      jobs: [{ id: 1, location: [1, 0] }],
    };
    const cost = 100 + (360 * 10408) / 3600 + 144554 / 1000;
    const output: SolvedOutput = {
      code: 0,
      summary: {
        cost,
        routes: 1,
        unassigned: 0,
        setup: 0,
        service: 0,
        duration: 10408,
        waiting_time: 0,
        priority: 0,
        delivery: [],
        pickup: [],
        distance: 144554,
      },
      unassigned: [],
      routes: [
        {
          vehicle: 1,
          cost,
          setup: 0,
          service: 0,
          duration: 10408,
          waiting_time: 0,
          priority: 0,
          delivery: [],
          pickup: [],
          distance: 144554,
          steps: [
            { type: 'start', location: [0, 0], arrival: 0, duration: 0, distance: 0, setup: 0, service: 0, waiting_time: 0, load: [] },
            { type: 'job', id: 1, location: [1, 0], arrival: 10408, duration: 10408, distance: 144554, setup: 0, service: 0, waiting_time: 0, load: [] },
          ],
        },
      ],
    };
    expect(checkSolution(input, output)).toEqual([]);

    const wrong = mutable(output);
    wrong.routes[0]!.steps[1]!.duration = 10409;
    expect(checkSolution(input, wrong)).toEqual([expect.stringMatching(/step 1 \(job 1\): cumulated travel duration 10409, expected 10408/)]);

    // Rounded cost is accepted as well as the exact one.
    const rounded = mutable(output);
    rounded.routes[0]!.cost = rounded.summary.cost = Math.round(cost);
    expect(checkSolution(input, rounded)).toEqual([]);
  });

  it('uses the cost matrix when one is given', () => {
    const input = mutable(baseInput);
    input.matrices!.car!.costs = durations.map((row) => row.map((x) => 2 * x));
    const output = mutable(baseOutput);
    output.routes[0]!.cost = output.summary.cost = 1340;
    expect(checkSolution(input, output)).toEqual([]);
  });

  it('reports an error output instead of crashing on it', () => {
    const error = { code: 2, error: 'jobs[0]: bad' } as unknown as SolvedOutput;
    expect(checkSolution(baseInput, error)).toEqual(['output has code 2: jobs[0]: bad']);
  });
});

/** Applies a mutation to copies of the base case and returns the checker's findings. */
function violations(mutate: (input: DeepMutable<Input>, output: DeepMutable<SolvedOutput>) => void): string[] {
  const input = mutable(baseInput);
  const output = mutable(baseOutput);
  mutate(input, output);
  return checkSolution(input as Input, output as SolvedOutput);
}

describe('checkSolution: each violation is caught', () => {
  const cases: [string, (input: DeepMutable<Input>, output: DeepMutable<SolvedOutput>) => void, RegExp][] = [
    [
      'a job served twice',
      (i, o) => {
        i.vehicles.push({ ...structuredClone(i.vehicles[0]), id: 2 });
        o.routes.push({ ...structuredClone(o.routes[0]!), vehicle: 2 });
      },
      /job 1 is served more than once \(vehicles 1 and 2\)/,
    ],
    ['a job both routed and unassigned', (_, o) => void o.unassigned.push({ id: 3, type: 'job' }), /unassigned\[1\] \(job 3\): also served by vehicle 1/],
    ['a job listed twice as unassigned', (_, o) => void o.unassigned.push({ id: 4, type: 'job' }), /unassigned\[1\] \(job 4\): listed more than once/],
    ['an unknown unassigned id', (_, o) => void o.unassigned.push({ id: 99, type: 'job' }), /unassigned\[1\] \(job 99\): no job has this id/],
    ['a job neither routed nor unassigned', (_, o) => void o.unassigned.pop(), /job 4 is neither in a route nor unassigned/],
    ['an unknown vehicle', (_, o) => void (o.routes[0]!.vehicle = 5), /route of vehicle 5: no vehicle has this id/],
    [
      'two routes for one vehicle',
      (i, o) => {
        i.jobs!.push({ id: 5, location_index: 0 });
        o.routes.push({
          ...structuredClone(o.routes[0]!),
          steps: [o.routes[0]!.steps[0]!, { ...o.routes[0]!.steps[1]!, id: 5, location_index: 0, arrival: 0, duration: 0, distance: 0, service: 0 }],
        });
      },
      /route of vehicle 1: the vehicle has more than one route/,
    ],
    ['an unknown job in a route', (_, o) => void (o.routes[0]!.steps[1]!.id = 42), /step 1 \(job 42\): no job has this id/],
    ['a missing start step', (_, o) => void o.routes[0]!.steps.shift(), /the vehicle has a start but the first step is not 'start'/],
    [
      'an end step for a vehicle without end',
      (i) => {
        delete i.vehicles[0]!.end_index;
      },
      /step 4 \(end\): the vehicle has no end/,
    ],
    ['a step of unknown type', (_, o) => void ((o.routes[0]!.steps[2] as { type: string }).type = 'pickup'), /step 2 \(pickup\): unknown step type "pickup"/],
    ['a missing skill', (i) => void (i.vehicles[0]!.skills = []), /step 3 \(job 3\): the vehicle lacks skill\(s\) 1/],
    [
      'a load over capacity',
      (i) => {
        i.vehicles[0]!.capacity = [3];
      },
      /step 0 \(start\): load \[4\] exceeds capacity \[3\]/,
    ],
    [
      'a load that disagrees with the deliveries and pickups',
      (_, o) => void (o.routes[0]!.steps[2]!.load = [1]),
      /step 2 \(job 2\): load \[1\], expected \[3\]/,
    ],
    [
      'a task started after its time windows',
      (i) => {
        i.jobs![0]!.time_windows = [[0, 50]];
      },
      /step 1 \(job 1\): starts at 100 after its time windows/,
    ],
    [
      'a task started between its time windows',
      (i) => {
        i.jobs![0]!.time_windows = [
          [0, 50],
          [150, 200],
        ];
      },
      /step 1 \(job 1\): starts at 100 between its time windows/,
    ],
    [
      'an arrival earlier than travel allows',
      (_, o) => {
        o.routes[0]!.steps[2]!.arrival = 250;
      },
      /step 2 \(job 2\): arrives at 250, but travel from step 1 \(job 1\) takes 150 s and only 120 s are free/,
    ],
    [
      'an arrival before the previous task is done',
      (_, o) => {
        o.routes[0]!.steps[1]!.service = 500;
        o.routes[0]!.service += 470;
        o.summary.service += 470;
      },
      /step 2 \(job 2\): arrives at 280, before step 1 \(job 1\) is done at 600/,
    ],
    [
      'a wrong cumulated travel duration',
      (_, o) => void (o.routes[0]!.steps[3]!.duration = 360),
      /step 3 \(job 3\): cumulated travel duration 360, expected 370/,
    ],
    ['a wrong cumulated distance', (_, o) => void (o.routes[0]!.steps[3]!.distance = 3000), /step 3 \(job 3\): cumulated distance 3000, expected 3700/],
    [
      'a setup skipped although the location changed',
      (_, o) => {
        o.routes[0]!.steps[2]!.setup = 0;
        o.routes[0]!.setup = o.summary.setup = 0;
      },
      /step 2 \(job 2\): setup 0, expected 10/,
    ],
    ['a wrong service', (_, o) => void (o.routes[0]!.steps[3]!.service = 20), /step 3 \(job 3\): service 20, but the job's service is 30/],
    ['a negative waiting time', (_, o) => void (o.routes[0]!.steps[3]!.waiting_time = -5), /step 3 \(job 3\): waiting_time -5 is negative/],
    [
      'a start before the vehicle is available',
      (i) => void (i.vehicles[0]!.time_window = [10, 10_000]),
      /step 0 \(start\): the route starts at 0, before the vehicle's time window opens at 10/,
    ],
    [
      'an end after the vehicle is available',
      (i) => void (i.vehicles[0]!.time_window = [0, 700]),
      /step 4 \(end\): the route ends at 770, after the vehicle's time window closes at 700/,
    ],
    ['too many tasks', (i) => void (i.vehicles[0]!.max_tasks = 2), /serves 3 jobs, more than max_tasks 2/],
    ['too much travel time', (i) => void (i.vehicles[0]!.max_travel_time = 600), /travel time 670 exceeds max_travel_time 600/],
    ['too much distance', (i) => void (i.vehicles[0]!.max_distance = 6000), /distance 6700 exceeds max_distance 6000/],
    ['a missing break', (i) => void (i.vehicles[0]!.breaks = [{ id: 3, service: 10 }]), /route of vehicle 1: break 3 of the vehicle is not taken/],
    [
      'a wrong route cost',
      (_, o) => {
        o.routes[0]!.cost = o.summary.cost = 672;
      },
      /route of vehicle 1: cost 672, expected 670 \(±1\)/,
    ],
    [
      'a fixed cost left out',
      (i) => {
        i.vehicles[0]!.costs = { fixed: 1000 };
      },
      /route of vehicle 1: cost 670, expected 1670/,
    ],
    [
      'a wrong route duration',
      (_, o) => void (o.routes[0]!.duration = o.summary.duration = 600),
      /route of vehicle 1: duration 600, expected total travel 670/,
    ],
    [
      'a wrong route service total',
      (_, o) => void (o.routes[0]!.service = o.summary.service = 60),
      /route of vehicle 1: service 60, but its steps add up to 90/,
    ],
    ['a wrong route priority', (_, o) => void (o.routes[0]!.priority = o.summary.priority = 0), /route of vehicle 1: priority 0, expected 5/],
    ['a wrong route delivery', (_, o) => void (o.routes[0]!.delivery = o.summary.delivery = [3]), /route of vehicle 1: delivery \[3\], expected \[4\]/],
    ['a summary cost that is not the sum of routes', (_, o) => void (o.summary.cost = 700), /summary: cost 700, but the routes add up to 670/],
    ['a wrong summary route count', (_, o) => void (o.summary.routes = 2), /summary: routes 2, but there are 1/],
    ['a wrong summary unassigned count', (_, o) => void (o.summary.unassigned = 0), /summary: unassigned 0, but 1 jobs are listed/],
    ['a wrong summary pickup', (_, o) => void (o.summary.pickup = [0]), /summary: pickup \[0\], but the routes add up to \[2\]/],
  ];

  it.each(cases)('%s', (_, mutate, expected) => {
    const found = violations(mutate);
    expect(found).toContainEqual(expect.stringMatching(expected));
  });
});

describe('checkSolution: setup', () => {
  it('catches a setup charged again at the same place', () => {
    const output = mutable(noStartOutput);
    output.routes[0]!.steps[1]!.setup = 10;
    output.routes[0]!.steps[1]!.arrival = 25;
    output.routes[0]!.setup = output.summary.setup = 20;
    expect(checkSolution(noStartInput, output)).toEqual(['route of vehicle 9, step 1 (job 2): setup 10, expected 0']);
  });

  it('catches a start step for a vehicle without start', () => {
    const output = mutable(noStartOutput);
    output.routes[0]!.steps.unshift({ type: 'start', arrival: 0, duration: 0, distance: 0, setup: 0, service: 0, waiting_time: 0, load: [] });
    expect(checkSolution(noStartInput, output)).toEqual(['route of vehicle 9, step 0 (start): the vehicle has no start']);
  });
});

describe('checkSolution: breaks', () => {
  it('catches a break outside its time windows', () => {
    const { input, output } = withBreak(100, 1000);
    input.vehicles[0]!.breaks![0]!.time_windows = [[300, 400]];
    expect(checkSolution(input, output)).toEqual(['route of vehicle 1, step 2 (break 7): starts at 200 before its time windows']);
  });

  it('catches a load over max_load during a break', () => {
    const { input, output } = withBreak(100, 1000);
    input.vehicles[0]!.breaks![0]!.max_load = [0];
    expect(checkSolution(input, output)).toEqual(["route of vehicle 1, step 2 (break 7): load [1] exceeds the break's max_load [0]"]);
  });

  it('catches a break taken twice and an unknown break', () => {
    const { input, output } = withBreak(100, 1000);
    const steps = output.routes[0]!.steps;
    steps.splice(5, 0, { ...steps[2]!, arrival: 770, duration: 670, distance: 6700, load: [2] });
    expect(checkSolution(input, output)).toContainEqual(expect.stringMatching(/step 5 \(break 7\): break 7 is taken more than once/));
    steps[5]!.id = 8;
    expect(checkSolution(input, output)).toContainEqual(expect.stringMatching(/step 5 \(break 8\): the vehicle has no break with this id/));
  });

  it('catches travel that does not fit around a break', () => {
    const { input, output } = withBreak(100, 1000);
    output.routes[0]!.steps[3]!.arrival = 300; // only 70 + 40 s of the 150 s leg are free
    expect(checkSolution(input, output)).toContainEqual(
      expect.stringMatching(/step 3 \(job 2\): arrives at 300, but travel from step 1 \(job 1\) takes 150 s and only 110 s are free/),
    );
  });

  it("catches a break's cumulated travel beyond the next located step", () => {
    const { input, output } = withBreak(300, 1000);
    expect(checkSolution(input, output)).toEqual(['route of vehicle 1, step 2 (break 7): cumulated travel duration 300 outside [100, 250]']);
  });
});
