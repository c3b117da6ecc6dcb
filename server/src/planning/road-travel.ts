// Travel times for planning, insertion and moves: road times from an OSRM
// server's table service when OSRM_URL is set (the engine's client,
// engine/io/osrm-table.ts), else the engine's straight-line estimate
// (great-circle × road factor at an average speed). A failing OSRM never
// stops planning: the estimate is used, the failure logged, and the answer
// says the times are estimated so the board can show it.
//
// Matrices are cached by the client per set of places (an agency's day:
// technicians' homes and positions, the visits' sites): asking again for the
// same day costs no request, and a day whose places changed is fetched anew.
import { fieldServiceLocations, type FieldServiceProblem, type RealtimeState, type TravelMatrix, type Visit } from '../../../engine/src/index.ts';
import { osrmTravelProvider } from '../../../engine/io/osrm-table.ts';
import { componentLogger } from '../logger.ts';

/** `road`: OSRM's; `estimated`: the straight-line model (no OSRM configured, or it failed). */
export type TravelTimes = 'road' | 'estimated';

export interface RoadTravel {
  /** Whether OSRM is configured (matrices then cover only the places asked for). */
  readonly road: boolean;
  /** A matrix over every place the engine will use, or none (then the engine estimates). */
  matrix(
    problem: FieldServiceProblem,
    state?: RealtimeState,
    extraVisits?: readonly Visit[],
  ): Promise<{ matrix: TravelMatrix | undefined; times: TravelTimes }>;
}

export interface RoadTravelOptions {
  /** OSRM's root URL; absent: straight-line estimates. */
  readonly osrmUrl?: string | undefined;
  readonly timeoutMs?: number;
  /** Where an OSRM failure is told; default: the planning logger, as a warning. */
  readonly log?: (message: string) => void;
  /** Injected for tests; default the global fetch. */
  readonly fetch?: typeof fetch;
}

/** Location sets kept by the OSRM client: a few days of a few agencies. */
const CACHED_SETS = 64;

export function roadTravel(options: RoadTravelOptions): RoadTravel {
  const url = options.osrmUrl?.trim();
  if (!url) return { road: false, matrix: async () => ({ matrix: undefined, times: 'estimated' }) };
  const log = options.log ?? ((message: string) => componentLogger('planning').warn(message));
  const provider = osrmTravelProvider({
    baseUrl: url,
    cacheSize: CACHED_SETS,
    timeoutMs: options.timeoutMs ?? 10_000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    road: true,
    async matrix(problem, state, extraVisits = []) {
      const locations = fieldServiceLocations(problem, state, extraVisits);
      if (locations.length < 2) return { matrix: undefined, times: 'estimated' };
      try {
        return { matrix: await provider.matrix(locations), times: 'road' };
      } catch (error) {
        log(`road travel times unavailable, using estimates: ${error instanceof Error ? error.message : String(error)}`);
        return { matrix: undefined, times: 'estimated' };
      }
    },
  };
}

let fromEnvironment: RoadTravel | undefined;

/** The process's road travel, from OSRM_URL (read once). */
export function defaultRoadTravel(): RoadTravel {
  fromEnvironment ??= roadTravel({ osrmUrl: process.env.OSRM_URL });
  return fromEnvironment;
}
