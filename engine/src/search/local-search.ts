import type { Problem } from '../problem/model.ts';
import type { Solution } from '../solution/solution.ts';
import type { Move, MoveContext } from './operators/operator.ts';
import { OPERATORS } from './operators/registry.ts';
import { UnassignedExchange } from './exchange-unassigned.ts';

/**
 * How many nearest neighbours of a job the moves consider (granular search): 20 for fleets of
 * identical vehicles (measured best on Solomon's instances), 60 when vehicles differ (homes,
 * skills, shifts: a company's technicians), where a job's nearest jobs are often in routes whose
 * windows or day leave no room for it. On a generated 120 × 900 day, after the same CPU time as
 * VROOM -x0 (2.7 s): 661 visits and travel 590 k s with 60, 647 and 675 k s with 20.
 */
const GRANULARITY_IDENTICAL_FLEET = 20;
const GRANULARITY_MIXED_FLEET = 60;

/**
 * Applies improving moves until none is left: for every job u and each of its
 * nearest neighbours v, every operator proposes its best move around (u, v)
 * and the best of them is applied at once.
 *
 * A pair is examined again only when one of its two routes changed since u was
 * last examined (HGS's timestamps), so that polishing a solution that the
 * ruin-and-recreate changed in a few routes costs little even with 1,000 jobs.
 */
export class LocalSearch {
  private readonly positionOf: Int32Array;
  /** Solution version when each job's neighbourhood was last examined. */
  private readonly testedAt: Int32Array;
  /** Solution version when each route's positions were last indexed. */
  private readonly indexedAt: Int32Array;
  private readonly context: MoveContext;
  private readonly granularity: number;
  private readonly unassignedExchange: UnassignedExchange;

  constructor(
    private readonly problem: Problem,
    private readonly solution: Solution,
  ) {
    const n = problem.jobs.length;
    this.positionOf = new Int32Array(n);
    this.testedAt = new Int32Array(n).fill(-1);
    this.indexedAt = new Int32Array(solution.routes.length).fill(-1);
    const classes = new Set(problem.vehicles.map((v) => v.classKey)).size;
    this.granularity = classes > 1 ? GRANULARITY_MIXED_FLEET : GRANULARITY_IDENTICAL_FLEET;
    this.context = {
      problem,
      solution,
      positionOf: this.positionOf,
      allEligible: problem.eligible.every((e) => e === 1),
    };
    this.unassignedExchange = new UnassignedExchange(problem, solution);
  }

  /** `shouldStop` is asked every few jobs: a stop leaves the solution as improved so far. */
  improve(shouldStop: () => boolean = () => false): void {
    do {
      if (!this.improveRoutes(shouldStop)) return;
      // Routes are locally optimal for the jobs they serve: now change which jobs they serve.
    } while (this.unassignedExchange.run(shouldStop) && !shouldStop());
  }

  /** Moves between and within routes until none improves; false when stopped. */
  private improveRoutes(shouldStop: () => boolean): boolean {
    const { problem, solution } = this;
    const n = problem.jobs.length;
    this.reindex();
    let improved = true;
    while (improved) {
      improved = false;
      for (let u = 0; u < n; u++) {
        if (u % 16 === 15 && shouldStop()) return false;
        const tested = this.testedAt[u]!;
        this.testedAt[u] = solution.version;
        if (solution.routeOf[u]! < 0) continue;
        const neighbours = problem.neighbours.of(u);
        const limit = Math.min(this.granularity, neighbours.length);
        for (let k = 0; k < limit; k++) {
          const v = neighbours[k]!;
          const ru = solution.routeOf[u]!;
          const rv = solution.routeOf[v]!;
          if (rv < 0 || ru < 0) continue;
          if (tested >= solution.modifiedAt[ru]! && tested >= solution.modifiedAt[rv]!) continue;
          let best: Move | null = null;
          for (const operator of OPERATORS) {
            const move = operator.find(this.context, u, v);
            if (move && (!best || move.delta < best.delta)) best = move;
          }
          if (best) {
            for (const change of best.routes) solution.setJobs(change.route, change.jobs);
            this.reindex();
            improved = true;
          }
        }
      }
    }
    return true;
  }

  /** Refreshes job positions of the routes changed since they were last indexed. */
  private reindex(): void {
    const { solution } = this;
    for (let r = 0; r < solution.routes.length; r++) {
      if (this.indexedAt[r]! >= solution.modifiedAt[r]!) continue;
      const jobs = solution.routes[r]!.jobs;
      for (let i = 0; i < jobs.length; i++) this.positionOf[jobs[i]!] = i;
      this.indexedAt[r] = solution.version;
    }
  }
}

/** One-off local search of a whole solution. */
export function improveLocally(problem: Problem, solution: Solution): void {
  new LocalSearch(problem, solution).improve();
}
