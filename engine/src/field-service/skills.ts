/**
 * Skills with levels as the core's integer skills: a technician at level L of
 * a skill holds the ids of `skill@1` … `skill@L`, and a visit needing level ≥ k
 * requires the id of `skill@k`. Set inclusion then says exactly "has the skill
 * at level k or more", with the core's plain skills check.
 */
import type { SkillLevels, Technician, Visit } from './types.ts';

export class SkillIds {
  private readonly ids = new Map<string, number>();

  /** The id of `skill@level`, allocated on first use. */
  id(skill: string, level: number): number {
    const k = `${skill}@${level}`;
    let id = this.ids.get(k);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(k, id);
    }
    return id;
  }

  technician(t: Technician): number[] {
    const out: number[] = [];
    for (const [skill, level] of Object.entries(t.skills ?? {})) for (let l = 1; l <= level; l++) out.push(this.id(skill, l));
    return out;
  }

  visit(v: Visit): number[] {
    return Object.entries(v.skills ?? {}).map(([skill, level]) => this.id(skill, level));
  }

  /** `skill@level` of every id, for messages. */
  legend(): Record<number, string> {
    const out: Record<number, string> = {};
    for (const [k, id] of this.ids) out[id] = k;
    return out;
  }
}

/** Whether a technician holds every skill of a visit at its level. */
export function hasSkillLevels(technician: SkillLevels | undefined, required: SkillLevels | undefined): boolean {
  for (const [skill, level] of Object.entries(required ?? {})) if ((technician?.[skill] ?? 0) < level) return false;
  return true;
}

/** The visit's service time for a technician: the shortest of the level entries they match, else the base duration. */
export function serviceDuration(visit: Visit, technician: SkillLevels | undefined): number {
  let best = Number.POSITIVE_INFINITY;
  for (const entry of visit.durationByLevel ?? []) {
    if ((technician?.[entry.skill] ?? 0) >= entry.minLevel && entry.duration < best) best = entry.duration;
  }
  return best === Number.POSITIVE_INFINITY ? visit.duration : best;
}
