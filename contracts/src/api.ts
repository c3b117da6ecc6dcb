// The REST contract: every request and answer schema, shared by the server
// (validation and the OpenAPI document) and the UI (types and form checks).
// Nothing here imports server code.
export * from './api/common.ts';
export * from './api/geojson.ts';
export * from './api/organisation.ts';
export * from './api/workforce.ts';
export * from './api/installed-base.ts';
export * from './api/service-contracts.ts';
export * from './api/interventions.ts';
export * from './api/new-work.ts';
export * from './api/auth.ts';
export * from './api/positions.ts';
export * from './api/health.ts';
export * from './api/planning.ts';
export * from './api/plan-changes.ts';
export * from './api/webhooks.ts';
export * from './api/erp-sync.ts';
export { INTERVENTION_STATUSES, checkTransition, allowedTransitions } from './lifecycle.ts';
export type { ActorRole, TransitionRequest, TransitionVerdict, TransitionRefusal } from './lifecycle.ts';
