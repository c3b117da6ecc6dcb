import type { Command } from 'commander';
import { CliInputError, errorMessage } from './answer.ts';
import type { AnswerSettings } from './command.ts';
import { fileOption } from './io.ts';
import { withIo, withOsrm, type IoOptions, type OsrmOptions } from './options.ts';
import type { FieldServicePlan, TravelMatrix } from '../src/field-service/types.ts';
import type { ErrorOutput } from '../src/types.ts';

/**
 * What the field-service commands (plan, insert, slots…) share: their options, loading the
 * field-service layer, travel from OSRM, and the outline checks of the documents they read.
 */

export type FieldServiceModule = typeof import('../src/field-service/index.ts');
type OsrmModule = typeof import('../io/osrm-table.ts');

export interface FieldServiceSettings extends AnswerSettings {
  readonly input: string | undefined;
  /** OSRM server root for travel times; undefined: the problem's crow-flies model. */
  readonly osrm: string | undefined;
  readonly osrmProfile: string;
}

export type FieldServiceOptions = IoOptions & OsrmOptions;

/** `-i`, `-o`, `--pretty`, `--osrm`, `--osrm-profile`. */
export function withFieldServiceIo(command: Command, inputHelp: string): Command {
  return withOsrm(withIo(command, inputHelp));
}

export function fieldServiceSettings(options: FieldServiceOptions): FieldServiceSettings {
  return {
    input: fileOption(options.input),
    output: fileOption(options.output),
    pretty: options.pretty === true,
    osrm: options.osrm,
    osrmProfile: options.osrmProfile,
  };
}

/** The engine's field-service layer, and the OSRM client when `--osrm` asks for it. */
export interface FieldServiceTools {
  readonly fs: FieldServiceModule;
  /** Travel from OSRM over every place the command may use, or undefined for the problem's own model. */
  readonly travelMatrix: (problem: unknown, state?: unknown, visit?: unknown) => Promise<TravelMatrix | undefined>;
}

/**
 * Loaded only when a command runs, so that usage errors and --help answer without loading the engine
 * (through tsx), and a broken engine gives a code-1 answer rather than a stack trace.
 */
export async function loadFieldService(settings: FieldServiceSettings): Promise<{ ok: true; tools: FieldServiceTools } | { ok: false; output: ErrorOutput }> {
  let fs: FieldServiceModule;
  let osrm: OsrmModule | undefined;
  try {
    fs = await import('../src/field-service/index.ts');
    if (settings.osrm !== undefined) osrm = await import('../io/osrm-table.ts');
  } catch (error) {
    return { ok: false, output: { code: 1, error: `internal: cannot load the engine: ${errorMessage(error)}` } };
  }
  const travelMatrix = async (problem: unknown, state?: unknown, visit?: unknown): Promise<TravelMatrix | undefined> => {
    if (!osrm || settings.osrm === undefined) return undefined;
    const p = fs.parseFieldServiceProblem(problem);
    const s = state === undefined ? undefined : fs.parseRealtimeState(state, p);
    const extra = visit === undefined ? [] : [fs.parseVisit(visit, p)];
    return osrm.osrmTravelProvider({ baseUrl: settings.osrm, profile: settings.osrmProfile }).matrix(fs.fieldServiceLocations(p, s, extra));
  };
  return { ok: true, tools: { fs, travelMatrix } };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `document[key]`, which must be there. */
export function required(document: Record<string, unknown>, key: string, what: string): unknown {
  if (document[key] === undefined) throw new CliInputError(`${key}: is required (${what})`);
  return document[key];
}

/**
 * The plan a previous `tournee plan` wrote. Only its outline is checked here;
 * the engine relies on the rest being what it produced.
 */
export function planOf(value: unknown, key = 'plan'): FieldServicePlan {
  if (!isObject(value) || !Array.isArray(value.tours) || !Array.isArray(value.unassigned)) {
    throw new CliInputError(`${key}: must be a plan as \`tournee plan\` writes it (an object with tours and unassigned)`);
  }
  return value as unknown as FieldServicePlan;
}
