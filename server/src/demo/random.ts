// The demo's only source of randomness: the engine's seeded generator
// (sfc32) with the helpers data generation needs, and time-ordered UUIDv7 ids
// drawn from it — so one seed and one `now` give the same company, ids
// included, on every machine.
import { Rng } from '../../../engine/src/rng.ts';

export class DemoRandom {
  private readonly rng: Rng;
  private idCount = 0;

  constructor(
    seed: number,
    /** Milliseconds since the epoch that ids are stamped with. */
    private readonly idEpochMs: number,
  ) {
    this.rng = new Rng(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.rng.next();
  }

  /** Integer in [lo, hi], both inclusive. */
  between(lo: number, hi: number): number {
    return this.rng.between(lo, hi);
  }

  /** Uniform real in [lo, hi). */
  real(lo: number, hi: number): number {
    return lo + (hi - lo) * this.rng.next();
  }

  chance(probability: number): boolean {
    return this.rng.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.rng.int(items.length)]!;
  }

  /** Picks with probability proportional to weight(item). */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weight(item), 0);
    let r = this.rng.next() * total;
    for (const item of items) {
      r -= weight(item);
      if (r < 0) return item;
    }
    return items[items.length - 1]!;
  }

  /** `count` distinct items in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.rng.shuffle([...items]).slice(0, count);
  }

  shuffle<T>(items: T[]): T[] {
    return this.rng.shuffle(items);
  }

  /**
   * A UUIDv7: 48-bit millisecond stamp, then a 12-bit sequence, then 62
   * random bits. Ids issued by one generator are distinct and increasing,
   * which keeps b-tree inserts local as the database's own uuid(7) does.
   */
  uuid(): string {
    const n = this.idCount++;
    const ms = this.idEpochMs + Math.floor(n / 4096);
    const hex = (value: number, digits: number): string => value.toString(16).padStart(digits, '0');
    const timeHex = hex(Math.floor(ms / 0x10000), 8) + hex(ms % 0x10000, 4);
    const seqHex = '7' + hex(n % 4096, 3);
    const variant = hex(0x8000 | (this.rng.nextUint32() & 0x3fff), 4);
    const tail = hex(this.rng.nextUint32() & 0xffff, 4) + hex(this.rng.nextUint32(), 8);
    return `${timeHex.slice(0, 8)}-${timeHex.slice(8)}-${seqHex}-${variant}-${tail}`;
  }
}
