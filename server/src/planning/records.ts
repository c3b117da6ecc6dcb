// What planning reads from the database, as plain data: the loader
// (load-records.ts) fills these from Prisma, the pure mapping
// (to-field-service.ts) turns them into the engine's field-service problem, and tests build them
// by hand without a database.
import type { InterventionStatus } from '../generated/prisma/enums.ts';
import type { IsoDay } from './time.ts';

/** `[lon, lat]`, the engine's (and GeoJSON's) order. */
export type LonLat = readonly [number, number];

export interface AgencyRecord {
  readonly id: string;
  readonly timezone: string;
  /** Where tours start when a technician has no home coordinates. */
  readonly depot: LonLat | null;
}

export interface ShiftRecord {
  /** ISO weekday (1 = Monday) for weekly shifts, null for a one-day shift. */
  readonly weekday: number | null;
  /** The day of a one-day shift; it overrides the weekly shifts of that day. */
  readonly day: IsoDay | null;
  readonly startMinute: number;
  readonly endMinute: number;
  readonly breakMinutes: number;
  /** The break lies within these local minutes; null: anywhere in the shift. */
  readonly breakWindow: { readonly startMinute: number; readonly endMinute: number } | null;
}

/** Why a technician is away (the schema's absence_kind). */
export type AbsenceKind = 'leave' | 'sick' | 'training' | 'other';

export interface TechnicianRecord {
  readonly id: string;
  readonly home: LonLat | null;
  readonly skills: readonly { readonly skillId: string; readonly level: number }[];
  readonly shifts: readonly ShiftRecord[];
  /** `kind` (leave, sick, training, other) says why, for the board's refusals; planning reads only the times. */
  readonly absences: readonly { readonly startsAt: Date; readonly endsAt: Date; readonly kind?: AbsenceKind }[];
}

/** Where an intervention currently sits in a tour. */
export interface StopRecord {
  readonly tourId: string;
  readonly technicianId: string;
  readonly day: IsoDay;
  readonly sequence: number;
  readonly plannedStart: Date | null;
  readonly plannedEnd: Date | null;
}

export interface InterventionRecord {
  readonly id: string;
  readonly status: InterventionStatus;
  /** 0 (whenever) to 100 (emergency). */
  readonly priority: number;
  /** Not a planning constraint yet (issue 3 makes lateness a cost); insertion reports it. */
  readonly slaDeadline: Date | null;
  readonly durationMinutes: number;
  /** Null until the site is geocoded: then it cannot be planned. */
  readonly location: LonLat | null;
  readonly requiredSkills: readonly { readonly skillId: string; readonly minLevel: number }[];
  /** Empty: any time of the shift. */
  readonly timeWindows: readonly { readonly start: Date; readonly end: Date }[];
  readonly earliestDay: IsoDay | null;
  readonly latestDay: IsoDay | null;
  /** Set by a dispatcher: keep the technician (and the day, when it has one). */
  readonly pinned: boolean;
  readonly technicianId: string | null;
  readonly plannedStart: Date | null;
  readonly plannedEnd: Date | null;
  readonly actualStart: Date | null;
  readonly actualEnd: Date | null;
  readonly version: number;
  /** Its stop in a tour of the horizon, if any. */
  readonly stop: StopRecord | null;
}

export interface TourStopRecord {
  readonly id: string;
  readonly interventionId: string;
  readonly sequence: number;
  readonly version: number;
}

export interface TourRecord {
  readonly id: string;
  readonly technicianId: string;
  readonly day: IsoDay;
  readonly version: number;
  readonly stops: readonly TourStopRecord[];
  /** The stored indicators (travel, service, start and end of the planned part), when read from the database. */
  readonly kpis?: StoredTourKpis | null;
}

export interface StoredTourKpis {
  readonly travelSeconds?: number;
  readonly travelMeters?: number;
  readonly serviceSeconds?: number;
  readonly start?: string | null;
  readonly end?: string | null;
  readonly overtimeSeconds?: number;
}

export interface PlanningRecords {
  readonly agency: AgencyRecord;
  /** Sorted, distinct. */
  readonly days: readonly IsoDay[];
  readonly technicians: readonly TechnicianRecord[];
  readonly interventions: readonly InterventionRecord[];
  /** The agency's existing tours on those days. */
  readonly tours: readonly TourRecord[];
}

/** Facts of the day: these visits happened or are happening, planning never moves them. */
export const FIXED_STATUSES: ReadonlySet<InterventionStatus> = new Set(['en_route', 'on_site', 'done', 'closed']);
/** Open to (re-)planning. `dispatched` stays with its technician and day (their device has it). */
export const PLANNABLE_STATUSES: ReadonlySet<InterventionStatus> = new Set(['requested', 'planned', 'assigned', 'dispatched']);

/** Why an intervention got no place in the plan (a closed set: boards translate them). */
export type UnassignedReason =
  /** The site has no coordinates yet. */
  | 'no_location'
  /** No technician of the agency has every required skill at the required level. */
  | 'no_skill'
  /** No skilled technician works during the intervention's dates and time windows (or its pinned technician does not). */
  | 'no_shift'
  /** The engine found no room for it in the tours (time, priorities). */
  | 'capacity'
  /** Its parts are not free where any technician who could go can get them (their van, the agency's central depots). */
  | 'parts_unavailable';

/** A visit left out of the plan, with why. */
export interface UnassignedVisit {
  readonly interventionId: string;
  readonly reason: UnassignedReason;
  /** parts_unavailable: the day supplier orders under way cover the shortage (null: none does). */
  readonly availableFrom?: IsoDay | null;
  /** parts_unavailable: references of the parts short. */
  readonly missingParts?: readonly string[];
}

/**
 * A visit whose parts not every technician can get (read from the stock by
 * parts.ts): who can, and from which day. A technician absent from the map
 * cannot equip it within the days planned.
 */
export interface PartsAccess {
  /** Technician → the first day they can have the parts (null: now). */
  readonly technicians: ReadonlyMap<string, IsoDay | null>;
  /** When nobody can: the day supplier orders under way cover the shortage (null: none does). */
  readonly availableFrom: IsoDay | null;
  /** References of the parts short (for the best-placed technician). */
  readonly missingParts: readonly string[];
}
