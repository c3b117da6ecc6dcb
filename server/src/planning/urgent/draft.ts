// An urgent request while the dispatcher is still deciding: the typed data
// (site, problem, skills, priority, duration), checked against the stored
// records and turned into the planning record the engine ranks. Nothing is
// written: the intervention is created only by urgent/commit.ts.
import type { z } from 'zod';
import type { UrgentDraft } from '@tournee/contracts/api/urgent';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { InterventionRecord } from '../records.ts';

export type UrgentDraftInput = z.output<typeof UrgentDraft>;

/** The placeholder id a draft is ranked under (never stored). */
export const DRAFT_ID = 'urgent-request-draft';

/** A field of the draft that names nothing usable: the route answers 422 with its path. */
export class DraftReferenceError extends Error {
  override readonly name = 'DraftReferenceError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** The draft as the engine's planning record, its site's position read from the database. */
export async function draftRecord(prisma: PrismaClient, draft: UrgentDraftInput, id = DRAFT_ID): Promise<InterventionRecord> {
  const site = await prisma.site.findUnique({ where: { id: draft.siteId }, select: { lat: true, lon: true } });
  if (!site) throw new DraftReferenceError('draft.siteId', 'no such site');
  return {
    id,
    status: 'requested',
    priority: draft.priority,
    slaDeadline: draft.slaDeadline ? new Date(draft.slaDeadline) : null,
    durationMinutes: draft.estimatedDurationMinutes,
    location: site.lat !== null && site.lon !== null ? [site.lon, site.lat] : null,
    requiredSkills: draft.requiredSkills,
    timeWindows: [],
    earliestDay: null,
    latestDay: null,
    pinned: false,
    technicianId: null,
    plannedStart: null,
    plannedEnd: null,
    actualStart: null,
    actualEnd: null,
    version: 1,
    stop: null,
  };
}

/** Every skill the draft names must exist (the site is checked by the route against the caller's scope). */
export async function checkDraftSkills(prisma: PrismaClient, draft: UrgentDraftInput): Promise<void> {
  const ids = draft.requiredSkills.map((s) => s.skillId);
  if (ids.length === 0) return;
  const found = new Set((await prisma.skill.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((s) => s.id));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw new DraftReferenceError(`draft.requiredSkills[${missing}].skillId`, 'no such skill');
}
