import { InvalidArgumentError } from 'commander';
import { errorOutput } from '../answer.ts';
import { defineCommand } from '../command.ts';
import { fieldServiceSettings, isObject, loadFieldService, withFieldServiceIo, type FieldServiceOptions, type FieldServiceSettings } from '../field-service.ts';
import { readJsonDocument } from '../json-input.ts';
import type { CapacityOptions, CapacityReport } from '../../src/field-service/types.ts';
import type { ErrorOutput } from '../../src/types.ts';

/**
 * `tournee capacity`: the questions before the week starts, answered without routing
 * (`planCapacity`): the most priority the current technicians could serve (an LP bound), and
 * how many technician-days of which skill profiles would serve every visit (an LP, rounded up).
 * With `{problem, state}` in, the bound is for the rest of the day under way.
 */

export interface CapacityConfig extends FieldServiceSettings {
  readonly hoursPerTechnicianDay: number | undefined;
  readonly utilisation: number | undefined;
  readonly days: readonly number[] | undefined;
}

export type CapacityOutput = ({ readonly code: 0 } & CapacityReport) | ErrorOutput;

/** Plain decimal notation only (Number('') is 0, Number('0x10') is 16). */
function decimal(value: string): number {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN;
}

export function parseHours(value: string): number {
  const h = decimal(value);
  if (!(h > 0 && h <= 24)) throw new InvalidArgumentError('expected a number of hours above 0 and at most 24.');
  return h;
}

export function parseShare(value: string): number {
  const u = decimal(value);
  if (!(u > 0 && u <= 1)) throw new InvalidArgumentError('expected a share above 0 and at most 1, e.g. 0.85.');
  return u;
}

export function parseDays(value: string): number[] {
  const days = value.split(',').map((d) => decimal(d));
  if (days.length === 0 || days.some((d) => !Number.isSafeInteger(d) || d < 0)) {
    throw new InvalidArgumentError('expected day numbers separated by commas, e.g. 0,1,2,3,4.');
  }
  return days;
}

interface CapacityCliOptions extends FieldServiceOptions {
  hours?: number;
  utilisation?: number;
  days?: number[];
}

export const capacityCommand = defineCommand({
  name: 'capacity',
  declare: (command) =>
    withFieldServiceIo(
      command.description(
        'bound the priority any plan can serve with the current technicians, and count the technician-days, by skill profile and day, that would serve every visit (linear programs, no routing)',
      ),
      'a field-service problem, or {problem, state}',
    )
      .option('--hours <h>', "work hours of one technician-day for the what-if (default: the median of the problem's days)", parseHours)
      .option('--utilisation <share>', 'share of those hours filled with service and travel (default 0.85)', parseShare)
      .option('--days <list>', 'days on which technician-days may be added, e.g. 0,1,2,3,4 (default: the days with shifts)', parseDays)
      .addHelpText('after', '\nExample:\n  tournee capacity -i engine/examples/capacity.json --pretty'),

  configure: (options: CapacityCliOptions): CapacityConfig => ({
    ...fieldServiceSettings(options),
    hoursPerTechnicianDay: options.hours,
    utilisation: options.utilisation,
    days: options.days,
  }),

  run: async (config, io): Promise<CapacityOutput> => {
    const parsed = await readJsonDocument(config.input, io, 'the capacity input');
    if (!parsed.ok) return parsed.output;
    const loaded = await loadFieldService(config);
    if (!loaded.ok) return loaded.output;
    const { fs, travelMatrix } = loaded.tools;
    try {
      const value = parsed.value;
      const withState = isObject(value) && value.problem !== undefined;
      const problem = withState ? value.problem : value;
      const state = withState ? value.state : undefined;
      const matrix = await travelMatrix(problem, state);
      const options: CapacityOptions = {
        ...(state !== undefined ? { state: state as CapacityOptions['state'] } : {}),
        ...(matrix ? { travelMatrix: matrix } : {}),
        ...(config.hoursPerTechnicianDay !== undefined ? { hoursPerTechnicianDay: config.hoursPerTechnicianDay } : {}),
        ...(config.utilisation !== undefined ? { utilisation: config.utilisation } : {}),
        ...(config.days !== undefined ? { days: config.days } : {}),
      };
      return { code: 0, ...fs.planCapacity(problem, options) };
    } catch (error) {
      return errorOutput(error);
    }
  },
});
