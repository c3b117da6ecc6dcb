/**
 * VRPTW benchmark runner: solves Solomon or Gehring & Homberger instances with
 * the engine and compares the distance, recomputed in double precision from
 * the coordinates, with the best-known solutions.
 *
 *     npm run bench:vrptw -- --set solomon --time 1 --seed 1
 *     npm run bench:vrptw -- --set gh200 --time 5 --objective hier --first-of-family --json out.json
 *
 * Instances run one after another on one thread, so that the seconds are
 * comparable with single-threaded runs of peer solvers (VROOM with one thread).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Command, InvalidArgumentError, Option } from 'commander';
import { solve } from '../../engine/src/index.ts';
import type { Output } from '../../engine/src/types.ts';
import { type Objective, type BestKnownTable, OBJECTIVES, INSTANCES_DIR, readBestKnown } from './best-known.ts';
import { type Instance, readInstance } from './read-instance.ts';
import { checkFeasibility, hierarchicalFixedCost, routesOf, solutionDistance, toVroom } from './to-vroom.ts';

const SETS = ['solomon', 'gh200', 'gh1000'] as const;
type BenchmarkSet = (typeof SETS)[number];
const FAMILIES = ['C1', 'C2', 'R1', 'R2', 'RC1', 'RC2'] as const;

interface RunOptions {
  readonly set: BenchmarkSet;
  readonly time: number;
  readonly seed: number;
  readonly only?: string[];
  readonly objective: Objective;
  readonly firstOfFamily: boolean;
  readonly json?: string;
}

export interface InstanceResult {
  readonly instance: string;
  readonly family: string;
  readonly customers: number;
  /** Routes serving at least one job. */
  readonly vehicles: number;
  /** Double precision, from the coordinates. */
  readonly distance: number;
  /** Percent; null when the set has no distance-only best-known (G&H). */
  readonly gapDist: number | null;
  readonly gapHier: number | null;
  readonly bksDist: { vehicles: number; distance: number } | null;
  readonly bksHier: { vehicles: number; distance: number } | null;
  readonly unassigned: number;
  readonly feasible: boolean;
  readonly violations: readonly string[];
  readonly seconds: number;
  /** The engine's own cost, in its scaled units. */
  readonly engineCost: number | null;
  readonly error: string | null;
  /** Customer numbers in visiting order, one array per used vehicle. */
  readonly routes: readonly (readonly number[])[];
}

/** `C101` → C1, `rc2_10_3` → RC2. */
function familyOf(name: string): string {
  const match = /^(RC|R|C)(\d)/i.exec(name);
  return match ? `${match[1].toUpperCase()}${match[2]}` : '?';
}

/** Solomon `C105` → 5, G&H `c1_2_10` → 10: the instance's rank in its family. */
function rankOf(name: string): number {
  const gh = /_(\d+)$/.exec(name);
  if (gh) return Number(gh[1]);
  const solomon = /(\d{2})$/.exec(name);
  return solomon ? Number(solomon[1]) : Number.MAX_SAFE_INTEGER;
}

/** Family order of the literature, then rank, so that `c1_2_10` comes after `c1_2_9`. */
function compareInstances(a: string, b: string): number {
  const fa = FAMILIES.indexOf(familyOf(a) as (typeof FAMILIES)[number]);
  const fb = FAMILIES.indexOf(familyOf(b) as (typeof FAMILIES)[number]);
  return fa - fb || rankOf(a) - rankOf(b) || a.localeCompare(b);
}

function instanceFiles(options: RunOptions): { name: string; file: string }[] {
  const dir = `${INSTANCES_DIR}${options.set}/`;
  let all = readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .map((file) => ({ name: file.slice(0, -'.txt'.length), file: dir + file }))
    .sort((a, b) => compareInstances(a.name, b.name));
  if (options.only) {
    const wanted = new Set(options.only.map((name) => name.toUpperCase()));
    const unknown = [...wanted].filter((name) => !all.some((entry) => entry.name.toUpperCase() === name));
    if (unknown.length > 0) throw new Error(`--only: no instance ${unknown.join(', ')} in ${dir}`);
    all = all.filter((entry) => wanted.has(entry.name.toUpperCase()));
  }
  if (options.firstOfFamily) {
    const seen = new Set<string>();
    all = all.filter((entry) => {
      const family = familyOf(entry.name);
      if (seen.has(family)) return false;
      seen.add(family);
      return true;
    });
  }
  return all;
}

const gap = (distance: number, best: number | undefined): number | null => (best === undefined ? null : ((distance - best) / best) * 100);

function runInstance(instance: Instance, bks: BestKnownTable, options: RunOptions): InstanceResult {
  const input = toVroom(instance, options.objective === 'hier' ? { fixedCost: hierarchicalFixedCost(instance) } : {});
  const clock = (): number => performance.now();
  // Only the solve is timed: the peers' timings start from a ready matrix too.
  const started = clock();
  let output: Output;
  try {
    output = solve(input, { seed: options.seed, timeLimitMs: options.time * 1000, clock });
  } catch (error) {
    // The engine promises never to throw; if it does, the run goes on and the instance counts as failed.
    output = { code: 1, error: `threw: ${error instanceof Error ? error.message : String(error)}` };
  }
  const seconds = (clock() - started) / 1000;

  const bksDist = bks.best(instance.name, 'dist');
  const bksHier = bks.best(instance.name, 'hier');
  const common = {
    instance: instance.name,
    family: familyOf(instance.name),
    customers: instance.customers.length,
    bksDist: bksDist ? { vehicles: bksDist.vehicles, distance: bksDist.distance } : null,
    bksHier: bksHier ? { vehicles: bksHier.vehicles, distance: bksHier.distance } : null,
    seconds,
  };
  const violations = checkFeasibility(instance, output);
  if (output.code !== 0) {
    return {
      ...common,
      vehicles: 0,
      distance: Number.NaN,
      gapDist: null,
      gapHier: null,
      unassigned: instance.customers.length,
      feasible: false,
      violations,
      engineCost: null,
      error: output.error,
      routes: [],
    };
  }
  const routes = routesOf(output).filter((route) => route.jobs.length > 0);
  let distance = Number.NaN;
  try {
    distance = solutionDistance(instance, output);
  } catch {
    // Unknown job ids: already among the violations.
  }
  return {
    ...common,
    vehicles: routes.length,
    distance,
    gapDist: gap(distance, bksDist?.distance),
    gapHier: gap(distance, bksHier?.distance),
    unassigned: output.unassigned.length,
    feasible: violations.length === 0,
    violations,
    engineCost: output.summary.cost,
    error: null,
    routes: routes.map((route) => route.jobs),
  };
}

// ---------------------------------------------------------------- report

const pct = (value: number | null): string => (value === null || Number.isNaN(value) ? '-' : `${value.toFixed(2)}%`);
const num = (value: number, digits: number): string => (Number.isNaN(value) ? '-' : value.toFixed(digits));
const mean = (values: readonly number[]): number => (values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length);

const COLUMNS = [
  ['instance', 10],
  ['veh', 6],
  ['distance', 11],
  ['gap dist', 9],
  ['gap hier', 9],
  ['bks veh', 8],
  ['unasg', 6],
  ['feasible', 9],
  ['seconds', 8],
] as const;

function row(cells: readonly string[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(COLUMNS[i][1]) : cell.padStart(COLUMNS[i][1]))).join(' ');
}

function instanceLine(result: InstanceResult): string {
  return row([
    result.instance,
    String(result.vehicles),
    num(result.distance, 2),
    pct(result.gapDist),
    pct(result.gapHier),
    result.bksHier ? String(result.bksHier.vehicles) : '-',
    String(result.unassigned),
    result.feasible ? 'yes' : 'NO',
    result.seconds.toFixed(2),
  ]);
}

/**
 * Gaps are averaged over complete feasible solutions only: a route set that
 * leaves customers out is shorter for a reason that is not quality. The count
 * in parentheses tells when some were left out.
 */
function summaryLine(label: string, results: readonly InstanceResult[]): string {
  const complete = results.filter((result) => result.feasible && result.unassigned === 0);
  const gapsDist = complete.flatMap((result) => (result.gapDist === null ? [] : [result.gapDist]));
  const gapsHier = complete.flatMap((result) => (result.gapHier === null ? [] : [result.gapHier]));
  const bksVehicles = results.flatMap((result) => (result.bksHier ? [result.bksHier.vehicles] : []));
  const infeasible = results.filter((result) => !result.feasible).length;
  const partial = complete.length < results.length ? ` (gaps over ${complete.length} of ${results.length})` : '';
  return (
    row([
      label,
      num(mean(results.map((result) => result.vehicles)), 2),
      num(mean(results.flatMap((result) => (Number.isNaN(result.distance) ? [] : [result.distance]))), 2),
      pct(gapsDist.length > 0 ? mean(gapsDist) : null),
      pct(gapsHier.length > 0 ? mean(gapsHier) : null),
      num(mean(bksVehicles), 2),
      String(results.reduce((sum, result) => sum + result.unassigned, 0)),
      `${infeasible} infeas`,
      mean(results.map((result) => result.seconds)).toFixed(2),
    ]) + partial
  );
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${os.platform()} ${os.release()}, node ${process.version}`;
}

// ---------------------------------------------------------------- CLI

function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a positive number');
  return parsed;
}

function integer(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new InvalidArgumentError('expected an integer');
  return parsed;
}

function names(value: string): string[] {
  const list = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (list.length === 0) throw new InvalidArgumentError('expected instance names separated by commas');
  return list;
}

function main(argv: readonly string[]): number {
  const program = new Command()
    .name('npm run bench:vrptw --')
    .description('Solve Solomon / Gehring & Homberger VRPTW instances and compare with the best-known solutions.')
    .addOption(new Option('--set <set>', 'instance set').choices(SETS).makeOptionMandatory())
    .requiredOption('--time <seconds>', 'time limit per instance, seconds', positiveNumber)
    .option('--seed <n>', 'random seed', integer, 1)
    .option('--only <names>', 'comma-separated instance names (case-insensitive)', names)
    .addOption(
      new Option(
        '--objective <objective>',
        'dist: distance only, as the peers in anchors.md ran; hier: fewest vehicles first (a fixed cost per vehicle), then distance',
      )
        .choices(OBJECTIVES)
        .default('dist'),
    )
    .option('--first-of-family', 'only the first instance of each family (C1, C2, R1, R2, RC1, RC2)', false)
    .option('--json <file>', 'write every per-instance result to this file')
    .parse(argv as string[], { from: 'user' });
  const options = program.opts<RunOptions>();

  const files = instanceFiles(options);
  const bks = readBestKnown();
  const date = new Date().toISOString();
  const command = ['npm run bench:vrptw --', ...argv].join(' ');
  const header = [
    `# ${command}`,
    `# set ${options.set}, ${files.length} instances, objective ${options.objective}, seed ${options.seed}, time ${options.time} s per instance`,
    `# ${date}`,
    `# ${machine()}`,
  ];
  console.log(header.join('\n'));
  console.log(row(COLUMNS.map(([title]) => title)));

  const results: InstanceResult[] = [];
  for (const { file } of files) {
    const instance = readInstance(file);
    const result = runInstance(instance, bks, options);
    results.push(result);
    console.log(instanceLine(result));
    if (result.error !== null) console.log(`  engine error: ${result.error}`);
    else for (const violation of result.violations.slice(0, 5)) console.log(`  infeasible: ${violation}`);
    if (result.violations.length > 5) console.log(`  … ${result.violations.length - 5} more violations`);
  }

  console.log('');
  for (const family of FAMILIES) {
    const members = results.filter((result) => result.family === family);
    if (members.length > 0) console.log(summaryLine(family, members));
  }
  if (results.length > 0) console.log(summaryLine('all', results));

  if (options.json) {
    const report = {
      command,
      set: options.set,
      objective: options.objective,
      seed: options.seed,
      timeSeconds: options.time,
      date,
      machine: {
        cpu: os.cpus()[0]?.model.trim() ?? null,
        cores: os.cpus().length,
        platform: `${os.platform()} ${os.release()}`,
        node: process.version,
      },
      results,
    };
    writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nwrote ${options.json}`);
  }
  // Infeasible answers or engine errors fail the run, so that CI can rely on it; unassigned jobs do not.
  return results.every((result) => result.feasible) ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
