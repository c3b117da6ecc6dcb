// A plan as the server stores it (store-plan.ts), keeps in a preview
// (proposal.ts) and summarises: tours of technician-days with their stops as
// rows to write. The engine's field-service plan becomes this through
// to-field-service.ts (fromFieldServicePlan).
import type { UnassignedVisit } from './records.ts';
import type { IsoDay } from './time.ts';

export const tourKey = (technicianId: string, day: IsoDay): string => `${technicianId}@${day}`;

export interface PlannedStop {
  readonly interventionId: string;
  /** 0-based position in the tour. */
  readonly sequence: number;
  /** False for the visits that are facts of the day (times left as they are). */
  readonly planned: boolean;
  readonly plannedArrival: Date | null;
  readonly plannedStart: Date | null;
  readonly plannedEnd: Date | null;
  /** Travel from the previous stop or the start of the tour. */
  readonly travelSeconds: number | null;
  readonly travelMeters: number | null;
}

/** What a tour row keeps in its `kpis` JSON column. */
export interface TourKpis {
  readonly stops: number;
  readonly travelSeconds: number;
  readonly travelMeters: number;
  readonly serviceSeconds: number;
  readonly waitingSeconds: number;
  /** Time past the end of the technician's shifts, as the engine timed the tour. */
  readonly overtimeSeconds?: number;
  /** Departure and return of the planned part, ISO instants. */
  readonly start: string | null;
  readonly end: string | null;
  /** Breaks (lunch) where the engine placed them, ISO instants. */
  readonly breaks?: readonly { readonly start: string; readonly end: string }[];
}

export interface PlannedTour {
  readonly technicianId: string;
  readonly day: IsoDay;
  readonly stops: readonly PlannedStop[];
  readonly kpis: TourKpis;
}

export interface Plan {
  readonly tours: readonly PlannedTour[];
  readonly unassigned: readonly UnassignedVisit[];
  readonly summary: {
    readonly planned: number;
    readonly unassigned: number;
    readonly cost: number;
    readonly travelSeconds: number;
    readonly travelMeters: number;
    readonly solvingMs: number | null;
  };
}

/**
 * The visits a plan decides on: those given to the engine (`jobs`) and those
 * left out before solving, with the reason (`excluded`). Storing rewrites
 * exactly these; the same shape is kept in a preview's proposal.
 */
export interface ConsideredVisits {
  readonly jobs: readonly { readonly interventionId: string }[];
  readonly excluded: readonly UnassignedVisit[];
}
