import { describe, expect, it } from 'vitest';
import { compileProblem } from '../../src/problem/compile.ts';
import { parseInput } from '../../src/input/validate.ts';
import type { Input } from '../../src/types.ts';

// Five jobs on a line (by coordinates, so travel is the same both ways); skills split them.
const line = (skills: (number[] | undefined)[]): Input => ({
  vehicles: [
    { id: 1, start: [5, 45], skills: [1] },
    { id: 2, start: [5, 45], skills: [2] },
  ],
  jobs: skills.map((s, i) => ({ id: 10 + i, location: [5 + 0.01 * i, 45] as [number, number], skills: s })),
});

describe('NeighbourLists', () => {
  it('orders a job’s neighbours by travel, nearest first, ties by index', () => {
    const problem = compileProblem(parseInput(line([undefined, undefined, undefined, undefined, undefined])));
    expect([...problem.neighbours.of(2)]).toEqual([1, 3, 0, 4]);
    expect([...problem.neighbours.of(0)]).toEqual([1, 2, 3, 4]);
  });

  it('leaves out jobs no vehicle can serve together with it', () => {
    // Jobs 0 and 1 need skill 1, jobs 2 and 3 skill 2, job 4 none (either vehicle).
    const problem = compileProblem(parseInput(line([[1], [1], [2], [2], undefined])));
    expect([...problem.neighbours.of(0)]).toEqual([1, 4]);
    expect([...problem.neighbours.of(3)]).toEqual([2, 4]);
    expect([...problem.neighbours.of(4)]).toEqual([3, 2, 1, 0]);
  });

  it('gives the same lists from a matrix read both ways as from the coordinates it came from', () => {
    const byCoordinates = compileProblem(parseInput(line([undefined, [1], undefined, [2], undefined])));
    const durations = byCoordinates.vehicles[0]!.travel.durations;
    const size = durations.size;
    const rows = Array.from({ length: size }, (_, a) => Array.from({ length: size }, (_, b) => durations.data[a * size + b]!));
    const input = line([undefined, [1], undefined, [2], undefined]);
    const byMatrix = compileProblem(
      parseInput({
        ...input,
        vehicles: input.vehicles.map((v) => ({ ...v, start_index: 0, start: undefined })),
        jobs: input.jobs!.map((job, i) => ({ ...job, location_index: byCoordinates.jobs[i]!.loc, location: undefined })),
        matrices: { car: { durations: rows } },
      }),
    );
    for (let j = 0; j < 5; j++) expect([...byMatrix.neighbours.of(j)]).toEqual([...byCoordinates.neighbours.of(j)]);
  });

  it('keeps the 100 nearest of a long list, ties at the cut by index', () => {
    // Job 0 alone; jobs 1-60 a little away, jobs 61-149 all at one further place.
    const jobs = Array.from({ length: 150 }, (_, i) => ({
      id: i + 1,
      location: (i === 0 ? [5, 45] : i <= 60 ? [5 + 0.001 * i, 45] : [5.2, 45]) as [number, number],
    }));
    const problem = compileProblem(parseInput({ vehicles: [{ id: 1, start: [5, 45] }], jobs }));
    const list = [...problem.neighbours.of(0)];
    expect(list).toHaveLength(100);
    expect(list.slice(0, 60)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(list.slice(60)).toEqual(Array.from({ length: 40 }, (_, i) => i + 61));
  });
});
