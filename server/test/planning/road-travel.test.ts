// Road travel times from OSRM's table service, against a tiny OSRM on
// 127.0.0.1 (a real HTTP server answering /table/v1/driving/…): the plan is
// timed with its times; when it fails, the straight-line estimate is used,
// the failure logged and the answer says the times are estimated.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planFieldService } from '../../../engine/src/index.ts';
import { roadTravel } from '../../src/planning/road-travel.ts';
import { fromFieldServicePlan, toFieldServiceProblem } from '../../src/planning/to-field-service.ts';
import { BEFORE, intervention, PERTUIS, records, SALON } from './fixtures.ts';

/** Every road leg takes 17 minutes and 12 km in this fake world. */
const LEG_SECONDS = 1_020;
const LEG_METERS = 12_000;

describe('road travel times', () => {
  let server: Server;
  let url: string;
  let failing = false;
  const requests: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const match = /^\/table\/v1\/driving\/([^?]+)\?(.*)$/.exec(req.url ?? '');
      if (failing || !match) {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'InternalError', message: 'down for maintenance' }));
        return;
      }
      const points = match[1]!.split(';');
      const query = new URLSearchParams(match[2]!.replaceAll(';', '%3B'));
      const pick = (name: string) => query.get(name)?.split(';').map(Number) ?? points.map((_, k) => k);
      const sources = pick('sources');
      const destinations = pick('destinations');
      const table = (value: number) => sources.map((s) => destinations.map((d) => (points[s] === points[d] ? 0 : value)));
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: 'Ok', durations: table(LEG_SECONDS), distances: table(LEG_METERS) }));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((ok) => server.close(() => ok()));
  });

  const day = records({ interventions: [intervention('a', { location: PERTUIS }), intervention('b', { location: SALON })] });

  it('times the plan with OSRM’s table, and asks once for the same places', async () => {
    const travel = roadTravel({ osrmUrl: url, log: () => {} });
    const adapted = toFieldServiceProblem(day, { now: BEFORE });
    const answer = await travel.matrix(adapted.problem, adapted.state);
    expect(answer.times).toBe('road');
    const plan = fromFieldServicePlan(day, adapted, planFieldService(adapted.problem, { seed: 1, maxIterations: 20, travelMatrix: answer.matrix! }));
    const stops = plan.tours.flatMap((t) => t.stops);
    expect(stops.map((s) => s.interventionId).sort()).toEqual(['a', 'b']);
    for (const s of stops) expect(s).toMatchObject({ travelSeconds: LEG_SECONDS, travelMeters: LEG_METERS });

    const asked = requests.length;
    expect((await travel.matrix(adapted.problem, adapted.state)).times).toBe('road');
    expect(requests.length).toBe(asked); // the same day's places: from the cache
  });

  it('falls back to the straight-line estimate when OSRM fails, says so, and logs why', async () => {
    failing = true;
    const logged: string[] = [];
    const travel = roadTravel({ osrmUrl: url, log: (m) => logged.push(m) });
    const adapted = toFieldServiceProblem(day, { now: BEFORE });
    expect(await travel.matrix(adapted.problem, adapted.state)).toEqual({ matrix: undefined, times: 'estimated' });
    expect(logged[0]).toMatch(/road travel times unavailable, using estimates: .*500|InternalError|maintenance/);
    failing = false;
  });

  it('estimates without OSRM configured', async () => {
    const adapted = toFieldServiceProblem(day, { now: BEFORE });
    expect(await roadTravel({}).matrix(adapted.problem)).toEqual({ matrix: undefined, times: 'estimated' });
  });
});
