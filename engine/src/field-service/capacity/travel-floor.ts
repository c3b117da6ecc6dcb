/**
 * A lower bound on the travel each visit costs any tour that serves it, so
 * that the capacity relaxation stays a true upper bound on served priority.
 *
 * A tour runs start → v1 → … → vm → end, and its travel is the sum of its
 * legs. Every visit has one leg in and one leg out, so the travel is at least
 * the sum of the visits' legs in, and at least the sum of their legs out:
 * hence at least Σ (shortest leg into v + shortest leg out of v) / 2, the
 * shortest legs taken over every other place a tour can hold (the other
 * visits' sites and the periods' start and end places). A visit sharing its
 * site with another stop gets 0. Legs are floored to whole seconds, as the
 * core may round them.
 */
import type { FieldServiceContext } from '../context.ts';

/** Seconds of travel per visit index (of `visits`) that no tour serving it can avoid. */
export function travelFloor(ctx: FieldServiceContext, visits: readonly number[]): Map<number, number> {
  const { table, problem, periods } = ctx;
  const stopsAt = new Map<number, number>();
  const count = (place: number): void => void stopsAt.set(place, (stopsAt.get(place) ?? 0) + 1);
  for (const p of periods) {
    count(table.index(p.startLocation));
    count(table.index(p.endLocation));
  }
  const siteOf = visits.map((i) => table.index(problem.visits[i]!.location));
  for (const s of siteOf) count(s);
  const places = [...stopsAt.keys()];

  const out = new Map<number, number>();
  const bySite = new Map<number, number>();
  visits.forEach((i, k) => {
    const site = siteOf[k]!;
    // Another stop at the same place: a leg of length 0 may lead in and out.
    if ((stopsAt.get(site) ?? 0) > 1) {
      out.set(i, 0);
      return;
    }
    let known = bySite.get(site);
    if (known === undefined) {
      let inMin = Number.POSITIVE_INFINITY;
      let outMin = Number.POSITIVE_INFINITY;
      for (const u of places) {
        if (u === site) continue;
        inMin = Math.min(inMin, Math.floor(table.time(u, site)));
        outMin = Math.min(outMin, Math.floor(table.time(site, u)));
      }
      known = Number.isFinite(inMin) && Number.isFinite(outMin) ? (inMin + outMin) / 2 : 0;
      bySite.set(site, known);
    }
    out.set(i, known);
  });
  return out;
}
