// Service plans: due-visit generation, completion, and the overdue query.
export { generateDueVisits, type GenerateOptions, type GenerateResult } from './generate.ts';
export { overdueVisits, type OverdueOptions, type OverdueVisit } from './overdue.ts';
export { recordVisitDone, refreshPlanSchedule, type VisitDoneResult } from './complete.ts';
export { planSchedule, isOverdue, type PlanFacts, type Occurrence, type Schedule } from './schedule.ts';
export type { Day } from '@tournee/contracts/calendar';
