// Loading service plans with what scheduling needs (contract dates, the
// site's agency and time zone, the equipment's counter, the visits already
// generated) and turning a row into the pure PlanFacts of schedule.ts.
import { z } from 'zod';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { dayFromDate } from '@tournee/contracts/calendar';
import type { PlanFacts } from './schedule.ts';
import { localDay } from '@tournee/contracts/zoned-time';

/** A client or an interactive transaction's client: callers may already be in one. */
export type Db = PrismaClient | Prisma.TransactionClient;

export const planWithFacts = {
  contract: { select: { startsOn: true, endsOn: true, status: true } },
  site: { select: { sector: { select: { agency: { select: { id: true, timezone: true } } } } } },
  equipment: { select: { counters: true } },
  interventions: { select: { dueOn: true, dueCounter: true, status: true, actualEnd: true } },
} satisfies Prisma.ServicePlanInclude;

export type PlanRow = Prisma.ServicePlanGetPayload<{ include: typeof planWithFacts }>;

/** `required_skills` as stored on plans: [{"skill": "<code>", "minLevel": 2}]. */
export const requiredSkillsSchema = z.array(z.object({ skill: z.string().min(1), minLevel: z.number().int().min(1).max(5).default(1) }));
export type RequiredSkills = z.infer<typeof requiredSkillsSchema>;

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

export function counterReading(counters: Prisma.JsonValue | undefined, name: string | null): number | null {
  if (name === null || counters === null || typeof counters !== 'object' || Array.isArray(counters)) return null;
  const value = (counters as Record<string, unknown>)[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function planFacts(row: PlanRow): PlanFacts {
  const timeZone = row.site.sector?.agency.timezone ?? DEFAULT_TIME_ZONE;
  return {
    trigger: row.trigger,
    fixedDates: row.fixedDates.map(dayFromDate),
    frequencyMonths: row.frequencyMonths,
    counterInterval: row.counterInterval,
    leadDays: row.leadDays,
    lastDoneOn: row.lastDoneOn ? dayFromDate(row.lastDoneOn) : null,
    lastDoneCounter: row.lastDoneCounter,
    contractStartsOn: dayFromDate(row.contract.startsOn),
    contractEndsOn: row.contract.endsOn ? dayFromDate(row.contract.endsOn) : null,
    counterReading: counterReading(row.equipment?.counters, row.counterName),
    visits: row.interventions.map((v) => ({
      dueOn: v.dueOn ? dayFromDate(v.dueOn) : null,
      dueCounter: v.dueCounter,
      status: v.status,
      doneOn: v.actualEnd ? localDay(v.actualEnd, timeZone) : null,
    })),
  };
}
