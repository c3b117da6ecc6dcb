/**
 * Issue 14's scale benchmark: field-service days of 40 × 300 to 200 × 1,500
 * (technicians × visits), solved by the engine's CLI and, with `VROOM_BIN`
 * set, by VROOM 1.14 on the same instances in the same run.
 *
 *     npm run bench:scale -- --time 10 --seed 1
 *     VROOM_BIN=../shared/peers/vroom-1.14.0/vroom npm run bench:scale -- --time vroom-x0 --seed 1 --tiers 40x300,60x420 [--x5] [--threads 2]
 *
 * `--time vroom-x0` gives our solver, per tier, VROOM -x0's CPU seconds rounded
 * up to the second (VROOM's answer is deterministic for a given -x, and a quiet
 * machine runs it in that time). Each tier's instance is written to
 * benchmarks/out/scale/seed-<N>/<techs>x<visits>.json beside the solutions, and
 * the results as JSON to benchmarks/out/scale/results-seed-<N>-<date>.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Input } from '../../engine/src/types.ts';
import { OUT_DIR, parseSeedOption, seedDir, writeDayInstance } from './instances.ts';
import { type TierRuns, markdownReport, startContext } from './report.ts';
import { type SolverRun, TOURNEE_CLI, runTournee, runVroom } from './solvers.ts';
import { TIERS, type Tier, parseTiers, tierName } from './tiers.ts';

type TimeBudget = { readonly kind: 'seconds'; readonly seconds: number } | { readonly kind: 'vroom-x0' };

interface ScaleOptions {
  readonly time: TimeBudget;
  readonly seed: number;
  readonly threads?: number;
  readonly tiers: readonly Tier[];
  readonly x5: boolean;
  readonly killAfter: number;
  readonly cli: string;
}

function parseTime(value: string): TimeBudget {
  if (value === 'vroom-x0') return { kind: 'vroom-x0' };
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(seconds > 0)) throw new InvalidArgumentError('expected a positive number of seconds or "vroom-x0".');
  return { kind: 'seconds', seconds };
}

function parsePositiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !(n >= 1)) throw new InvalidArgumentError('expected a positive integer.');
  return n;
}

function parseOptions(argv: readonly string[]): ScaleOptions {
  return new Command('bench:scale')
    .description("solve the scale benchmark's field-service days with the engine's CLI (and VROOM when VROOM_BIN is set)")
    .addOption(
      new Option('--time <seconds|vroom-x0>', "the engine's time limit per tier, or VROOM -x0's CPU seconds rounded up")
        .argParser(parseTime)
        .makeOptionMandatory(),
    )
    .option('--seed <n>', 'seed of the instances and of the engine', parseSeedOption, 1)
    .option('--threads <n>', 'passed to the engine as --threads (omitted when not given)', parsePositiveInteger)
    .option('--tiers <list>', 'comma-separated <technicians>x<visits>', parseTiers, [...TIERS])
    .option('--x5', 'also run VROOM -x 5 (slow: 5 to 444 s per tier)', false)
    .option('--kill-after <seconds>', 'kill a solver still running after this long', parsePositiveInteger, 900)
    .option('--cli <file>', "the engine's CLI entry point, e.g. another checkout's engine/cli/bin.mjs", TOURNEE_CLI)
    .parse(argv, { from: 'user' })
    .opts<ScaleOptions>();
}

/** Our budget for a tier: the given seconds, or VROOM -x0's CPU time rounded up to the second. */
function tourneeBudget(time: TimeBudget, vroomX0: SolverRun | undefined, tier: string): number {
  if (time.kind === 'seconds') return time.seconds;
  const cpu = vroomX0?.process.cpuSeconds;
  if (cpu === null || cpu === undefined) throw new Error(`${tier}: --time vroom-x0 needs VROOM -x0's CPU time, but VROOM did not report one`);
  return Math.max(1, Math.ceil(cpu));
}

async function runTier(tier: Tier, options: ScaleOptions, vroomBin: string | undefined): Promise<TierRuns> {
  const name = tierName(tier);
  const inputFile = writeDayInstance(tier, options.seed);
  const input = JSON.parse(readFileSync(inputFile, 'utf8')) as Input;
  const outFile = (label: string): string => join(seedDir(options.seed), `${name}.${label}.json`);
  const log = (run: SolverRun): void =>
    console.error(
      `${name} ${run.solver}: ${run.process.wallSeconds.toFixed(2)} s wall, ${run.metrics.visits} visits, ${run.metrics.violations.length} violations`,
    );

  const runs: SolverRun[] = [];
  let vroomX0: SolverRun | undefined;
  let vroomX5: SolverRun | undefined;
  if (vroomBin) {
    vroomX0 = await runVroom(input, inputFile, outFile('vroom-x0'), { binary: vroomBin, explore: 0, killAfterSeconds: options.killAfter });
    log(vroomX0);
    runs.push(vroomX0);
    if (options.x5) {
      vroomX5 = await runVroom(input, inputFile, outFile('vroom-x5'), { binary: vroomBin, explore: 5, killAfterSeconds: options.killAfter });
      log(vroomX5);
      runs.push(vroomX5);
    }
  }
  const limitSeconds = tourneeBudget(options.time, vroomX0, name);
  const ours = await runTournee(input, inputFile, outFile(`tournee-l${limitSeconds}`), {
    cli: options.cli,
    limitSeconds,
    seed: options.seed,
    threads: options.threads,
    killAfterSeconds: options.killAfter,
  });
  log(ours);
  runs.push(ours);
  return { tier: name, runs, vroomX0, vroomX5 };
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseOptions(argv);
  const vroomBin = process.env.VROOM_BIN || undefined;
  if (options.time.kind === 'vroom-x0' && !vroomBin) {
    throw new Error('--time vroom-x0: set VROOM_BIN to a VROOM binary (e.g. VROOM_BIN=../shared/peers/vroom-1.14.0/vroom)');
  }
  const context = startContext(`${vroomBin ? `VROOM_BIN=${vroomBin} ` : ''}npm run bench:scale -- ${argv.join(' ')}`, options.seed);
  // One tier after another: the solvers run alone (besides the machine's other load) and on one thread each.
  const tiers: TierRuns[] = [];
  for (const tier of options.tiers) tiers.push(await runTier(tier, options, vroomBin));
  context.loadEnd = os.loadavg();

  console.log(markdownReport(context, tiers));
  mkdirSync(OUT_DIR, { recursive: true });
  const jsonFile = join(OUT_DIR, `results-seed-${options.seed}-${context.date.replace(/[:.]/g, '-')}.json`);
  // The references are among `runs` already; violations are many when a solver goes wrong: the first few say why.
  const results = tiers.map((t) => ({
    tier: t.tier,
    runs: t.runs.map((run) => ({
      ...run,
      metrics: { ...run.metrics, violationCount: run.metrics.violations.length, violations: run.metrics.violations.slice(0, 20) },
    })),
  }));
  writeFileSync(jsonFile, `${JSON.stringify({ ...context, tiers: results }, null, 2)}\n`);
  console.error(`results: ${jsonFile}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`bench:scale: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
