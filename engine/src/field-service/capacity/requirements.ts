/**
 * What a visit asks of whoever serves it, as far as capacity goes: its skills
 * with their levels and, under the hard sector rule, its sector. Visits with
 * the same requirement compete for the same technicians' hours; a technician
 * covers a requirement when they hold every skill at its level (and, under
 * the hard rule, have the sector as home or secondary sector).
 */
import { sectorStanding } from '../sectors.ts';
import { hasSkillLevels } from '../skills.ts';
import type { SectorRule, SkillLevels, Technician, Visit } from '../types.ts';

export interface Requirement {
  readonly index: number;
  readonly key: string;
  readonly skills: SkillLevels;
  /** Only under the hard sector rule. */
  readonly sector?: string;
}

export class Requirements {
  readonly list: Requirement[] = [];
  private readonly byKey = new Map<string, Requirement>();

  constructor(private readonly rule: SectorRule) {}

  /** The requirement of a visit in `sector`, allocated on first use. */
  of(visit: Visit, sector: string | undefined): Requirement {
    const skills = Object.fromEntries(Object.entries(visit.skills ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const hardSector = this.rule === 'hard' ? sector : undefined;
    const key = `${skillsKey(skills)}|${hardSector ?? ''}`;
    let r = this.byKey.get(key);
    if (!r) {
      r = { index: this.list.length, key, skills, ...(hardSector !== undefined ? { sector: hardSector } : {}) };
      this.list.push(r);
      this.byKey.set(key, r);
    }
    return r;
  }

  /** The indices of the requirements a technician covers (a sorted list: technicians covering the same ones are interchangeable here). */
  coveredBy(technician: Pick<Technician, 'skills' | 'sectors' | 'secondarySectors'>): number[] {
    return this.list
      .filter(
        (r) =>
          hasSkillLevels(technician.skills, r.skills) &&
          (r.sector === undefined || sectorStanding(r.sector, technician.sectors, technician.secondarySectors) !== 'outside'),
      )
      .map((r) => r.index);
  }
}

export function skillsKey(skills: SkillLevels): string {
  return Object.entries(skills)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([s, l]) => `${s}@${l}`)
    .join(',');
}

/** "hvac ≥ 2, gas ≥ 1", or "no particular skill". */
export function describeSkills(skills: SkillLevels): string {
  const parts = Object.entries(skills).map(([s, l]) => `${s} ≥ ${l}`);
  return parts.length > 0 ? parts.join(', ') : 'no particular skill';
}
