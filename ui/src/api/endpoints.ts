// Every server call the board makes, in one place: when a route changes on
// the server, this file is the only one to follow it. Every type comes from
// @tournee/contracts, as types only (`import type`): zod stays out of the bundle.
import type { z } from 'zod';
import type { Http } from './http.ts';
import type {
  Agency, Customer, Equipment, FieldConflict, Intervention, InterventionInput, LoginResponse, PageOf, Region,
  Sector, SessionUser, Shift, Site, Skill, Technician,
} from './types.ts';

type PlanningContract = typeof import('@tournee/contracts/api/planning');
type Infer<K extends keyof PlanningContract> = PlanningContract[K] extends z.ZodType ? z.output<PlanningContract[K]> : never;
type Input<K extends keyof PlanningContract> = PlanningContract[K] extends z.ZodType ? z.input<PlanningContract[K]> : never;

/** The engine's reasons for leaving an intervention out. */
export type UnassignedReason = Infer<'UnassignedVisit'>['reason'];
/** One intervention a run left out, and why (parts_unavailable: which parts, and from when). */
export type UnassignedVisit = Infer<'UnassignedVisit'>;
export type RunStatus = Infer<'PlanningRun'>['status'];
export type PlanDecision = NonNullable<Infer<'PlanningRun'>['decision']>;
/** A day's plan, comparable before and after a run. */
export type PlanIndicators = Infer<'PlanIndicators'>;
export type PlanningSummary = Infer<'PlanningResult'>['summary'];
export type PlanningResult = Infer<'PlanningResult'>;
export type PlanningRun = Infer<'PlanningRun'>;
export type PlanSubmitted = Infer<'PlanSubmitted'>;
export type StartPlanning = Input<'PlanRequest'>;

export type AssignAnswer = Infer<'AssignAnswer'>;
/** What moving a visit into a technician's day would do, timed by the engine as the assignment stores it. */
export type MoveEvaluation = Infer<'MoveEvaluation'>;
export type MoveInput = Input<'MoveRequest'>;
export type AssignWarning = NonNullable<AssignAnswer['warnings']>[number];

/** One technician who could take a visit, as the server's engine ranks them (the same type from engine to screen). */
export type InsertionCandidate = Infer<'InsertionCandidate'>;
/** The ranked technicians, those who cannot take it and why, and whether travel times are road or estimated. */
export type InsertionAnswer = Infer<'InsertionAnswer'>;

export interface AssignInput {
  readonly technicianId: string;
  readonly day: string;
  /** 0-based position among the tour's stops; absent: where the engine finds best. */
  readonly position?: number;
  /** The intervention's version the board saw: a stale one is refused with 409. */
  readonly version: number;
}

export interface ConflictListQuery {
  readonly agencyId?: string;
  /** Only unresolved ones (the server's default) or all. */
  readonly open?: boolean;
  readonly limit?: number;
}

const all = <T>(http: Http, path: string, query: Record<string, string | number | boolean | undefined> = {}) =>
  http.get<PageOf<T>>(path, { limit: 200, ...query }).then((p) => p.items);

const plan = (id: string) => `/api/plans/${encodeURIComponent(id)}`;

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

    /** `preview: true` computes the plan and keeps it on the run until accepted or discarded. */
    startPlanning: (input: StartPlanning) => http.post<PlanSubmitted>('/api/plans', input),
    planningRun: (id: string) => http.get<PlanningRun>(plan(id)),
    /** Applies a preview; 409 (with a message) when the plan changed since the preview. */
    acceptRun: (id: string) => http.post<PlanningRun>(`${plan(id)}/accept`),
    discardRun: (id: string) => http.post<PlanningRun>(`${plan(id)}/discard`),
    /** The run whose plan is in force for that day (succeeded, and applied directly or accepted), if any. */
    appliedRun: (agencyId: string, day: string) =>
      http.get<{ items: PlanningRun[] }>('/api/plans', { agencyId, day, applied: true, limit: 1 }).then((page): PlanningRun | null => page.items[0] ?? null),

    candidates: (interventionId: string, day: string) =>
      http.post<InsertionAnswer>(`/api/interventions/${encodeURIComponent(interventionId)}/insertion-candidates`, { day }),
    /** Writes nothing: the drag preview. */
    evaluateMove: (interventionId: string, input: MoveInput) =>
      http.post<MoveEvaluation>(`/api/interventions/${encodeURIComponent(interventionId)}/evaluate-move`, input),
    assign: (interventionId: string, input: AssignInput) =>
      http.post<AssignAnswer>(`/api/interventions/${encodeURIComponent(interventionId)}/assign`, input),

    /** Technicians' actions that clashed with the office's record, newest first. */
    conflicts: (query: ConflictListQuery = {}) => http.get<FieldConflict[]>('/api/replication/conflicts', { ...query }),
    resolveConflict: (actionId: string, resolution: string) =>
      http.post<FieldConflict>(`/api/replication/conflicts/${encodeURIComponent(actionId)}/resolve`, { resolution }),
  };
}

export type Api = ReturnType<typeof endpoints>;
