// The answer to an urgent request ranked as a draft (nothing is written):
// the technicians who can take it, best first; for every other technician of
// the agency, why not (skills, level, absence, hours, parts, a full day);
// and, when nobody can, what a dispatcher does next — the first free slots of
// the coming days (the engine's slot search), technicians who could with
// overtime and what it costs, a lower-priority visit that could give way and
// where it would go, technicians of a neighbouring agency of the region.
import type { z } from 'zod';
import type { BumpOption, NeighbourOption, OvertimeOption, SlotOption, TechnicianReason, UrgentAnswer, UrgentCandidate } from '@tournee/contracts/api/urgent';
import { MAX_FORCED_OVERTIME_MINUTES } from '@tournee/contracts/api/urgent';
import { slotsFrom } from '../../../../engine/src/index.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { type DraftVisit, draftInsertionDay, type InsertionDay, type InsertionDeps, insertionCandidates, rankDay, timeMove } from '../insertion.ts';
import type { InterventionRecord } from '../records.ts';
import { addDays, type IsoDay, localDay, zonedInstant } from '../time.ts';
import { shiftsOfDay } from '../to-field-service.ts';
import { draftRecord, type UrgentDraftInput } from './draft.ts';

type Answer = z.output<typeof UrgentAnswer>;
type Reason = z.output<typeof TechnicianReason>;

/** How many coming days are searched for a free slot, and how many slots are offered. */
const SLOT_DAYS = 7;
const SLOT_COUNT = 3;
/** At most this many bump and neighbour options: a dispatcher reads a short list. */
const BUMP_COUNT = 3;
const NEIGHBOUR_COUNT = 3;

export interface UrgentAnswerOptions {
  readonly day?: IsoDay;
  /** The agencies the caller dispatches for (a neighbour's technicians are offered only from those). */
  readonly mayDispatch: (agencyId: string) => boolean;
}

export async function urgentAnswer(deps: InsertionDeps, draft: UrgentDraftInput, options: UrgentAnswerOptions): Promise<Answer> {
  return urgentAnswerFor(deps, { agencyId: draft.agencyId, record: await draftRecord(deps.prisma, draft) }, options);
}

/** The same answer for any visit as the engine sees it: a draft, or a stored visit of the queue (ranked under its own id). */
export async function urgentAnswerFor(deps: InsertionDeps, source: DraftVisit, options: UrgentAnswerOptions): Promise<Answer> {
  const { prisma } = deps;
  const { record } = source;
  const d = await draftInsertionDay(deps, source, options.day ? { day: options.day } : {});
  const names = await technicianNames(
    prisma,
    d.records.technicians.map((t) => t.id),
  );
  const ranked = rankDay(d, 10);
  const candidates: z.output<typeof UrgentCandidate>[] = ranked.candidates.map((c) => ({
    ...c,
    pushedOut: [...c.pushedOut],
    order: [...c.order],
    technicianName: names.get(c.technicianId) ?? '',
  }));
  const taken = new Set(candidates.map((c) => c.technicianId));
  // The day is full when nobody can take it without pushing a planned visit out: then the dispatcher needs the alternatives.
  const nobody = d.visit !== null && candidates.every((c) => c.pushedOut.length > 0);

  // With overtime allowed: who could, and by how much each day would run late (also the "capacity" reason's figure).
  const overtime: z.output<typeof OvertimeOption>[] = [];
  const overBy = new Map<string, number>();
  if (nobody) {
    const over = await draftInsertionDay(deps, source, { day: d.day, overtimeAllowanceSeconds: MAX_FORCED_OVERTIME_MINUTES * 60 });
    for (const option of overtimeOptions(over, names)) {
      overBy.set(option.technicianId, option.overtimeMinutes);
      if (option.overtimeMinutes > option.overtimeBeforeMinutes) overtime.push(option);
    }
    overtime.sort((a, b) => a.overtimeMinutes - b.overtimeMinutes || a.addedTravelSeconds - b.addedTravelSeconds);
  }

  const people = await peopleOf(prisma, d);
  const skillNames = await skillNamesOf(prisma, record);
  const unavailable = d.records.technicians
    .filter((t) => !taken.has(t.id))
    .map((t) => ({
      technicianId: t.id,
      technicianName: names.get(t.id) ?? '',
      reasons: reasonsFor(d, t.id, people.get(t.id) ?? { skills: [], absences: [] }, skillNames, overBy),
    }));

  return {
    agencyId: source.agencyId,
    day: d.day,
    candidates,
    unavailable,
    slots: nobody ? await slotOptions(deps, source, d.day) : [],
    overtime,
    bumps: nobody
      ? await bumpOptions(deps, source, d, [...taken, ...unavailable.filter((u) => u.reasons.every((r) => r.code === 'capacity')).map((u) => u.technicianId)])
      : [],
    neighbours: nobody ? await neighbourOptions(deps, source, d.day, options.mayDispatch) : [],
    travelTimes: d.travelTimes,
  };
}

interface Person {
  readonly skills: readonly { readonly skillId: string; readonly level: number }[];
  readonly absences: readonly { readonly kind: 'leave' | 'sick' | 'training' | 'other'; readonly endsAt: Date }[];
}

/** Every reason that holds, the most telling first (the skills, then the day, then its room). */
function reasonsFor(
  d: InsertionDay,
  technicianId: string,
  person: Person,
  skillNames: ReadonlyMap<string, string>,
  overBy: ReadonlyMap<string, number>,
): Reason[] {
  if (d.excludedReason === 'no_location') return [{ code: 'no_location' }];
  const reasons: Reason[] = [];
  const missing: string[] = [];
  for (const need of d.target.requiredSkills) {
    const held = person.skills.find((s) => s.skillId === need.skillId);
    const skill = skillNames.get(need.skillId) ?? '';
    if (!held) missing.push(skill);
    else if (held.level < need.minLevel) reasons.push({ code: 'skill_level', skill, level: held.level, required: need.minLevel });
  }
  if (missing.length > 0) reasons.unshift({ code: 'skill_missing', skills: missing });

  const tech = d.records.technicians.find((t) => t.id === technicianId)!;
  const shifts = shiftsOfDay(tech, d.day);
  const onDuty = d.ic.tours.some((t) => d.ic.ctx.problem.technicians[t.period.technician]!.id === technicianId);
  const tz = d.records.agency.timezone;
  const endOfDay = shifts.length ? zonedInstant(d.day, Math.max(...shifts.map((s) => s.endMinute)), tz) : null;
  const over = endOfDay !== null && d.day === localDay(d.now, tz) && d.now >= endOfDay;
  const absence = person.absences[0];
  if (shifts.length === 0) reasons.push({ code: 'not_working' });
  else if (over) reasons.push({ code: 'shift_over', endedAt: endOfDay.toISOString() });
  else if (!onDuty && absence) reasons.push({ code: 'absent', kind: absence.kind, until: absence.endsAt.toISOString() });
  else if (!onDuty) reasons.push({ code: 'not_working' });
  const short = d.partsShort.get(technicianId);
  if (short) reasons.push({ code: 'parts_missing', parts: partsOf(short) });
  if (reasons.length === 0) reasons.push({ code: 'capacity', overMinutes: overBy.get(technicianId) ?? null });
  return reasons;
}

/** The references after the message's colon (insertion.ts's partsShort: "parts not available to … on …: A, B"). */
function partsOf(message: string): string[] {
  const tail = message.slice(message.lastIndexOf(': ') + 2);
  return tail === 'short' ? [] : tail.split(', ').filter(Boolean);
}

/** For each technician, the best place on the day where hours may run over (what else would still not fit is said). */
function overtimeOptions(over: InsertionDay, names: ReadonlyMap<string, string>): z.output<typeof OvertimeOption>[] {
  if (!over.visit) return [];
  const out: z.output<typeof OvertimeOption>[] = [];
  for (const c of rankDay(over, 1000).candidates) {
    const move = timeMove(over, c.technicianId, { position: c.position });
    if (move.refusal || !move.eta || !move.plannedEnd) continue;
    out.push({
      technicianId: c.technicianId,
      technicianName: names.get(c.technicianId) ?? '',
      day: over.day,
      position: move.position,
      eta: move.eta.toISOString(),
      plannedEnd: move.plannedEnd.toISOString(),
      overtimeMinutes: Math.ceil(move.overtimeSeconds / 60),
      overtimeBeforeMinutes: Math.ceil(move.overtimeBeforeSeconds / 60),
      addedTravelSeconds: move.addedTravelSeconds,
      addedTravelMeters: move.addedTravelMeters,
      pushedOut: move.pushedOut.length,
    });
  }
  return out;
}

/** The best free place of each coming day with one, in day order, until SLOT_COUNT (the engine's slot search: nobody pushed out). */
async function slotOptions(
  deps: InsertionDeps,
  source: { agencyId: string; record: InterventionRecord },
  from: IsoDay,
): Promise<z.output<typeof SlotOption>[]> {
  const out: z.output<typeof SlotOption>[] = [];
  for (let i = 1; i <= SLOT_DAYS && out.length < SLOT_COUNT; i++) {
    const day = addDays(from, i);
    const d = await draftInsertionDay(deps, source, { day });
    if (!d.visit) continue;
    const best = slotsFrom(d.ic, d.visit, { visit: d.visit, count: 1 })[0];
    if (!best) continue;
    const { clock } = d.adapted;
    out.push({
      day,
      windowStart: clock.instant(best.window[0]).toISOString(),
      windowEnd: clock.instant(best.window[1]).toISOString(),
      technicianId: best.technician,
      technicianName: (await technicianNames(deps.prisma, [best.technician])).get(best.technician) ?? '',
      eta: clock.instant(best.eta).toISOString(),
    });
  }
  return out;
}

/**
 * Lower-priority visits of skilled technicians on duty that could give way
 * (the engine, left to itself, pushes out the end of the tour whatever its priority):
 * the request takes the visit's place (nobody else pushed out), and the visit
 * goes to another technician who has room that day, or back to the queue.
 */
async function bumpOptions(
  deps: InsertionDeps,
  source: { agencyId: string; record: InterventionRecord },
  d: InsertionDay,
  /** Skilled technicians on duty whose day is full. */
  able: readonly string[],
): Promise<z.output<typeof BumpOption>[]> {
  const givers = d.records.interventions
    .filter(
      (i) =>
        i.stop !== null &&
        i.stop.day === d.day &&
        able.includes(i.stop.technicianId) &&
        (i.status === 'planned' || i.status === 'assigned') &&
        !i.pinned &&
        i.priority < source.record.priority,
    )
    .sort((a, b) => a.priority - b.priority || (a.stop!.plannedStart?.getTime() ?? 0) - (b.stop!.plannedStart?.getTime() ?? 0));
  const out: z.output<typeof BumpOption>[] = [];
  const used = new Set<string>();
  for (const visit of givers) {
    if (out.length >= BUMP_COUNT) break;
    const technicianId = visit.stop!.technicianId;
    if (used.has(technicianId)) continue;
    const without = await draftInsertionDay(deps, source, { day: d.day, without: [visit.id] });
    let move = timeMove(without, technicianId, { position: visit.stop!.sequence });
    if (move.refusal || move.pushedOut.length > 0) move = timeMove(without, technicianId);
    if (move.refusal || !move.eta || move.pushedOut.length > 0) continue;
    used.add(technicianId);
    const elsewhere = await insertionCandidates(deps, visit.id, { day: d.day, limit: 50 });
    const to = elsewhere.candidates.find((c) => c.technicianId !== technicianId && c.pushedOut.length === 0);
    const names = await technicianNames(deps.prisma, [technicianId, ...(to ? [to.technicianId] : [])]);
    out.push({
      technicianId,
      technicianName: names.get(technicianId) ?? '',
      day: d.day,
      position: move.position,
      eta: move.eta.toISOString(),
      addedTravelSeconds: move.addedTravelSeconds,
      bumped: {
        interventionId: visit.id,
        label: await visitLabel(deps.prisma, visit.id),
        priority: visit.priority,
        plannedStart: visit.stop!.plannedStart?.toISOString() ?? null,
      },
      bumpedTo: to ? { technicianId: to.technicianId, technicianName: names.get(to.technicianId) ?? '', plannedStart: to.plannedStart } : null,
    });
  }
  return out;
}

/** The best technicians of the other agencies of the region the caller dispatches for. */
async function neighbourOptions(
  deps: InsertionDeps,
  source: { agencyId: string; record: InterventionRecord },
  day: IsoDay,
  mayDispatch: (agencyId: string) => boolean,
): Promise<z.output<typeof NeighbourOption>[]> {
  const own = await deps.prisma.agency.findUnique({ where: { id: source.agencyId }, select: { regionId: true } });
  if (!own?.regionId) return [];
  const agencies = await deps.prisma.agency.findMany({
    where: { regionId: own.regionId, id: { not: source.agencyId } },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  });
  const out: z.output<typeof NeighbourOption>[] = [];
  for (const agency of agencies.filter((a) => mayDispatch(a.id))) {
    const d = await draftInsertionDay(deps, { agencyId: agency.id, record: source.record }, { day });
    const ranked = rankDay(d, NEIGHBOUR_COUNT).candidates;
    const names = await technicianNames(
      deps.prisma,
      ranked.map((c) => c.technicianId),
    );
    for (const c of ranked) {
      out.push({
        ...c,
        pushedOut: [...c.pushedOut],
        order: [...c.order],
        technicianName: names.get(c.technicianId) ?? '',
        agencyId: agency.id,
        agencyName: agency.name,
      });
    }
  }
  return out.sort((a, b) => a.score - b.score).slice(0, NEIGHBOUR_COUNT);
}

async function technicianNames(prisma: PrismaClient, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await prisma.technician.findMany({ where: { id: { in: [...ids] } }, select: { id: true, firstName: true, lastName: true } });
  return new Map(rows.map((r) => [r.id, `${r.firstName} ${r.lastName}`]));
}

/** Skills held and absences overlapping the day, per technician of the agency. */
async function peopleOf(prisma: PrismaClient, d: InsertionDay): Promise<Map<string, Person>> {
  const tz = d.records.agency.timezone;
  const from = zonedInstant(d.day, 0, tz);
  const to = zonedInstant(addDays(d.day, 1), 0, tz);
  const rows = await prisma.technician.findMany({
    where: { id: { in: d.records.technicians.map((t) => t.id) } },
    select: {
      id: true,
      skills: { select: { skillId: true, level: true } },
      absences: { where: { endsAt: { gt: from }, startsAt: { lt: to } }, select: { kind: true, endsAt: true }, orderBy: { startsAt: 'asc' } },
    },
  });
  return new Map(rows.map((r) => [r.id, { skills: r.skills, absences: r.absences }]));
}

async function skillNamesOf(prisma: PrismaClient, record: InterventionRecord): Promise<Map<string, string>> {
  const rows = await prisma.skill.findMany({ where: { id: { in: record.requiredSkills.map((s) => s.skillId) } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** How the board names a visit: its site and town (never its id). */
async function visitLabel(prisma: PrismaClient, interventionId: string): Promise<string> {
  const row = await prisma.intervention.findUnique({ where: { id: interventionId }, select: { site: { select: { name: true, address: true, city: true } } } });
  return row ? `${row.site.name ?? row.site.address} — ${row.site.city}` : '';
}
