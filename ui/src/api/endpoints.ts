// Every server call the board makes, in one place: when a route changes on
// the server, this file is the only one to follow it. Routes marked PROPOSED
// are not in server/src/contracts yet (see ui/README.md, "What the board
// expects from the server"); the board degrades gracefully while they 404.
import type { z } from 'zod';
import type { Http } from './http.ts';
import type {
  Agency, Customer, Equipment, Intervention, InterventionInput, LoginResponse, PageOf, Region,
  Sector, SessionUser, Shift, Site, Skill, Technician,
} from './types.ts';

type PlanningContract = typeof import('../../../server/src/contracts/api/planning.ts');
type Infer<K extends keyof PlanningContract> = PlanningContract[K] extends z.ZodType ? z.output<PlanningContract[K]> : never;

/** The engine's reasons for leaving an intervention out. */
export type UnassignedReason = Infer<'PlanningResult'>['unassigned'][number]['reason'];
export type RunStatus = Infer<'PlanningRun'>['status'];
export type PlanningSummary = Partial<Infer<'PlanningResult'>['summary']> & Pick<Infer<'PlanningResult'>['summary'], 'planned' | 'unassigned' | 'travelSeconds' | 'travelMeters'>;

export interface PlanningResult {
  readonly summary: PlanningSummary;
  readonly unassigned: readonly { readonly interventionId: string; readonly reason: UnassignedReason }[];
  /** PROPOSED: the plan before the run, when the server computes it (for "before / after"). */
  readonly before?: PlanningSummary;
}

export type PlanningRun = Omit<Infer<'PlanningRun'>, 'result' | 'requestedById' | 'createdAt' | 'startedAt' | 'finishedAt'> & {
  readonly result: PlanningResult | null;
  /** PROPOSED: a preview run stores nothing until accepted. Absent: the run applied its plan. */
  readonly preview?: boolean;
};

export interface StartPlanning {
  readonly agencyId: string;
  readonly days: readonly string[];
  readonly timeLimitMs?: number;
  readonly requestId: string;
}

export type ServerInsertionAnswer = Infer<'InsertionAnswer'>;
export type AssignAnswer = Infer<'AssignAnswer'>;

/** One technician who could take a visit, as the board shows them (from the server's answer, or its own estimate). */
export interface InsertionCandidate {
  readonly technicianId: string;
  readonly tourId: string | null;
  /** 0-based position among the tour's stops. */
  readonly position: number;
  /** Arrival at the site. */
  readonly eta: string;
  readonly plannedStart?: string | null;
  /** What the insertion costs the tour. */
  readonly extraTravelSeconds: number;
  readonly extraTravelMeters?: number;
  /** Later stops pushed back, and by how much at most (when known). */
  readonly delayedStops?: number;
  readonly delaySeconds?: number;
  readonly overtimeSeconds?: number;
  /** Visits that would no longer fit the day. */
  readonly pushedOut?: number;
  readonly slaMet?: boolean | null;
}

export interface AssignInput {
  readonly technicianId: string;
  readonly day: string;
  /** 0-based position among the tour's stops; absent: where the engine finds best. */
  readonly position?: number;
  /** The intervention's version the board saw: a stale one is refused with 409. */
  readonly version: number;
}

const all = <T>(http: Http, path: string, query: Record<string, string | number | boolean | undefined> = {}) =>
  http.get<PageOf<T>>(path, { limit: 200, ...query }).then((p) => p.items);

export function endpoints(http: Http) {
  return {
    login: (email: string, password: string) => http.post<LoginResponse>('/api/auth/login', { email, password }),
    me: () => http.get<SessionUser>('/api/auth/me'),
    logout: () => http.post<unknown>('/api/auth/logout'),

    regions: () => all<Region>(http, '/api/regions'),
    agencies: () => all<Agency>(http, '/api/agencies'),
    sectors: (agencyId?: string) => all<Sector>(http, '/api/sectors', { agencyId }),
    skills: () => all<Skill>(http, '/api/skills'),
    technicians: (agencyId: string) => all<Technician>(http, '/api/technicians', { agencyId, active: true }),
    shifts: (technicianId: string) => http.get<Shift[]>(`/api/technicians/${encodeURIComponent(technicianId)}/shifts`),

    interventions: (query: { agencyId: string; status?: string; unplanned?: boolean }) => all<Intervention>(http, '/api/interventions', query),
    intervention: (id: string) => http.get<Intervention>(`/api/interventions/${encodeURIComponent(id)}`),
    createIntervention: (input: InterventionInput) => http.post<Intervention>('/api/interventions', input),
    sites: (q: string) => all<Site>(http, '/api/sites', { q }),
    customers: (q: string) => all<Customer>(http, '/api/customers', { q }),
    equipment: (query: { serialNumber?: string; siteId?: string }) => all<Equipment>(http, '/api/equipment', query),

    startPlanning: (input: StartPlanning) => http.post<{ id: string; jobId: string; run: PlanningRun }>('/api/plans', input),
    planningRun: (id: string) => http.get<PlanningRun>(`/api/plans/${encodeURIComponent(id)}`),
    /** PROPOSED. */
    acceptRun: (id: string) => http.post<PlanningRun>(`/api/plans/${encodeURIComponent(id)}/accept`),
    /** PROPOSED. */
    discardRun: (id: string) => http.post<PlanningRun>(`/api/plans/${encodeURIComponent(id)}/discard`),
    /** PROPOSED: an agency's runs covering a day, newest first (the queue shows the latest one's reasons). */
    latestRun: (agencyId: string, day: string) =>
      http.get<PageOf<PlanningRun>>('/api/plans', { agencyId, day, limit: 1 }).then((page) => page.items[0] ?? null),

    candidates: (interventionId: string, day: string) =>
      http.post<ServerInsertionAnswer>(`/api/interventions/${encodeURIComponent(interventionId)}/insertion-candidates`, { day }).then(toCandidates),
    assign: (interventionId: string, input: AssignInput) =>
      http.post<AssignAnswer>(`/api/interventions/${encodeURIComponent(interventionId)}/assign`, input),
  };
}

export type Api = ReturnType<typeof endpoints>;

function toCandidates(answer: ServerInsertionAnswer): InsertionCandidate[] {
  return answer.candidates.map((c) => ({
    technicianId: c.technicianId,
    tourId: c.tourId,
    position: c.position,
    eta: c.eta,
    plannedStart: c.plannedStart,
    extraTravelSeconds: c.addedTravelSeconds,
    extraTravelMeters: c.addedTravelMeters,
    delayedStops: c.delayed,
    pushedOut: c.pushedOut.length,
    slaMet: c.slaMet,
  }));
}
