// A few worker threads that run engine solves and field-service plans, so long
// runs never block the event loop (see solve-thread.ts), in lanes that do not
// wait for each other: planning runs, small ad-hoc solves and large ones
// (issue 11, finding 2: one 10,000-job solve held the only thread while a
// one-job solve waited a minute). Threads start on first use and are kept for
// the next task; idle ones do not keep the process alive.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  type FieldServicePlan,
  type FieldServiceProblem,
  type Input,
  type Output,
  planFieldService,
  type Progress,
  type RealtimeState,
  solve,
  type TravelMatrix,
} from '../../../engine/src/index.ts';

export interface SolveTask {
  readonly input: unknown;
  readonly seed: number;
  readonly timeLimitMs?: number;
  readonly maxIterations?: number;
  readonly onProgress?: (progress: Progress) => void;
}

/** A field-service problem to plan with `planFieldService`. */
export interface PlanTask {
  readonly problem: FieldServiceProblem;
  readonly state?: RealtimeState;
  readonly seed: number;
  readonly timeLimitMs?: number;
  readonly maxIterations?: number;
  readonly travelMatrix?: TravelMatrix;
}

export type SolveRequest =
  | {
      readonly kind: 'solve';
      readonly id: number;
      readonly input: unknown;
      readonly seed: number;
      readonly timeLimitMs?: number;
      readonly maxIterations?: number;
      /** Searches side by side (the engine's solveInThreads); absent or 1: one, on the lane's thread. */
      readonly threads?: number;
    }
  | ({ readonly kind: 'plan'; readonly id: number } & PlanTask);

/** A plan's answer: the plan, or the engine's refusal (an InputError names the field). */
export type PlanOutcome =
  | { readonly ok: true; readonly plan: FieldServicePlan; readonly solvingMs: number }
  | { readonly ok: false; readonly inputError: boolean; readonly message: string };

export type SolveMessage =
  | { readonly id: number; readonly type: 'progress'; readonly progress: Progress }
  | { readonly id: number; readonly type: 'done'; readonly output: Output }
  | { readonly id: number; readonly type: 'planned'; readonly outcome: PlanOutcome };

export interface SolverPool {
  solve(task: SolveTask): Promise<Output>;
  /** `planFieldService` off the event loop. */
  plan(task: PlanTask): Promise<PlanOutcome>;
  close(): Promise<void>;
}

/** Runs `planFieldService` and turns its errors into an outcome (what a thread posts back). */
export function planOutcome(task: PlanTask): PlanOutcome {
  const started = performance.now();
  try {
    const plan = planFieldService(task.problem, {
      seed: task.seed,
      ...(task.state ? { state: task.state } : {}),
      ...(task.timeLimitMs !== undefined ? { timeLimitMs: task.timeLimitMs, clock: () => performance.now() } : {}),
      ...(task.maxIterations !== undefined ? { maxIterations: task.maxIterations } : {}),
      ...(task.travelMatrix ? { travelMatrix: task.travelMatrix } : {}),
    });
    return { ok: true, plan, solvingMs: Math.round(performance.now() - started) };
  } catch (error) {
    const inputError = error instanceof Error && error.name === 'InputError';
    return { ok: false, inputError, message: error instanceof Error ? error.message : String(error) };
  }
}

export interface LaneOptions {
  /** Threads solving at once in this lane. */
  readonly threads: number;
  /** Solves that may wait for a thread; one more is refused (SolverBusyError). Infinity: never refused. */
  readonly maxQueued: number;
}

export interface SolverPoolOptions {
  /** Threads running planning runs (`plan`); 0 solves everything on the calling thread (blocking it, tests only). Default 1. */
  readonly threads?: number;
  /**
   * Ad-hoc solves (`solve`, POST /api/optimization) run apart from planning
   * runs, in two lanes of their own: small problems (at most `quickMaxJobs`
   * jobs and shipments) in `quick`, the rest in `adHoc`, so that a one-job
   * solve never waits behind a 10,000-job one, and neither waits behind a
   * planning run. Each lane's queue is bounded: a full one refuses at once
   * (the route answers 503 with Retry-After) instead of piling up requests.
   */
  readonly adHoc?: LaneOptions;
  readonly quick?: LaneOptions;
  readonly quickMaxJobs?: number;
  /**
   * Searches a large solve runs side by side when nothing else is solving
   * (issue 14: one thread per solve by default, more only when the pool is
   * idle, since on 2 cores two searches beat one at equal time on 900+
   * visits). Default: 2, or 1 on a one-core machine.
   */
  readonly threadsWhenIdle?: number;
}

export const DEFAULT_AD_HOC_LANE: LaneOptions = { threads: 1, maxQueued: 2 };
export const DEFAULT_QUICK_LANE: LaneOptions = { threads: 1, maxQueued: 8 };
export const DEFAULT_QUICK_MAX_JOBS = 200;

/** A lane's threads are busy and its queue is full: try again after `retryAfterSeconds`. */
export class SolverBusyError extends Error {
  override readonly name = 'SolverBusyError';
  constructor(
    readonly lane: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`the solver is busy (${lane} solves): try again in ${retryAfterSeconds} s`);
  }
}

const BOOTSTRAP = new URL('./solve-thread-bootstrap.mjs', import.meta.url);
const ENTRY = new URL('./solve-thread.ts', import.meta.url).href;

/** Jobs and shipments of a VROOM problem (what decides its lane). */
export function problemSize(input: unknown): number {
  const count = (key: string) => {
    const list = (input as Record<string, unknown> | null)?.[key];
    return Array.isArray(list) ? list.length : 0;
  };
  return count('jobs') + count('shipments');
}

/** Searches for one ad-hoc solve: several only for a large problem in an otherwise idle pool. */
export function searchesFor(
  size: number,
  poolIdle: boolean,
  { quickMaxJobs = DEFAULT_QUICK_MAX_JOBS, threadsWhenIdle = defaultThreadsWhenIdle() }: Pick<SolverPoolOptions, 'quickMaxJobs' | 'threadsWhenIdle'> = {},
): number {
  return poolIdle && size > quickMaxJobs ? Math.max(1, threadsWhenIdle) : 1;
}

const defaultThreadsWhenIdle = () => Math.min(2, availableParallelism());

export function createSolverPool(options: SolverPoolOptions = {}): SolverPool {
  const size = options.threads ?? 1;
  if (size <= 0) {
    return {
      solve: async (task) =>
        solve(task.input as Input, {
          seed: task.seed,
          ...(task.timeLimitMs !== undefined ? { timeLimitMs: task.timeLimitMs } : {}),
          ...(task.maxIterations !== undefined ? { maxIterations: task.maxIterations } : {}),
          clock: () => performance.now(),
          ...(task.onProgress ? { onProgress: task.onProgress } : {}),
        }),
      plan: async (task) => planOutcome(task),
      close: async () => {},
    };
  }

  const planning = createLane('planning', { threads: size, maxQueued: Infinity });
  const adHoc = createLane('large', options.adHoc ?? DEFAULT_AD_HOC_LANE);
  const quick = createLane('small', options.quick ?? DEFAULT_QUICK_LANE);
  const quickMaxJobs = options.quickMaxJobs ?? DEFAULT_QUICK_MAX_JOBS;

  const lanes = [planning, adHoc, quick];
  return {
    solve: (task) => {
      const size = problemSize(task.input);
      const threads = searchesFor(
        size,
        lanes.every((lane) => lane.idle()),
        options,
      );
      return (size <= quickMaxJobs ? quick : adHoc).run(
        (id) => ({
          kind: 'solve',
          id,
          input: task.input,
          seed: task.seed,
          ...(task.timeLimitMs !== undefined ? { timeLimitMs: task.timeLimitMs } : {}),
          ...(task.maxIterations !== undefined ? { maxIterations: task.maxIterations } : {}),
          ...(threads > 1 ? { threads } : {}),
        }),
        task.timeLimitMs,
        task.onProgress,
        (m) => (m.type === 'done' ? m.output : undefined),
      );
    },
    plan: (task) =>
      planning.run(
        (id) => ({ kind: 'plan', id, ...task }),
        task.timeLimitMs,
        undefined,
        (m) => (m.type === 'planned' ? m.outcome : undefined),
      ),
    async close() {
      await Promise.all([planning.close(), adHoc.close(), quick.close()]);
    },
  };
}

interface Slot {
  worker: Worker;
  busy: boolean;
  /** When the task in hand should be done (performance.now() ms), for Retry-After. */
  dueAt: number;
}

interface Waiter {
  readonly budgetMs: number;
  readonly wake: () => void;
}

/** Unknown budgets (no time limit) are counted as this long when estimating a wait. */
const UNKNOWN_BUDGET_MS = 30_000;

interface Lane {
  /** Nothing running nor waiting. */
  idle(): boolean;
  run<T>(
    build: (id: number) => SolveRequest,
    budgetMs: number | undefined,
    onProgress: ((p: Progress) => void) | undefined,
    read: (m: SolveMessage) => T | undefined,
  ): Promise<T>;
  close(): Promise<void>;
}

/** Threads that start on first use and are kept for the next task; idle ones do not keep the process alive. */
function createLane(name: string, { threads, maxQueued }: LaneOptions): Lane {
  const slots: Slot[] = [];
  const waiting: Waiter[] = [];
  let nextId = 1;
  let closed = false;

  /** Seconds until a queued solve would start: the earliest thread free, then the queue ahead shared by the threads. */
  const retryAfterSeconds = (): number => {
    const now = performance.now();
    const free = Math.min(...slots.map((s) => Math.max(0, s.dueAt - now)));
    const queued = waiting.reduce((sum, w) => sum + w.budgetMs, 0) / Math.max(1, threads);
    return Math.max(1, Math.ceil((free + queued) / 1000));
  };

  const acquire = async (budgetMs: number): Promise<Slot> => {
    for (let waited = false; ; waited = true) {
      if (closed) throw new Error('the solver pool is closed');
      const idle = slots.find((s) => !s.busy);
      const slot = idle ?? (slots.length < threads ? newSlot() : undefined);
      if (slot) {
        slot.busy = true;
        slot.dueAt = performance.now() + budgetMs;
        return slot;
      }
      // A woken waiter goes back to the head of the queue; a newcomer is refused when it is full.
      if (!waited && waiting.length >= maxQueued) throw new SolverBusyError(name, retryAfterSeconds());
      await new Promise<void>((wake) => (waited ? waiting.unshift({ budgetMs, wake }) : waiting.push({ budgetMs, wake })));
    }
  };

  const newSlot = (): Slot => {
    const slot: Slot = { worker: new Worker(BOOTSTRAP, { workerData: { entry: ENTRY } }), busy: false, dueAt: 0 };
    slots.push(slot);
    return slot;
  };

  const release = (slot: Slot): void => {
    slot.busy = false;
    slot.worker.unref();
    waiting.shift()?.wake();
  };

  const drop = (slot: Slot): void => {
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1); // close() may have taken it already
    void slot.worker.terminate();
    waiting.shift()?.wake();
  };

  return {
    idle: () => waiting.length === 0 && slots.every((s) => !s.busy),
    async run(build, budgetMs, onProgress, read) {
      const slot = await acquire(budgetMs ?? UNKNOWN_BUDGET_MS);
      const id = nextId++;
      slot.worker.ref();
      return new Promise((resolve, reject) => {
        const onMessage = (message: SolveMessage) => {
          if (message.id !== id) return;
          if (message.type === 'progress') {
            onProgress?.(message.progress);
            return;
          }
          const answer = read(message);
          if (answer === undefined) return;
          cleanup();
          release(slot);
          resolve(answer);
        };
        const onError = (error: Error) => {
          cleanup();
          drop(slot);
          reject(error);
        };
        const onExit = (code: number) => onError(new Error(`solver thread exited with code ${code}`));
        const cleanup = () => {
          slot.worker.off('message', onMessage);
          slot.worker.off('error', onError);
          slot.worker.off('exit', onExit);
        };
        slot.worker.on('message', onMessage);
        slot.worker.on('error', onError);
        slot.worker.on('exit', onExit);
        slot.worker.postMessage(build(id));
      });
    },
    async close() {
      closed = true;
      for (const waiter of waiting.splice(0)) waiter.wake();
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}
