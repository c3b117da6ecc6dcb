import { errorMessage } from '../answer.ts';
import { defineCommand } from '../command.ts';
import { searchBudget } from '../deadline.ts';
import { fileOption } from '../io.ts';
import { readJsonDocument } from '../json-input.ts';
import { parsePositiveInteger, withIo, withSearch, type IoOptions, type SearchOptions } from '../options.ts';
import { progressLine } from '../progress.ts';
import type { Output, SolveOptions } from '../../src/types.ts';

/**
 * `tournee solve` behaves like the `vroom` binary: VROOM JSON in, VROOM JSON out, exit status = the
 * output's code. `-l` counts from the process's start (deadline.ts), as a caller timing the command sees it.
 */

export interface SolveConfig {
  /** Input file; undefined reads stdin. */
  readonly input: string | undefined;
  /** Output file; undefined writes stdout. */
  readonly output: string | undefined;
  readonly timeLimitMs: number;
  readonly seed: number;
  readonly maxIterations: number | undefined;
  readonly pretty: boolean;
  /** Searches run side by side on worker threads, the best answer kept (1: this thread only). */
  readonly threads: number;
}

type SolveFn = (input: unknown, options?: SolveOptions) => Output;

export const solveCommand = defineCommand({
  name: 'solve',
  declare: (command) =>
    withSearch(
      withIo(
        command.description('solve a vehicle routing problem given in VROOM JSON; the exit status is the output code (0 ok, 1 internal, 2 input, 3 routing)'),
        'the problem',
      ),
      'time limit in seconds, counted from the start of the process (reading the input included)',
    )
      .option(
        '--threads <n>',
        'searches run side by side on worker threads from seeds seed, seed+1, …; the best answer is kept (one per core helps)',
        parsePositiveInteger,
        1,
      )
      .addHelpText('after', '\nExample:\n  tournee solve -i problem.json -o solution.json -l 2'),

  configure: (options: IoOptions & SearchOptions & { threads: number }): SolveConfig => ({
    input: fileOption(options.input),
    output: fileOption(options.output),
    timeLimitMs: options.limit * 1000,
    seed: options.seed,
    maxIterations: options.iterations,
    pretty: options.pretty === true,
    threads: options.threads,
  }),

  run: async (config, io): Promise<Output> => {
    const parsed = await readJsonDocument(config.input, io, 'the problem');
    if (!parsed.ok) return parsed.output;

    // Loaded only now, so that usage errors and --help answer without loading the engine,
    // and so that a broken engine gives a code-1 output rather than a stack trace.
    let solve: SolveFn;
    try {
      ({ solve } = (await import('../../src/index.ts')) as { solve: SolveFn });
    } catch (error) {
      return { code: 1, error: `internal: cannot load the engine: ${errorMessage(error)}` };
    }

    if (config.threads > 1) {
      try {
        const { solveInThreads } = await import('../../io/solve-threads.ts');
        return await solveInThreads(JSON.stringify(parsed.value), {
          threads: config.threads,
          seed: config.seed,
          ...(config.maxIterations !== undefined ? { maxIterations: config.maxIterations } : {}),
          timeLimitMs: searchBudget(config.timeLimitMs).timeLimitMs,
        });
      } catch (error) {
        return { code: 1, error: `internal: ${errorMessage(error)}` };
      }
    }

    const progress = io.stderr.isTTY ? progressLine(io.stderr) : undefined;
    try {
      return solve(parsed.value, {
        seed: config.seed,
        ...(config.maxIterations !== undefined ? { maxIterations: config.maxIterations } : {}),
        ...searchBudget(config.timeLimitMs),
        ...(progress ? { onProgress: progress.report } : {}),
      });
    } catch (error) {
      // solve() promises never to throw; should it break that promise, the caller still gets VROOM's shape.
      return { code: 1, error: `internal: ${errorMessage(error)}` };
    } finally {
      progress?.clear();
    }
  },
});
