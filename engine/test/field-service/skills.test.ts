import { describe, expect, it } from 'vitest';
import { hasSkillLevels, serviceDuration, SkillIds } from '../../src/field-service/skills.ts';
import { tech, visit } from './fixtures.ts';

describe('skills with levels', () => {
  it('maps levels to cumulative ids: level 3 holds @1, @2 and @3', () => {
    const ids = new SkillIds();
    const held = ids.technician(tech('a', { skills: { hvac: 3 } }));
    expect(held).toHaveLength(3);
    expect(held).toContain(ids.id('hvac', 2));
    expect(ids.visit(visit('v', { skills: { hvac: 2 } }))).toEqual([ids.id('hvac', 2)]);
    expect(ids.legend()[ids.id('hvac', 2)]).toBe('hvac@2');
  });

  it('checks levels and picks the duration for the technician', () => {
    expect(hasSkillLevels({ hvac: 2 }, { hvac: 2 })).toBe(true);
    expect(hasSkillLevels({ hvac: 1 }, { hvac: 2 })).toBe(false);
    expect(hasSkillLevels(undefined, undefined)).toBe(true);
    const v = visit('v', {
      duration: 3600,
      durationByLevel: [
        { skill: 'hvac', minLevel: 2, duration: 3000 },
        { skill: 'hvac', minLevel: 3, duration: 2400 },
      ],
    });
    expect(serviceDuration(v, { hvac: 1 })).toBe(3600);
    expect(serviceDuration(v, { hvac: 2 })).toBe(3000);
    expect(serviceDuration(v, { hvac: 4 })).toBe(2400);
  });
});
