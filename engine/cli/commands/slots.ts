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
import { parsePositiveInteger } from '../options.ts';
import type { Slot, SlotRequest, Visit } from '../../src/field-service/types.ts';
import type { ErrorOutput } from '../../src/types.ts';

/** `tournee slots`: the cheapest (day, arrival window, technician) slots for a customer on the phone (`proposeSlots`). */

export interface SlotsConfig extends FieldServiceSettings {
  /** How many slots (overrides the file's `count`). */
  readonly count: number | undefined;
}

export type SlotsOutput = { readonly code: 0; readonly slots: readonly Slot[] } | ErrorOutput;

export const slotsCommand = defineCommand({
  name: 'slots',
  declare: (command) =>
    withFieldServiceIo(
      command.description('propose the best (day, arrival window, technician) slots for a customer on the phone, ranked by added cost'),
      '{problem, plan, visit, state?, count?, windowLength?, windowStep?}',
    )
      .option('--count <n>', "how many slots (positive integer; default the file's count, else 5)", parsePositiveInteger)
      .addHelpText('after', '\nExample:\n  tournee slots -i engine/examples/slots.json --count 3 --pretty'),

  configure: (options: FieldServiceOptions & { count?: number }): SlotsConfig => ({ ...fieldServiceSettings(options), count: options.count }),

  run: async (config, io): Promise<SlotsOutput> => {
    const parsed = await readJsonDocument(config.input, io, 'the slots input');
    if (!parsed.ok) return parsed.output;
    const loaded = await loadFieldService(config);
    if (!loaded.ok) return loaded.output;
    const { fs, travelMatrix } = loaded.tools;
    try {
      const value = parsed.value;
      if (!isObject(value)) throw new CliInputError('must be an object with problem, plan and visit');
      const problem = required(value, 'problem', 'the field-service problem');
      const plan = planOf(required(value, 'plan', 'the current plan, as `tournee plan` writes it'));
      const visit = required(value, 'visit', 'the visit to book');
      const request: SlotRequest = {
        ...(value as Partial<SlotRequest>),
        visit: visit as Visit,
        ...(config.count !== undefined ? { count: config.count } : {}),
      };
      const matrix = await travelMatrix(problem, value.state, visit);
      return { code: 0, slots: fs.proposeSlots(problem, plan, request, matrix ? { travelMatrix: matrix } : {}) };
    } catch (error) {
      return errorOutput(error);
    }
  },
});
