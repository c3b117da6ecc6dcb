/**
 * Week-planning benchmark (issue 3): 50 technicians × 1,500 visits over 5
 * days in Provence, planned with a 60 s budget and with a 600 s reference
 * budget; prints both costs and the gap (target: within 3 % of the reference).
 *
 *     npm run bench:week
 *     npm run bench:week -- --long 120                       # shorter reference, for a quick check
 *     npm run bench:week -- --technicians 10 --visits 200 --days 2 --budget 5 --long 10
 *
 * The same seed drives the instance and both searches, so the reference run
 * explores from the same start for ten times longer: the gap measures what the
 * extra time buys. Both plans are compared on served priority first (the
 * planner's first objective), then on the cost breakdown's total; a gap on
 * cost alone is only meaningful when both serve the same priority, and the
 * report says when they do not. The budget counts the whole call (validation,
 * travel table, compilation, search, mapping back), as a caller waits for it.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Command, InvalidArgumentError } from 'commander';
import { planFieldService } from '../../engine/src/field-service/plan.ts';
import type { FieldServicePlan, FieldServiceProblem } from '../../engine/src/field-service/types.ts';
import { describeInstance, generateFieldServiceInstance } from './generate.ts';
import { machine, machineJson } from './machine.ts';

interface WeekOptions {
  technicians: number;
  visits: number;
  days: number;
  seed: number;
  budget: number;
  long: number;
  json?: string;
}

interface RunResult {
  readonly budgetSeconds: number;
  readonly seconds: number;
  readonly cost: number;
  readonly servedPriority: number;
  readonly assigned: number;
  readonly unassigned: number;
  readonly travelHours: number;
  readonly overtimeHours: number;
  readonly slaCompliance: number;
  readonly balanceIndex: number;
  readonly breakdown: FieldServicePlan['cost'];
}

function servedPriority(problem: FieldServiceProblem, plan: FieldServicePlan): number {
  const priority = new Map(problem.visits.map((v) => [v.id, v.priority ?? 0]));
  return plan.tours.reduce((sum, tour) => sum + tour.stops.reduce((s, stop) => s + (priority.get(stop.visit) ?? 0), 0), 0);
}

function run(problem: FieldServiceProblem, seed: number, budgetSeconds: number): RunResult {
  const clock = (): number => performance.now();
  const started = clock();
  // The engine's limit covers its search; the whole call is timed here and shown next to it.
  const plan = planFieldService(problem, { seed, timeLimitMs: budgetSeconds * 1000, clock });
  const seconds = (clock() - started) / 1000;
  return {
    budgetSeconds,
    seconds,
    cost: plan.cost.total,
    servedPriority: servedPriority(problem, plan),
    assigned: plan.kpis.assigned,
    unassigned: plan.kpis.unassigned,
    travelHours: plan.kpis.travelTime / 3600,
    overtimeHours: plan.kpis.overtime / 3600,
    slaCompliance: plan.kpis.sla.compliance,
    balanceIndex: plan.kpis.balanceIndex,
    breakdown: plan.cost,
  };
}

function line(label: string, r: RunResult): string {
  return (
    `${label.padEnd(10)} budget ${String(r.budgetSeconds).padStart(4)} s  took ${r.seconds.toFixed(1).padStart(6)} s  ` +
    `cost ${r.cost.toFixed(2).padStart(11)}  served priority ${String(r.servedPriority).padStart(6)}  ` +
    `assigned ${r.assigned}  unassigned ${r.unassigned}  travel ${r.travelHours.toFixed(1)} h  overtime ${r.overtimeHours.toFixed(1)} h  ` +
    `SLA ${r.slaCompliance.toFixed(1)} %  balance ${r.balanceIndex.toFixed(3)}`
  );
}

function positive(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function integer(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected an integer ≥ ${min}`);
    return n;
  };
}

function main(argv: readonly string[]): number {
  const program = new Command()
    .name('npm run bench:week --')
    .description('Plan a generated week (50 technicians × 1,500 visits × 5 days by default) with a short and a long budget; print both costs and the gap.')
    .option('--technicians <n>', 'technicians', integer(1), 50)
    .option('--visits <n>', 'visits', integer(0), 1500)
    .option('--days <n>', 'days (1 to 14)', integer(1), 5)
    .option('--seed <n>', 'seed of the instance and of both searches', integer(Number.MIN_SAFE_INTEGER), 1)
    .option('--budget <seconds>', 'the budget under test', positive, 60)
    .option('--long <seconds>', 'the reference budget (600 in the issue; shorten it for a quick check)', positive, 600)
    .option('--json <file>', 'write the results to this file')
    .parse(argv as string[], { from: 'user' });
  const o = program.opts<WeekOptions>();

  const problem = generateFieldServiceInstance({ technicians: o.technicians, visits: o.visits, days: o.days, seed: o.seed });
  const date = new Date().toISOString();
  const command = ['npm run bench:week --', ...argv].join(' ');
  console.log(`# ${command}`);
  console.log(`# instance: generate.ts seed ${o.seed}: ${describeInstance(problem)}`);
  console.log(`# budgets: ${o.budget} s under test, ${o.long} s reference; search seed ${o.seed}`);
  console.log(`# ${date}`);
  console.log(`# ${machine()}`);

  const short = run(problem, o.seed, o.budget);
  console.log(line('budget', short));
  const reference = run(problem, o.seed, o.long);
  console.log(line('reference', reference));

  const gap = ((short.cost - reference.cost) / Math.abs(reference.cost)) * 100;
  const samePriority = short.servedPriority === reference.servedPriority;
  if (!samePriority) {
    const better = short.servedPriority > reference.servedPriority ? 'the budget run' : 'the reference run';
    console.log(
      `# served priority differs (${short.servedPriority} vs ${reference.servedPriority}): ${better} is better first; the cost gap compares unequal plans`,
    );
  }
  console.log(
    `week cost${o.budget}=${short.cost.toFixed(2)} cost${o.long}=${reference.cost.toFixed(2)} gap=${gap.toFixed(2)}% ` +
      `techs=${problem.technicians.length} visits=${problem.visits.length} days=${problem.horizon.days} seed=${o.seed}` +
      (samePriority ? '' : ' (served priority differs)'),
  );

  if (o.json) {
    writeFileSync(
      o.json,
      `${JSON.stringify({ command, seed: o.seed, date, machine: machineJson(), instance: describeInstance(problem), budget: short, reference, gapPercent: gap, samePriority }, null, 2)}\n`,
    );
    console.log(`wrote ${o.json}`);
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = error instanceof Error && 'code' in error && typeof error.code === 'number' ? error.code : 2;
}
