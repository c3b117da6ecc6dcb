/**
 * The scale benchmark's markdown report: where and when it ran (timings mean
 * nothing without the machine and its load), then one row per solver run.
 */
import os from 'node:os';
import { machineJson } from '../field-service/machine.ts';
import type { SolverRun } from './solvers.ts';

export interface RunContext {
  readonly command: string;
  readonly seed: number;
  readonly date: string;
  readonly machine: Record<string, unknown>;
  /** `os.loadavg()` (1, 5, 15 min) when the run started and when it ended. */
  readonly loadStart: readonly number[];
  loadEnd?: readonly number[];
}

export function startContext(command: string, seed: number): RunContext {
  return { command, seed, date: new Date().toISOString(), machine: machineJson(), loadStart: os.loadavg() };
}

export interface TierRuns {
  readonly tier: string;
  readonly runs: readonly SolverRun[];
  /** The reference runs of the tier, for the travel percentages. */
  readonly vroomX0?: SolverRun;
  readonly vroomX5?: SolverRun;
}

const fixed = (value: number | null, digits: number): string => (value === null ? '-' : value.toFixed(digits));
const thousands = (value: number): string => value.toLocaleString('en-US');
const loads = (values: readonly number[] | undefined): string => (values ? values.map((v) => v.toFixed(2)).join(' / ') : '-');

function travelShare(run: SolverRun, reference: SolverRun | undefined): string {
  if (!reference || reference.metrics.travel === 0 || run.metrics.visits === 0) return '-';
  return `${((run.metrics.travel / reference.metrics.travel) * 100).toFixed(1)} %`;
}

function processNote(run: SolverRun): string {
  if (run.process.killed) return ' (killed)';
  if (run.process.exitCode !== 0) return ` (exit ${run.process.exitCode ?? run.process.signal})`;
  return '';
}

export function markdownReport(context: RunContext, tiers: readonly TierRuns[]): string {
  const withX5 = tiers.some((t) => t.vroomX5 !== undefined);
  const header = [
    'tier',
    'solver',
    'budget s',
    'wall s',
    'CPU s',
    'RSS MB',
    'served priority',
    'visits',
    'travel s',
    'travel vs VROOM -x0',
    ...(withX5 ? ['travel vs VROOM -x5'] : []),
    'violations',
  ];
  const lines = [
    `Command: \`${context.command}\``,
    `Seed ${context.seed}, ${context.date}; ${String(context.machine.cpu)}, ${String(context.machine.cores)} cores, ${String(context.machine.platform)}, node ${String(context.machine.node)}`,
    `Load average (1/5/15 min): ${loads(context.loadStart)} at start, ${loads(context.loadEnd)} at end`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`,
  ];
  for (const tier of tiers) {
    for (const run of tier.runs) {
      const cells = [
        tier.tier,
        run.solver + processNote(run),
        run.budgetSeconds === null ? '-' : String(run.budgetSeconds),
        fixed(run.process.wallSeconds, 2),
        fixed(run.process.cpuSeconds, 2),
        fixed(run.process.maxRssMb, 0),
        thousands(run.metrics.servedPriority),
        thousands(run.metrics.visits),
        thousands(run.metrics.travel),
        travelShare(run, tier.vroomX0),
        ...(withX5 ? [travelShare(run, tier.vroomX5)] : []),
        String(run.metrics.violations.length),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  lines.push(
    '',
    "VROOM's RSS is sampled every 20 ms from /proc (VmHWM); ours is the process's own peak. Metrics are recomputed from the instance and the routes' steps.",
  );
  return lines.join('\n');
}
