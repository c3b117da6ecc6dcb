import { Option } from 'commander';
import { CliInputError, errorOutput } from '../answer.ts';
import { defineCommand } from '../command.ts';
import {
  fieldServiceSettings,
  isObject,
  loadFieldService,
  planOf,
  required,
  withFieldServiceIo,
  type FieldServiceOptions,
  type FieldServiceSettings,
} from '../field-service.ts';
import { readJsonDocument } from '../json-input.ts';
import { DEFAULT_SEED, parseLimit, parsePositiveInteger, parseSeed } from '../options.ts';
import type { FieldServicePlan, FieldServiceProblem, InsertionCandidate } from '../../src/field-service/types.ts';
import type { ErrorOutput } from '../../src/types.ts';

/**
 * `tournee insert`: an urgent visit in a day under way. Ranks the (technician, position) candidates
 * (`prepareInsertion`, `rankInsertions`); with `--apply`, inserts the chosen one and re-optimises the
 * day briefly (`applyInsertion`). Here `-l` bounds that re-optimisation only: a dispatcher is waiting.
 */

/** `insert --apply` re-optimises the day briefly. */
export const DEFAULT_APPLY_LIMIT_SECONDS = 1;

export interface InsertConfig extends FieldServiceSettings {
  /** Time limit of the re-optimisation after `--apply`. */
  readonly timeLimitMs: number;
  readonly seed: number;
  readonly maxIterations: number | undefined;
  /** Keep the best this many candidates (`--top`, overrides the file's `limit`). */
  readonly limit: number | undefined;
  /** Rank (1 = best) of the candidate to apply; undefined ranks only. */
  readonly apply: number | undefined;
  /** Tours that may take the visit: the day under way, or every day from it on. */
  readonly days: 'today' | 'all';
}

export interface AppliedInsertion {
  readonly candidate: InsertionCandidate;
  /** The problem with the urgent visit added: the next call's `problem`. */
  readonly problem: FieldServiceProblem;
  readonly plan: FieldServicePlan;
}

export type InsertOutput = { readonly code: 0; readonly candidates: readonly InsertionCandidate[]; readonly applied?: AppliedInsertion } | ErrorOutput;

interface InsertOptions extends FieldServiceOptions {
  top?: number;
  apply?: number | true;
  days: 'today' | 'all';
  limit: number;
  seed: number;
  iterations?: number;
}

export const insertCommand = defineCommand({
  name: 'insert',
  declare: (command) =>
    withFieldServiceIo(
      command.description(
        'rank the (technician, position) candidates for an urgent visit in a day under way; with --apply, insert the chosen one and re-optimise the day briefly',
      ),
      '{problem, plan, state, visit, limit?}',
    )
      .option('--top <n>', "keep the best n candidates (positive integer; default the file's limit, else all)", parsePositiveInteger)
      .option('--apply [rank]', 'apply the candidate of this rank (1 = best, the default) and answer the new problem and plan', parsePositiveInteger)
      .addOption(new Option('--days <which>', 'tours that may take the visit').choices(['today', 'all']).default('today'))
      .option('-l, --limit <seconds>', 'time limit of the re-optimisation after --apply, in seconds', parseLimit, DEFAULT_APPLY_LIMIT_SECONDS)
      .option('--seed <n>', 'seed of the re-optimisation (integer)', parseSeed, DEFAULT_SEED)
      .option('--iterations <n>', "iterations of the re-optimisation (positive integer; default the engine's)", parsePositiveInteger)
      .addHelpText(
        'after',
        '\nExample:\n  tournee insert -i engine/examples/insert.json --top 3 --pretty\n  tournee insert -i engine/examples/insert.json --apply 1 -o after.json',
      ),

  configure: (options: InsertOptions): InsertConfig => ({
    ...fieldServiceSettings(options),
    timeLimitMs: options.limit * 1000,
    seed: options.seed,
    maxIterations: options.iterations,
    limit: options.top,
    apply: options.apply === true ? 1 : options.apply,
    days: options.days,
  }),

  run: async (config, io): Promise<InsertOutput> => {
    const parsed = await readJsonDocument(config.input, io, 'the insert input');
    if (!parsed.ok) return parsed.output;
    const loaded = await loadFieldService(config);
    if (!loaded.ok) return loaded.output;
    const { fs, travelMatrix } = loaded.tools;
    try {
      const value = parsed.value;
      if (!isObject(value)) throw new CliInputError('must be an object with problem, plan, state and visit');
      const problem = required(value, 'problem', 'the field-service problem');
      const plan = planOf(required(value, 'plan', 'the current plan, as `tournee plan` writes it'));
      const visit = required(value, 'visit', 'the urgent visit');
      const state = required(value, 'state', "the time now and the technicians' positions");
      const fileLimit = value.limit;
      if (fileLimit !== undefined && !(Number.isSafeInteger(fileLimit) && (fileLimit as number) > 0))
        throw new CliInputError('limit: must be a positive integer');

      const matrix = await travelMatrix(problem, state, visit);
      const extraVisits = matrix ? [fs.parseVisit(visit, fs.parseFieldServiceProblem(problem))] : [];
      const context = fs.prepareInsertion(problem, plan, state, { days: config.days, ...(matrix ? { travelMatrix: matrix, extraVisits } : {}) });
      const candidates = fs.rankInsertions(context, visit, config.limit ?? (fileLimit as number | undefined));
      if (config.apply === undefined) return { code: 0, candidates };

      const candidate = candidates[config.apply - 1];
      if (!candidate)
        throw new CliInputError(`--apply ${config.apply}: there ${candidates.length === 1 ? 'is 1 candidate' : `are ${candidates.length} candidates`}`);
      const applied = fs.applyInsertion(context, visit, candidate, {
        seed: config.seed,
        timeLimitMs: config.timeLimitMs,
        clock: () => performance.now(),
        ...(config.maxIterations !== undefined ? { maxIterations: config.maxIterations } : {}),
        ...(matrix ? { travelMatrix: matrix } : {}),
      });
      return { code: 0, candidates, applied: { candidate, problem: applied.problem, plan: applied.plan } };
    } catch (error) {
      return errorOutput(error);
    }
  },
});
