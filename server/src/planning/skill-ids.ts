// The engine matches skills as sets of integers. Levels become one skill id
// per (skill, level): a technician at hvac level 3 holds the ids of hvac ≥ 1,
// ≥ 2 and ≥ 3, and a visit needing hvac ≥ 2 requires the id of hvac ≥ 2 only —
// so set inclusion is exactly "level at least". Pins use ids of their own that
// only the pinned technician's (day's) vehicles hold.

export class SkillIds {
  private readonly ids = new Map<string, number>();
  /** What each integer stands for, for the run's stored input. */
  readonly legend: Record<number, string> = {};

  /** The id meaning "`skillId` at `level` or more". */
  atLeast(skillId: string, level: number): number {
    return this.id(`${skillId}>=${Math.max(1, Math.floor(level))}`);
  }

  /** All ids a holder of `skillId` at `level` has. */
  held(skillId: string, level: number): number[] {
    const ids: number[] = [];
    for (let l = 1; l <= Math.floor(level); l++) ids.push(this.atLeast(skillId, l));
    return ids;
  }

  /** An id only the given vehicles will hold. */
  pin(key: string): number {
    return this.id(`pin:${key}`);
  }

  private id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size + 1;
      this.ids.set(key, id);
      this.legend[id] = key;
    }
    return id;
  }
}
