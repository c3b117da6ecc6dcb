/**
 * Field-service planning on top of the VRPTW core: the domain format, its
 * validation, planning, re-planning, real-time insertion, slot proposals,
 * explanations and KPIs. The engine's index re-exports all of this.
 */
export * from './types.ts';
export { parseFieldServiceProblem, parseRealtimeState, parseVisit, MAX_HORIZON_DAYS } from './validate.ts';
export { planFieldService, type FieldServicePlanOptions } from './plan.ts';
export { replanFromNow, withPublishedPlan } from './replan.ts';
export { prepareInsertion, rankInsertions, applyInsertion, type InsertionContext, type PrepareOptions, type ApplyOptions } from './insertion.ts';
export { proposeSlots, slotsFrom, DEFAULT_SLOT_COUNT, DEFAULT_WINDOW_LENGTH, DEFAULT_WINDOW_STEP } from './slots.ts';
export { fieldServiceLocations, haversineTravel, type HaversineTravel, DEFAULT_ROAD_FACTOR, DEFAULT_SPEED_KMH } from './travel.ts';
export { sectorOf } from './sectors.ts';
export { compileFieldService, COST_SCALE, type CompiledFieldService } from './compile.ts';
export { buildContext, type FieldServiceContext } from './context.ts';
export { planKpis, jain } from './kpis.ts';
export { planCost } from './cost.ts';
export { planCapacity } from './capacity/plan-capacity.ts';
export { DEFAULT_STAFFING_UTILISATION, DEFAULT_TECHNICIAN_DAY_HOURS } from './capacity/staffing-need.ts';
