// Every server call the board makes, in one place, each naming its route in
// the contracts' route table (@tournee/contracts/routes) through the typed
// client (./client.ts): paths, params, query fields, bodies and answers are
// checked against the route's schemas, so a route changed on the server is a
// type error here. Types only (`import type`): zod stays out of the bundle.
import type { z } from 'zod';
import { createCallApi, type CallApi, type ItemOf, type PagedRoute, type QueryOf } from './client.ts';
import type { Http } from './http.ts';
import type { InterventionInput } from './types.ts';

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
/** What a preview would change, technician by technician (GET /api/plans/{id}/changes). */
export type PlanChanges = z.output<typeof import('@tournee/contracts/api/plan-changes').PlanChanges>;
export type TechnicianChanges = PlanChanges['technicians'][number];

export type AssignAnswer = Infer<'AssignAnswer'>;
/** What moving a visit into a technician's day would do, timed by the engine as the assignment stores it. */
export type MoveEvaluation = Infer<'MoveEvaluation'>;
export type MoveInput = Input<'MoveRequest'>;
export type AssignWarning = NonNullable<AssignAnswer['warnings']>[number];

/** One technician who could take a visit, as the server's engine ranks them (the same type from engine to screen). */
export type InsertionCandidate = Infer<'InsertionCandidate'>;
/** The ranked technicians, those who cannot take it and why, and whether travel times are road or estimated. */
export type InsertionAnswer = Infer<'InsertionAnswer'>;

type UrgentContract = typeof import('@tournee/contracts/api/urgent');
type UrgentOut<K extends keyof UrgentContract> = UrgentContract[K] extends z.ZodType ? z.output<UrgentContract[K]> : never;
/** An urgent request not stored yet (ranked as a draft, created only when decided). */
export type UrgentDraft = UrgentOut<'UrgentDraft'>;
/** Who can take it, why the others cannot, and what else can be done. */
export type UrgentAnswer = UrgentOut<'UrgentAnswer'>;
export type TechnicianReason = UrgentOut<'TechnicianReason'>;
export type UrgentDecision = UrgentOut<'UrgentDecision'>;
export type UrgentCommitAnswer = UrgentOut<'UrgentCommitAnswer'>;

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

/** The first page of a list, 200 items (the most the server gives at once): enough for an agency's records. */
const all = <K extends PagedRoute>(call: CallApi, route: K, query: QueryOf<K> = {} as QueryOf<K>): Promise<ItemOf<K>[]> =>
  (call as (route: K, request: { query: object }) => Promise<{ items: ItemOf<K>[] }>)(route, { query: { limit: 200, ...query } }).then((p) => p.items);

export function endpoints(http: Http) {
  const call = createCallApi(http);
  return {
    login: (email: string, password: string) => call('POST /api/auth/login', { body: { email, password } }),
    me: () => call('GET /api/auth/me'),
    logout: () => call('POST /api/auth/logout'),

    regions: () => all(call, 'GET /api/regions'),
    agencies: () => all(call, 'GET /api/agencies'),
    sectors: (agencyId?: string) => all(call, 'GET /api/sectors', { agencyId }),
    skills: () => all(call, 'GET /api/skills'),
    technicians: (agencyId: string) => all(call, 'GET /api/technicians', { agencyId, active: true }),
    shifts: (technicianId: string) => call('GET /api/technicians/:id/shifts', { params: { id: technicianId } }),
    /** The technician's absences overlapping [from, to) (instants). */
    absences: (technicianId: string, from: string, to: string) =>
      call('GET /api/technicians/:id/absences', { params: { id: technicianId }, query: { from, to } }),

    interventions: (query: { agencyId: string; status?: string; unplanned?: boolean }) => all(call, 'GET /api/interventions', query),
    intervention: (id: string) => call('GET /api/interventions/:id', { params: { id } }),
    createIntervention: (input: InterventionInput) => call('POST /api/interventions', { body: input }),
    sites: (q: string) => all(call, 'GET /api/sites', { q }),
    customers: (q: string) => all(call, 'GET /api/customers', { q }),
    equipment: (query: { serialNumber?: string; siteId?: string }) => all(call, 'GET /api/equipment', query),

    /** `preview: true` computes the plan and keeps it on the run until accepted or discarded. */
    startPlanning: (input: StartPlanning) => call('POST /api/plans', { body: input }),
    planningRun: (id: string) => call('GET /api/plans/:id', { params: { id } }),
    /** Applies a preview; 409 (with a message) when the plan changed since the preview. */
    acceptRun: (id: string) => call('POST /api/plans/:id/accept', { params: { id }, body: {} }),
    /** Applies only these technicians' days of a preview (the rest stays to decide). */
    acceptTechnicians: (id: string, technicianIds: string[]) => call('POST /api/plans/:id/accept', { params: { id }, body: { technicianIds } }),
    /** What a preview would change, technician by technician. */
    planChanges: (id: string) => call('GET /api/plans/:id/changes', { params: { id } }),
    discardRun: (id: string) => call('POST /api/plans/:id/discard', { params: { id } }),
    /** The run whose plan is in force for that day (succeeded, and applied directly or accepted), if any. */
    appliedRun: (agencyId: string, day: string) =>
      call('GET /api/plans', { query: { agencyId, day, applied: true, limit: 1 } }).then((page): PlanningRun | null => page.items[0] ?? null),

    candidates: (interventionId: string, day: string) =>
      call('POST /api/interventions/:id/insertion-candidates', { params: { id: interventionId }, body: { day } }),
    /** Writes nothing: the drag preview. */
    evaluateMove: (interventionId: string, input: MoveInput) =>
      call('POST /api/interventions/:id/evaluate-move', { params: { id: interventionId }, body: input }),
    assign: (interventionId: string, input: AssignInput) => call('POST /api/interventions/:id/assign', { params: { id: interventionId }, body: input }),
    /** Writes nothing: the draft is ranked, and the answer says why not and what else. */
    rankUrgent: (draft: UrgentDraft, day: string) => call('POST /api/urgent-requests/rank', { body: { draft, day } }),
    /** Creates the request as decided: assigned (forced, bumping) or queued. */
    commitUrgent: (draft: UrgentDraft, decision: UrgentDecision) => call('POST /api/urgent-requests', { body: { draft, decision } }),
    /** Writes nothing: a visit of the queue ranked as an urgent request, with the alternatives of a full day. */
    rankQueued: (interventionId: string, day: string) => call('POST /api/interventions/:id/urgent-answer', { params: { id: interventionId }, body: { day } }),
    /** One of those places applied to that visit (assigned, moved to the day or agency; nothing created). */
    placeQueued: (interventionId: string, version: number, decision: Extract<UrgentDecision, { kind: 'assign' }>) =>
      call('POST /api/interventions/:id/urgent-decision', { params: { id: interventionId }, body: { version, decision } }),

    /** Technicians' actions that clashed with the office's record, newest first. */
    conflicts: (query: ConflictListQuery = {}) => call('GET /api/replication/conflicts', { query }),
    resolveConflict: (actionId: string, resolution: string) =>
      call('POST /api/replication/conflicts/:id/resolve', { params: { id: actionId }, body: { resolution } }),
  };
}

export type Api = ReturnType<typeof endpoints>;
