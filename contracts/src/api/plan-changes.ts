// What a preview would change, technician by technician (GET
// /api/plans/{id}/changes), and accepting part of it (POST
// /api/plans/{id}/accept with technicianIds). The board lists and draws these
// before the dispatcher accepts: which visits come in, go out, change order or
// change time — issue 12, "Optimize is a black box".
import { z } from 'zod';
import { Day, Id, Instant } from './common.ts';

export const STOP_CHANGES = ['in', 'reordered', 'shifted', 'same'] as const;

/** [longitude, latitude]. */
const LonLat = z.tuple([z.number(), z.number()]);

export const ProposedStop = z.object({
  interventionId: Id,
  /** The visit's number in the ERP or former SAV tool (null: none). */
  reference: z.string().nullable(),
  /** Who and where, as the timeline names a visit: the customer (or the site's own name) · the town. */
  place: z.string(),
  location: LonLat.nullable(),
  sequence: z.number().int(),
  plannedStart: Instant.nullable(),
  plannedEnd: Instant.nullable(),
  /** in: not in this technician's tour before (from: their technician, null: the queue); shifted: same order, another time; reordered: another place in the tour. */
  change: z.enum(STOP_CHANGES),
  from: Id.nullable().optional(),
  /** shifted / reordered: the new start minus the old one. */
  shiftSeconds: z.number().optional(),
});

export const LeavingStop = z.object({
  interventionId: Id,
  reference: z.string().nullable(),
  place: z.string(),
  location: LonLat.nullable(),
  /** The technician the preview gives it to (null: back to the queue). */
  to: Id.nullable(),
});

export const TechnicianChanges = z.object({
  technicianId: Id,
  day: Day,
  /** Accepted already (the rest of the preview stays to decide). */
  accepted: z.boolean(),
  /** Anything to accept at all. */
  changed: z.boolean(),
  stops: z.array(ProposedStop),
  leaving: z.array(LeavingStop),
  travelSecondsBefore: z.number(),
  travelSecondsAfter: z.number(),
});

export const PlanChanges = z.object({
  runId: Id,
  days: z.array(Day),
  technicians: z.array(TechnicianChanges),
});

/** Accept the whole preview (no body, or no technicianIds) or only these technicians' days. */
export const AcceptRequest = z
  .object({
    technicianIds: z.array(Id).min(1).max(500).optional(),
  })
  .strict();
