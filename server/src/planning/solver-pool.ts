// A few worker threads that run engine solves and field-service plans, so long
// runs never block the event loop (see solve-thread.ts). Threads start on
// first use and are kept for the next task; idle ones do not keep the process
// alive.
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

export interface SolverPoolOptions {
  /** Threads solving at once; 0 solves on the calling thread (blocking it). Default 1. */
  readonly threads?: number;
}

const BOOTSTRAP = new URL('./solve-thread-bootstrap.mjs', import.meta.url);
const ENTRY = new URL('./solve-thread.ts', import.meta.url).href;

interface Slot {
  worker: Worker;
  busy: boolean;
}

export function createSolverPool(options: SolverPoolOptions = {}): SolverPool {
  const size = options.threads ?? 1;
  const slots: Slot[] = [];
  const waiting: (() => void)[] = [];
  let nextId = 1;
  let closed = false;

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

  const acquire = async (): Promise<Slot> => {
    for (;;) {
      if (closed) throw new Error('the solver pool is closed');
      const idle = slots.find((s) => !s.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (slots.length < size) {
        const slot: Slot = { worker: new Worker(BOOTSTRAP, { workerData: { entry: ENTRY } }), busy: true };
        slots.push(slot);
        return slot;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };

  const release = (slot: Slot): void => {
    slot.busy = false;
    slot.worker.unref();
    waiting.shift()?.();
  };

  const drop = (slot: Slot): void => {
    slots.splice(slots.indexOf(slot), 1);
    void slot.worker.terminate();
    waiting.shift()?.();
  };

  const run = async <T>(build: (id: number) => SolveRequest, onProgress: ((p: Progress) => void) | undefined, read: (m: SolveMessage) => T | undefined): Promise<T> => {
      const slot = await acquire();
      const id = nextId++;
      slot.worker.ref();
      return new Promise<T>((resolve, reject) => {
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
  };

  return {
    solve: (task) =>
      run(
        (id) => ({
          kind: 'solve',
          id,
          input: task.input,
          seed: task.seed,
          ...(task.timeLimitMs !== undefined ? { timeLimitMs: task.timeLimitMs } : {}),
          ...(task.maxIterations !== undefined ? { maxIterations: task.maxIterations } : {}),
        }),
        task.onProgress,
        (m) => (m.type === 'done' ? m.output : undefined),
      ),
    plan: (task) => run((id) => ({ kind: 'plan', id, ...task }), undefined, (m) => (m.type === 'planned' ? m.outcome : undefined)),
    async close() {
      closed = true;
      for (const resolve of waiting.splice(0)) resolve();
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}
