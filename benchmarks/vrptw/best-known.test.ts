import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INSTANCES_DIR, parseBestKnown, readBestKnown } from './best-known.ts';

describe('readBestKnown', () => {
  const table = readBestKnown();

  it('has both objectives for a Solomon instance', () => {
    expect(table.best('C101', 'dist')).toMatchObject({ vehicles: 10, distance: 828.94 });
    expect(table.best('C101', 'hier')).toMatchObject({ vehicles: 10, distance: 828.94 });
  });

  it('has only the hierarchical objective for Gehring & Homberger, whatever the case', () => {
    expect(table.best('c1_2_1', 'hier')).toMatchObject({ vehicles: 20, distance: 2704.5678 });
    expect(table.best('C1_2_1', 'hier')?.distance).toBe(2704.5678);
    expect(table.best('c1_2_1', 'dist')).toBeUndefined();
    expect(table.best('c1_10_1', 'hier')).toMatchObject({ vehicles: 100, distance: 42478.9516 });
  });

  it('covers every instance file of the three sets', () => {
    for (const set of ['solomon', 'gh200', 'gh1000']) {
      const names = readdirSync(`${INSTANCES_DIR}${set}`).map((file) => file.replace(/\.txt$/, ''));
      expect(names.length).toBeGreaterThanOrEqual(56);
      for (const name of names) expect(table.best(name, 'hier'), name).toBeDefined();
      if (set === 'solomon') for (const name of names) expect(table.best(name, 'dist'), name).toBeDefined();
    }
    expect(table.get('nope')).toBeUndefined();
  });
});

describe('parseBestKnown', () => {
  const header = 'instance,objective,vehicles,distance,source\n';

  it('reads quoted fields', () => {
    const table = parseBestKnown(`${header}X1,hier,3,"12.5","a, b"\n`);
    expect(table.best('x1', 'hier')).toEqual({ vehicles: 3, distance: 12.5, source: 'a, b' });
  });

  it('names the line of bad rows', () => {
    expect(() => parseBestKnown(`${header}X1,best,3,12.5,s\n`, 'b.csv')).toThrow('b.csv:2: objective "best"');
    expect(() => parseBestKnown(`${header}X1,hier,3,12.5,s\nx1,hier,3,12,s\n`, 'b.csv')).toThrow('b.csv:3: x1 hier already given on line 2');
    expect(() => parseBestKnown('instance,vehicles\n', 'b.csv')).toThrow('b.csv:1: missing column "objective"');
  });
});
