/** Seeded draws the day generator needs beyond `Rng`'s uniform ones. */
import { Rng } from '../../engine/src/rng.ts';
import type { Coordinates } from '../../engine/src/types.ts';

/** Standard normal deviate (Box–Muller): places thin out with the distance from a town centre. */
export function gaussian(rng: Rng): number {
  const u = 1 - rng.next(); // (0, 1]: log(0) would be −∞
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

export function pickWeighted<T>(rng: Rng, items: readonly T[], weight: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  let x = rng.next() * total;
  for (const item of items) {
    x -= weight(item);
    if (x < 0) return item;
  }
  return items[items.length - 1];
}

/** `count` distinct items drawn by weight, without replacement, among those `allowed` given the ones already drawn. */
export function pickDistinct<T>(
  rng: Rng,
  items: readonly T[],
  weight: (item: T) => number,
  count: number,
  allowed: (item: T, drawn: readonly T[]) => boolean = () => true,
): T[] {
  const drawn: T[] = [];
  while (drawn.length < count) {
    const left = items.filter((item) => !drawn.includes(item) && allowed(item, drawn));
    if (left.length === 0) break;
    drawn.push(pickWeighted(rng, left, weight));
  }
  return drawn;
}

/** Five decimals of a degree are about a metre: enough, and the JSON stays short. */
const round5 = (value: number): number => Math.round(value * 1e5) / 1e5;

/**
 * A point about `sigmaKm` around `centre`; `northOnly` for coastal towns, whose
 * customers do not live at sea.
 */
export function around(rng: Rng, centre: Coordinates, sigmaKm: number, northOnly = false): Coordinates {
  const kmPerDegLat = 111.2;
  const kmPerDegLon = 111.2 * Math.cos((centre[1] * Math.PI) / 180);
  const dx = gaussian(rng) * sigmaKm;
  let dy = gaussian(rng) * sigmaKm;
  if (northOnly) dy = Math.abs(dy);
  return [round5(centre[0] + dx / kmPerDegLon), round5(centre[1] + dy / kmPerDegLat)];
}
