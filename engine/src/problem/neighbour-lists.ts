import type { JobData, SquareMatrix } from './model.ts';
import { nearestFirst } from './nearest-first.ts';

/** Length of each job's neighbour list: string removals never look further. */
const NEIGHBOUR_LIST_LENGTH = 100;

/**
 * Each job's nearest other jobs (by travel both ways), keeping only jobs that some vehicle may
 * serve together with it: two jobs no vehicle can both serve never share a route, so no move
 * between them can be valid. With skills, most near jobs are such, and a list of the nearest
 * regardless would leave the granular local search and the string removal few useful pairs.
 *
 * A list is computed the first time it is asked for (a pass over every job): on a 10,000-job day
 * all of them cost about a second, which a time limit of a few seconds cannot pay before the
 * construction, and a search cut short by its deadline never asks for most of them.
 */
export class NeighbourLists {
  private readonly lists: (Int32Array | undefined)[];
  private readonly keep: number;
  private readonly classOf: Int32Array;
  private readonly compatible: { readonly classes: number; readonly table: Uint8Array };
  private readonly locs: Int32Array;
  private readonly gaps: Float64Array;
  private readonly candidates: Int32Array;
  private readonly values: Float64Array;

  constructor(
    jobs: readonly JobData[],
    private readonly durations: SquareMatrix | undefined,
    /** The matrix is the same both ways (travel from coordinates): one read a pair, not a row and a column. */
    private readonly symmetric: boolean,
    eligible: Uint8Array,
    vehicles: number,
  ) {
    const n = jobs.length;
    this.lists = new Array<Int32Array | undefined>(n);
    this.keep = Math.max(0, Math.min(n - 1, NEIGHBOUR_LIST_LENGTH));
    const classes = compatibilityClasses(eligible, vehicles, n);
    this.classOf = classes.classOf;
    this.compatible = classes.compatible;
    this.locs = Int32Array.from(jobs, (job) => job.loc);
    this.gaps = new Float64Array(n);
    this.candidates = new Int32Array(n);
    this.values = new Float64Array(n);
  }

  /** Job `job`'s neighbours, nearest first (ties by job index). */
  of(job: number): Int32Array {
    return this.lists[job] ?? (this.lists[job] = this.compute(job));
  }

  private compute(own: number): Int32Array {
    const { locs, gaps, candidates, classOf } = this;
    const { classes, table } = this.compatible;
    const n = locs.length;
    const data = this.durations?.data;
    const size = this.durations?.size ?? 0;
    const a = locs[own]!;
    const row = classOf[own]! * classes;
    let count = 0;
    for (let k = 0; k < n; k++) {
      if (k === own || table[row + classOf[k]!] === 0) continue;
      const b = locs[k]!;
      gaps[k] = data === undefined ? 0 : this.symmetric ? 2 * data[a * size + b]! : data[a * size + b]! + data[b * size + a]!;
      candidates[count++] = k;
    }
    return nearestFirst(candidates, count, gaps, this.keep, this.values);
  }
}

/**
 * Jobs grouped by their set of eligible vehicles (a handful of skill combinations, however many
 * jobs), and which groups share a vehicle: the neighbour lists ask that of 10^8 pairs on a
 * 10,000-job day, a table lookup each instead of comparing vehicle bit sets.
 */
function compatibilityClasses(eligible: Uint8Array, vehicles: number, n: number): { classOf: Int32Array; compatible: { classes: number; table: Uint8Array } } {
  const words = Math.ceil(vehicles / 32);
  const vehicleSets = new Uint32Array(n * words);
  for (let v = 0; v < vehicles; v++) {
    for (let j = 0; j < n; j++) if (eligible[v * n + j] === 1) vehicleSets[j * words + (v >> 5)]! |= 1 << (v & 31);
  }
  const classOf = new Int32Array(n);
  const firstOfClass: number[] = [];
  const classByKey = new Map<string, number>();
  for (let j = 0; j < n; j++) {
    const key = vehicleSets.subarray(j * words, (j + 1) * words).join(',');
    let c = classByKey.get(key);
    if (c === undefined) {
      c = firstOfClass.length;
      classByKey.set(key, c);
      firstOfClass.push(j);
    }
    classOf[j] = c;
  }
  const classes = firstOfClass.length;
  const table = new Uint8Array(classes * classes);
  for (let x = 0; x < classes; x++) {
    for (let y = 0; y < classes; y++) {
      const a = firstOfClass[x]!;
      const b = firstOfClass[y]!;
      for (let w = 0; w < words; w++) {
        if ((vehicleSets[a * words + w]! & vehicleSets[b * words + w]!) !== 0) {
          table[x * classes + y] = 1;
          break;
        }
      }
    }
  }
  return { classOf, compatible: { classes, table } };
}
