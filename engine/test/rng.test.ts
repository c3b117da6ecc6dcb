import { describe, expect, it } from 'vitest';
import { Rng } from '../src/rng.ts';

describe('Rng', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    for (let k = 0; k < 100; k++) expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it('gives different sequences for different seeds, including 0 and negative seeds', () => {
    const first = (seed: number) =>
      Array.from(
        { length: 4 },
        (
          (rng) => () =>
            rng.nextUint32()
        )(new Rng(seed)),
      );
    const seen = new Set([0, 1, 2, -1, 2 ** 31].map((s) => first(s).join(',')));
    expect(seen.size).toBe(5);
  });

  it('truncates fractional seeds (a seed is an integer)', () => {
    expect(new Rng(7.9).nextUint32()).toBe(new Rng(7).nextUint32());
  });

  it('draws next() in [0, 1), int(n) in [0, n) and between(lo, hi) in [lo, hi]', () => {
    const rng = new Rng(3);
    const ints = new Set<number>();
    const betweens = new Set<number>();
    for (let k = 0; k < 2000; k++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const i = rng.int(5);
      expect(Number.isInteger(i)).toBe(true);
      ints.add(i);
      betweens.add(rng.between(-2, 2));
    }
    expect([...ints].sort()).toEqual([0, 1, 2, 3, 4]);
    expect([...betweens].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2]);
  });

  it('is roughly uniform (each tenth of [0, 1) gets 10% ± 1.5% of 20 000 draws)', () => {
    const rng = new Rng(11);
    const buckets = new Array<number>(10).fill(0);
    for (let k = 0; k < 20_000; k++) buckets[Math.floor(rng.next() * 10)]!++;
    for (const count of buckets) expect(Math.abs(count - 2000)).toBeLessThan(300);
  });

  it('shuffles in place into a permutation, reproducibly', () => {
    const items = [...Array(20).keys()];
    const shuffled = new Rng(5).shuffle(items.slice());
    expect(shuffled.slice().sort((a, b) => a - b)).toEqual(items);
    expect(shuffled).not.toEqual(items);
    expect(new Rng(5).shuffle(items.slice())).toEqual(shuffled);
    const same = items.slice();
    expect(new Rng(5).shuffle(same)).toBe(same);
  });
});
