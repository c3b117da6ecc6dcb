// The intervention lifecycle as a pure function, shared by the server (which
// enforces it) and the UI (which offers only the moves it would accept).
//
//   requested → planned → assigned → dispatched → en_route → on_site → done → closed
//   any state before done → cancelled (a reason is required)
//
// One step at a time: skipping a state would skip what that state means
// (planned: has a day; assigned: has a technician; dispatched: sent to them).
//
// One exception, the technician setting off: they may move a visit of theirs
// to en_route from planned, assigned or dispatched. Planning puts visits on a
// technician's tour as `planned` with their technician set, and their app
// holds them from then on (the portfolio serves every visit on their tours
// and records it); nothing in a real day moves them to assigned or
// dispatched but a dispatcher's click per visit (only the demo simulator
// plays that role). Making the day's work depend on those clicks would leave
// a technician on site unable to start a visit the plan gave them. So their
// setting off is the dispatch: "sent to them" is what the app already has.
// It stays safe because it needs the visit to be the caller's (the routes
// and the replication check that it is their own assignment, by technician
// id, and versions make a concurrent re-plan or reassignment a conflict),
// and dispatchers still move one step at a time.
export const INTERVENTION_STATUSES = ['requested', 'planned', 'assigned', 'dispatched', 'en_route', 'on_site', 'done', 'closed', 'cancelled'] as const;
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];
export type ActorRole = 'admin' | 'dispatcher' | 'technician';

const NEXT: Readonly<Record<InterventionStatus, InterventionStatus | undefined>> = {
  requested: 'planned',
  planned: 'assigned',
  assigned: 'dispatched',
  dispatched: 'en_route',
  en_route: 'on_site',
  on_site: 'done',
  done: 'closed',
  closed: undefined,
  cancelled: undefined,
};
const CANCELLABLE: ReadonlySet<InterventionStatus> = new Set(['requested', 'planned', 'assigned', 'dispatched', 'en_route', 'on_site']);
/** The moves a technician makes in the field, on their own assignments. */
const FIELD_MOVES: ReadonlySet<InterventionStatus> = new Set(['en_route', 'on_site', 'done']);
const NEEDS_TECHNICIAN: ReadonlySet<InterventionStatus> = new Set(['assigned', 'dispatched', 'en_route', 'on_site', 'done']);
/** Where a technician may set off from (en_route): a visit of theirs not yet under way. */
const TECHNICIAN_STARTS: ReadonlySet<InterventionStatus> = new Set(['planned', 'assigned', 'dispatched']);

export interface TransitionRequest {
  readonly from: InterventionStatus;
  readonly to: InterventionStatus;
  readonly role: ActorRole;
  /** Whether the intervention has a technician. */
  readonly hasTechnician: boolean;
  readonly reason?: string | undefined;
}

export type TransitionRefusal = 'illegal' | 'forbidden' | 'precondition';
export type TransitionVerdict = { readonly ok: true } | { readonly ok: false; readonly refusal: TransitionRefusal; readonly reason: string };

export function checkTransition(r: TransitionRequest): TransitionVerdict {
  const refuse = (refusal: TransitionRefusal, reason: string): TransitionVerdict => ({ ok: false, refusal, reason });
  if (r.from === r.to) return refuse('illegal', `the intervention is already ${r.from}`);
  if (r.to === 'cancelled') {
    if (!CANCELLABLE.has(r.from)) return refuse('illegal', `a ${r.from} intervention can no longer be cancelled`);
    if (r.role === 'technician') return refuse('forbidden', 'only a dispatcher can cancel an intervention');
    if (!r.reason?.trim()) return refuse('precondition', 'cancelling needs a reason');
    return { ok: true };
  }
  const next = NEXT[r.from];
  if (next === undefined) return refuse('illegal', `a ${r.from} intervention is final`);
  if (r.role === 'technician' && r.to === 'en_route' && TECHNICIAN_STARTS.has(r.from)) {
    // Setting off is the dispatch (see above): on a visit that has its technician.
    if (!r.hasTechnician) return refuse('precondition', 'en_route needs a technician: assign one first');
    return { ok: true };
  }
  if (r.to !== next) return refuse('illegal', `from ${r.from} the next state is ${next}, not ${r.to}`);
  if (r.role === 'technician' && !FIELD_MOVES.has(r.to)) {
    return refuse('forbidden', `a technician can only move their interventions en_route, on_site or done, not ${r.to}`);
  }
  if (NEEDS_TECHNICIAN.has(r.to) && !r.hasTechnician) return refuse('precondition', `${r.to} needs a technician: assign one first`);
  return { ok: true };
}

/** The states this actor may move the intervention to now. */
export function allowedTransitions(from: InterventionStatus, role: ActorRole, hasTechnician: boolean): InterventionStatus[] {
  return INTERVENTION_STATUSES.filter((to) => checkTransition({ from, to, role, hasTechnician, reason: 'x' }).ok);
}
