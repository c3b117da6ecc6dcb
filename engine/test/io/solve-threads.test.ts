import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { better, portExchange, solveInThreads } from '../../io/solve-threads.ts';
import { solve } from '../../src/solve.ts';
import type { Input, Output, SharedSolution, SolvedOutput } from '../../src/types.ts';
import { checkSolution } from '../support/check-solution.ts';

/** Twelve jobs on a line, two vehicles with room for five each: some jobs stay unassigned. */
function problem(): Input {
  const places = 13;
  const durations = Array.from({ length: places }, (_, a) => Array.from({ length: places }, (_, b) => Math.abs(a - b) * 60));
  return {
    vehicles: [
      { id: 1, start_index: 0, end_index: 0, max_tasks: 5 },
      { id: 2, start_index: 0, end_index: 0, max_tasks: 5 },
    ],
    jobs: Array.from({ length: 12 }, (_, k) => ({ id: k + 1, location_index: k + 1, service: 300, priority: (k * 37) % 100 })),
    matrices: { car: { durations } },
  };
}

describe('solveInThreads', () => {
  it('answers with the best of the searches run from seed, seed + 1, … on worker threads', async () => {
    const input = problem();
    const threaded = await solveInThreads(JSON.stringify(input), { threads: 2, seed: 7, maxIterations: 200 });
    const bySeed = [solve(input, { seed: 7, maxIterations: 200 }), solve(input, { seed: 8, maxIterations: 200 })];
    const expected = better(bySeed[1]!, bySeed[0]!) ? bySeed[1]! : bySeed[0]!;
    expect(threaded.code).toBe(0);
    // Timings differ from run to run; everything else is the deterministic search's.
    const withoutTimes = (output: Output) => ({ ...output, summary: output.code === 0 ? { ...output.summary, computing_times: undefined } : undefined });
    expect(withoutTimes(threaded)).toEqual(withoutTimes(expected));
  });

  it('with a time limit, searches that share their bests answer a feasible solution', async () => {
    const input = problem();
    const threaded = await solveInThreads(JSON.stringify(input), { threads: 2, seed: 7, timeLimitMs: 300 });
    expect(threaded.code).toBe(0);
    expect(checkSolution(input, threaded as SolvedOutput)).toEqual([]);
    // Nothing better exists than what a long single search finds on this small problem.
    const long = solve(input, { seed: 7, maxIterations: 2000 });
    expect(better(long, threaded)).toBe(false);
  });

  it('passes an input error through as VROOM code 2', async () => {
    const output = await solveInThreads('{"vehicles": []}', { threads: 2 });
    expect(output.code).toBe(2);
  });
});

describe('portExchange', () => {
  const solution = (unservedPriority: number, unserved: number, cost: number): SharedSolution => ({ unservedPriority, unserved, cost, routes: [[0, 1], [2]] });

  it('takes nothing when nothing was offered, and the best of what arrived from every peer otherwise', () => {
    const a = new MessageChannel();
    const b = new MessageChannel();
    const self = portExchange([a.port1, b.port1]);
    const peerA = portExchange([a.port2]);
    const peerB = portExchange([b.port2]);
    try {
      expect(self.take()).toBeNull();
      peerA.offer(solution(10, 2, 500));
      peerB.offer(solution(10, 1, 900));
      peerA.offer(solution(10, 2, 400));
      expect(self.take()).toEqual(solution(10, 1, 900));
      // Read once: the next look finds nothing new.
      expect(self.take()).toBeNull();
      self.offer(solution(5, 1, 1));
      expect(peerA.take()).toEqual(solution(5, 1, 1));
      expect(peerB.take()).toEqual(solution(5, 1, 1));
    } finally {
      for (const port of [a.port1, a.port2, b.port1, b.port2]) port.close();
    }
  });
});

describe('better', () => {
  const answer = (priority: number, unassigned: number, cost: number): Output => ({ code: 0, summary: { priority, unassigned, cost } }) as unknown as Output;

  it('ranks by served priority, then jobs served, then cost; an error never wins', () => {
    expect(better(answer(10, 5, 900), answer(9, 0, 1))).toBe(true);
    expect(better(answer(10, 4, 900), answer(10, 5, 1))).toBe(true);
    expect(better(answer(10, 4, 899), answer(10, 4, 900))).toBe(true);
    expect(better(answer(10, 4, 900), answer(10, 4, 900))).toBe(false);
    expect(better({ code: 2, error: 'bad' }, answer(0, 99, 1e9))).toBe(false);
    expect(better(answer(0, 99, 1e9), { code: 2, error: 'bad' })).toBe(true);
  });
});
