/**
 * Runs a solver as a child process and measures what a user would feel: wall
 * time of the whole process (start-up, parsing and writing included), CPU
 * seconds and peak resident memory.
 *
 * - A Node solver is started with `--import report-usage.mjs`, which writes
 *   the process's own `process.resourceUsage()` on exit: exact CPU and peak RSS
 *   (if it is killed, the peak RSS sampled as below stands in).
 * - Any other binary (VROOM) runs under bash's `time` builtin, exact for CPU;
 *   its peak RSS is sampled from /proc/<pid>/status `VmHWM` (the kernel's
 *   high-water mark) every 20 ms, so it can miss growth in the last 20 ms.
 *
 * A run taking longer than `killAfterSeconds` is killed (its whole process
 * group, which this module started) and reported as such.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export interface ProcessMeasure {
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** Killed for running past `killAfterSeconds`. */
  readonly killed: boolean;
  readonly wallSeconds: number;
  /** User + system; null when the process did not report it (crash, kill). */
  readonly cpuSeconds: number | null;
  readonly maxRssMb: number | null;
  /** Last 2,000 characters, for error messages. */
  readonly stderr: string;
}

export interface MeasureOptions {
  readonly killAfterSeconds: number;
}

const REPORT_USAGE = fileURLToPath(new URL('./report-usage.mjs', import.meta.url));
const SAMPLE_MS = 20;
const TIME_LINE = /^bench-cpu ([\d.]+) ([\d.]+)$/m;

interface RawRun {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly killed: boolean;
  readonly wallSeconds: number;
  readonly stderr: string;
  readonly sampledRssKb: number | null;
}

/**
 * Spawns `command` in its own process group, times it and optionally samples
 * the VmHWM of the process `sampledPid` returns (the child itself or one of its children).
 */
function runTimed(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: MeasureOptions,
  sampledPid?: (childPid: number) => number | undefined,
): Promise<RawRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, options.killAfterSeconds * 1000);
    let sampledRssKb: number | null = null;
    const sampler =
      sampledPid &&
      setInterval(() => {
        const pid = child.pid === undefined ? undefined : sampledPid(child.pid);
        const hwm = pid === undefined ? undefined : readVmHwmKb(pid);
        if (hwm !== undefined) sampledRssKb = Math.max(sampledRssKb ?? 0, hwm);
      }, SAMPLE_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      if (sampler) clearInterval(sampler);
      reject(new Error(`cannot start ${command}: ${error.message}`));
    });
    child.on('close', (exitCode, signal) => {
      const wallSeconds = (performance.now() - started) / 1000;
      clearTimeout(timer);
      if (sampler) clearInterval(sampler);
      resolve({ exitCode, signal, killed, wallSeconds, stderr, sampledRssKb });
    });
  });
}

function readVmHwmKb(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined; // gone between two samples
  }
}

/** The first child of `pid` (bash's child under `time`), from /proc. */
function firstChildPid(pid: number): number | undefined {
  try {
    const first = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0];
    return first ? Number(first) : undefined;
  } catch {
    return undefined;
  }
}

/** `node --import report-usage.mjs <script> <args>`: exact CPU and peak RSS from inside the process. */
export async function measureNode(script: string, args: readonly string[], options: MeasureOptions): Promise<ProcessMeasure> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-usage-'));
  const usageFile = join(dir, 'usage.json');
  try {
    const env = { ...process.env, BENCH_USAGE_FILE: usageFile };
    // Also sampled from /proc: a killed process writes no report, and its memory is then what matters most.
    const run = await runTimed(process.execPath, ['--import', REPORT_USAGE, script, ...args], env, options, (pid) => pid);
    let cpuSeconds: number | null = null;
    let maxRssMb: number | null = run.sampledRssKb === null ? null : run.sampledRssKb / 1024;
    try {
      const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number; userMicros: number; systemMicros: number };
      cpuSeconds = (usage.userMicros + usage.systemMicros) / 1e6;
      maxRssMb = usage.maxRssKb / 1024;
    } catch {
      // No report: the process was killed or crashed before its exit handlers; the figures stay unknown.
    }
    return { exitCode: run.exitCode, signal: run.signal, killed: run.killed, wallSeconds: run.wallSeconds, cpuSeconds, maxRssMb, stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Any executable under bash's `time` (exact CPU), with its peak RSS sampled from /proc. */
export async function measureBinary(binary: string, args: readonly string[], options: MeasureOptions): Promise<ProcessMeasure> {
  const script = 'TIMEFORMAT="bench-cpu %U %S"; time "$@"';
  const run = await runTimed('bash', ['-c', script, 'bash', binary, ...args], process.env, options, firstChildPid);
  const times = TIME_LINE.exec(run.stderr);
  return {
    exitCode: run.exitCode,
    signal: run.signal,
    killed: run.killed,
    wallSeconds: run.wallSeconds,
    cpuSeconds: times ? Number(times[1]) + Number(times[2]) : null,
    maxRssMb: run.sampledRssKb === null ? null : run.sampledRssKb / 1024,
    stderr: run.stderr.replace(TIME_LINE, '').trim(),
  };
}
