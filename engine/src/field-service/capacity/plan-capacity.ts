/**
 * `planCapacity`: the capacity questions a dispatcher asks before the week
 * starts, answered without routing — how much priority the current staff can
 * serve at most (the bound), and how many technician-days of which skills
 * would serve every visit (the staffing what-if). Pure and deterministic.
 */
import { InputError } from '../../errors.ts';
import { buildContext } from '../context.ts';
import { type Eligibility, EligibilityChecker } from '../eligibility.ts';
import type { CapacityOptions, CapacityReport } from '../types.ts';
import { parseFieldServiceProblem, parseRealtimeState } from '../validate.ts';
import { capacityBound } from './capacity-bound.ts';
import { staffingNeed } from './staffing-need.ts';

/**
 * Throws `InputError` naming the field for a bad problem or option. The
 * bound reads the real-time state when given (the rest of a day under way);
 * the staffing what-if plans whole days and ignores it.
 */
export function planCapacity(problem: unknown, options: CapacityOptions = {}): CapacityReport {
  const parsed = parseFieldServiceProblem(problem);
  checkOptions(options, parsed.horizon.days);
  const state = options.state === undefined ? undefined : parseRealtimeState(options.state, parsed);
  const ctx = buildContext(parsed, { ...(state ? { state } : {}), ...(options.travelMatrix ? { travelMatrix: options.travelMatrix } : {}) });
  const checker = new EligibilityChecker(ctx);
  const plannable: number[] = [];
  const eligibility = new Map<number, Eligibility>();
  parsed.visits.forEach((v, i) => {
    if ((v.status ?? 'planned') !== 'planned') return;
    plannable.push(i);
    eligibility.set(i, checker.check(v, ctx.visitSectors[i]));
  });
  const { bound } = capacityBound(ctx, eligibility);
  // The what-if plans whole days from scratch: the state of a day under way does not apply to it.
  const fresh = state ? buildContext(parsed, options.travelMatrix ? { travelMatrix: options.travelMatrix } : {}) : ctx;
  return { bound, staffing: staffingNeed(fresh, plannable, options) };
}

function checkOptions(options: CapacityOptions, horizonDays: number): void {
  const h = options.hoursPerTechnicianDay;
  if (h !== undefined && !(typeof h === 'number' && h > 0 && h <= 24)) {
    throw new InputError('hoursPerTechnicianDay', `must be a number of hours above 0 and at most 24, got ${String(h)}`);
  }
  const u = options.utilisation;
  if (u !== undefined && !(typeof u === 'number' && u > 0 && u <= 1)) {
    throw new InputError('utilisation', `must be a share above 0 and at most 1, got ${String(u)}`);
  }
  if (options.days !== undefined) {
    if (!Array.isArray(options.days) || options.days.length === 0) throw new InputError('days', 'must be a non-empty list of day numbers');
    options.days.forEach((d, k) => {
      if (!Number.isInteger(d) || d < 0 || d >= horizonDays) {
        throw new InputError(`days[${k}]`, `must be a day of the horizon, an integer from 0 to ${horizonDays - 1}, got ${String(d)}`);
      }
    });
  }
}
