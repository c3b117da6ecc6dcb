/**
 * Issue 14's first target, measured: the time limit is a promise. Days of 1 to
 * 10,000 visits are solved by the engine's CLI with `-l 1` and `-l 5`, and the
 * wall time of the whole process (start-up, parsing and writing included) is
 * compared with `limit × 1.05 + 0.3 s`; the answer must also be feasible, and
 * the peak memory is reported.
 *
 *     npm run bench:limit -- --seed 1 [--sizes 1,10,100,1000,10000] [--limits 1,5]
 *
 * One vehicle per 50 visits (200 at 10,000, as the issue names): the larger
 * days are job lists too big for the limit, which must still get a feasible
 * answer. Above 2,000 visits the instances carry coordinates only (a 10,000²
 * matrix in JSON is gigabytes). Instances go to
 * benchmarks/out/scale/limit/seed-<N>/, results as JSON beside them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import type { Input } from '../../engine/src/types.ts';
import { generateDay } from './generate-day.ts';
import { OUT_DIR, parseSeedOption } from './instances.ts';
import { startContext } from './report.ts';
import { type SolverRun, TOURNEE_CLI, runTournee } from './solvers.ts';

const VISITS_PER_VEHICLE = 50;
/** Largest day written with a matrix: 2,000² entries are about 40 MB of JSON. */
const MAX_MATRIX_VISITS = 2000;
const promiseSeconds = (limit: number): number => limit * 1.05 + 0.3;

interface LimitOptions {
  readonly seed: number;
  readonly sizes: readonly number[];
  readonly limits: readonly number[];
  readonly killAfter: number;
  readonly cli: string;
}

interface LimitRow {
  readonly visits: number;
  readonly vehicles: number;
  readonly travel: 'matrix' | 'coordinates';
  readonly limitSeconds: number;
  readonly promiseSeconds: number;
  readonly kept: boolean;
  readonly run: SolverRun;
}

function parseList(check: (n: number) => boolean, what: string): (value: string) => number[] {
  return (value) => {
    const items = value.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
    if (!items.every(check)) throw new InvalidArgumentError(`expected a comma-separated list of ${what}.`);
    return items;
  };
}

function parseOptions(argv: readonly string[]): LimitOptions {
  return new Command('bench:limit')
    .description("checks the engine's CLI keeps its time limit (wall ≤ limit × 1.05 + 0.3 s) from 1 to 10,000 visits")
    .option('--seed <n>', 'seed of the instances and of the engine', parseSeedOption, 1)
    .option(
      '--sizes <list>',
      'numbers of visits',
      parseList((n) => Number.isSafeInteger(n) && n >= 1, 'positive integers'),
      [1, 10, 100, 1000, 10000],
    )
    .option(
      '--limits <list>',
      'time limits, seconds',
      parseList((n) => n > 0 && Number.isFinite(n), 'positive numbers'),
      [1, 5],
    )
    .option('--kill-after <seconds>', 'kill a run still going after this long (it has broken the promise anyway)', parsePositiveSeconds, 900)
    .option('--cli <file>', "the engine's CLI entry point, e.g. another checkout's engine/cli/bin.mjs", TOURNEE_CLI)
    .parse(argv, { from: 'user' })
    .opts<LimitOptions>();
}

function parsePositiveSeconds(value: string): number {
  const seconds = Number(value);
  if (value.trim() === '' || !(seconds > 0) || !Number.isFinite(seconds)) throw new InvalidArgumentError('expected a positive number of seconds.');
  return seconds;
}

function writeInstance(dir: string, visits: number, seed: number): { file: string; input: Input; vehicles: number; travel: 'matrix' | 'coordinates' } {
  const vehicles = Math.ceil(visits / VISITS_PER_VEHICLE);
  const travel = visits > MAX_MATRIX_VISITS ? 'coordinates' : 'matrix';
  const input = generateDay({ technicians: vehicles, visits, seed, travel });
  const file = join(dir, `${vehicles}x${visits}.json`);
  writeFileSync(file, JSON.stringify(input));
  // Scored against what was written, as the solver reads it.
  return { file, input: JSON.parse(readFileSync(file, 'utf8')) as Input, vehicles, travel };
}

function markdown(rows: readonly LimitRow[]): string {
  const header = ['visits', 'vehicles', 'travel', 'limit s', 'wall s', 'promise s', 'kept', 'CPU s', 'RSS MB', 'visits served', 'violations'];
  const fixed = (value: number | null, digits: number): string => (value === null ? '-' : value.toFixed(digits));
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---:').join('|')}|`];
  for (const row of rows) {
    const p = row.run.process;
    const status = p.killed ? ' (killed)' : p.exitCode !== 0 ? ` (exit ${p.exitCode ?? p.signal})` : '';
    lines.push(
      `| ${[
        row.visits.toLocaleString('en-US'),
        String(row.vehicles),
        row.travel,
        String(row.limitSeconds),
        fixed(p.wallSeconds, 2) + status,
        fixed(row.promiseSeconds, 2),
        row.kept ? 'yes' : '**no**',
        fixed(p.cpuSeconds, 2),
        fixed(p.maxRssMb, 0),
        row.run.metrics.visits.toLocaleString('en-US'),
        String(row.run.metrics.violations.length),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseOptions(argv);
  const context = startContext(`npm run bench:limit -- ${argv.join(' ')}`, options.seed);
  const dir = join(OUT_DIR, 'limit', `seed-${options.seed}`);
  mkdirSync(dir, { recursive: true });
  const rows: LimitRow[] = [];
  for (const visits of options.sizes) {
    const instance = writeInstance(dir, visits, options.seed);
    for (const limitSeconds of options.limits) {
      const outputFile = instance.file.replace(/\.json$/, `.tournee-l${limitSeconds}.json`);
      const run = await runTournee(instance.input, instance.file, outputFile, {
        cli: options.cli,
        limitSeconds,
        seed: options.seed,
        killAfterSeconds: options.killAfter,
      });
      const promise = promiseSeconds(limitSeconds);
      const kept = !run.process.killed && run.process.exitCode === 0 && run.process.wallSeconds <= promise && run.metrics.violations.length === 0;
      rows.push({ visits, vehicles: instance.vehicles, travel: instance.travel, limitSeconds, promiseSeconds: promise, kept, run });
      console.error(`${visits} visits, -l ${limitSeconds}: ${run.process.wallSeconds.toFixed(2)} s wall, ${kept ? 'kept' : 'NOT kept'}`);
    }
  }
  context.loadEnd = os.loadavg();
  console.log(
    [
      `Command: \`${context.command}\``,
      `Seed ${context.seed}, ${context.date}; ${String(context.machine.cpu)}, ${String(context.machine.cores)} cores, node ${String(context.machine.node)}`,
      `Load average (1/5/15 min): ${context.loadStart.map((v) => v.toFixed(2)).join(' / ')} at start, ${context.loadEnd.map((v) => v.toFixed(2)).join(' / ')} at end`,
      'Kept: exit 0, a feasible answer (checker), and wall ≤ limit × 1.05 + 0.3 s.',
      '',
      markdown(rows),
    ].join('\n'),
  );
  const jsonFile = join(dir, `results-${context.date.replace(/[:.]/g, '-')}.json`);
  const results = rows.map((row) => ({ ...row, run: { ...row.run, metrics: { ...row.run.metrics, violations: row.run.metrics.violations.slice(0, 20) } } }));
  writeFileSync(jsonFile, `${JSON.stringify({ ...context, rows: results }, null, 2)}\n`);
  console.error(`results: ${jsonFile}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`bench:limit: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
