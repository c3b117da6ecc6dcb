// A few worker threads that run engine solves, so long solves never block the
// event loop (see solve-thread.ts). Threads start on first use and are kept
// for the next solve; idle ones do not keep the process alive.
import { Worker } from 'node:worker_threads';
import { solve, type Input, type Output, type Progress } from '../../../engine/src/index.ts';

export interface SolveTask {
  readonly input: unknown;
  readonly seed: number;
  readonly timeLimitMs?: number;
  readonly maxIterations?: number;
  readonly onProgress?: (progress: Progress) => void;
}

export interface SolveRequest {
  readonly id: number;
  readonly input: unknown;
  readonly seed: number;
  readonly timeLimitMs?: number;
  readonly maxIterations?: number;
}

export type SolveMessage =
  | { readonly id: number; readonly type: 'progress'; readonly progress: Progress }
  | { readonly id: number; readonly type: 'done'; readonly output: Output };

export interface SolverPool {
  solve(task: SolveTask): Promise<Output>;
  close(): Promise<void>;
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

  return {
    async solve(task) {
      const slot = await acquire();
      const id = nextId++;
      slot.worker.ref();
      return new Promise<Output>((resolve, reject) => {
        const onMessage = (message: SolveMessage) => {
          if (message.id !== id) return;
          if (message.type === 'progress') {
            task.onProgress?.(message.progress);
            return;
          }
          cleanup();
          release(slot);
          resolve(message.output);
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
        const request: SolveRequest = {
          id,
          input: task.input,
          seed: task.seed,
          ...(task.timeLimitMs !== undefined ? { timeLimitMs: task.timeLimitMs } : {}),
          ...(task.maxIterations !== undefined ? { maxIterations: task.maxIterations } : {}),
        };
        slot.worker.postMessage(request);
      });
    },
    async close() {
      closed = true;
      for (const resolve of waiting.splice(0)) resolve();
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}
