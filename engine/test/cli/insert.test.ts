import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FieldServicePlan, FieldServiceProblem, InsertionCandidate } from '../../src/field-service/types.ts';
import { configOf, examples, runCli, usageErrorOf } from './support.ts';

const defaults = { input: undefined, output: undefined, pretty: false, osrm: undefined, osrmProfile: 'driving' };

describe('tournee insert: options', () => {
  it('gives the documented defaults', () => {
    expect(configOf(['insert'])).toEqual({
      ...defaults,
      timeLimitMs: 1000,
      seed: 1,
      maxIterations: undefined,
      limit: undefined,
      apply: undefined,
      days: 'today',
    });
  });

  it('reads every flag; --apply alone is the best candidate', () => {
    expect(configOf(['insert', '--top', '3', '--apply', '--days', 'all', '-l', '0.5', '--seed', '9', '--iterations', '40', '--osrm-profile', 'car'])).toEqual({
      ...defaults,
      osrmProfile: 'car',
      limit: 3,
      apply: 1,
      days: 'all',
      timeLimitMs: 500,
      seed: 9,
      maxIterations: 40,
    });
    expect(configOf(['insert', '--apply', '2'])).toMatchObject({ apply: 2 });
  });

  it.each([
    [['insert', '--top', '0'], /'--top <n>' argument '0' is invalid/],
    [['insert', '--apply', 'best'], /'--apply \[rank\]' argument 'best' is invalid/],
    [['insert', '--days', 'tomorrow'], /Allowed choices are today, all/],
  ])('rejects %j with exit 2 and a message', (argv, message) => {
    expect(usageErrorOf(argv)).toMatch(message);
  });
});

describe('tournee insert, as a child process, on engine/examples', () => {
  it('ranks insertion candidates best first, --top keeps the best ones', async () => {
    const [top, all] = await Promise.all([
      runCli(['insert', '-i', join(examples, 'insert.json'), '--top', '1', '--pretty']),
      runCli(['insert', '-i', join(examples, 'insert.json')]),
    ]);
    expect(top.status).toBe(0);
    const { candidates } = JSON.parse(all.stdout) as { candidates: InsertionCandidate[] };
    expect(candidates.length).toBeGreaterThan(1);
    const scores = candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(JSON.parse(top.stdout)).toEqual({ code: 0, candidates: candidates.slice(0, 1) });
    expect(candidates.every((c) => c.day === 0 && c.eta >= 32_400)).toBe(true);
  });

  it('applies a candidate: the urgent visit lands with that technician, the answer chains into the next call', async () => {
    const result = await runCli(['insert', '-i', join(examples, 'insert.json'), '--apply', '2', '--iterations', '50']);
    expect(result.status).toBe(0);
    const answer = JSON.parse(result.stdout) as {
      candidates: InsertionCandidate[];
      applied: { candidate: InsertionCandidate; problem: FieldServiceProblem; plan: FieldServicePlan };
    };
    expect(answer.applied.candidate).toEqual(answer.candidates[1]);
    expect(answer.applied.problem.visits.some((v) => v.id === 'v-urgent-heating')).toBe(true);
    const tour = answer.applied.plan.tours.find((t) => t.stops.some((s) => s.visit === 'v-urgent-heating'));
    expect(tour).toMatchObject({ technician: answer.applied.candidate.technician, day: 0 });
  });

  it('answers a rank beyond the candidates, or a missing state, with code 2', async () => {
    const beyond = await runCli(['insert', '-i', join(examples, 'insert.json'), '--apply', '999']);
    expect(beyond.status).toBe(2);
    expect(JSON.parse(beyond.stdout)).toEqual({ code: 2, error: expect.stringMatching(/^input: --apply 999: there are \d+ candidates$/) });
    const missing = await runCli(['insert'], JSON.stringify({ problem: {}, plan: { tours: [], unassigned: [] }, visit: {} }));
    expect(missing.status).toBe(2);
    expect(JSON.parse(missing.stdout)).toEqual({ code: 2, error: "input: state: is required (the time now and the technicians' positions)" });
  });
});
