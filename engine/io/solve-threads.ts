import { isMainThread, MessageChannel, type MessagePort, parentPort, receiveMessageOnPort, Worker, workerData } from 'node:worker_threads';
import { solve } from '../src/solve.ts';
import type { BestSolutionExchange, Output, SharedSolution, SolveOptions } from '../src/types.ts';

/**
 * `solve` on several threads: each thread runs the whole search from its own seed (seed, seed + 1, …)
 * until the same deadline, and the best answer wins — most served priority, then most jobs served,
 * then least cost, VROOM's objective. With a time limit the searches also share their best
 * solutions as they go (a port between each pair of threads, polled every few iterations): a
 * search that falls behind goes on from the best one found so far, with its own random choices, so
 * N threads explore around one best instead of N independent ones. Measured on 2 cores
 * (benchmarks/RESULTS.md, "Threads"): independent searches were no better than one. Counted in
 * iterations, the searches stay independent, so the answer is the same from run to run.
 * With fewer cores than threads the searches share them and each gets less done.
 *
 * This lives in engine/io, beside the OSRM client, because threads are I/O for the engine: the
 * search itself stays single-threaded and pure. Each thread parses the input text itself, so the
 * text is copied to each (a 1,500-place problem is 30 MB: tens of milliseconds) instead of a parsed
 * object being cloned.
 */
export interface ThreadedSolveOptions {
  readonly threads: number;
  readonly seed?: number;
  readonly maxIterations?: number;
  /** Milliseconds left, counted from now; the same deadline for every thread. */
  readonly timeLimitMs?: number;
}

/** Message a solving thread receives. */
interface WorkerTask {
  readonly kind: 'tournee-solve';
  readonly inputText: string;
  readonly seed: number;
  readonly maxIterations?: number;
  /** Absolute deadline in milliseconds since the epoch (performance.timeOrigin + performance.now()). */
  readonly deadline?: number;
  /** Ports to each other search's thread, when they share their best solutions. */
  readonly peers?: readonly MessagePort[];
}

const epochNow = (): number => performance.timeOrigin + performance.now();

export async function solveInThreads(inputText: string, options: ThreadedSolveOptions): Promise<Output> {
  const threads = Math.max(1, Math.floor(options.threads));
  const seed = options.seed ?? 1;
  const deadline = options.timeLimitMs === undefined ? undefined : epochNow() + options.timeLimitMs;
  const peers = deadline !== undefined && threads > 1 ? portMesh(threads) : undefined;
  const task = (k: number): WorkerTask => ({
    kind: 'tournee-solve',
    inputText,
    seed: seed + k,
    ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
    ...(deadline !== undefined ? { deadline } : {}),
    ...(peers ? { peers: peers[k]! } : {}),
  });
  // Threads 1..N-1 start first, so that they parse while this thread does too.
  const others = Array.from({ length: threads - 1 }, (_, k) => runInWorker(task(k + 1)));
  const own = solveTask(task(0));
  for (const port of peers?.[0] ?? []) port.close();
  const answers = [own, ...(await Promise.all(others))];
  return answers.reduce((best, answer) => (better(answer, best) ? answer : best));
}

/** A message channel between each pair of threads: `mesh[k]` holds thread k's ends. */
function portMesh(threads: number): MessagePort[][] {
  const mesh: MessagePort[][] = Array.from({ length: threads }, () => []);
  for (let a = 0; a < threads; a++) {
    for (let b = a + 1; b < threads; b++) {
      const channel = new MessageChannel();
      mesh[a]!.push(channel.port1);
      mesh[b]!.push(channel.port2);
    }
  }
  return mesh;
}

/**
 * The search's side of the sharing: a new best is posted to every other thread; `take` reads what
 * has arrived without waiting (the search runs synchronously, so nothing is delivered by events)
 * and keeps the best of it.
 */
export function portExchange(peers: readonly MessagePort[]): BestSolutionExchange {
  return {
    offer(best: SharedSolution): void {
      for (const port of peers) port.postMessage(best);
    },
    take(): SharedSolution | null {
      let found: SharedSolution | null = null;
      for (const port of peers) {
        for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
          const offered = message.message as SharedSolution;
          if (!found || ranksBefore(offered, found)) found = offered;
        }
      }
      return found;
    },
  };
}

function ranksBefore(a: SharedSolution, b: SharedSolution): boolean {
  if (a.unservedPriority !== b.unservedPriority) return a.unservedPriority < b.unservedPriority;
  if (a.unserved !== b.unserved) return a.unserved < b.unserved;
  return a.cost < b.cost;
}

/** True when `a` is better than `b` by VROOM's objective; an error is never better than an answer. */
export function better(a: Output, b: Output): boolean {
  if (a.code !== 0) return false;
  if (b.code !== 0) return true;
  const sa = a.summary;
  const sb = b.summary;
  if (sa.priority !== sb.priority) return sa.priority > sb.priority;
  if (sa.unassigned !== sb.unassigned) return sa.unassigned < sb.unassigned;
  return sa.cost < sb.cost;
}

function solveTask(task: WorkerTask): Output {
  let input: unknown;
  try {
    input = JSON.parse(task.inputText);
  } catch (error) {
    return { code: 2, error: `input is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const options: SolveOptions = {
    seed: task.seed,
    ...(task.maxIterations !== undefined ? { maxIterations: task.maxIterations } : {}),
    ...(task.deadline !== undefined ? { timeLimitMs: Math.max(0, task.deadline - epochNow()), clock: epochNow } : {}),
    ...(task.peers ? { exchange: portExchange(task.peers) } : {}),
  };
  return solve(input, options);
}

/**
 * Runs one task in a new thread on this very module: under the compiled CLI that is the bundle,
 * under tsx the TypeScript file, which needs tsx's loader registered in the thread first.
 */
function runInWorker(task: WorkerTask): Promise<Output> {
  const self = import.meta.url;
  const load = self.endsWith('.ts')
    ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(self)}); })`
    : `import(${JSON.stringify(self)})`;
  // The module's exports are asked for by name: a bundler may evaluate this module lazily, so a
  // top-level "if in a worker" would never run in the bundle (the CLI's bundle re-exports it).
  const bootstrap = `${load}.then((module) => module.runSolveWorker())`;
  return new Promise((resolve) => {
    const worker = new Worker(
      `${bootstrap}.catch((error) => { require('node:worker_threads').parentPort.postMessage({ code: 1, error: 'internal: cannot start a solving thread: ' + error.message }); });`,
      {
        eval: true,
        workerData: task,
        transferList: task.peers ? [...task.peers] : [],
      },
    );
    let settled = false;
    const settle = (output: Output): void => {
      if (settled) return;
      settled = true;
      resolve(output);
      void worker.terminate();
    };
    worker.once('message', (output: Output) => settle(output));
    worker.once('error', (error) => settle({ code: 1, error: `internal: solving thread failed: ${error.message}` }));
    worker.once('exit', (code) => settle({ code: 1, error: `internal: solving thread exited with code ${code}` }));
  });
}

/** The body of a solving thread: answers the task it was given. */
export function runSolveWorker(): void {
  if (isMainThread || (workerData as Partial<WorkerTask> | null)?.kind !== 'tournee-solve') {
    throw new Error('runSolveWorker runs only in a thread started by solveInThreads');
  }
  const task = workerData as WorkerTask;
  const output = solveTask(task);
  for (const port of task.peers ?? []) port.close();
  parentPort?.postMessage(output);
}
