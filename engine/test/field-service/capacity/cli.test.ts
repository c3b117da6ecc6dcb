import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CapacityReport } from '../../../src/field-service/types.ts';
import { configOf, examples, runCli, usageErrorOf } from '../../cli/support.ts';

describe('tournee capacity: options', () => {
  it('gives the documented defaults, and reads --hours, --utilisation and --days', () => {
    expect(configOf(['capacity'])).toEqual({
      input: undefined,
      output: undefined,
      pretty: false,
      osrm: undefined,
      osrmProfile: 'driving',
      hoursPerTechnicianDay: undefined,
      utilisation: undefined,
      days: undefined,
    });
    expect(configOf(['capacity', '--hours', '7.5', '--utilisation', '0.8', '--days', '0,1,2', '-i', 'w.json'])).toMatchObject({
      hoursPerTechnicianDay: 7.5,
      utilisation: 0.8,
      days: [0, 1, 2],
      input: 'w.json',
    });
  });

  it.each([
    [['capacity', '--hours', '0'], /argument '0' is invalid/],
    [['capacity', '--utilisation', '1.2'], /expected a share above 0 and at most 1/],
    [['capacity', '--days', '0,x'], /expected day numbers separated by commas/],
    [['capacity', '--seed', '2'], /unknown option '--seed'/],
  ])('rejects %j with exit 2 and a message', (argv, message) => {
    expect(usageErrorOf(argv)).toMatch(message);
  });
});

describe('tournee capacity, as a child process, on engine/examples/capacity.json', () => {
  it('answers the bound and the staffing what-if, with code 0', async () => {
    const result = await runCli(['capacity', '-i', join(examples, 'capacity.json')]);
    expect(result.status).toBe(0);
    const answer = JSON.parse(result.stdout) as { code: number } & CapacityReport;
    expect(answer.code).toBe(0);
    // Gas and heating have one technician for two days: the bound cannot serve all of it.
    expect(answer.bound.servedPriority).toBeLessThan(answer.bound.totalPriority);
    expect(answer.bound.shortClasses.some((c) => 'gas' in c.skills)).toBe(true);
    expect(answer.staffing.unservable).toEqual([]);
    expect(answer.staffing.technicianDays).toBeGreaterThanOrEqual(Math.ceil(answer.staffing.fractionalTechnicianDays - 1e-9));
    expect(answer.staffing.byProfile.some((p) => 'gas' in p.skills)).toBe(true);
  });

  it('answers a bad problem with code 2, naming the field', async () => {
    const result = await runCli(['capacity'], JSON.stringify({ horizon: { days: 0 }, technicians: [], visits: [] }));
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ code: 2, error: expect.stringMatching(/^horizon\.days/) });
  });

  it('refuses --days outside the horizon with code 2, naming the option', async () => {
    const result = await runCli(['capacity', '-i', join(examples, 'capacity.json'), '--days', '0,5']);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ code: 2, error: expect.stringMatching(/^days\[1\]: must be a day of the horizon/) });
  });
});
