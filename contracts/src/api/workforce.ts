// Skills, technicians (with skill levels and sectors), their shifts and
// absences, and user accounts.
import { z } from 'zod';
import { Day, Email, Id, Instant, Latitude, Longitude, MinuteOfDay, Pagination, QueryBool, Text, Timestamps, optional } from './common.ts';

export const SkillInput = z.object({
  code: z.string().trim().min(1).max(40),
  name: Text(),
  description: optional(Text(2000)),
});
export const SkillPatch = SkillInput.partial();
export const Skill = SkillInput.extend({ id: Id, description: z.string().nullable(), createdAt: Instant });
export const SkillQuery = Pagination.extend({ q: z.string().optional() });

/** 1 (novice) to 5 (expert). */
export const SkillLevel = z.number().int().min(1).max(5);

export const TechnicianSkillInput = z.object({ skillId: Id, level: SkillLevel });
export const TechnicianSectorInput = z.object({ sectorId: Id, primary: z.boolean().optional() });

const uniqueBy =
  <T>(key: (t: T) => string, what: string) =>
  (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(key(item))) ctx.addIssue({ code: 'custom', path: [i], message: `${what} listed twice` });
      seen.add(key(item));
    });
  };

export const TechnicianInput = z.object({
  agencyId: Id,
  firstName: Text(100),
  lastName: Text(100),
  email: optional(Email),
  phone: optional(Text(40)),
  homeAddress: optional(Text()),
  homeLat: optional(Latitude),
  homeLon: optional(Longitude),
  color: optional(z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1f77b4')),
  active: z.boolean().optional(),
  /** Replaces the technician's skills when present. */
  skills: z
    .array(TechnicianSkillInput)
    .max(100)
    .superRefine(uniqueBy((s) => s.skillId, 'skill'))
    .optional(),
  /** Replaces the technician's usual sectors when present. */
  sectors: z
    .array(TechnicianSectorInput)
    .max(100)
    .superRefine(uniqueBy((s) => s.sectorId, 'sector'))
    .optional(),
});
export const TechnicianPatch = TechnicianInput.partial();
export const Technician = z.object({
  id: Id,
  agencyId: Id,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  homeAddress: z.string().nullable(),
  homeLat: z.number().nullable(),
  homeLon: z.number().nullable(),
  color: z.string().nullable(),
  active: z.boolean(),
  skills: z.array(z.object({ skillId: Id, level: SkillLevel, skill: Skill.pick({ code: true, name: true }).optional() })),
  sectors: z.array(z.object({ sectorId: Id, primary: z.boolean() })),
  ...Timestamps,
});
export const TechnicianQuery = Pagination.extend({
  agencyId: Id.optional(),
  skillId: Id.optional(),
  active: QueryBool.optional(),
  q: z.string().optional(),
});

// A weekly shift (weekday) or a one-day one (date) that overrides the weekly
// ones that day.
export const ShiftFields = z.object({
  weekday: optional(z.number().int().min(1).max(7)),
  date: optional(Day),
  startMinute: MinuteOfDay,
  endMinute: MinuteOfDay,
  breakMinutes: z.number().int().min(0).max(600).optional(),
  /** When set (with breakEndMinute), the break is taken within this window; unset: anywhere. */
  breakStartMinute: optional(MinuteOfDay),
  breakEndMinute: optional(MinuteOfDay),
});
type ShiftLike = {
  weekday?: number | null;
  date?: string | Date | null;
  startMinute?: number;
  endMinute?: number;
  breakMinutes?: number;
  breakStartMinute?: number | null;
  breakEndMinute?: number | null;
};
/** Cross-field rules, also run on (stored record + patch) for updates. */
export function checkShift(s: ShiftLike, ctx: z.RefinementCtx): void {
  const hasWeekday = s.weekday !== undefined && s.weekday !== null;
  const hasDate = s.date !== undefined && s.date !== null;
  if (hasWeekday === hasDate) ctx.addIssue({ code: 'custom', path: ['weekday'], message: 'give either weekday (weekly shift) or date (one day), not both' });
  if (s.startMinute !== undefined && s.endMinute !== undefined && s.endMinute <= s.startMinute) {
    ctx.addIssue({ code: 'custom', path: ['endMinute'], message: 'must be after startMinute' });
  } else if (s.startMinute !== undefined && s.endMinute !== undefined && (s.breakMinutes ?? 0) >= s.endMinute - s.startMinute) {
    ctx.addIssue({ code: 'custom', path: ['breakMinutes'], message: 'must be shorter than the shift' });
  }
  const bs = s.breakStartMinute ?? null;
  const be = s.breakEndMinute ?? null;
  if ((bs === null) !== (be === null)) {
    ctx.addIssue({ code: 'custom', path: [bs === null ? 'breakStartMinute' : 'breakEndMinute'], message: 'give both ends of the break window, or neither' });
  } else if (bs !== null && be !== null) {
    if (be - bs < (s.breakMinutes ?? 0))
      ctx.addIssue({ code: 'custom', path: ['breakEndMinute'], message: 'the break window must be at least breakMinutes long' });
    else if (s.startMinute !== undefined && s.endMinute !== undefined && (bs < s.startMinute || be > s.endMinute)) {
      ctx.addIssue({ code: 'custom', path: ['breakStartMinute'], message: 'the break window must lie within the shift' });
    }
  }
}
export const ShiftInput = ShiftFields.superRefine(checkShift);
export const ShiftPatch = ShiftFields.partial();
export const Shift = z.object({
  id: Id,
  technicianId: Id,
  weekday: z.number().int().nullable(),
  date: Day.nullable(),
  startMinute: z.number().int(),
  endMinute: z.number().int(),
  breakMinutes: z.number().int(),
  breakStartMinute: z.number().int().nullable(),
  breakEndMinute: z.number().int().nullable(),
});

export const AbsenceKind = z.enum(['leave', 'sick', 'training', 'other']);
export const AbsenceFields = z.object({
  kind: AbsenceKind.optional(),
  startsAt: Instant,
  endsAt: Instant,
  note: optional(Text(1000)),
});
type AbsenceLike = { startsAt?: string | Date; endsAt?: string | Date };
export function checkAbsence(a: AbsenceLike, ctx: z.RefinementCtx): void {
  if (a.startsAt !== undefined && a.endsAt !== undefined && new Date(a.endsAt) <= new Date(a.startsAt)) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  }
}
export const AbsenceInput = AbsenceFields.superRefine(checkAbsence);
export const AbsencePatch = AbsenceFields.partial();
export const Absence = z.object({
  id: Id,
  technicianId: Id,
  kind: AbsenceKind,
  startsAt: Instant,
  endsAt: Instant,
  note: z.string().nullable(),
  createdAt: Instant,
});
export const AbsenceQuery = z.object({ from: Instant.optional(), to: Instant.optional() });

export const UserRole = z.enum(['admin', 'dispatcher', 'technician']);
export const Password = z.string().min(8, 'at least 8 characters').max(200);
export const UserFields = z.object({
  email: Email,
  name: Text(),
  password: Password,
  role: UserRole,
  /** Required for role technician: the technician this account is. */
  technicianId: optional(Id),
  /** The agencies a dispatcher works for. */
  agencyIds: z.array(Id).max(100).optional(),
  active: z.boolean().optional(),
});
export function checkUser(u: { role?: string; technicianId?: string | null }, ctx: z.RefinementCtx): void {
  if (u.role === 'technician' && !u.technicianId) ctx.addIssue({ code: 'custom', path: ['technicianId'], message: 'required for a technician account' });
}
export const UserInput = UserFields.superRefine(checkUser);
export const UserPatch = UserFields.partial();
/** Never carries the password hash. */
export const User = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  role: UserRole,
  technicianId: Id.nullable(),
  agencyIds: z.array(Id),
  active: z.boolean(),
  lastLoginAt: Instant.nullable(),
  ...Timestamps,
});
export const UserQuery = Pagination.extend({ role: UserRole.optional(), q: z.string().optional() });

export type TechnicianInput = z.infer<typeof TechnicianInput>;
export type ShiftInput = z.infer<typeof ShiftInput>;
export type AbsenceInput = z.infer<typeof AbsenceInput>;
export type UserInput = z.infer<typeof UserInput>;
