import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { parseInput } from '../../src/input/validate.ts';
import { solve } from '../../src/solve.ts';
import type { Input, SolvedOutput } from '../../src/types.ts';

/**
 * VROOM reads `location`/`start`/`end` for travel only when a profile has no matrices; beside matrices it carries
 * them to the output as given. Benchmark instances converted to VROOM's format (Gehring & Homberger: x, y up to
 * 250 and more) rely on that, so coordinates are checked as [lon, lat] only where travel is computed from them.
 */

/** A depot and two customers in Gehring & Homberger's plane, travel given by a matrix. */
function planarWithMatrices(): Input {
  return {
    vehicles: [{ id: 1, start: [250, 250], start_index: 0, end: [250, 250], end_index: 0 }],
    jobs: [
      { id: 1, location: [12, 480], location_index: 1, service: 90 },
      { id: 2, location: [-35, 95.5], location_index: 2, service: 90 },
    ],
    matrices: {
      car: {
        durations: [
          [0, 300, 500],
          [300, 0, 250],
          [500, 250, 0],
        ],
      },
    },
  };
}

function errorOf(raw: unknown): InputError {
  try {
    parseInput(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected parseInput to throw an InputError');
}

describe('planar coordinates beside matrices', () => {
  it('are accepted and kept as given', () => {
    const input = planarWithMatrices();
    const parsed = parseInput(input);
    expect(parsed.vehicles[0]).toMatchObject({ start: [250, 250], end: [250, 250] });
    expect(parsed.jobs?.map((job) => job.location)).toEqual([
      [12, 480],
      [-35, 95.5],
    ]);
  });

  it('are echoed in the output, and give no distance (travel comes from the matrix)', () => {
    const output = solve(planarWithMatrices(), { seed: 1, maxIterations: 20 });
    expect(output.code).toBe(0);
    const solved = output as SolvedOutput;
    expect(solved.unassigned).toEqual([]);
    const steps = solved.routes[0]!.steps;
    const located = Object.fromEntries(steps.map((step) => [step.type === 'job' ? `job ${step.id}` : step.type, step.location]));
    expect(located).toEqual({ start: [250, 250], 'job 1': [12, 480], 'job 2': [-35, 95.5], end: [250, 250] });
    // Great-circle distances between numbers that are not [lon, lat] would be nonsense (or NaN): VROOM reports none.
    expect(solved.summary.distance ?? 0).toBe(0);
    expect(solved.summary.duration).toBe(300 + 250 + 500);
  });

  it('must still be numbers, in pairs', () => {
    const input = planarWithMatrices() as unknown as { jobs: { location: unknown }[] };
    input.jobs[1]!.location = [12, 'north'];
    expect(errorOf(input).message).toBe('jobs[1].location[1]: must be a number, got "north"');
    input.jobs[1]!.location = [12];
    expect(errorOf(input).message).toBe('jobs[1].location: must be [lon, lat], got an array of 1 entry');
  });
});

describe('coordinates that travel is computed from (no matrices for the profile)', () => {
  it('must be a longitude and a latitude', () => {
    const error = errorOf({ vehicles: [{ id: 1, start: [250, 40] }], jobs: [{ id: 1, location: [2.3, 48.8] }] });
    expect(error.message).toBe(
      'vehicles[0].start[0]: must be a longitude from -180 to 180, got 250 (profile "car" has no matrices, so travel is computed from coordinates)',
    );
    expect(error.path).toBe('vehicles[0].start[0]');
    expect(errorOf({ vehicles: [{ id: 1, start: [2.3, 48.8] }], jobs: [{ id: 1, location: [2.3, -120] }] }).message).toBe(
      'jobs[0].location[1]: must be a latitude from -90 to 90, got -120 (profile "car" has no matrices, so travel is computed from coordinates)',
    );
  });

  it('are checked for the vehicles of a profile without matrices, even when another profile has some', () => {
    const input = planarWithMatrices() as { vehicles: object[] };
    input.vehicles.push({ id: 2, profile: 'bike', end: [250, 250] });
    expect(errorOf(input).message).toMatch(/^vehicles\[1\]\.end\[0\]: must be a longitude from -180 to 180, got 250 \(profile "bike" has no matrices/);
  });

  it('are checked on jobs when some vehicle travels by coordinates', () => {
    const input = planarWithMatrices() as { vehicles: object[] };
    input.vehicles.push({ id: 2, profile: 'bike', start: [5.4, 43.5] });
    expect(errorOf(input).message).toMatch(/^jobs\[0\]\.location\[1\]: must be a latitude from -90 to 90, got 480 \(profile "bike"/);
  });

  it('beside a durations-only matrix, real [lon, lat] still give distances', () => {
    const input = planarWithMatrices() as unknown as { vehicles: { start: number[]; end: number[] }[]; jobs: { location: number[] }[] };
    input.vehicles[0]!.start = input.vehicles[0]!.end = [5.45, 43.53];
    input.jobs[0]!.location = [5.37, 43.3];
    input.jobs[1]!.location = [5.1, 43.64];
    const output = solve(input, { seed: 1, maxIterations: 20 }) as SolvedOutput;
    expect(output.code).toBe(0);
    expect(output.summary.distance).toBeGreaterThan(50_000);
  });
});
