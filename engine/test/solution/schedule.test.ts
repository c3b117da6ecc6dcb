import { describe, expect, it } from 'vitest';
import { scheduleRoute, scheduleWithLateDeparture, type Schedule, type ScheduleResult } from '../../src/solution/schedule.ts';
import type { Input, Job, Vehicle } from '../../src/types.ts';
import { compile, lineMatrix } from '../support/fixtures.ts';

// Points of a line: depot 0, then 10, 30 and 60 s away.
const durations = lineMatrix([0, 10, 30, 60]);
const distances = durations.map((row) => row.map((t) => t * 10));

function schedule(vehicle: Partial<Vehicle>, jobs: readonly Job[], order: readonly number[] = jobs.map((_, k) => k)): ScheduleResult {
  const input: Input = {
    vehicles: [{ id: 1, start_index: 0, end_index: 0, ...vehicle }],
    jobs,
    matrices: { car: { durations, distances } },
  };
  const problem = compile(input);
  return scheduleRoute(problem, problem.vehicles[0]!, order);
}

function ok(result: ScheduleResult): Schedule {
  if (!result.ok) throw new Error(`expected a feasible route, got ${result.reason}`);
  return result.schedule;
}

describe('scheduleRoute: timing', () => {
  it('drives, waits for windows, serves and returns, step by step', () => {
    const s = ok(
      schedule({}, [
        { id: 1, location_index: 1, service: 5 },
        { id: 2, location_index: 2, service: 10, time_windows: [[100, 200]] },
      ]),
    );
    // 0 → (10) job 1 at 10, done 15 → (20) job 2 at 35, waits 65, 100–110 → (30) end at 140.
    expect(s.steps.map((x) => [x.kind, x.arrival, x.waiting, x.service, x.travel, x.distance])).toEqual([
      ['job', 10, 0, 5, 10, 100],
      ['job', 35, 65, 10, 30, 300],
    ]);
    expect([s.departure, s.endTime, s.travel, s.distance, s.cost, s.waiting, s.service, s.setup]).toEqual([0, 140, 60, 600, 60, 65, 15, 0]);
  });

  it('uses the second window when the first is over on arrival, and the first when it is not', () => {
    const windows: Job['time_windows'] = [
      [0, 20],
      [100, 200],
    ];
    const late = ok(schedule({}, [{ id: 1, location_index: 2, time_windows: windows }]));
    expect([late.steps[0]!.arrival, late.steps[0]!.waiting]).toEqual([30, 70]);
    const early = ok(schedule({}, [{ id: 1, location_index: 1, time_windows: windows }]));
    expect([early.steps[0]!.arrival, early.steps[0]!.waiting]).toEqual([10, 0]);
    expect(schedule({}, [{ id: 1, location_index: 3, time_windows: [[0, 59]] }])).toEqual({ ok: false, reason: 'time_window' });
  });

  it('charges setup only when the location changes', () => {
    const s = ok(
      schedule({}, [
        { id: 1, location_index: 1, setup: 7, service: 3 },
        { id: 2, location_index: 1, setup: 7, service: 3 },
        { id: 3, location_index: 2, setup: 7, service: 3 },
      ]),
    );
    expect(s.steps.map((x) => x.setup)).toEqual([7, 0, 7]);
    // 10 + 7 + 3 = 20; job 2 at 20 → 23; job 3 at 43 → 53; end 83.
    expect(s.steps.map((x) => x.arrival)).toEqual([10, 20, 43]);
    expect([s.endTime, s.setup]).toEqual([83, 14]);
  });

  it('charges setup on the first job of a vehicle without start, which leaves at its opening time', () => {
    const s = ok(schedule({ start_index: undefined, time_window: [50, 1000] }, [{ id: 1, location_index: 1, setup: 7, service: 3 }]));
    expect([s.steps[0]!.arrival, s.steps[0]!.setup, s.steps[0]!.travel]).toEqual([50, 7, 0]);
    expect([s.endTime, s.travel]).toEqual([70, 10]); // 50 + 7 + 3, then 10 s home
  });

  it('ends at the last completion when the vehicle has no end', () => {
    const s = ok(schedule({ end_index: undefined }, [{ id: 1, location_index: 3, service: 4 }]));
    expect([s.endTime, s.travel, s.cost]).toEqual([64, 60, 60]);
  });

  it('adds the fixed cost to a used route only', () => {
    expect(ok(schedule({ costs: { fixed: 1000 } }, [{ id: 1, location_index: 1 }])).cost).toBe(1020);
    expect(ok(schedule({ costs: { fixed: 1000 } }, [{ id: 1, location_index: 1 }], [])).cost).toBe(0);
  });
});

describe('scheduleRoute: loads and limits', () => {
  const jobs: Job[] = [
    { id: 1, location_index: 1, delivery: [3] },
    { id: 2, location_index: 2, pickup: [4] },
    { id: 3, location_index: 3, delivery: [2], pickup: [1] },
  ];

  it('leaves with every delivery, unloads and picks up on the way', () => {
    const s = ok(schedule({ capacity: [6] }, jobs));
    expect([...s.startLoad]).toEqual([5]);
    expect(s.steps.map((x) => [...x.load])).toEqual([[2], [6], [5]]);
  });

  it('fails when the load exceeds the capacity at the start or on the way', () => {
    expect(schedule({ capacity: [5] }, jobs)).toEqual({ ok: false, reason: 'capacity' }); // 6 after job 2
    expect(schedule({ capacity: [4] }, jobs, [0, 2])).toEqual({ ok: false, reason: 'capacity' }); // leaves with 5
    // Picking up before unloading: 5 + 4 = 9 on board.
    expect(schedule({ capacity: [6] }, jobs, [1, 0, 2])).toEqual({ ok: false, reason: 'capacity' });
  });

  it('enforces max_tasks, max_travel_time, max_distance and the closing time', () => {
    const two: Job[] = [
      { id: 1, location_index: 1 },
      { id: 2, location_index: 2 },
    ];
    // 0 → 10 → 30 → 0: 60 s, 600 m, back at 60.
    expect(schedule({ max_tasks: 1 }, two)).toEqual({ ok: false, reason: 'max_tasks' });
    expect(schedule({ max_tasks: 2 }, two).ok).toBe(true);
    expect(schedule({ max_travel_time: 59 }, two)).toEqual({ ok: false, reason: 'max_travel_time' });
    expect(schedule({ max_travel_time: 60 }, two).ok).toBe(true);
    expect(schedule({ max_distance: 599 }, two)).toEqual({ ok: false, reason: 'max_distance' });
    expect(schedule({ max_distance: 600 }, two).ok).toBe(true);
    expect(schedule({ time_window: [0, 59] }, two)).toEqual({ ok: false, reason: 'time_window' });
    expect(schedule({ time_window: [0, 60] }, two).ok).toBe(true);
  });

  it('scales travel by the speed factor', () => {
    const s = ok(schedule({ speed_factor: 2 }, [{ id: 1, location_index: 3 }]));
    expect([s.steps[0]!.arrival, s.travel, s.distance, s.cost]).toEqual([30, 60, 1200, 60]);
  });
});

describe('scheduleRoute: breaks', () => {
  it('splits the travel around a break that must start before the next job can', () => {
    // Job 2 is 30 s away; the break must start in [10, 20]: the vehicle drives 10 s, breaks 5 s, drives 20 s.
    const s = ok(schedule({ breaks: [{ id: 1, service: 5, time_windows: [[10, 20]] }] }, [{ id: 2, location_index: 2 }]));
    expect(s.steps.map((x) => [x.kind, x.arrival, x.waiting, x.service])).toEqual([
      ['break', 10, 0, 5],
      ['job', 35, 0, 0],
    ]);
    expect([s.endTime, s.travel, s.service]).toEqual([65, 60, 5]);
  });

  it('takes a break during the waiting before a job when it fits there', () => {
    const s = ok(schedule({ breaks: [{ id: 1, service: 20, time_windows: [[0, 500]] }] }, [{ id: 2, location_index: 2, time_windows: [[100, 200]] }]));
    expect(s.steps.map((x) => x.kind)).toEqual(['break', 'job']);
    const job = s.steps[1]!;
    expect(job.arrival + job.waiting).toBe(100); // the job still starts as early as it can
  });

  it('defers a break that would delay the next job and can still be taken after it', () => {
    const s = ok(schedule({ breaks: [{ id: 1, service: 20, time_windows: [[0, 500]] }] }, [{ id: 2, location_index: 2, service: 10 }]));
    expect(s.steps.map((x) => [x.kind, x.arrival])).toEqual([
      ['job', 30],
      ['break', 40],
    ]);
    expect(s.endTime).toBe(90); // 40 + 20 + 30
  });

  it('takes a break in the waiting before a job even when it delays the job, if that is what keeps the day feasible', () => {
    // Job 1 ends at 110; job 2 (20 s on) opens at 200: 70 s of waiting, less than the 100 s break.
    // Deferred past job 2 (300–400), the break pushes job 3 to 430–930 and the return to 990, past the day's 950;
    // taken at 110, it delays job 2 by 30 s only (230–330): job 3 360–860, back at 920. VROOM's routes do this.
    const s = ok(
      schedule({ time_window: [0, 950], breaks: [{ id: 1, service: 100, time_windows: [[100, 400]] }] }, [
        { id: 1, location_index: 1, service: 100 },
        { id: 2, location_index: 2, service: 100, time_windows: [[200, 1000]] },
        { id: 3, location_index: 3, service: 500 },
      ]),
    );
    expect(s.steps.map((x) => [x.kind, x.arrival, x.waiting])).toEqual([
      ['job', 10, 0],
      ['break', 110, 0],
      ['job', 230, 0],
      ['job', 360, 0],
    ]);
    expect([s.endTime, s.waiting, s.service]).toEqual([920, 0, 800]);
  });

  it('waits for a break window that opens after the last job, before driving home', () => {
    const s = ok(schedule({ breaks: [{ id: 1, service: 10, time_windows: [[200, 300]] }] }, [{ id: 2, location_index: 1 }]));
    // Done at 10, the van drives the 10 s home, waits until 200, breaks 10 s.
    expect([s.steps[1]!.kind, s.steps[1]!.arrival, s.steps[1]!.waiting]).toEqual(['break', 20, 180]);
    expect(s.endTime).toBe(210);
  });

  it('respects max_load: a break over the limit is deferred past a delivery, or the route fails', () => {
    const maxLoad = { id: 1, service: 20, time_windows: [[0, 500]] as const, max_load: [1] };
    // Before the job the van carries 3 > 1: the break, which would fit in the waiting, waits until after the delivery.
    const deferred = ok(schedule({ capacity: [5], breaks: [maxLoad] }, [{ id: 2, location_index: 2, delivery: [3], time_windows: [[100, 200]] }]));
    expect(deferred.steps.map((x) => [x.kind, x.load[0]])).toEqual([
      ['job', 0],
      ['break', 0],
    ]);
    // A break that must be taken before the delivery cannot be taken at all.
    const failing = schedule({ capacity: [5], breaks: [{ ...maxLoad, time_windows: [[0, 20]] }] }, [{ id: 2, location_index: 2, delivery: [3] }]);
    expect(failing).toEqual({ ok: false, reason: 'break' });
  });

  it('fails when a break window has closed', () => {
    const result = schedule({ time_window: [100, 1000], breaks: [{ id: 1, time_windows: [[0, 50]] }] }, [{ id: 2, location_index: 1 }]);
    expect(result).toEqual({ ok: false, reason: 'break' });
  });

  it('takes no break on an unused vehicle', () => {
    const s = ok(schedule({ breaks: [{ id: 1, time_windows: [[0, 50]] }] }, [{ id: 2, location_index: 1 }], []));
    expect(s.steps).toEqual([]);
  });
});

describe('scheduleWithLateDeparture', () => {
  function late(vehicle: Partial<Vehicle>, jobs: readonly Job[]): Schedule {
    const problem = compile({ vehicles: [{ id: 1, start_index: 0, end_index: 0, ...vehicle }], jobs, matrices: { car: { durations } } });
    const result = scheduleWithLateDeparture(
      problem,
      problem.vehicles[0]!,
      jobs.map((_, k) => k),
    );
    return ok(result);
  }

  it('leaves just in time for the first job and changes nothing after it', () => {
    const s = late({}, [
      { id: 1, location_index: 2, time_windows: [[100, 200]] },
      { id: 2, location_index: 3 },
    ]);
    expect(s.departure).toBe(70);
    expect([s.steps[0]!.arrival, s.steps[0]!.waiting]).toEqual([100, 0]);
    expect([s.endTime, s.travel]).toEqual([190, 120]);
  });

  it('keeps the opening-time departure when the first job has no waiting', () => {
    expect(late({ time_window: [5, 1000] }, [{ id: 1, location_index: 2 }]).departure).toBe(5);
  });
});
