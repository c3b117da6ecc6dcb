import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { DAY } from '../../engine/src/field-service/types.ts';
import { parseFieldServiceProblem } from '../../engine/src/field-service/validate.ts';
import { generateFieldServiceInstance } from './generate.ts';
import { TOWNS } from './provence-towns.ts';

const H = 3600;
const options = { technicians: 24, visits: 400, days: 7, seed: 7 };
const instance = generateFieldServiceInstance(options);

describe('field-service instance generator', () => {
  it('is deterministic: same options, same bytes; another seed, another instance', () => {
    expect(JSON.stringify(generateFieldServiceInstance(options))).toBe(JSON.stringify(instance));
    expect(JSON.stringify(generateFieldServiceInstance({ ...options, seed: 8 }))).not.toBe(JSON.stringify(instance));
  });

  it('passes the field-service validator, for several sizes and seeds', () => {
    expect(() => parseFieldServiceProblem(JSON.parse(JSON.stringify(instance)))).not.toThrow();
    for (const [technicians, visits, days, seed] of [
      [1, 0, 1, 1],
      [3, 40, 1, 2],
      [100, 800, 1, 3],
      [10, 200, 14, 4],
    ]) {
      const problem = generateFieldServiceInstance({ technicians, visits, days, seed });
      expect(problem.technicians).toHaveLength(technicians);
      expect(problem.visits).toHaveLength(visits);
      expect(() => parseFieldServiceProblem(JSON.parse(JSON.stringify(problem))), `${technicians}/${visits}/${days}`).not.toThrow();
    }
  });

  it('places every customer in exactly one sector, near the towns of Provence', () => {
    const sectors = instance.sectors ?? [];
    expect(sectors.map((s) => s.id).sort()).toEqual(['AIX', 'ALP', 'AVI', 'BER', 'HPR', 'MRS', 'TLN', 'VAR']);
    for (const visit of instance.visits) {
      const hits = sectors.filter((s) => booleanPointInPolygon([...visit.location], s.geometry as unknown as Parameters<typeof booleanPointInPolygon>[1]));
      expect(hits, visit.id).toHaveLength(1);
      expect(visit.location[0]).toBeGreaterThan(4.3);
      expect(visit.location[0]).toBeLessThan(6.6);
      expect(visit.location[1]).toBeGreaterThan(42.95);
      expect(visit.location[1]).toBeLessThan(44.6);
    }
    // Each town's centre lies in its own sector.
    for (const town of TOWNS) {
      const sector = sectors.find((s) => s.id === town.sector)!;
      expect(booleanPointInPolygon([town.lon, town.lat], sector.geometry as unknown as Parameters<typeof booleanPointInPolygon>[1]), town.name).toBe(true);
    }
  });

  it('gives technicians skills with levels, agencies, sectors, weekday shifts with lunch breaks', () => {
    const agencies = new Set(instance.technicians.map((t) => t.agency));
    expect(agencies.size).toBe(5);
    for (const t of instance.technicians) {
      const levels = Object.values(t.skills ?? {});
      expect(levels.length).toBeGreaterThanOrEqual(2);
      expect(levels.every((l) => l >= 1 && l <= 3)).toBe(true);
      expect(t.sectors).toHaveLength(1);
      expect(t.secondarySectors?.length).toBeGreaterThanOrEqual(1);
      // Monday to Friday always; Sunday (day 6) never.
      for (let day = 0; day < 5; day++)
        expect(
          t.shifts.some((s) => Math.floor(s.start / DAY) === day),
          `${t.id} day ${day}`,
        ).toBe(true);
      expect(t.shifts.some((s) => Math.floor(s.start / DAY) === 6)).toBe(false);
    }
    const lunches = instance.technicians.flatMap((t) => t.shifts.flatMap((s) => (s.lunch ? [s.lunch] : [])));
    expect(lunches.length).toBeGreaterThan(instance.technicians.length * 4);
    for (const lunch of lunches) expect(lunch.window[1] - lunch.window[0]).toBeGreaterThan(lunch.duration);
  });

  it('mixes AM/PM windows, maintenance date ranges, emergencies with a 4 h SLA, pins and usual technicians', () => {
    const visits = instance.visits;
    const am = visits.filter((v) => v.windows?.[0][0] === 8 * H && v.windows[0][1] <= 12 * H).length;
    const pm = visits.filter((v) => v.windows?.[0][0] === 13 * H + 1800).length;
    expect(am).toBeGreaterThan(visits.length * 0.2);
    expect(pm).toBeGreaterThan(visits.length * 0.2);

    const emergencies = visits.filter((v) => v.slaDeadline !== undefined);
    expect(emergencies).toHaveLength(Math.round(visits.length * 0.05));
    for (const v of emergencies) {
      expect(v.earliestDay).toBe(v.latestDay);
      const reported = v.earliestDay! * DAY + v.windows![0][0];
      expect(v.slaDeadline).toBe(reported + 4 * H);
      expect(v.priority).toBeGreaterThan(Math.max(...visits.filter((w) => w.slaDeadline === undefined).map((w) => w.priority ?? 0)));
    }

    const ranges = visits.filter((v) => v.slaDeadline === undefined && !v.pin).map((v) => v.latestDay! - v.earliestDay!);
    expect(Math.max(...ranges)).toBeGreaterThanOrEqual(4);
    expect(new Set(visits.map((v) => v.earliestDay)).size).toBe(5); // spread over the working week

    const technicians = new Map(instance.technicians.map((t) => [t.id, t]));
    const pinned = visits.filter((v) => v.pin);
    expect(pinned.length).toBeGreaterThan(0);
    for (const v of pinned) {
      const t = technicians.get(v.pin!.technician!)!;
      for (const [skill, level] of Object.entries(v.skills ?? {})) expect(t.skills?.[skill] ?? 0).toBeGreaterThanOrEqual(level);
      const time = v.pin!.start! - v.earliestDay! * DAY;
      expect(v.windows!.some(([a, b]) => a <= time && time <= b)).toBe(true);
    }
    expect(visits.some((v) => v.usualTechnicians?.length === 1)).toBe(true);
    // Every skill level asked for is held by someone.
    for (const v of visits) {
      for (const [skill, level] of Object.entries(v.skills ?? {})) {
        expect(
          instance.technicians.some((t) => (t.skills?.[skill] ?? 0) >= level),
          `${v.id} ${skill} ${level}`,
        ).toBe(true);
      }
    }
  });
});

describe('generate.ts as a command', () => {
  it('writes the same instance as the function, and refuses bad flags', () => {
    const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
    const tsx = join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
    const dir = mkdtempSync(join(tmpdir(), 'fs-generate-'));
    try {
      const out = join(dir, 'instance.json');
      const args = ['benchmarks/field-service/generate.ts', '--technicians', '6', '--visits', '50', '--days', '3', '--seed', '11', '-o', out];
      const ok = spawnSync(process.execPath, [tsx, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
      expect(ok.status).toBe(0);
      expect(ok.stderr).toMatch(/^seed 11: 6 technicians .* 50 visits/);
      expect(readFileSync(out, 'utf8')).toBe(`${JSON.stringify(generateFieldServiceInstance({ technicians: 6, visits: 50, days: 3, seed: 11 }))}\n`);
      const bad = spawnSync(process.execPath, [tsx, 'benchmarks/field-service/generate.ts', '--days', '15'], {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(bad.status).not.toBe(0);
      expect(bad.stderr).toMatch(/--days must be at most 14/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
