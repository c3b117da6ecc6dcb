import { describe, expect, it } from 'vitest';
import { formatProgress, progressLine } from '../../cli/progress.ts';

describe('progress line', () => {
  it('formats iteration, elapsed time, best cost and unassigned jobs', () => {
    expect(formatProgress({ iteration: 1200, elapsedMs: 1340, bestCost: 5321.456, unassigned: 2 })).toBe(
      'iteration 1200  1.3 s  best cost 5321.46  unassigned 2',
    );
  });

  it('rewrites one line in place, throttled, fitted to the terminal, and clears it', () => {
    let written = '';
    const line = progressLine({ columns: 20, write: (text: string) => (written += text) });
    line.report({ iteration: 100, elapsedMs: 10, bestCost: 900, unassigned: 0 });
    line.report({ iteration: 200, elapsedMs: 50, bestCost: 800, unassigned: 0 }); // too soon: skipped
    line.report({ iteration: 300, elapsedMs: 200, bestCost: 700, unassigned: 0 });
    line.clear();
    expect(written).toBe('\riteration 100  0.0 \x1b[K\riteration 300  0.2 \x1b[K\r\x1b[K');
  });

  it('clears nothing when nothing was shown', () => {
    let written = '';
    progressLine({ write: (text: string) => (written += text) }).clear();
    expect(written).toBe('');
  });
});
