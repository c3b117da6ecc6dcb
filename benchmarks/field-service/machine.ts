/** What the field-service benchmarks print about where they ran: timings mean nothing without it. */
import os from 'node:os';

export function machine(): string {
  const cpus = os.cpus();
  const load = os.loadavg()[0].toFixed(2);
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, load ${load}, ${os.platform()} ${os.release()}, node ${process.version}`;
}

export function machineJson(): Record<string, unknown> {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? null,
    cores: os.cpus().length,
    load1: os.loadavg()[0],
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
  };
}

/** The q-quantile (0…1) of `values` by the nearest-rank method: p99 of 1,000 samples is the 990th smallest. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}
