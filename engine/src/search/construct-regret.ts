import type { Problem } from '../problem/model.ts';
import { insertionDelta } from '../solution/insertion.ts';
import type { Solution } from '../solution/solution.ts';

/**
 * Regret-2 insertion: repeatedly insert the job whose best place beats its
 * second best (in another route) by the most, so that jobs with few good
 * options are placed before others take them. Higher priorities first. Empty
 * routes of interchangeable vehicles count as one option.
 */
export function constructByRegret(problem: Problem, solution: Solution, jobs: readonly number[], shouldStop: () => boolean = () => false): void {
  const m = solution.routes.length;
  const n = problem.jobs.length;
  const pending = jobs.filter((j) => solution.routeOf[j]! < 0);
  // best[j * m + r]: cheapest insertion of j into r; bestAt: its position.
  const best = new Float64Array(n * m).fill(Number.POSITIVE_INFINITY);
  const bestAt = new Int32Array(n * m);

  const representative = (): boolean[] => {
    const seen = new Set<number>();
    return solution.routes.map((route) => {
      if (route.jobs.length > 0) return true;
      if (seen.has(route.vehicle.classKey)) return false;
      seen.add(route.vehicle.classKey);
      return true;
    });
  };
  let active = representative();
  const fillColumn = (r: number): void => {
    const route = solution.routes[r]!;
    for (const j of pending) {
      let cost = Number.POSITIVE_INFINITY;
      let at = -1;
      if (active[r] && problem.eligible[r * n + j] === 1) {
        for (let p = 0; p <= route.jobs.length; p++) {
          const delta = insertionDelta(problem, route, j, p);
          if (delta < cost) {
            cost = delta;
            at = p;
          }
        }
      }
      best[j * m + r] = cost;
      bestAt[j * m + r] = at;
    }
  };
  for (let r = 0; r < m; r++) fillColumn(r);

  while (pending.length > 0 && !shouldStop()) {
    let pick = -1;
    let pickPriority = -1;
    let pickRegret = Number.NEGATIVE_INFINITY;
    let pickRoute = -1;
    let pickCost = Number.POSITIVE_INFINITY;
    for (let k = 0; k < pending.length; k++) {
      const j = pending[k]!;
      let first = Number.POSITIVE_INFINITY;
      let second = Number.POSITIVE_INFINITY;
      let firstRoute = -1;
      for (let r = 0; r < m; r++) {
        const c = best[j * m + r]!;
        if (c < first) {
          second = first;
          first = c;
          firstRoute = r;
        } else if (c < second) second = c;
      }
      if (firstRoute < 0) continue;
      const regret = second === Number.POSITIVE_INFINITY ? Number.MAX_VALUE : second - first;
      const priority = problem.jobs[j]!.priority;
      if (priority > pickPriority || (priority === pickPriority && (regret > pickRegret || (regret === pickRegret && first < pickCost)))) {
        pick = k;
        pickPriority = priority;
        pickRegret = regret;
        pickRoute = firstRoute;
        pickCost = first;
      }
    }
    if (pick < 0) break;
    const j = pending[pick]!;
    pending.splice(pick, 1);
    const wasEmpty = solution.routes[pickRoute]!.jobs.length === 0;
    solution.insert(pickRoute, j, bestAt[j * m + pickRoute]!);
    if (wasEmpty) {
      const before = active;
      active = representative();
      for (let r = 0; r < m; r++) if (active[r] !== before[r] && r !== pickRoute) fillColumn(r);
    }
    fillColumn(pickRoute);
  }
}
