// A preview's changes as the HTTP answer: each visit named the way the board
// names it (its number, the customer or site, and the town) — never a bare id on screen.
import type { z } from 'zod';
import type { PlanChanges } from '@tournee/contracts/api/plan-changes';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { TechnicianDayChanges } from './plan-changes.ts';
import type { IsoDay } from './time.ts';

type PlanChangesAnswer = z.infer<typeof PlanChanges>;

export async function planChangesView(
  prisma: PrismaClient,
  runId: string,
  days: readonly IsoDay[],
  changes: readonly TechnicianDayChanges[],
): Promise<PlanChangesAnswer> {
  const ids = new Set(changes.flatMap((c) => [...c.stops.map((s) => s.interventionId), ...c.leaving.map((l) => l.interventionId)]));
  const rows = await prisma.intervention.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, reference: true, site: { select: { name: true, city: true, customer: { select: { name: true } } } } },
  });
  // As the timeline names a visit: the customer (or the site's own name) and the town.
  const names = new Map(
    rows.map((r) => [r.id, { reference: r.reference, place: [r.site.name ?? r.site.customer.name, r.site.city].filter(Boolean).join(' · ') }]),
  );
  const named = (id: string) => names.get(id) ?? { reference: null, place: '' };
  return {
    runId,
    days: [...days],
    technicians: changes.map((c) => ({
      technicianId: c.technicianId,
      day: c.day,
      accepted: c.accepted,
      changed: c.changed,
      travelSecondsBefore: c.travelSecondsBefore,
      travelSecondsAfter: c.travelSecondsAfter,
      stops: c.stops.map((s) => ({
        interventionId: s.interventionId,
        ...named(s.interventionId),
        location: s.location ? [s.location[0], s.location[1]] : null,
        sequence: s.sequence,
        plannedStart: s.plannedStart?.toISOString() ?? null,
        plannedEnd: s.plannedEnd?.toISOString() ?? null,
        change: s.change,
        ...(s.from !== undefined ? { from: s.from } : {}),
        ...(s.shiftSeconds !== undefined ? { shiftSeconds: s.shiftSeconds } : {}),
      })),
      leaving: c.leaving.map((l) => ({
        interventionId: l.interventionId,
        ...named(l.interventionId),
        location: l.location ? [l.location[0], l.location[1]] : null,
        to: l.to,
      })),
    })),
  };
}
