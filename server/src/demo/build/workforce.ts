// About 25 technicians: a mix of profiles per agency (heat-pump/AC
// frigoristes, gas-boiler specialists, a pool specialist, generalists), each
// with skill levels, a home in their primary sector, secondary sectors (two of
// them across agencies), weekly shifts with a lunch break window, and a few
// absences around today.
import type { Prisma } from '../../generated/prisma/client.ts';
import { addDays, dateFromDay, isoWeekday } from '@tournee/contracts/calendar';
import { FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, STREETS, fictionalPhone } from '../catalogue/people.ts';
import { PROFILES, SKILLS, type SkillCode } from '../catalogue/trade.ts';
import { at, scatter, type BuildContext } from './context.ts';
import type { BuiltAgency, BuiltSector, Organisation } from './organisation.ts';

type Profile = keyof typeof PROFILES;

const COMPOSITION: Record<number, Profile[]> = {
  9: ['hvac', 'boiler', 'pool', 'generalist', 'hvac', 'boiler', 'hvac', 'boiler', 'generalist'],
  7: ['hvac', 'boiler', 'pool', 'generalist', 'hvac', 'boiler', 'generalist'],
};

const COLORS = [
  '#e6194b',
  '#3cb44b',
  '#4363d8',
  '#f58231',
  '#911eb4',
  '#42d4f4',
  '#f032e6',
  '#bfef45',
  '#469990',
  '#9a6324',
  '#800000',
  '#808000',
  '#000075',
  '#e6beff',
  '#aaffc3',
  '#ffd8b1',
  '#fabed4',
  '#dcbeff',
  '#a9a9a9',
  '#ffe119',
  '#006400',
  '#8b008b',
  '#ff4500',
  '#2f4f4f',
  '#1e90ff',
  '#b8860b',
  '#00ced1',
  '#c71585',
];

/** Cross-agency coverage: a sector of one agency that a neighbour agency's technician also covers. */
const CROSS_AGENCY: Array<[string, string]> = [
  ['AIX-N', 'AVI-S'], // Val de Durance ↔ Luberon
  ['MRS-E', 'AIX-E'], // Étoile ↔ haute vallée de l'Arc
];

export interface BuiltTechnician {
  id: string;
  number: number;
  agency: BuiltAgency;
  firstName: string;
  lastName: string;
  email: string;
  profile: Profile;
  skills: Partial<Record<SkillCode, number>>;
  primary: BuiltSector;
  absentToday: boolean;
}

export interface Workforce {
  technicians: Prisma.TechnicianCreateManyInput[];
  technicianSkills: Prisma.TechnicianSkillCreateManyInput[];
  technicianSectors: Prisma.TechnicianSectorCreateManyInput[];
  shifts: Prisma.ShiftCreateManyInput[];
  absences: Prisma.AbsenceCreateManyInput[];
  built: BuiltTechnician[];
}

export const LUNCH = { breakMinutes: 45, breakStartMinute: 12 * 60, breakEndMinute: 14 * 60 } as const;

export function buildWorkforce(ctx: BuildContext, org: Organisation): Workforce {
  const { r } = ctx;
  const out: Workforce = { technicians: [], technicianSkills: [], technicianSectors: [], shifts: [], absences: [], built: [] };
  const usedNames = new Set<string>();
  const sectorByCode = new Map(org.built.flatMap((a) => a.sectors.map((s) => [s.def.code, s] as const)));
  let number = 0;

  for (const agency of org.built) {
    const profiles = COMPOSITION[agency.def.technicians];
    if (!profiles) throw new Error(`no technician composition for ${agency.def.technicians} technicians`);
    const seniorSeen = new Set<Profile>();
    profiles.forEach((profile, index) => {
      number += 1;
      const female = r.chance(0.2);
      let firstName: string;
      let lastName: string;
      do {
        firstName = r.pick(female ? FIRST_NAMES_F : FIRST_NAMES_M);
        lastName = r.pick(LAST_NAMES);
      } while (usedNames.has(`${firstName} ${lastName}`));
      usedNames.add(`${firstName} ${lastName}`);

      // The first of each profile in an agency is its senior: top levels, so
      // every demanding call has someone qualified.
      const senior = !seniorSeen.has(profile);
      seniorSeen.add(profile);
      const skills: Partial<Record<SkillCode, number>> = {};
      for (const [code, [lo, hi]] of Object.entries(PROFILES[profile]) as Array<[SkillCode, [number, number]]>) {
        skills[code] = senior ? hi : r.between(lo, hi);
      }

      const primary = agency.sectors[index % agency.sectors.length]!;
      const home = scatter(
        r,
        r.weighted(primary.places, (p) => Math.sqrt(p.population)),
      );
      const homeTown = primary.places.reduce((best, p) =>
        Math.hypot(p.lat - home.lat, p.lon - home.lon) < Math.hypot(best.lat - home.lat, best.lon - home.lon) ? p : best,
      );
      const id = r.uuid();
      const email = `technicien${number}@demo.tournee.fr`;
      out.technicians.push({
        id,
        agencyId: agency.id,
        firstName,
        lastName,
        email,
        phone: fictionalPhone(true, 1000 + number),
        homeAddress: `${r.between(1, 120)} ${r.pick(STREETS)}, ${homeTown.postcode} ${homeTown.city ?? homeTown.place}`,
        homeLat: home.lat,
        homeLon: home.lon,
        color: COLORS[(number - 1) % COLORS.length]!,
      });
      for (const skill of SKILLS) {
        const level = skills[skill.code];
        if (level) out.technicianSkills.push({ technicianId: id, skillId: org.skillIds[skill.code], level });
      }

      // Sectors: the primary, then neighbours; a pool specialist covers the
      // whole agency (there are few of them).
      const others = agency.sectors.filter((s) => s !== primary);
      const secondary = profile === 'pool' ? others : r.sample(others, r.between(1, 2));
      out.technicianSectors.push({ technicianId: id, sectorId: primary.id, primary: true });
      for (const s of secondary) out.technicianSectors.push({ technicianId: id, sectorId: s.id, primary: false });
      out.built.push({ id, number, agency, firstName, lastName, email, profile, skills, primary, absentToday: false });
      addShifts(ctx, out, id, index);
    });
  }
  for (const [from, to] of CROSS_AGENCY) {
    const technician = out.built.find((t) => t.primary.def.code === from && t.profile !== 'pool');
    if (technician) out.technicianSectors.push({ technicianId: technician.id, sectorId: sectorByCode.get(to)!.id, primary: false });
  }
  addAbsences(ctx, out);
  return out;
}

function addShifts(ctx: BuildContext, out: Workforce, technicianId: string, index: number): void {
  // Most work 8:00–17:00; some start early (7:30–16:30); one per agency works
  // four days (Wednesday off). All take 45 min for lunch between 12:00 and 14:00.
  const early = index % 3 === 1;
  const partTime = index === 5;
  const [start, end] = early ? [7 * 60 + 30, 16 * 60 + 30] : [8 * 60, 17 * 60];
  for (let weekday = 1; weekday <= 5; weekday++) {
    if (partTime && weekday === 3) continue;
    out.shifts.push({ id: ctx.r.uuid(), technicianId, weekday, startMinute: start, endMinute: end, ...LUNCH });
  }
  // A demo started on a weekend still needs a day to plan: the team is on
  // call ("astreinte") that day, with a one-day shift.
  if (isoWeekday(ctx.today) >= 6) {
    out.shifts.push({
      id: ctx.r.uuid(),
      technicianId,
      date: dateFromDay(ctx.today),
      startMinute: 8 * 60 + 30,
      endMinute: 16 * 60 + 30,
      ...LUNCH,
    });
  }
}

function addAbsences(ctx: BuildContext, out: Workforce): void {
  const { r, today } = ctx;
  // Two juniors away today (never a senior, so skills stay covered), one
  // leave coming up, one sick leave last month.
  const juniors = out.built.filter((t, i) => out.built.findIndex((u) => u.agency === t.agency && u.profile === t.profile) !== i);
  const [onLeave, inTraining, later, earlier] = r.sample(
    juniors.filter((t) => t.agency.def.code !== 'AVI'),
    4,
  );
  const day = (d: string, minute = 0) => at(d, minute);
  if (onLeave) {
    onLeave.absentToday = true;
    out.absences.push({
      id: r.uuid(),
      technicianId: onLeave.id,
      kind: 'leave',
      startsAt: day(addDays(today, -2)),
      endsAt: day(addDays(today, 5)),
      note: 'Congés payés',
    });
  }
  if (inTraining) {
    inTraining.absentToday = true;
    out.absences.push({
      id: r.uuid(),
      technicianId: inTraining.id,
      kind: 'training',
      startsAt: day(today),
      endsAt: day(addDays(today, 1)),
      note: 'Recyclage attestation de capacité fluides frigorigènes',
    });
  }
  if (later) {
    out.absences.push({
      id: r.uuid(),
      technicianId: later.id,
      kind: 'leave',
      startsAt: day(addDays(today, 10)),
      endsAt: day(addDays(today, 15)),
      note: 'Congés payés',
    });
  }
  if (earlier) {
    out.absences.push({
      id: r.uuid(),
      technicianId: earlier.id,
      kind: 'sick',
      startsAt: day(addDays(today, -24)),
      endsAt: day(addDays(today, -21)),
      note: 'Arrêt maladie',
    });
  }
}
