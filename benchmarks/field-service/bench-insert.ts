/**
 * Real-time insertion latency (issue 3): a day under way with 100 technicians
 * × 8 visits each; rank the candidates for many urgent visits, one call each,
 * and report the latency percentiles (target: p99 ≤ 5 ms).
 *
 *     npm run bench:insert
 *     npm run bench:insert -- --technicians 20 --queries 100      # a quick check
 *
 * The day: a generated Provence instance (generate.ts) for one Monday; each
 * technician gets the 8 customers nearest home (at most 3 morning-only and 3
 * afternoon-only, so that the day is feasible), pinned to them only to shape
 * the plan — pins are removed before the benchmark. At `--now` (default
 * 10:30) visits already over are `done`, the current one `started`, and each
 * technician is reported at the site of their last visit (or at their start).
 *
 * What is timed: `rankInsertions(context, visit, top)` — validation of the
 * urgent visit, evaluation of every position of every tour of the day, sort,
 * and the result objects of the `--top` best — as the server calls it for a
 * dispatcher. `prepareInsertion` (once per plan state) is timed apart. Calls
 * after a warm-up (the JIT compiles the hot loops first), one after another.
 */
import { performance } from 'node:perf_hooks';
import { Command, InvalidArgumentError } from 'commander';
import {
  DAY,
  planFieldService,
  prepareInsertion,
  rankInsertions,
  type FieldServicePlan,
  type FieldServiceProblem,
  type RealtimeState,
  type Visit,
} from '../../engine/src/field-service/index.ts';
import { greatCircleMeters } from '../../engine/src/problem/coordinate-travel.ts';
import type { Coordinates } from '../../engine/src/types.ts';
import { generateFieldServiceInstance, generateUrgentVisits } from './generate.ts';
import { machine, quantile } from './machine.ts';

interface InsertBenchOptions {
  technicians: number;
  perTechnician: number;
  queries: number;
  warmup: number;
  top: number;
  now: string;
  seed: number;
  planSeconds: number;
  planIterations: number;
}

const H = 3600;
const AM_END = 12 * H;
const PM_START = 13 * H;

/** The day under way: `perTechnician` visits for each technician, a plan of them, facts and positions at `now`. */
function dayUnderWay(
  technicians: number,
  perTechnician: number,
  seed: number,
  now: number,
  planSeconds: number,
  planIterations: number,
): { problem: FieldServiceProblem; plan: FieldServicePlan; state: RealtimeState; planned: number } {
  // A pool of customers four times larger than needed, so that everyone has enough neighbours.
  const pool = generateFieldServiceInstance({ technicians, visits: technicians * perTechnician * 4, days: 1, seed, serviceScale: 0.75, emergencyShare: 0 });
  const used = new Set<string>();
  const chosen: Visit[] = [];
  const team = pool.technicians.map((t) => ({ ...t, absences: undefined })); // everyone at work today
  for (const t of team) {
    const near = pool.visits
      .filter((v) => !used.has(v.id) && !v.pin)
      .map((v) => ({ v, d: greatCircleMeters(t.home, v.location) }))
      .sort((a, b) => a.d - b.d || (a.v.id < b.v.id ? -1 : 1));
    let morning = 0;
    let afternoon = 0;
    let taken = 0;
    for (const { v } of near) {
      if (taken === perTechnician) break;
      const [from, to] = v.windows?.[0] ?? [0, DAY];
      const am = to <= AM_END;
      const pm = from >= PM_START;
      if ((am && morning >= 3) || (pm && afternoon >= 3)) continue;
      // The skills the visit asks for are this technician's: the pinned plan must be able to place it.
      const able = Object.entries(v.skills ?? {}).every(([skill, level]) => (t.skills?.[skill] ?? 0) >= level);
      if (!able) continue;
      morning += am ? 1 : 0;
      afternoon += pm ? 1 : 0;
      taken++;
      used.add(v.id);
      chosen.push({ ...v, earliestDay: 0, latestDay: 0, usualTechnicians: undefined, pin: { mode: 'technician', technician: t.id } });
    }
  }
  const shaped: FieldServiceProblem = { ...pool, technicians: team, visits: chosen };
  const clock = (): number => performance.now();
  // An iteration count makes the day the same on every machine; the time limit only caps a slow one.
  const plan = planFieldService(shaped, { seed, maxIterations: planIterations, timeLimitMs: planSeconds * 1000, clock });

  // Facts at `now`, from the plan: over → done, under way → started.
  const status = new Map<string, Pick<Visit, 'status' | 'progress'>>();
  const positions: { technician: string; location: Coordinates }[] = [];
  const location = new Map(chosen.map((v) => [v.id, v.location]));
  for (const tour of plan.tours) {
    let last: Coordinates = tour.start.location;
    for (const stop of tour.stops) {
      if (stop.end <= now) status.set(stop.visit, { status: 'done', progress: { technician: tour.technician, since: stop.end } });
      else if (stop.start <= now) status.set(stop.visit, { status: 'started', progress: { technician: tour.technician, since: stop.start } });
      else break;
      last = location.get(stop.visit) ?? last;
    }
    positions.push({ technician: tour.technician, location: last });
  }
  const visits = chosen.map(({ pin: _pin, ...v }) => ({ ...v, ...(status.get(v.id) ?? {}) }));
  const planned = plan.tours.reduce((n, t) => n + t.stops.length, 0);
  return { problem: { ...shaped, visits }, plan, state: { now, positions }, planned };
}

function parseClock(value: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) throw new InvalidArgumentError('expected a time of day HH:MM');
  return Number(match[1]) * H + Number(match[2]) * 60;
}

function integer(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected an integer ≥ ${min}`);
    return n;
  };
}

function positive(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function main(argv: readonly string[]): number {
  const program = new Command()
    .name('npm run bench:insert --')
    .description('Latency of ranking insertion candidates for urgent visits in a day under way.')
    .option('--technicians <n>', 'technicians', integer(1), 100)
    .option('--per-technician <n>', 'visits per technician', integer(1), 8)
    .option('--queries <n>', 'urgent visits ranked (timed calls)', integer(1), 1000)
    .option('--warmup <n>', 'untimed calls first', integer(0), 50)
    .option('--top <n>', 'candidates returned per call (0: all)', integer(0), 10)
    .option('--now <HH:MM>', 'time of day under way', '10:30')
    .option('--seed <n>', 'seed of the day and of the urgent visits', integer(Number.MIN_SAFE_INTEGER), 1)
    .option('--plan-iterations <n>', "iterations of the day's initial plan (the same day everywhere)", integer(1), 2000)
    .option('--plan-seconds <s>', "time cap of the day's initial plan", positive, 60)
    .parse(argv as string[], { from: 'user' });
  const o = program.opts<InsertBenchOptions>();
  const now = parseClock(o.now);

  console.log(`# ${['npm run bench:insert --', ...argv].join(' ')}`);
  console.log(
    `# seed ${o.seed}, ${o.technicians} technicians × ${o.perTechnician} visits, now ${o.now}, ${o.queries} timed calls after ${o.warmup} warm-up, top ${o.top || 'all'}, initial plan ${o.planIterations} iterations (cap ${o.planSeconds} s)`,
  );
  console.log(`# ${new Date().toISOString()}`);
  console.log(`# ${machine()}`);

  const setupStart = performance.now();
  const day = dayUnderWay(o.technicians, o.perTechnician, o.seed, now, o.planSeconds, o.planIterations);
  const done = day.problem.visits.filter((v) => v.status === 'done').length;
  const started = day.problem.visits.filter((v) => v.status === 'started').length;
  console.log(
    `# day: ${day.planned} visits planned in ${day.plan.tours.length} tours (${day.plan.unassigned.length} left out), ${done} done and ${started} started at ${o.now}; ` +
      `set up in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`,
  );

  const prepareStart = performance.now();
  const ic = prepareInsertion(day.problem, day.plan, day.state);
  console.log(`# prepareInsertion (once per plan state): ${(performance.now() - prepareStart).toFixed(1)} ms`);

  const urgent = generateUrgentVisits(day.problem, { count: o.warmup + o.queries, day: 0, now, seed: o.seed + 1 });
  const top = o.top === 0 ? undefined : o.top;
  const times: number[] = [];
  // CPU time of the process as well: on a shared machine, wall-clock outliers are mostly time spent
  // descheduled, which CPU time leaves out (it does include the GC's helper threads).
  const cpuTimes: number[] = [];
  let noCandidate = 0;
  let candidates = 0;
  urgent.forEach((visit, k) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const ranked = rankInsertions(ic, visit, top);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    if (k < o.warmup) return;
    times.push(ms);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    candidates += ranked.length;
    if (ranked.length === 0) noCandidate++;
  });

  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(
    `# ${times.length} calls: mean ${mean.toFixed(3)} ms, max ${Math.max(...times).toFixed(3)} ms; ` +
      `${(candidates / times.length).toFixed(1)} candidates returned on average, ${noCandidate} visits without any`,
  );
  console.log(`# CPU time per call (process): p50 ${quantile(cpuTimes, 0.5).toFixed(3)} ms, p99 ${quantile(cpuTimes, 0.99).toFixed(3)} ms`);
  console.log(`insert p50=${quantile(times, 0.5).toFixed(3)} p99=${quantile(times, 0.99).toFixed(3)} techs=${o.technicians} visits=${day.planned}`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = error instanceof Error && 'code' in error && typeof error.code === 'number' ? error.code : 2;
}
