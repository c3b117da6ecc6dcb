import { describe, expect, it } from 'vitest';
import { parseInput } from '../../engine/src/input/validate.ts';
import type { Input } from '../../engine/src/types.ts';
import { EXCLUSIVE_SKILLS, LATEST_SHIFT_END, LUNCH, LUNCH_SERVICE, generateDay } from './generate-day.ts';
import { TIERS, parseTier, parseTiers } from './tiers.ts';

const H = 3600;
/** The keys VROOM 1.14's docs/API.md gives jobs and vehicles: nothing of the engine's extensions. */
const JOB_KEYS = ['id', 'location_index', 'location', 'service', 'skills', 'priority', 'time_windows'];
const VEHICLE_KEYS = ['id', 'profile', 'start_index', 'end_index', 'start', 'end', 'skills', 'time_window', 'breaks'];

const small = { technicians: 40, visits: 300, seed: 3 };
const day = generateDay(small);
const jobs = day.jobs ?? [];

describe('scale benchmark day generator', () => {
  it('is deterministic: same options, same bytes; another seed, another day', () => {
    expect(JSON.stringify(generateDay(small))).toBe(JSON.stringify(day));
    expect(JSON.stringify(generateDay({ ...small, seed: 4 }))).not.toBe(JSON.stringify(day));
  });

  it("has the four tiers of issue 14, and each day has the tier's technicians and visits and a square matrix", () => {
    expect(TIERS.map((t) => `${t.technicians}x${t.visits}`)).toEqual(['40x300', '60x420', '120x900', '200x1500']);
    for (const tier of TIERS) {
      const input = generateDay({ ...tier, seed: 1 });
      expect(input.vehicles).toHaveLength(tier.technicians);
      expect(input.jobs).toHaveLength(tier.visits);
      const places = tier.technicians + tier.visits;
      expect(input.matrices?.car?.durations).toHaveLength(places);
      expect(input.matrices?.car?.distances?.every((row) => row.length === places)).toBe(true);
    }
  });

  it("is valid VROOM input: the engine's validator accepts it and only VROOM's own keys are used", () => {
    expect(() => parseInput(JSON.parse(JSON.stringify(day)))).not.toThrow();
    for (const job of jobs) expect(JOB_KEYS).toEqual(expect.arrayContaining(Object.keys(job)));
    for (const vehicle of day.vehicles) expect(VEHICLE_KEYS).toEqual(expect.arrayContaining(Object.keys(vehicle)));
    expect(Object.keys(day.matrices ?? {})).toEqual(['car']);
  });

  it('points matrix indices and coordinates at the same places, with travel symmetric and integral', () => {
    const { durations, distances } = day.matrices!.car!;
    const n = durations!.length;
    const odd: string[] = []; // one expect at the end: 340² of them would take seconds
    for (let i = 0; i < n; i++) {
      if (durations![i][i] !== 0) odd.push(`durations[${i}][${i}] is not 0`);
      for (let j = 0; j < n; j++) {
        if (!Number.isInteger(durations![i][j]) || !Number.isInteger(distances![i][j])) odd.push(`[${i}][${j}] is not an integer`);
        if (durations![i][j] !== durations![j][i]) odd.push(`durations[${i}][${j}] differs from [${j}][${i}]`);
      }
    }
    expect(odd).toEqual([]);
    // Each vehicle starts and ends at home: one place, whose index is its rank; visits follow.
    day.vehicles.forEach((v, k) => {
      expect([v.start_index, v.end_index]).toEqual([k, k]);
      expect(v.start).toEqual(v.end);
    });
    jobs.forEach((job, k) => expect(job.location_index).toBe(day.vehicles.length + k));
    // 50 km/h: a duration is the distance at 13.9 m/s, within rounding.
    const [a, b] = [jobs[0].location_index!, jobs[1].location_index!];
    expect(Math.abs(durations![a][b] - distances![a][b] / (50 / 3.6))).toBeLessThanOrEqual(1);
  });

  it('stays in a region of about 130 × 95 km of Provence', () => {
    const points = [...jobs.map((j) => j.location!), ...day.vehicles.map((v) => v.start!)];
    for (const [lon, lat] of points) {
      expect(lon).toBeGreaterThan(4.4);
      expect(lon).toBeLessThan(6.5);
      expect(lat).toBeGreaterThan(43.0);
      expect(lat).toBeLessThan(44.15);
    }
  });

  it('gives technicians 2–4 skills (never gas and pools together), a shift about 8:00–17:30 and a lunch break', () => {
    for (const v of day.vehicles) {
      expect(v.skills!.length).toBeGreaterThanOrEqual(2);
      expect(v.skills!.length).toBeLessThanOrEqual(4);
      expect(EXCLUSIVE_SKILLS.every((s) => v.skills!.includes(s))).toBe(false);
      const [start, end] = v.time_window!;
      expect(start).toBeGreaterThanOrEqual(7.5 * H);
      expect(start).toBeLessThanOrEqual(8.5 * H);
      expect(end - start).toBeGreaterThanOrEqual(9 * H);
      expect(end).toBeLessThanOrEqual(LATEST_SHIFT_END);
      expect(v.breaks).toEqual([{ id: v.id, time_windows: [LUNCH], service: LUNCH_SERVICE }]);
    }
  });

  it('gives visits 1–3 skills, 20–120 min of service, priority 0–100 and one or two windows', () => {
    for (const job of jobs) {
      expect(job.skills!.length).toBeGreaterThanOrEqual(1);
      expect(job.skills!.length).toBeLessThanOrEqual(3);
      expect(job.service! % 300).toBe(0);
      expect(job.service!).toBeGreaterThanOrEqual(20 * 60);
      expect(job.service!).toBeLessThanOrEqual(120 * 60);
      expect(job.priority!).toBeGreaterThanOrEqual(0);
      expect(job.priority!).toBeLessThanOrEqual(100);
      expect([1, 2]).toContain(job.time_windows!.length);
    }
    const shapes = new Set(jobs.map((j) => JSON.stringify(j.time_windows)));
    expect(shapes.size).toBeGreaterThanOrEqual(4); // morning, afternoon, all day, two slots (and evening)
  });

  it('makes a few visits impossible on purpose: a skill pair nobody holds, an evening window after every shift', () => {
    const big = generateDay({ technicians: 200, visits: 1500, seed: 5, travel: 'coordinates' });
    const held = (skills: readonly number[]): boolean => big.vehicles.some((v) => skills.every((s) => v.skills!.includes(s)));
    const unheld = (big.jobs ?? []).filter((j) => !held(j.skills!));
    const evening = (big.jobs ?? []).filter((j) => j.time_windows!.every(([open]) => open > LATEST_SHIFT_END));
    // About 4 % each of 1,500: well away from both 0 and the quarter that too much work leaves unserved.
    for (const impossible of [unheld, evening]) {
      expect(impossible.length).toBeGreaterThan(30);
      expect(impossible.length).toBeLessThan(100);
    }
  });

  it('without a matrix, keeps coordinates only (for 10,000 visits)', () => {
    const input: Input = generateDay({ technicians: 3, visits: 20, seed: 1, travel: 'coordinates' });
    expect(input.matrices).toBeUndefined();
    expect(input.jobs!.every((j) => j.location_index === undefined && j.location !== undefined)).toBe(true);
    expect(input.vehicles.every((v) => v.start_index === undefined && v.start !== undefined)).toBe(true);
    expect(() => parseInput(JSON.parse(JSON.stringify(input)))).not.toThrow();
  });

  it('refuses bad options and tier names, naming the field', () => {
    expect(() => generateDay({ technicians: 0, visits: 10, seed: 1 })).toThrow(/technicians/);
    expect(() => generateDay({ technicians: 1, visits: 1.5, seed: 1 })).toThrow(/visits/);
    expect(parseTiers('40x300,60x420')).toEqual([TIERS[0], TIERS[1]]);
    expect(() => parseTier('40*300')).toThrow(/40\*300/);
  });
});
