// The intervention lifecycle as a pure function, shared by the server (which
// enforces it) and the UI (which offers only the moves it would accept).
//
//   requested → planned → assigned → dispatched → en_route → on_site → done → closed
//   any state before done → cancelled (a reason is required)
//
// One step at a time: skipping a state would skip what that state means
// (planned: has a day; assigned: has a technician; dispatched: sent to them).
export const INTERVENTION_STATUSES = [
  'requested', 'planned', 'assigned', 'dispatched', 'en_route', 'on_site', 'done', 'closed', 'cancelled',
] as const;
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
