import { EngineError } from './errors.ts';
import { parseInput } from './input/validate.ts';
import { formatOutput } from './output/format-output.ts';
import { compileProblem } from './problem/compile.ts';
import { searchSolution } from './search/annealing.ts';
import type { Output, SolveOptions } from './types.ts';
import { StatusCode } from './types.ts';

/**
 * Solves a VROOM-format problem. Never throws: bad input gives code 2 with the
 * field's path and the reason, an unexpected failure code 1.
 */
export function solve(input: unknown, options: SolveOptions = {}): Output {
  try {
    return solveOrThrow(input, options);
  } catch (error) {
    if (error instanceof EngineError) return { code: error.code, error: error.message };
    return { code: StatusCode.internal, error: `internal error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Same as `solve`, but throws an EngineError instead of returning an error output. */
export function solveOrThrow(input: unknown, options: SolveOptions = {}) {
  const clock = options.clock;
  const t0 = clock ? clock() : 0;
  const problem = compileProblem(parseInput(input));
  const t1 = clock ? clock() : 0;
  const result = searchSolution(problem, {
    seed: options.seed ?? 1,
    maxIterations: options.maxIterations,
    timeLimitMs: options.timeLimitMs === undefined ? undefined : Math.max(0, options.timeLimitMs - (t1 - t0)),
    clock,
    onProgress: options.onProgress,
    exchange: options.exchange,
  });
  const t2 = clock ? clock() : 0;
  return formatOutput(problem, result.best, clock ? { loading: Math.round(t1 - t0), solving: Math.round(t2 - t1) } : undefined);
}
