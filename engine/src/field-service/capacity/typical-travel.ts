/**
 * A typical travel per visit for the staffing what-if, which must err on the
 * side of enough technicians rather than of a bound: the mean of the legs
 * (in and out, averaged) to the visit's `k` nearest other places among the
 * visits' sites and the technicians' homes. Tours chain nearby visits, so a
 * visit usually costs about a leg to one of its few nearest neighbours.
 */
import type { FieldServiceContext } from '../context.ts';

export const TYPICAL_TRAVEL_NEIGHBOURS = 3;

export function typicalTravel(ctx: FieldServiceContext, visits: readonly number[], k = TYPICAL_TRAVEL_NEIGHBOURS): Map<number, number> {
  const { table, problem } = ctx;
  const placeSet = new Set<number>();
  for (const t of problem.technicians) placeSet.add(table.index(t.home));
  const siteOf = visits.map((i) => table.index(problem.visits[i]!.location));
  for (const s of siteOf) placeSet.add(s);
  const places = [...placeSet];
  const out = new Map<number, number>();
  const bySite = new Map<number, number>();
  visits.forEach((i, n) => {
    const site = siteOf[n]!;
    let known = bySite.get(site);
    if (known === undefined) {
      const legs: number[] = [];
      for (const u of places) if (u !== site) legs.push((table.time(u, site) + table.time(site, u)) / 2);
      legs.sort((a, b) => a - b);
      const nearest = legs.slice(0, k);
      known = nearest.length > 0 ? nearest.reduce((a, b) => a + b, 0) / nearest.length : 0;
      bySite.set(site, known);
    }
    out.set(i, known);
  });
  return out;
}
