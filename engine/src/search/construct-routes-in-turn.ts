import type { Problem } from '../problem/model.ts';
import { insertionDelta, legsDelta } from '../solution/insertion.ts';
import type { Solution } from '../solution/solution.ts';
import { nearestFirst } from '../problem/nearest-first.ts';

/** How many of the jobs nearest a vehicle's start and end it considers (the rest goes to later passes). */
const CANDIDATES_PER_VEHICLE = 120;

/**
 * Added to priorities in the pick's ratio, so that priority-0 jobs still rank by their time and a
 * priority of 90 against 80 weighs less than 10 against 0. Measured on generated company days
 * (120 technicians × 900 visits): 3 or 30 served less priority, 100 fewer visits' worth of it.
 */
const PRIORITY_OFFSET = 10;

/**
 * Builds routes one vehicle at a time (after Solomon's I1 heuristic, as VROOM does): each vehicle
 * takes, among the pending jobs nearest its start and end, the one that costs its day least per
 * unit of priority (added travel cost plus service), until nothing more fits.
 *
 * On days with more work than technicians this packs each technician's day with work near home,
 * where inserting each job at its cheapest place anywhere spreads technicians over the region
 * and wastes their time driving. Vehicles with the fewest eligible jobs go first, so that the
 * versatile ones are left for the jobs only they can do. Jobs left over are returned.
 */
export function constructRoutesInTurn(problem: Problem, solution: Solution, jobs: readonly number[], shouldStop: () => boolean = () => false): number[] {
  const n = problem.jobs.length;
  const pending = new Uint8Array(n);
  for (const j of jobs) if (solution.routeOf[j]! < 0) pending[j] = 1;
  const vehicles = problem.vehicles.map((v) => v.index);
  const eligibleCount = new Int32Array(vehicles.length);
  for (const v of vehicles) for (let j = 0; j < n; j++) if (pending[j] === 1 && problem.eligible[v * n + j] === 1) eligibleCount[v]!++;
  vehicles.sort((a, b) => eligibleCount[a]! - eligibleCount[b]! || a - b);

  for (const r of vehicles) {
    if (shouldStop()) break;
    const route = solution.routes[r]!;
    if (route.jobs.length > 0) continue;
    const candidates = nearestEligible(problem, r, pending);
    const boundScores = new Float64Array(candidates.length);
    const order: number[] = [];
    for (;;) {
      let pick = -1;
      let pickAt = -1;
      let pickScore = Number.POSITIVE_INFINITY;
      let pickRank = -1;
      // Each candidate's score bounded from below by leg costs alone (constant time a place), then
      // timed in the order of that bound until the bound exceeds the best score timed: the same pick
      // as timing every candidate (ties go to the nearer), for a fraction of the walks — timing was
      // half of a 1 s solve of a 60 × 420 day.
      order.length = 0;
      for (let c = 0; c < candidates.length; c++) {
        const j = candidates[c]!;
        if (pending[j] === 0) continue;
        const job = problem.jobs[j]!;
        if (!route.hasRoomFor(job)) continue;
        let lowest = Number.POSITIVE_INFINITY;
        for (let p = 0; p <= route.jobs.length; p++) lowest = Math.min(lowest, legsDelta(problem, route, j, p));
        boundScores[c] = (lowest + job.service) / (job.priority + PRIORITY_OFFSET);
        order.push(c);
      }
      order.sort((a, b) => boundScores[a]! - boundScores[b]! || a - b);
      for (const c of order) {
        if (boundScores[c]! > pickScore) break;
        const j = candidates[c]!;
        const job = problem.jobs[j]!;
        let cost = Number.POSITIVE_INFINITY;
        let at = -1;
        for (let p = 0; p <= route.jobs.length; p++) {
          const delta = insertionDelta(problem, route, j, p, cost);
          if (delta < cost) {
            cost = delta;
            at = p;
          }
        }
        if (at < 0) continue;
        // Time the job takes from the day (its added travel cost and its service) per unit of
        // priority: a knapsack's greedy ratio, since the day's time is what runs out.
        const score = (cost + job.service) / (job.priority + PRIORITY_OFFSET);
        if (score < pickScore || (score === pickScore && c < pickRank)) {
          pick = j;
          pickAt = at;
          pickScore = score;
          pickRank = c;
        }
      }
      if (pick < 0) break;
      solution.insert(r, pick, pickAt);
      pending[pick] = 0;
    }
  }
  const left: number[] = [];
  for (let j = 0; j < n; j++) if (pending[j] === 1) left.push(j);
  return left;
}

/**
 * The pending jobs vehicle r may serve, nearest its start and end first (ties by index), at most
 * CANDIDATES_PER_VEHICLE. Selected before sorting: on a 10,000-job day each vehicle would
 * otherwise sort every job it may serve, 200 times over.
 */
function nearestEligible(problem: Problem, r: number, pending: Uint8Array): Int32Array {
  const n = problem.jobs.length;
  const v = problem.vehicles[r]!;
  const { durations } = v.travel;
  const size = durations.size;
  const data = durations.data;
  const eligible = new Int32Array(n);
  const distance = new Float64Array(n);
  let count = 0;
  for (let j = 0; j < n; j++) {
    if (pending[j] === 0 || problem.eligible[r * n + j] === 0) continue;
    const loc = problem.jobs[j]!.loc;
    distance[j] = (v.startLoc >= 0 ? data[v.startLoc * size + loc]! : 0) + (v.endLoc >= 0 ? data[loc * size + v.endLoc]! : 0);
    eligible[count++] = j;
  }
  return nearestFirst(eligible, count, distance, CANDIDATES_PER_VEHICLE, new Float64Array(count));
}
