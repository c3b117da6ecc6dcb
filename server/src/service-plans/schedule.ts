// When is a service plan's next visit due, and which visits should exist for
// a horizon — pure logic on plain facts, table-tested, shared by generation
// (generate.ts), completion (complete.ts) and the demo seed.
//
// The three triggers of the article's "plans de services":
// - fixed_dates: each listed date is an occurrence (e.g. pool opening in
//   April, winterising in October); a date on or before the last done day is
//   covered by that visit.
// - frequency: every N months from the last done day (or from the contract's
//   start when never done). Only the next occurrence is materialised: the one
//   after depends on when this one is actually done.
// - usage_counter: each time the equipment's counter advances by an interval
//   from the reading at the last visit. Generated once the reading comes
//   within COUNTER_LEAD_FRACTION of the threshold.
import { addDays, addMonths, maxDay, type Day } from '@tournee/contracts/calendar';

export type Trigger = 'fixed_dates' | 'frequency' | 'usage_counter';

/** Statuses in which a visit counts as done (its occurrence is fulfilled). */
export const DONE_STATUSES = ['done', 'closed'] as const;
/** Statuses in which a visit is no longer open (nothing left to plan). */
export const FINISHED_STATUSES = ['done', 'closed', 'cancelled'] as const;

/** Generate a counter visit once the reading is within 10% of the threshold. */
export const COUNTER_LEAD_FRACTION = 0.1;

export interface PlanVisit {
  dueOn: Day | null;
  dueCounter: number | null;
  status: string;
  /** Local day the visit was done (its actual end), when done. */
  doneOn: Day | null;
}

export interface PlanFacts {
  trigger: Trigger;
  fixedDates: readonly Day[];
  frequencyMonths: number | null;
  counterInterval: number | null;
  leadDays: number;
  /** Baseline from history or import; visits done later supersede it. */
  lastDoneOn: Day | null;
  lastDoneCounter: number | null;
  contractStartsOn: Day;
  contractEndsOn: Day | null;
  /** The equipment's current value of the plan's counter, if read. */
  counterReading: number | null;
  /** The visits this plan already generated (any status). */
  visits: readonly PlanVisit[];
}

export interface Occurrence {
  /** Due day (fixed dates, frequency); null for counter visits. */
  dueOn: Day | null;
  /** Counter threshold (usage counter); null otherwise. */
  dueCounter: number | null;
  /** First day the visit may be planned. */
  earliestDate: Day;
}

export interface Schedule {
  /** The first occurrence not yet done; null when the plan has nothing left (contract over). */
  next: Occurrence | null;
  /** Occurrences to create as interventions now (none of them exists yet). */
  toCreate: Occurrence[];
}

const isDone = (v: PlanVisit): boolean => (DONE_STATUSES as readonly string[]).includes(v.status);
const isOpen = (v: PlanVisit): boolean => !(FINISHED_STATUSES as readonly string[]).includes(v.status);

/** The later of the baseline and the days visits were done. */
export function effectiveLastDoneOn(plan: PlanFacts): Day | null {
  let last = plan.lastDoneOn;
  for (const v of plan.visits) {
    if (isDone(v) && v.doneOn && (last === null || v.doneOn > last)) last = v.doneOn;
  }
  return last;
}

export function effectiveLastDoneCounter(plan: PlanFacts): number | null {
  let last = plan.lastDoneCounter;
  for (const v of plan.visits) {
    if (isDone(v) && v.dueCounter !== null && (last === null || v.dueCounter > last)) last = v.dueCounter;
  }
  return last;
}

/**
 * @param today  the local day generation runs on
 * @param until  last day of the horizon: a dated occurrence is created when it
 *               becomes plannable (due day − lead days) on or before it
 */
export function planSchedule(plan: PlanFacts, today: Day, until: Day): Schedule {
  switch (plan.trigger) {
    case 'fixed_dates':
      return fixedDatesSchedule(plan, until);
    case 'frequency':
      return frequencySchedule(plan, until);
    case 'usage_counter':
      return counterSchedule(plan, today);
  }
}

function withinContract(plan: PlanFacts, day: Day): boolean {
  return day >= plan.contractStartsOn && (plan.contractEndsOn === null || day <= plan.contractEndsOn);
}

function datedOccurrence(plan: PlanFacts, dueOn: Day): Occurrence {
  return { dueOn, dueCounter: null, earliestDate: maxDay(addDays(dueOn, -plan.leadDays), plan.contractStartsOn) };
}

function fixedDatesSchedule(plan: PlanFacts, until: Day): Schedule {
  const lastDone = effectiveLastDoneOn(plan);
  const existing = new Set(plan.visits.map((v) => v.dueOn).filter((d): d is Day => d !== null));
  const fulfilled = new Set(plan.visits.filter(isDone).map((v) => v.dueOn));
  const open = [...new Set(plan.fixedDates)].sort().filter((d) => withinContract(plan, d) && (lastDone === null || d > lastDone) && !fulfilled.has(d));
  const occurrences = open.map((d) => datedOccurrence(plan, d));
  return {
    next: occurrences[0] ?? null,
    toCreate: occurrences.filter((o) => o.earliestDate <= until && !existing.has(o.dueOn!)),
  };
}

function frequencySchedule(plan: PlanFacts, until: Day): Schedule {
  const months = plan.frequencyMonths;
  if (months === null || months <= 0) return { next: null, toCreate: [] };
  const dueOn = addMonths(effectiveLastDoneOn(plan) ?? plan.contractStartsOn, months);
  if (plan.contractEndsOn !== null && dueOn > plan.contractEndsOn) return { next: null, toCreate: [] };
  const next = datedOccurrence(plan, dueOn);
  // One open visit at a time: a late visit still open is the one to do.
  const blocked = plan.visits.some((v) => v.dueOn === dueOn || isOpen(v));
  return { next, toCreate: !blocked && next.earliestDate <= until ? [next] : [] };
}

function counterSchedule(plan: PlanFacts, today: Day): Schedule {
  const interval = plan.counterInterval;
  if (interval === null || interval <= 0 || (plan.contractEndsOn !== null && today > plan.contractEndsOn)) {
    return { next: null, toCreate: [] };
  }
  const threshold = (effectiveLastDoneCounter(plan) ?? 0) + interval;
  const next: Occurrence = { dueOn: null, dueCounter: threshold, earliestDate: maxDay(today, plan.contractStartsOn) };
  const reached = plan.counterReading !== null && plan.counterReading >= threshold - interval * COUNTER_LEAD_FRACTION;
  const blocked = plan.visits.some((v) => v.dueCounter === threshold || isOpen(v));
  return { next, toCreate: reached && !blocked ? [next] : [] };
}

/** Overdue: its due day has passed, or its counter has crossed the threshold. */
export function isOverdue(next: Occurrence | null, today: Day, counterReading: number | null): boolean {
  if (next === null) return false;
  if (next.dueOn !== null) return next.dueOn < today;
  return next.dueCounter !== null && counterReading !== null && counterReading >= next.dueCounter;
}
