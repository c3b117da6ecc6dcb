// Runs engine solves and field-service plans off the main thread: both are
// synchronous and a planning run may take a minute, which would freeze the
// server's sockets and BullMQ's lock renewals. Messages: SolveRequest in,
// SolveMessage out.
import { parentPort } from 'node:worker_threads';
import { solveInThreads } from '../../../engine/io/solve-threads.ts';
import { solve } from '../../../engine/src/index.ts';
import { planOutcome, type SolveMessage, type SolveRequest } from './solver-pool.ts';

const port = parentPort;
if (!port) throw new Error('solve-thread.ts runs as a worker thread');

port.on('message', (request: SolveRequest) => {
  const post = (message: SolveMessage) => port.postMessage(message);
  if (request.kind === 'plan') {
    const { kind: _, id, ...task } = request;
    post({ id, type: 'planned', outcome: planOutcome(task) });
    return;
  }
  if (request.threads !== undefined && request.threads > 1) {
    // Several searches side by side, the best kept (engine/io/solve-threads.ts); no progress from them.
    void solveInThreads(JSON.stringify(request.input), {
      threads: request.threads,
      seed: request.seed,
      ...(request.timeLimitMs !== undefined ? { timeLimitMs: request.timeLimitMs } : {}),
      ...(request.maxIterations !== undefined ? { maxIterations: request.maxIterations } : {}),
    }).then(
      (output) => post({ id: request.id, type: 'done', output }),
      (error: unknown) =>
        post({ id: request.id, type: 'done', output: { code: 1, error: `internal: ${error instanceof Error ? error.message : String(error)}` } }),
    );
    return;
  }
  const output = solve(request.input, {
    seed: request.seed,
    ...(request.timeLimitMs !== undefined ? { timeLimitMs: request.timeLimitMs } : {}),
    ...(request.maxIterations !== undefined ? { maxIterations: request.maxIterations } : {}),
    clock: () => performance.now(),
    onProgress: (progress) => post({ id: request.id, type: 'progress', progress }),
  });
  post({ id: request.id, type: 'done', output });
});
