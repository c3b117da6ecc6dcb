import { errorOutput } from '../answer.ts';
import { defineCommand } from '../command.ts';
import { searchBudget } from '../deadline.ts';
import {
  fieldServiceSettings,
  isObject,
  loadFieldService,
  planOf,
  withFieldServiceIo,
  type FieldServiceOptions,
  type FieldServiceSettings,
} from '../field-service.ts';
import { readJsonDocument } from '../json-input.ts';
import { withSearch, type SearchOptions } from '../options.ts';
import type { FieldServicePlan } from '../../src/field-service/types.ts';
import type { ErrorOutput } from '../../src/types.ts';

/**
 * `tournee plan`: a field-service problem in, the plan out (`planFieldService`); with
 * `{problem, state, plan?}` in, the day under way re-planned from now (`replanFromNow`).
 * `-l` counts from the process's start, as for `solve`.
 */

export interface PlanConfig extends FieldServiceSettings {
  readonly timeLimitMs: number;
  readonly seed: number;
  readonly maxIterations: number | undefined;
}

export type PlanOutput = ({ readonly code: 0 } & FieldServicePlan) | ErrorOutput;

export const planCommand = defineCommand({
  name: 'plan',
  declare: (command) =>
    withSearch(
      withFieldServiceIo(
        command.description(
          'plan technicians and visits over the horizon (field-service format); with {problem, state, plan?} in, re-plan from now, keeping facts, pins and the published plan',
        ),
        'a field-service problem, or {problem, state, plan?}',
      ),
      'time limit in seconds, counted from the start of the process (reading the input included)',
    ).addHelpText('after', '\nExample:\n  tournee plan -i engine/examples/plan.json -o plan-out.json --seed 1 -l 2 --pretty'),

  configure: (options: FieldServiceOptions & SearchOptions): PlanConfig => ({
    ...fieldServiceSettings(options),
    timeLimitMs: options.limit * 1000,
    seed: options.seed,
    maxIterations: options.iterations,
  }),

  run: async (config, io): Promise<PlanOutput> => {
    const parsed = await readJsonDocument(config.input, io, 'the plan input');
    if (!parsed.ok) return parsed.output;
    const loaded = await loadFieldService(config);
    if (!loaded.ok) return loaded.output;
    const { fs, travelMatrix } = loaded.tools;
    try {
      const value = parsed.value;
      // A bare problem plans from scratch; {problem, state, plan?} re-plans the day under way.
      const rePlan = isObject(value) && value.problem !== undefined;
      const problem = rePlan ? value.problem : value;
      const state = rePlan ? value.state : undefined;
      const published = rePlan && value.plan !== undefined ? planOf(value.plan) : undefined;
      const matrix = await travelMatrix(problem, state);
      // Asked for after the input is read and the matrix fetched: both count against the limit.
      const options = {
        seed: config.seed,
        ...(config.maxIterations !== undefined ? { maxIterations: config.maxIterations } : {}),
        ...searchBudget(config.timeLimitMs),
        ...(matrix ? { travelMatrix: matrix } : {}),
      };
      if (state === undefined) return { code: 0, ...fs.planFieldService(problem, options) };
      return { code: 0, ...fs.replanFromNow(problem, published, state, options) };
    } catch (error) {
      return errorOutput(error);
    }
  },
});
