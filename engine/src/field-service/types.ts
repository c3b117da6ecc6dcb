/**
 * The field-service planning format: a dispatcher's domain model (technicians,
 * shifts, skills with levels, sectors, visits, a published plan) that
 * `compile.ts` turns into the VRPTW core's VROOM-format input, and the plan
 * the engine answers with.
 *
 * Conventions, all deliberate:
 * - Keys are camelCase (this format is read and written by the server and the
 *   board in TypeScript); the reason codes are snake_case strings.
 * - Times are whole seconds from midnight of the horizon's first day ("day 0"):
 *   day d runs over [d × 86 400, (d + 1) × 86 400). The caller converts to and
 *   from real instants and time zones (the engine has no clock nor calendar).
 *   Daily windows (`Visit.windows`) are seconds from the midnight of each day.
 * - Ids are strings; positions are `[lon, lat]` (GeoJSON order).
 * - Costs are in one unit of the caller's choosing (think euros): every weight
 *   below is expressed in it, and so is the plan's cost breakdown.
 */
import type { Coordinates, Cost, Meters, Seconds, TimeWindow } from '../types.ts';

/** Seconds in a day: day d of the horizon starts at d × DAY. */
export const DAY: Seconds = 86_400;

// ---------------------------------------------------------------------------
// Problem

export interface FieldServiceProblem {
  readonly horizon: Horizon;
  readonly technicians: readonly Technician[];
  readonly visits: readonly Visit[];
  /** The company's sectors; a visit's sector is the first one containing its location (or `Visit.sector`). */
  readonly sectors?: readonly Sector[];
  /** How technicians' sectors constrain visits; default `off`. */
  readonly sectorRule?: SectorRule;
  /** Objective weights; every missing one takes its `DEFAULT_WEIGHTS` value. */
  readonly weights?: Partial<ObjectiveWeights>;
  /** The default travel model (haversine × road factor at an average speed) when no matrix is given. */
  readonly travel?: TravelModelSettings;
}

export interface Horizon {
  /** 1 to 14 days, numbered 0 … days − 1. */
  readonly days: number;
  /** Calendar date of day 0 (`YYYY-MM-DD`), a label the engine carries but never interprets. */
  readonly startDate?: string;
}

/** `hard`: a technician serves only visits in their home or secondary sectors; `soft`: a penalty per visit outside; `off`: sectors are ignored. */
export type SectorRule = 'hard' | 'soft' | 'off';

export interface Sector {
  readonly id: string;
  readonly name?: string;
  readonly geometry: SectorGeometry;
}

/** GeoJSON geometry (RFC 7946): rings of `[lon, lat]`, the first ring of a polygon its outline, the others holes. */
export type SectorGeometry =
  | { readonly type: 'Polygon'; readonly coordinates: readonly (readonly Coordinates[])[] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly (readonly Coordinates[])[])[] };

/** Skill name → level (an integer ≥ 1). A technician at level 3 also counts as levels 1 and 2. */
export type SkillLevels = Readonly<Record<string, number>>;

export interface Technician {
  readonly id: string;
  readonly name?: string;
  readonly agency?: string;
  readonly home: Coordinates;
  readonly skills?: SkillLevels;
  /** Sector ids where the technician normally works. */
  readonly sectors?: readonly string[];
  /** Sector ids the technician covers when needed (a smaller penalty than outside, see `ObjectiveWeights.secondarySector`). */
  readonly secondarySectors?: readonly string[];
  /** Working periods; several per day are allowed (a split day). Each becomes its own tour. */
  readonly shifts: readonly Shift[];
  /** Periods off (leave, training, a medical appointment): they cut shifts. */
  readonly absences?: readonly Absence[];
  /** Cost of one hour of the technician's work (travel and service), added to the objective; default 0. */
  readonly hourlyCost?: Cost;
  /** How long a shift may run past its end (paid at `ObjectiveWeights.overtimePerHour`); default 0. */
  readonly maxOvertime?: Seconds;
}

export interface Shift {
  /** Start and end, seconds from day 0's midnight; the shift belongs to the day of its start. */
  readonly start: Seconds;
  readonly end: Seconds;
  /** Where the tour starts and ends; default `home`. */
  readonly startLocation?: Coordinates;
  readonly endLocation?: Coordinates;
  readonly lunch?: Lunch;
}

/** The lunch break lasts `duration` and lies entirely within `window` (so it starts by `window[1] − duration`). */
export interface Lunch {
  readonly window: TimeWindow;
  readonly duration: Seconds;
}

export interface Absence {
  readonly start: Seconds;
  readonly end: Seconds;
  readonly reason?: string;
}

export type VisitStatus = 'planned' | 'en_route' | 'started' | 'done';

/** Statuses that are facts, not plans: the engine never moves these visits. */
export const FIXED_STATUSES: readonly VisitStatus[] = ['en_route', 'started', 'done'];

export interface Visit {
  readonly id: string;
  readonly name?: string;
  readonly location: Coordinates;
  /** Service time on site. */
  readonly duration: Seconds;
  /**
   * Service time by skill level: a technician matching one or more entries
   * (holding `skill` at `minLevel` or more) takes the shortest of them; anyone
   * else takes `duration`.
   */
  readonly durationByLevel?: readonly LevelDuration[];
  /** Required skills with their minimum level. */
  readonly skills?: SkillLevels;
  /**
   * Allowed start times within each day, seconds from that day's midnight,
   * `[start, end]` inclusive; they apply to every day from `earliestDay` to
   * `latestDay`. Default: any time of those days.
   */
  readonly windows?: readonly TimeWindow[];
  /** First and last day the visit may take place (a maintenance due "between the 3rd and the 14th"); default the whole horizon. */
  readonly earliestDay?: number;
  readonly latestDay?: number;
  /** 0 to 100, default 0: serving a higher priority comes before any amount of cost or any number of lower ones. */
  readonly priority?: number;
  /** Service should start by then (an emergency within 4 h); later costs `slaLatenessPerHour`. */
  readonly slaDeadline?: Seconds;
  /** The site's sector id, overriding point-in-polygon. */
  readonly sector?: string;
  readonly pin?: Pin;
  /** Default `planned`; the others are facts (see `progress`). */
  readonly status?: VisitStatus;
  /** Who and since when, for `en_route` and `started` (required) and `done`. */
  readonly progress?: VisitProgress;
  /** The customer's or equipment's usual technicians: a soft preference (`notUsualTechnician` for anyone else). */
  readonly usualTechnicians?: readonly string[];
  /** Only one of these may do the visit (a hard rule). */
  readonly requiredTechnicians?: readonly string[];
  /** None of these may do the visit (a hard rule). */
  readonly forbiddenTechnicians?: readonly string[];
  /** What the customer and technicians were told: changing technician or day costs `planChange`. */
  readonly published?: PublishedAssignment;
}

export interface LevelDuration {
  readonly skill: string;
  readonly minLevel: number;
  readonly duration: Seconds;
}

/** `technician`: this technician, any time; `time`: start exactly at `start`, anyone; `technician_and_time`: both. */
export type PinMode = 'technician' | 'time' | 'technician_and_time';

export interface Pin {
  readonly mode: PinMode;
  /** Required for `technician` and `technician_and_time`. */
  readonly technician?: string;
  /** Required for `time` and `technician_and_time`: the start of service. */
  readonly start?: Seconds;
}

export interface VisitProgress {
  readonly technician: string;
  /** `en_route`: departure; `started`: start of service; `done`: completion. */
  readonly since: Seconds;
  /** `en_route` only: expected arrival, when the caller knows better than the travel model. */
  readonly eta?: Seconds;
}

export interface PublishedAssignment {
  readonly technician: string;
  readonly day: number;
  readonly start: Seconds;
}

export interface ObjectiveWeights {
  /** Per hour of travel (every technician). */
  readonly travelPerHour: Cost;
  /** Per km of travel. */
  readonly travelPerKm: Cost;
  /** Per hour past the end of a shift. */
  readonly overtimePerHour: Cost;
  /** Per hour a visit starts after its SLA deadline. */
  readonly slaLatenessPerHour: Cost;
  /** Per visit done by a technician for whom it is outside both home and secondary sectors (rule `soft`). */
  readonly outsideSector: Cost;
  /** Per visit in one of the technician's secondary sectors (rules `soft` and `hard`). */
  readonly secondarySector: Cost;
  /** Per visit done by someone else than one of its usual technicians. */
  readonly notUsualTechnician: Cost;
  /**
   * Workload balance: per squared hour of work (travel + service) of each
   * technician-shift. Convex, so the same work costs less spread evenly.
   */
  readonly imbalance: Cost;
  /** Per visit moved to another technician or day than its published assignment. */
  readonly planChange: Cost;
  /** Real-time insertion only: per planned visit that the insertion pushes out of its tour. */
  readonly pushedOutVisit: Cost;
}

/**
 * Defaults in "euro-like" units: a technician-hour of driving ≈ 60, overtime
 * at 150 %, an SLA hour late far worse than an hour of driving, a move of a
 * published visit about the cost of 50 minutes of driving (customers were told).
 */
export const DEFAULT_WEIGHTS: ObjectiveWeights = {
  travelPerHour: 60,
  travelPerKm: 0,
  overtimePerHour: 90,
  slaLatenessPerHour: 300,
  outsideSector: 30,
  secondarySector: 10,
  notUsualTechnician: 15,
  imbalance: 5,
  planChange: 50,
  pushedOutVisit: 500,
};

export interface TravelModelSettings {
  /** Road distance = great-circle distance × this; default 1.3. */
  readonly roadFactor?: number;
  /** Average speed on the road distance; default 50 km/h. */
  readonly speedKmh?: number;
}

// ---------------------------------------------------------------------------
// Travel

/** Durations (s) and distances (m) between `locations`, row = from, column = to. */
export interface TravelMatrix {
  readonly locations: readonly Coordinates[];
  readonly durations: readonly (readonly Seconds[])[];
  readonly distances: readonly (readonly Meters[])[];
}

/**
 * Where travel times come from. The engine stays pure: a caller with an I/O
 * provider (an OSRM `/table` client) asks it for the matrix of
 * `fieldServiceLocations(problem, state)` first, then passes the result as
 * `PlanOptions.travelMatrix`. Without one, the engine uses `haversineTravel`.
 */
export interface TravelProvider {
  matrix(locations: readonly Coordinates[]): TravelMatrix | Promise<TravelMatrix>;
}

// ---------------------------------------------------------------------------
// Real-time state

/** A technician's last known position. */
export interface TechnicianPosition {
  readonly technician: string;
  readonly location: Coordinates;
}

/** The day under way: nothing is planned before `now`; technicians start from their positions. */
export interface RealtimeState {
  readonly now: Seconds;
  readonly positions?: readonly TechnicianPosition[];
  /** Technicians who already had their lunch today (their remaining lunch break is dropped). */
  readonly lunchTaken?: readonly string[];
}

// ---------------------------------------------------------------------------
// Options

export interface PlanOptions {
  /** Compute the capacity bound beside the plan (`FieldServicePlan.bound`), before the search and within `timeLimitMs`; default true. */
  readonly bound?: boolean;
  /** Seed of the search; same seed and iterations → same plan. Default 1. */
  readonly seed?: number;
  readonly maxIterations?: number;
  /** Needs `clock`. */
  readonly timeLimitMs?: number;
  /** Monotonic milliseconds (the engine never reads a clock itself). */
  readonly clock?: () => number;
  /** A matrix covering at least `fieldServiceLocations(problem, state)`; default: the problem's travel model. */
  readonly travelMatrix?: TravelMatrix;
}

// ---------------------------------------------------------------------------
// Plan

export interface FieldServicePlan {
  /** One tour per technician-shift that has at least one stop, ordered by day, then technician. */
  readonly tours: readonly Tour[];
  readonly unassigned: readonly UnassignedVisit[];
  readonly cost: CostBreakdown;
  readonly kpis: Kpis;
  /** How far the plan's served priority is from the most any plan could serve (absent when `PlanOptions.bound` is false). */
  readonly bound?: PlanBound;
}

/**
 * The plan beside its capacity bound (engine/src/field-service/capacity/):
 * `servedPriority` is the optimum of a linear relaxation of the technicians'
 * hours against the visits' work, which no plan can exceed, so a caller can
 * say "within 2 % of the bound". The gap is an overestimate of the plan's
 * real distance from the best plan (the relaxation ignores routes' order and
 * time windows), never an underestimate.
 */
export interface PlanBound {
  /** Upper bound on the served priority of any plan of this problem (rounded up to hundredths). */
  readonly servedPriority: number;
  /** Sum of the priorities of the visits this plan serves (fixed visits, which are facts, excluded from both). */
  readonly planServedPriority: number;
  /** (bound − plan) / bound × 100, rounded to hundredths; 0 when the bound is 0. */
  readonly gapPercent: number;
}

export interface Tour {
  readonly technician: string;
  readonly day: number;
  /** Index of the shift in `technician.shifts`. */
  readonly shift: number;
  /** Departure from the start place (or, after fixed visits, from the last of them). */
  readonly start: TourEndpoint;
  readonly end: TourEndpoint;
  /** In order; the fixed ones (en route, started) first. */
  readonly stops: readonly Stop[];
  readonly breaks: readonly PlannedBreak[];
  /** Totals of the tour: travel, service and waiting time, distance, time past the shift's end. */
  readonly travelTime: Seconds;
  readonly travelDistance: Meters;
  readonly serviceTime: Seconds;
  readonly waitingTime: Seconds;
  readonly overtime: Seconds;
}

export interface TourEndpoint {
  readonly location: Coordinates;
  readonly time: Seconds;
}

export interface Stop {
  readonly visit: string;
  readonly arrival: Seconds;
  /** Start of service (≥ arrival: the technician may wait for the window). */
  readonly start: Seconds;
  readonly end: Seconds;
  /** The leg from the previous place. */
  readonly travelTime: Seconds;
  readonly travelDistance: Meters;
  /** Seconds past the SLA deadline (0 when met or none). */
  readonly lateness: Seconds;
  /** A fact (en route, started): the engine did not choose it. */
  readonly fixed: boolean;
}

export interface PlannedBreak {
  readonly start: Seconds;
  readonly end: Seconds;
}

/** Why a visit has no tour (a closed list: the board and the server switch on it). */
export type UnassignedReason = 'no_skill_level' | 'no_shift_in_date_range' | 'time_window_unreachable' | 'sector_rule' | 'day_capacity';

export const UNASSIGNED_REASONS: readonly UnassignedReason[] = [
  'no_skill_level',
  'no_shift_in_date_range',
  'time_window_unreachable',
  'sector_rule',
  'day_capacity',
];

export interface UnassignedVisit {
  readonly visit: string;
  /** Never empty; `day_capacity` alone means "possible on its own, but the days are full". */
  readonly reasons: readonly UnassignedReason[];
  /** A sentence for people. */
  readonly detail: string;
  /**
   * With `day_capacity` only: the capacity bound shows that the technicians
   * holding the visit's skills have no hours left for it over its days, once
   * work of more priority per hour is served — "no capacity for this skill
   * that week", even ignoring routes. Absent otherwise (the days may be full
   * only because of routes and time windows).
   */
  readonly noSkillCapacity?: true;
}

/** The plan's objective, term by term, in the weights' unit. */
export interface CostBreakdown {
  readonly travel: Cost;
  /** Technicians' `hourlyCost` × hours of work. */
  readonly labour: Cost;
  readonly overtime: Cost;
  readonly slaLateness: Cost;
  /** Outside-sector and secondary-sector penalties. */
  readonly sector: Cost;
  readonly notUsualTechnician: Cost;
  readonly imbalance: Cost;
  readonly planChanges: Cost;
  readonly total: Cost;
}

export interface Kpis {
  /** Visits to plan (done ones excluded), assigned, unassigned. */
  readonly visits: number;
  readonly assigned: number;
  readonly unassigned: number;
  readonly travelTime: Seconds;
  readonly travelDistance: Meters;
  readonly serviceTime: Seconds;
  readonly overtime: Seconds;
  /** Visits with an SLA deadline, those served by it, and the share in % (100 when there are none). */
  readonly sla: { readonly withDeadline: number; readonly met: number; readonly compliance: number };
  readonly unassignedByReason: Readonly<Record<UnassignedReason, number>>;
  readonly utilisation: readonly TechnicianUtilisation[];
  /**
   * Jain's fairness index of work time across technicians with shifts:
   * 1 when all work equally, 1/n when one does everything (1 with no work at all).
   */
  readonly balanceIndex: number;
}

export interface TechnicianUtilisation {
  readonly technician: string;
  /** Shift time available (absences removed, overtime not counted). */
  readonly available: Seconds;
  /** Travel + service. */
  readonly work: Seconds;
  /** work / available (0 when nothing is available). */
  readonly utilisation: number;
}

// ---------------------------------------------------------------------------
// Real-time insertion and slots

export interface InsertionRequest {
  /** The urgent visit (its status must be `planned`). */
  readonly visit: Visit;
  readonly state: RealtimeState;
  /** Keep the best this many candidates; default all. */
  readonly limit?: number;
}

export interface InsertionCandidate {
  readonly technician: string;
  readonly day: number;
  readonly shift: number;
  /** Index in the tour's `stops` before which the visit goes (= stops.length: at the end). */
  readonly position: number;
  /** Arrival on site and start of service. */
  readonly eta: Seconds;
  readonly start: Seconds;
  /** Travel added to the tour (seconds, metres). */
  readonly addedTravel: Seconds;
  readonly addedDistance: Meters;
  /** True when the visit has no SLA deadline or starts by it. */
  readonly slaMet: boolean;
  /** Visits of the tour that would start later than now forecast. */
  readonly delayedVisits: readonly string[];
  /** Visits of the tour that could no longer be done in it. */
  readonly pushedOutVisits: readonly string[];
  /** Total impact in the weights' unit (lower is better); candidates are sorted by it. */
  readonly score: Cost;
}

export interface SlotRequest {
  /** The visit to book (its windows and days bound the search). */
  readonly visit: Visit;
  /** How many slots to propose; default 5. */
  readonly count?: number;
  /** Length of the arrival window announced to the customer; default 2 h. */
  readonly windowLength?: Seconds;
  /** Window starts are multiples of this; default 1 h. */
  readonly windowStep?: Seconds;
  /** When the call takes place: no slot before; default the start of the horizon. */
  readonly state?: RealtimeState;
}

export interface Slot {
  readonly day: number;
  /** The arrival window to announce, `[start, end]`. */
  readonly window: TimeWindow;
  readonly technician: string;
  /** When the plan expects the technician to start (ring the bell), within the window. */
  readonly eta: Seconds;
  /** Added cost of serving the visit there, in the weights' unit. */
  readonly cost: Cost;
}

// ---------------------------------------------------------------------------
// Capacity: the bound and the staffing what-if (engine/src/field-service/capacity/)

export interface CapacityOptions {
  /** The plan's real-time state, when asking about the rest of a day under way. */
  readonly state?: RealtimeState;
  readonly travelMatrix?: TravelMatrix;
  /** Staffing: hours of one added technician-day (work, lunch excluded); default the median of the problem's technician-days. */
  readonly hoursPerTechnicianDay?: number;
  /**
   * Staffing: share of those hours a technician can fill with service and
   * travel (the rest goes to waiting for windows and detours the estimate
   * misses); default `DEFAULT_STAFFING_UTILISATION`.
   */
  readonly utilisation?: number;
  /** Staffing: days on which technician-days may be added; default the days on which the problem has shifts (all days if none). */
  readonly days?: readonly number[];
}

/** What `planCapacity` answers: the bound on served priority with today's staff, and the staff that would serve everything. */
export interface CapacityReport {
  readonly bound: CapacityBound;
  readonly staffing: StaffingNeed;
}

export interface CapacityBound {
  /** Upper bound on the served priority of any plan with the problem's technicians (rounded up to hundredths). */
  readonly servedPriority: number;
  /** Priority of all visits to plan. */
  readonly totalPriority: number;
  /** Priority of the visits no technician-day could do even alone (skills, dates, sectors, pins, windows): excluded from the bound. */
  readonly unservablePriority: number;
  /** The visit classes the bound leaves short: skills and days without hours left for them. */
  readonly shortClasses: readonly CapacityShortClass[];
  readonly model: LpModelSize;
}

/** A class of visits the capacity bound cannot fully serve. */
export interface CapacityShortClass {
  readonly skills: SkillLevels;
  /** The days its visits may take place on. */
  readonly days: readonly number[];
  /** Under the hard sector rule, the visits' sector. */
  readonly sector?: string;
  readonly priority: number;
  readonly visits: number;
  /** Visits of the class the relaxation serves (fractional). */
  readonly served: number;
}

export interface LpModelSize {
  readonly visitClasses: number;
  readonly technicianDayClasses: number;
  readonly variables: number;
  readonly constraints: number;
}

/**
 * The technician-days that would serve every visit that some profile can do:
 * a linear program minimising technician-days by skill profile and day,
 * rounded up per profile and day. An estimate, not a promise: routes, time
 * windows and travel beyond the estimate can still leave a visit out, which
 * `utilisation` leaves room for.
 */
export interface StaffingNeed {
  /** Sum over `byDay` (each profile's need rounded up per day). */
  readonly technicianDays: number;
  /** The linear program's optimum, before rounding: a lower bound of the staff the estimate needs. */
  readonly fractionalTechnicianDays: number;
  /** Work hours of one technician-day, and the share of them counted as work. */
  readonly hoursPerTechnicianDay: number;
  readonly utilisation: number;
  readonly byDay: readonly StaffingDay[];
  /** Totals per profile over the days, most needed first. */
  readonly byProfile: readonly StaffingProfileNeed[];
  /** Visits no profile can serve on their days (a skill or level nobody has, no working day in range): left out of the count. */
  readonly unservable: readonly string[];
  /** Hours of service plus estimated travel that the count covers. */
  readonly workHours: number;
  readonly model: LpModelSize;
}

export interface StaffingDay {
  readonly day: number;
  readonly technicianDays: number;
  readonly profiles: readonly StaffingProfileNeed[];
}

/** A skill profile (the skills of one of the problem's technicians, and their sectors under the hard rule) and how many technician-days of it. */
export interface StaffingProfileNeed {
  readonly skills: SkillLevels;
  readonly sectors?: readonly string[];
  readonly technicianDays: number;
  /** Technicians of the problem who have this profile. */
  readonly technicians: readonly string[];
}
