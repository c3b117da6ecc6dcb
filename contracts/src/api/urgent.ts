// The urgent request flow (issue 12): a request is ranked as a draft — nothing
// is stored while the dispatcher looks for someone — and the answer says, when
// nobody fits, why for each technician and what can be done instead: the first
// slots of the coming days, technicians who could with overtime, a
// lower-priority visit that could give way, technicians of a neighbouring
// agency. The intervention is created only when the dispatcher assigns it or
// saves it to the queue on purpose (POST /api/urgent-requests).
import { z } from 'zod';
import { Day, Id, Instant, Text } from './common.ts';
import { InsertionCandidate } from './planning.ts';

/** Longest overtime a dispatcher may force on a technician's day (2 h). */
export const MAX_FORCED_OVERTIME_MINUTES = 120;

/** What the dispatcher typed: enough to rank it, and to create it once decided. */
export const UrgentDraft = z.object({
  agencyId: Id,
  siteId: Id,
  problemDescription: Text(2000),
  /** 0 (whenever) to 100 (emergency). */
  priority: z.number().int().min(0).max(100),
  estimatedDurationMinutes: z.number().int().min(5).max(720),
  requiredSkills: z
    .array(z.object({ skillId: Id, minLevel: z.number().int().min(1).max(5) }))
    .max(20)
    .refine((list) => new Set(list.map((s) => s.skillId)).size === list.length, 'each skill at most once'),
  slaDeadline: Instant.optional(),
});

export const UrgentRankRequest = z.object({
  draft: UrgentDraft,
  /** Default: today in the agency's time zone. */
  day: Day.optional(),
});

export const ABSENCE_KINDS = ['leave', 'sick', 'training', 'other'] as const;

/** Why one technician cannot take the request that day: codes the board translates, with what it needs to say it. */
export const TechnicianReason = z.discriminatedUnion('code', [
  /** Skills the technician does not have at all (their names). */
  z.object({ code: z.literal('skill_missing'), skills: z.array(z.string()) }),
  /** A skill held below the level the request needs. */
  z.object({ code: z.literal('skill_level'), skill: z.string(), level: z.number().int(), required: z.number().int() }),
  /** Off that day (leave, sick, training, other) until `until`. */
  z.object({ code: z.literal('absent'), kind: z.enum(ABSENCE_KINDS), until: Instant }),
  /** No working hours that day. */
  z.object({ code: z.literal('not_working') }),
  /** The working day is already over (ended at `endedAt`). */
  z.object({ code: z.literal('shift_over'), endedAt: Instant }),
  /** The request's parts are not where this technician can get them. */
  z.object({ code: z.literal('parts_missing'), parts: z.array(z.string()) }),
  /** The day is full: the visit would end `overMinutes` after the shift (null: even two hours more would not do). */
  z.object({ code: z.literal('capacity'), overMinutes: z.number().int().nullable() }),
  /** The site has no coordinates: nobody can be timed there. */
  z.object({ code: z.literal('no_location') }),
]);

export const UrgentCandidate = InsertionCandidate.extend({ technicianName: z.string() });

/** A technician who could take it if their day runs longer: assignable with `force`. */
export const OvertimeOption = z.object({
  technicianId: Id,
  technicianName: z.string(),
  day: Day,
  position: z.number().int(),
  eta: Instant,
  plannedEnd: Instant,
  /** How long past the end of their hours the day would finish (and how long it already did). */
  overtimeMinutes: z.number().int(),
  overtimeBeforeMinutes: z.number().int(),
  addedTravelSeconds: z.number(),
  addedTravelMeters: z.number(),
  /** Visits of that day that would go back to the queue all the same (past even the longer hours). */
  pushedOut: z.number().int(),
});

/** A lower-priority visit that could give way, and where it would go. */
export const BumpOption = z.object({
  technicianId: Id,
  technicianName: z.string(),
  day: Day,
  position: z.number().int(),
  eta: Instant,
  addedTravelSeconds: z.number(),
  bumped: z.object({ interventionId: Id, label: z.string(), priority: z.number().int(), plannedStart: Instant.nullable() }),
  /** Another technician who can take the bumped visit that day; null: it goes back to the queue. */
  bumpedTo: z.object({ technicianId: Id, technicianName: z.string(), plannedStart: Instant }).nullable(),
});

/** The first place free on a coming day (the engine's proposeSlots: nobody pushed out). */
export const SlotOption = z.object({
  day: Day,
  windowStart: Instant,
  windowEnd: Instant,
  technicianId: Id,
  technicianName: z.string(),
  eta: Instant,
});

/** A technician of another agency of the region, one the caller dispatches for. */
export const NeighbourOption = UrgentCandidate.extend({ agencyId: Id, agencyName: z.string() });

export const UrgentAnswer = z.object({
  agencyId: Id,
  day: Day,
  candidates: z.array(UrgentCandidate),
  /** Every other technician of the agency, with why not (all reasons that hold). */
  unavailable: z.array(z.object({ technicianId: Id, technicianName: z.string(), reasons: z.array(TechnicianReason).min(1) })),
  slots: z.array(SlotOption),
  overtime: z.array(OvertimeOption),
  bumps: z.array(BumpOption),
  neighbours: z.array(NeighbourOption),
  travelTimes: z.enum(['road', 'estimated']),
});

/** Assign it: at a candidate's place, forcing overtime, bumping a visit, or to a neighbouring agency's technician. */
export const UrgentAssignDecision = z.object({
  kind: z.literal('assign'),
  technicianId: Id,
  day: Day,
  /** 0-based place among the tour's stops; absent: where the engine finds best. */
  position: z.number().int().min(0).max(500).optional(),
  /** Accept that the technician's day ends late (at most MAX_FORCED_OVERTIME_MINUTES). */
  force: z.boolean().optional(),
  /** The visit that gives way (it must be on that technician's tour that day, of lower priority). */
  bump: Id.optional(),
  /** Who takes the bumped visit (absent: it goes back to the queue). */
  bumpedTo: Id.optional(),
});

/** What to do with the draft: assign it (at a candidate's place, forcing overtime, bumping a visit) or queue it. */
export const UrgentDecision = z.discriminatedUnion('kind', [z.object({ kind: z.literal('queue'), day: Day.optional() }), UrgentAssignDecision]);

export const UrgentCommitRequest = z.object({ draft: UrgentDraft, decision: UrgentDecision });

export const UrgentCommitAnswer = z.object({
  interventionId: Id,
  status: z.enum(['requested', 'assigned']),
  agencyId: Id,
  technicianId: Id.nullable(),
  day: Day.nullable(),
  plannedStart: Instant.nullable(),
  overtimeMinutes: z.number().int(),
  /** Visits sent back to the queue by this assignment (the bumped one, unless re-assigned). */
  pushedOut: z.array(Id),
  bumped: z.object({ interventionId: Id, technicianId: Id.nullable() }).nullable(),
});

/**
 * A visit already in the queue, ranked as an urgent request (POST /api/interventions/{id}/urgent-answer):
 * the same answer, alternatives included, for the stored intervention instead of a draft.
 */
export const QueuedRankRequest = z.object({
  /** Default: the visit's earliest day, or today. */
  day: Day.optional(),
});

/** One of the answer's places applied to the queued visit: it is assigned (moved to that day, that agency), never copied. */
export const QueuedDecisionRequest = z.object({
  /** The intervention's version the dispatcher saw. */
  version: z.number().int().min(1),
  decision: UrgentAssignDecision,
});
