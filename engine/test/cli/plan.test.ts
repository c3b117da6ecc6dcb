import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FieldServicePlan, FieldServiceProblem } from '../../src/field-service/types.ts';
import { configOf, examples, runCli, scratchDir, usageErrorOf } from './support.ts';

const defaults = { input: undefined, output: undefined, pretty: false, osrm: undefined, osrmProfile: 'driving' };

const visitIds = (plan: FieldServicePlan): string[] => [...plan.tours.flatMap((t) => t.stops.map((s) => s.visit)), ...plan.unassigned.map((u) => u.visit)];

describe('tournee plan: options', () => {
  it('gives the documented defaults', () => {
    expect(configOf(['plan'])).toEqual({ ...defaults, timeLimitMs: 5000, seed: 1, maxIterations: undefined });
  });

  it('reads every flag', () => {
    expect(
      configOf([
        'plan',
        '-i',
        'p.json',
        '-o',
        '-',
        '-l',
        '30',
        '--seed',
        '4',
        '--iterations',
        '900',
        '--pretty',
        '--osrm',
        'http://127.0.0.1:5000',
        '--osrm-profile',
        'car',
      ]),
    ).toEqual({
      ...defaults,
      input: 'p.json',
      pretty: true,
      osrm: 'http://127.0.0.1:5000',
      osrmProfile: 'car',
      timeLimitMs: 30_000,
      seed: 4,
      maxIterations: 900,
    });
  });

  it.each([
    [['plan', '-l', '0'], /expected a positive number of seconds/],
    [['plan', '--osrm', 'localhost:5000'], /expected an http\(s\) URL/],
    [['plan', '--top', '3'], /unknown option '--top'/],
  ])('rejects %j with exit 2 and a message', (argv, message) => {
    expect(usageErrorOf(argv)).toMatch(message);
  });
});

describe('tournee plan, as a child process, on engine/examples', () => {
  const dir = scratchDir('tournee-plan-');

  it('plans the example problem into a file; every visit is in a tour or explained', async () => {
    const out = join(dir(), 'plan.json');
    const result = await runCli(['plan', '-i', join(examples, 'plan.json'), '-o', out, '--iterations', '100', '--seed', '2']);
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
    const answer = JSON.parse(readFileSync(out, 'utf8')) as FieldServicePlan & { code: number };
    expect(answer.code).toBe(0);
    const problem = JSON.parse(readFileSync(join(examples, 'plan.json'), 'utf8')) as FieldServiceProblem;
    expect(visitIds(answer).sort()).toEqual(problem.visits.map((v) => v.id).sort());
    expect(answer.unassigned.every((u) => u.reasons.length > 0)).toBe(true);
    expect(answer.kpis.assigned).toBeGreaterThan(0);
  });

  it('re-plans from now with {problem, state, plan}: done visits stay out, started ones stay first', async () => {
    const example = JSON.parse(readFileSync(join(examples, 'insert.json'), 'utf8')) as { problem: FieldServiceProblem; plan: FieldServicePlan; state: unknown };
    const result = await runCli(['plan', '--iterations', '50'], JSON.stringify({ problem: example.problem, plan: example.plan, state: example.state }));
    expect(result.status).toBe(0);
    const plan = JSON.parse(result.stdout) as FieldServicePlan;
    const done = example.problem.visits.filter((v) => v.status === 'done').map((v) => v.id);
    expect(visitIds(plan).filter((id) => done.includes(id))).toEqual([]);
    const radiator = plan.tours.find((t) => t.stops.some((s) => s.visit === 'v-radiator'));
    expect(radiator).toMatchObject({ technician: 't-amelie', day: 0 });
    expect(radiator?.stops[0]).toMatchObject({ visit: 'v-radiator', fixed: true });
  });

  it('answers a bad problem with code 2, naming the field', async () => {
    const bad = await runCli(['plan'], JSON.stringify({ horizon: { days: 1 }, technicians: [{ id: 't' }], visits: [] }));
    expect(bad.status).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({ code: 2, error: expect.stringMatching(/^technicians\[0\]\.home: /) });
  });

  it('answers a re-plan whose plan is not one with code 2', async () => {
    const example = JSON.parse(readFileSync(join(examples, 'insert.json'), 'utf8')) as { problem: unknown; state: unknown };
    const result = await runCli(['plan'], JSON.stringify({ problem: example.problem, state: example.state, plan: [] }));
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      code: 2,
      error: 'input: plan: must be a plan as `tournee plan` writes it (an object with tours and unassigned)',
    });
  });
});
