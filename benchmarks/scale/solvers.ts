/**
 * The two solvers the scale benchmarks run, each as a user would run it from
 * the command line on an instance file, measured (measure-process.ts) and
 * scored (solution-metrics.ts) the same way.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Input } from '../../engine/src/types.ts';
import { type ProcessMeasure, measureBinary, measureNode } from './measure-process.ts';
import { type SolutionMetrics, measureSolution } from './solution-metrics.ts';

/** The engine's command line, as users start it. */
export const TOURNEE_CLI = fileURLToPath(new URL('../../engine/cli/bin.mjs', import.meta.url));

export interface SolverRun {
  /** e.g. `tournee -l 2`, `vroom -x 0`. */
  readonly solver: string;
  /** Seconds the solver was given; null for VROOM, which has no limit here. */
  readonly budgetSeconds: number | null;
  readonly process: ProcessMeasure;
  readonly metrics: SolutionMetrics;
  /** Where the solution was written. */
  readonly outputFile: string;
}

export interface TourneeSettings {
  /** The CLI's entry point: TOURNEE_CLI, or another build of the engine to compare with. */
  readonly cli: string;
  readonly limitSeconds: number;
  readonly seed: number;
  /** Passed as `--threads` only when set, so the benchmark runs against a CLI without the option. */
  readonly threads?: number;
  readonly killAfterSeconds: number;
}

export interface VroomSettings {
  readonly binary: string;
  readonly explore: number;
  readonly killAfterSeconds: number;
}

/** Reads the solution a solver wrote; a missing or broken file becomes an error output naming why. */
function readSolution(file: string, measure: ProcessMeasure): unknown {
  const how = measure.killed
    ? 'killed at the time-out'
    : `exit code ${measure.exitCode ?? measure.signal}${measure.stderr ? `: ${measure.stderr.split('\n')[0]}` : ''}`;
  if (!existsSync(file)) return { code: 1, error: `no output file (${how})` };
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { code: 1, error: `unreadable output (${how}): ${(error as Error).message}` };
  }
}

export async function runTournee(input: Input, inputFile: string, outputFile: string, settings: TourneeSettings): Promise<SolverRun> {
  rmSync(outputFile, { force: true }); // never score a previous run's file
  const args = ['solve', '-i', inputFile, '-o', outputFile, '-l', String(settings.limitSeconds), '--seed', String(settings.seed)];
  if (settings.threads !== undefined) args.push('--threads', String(settings.threads));
  const measure = await measureNode(settings.cli, args, { killAfterSeconds: settings.killAfterSeconds });
  const threads = settings.threads === undefined ? '' : ` --threads ${settings.threads}`;
  return {
    solver: `tournee -l ${settings.limitSeconds}${threads}`,
    budgetSeconds: settings.limitSeconds,
    process: measure,
    metrics: measureSolution(input, readSolution(outputFile, measure)),
    outputFile,
  };
}

/** VROOM on one thread (`-t 1`), as issue 14 compares: the engine is single-threaded by default. */
export async function runVroom(input: Input, inputFile: string, outputFile: string, settings: VroomSettings): Promise<SolverRun> {
  rmSync(outputFile, { force: true });
  const args = ['-i', inputFile, '-o', outputFile, '-t', '1', '-x', String(settings.explore)];
  const measure = await measureBinary(settings.binary, args, { killAfterSeconds: settings.killAfterSeconds });
  return {
    solver: `vroom -x ${settings.explore}`,
    budgetSeconds: null,
    process: measure,
    metrics: measureSolution(input, readSolution(outputFile, measure)),
    outputFile,
  };
}
