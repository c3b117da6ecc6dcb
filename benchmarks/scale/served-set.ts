/**
 * How much of a travel gap comes from *which* visits are served rather than from the routes:
 * re-solves a scale day restricted to the visits another solver's solution serves, starting from
 * its routes (VROOM's `steps`), and reports both by the benchmark's own rule (solution-metrics.ts).
 *
 *     npx tsx benchmarks/scale/served-set.ts --instance benchmarks/out/scale/seed-1/60x420.json \
 *       --solution benchmarks/out/scale/seed-1/60x420.vroom-x5.json --iterations 10000 [--seed 1] [--cold]
 *
 * Used for issue 14's travel target (≤ 97 % of VROOM -x5's at 60 s): the engine maximises served
 * priority first, as VROOM does, so its solutions serve a different set of visits; on the other
 * solver's set alone, the routes can be compared for what they are. `--cold` starts from nothing.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { solve } from '../../engine/src/index.ts';
import type { Input, Job, SolvedOutput, VehicleStep } from '../../engine/src/types.ts';
import { measureSolution } from './solution-metrics.ts';

interface Options {
  readonly instance: string;
  readonly solution: string;
  readonly iterations: number;
  readonly seed: number;
  readonly cold: boolean;
}

const options = new Command('served-set')
  .description("re-solve a day restricted to the visits another solver's solution serves")
  .requiredOption('--instance <file>', 'the VROOM-format day')
  .requiredOption('--solution <file>', "another solver's VROOM-format answer to it")
  .option('--iterations <n>', 'iterations of the search', (v) => Number.parseInt(v, 10), 10_000)
  .option('--seed <n>', 'seed of the search', (v) => Number.parseInt(v, 10), 1)
  .option('--cold', 'start from nothing instead of the solution’s routes', false)
  .parse()
  .opts<Options>();

const input = JSON.parse(readFileSync(options.instance, 'utf8')) as Input;
const other = JSON.parse(readFileSync(options.solution, 'utf8')) as SolvedOutput;
const served = new Set<number>();
const stepsOf = new Map<number, VehicleStep[]>();
for (const route of other.routes) {
  const jobs = route.steps.filter((s) => s.type === 'job');
  for (const s of jobs) served.add(s.id!);
  stepsOf.set(
    route.vehicle,
    jobs.map((s) => ({ type: 'job', id: s.id! })),
  );
}
const restricted: Input = {
  ...input,
  jobs: (input.jobs ?? []).filter((j: Job) => served.has(j.id)),
  vehicles: input.vehicles.map((v) => ({ ...v, steps: options.cold ? [] : (stepsOf.get(v.id) ?? []) })),
};
const started = performance.now();
const ours = solve(restricted, { seed: options.seed, maxIterations: options.iterations });
const wall = (performance.now() - started) / 1000;
const theirs = measureSolution(input, other);
const mine = measureSolution(restricted, ours);
const row = (who: string, m: typeof mine) =>
  `${who.padEnd(34)} priority ${m.servedPriority}  visits ${m.visits}  travel ${m.travel} s  (${((100 * m.travel) / theirs.travel).toFixed(1)} %)  violations ${m.violations.length}`;
console.log(row('the other solver', theirs));
console.log(row(`Tournée on its set (${options.cold ? 'cold' : 'warm'}, ${options.iterations} it.)`, mine));
console.log(`seed ${options.seed}, ${wall.toFixed(1)} s wall`);
