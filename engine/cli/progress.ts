import type { Progress } from '../src/types.ts';

/** The search's progress on a terminal: a status line on stderr while `solve` or `plan` runs. */

export function formatProgress(p: Progress): string {
  const cost = Number.isInteger(p.bestCost) || !Number.isFinite(p.bestCost) ? String(p.bestCost) : p.bestCost.toFixed(2);
  return `iteration ${p.iteration}  ${(p.elapsedMs / 1000).toFixed(1)} s  best cost ${cost}  unassigned ${p.unassigned}`;
}

export interface ProgressStream {
  write(text: string): unknown;
  readonly columns?: number;
}

/** Minimum time between two redraws: the engine may report far more often than a terminal can show. */
const PROGRESS_INTERVAL_MS = 100;

/** One status line on a terminal, rewritten in place and erased by `clear`. */
export function progressLine(stream: ProgressStream): { report: (p: Progress) => void; clear: () => void } {
  let shown = false;
  let lastMs = Number.NEGATIVE_INFINITY;
  return {
    report(p) {
      if (p.elapsedMs - lastMs < PROGRESS_INTERVAL_MS) return;
      lastMs = p.elapsedMs;
      // A line longer than the terminal wraps, and '\r' would then rewrite only its last part.
      const width = stream.columns && stream.columns > 1 ? stream.columns - 1 : Number.POSITIVE_INFINITY;
      stream.write(`\r${formatProgress(p).slice(0, width)}\x1b[K`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
