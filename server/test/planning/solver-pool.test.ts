// The solver pool's lanes (issue 11, finding 2: one 10,000-job solve held the
// only thread while a one-job solve waited a minute): small ad-hoc solves run
// apart from large ones, large ones apart from planning runs, and a full lane
// refuses at once with the time to wait instead of queueing without end.
import { afterEach, expect, it } from 'vitest';
import { createSolverPool, problemSize, searchesFor, SolverBusyError, type SolverPool } from '../../src/planning/solver-pool.ts';
import { largeProblem, oneJobProblem } from './solver-problems.ts';

let pool: SolverPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

/** Settles to what it resolved with, or the error; `settled` says whether it has yet. */
function watch<T>(promise: Promise<T>) {
  const state = { settled: false, result: undefined as T | undefined, error: undefined as unknown };
  const done = promise
    .then(
      (r) => {
        state.result = r;
      },
      (e: unknown) => {
        state.error = e;
      },
    )
    .finally(() => {
      state.settled = true;
    });
  return Object.assign(state, { done });
}

it('counts jobs and shipments to choose a lane', () => {
  expect(problemSize(oneJobProblem())).toBe(1);
  expect(problemSize(largeProblem(2_000))).toBe(2_000);
  expect(problemSize({ vehicles: [], shipments: [{}, {}] })).toBe(2);
  expect(problemSize(null)).toBe(0);
});

it('answers a one-job solve while a large solve runs', async () => {
  pool = createSolverPool({ threads: 1 });
  const large = watch(pool.solve({ input: largeProblem(2_000), seed: 1, timeLimitMs: 30_000 }));
  const small = await pool.solve({ input: oneJobProblem(), seed: 1, timeLimitMs: 1_000 });
  expect(small).toMatchObject({ code: 0, summary: { unassigned: 0 } });
  expect(large.settled).toBe(false);
}, 120_000);

it('refuses a large solve when its lane is busy and its queue full, saying when to come back', async () => {
  pool = createSolverPool({ threads: 1, adHoc: { threads: 1, maxQueued: 1 } });
  const running = watch(pool.solve({ input: largeProblem(1_000), seed: 1, timeLimitMs: 30_000 }));
  const queued = watch(pool.solve({ input: largeProblem(1_000), seed: 2, timeLimitMs: 20_000 }));
  const refused = await pool.solve({ input: largeProblem(1_000), seed: 3, timeLimitMs: 1_000 }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(refused).toBeInstanceOf(SolverBusyError);
  // What runs and what waits ahead: about 30 + 20 s, never less than what waits.
  expect((refused as SolverBusyError).retryAfterSeconds).toBeGreaterThanOrEqual(20);
  expect((refused as SolverBusyError).message).toMatch(/busy \(large solves\): try again in \d+ s/);
  // The small lane is not affected.
  expect(await pool.solve({ input: oneJobProblem(), seed: 1, timeLimitMs: 500 })).toMatchObject({ code: 0 });
  expect(running.settled || queued.settled).toBe(false);
}, 120_000);

it('runs several searches only for a large solve in an otherwise idle pool (issue 14)', async () => {
  expect(searchesFor(2_000, true, { threadsWhenIdle: 2 })).toBe(2);
  expect(searchesFor(2_000, false, { threadsWhenIdle: 2 })).toBe(1);
  expect(searchesFor(10, true, { threadsWhenIdle: 2 })).toBe(1);
  expect(searchesFor(2_000, true, { threadsWhenIdle: 1 })).toBe(1);

  pool = createSolverPool({ threads: 1, threadsWhenIdle: 2 });
  const output = await pool.solve({ input: largeProblem(400), seed: 1, timeLimitMs: 2_000 });
  expect(output).toMatchObject({ code: 0 });
  if (output.code === 0) expect(output.summary.unassigned + output.routes.reduce((n, r) => n + r.steps.filter((s) => s.type === 'job').length, 0)).toBe(400);
}, 120_000);
