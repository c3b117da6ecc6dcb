// Latencies in whole milliseconds, counted per bucket: millions of samples in
// a fixed 80 KB, mergeable across processes.
export const MAX_MS = 10_000;

export class Histogram {
  readonly counts: number[];
  constructor(counts?: readonly number[]) {
    this.counts = counts ? [...counts] : new Array<number>(MAX_MS + 1).fill(0);
  }

  add(ms: number): void {
    const bucket = Math.min(MAX_MS, Math.max(0, Math.round(ms)));
    this.counts[bucket]! += 1;
  }

  merge(other: Histogram): void {
    for (let i = 0; i <= MAX_MS; i++) this.counts[i]! += other.counts[i]!;
  }

  get total(): number {
    return this.counts.reduce((a, b) => a + b, 0);
  }

  /** The q-quantile in ms (0 < q ≤ 1); NaN when empty. */
  quantile(q: number): number {
    const total = this.total;
    if (total === 0) return Number.NaN;
    const rank = Math.ceil(q * total);
    let seen = 0;
    for (let i = 0; i <= MAX_MS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return i;
    }
    return MAX_MS;
  }

  max(): number {
    for (let i = MAX_MS; i >= 0; i--) if (this.counts[i]! > 0) return i;
    return Number.NaN;
  }
}
