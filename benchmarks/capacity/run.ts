/**
 * Capacity LP benchmark (issue 14, "Linear programming where it serves"):
 *
 * 1. How javascript-lp-solver's time grows with the capacity model (visit
 *    classes × technician-day classes → variables × rows), on generated
 *    field-service instances of growing size and horizon, for the bound and
 *    for the staffing what-if; says where it stops being fit (above the
 *    `--fit` seconds).
 * 2. The bound's gap on field-service problems: the plan's served priority
 *    against the bound, after a search of `--plan` seconds.
 *
 *     npm run bench:capacity
 *     npm run bench:capacity -- --seed 2 --plan 10 --tiers 20x300x5,50x1500x5 --gap-tiers 10x300x5
 *
 * Times are wall milliseconds of one call on this machine, with its load
 * printed before and after (the machine is shared): compare rows of one run.
 */
import { performance } from 'node:perf_hooks';
import { Command, InvalidArgumentError } from 'commander';
import { capacityBound } from '../../engine/src/field-service/capacity/capacity-bound.ts';
import { staffingNeed } from '../../engine/src/field-service/capacity/staffing-need.ts';
import { travelFloor } from '../../engine/src/field-service/capacity/travel-floor.ts';
import { buildContext } from '../../engine/src/field-service/context.ts';
import { type Eligibility, EligibilityChecker } from '../../engine/src/field-service/eligibility.ts';
import { planFieldService } from '../../engine/src/field-service/plan.ts';
import { describeInstance, generateFieldServiceInstance } from '../field-service/generate.ts';
import { machine } from '../field-service/machine.ts';

interface Tier {
  readonly technicians: number;
  readonly visits: number;
  readonly days: number;
}

const DEFAULT_TIERS = '10x100x5,20x300x5,50x1500x5,50x1500x10,100x3000x5,100x3000x10';
const DEFAULT_GAP_TIERS = '20x300x5,10x300x5,30x900x5,50x1500x5';

function tiers(value: string): Tier[] {
  return value.split(',').map((t) => {
    const m = /^(\d+)x(\d+)x(\d+)$/.exec(t.trim());
    if (!m) throw new InvalidArgumentError(`expected TECHNICIANSxVISITSxDAYS, e.g. 50x1500x5, got ${t}`);
    const [technicians, visits, days] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (technicians < 1 || days < 1 || days > 14) throw new InvalidArgumentError(`${t}: at least 1 technician, 1 to 14 days`);
    return { technicians, visits, days };
  });
}

function positive(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n > 0)) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function integer(value: string): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError('expected an integer');
  return n;
}

const ms = (from: number): string => (performance.now() - from).toFixed(0);

function setUp(tier: Tier, seed: number) {
  const problem = generateFieldServiceInstance({ ...tier, seed });
  const ctx = buildContext(problem);
  const checker = new EligibilityChecker(ctx);
  const eligibility = new Map<number, Eligibility>();
  const plannable: number[] = [];
  problem.visits.forEach((v, i) => {
    plannable.push(i);
    eligibility.set(i, checker.check(v, ctx.visitSectors[i]));
  });
  return { problem, ctx, eligibility, plannable };
}

function main(argv: readonly string[]): void {
  const o = new Command()
    .name('npm run bench:capacity --')
    .option('--seed <n>', 'seed of the instances and searches', integer, 1)
    .option('--tiers <list>', 'instances for the LP timings, TECHNICIANSxVISITSxDAYS,…', tiers, tiers(DEFAULT_TIERS))
    .option('--gap-tiers <list>', 'instances for the bound gap', tiers, tiers(DEFAULT_GAP_TIERS))
    .option('--plan <seconds>', 'search time of each plan for the gap', positive, 20)
    .option('--fit <seconds>', 'an LP slower than this is called unfit beside a plan', positive, 1)
    .parse(argv as string[], { from: 'user' })
    .opts<{ seed: number; tiers: Tier[]; gapTiers: Tier[]; plan: number; fit: number }>();

  console.log(`bench:capacity — seed ${o.seed}, ${new Date().toISOString()}`);
  console.log(`machine: ${machine()}`);
  console.log('\n## LP time as the model grows (javascript-lp-solver 1.0.3, one call each)\n');
  console.log(
    '| tier (tech × visits × days) | visit classes | tech-day classes | bound: vars × rows | travel floor ms | bound LP ms | staffing: vars × rows | staffing ms | fit (≤ ' +
      o.fit +
      ' s) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const tier of o.tiers) {
    const { ctx, eligibility, plannable } = setUp(tier, o.seed);
    let t = performance.now();
    travelFloor(
      ctx,
      [...eligibility.keys()].filter((i) => (eligibility.get(i)?.reachable.length ?? 0) > 0),
    );
    const floorMs = ms(t);
    // The travel table now holds every leg the floor needs: what follows is classes and the LP.
    t = performance.now();
    const { bound } = capacityBound(ctx, eligibility);
    const boundMs = ms(t);
    t = performance.now();
    const staffing = staffingNeed(ctx, plannable);
    const staffingMs = ms(t);
    const fit = Number(boundMs) <= o.fit * 1000 && Number(staffingMs) <= o.fit * 1000 ? 'yes' : 'no';
    console.log(
      `| ${tier.technicians} × ${tier.visits} × ${tier.days} | ${bound.model.visitClasses} | ${bound.model.technicianDayClasses} | ` +
        `${bound.model.variables} × ${bound.model.constraints} | ${floorMs} | ${boundMs} | ` +
        `${staffing.model.variables} × ${staffing.model.constraints} | ${staffingMs} | ${fit} |`,
    );
  }

  console.log(`\n## Bound gap after a ${o.plan} s search (planFieldService, seed ${o.seed})\n`);
  console.log('| tier | instance | bound | plan served priority | gap % | unservable priority | short classes | staffing: technician-days (LP) | bound ms |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const tier of o.gapTiers) {
    const { problem, ctx, eligibility, plannable } = setUp(tier, o.seed);
    const clock = (): number => performance.now();
    const plan = planFieldService(problem, { seed: o.seed, timeLimitMs: o.plan * 1000, clock, bound: false });
    const t = performance.now();
    const { bound } = capacityBound(ctx, eligibility);
    const boundMs = ms(t);
    const priority = new Map(problem.visits.map((v) => [v.id, v.priority ?? 0]));
    const served = plan.tours.flatMap((x) => x.stops).reduce((s, stop) => s + (priority.get(stop.visit) ?? 0), 0);
    const gap = bound.servedPriority > 0 ? (((bound.servedPriority - served) / bound.servedPriority) * 100).toFixed(2) : '0';
    const staffing = staffingNeed(ctx, plannable);
    console.log(
      `| ${tier.technicians} × ${tier.visits} × ${tier.days} | ${describeInstance(problem).split(' over ')[0]} | ${bound.servedPriority} | ${served} | ${gap} | ` +
        `${bound.unservablePriority} | ${bound.shortClasses.length} | ${staffing.technicianDays} (${staffing.fractionalTechnicianDays}) | ${boundMs} |`,
    );
  }
  console.log(`\nload after: ${machine()}`);
}

main(process.argv.slice(2));
